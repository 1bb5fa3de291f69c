"""Numeric accuracy before and after repair, plans per status, the
silent-error rate, and what repair does with deliberately injected errors.

    .venv/bin/python benchmarks/accuracy.py [--n 20] [--kinds pdf,scan_pdf] [--dpi 300,200]

Silent-error rate: wrong numeric values in the output that sit in a plan marked
ok/repaired and that no finding names, divided by all numeric values.

Injected errors: k = 1..5 random digits changed in the extractor output (the
number cells of the activity table and block (5)) of each plan; each is counted
as repaired (back to the true value), flagged (a finding names its row, month
or cell) or missed; and every correct value that repair changed is counted."""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import zlib
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from pipeline.extract import extract  # noqa: E402
from pipeline.generate.samples import write_samples  # noqa: E402
from pipeline.generate.score import Score, score_rows  # noqa: E402
from pipeline.model import Cell, Document, Finding, Plan, Result, SourceInfo  # noqa: E402
from pipeline.normalize import activity_table as at  # noqa: E402
from pipeline.normalize.form import normalize_document  # noqa: E402
from pipeline.normalize.numbers import parse_number  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.tables import result_rows  # noqa: E402
from pipeline.validate.constraints import cells as plan_cells  # noqa: E402
from pipeline.validate.validate import validate  # noqa: E402

ARABIC, THAI = "0123456789", "๐๑๒๓๔๕๖๗๘๙"
SUFFIX = {"pdf": ".pdf", "scan_pdf": ".scan.pdf", "png": ".png", "tiff": ".tiff", "txt": ".txt"}


def corpus(kind: str, n: int, seed: int, dpi: int | None) -> Path:
    folder = Path(f"/tmp/thaiplan-bench/accuracy-{kind}-{dpi or 0}-{seed}-{n}")
    if not (folder / ".done").exists():
        kinds = ("pdf",) if kind == "pdf" else ("pdf", kind)
        write_samples(folder, n, seed=seed, kinds=kinds, scan_dpi=dpi)
        (folder / ".done").write_text("ok")
    return folder


def sources(folder: Path, kind: str) -> list[tuple[Path, Path]]:
    out = []
    for truth in sorted(folder.glob("*.truth.json")):
        stem = truth.name.replace(".truth.json", "")
        matches = sorted(p for p in folder.glob(stem + "*") if p.name.endswith(SUFFIX[kind]) and p != truth)
        if kind == "pdf":
            matches = [p for p in matches if not p.name.endswith(".scan.pdf")]
        if matches:
            out.append((matches[0], truth))
    return out


def rows_of(plan: Plan, path: Path, doc: Document) -> dict:
    info = SourceInfo(path=path.name, sha256="0" * 64, source_kind=doc.source_kind.value, pages=len(doc.pages))
    return result_rows(Result(info, plan))


def named(finding: Finding, code: str | None, month: int | None, cell: Cell) -> bool:
    if finding.severity != "error":
        return False
    if finding.box is not None and cell.box is not None and finding.box == cell.box:
        return True
    if code is not None and finding.code == code:
        return True
    return month is not None and finding.month_index == month and finding.code in ("TOTAL", code)


def silent_errors(plan: Plan, rows: dict, truth: dict) -> tuple[int, int]:
    """(wrong values no finding names in an ok/repaired plan, all values)."""
    score = score_rows(rows, truth)
    if plan.status not in ("ok", "repaired"):
        return 0, score.numbers
    silent = 0
    for wrong in score.wrong:
        if "description" in wrong or wrong.startswith(("header", "indicators", "row ")):
            continue
        silent += 1
    return silent, score.numbers


def number_cells(doc: Document) -> list[Cell]:
    """Cells of the activity table body (and block (5)) that hold digits."""
    out = []
    for page in doc.pages:
        for table in page.tables:
            if not at.is_activity_table(table):
                if any("งบประมาณที่ได้รับ" in c.text for c in table.cells):
                    out += [c for c in table.cells if c.row > 0 and parse_number(c.text) and "บาท" in c.text]
                continue
            for row in table.rows():
                if at.is_header_row(row) or len(row) < 3:
                    continue
                out += [c for c in row[1:] if any(ch in ARABIC + THAI for ch in c.text)]
    return out


def inject(doc: Document, k: int, rng: random.Random) -> list[tuple[Cell, str]]:
    """Change one digit in each of k random number cells; returns (cell, original text)."""
    pool = number_cells(doc)
    chosen = rng.sample(pool, min(k, len(pool)))
    out = []
    for cell in chosen:
        positions = [i for i, ch in enumerate(cell.text) if ch in ARABIC + THAI]
        i = rng.choice(positions)
        digits = THAI if cell.text[i] in THAI else ARABIC
        new = rng.choice([d for d in digits if d != cell.text[i]])
        out.append((cell, cell.text))
        cell.text = cell.text[:i] + new + cell.text[i + 1 :]
    return out


