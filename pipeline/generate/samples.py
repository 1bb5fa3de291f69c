"""Write numbered sample plans: truth JSON plus renderings.

    write_samples(Path("data/raw/generated"), 20, seed=7, kinds=("pdf", "txt"))

writes plan_0001.truth.json, plan_0001.pdf, plan_0001.txt, ...  Plan i uses
`random.Random(f"{seed}:{i}")`-style seeding (an integer derived from seed
and i), so plan i is the same whatever n is, and the same seed gives the same
truth and the same PDF bytes.  Fonts rotate over `vocab.FONTS` by plan number
so a handful of samples covers every font.

Kinds:
  "pdf"   digital PDF (WeasyPrint, fixed text layer)         -> plan_NNNN.pdf
  "txt"   OCR-tool text export (pipeline.generate.export)    -> plan_NNNN.txt
  "scan_pdf", "png", "tiff"
          scans made from the digital PDF by
          pipeline.generate.degrade.write_scan(truth, pdf_path, out_path, kind, rng)
          -> plan_NNNN.scan.pdf / plan_NNNN.png / plan_NNNN.tiff
          (the PDF is rendered first even if "pdf" is not asked for; it is
          then removed again).
  "photo" phone photo of page 1 (pipeline.generate.photo.write_photo(truth,
          pdf_path, out_path, rng))                           -> plan_NNNN.photo.jpg
"""

from __future__ import annotations

import importlib
import json
import logging
import random
from pathlib import Path
from typing import Any

from . import vocab
from .truth import random_plan

log = logging.getLogger(__name__)

SCAN_KINDS: dict[str, str] = {"scan_pdf": ".scan.pdf", "png": ".png", "tiff": ".tiff"}
PHOTO_KINDS: dict[str, str] = {"photo": ".photo.jpg"}
KNOWN_KINDS = ("pdf", "txt", *SCAN_KINDS, *PHOTO_KINDS)


def plan_seed(seed: int, i: int) -> int:
    """The seed of plan number i (from 1) of a run with `seed`."""
    return seed * 1_000_003 + i


def make_truth(seed: int, i: int) -> dict[str, Any]:
    """The truth of plan number i, with the font rotated by plan number."""
    s = plan_seed(seed, i)
    truth = random_plan(random.Random(s), seed=s)
    truth["style"]["font"] = vocab.FONTS[(i - 1 + seed) % len(vocab.FONTS)]
    return truth


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def write_truth(truth: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_samples(
    out_dir: Path,
    n: int,
    seed: int = 0,
    kinds: tuple[str, ...] = ("pdf", "txt"),
    scan_dpi: int | None = None,
) -> list[Path]:
    """Write n plans to out_dir; return the paths written (truth files included).
    `scan_dpi` fixes the resolution of scan kinds (default: 200 or 300 at random)."""
    unknown = [k for k in kinds if k not in KNOWN_KINDS]
    if unknown:
        raise ValueError(f"unknown sample kinds {unknown}; known: {KNOWN_KINDS}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    export = degrade = None
    if "txt" in kinds:
        export = _optional("pipeline.generate.export")
        if export is None:
            log.warning("pipeline.generate.export is not there yet: skipping kind 'txt'")
    scan_kinds = [k for k in kinds if k in SCAN_KINDS]
    if scan_kinds:
        degrade = _optional("pipeline.generate.degrade")
        if degrade is None:
            log.warning("pipeline.generate.degrade is not there yet: skipping kinds %s", scan_kinds)
            scan_kinds = []

    photo_kinds = [k for k in kinds if k in PHOTO_KINDS]

    for i in range(1, n + 1):
        stem = f"plan_{i:04d}"
        truth = make_truth(seed, i)
        # a separate stream for the renderings so that they never shift the truth
        rng = random.Random(plan_seed(seed, i) ^ 0x5EED)
        pdf_path = out_dir / f"{stem}.pdf"
        need_pdf = "pdf" in kinds or bool(scan_kinds) or bool(photo_kinds)
        if need_pdf:
            from .render_pdf import render_pdf

            render_pdf(truth, pdf_path)  # also fills activity pages
            if "pdf" in kinds:
                written.append(pdf_path)
        if export is not None:
            txt_path = out_dir / f"{stem}.txt"
            export.write_export(truth, txt_path, flavour="tab", rng=rng)
            written.append(txt_path)
        for kind in scan_kinds:
            out_path = out_dir / f"{stem}{SCAN_KINDS[kind]}"
            degrade.write_scan(truth, pdf_path, out_path, kind, rng, dpi=scan_dpi)
            written.append(out_path)
        for kind in photo_kinds:
            from .photo import write_photo

            out_path = out_dir / f"{stem}{PHOTO_KINDS[kind]}"
            write_photo(truth, pdf_path, out_path, rng)
            written.append(out_path)
        if need_pdf and "pdf" not in kinds:
            pdf_path.unlink(missing_ok=True)
        truth_path = out_dir / f"{stem}.truth.json"
        write_truth(truth, truth_path)
        written.append(truth_path)
    return written


def main(argv: list[str] | None = None) -> None:
    """`python -m pipeline.generate.samples OUT_DIR N [SEED] [KINDS,...]`"""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        raise SystemExit("usage: python -m pipeline.generate.samples OUT_DIR N [SEED] [pdf,txt,...]")
    logging.basicConfig(level=logging.INFO)
    kinds = tuple(args[3].split(",")) if len(args) > 3 else ("pdf", "txt")
    paths = write_samples(Path(args[0]), int(args[1]), int(args[2]) if len(args) > 2 else 0, kinds)
    print(f"wrote {len(paths)} files to {args[0]}")


if __name__ == "__main__":
    main()