def where(plan: Plan, cell: Cell) -> tuple[tuple[str | None, int | None, str | None], float | None]:
    """The injected cell's place (code, month, field) in the plan, and its value there."""
    for num, place in plan_cells(plan):
        if num.box is not None and num.box == cell.box and num.page == cell.page:
            return (place.code, place.month_index, place.field), num.value
    return (None, None, None), None


def measure(kind: str, n: int, seed: int, dpi: int | None, ks: list[int]) -> None:
    folder = corpus(kind, n, seed, dpi)
    pairs = sources(folder, kind)
    settings = Settings()  # read at the default 300 dpi whatever the scan was made at
    before, after = Score(), Score()
    status: Counter[str] = Counter()
    silent = total = 0
    injected: dict[int, Counter[str]] = {k: Counter() for k in ks}
    for path, truth_path in pairs:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc = extract(path, settings)
        plan0 = validate(normalize_document(copy.deepcopy(doc)), "none")
        before.add(score_rows(rows_of(plan0, path, doc), truth))
        plan = validate(normalize_document(copy.deepcopy(doc)), settings.repair)
        rows = rows_of(plan, path, doc)
        after.add(score_rows(rows, truth))
        status[plan.status] += 1
        s, t = silent_errors(plan, rows, truth)
        silent, total = silent + s, total + t
        if plan0.status != "ok":
            continue  # inject only into plans that read clean, so every error is ours
        truth_values = {(pl.code, pl.month_index, pl.field): num.value for num, pl in plan_cells(plan0)}
        for k in ks:
            rng = random.Random(zlib.crc32(f"{path.name}/{k}/{seed}".encode()))  # same errors every run
            bad = copy.deepcopy(doc)
            changes = inject(bad, k, rng)
            planned = validate(normalize_document(bad), "all")
            for cell, _original in changes:
                (code, month, field), value = where(planned, cell)
                true_value = truth_values.get((code, month, field))
                fixed = any(f.repaired and f.box == cell.box for f in planned.findings)
                if fixed and value is not None and true_value is not None and abs(value - true_value) < 0.005:
                    injected[k]["repaired"] += 1
                elif any(named(f, code, month, cell) for f in planned.findings):
                    injected[k]["flagged"] += 1
                else:
                    injected[k]["missed"] += 1
            for num, pl in plan_cells(planned):
                want = truth_values.get((pl.code, pl.month_index, pl.field))
                was_injected = any(num.box == c.box for c, _ in changes)
                if not was_injected and want is not None and num.value is not None and abs(num.value - want) > 0.005:
                    injected[k]["correct_changed"] += 1

    label = f"{kind}" + (f" @ {dpi} dpi" if kind != "pdf" and kind != "txt" else "")
    print(f"\n== {label}: {len(pairs)} plans")
    print(f"numeric accuracy before repair: {before.number_accuracy:.4%} ({before.numbers_right}/{before.numbers})")
    print(f"numeric accuracy after repair:  {after.number_accuracy:.4%} ({after.numbers_right}/{after.numbers})")
    print(f"header fields: {after.header_accuracy:.2%} ({after.headers_right}/{after.headers}); "
          f"description CER {after.description_cer:.2%}; rows found {after.rows_found}/{after.rows_expected}")
    print("plans by status: " + ", ".join(f"{s} {status[s] / max(1, len(pairs)):.0%}" for s in ("ok", "repaired", "flagged", "failed")))
    print(f"silent-error rate: {silent / max(1, total):.4%} ({silent} of {total} values)")
    for k in ks:
        c = injected[k]
        n_inj = c["repaired"] + c["flagged"] + c["missed"]
        if n_inj:
            print(f"injected k={k}: {n_inj} errors -> repaired {c['repaired'] / n_inj:.1%}, flagged {c['flagged'] / n_inj:.1%}, "
                  f"missed {c['missed']}; correct values changed: {c['correct_changed']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=505)
    parser.add_argument("--kinds", default="pdf,scan_pdf")
    parser.add_argument("--dpi", default="300,200", help="for scanned kinds")
    parser.add_argument("--k", default="1,2,3,4,5")
    args = parser.parse_args()
    ks = [int(k) for k in args.k.split(",")]
    for kind in args.kinds.split(","):
        for dpi in ([int(d) for d in args.dpi.split(",")] if kind in ("scan_pdf", "png", "tiff") else [None]):
            measure(kind, args.n, args.seed, dpi, ks)


if __name__ == "__main__":
    main()
