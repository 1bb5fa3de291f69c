"""Scan-path benchmark: generated plans -> degraded scans -> extract -> compare.

    .venv/bin/python benchmarks/scan.py --n 6 --dpi 300 [--seed 11] [--img2table]

Prints, per scan and overall: seconds/page, share of the time inside
Tesseract (overall: wall clock and CPU time), number-cell accuracy of the activity table (all 26 number columns,
and the non-zero cells alone; strict strings, and overall by value too: a
dash read as a blank, or a comma lost, is no wrong number in the output)
split by digit script (Arabic / Thai), and the
description CER.  Rows are matched by order: the activity table's body rows
are the truth's activities in order, then the totals row; the number columns
are the table's last 26.  With --img2table (if img2table is importable) the
same page images (rendered from the scan PDFs at --dpi) go through img2table
2.x + Tesseract (`tha+eng`, one thread) and are scored the same way; its
seconds/page count img2table's own work on an image, not the process start.
img2table runs in a venv of its own (it needs opencv-contrib, which must not
replace the project's opencv-python-headless):

    python3 -m venv /tmp/img2table-venv && /tmp/img2table-venv/bin/pip install img2table opencv-contrib-python-headless pytesseract

(pytesseract calls the `tesseract` binary: Debian's tesseract-ocr and
tesseract-ocr-tha).  IMG2TABLE_PYTHON points at another venv's python.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.generate.render_html import row_cells  # noqa: E402
from pipeline.generate.score import fold  # noqa: E402
from pipeline.model import Page  # noqa: E402
from pipeline.normalize.codes import split_code  # noqa: E402
from pipeline.normalize.numbers import parse_number  # noqa: E402
from pipeline.normalize.thai_text import join_wrapped  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.textdist import levenshtein  # noqa: E402

IMG2TABLE_SETUP = ("python3 -m venv /tmp/img2table-venv && /tmp/img2table-venv/bin/pip install img2table "
                   "opencv-contrib-python-headless pytesseract")


def activity_rows(pages: list[Page]) -> list[list[str | None]]:
    """Body rows of the activity tables (>= 27 columns) of all pages, in
    order: the description cell then the last 26 cells.  Header rows are
    told apart the way the pipeline does (`is_header_row`: by their words or
    by the grid's shape), so misread header words do not shift the rows."""
    from pipeline.normalize.activity_table import is_header_row

    rows: list[list[str | None]] = []
    for p in pages:
        for t in p.tables:
            if t.n_cols < 27:
                continue
            grid = t.rows()
            last_head = max((i for i, r in enumerate(grid[:8]) if is_header_row(r)), default=-1)
            for r in grid[last_head + 1 :]:
                by = {c.col: c for c in r}
                desc = by.get(0)
                rows.append([desc.text if desc else None] + [by[c].text if c in by else None for c in range(t.n_cols - 26, t.n_cols)])
    return rows


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _tally(totals: dict[str, dict[str, int]], truth: dict[str, Any], r: dict[str, Any]) -> str:
    """Add one plan's counts to its digit script's totals; return the script."""
    script = "thai" if truth["style"]["thai_digits"] else "arabic"
    acc = totals.setdefault(script, dict.fromkeys(_COUNTS, 0))
    for key in acc:
        acc[key] += r.get(key, 0)
    return script


_COUNTS = ("cells", "ok", "ok_value", "nonzero", "ok_nonzero", "cer_err", "cer_len", "fold_err", "fold_len", "plans", "headers", "headers_ok", "months_ok")


def compare(truth: dict[str, Any], pages: list[Page], first_page_only: bool = False) -> dict[str, Any]:
    s = truth["style"]
    acts = truth["activities"]
    if first_page_only:
        acts = [a for a in acts if a.get("page") in (None, 1)]
    want = [(row_cells(a, s), a) for a in acts]
    if not first_page_only:
        want.append((row_cells(truth["totals"], s), None))
    got = activity_rows(pages)
    ok = ok_value = n = ok_nz = nz = 0
    cer_err = cer_len = fold_err = fold_len = 0
    errors = []
    for i, (cells, act) in enumerate(want):
        g = got[i] if i < len(got) else [None] * 27
        for j, (a, b) in enumerate(zip(cells, g[1:])):
            b = b if b is None else "".join(b.split())
            n += 1
            ok += a == b
            ok_value += _same_value(a, b)
            if a not in ("", "-"):
                nz += 1
                ok_nz += a == b
            if a != b and len(errors) < 12:
                errors.append((i, j, a, b))
        if act is not None and g[0] is not None:
            text = _norm(join_wrapped(g[0].split("\n")))
            # drop the row code (1.2.3, "๓ . ๑") the cell starts with, as
            # the pipeline does when it writes the description
            text = split_code(text)[1]
            ref = _norm(act["description"])
            cer_err += levenshtein(text, ref)
            cer_len += len(ref)
            # Thai puts no spaces between words and none where a line wraps:
            # a space OCR adds or drops inside a Thai run is no content
            # (`score.fold`, as benchmarks/accuracy.py counts)
            fold_err += levenshtein(fold(text), fold(ref))
            fold_len += len(fold(ref))
    return {
        "rows_want": len(want), "rows_got": len(got), "cells": n, "ok": ok, "ok_value": ok_value, "nonzero": nz, "ok_nonzero": ok_nz,
        "cer_err": cer_err, "cer_len": cer_len, "fold_err": fold_err, "fold_len": fold_len, "errors": errors,
    }


def _same_value(want: str, got: str | None) -> bool:
    """Whether a cell read as `got` carries the value of `want` as the
    output contract reads it: a dash and a blank are both zero, and a
    thousands comma lost or a Thai digit's script changes no value
    (`numbers` above counts the strings, strictly)."""
    value = parse_number(want)
    return got is not None and value is not None and parse_number(got) == value


def make_scans(out: Path, n: int, seed: int, dpi: int, thai_share: float) -> list[tuple[Path, dict]]:
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth

    items = []
    for i in range(1, n + 1):
        scan = out / f"plan_{i:04d}_{dpi}.scan.pdf"
        known = out / f"plan_{i:04d}.truth.json"
        if scan.exists() and known.exists():  # a kept corpus (--out) is read again, not remade
            items.append((scan, json.loads(known.read_text(encoding="utf-8"))))
            continue
        truth = make_truth(seed, i)
        # a fixed share of Thai-digit plans, whatever the random style said
        truth["style"]["thai_digits"] = (i % max(1, round(1 / thai_share))) == 0 if thai_share > 0 else False
        pdf = out / f"plan_{i:04d}.pdf"
        render_pdf(truth, pdf)
        info = write_scan(truth, pdf, scan, "scan_pdf", random.Random(seed * 1000 + i), dpi=dpi)
        truth["_degrade"] = info
        (out / f"plan_{i:04d}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
        items.append((scan, truth))
    return items


def make_photos(out: Path, n: int, seed: int) -> list[tuple[Path, dict]]:
    """n phone photos of page 1 of generated plans (issue 9's photo mode)."""
    from pipeline.generate.photo import write_photo
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth

    out.mkdir(parents=True, exist_ok=True)
    items = []
    for i in range(1, n + 1):
        photo, known = out / f"plan_{i:04d}.photo.jpg", out / f"plan_{i:04d}.truth.json"
        if photo.exists() and known.exists():
            items.append((photo, json.loads(known.read_text(encoding="utf-8"))))
            continue
        truth = make_truth(seed + 1, i)
        pdf = out / f"plan_{i:04d}.pdf"
        truth["_pages"] = render_pdf(truth, pdf)
        write_photo(truth, pdf, photo, random.Random(seed * 2000 + i))
        known.write_text(json.dumps(truth, ensure_ascii=False))
        items.append((photo, truth))
    return items


def _end_to_end(doc, path: Path, truth: dict[str, Any], first_page_only: bool) -> dict[str, int]:
    """Header fields and month mapping of the plan the pipeline makes of the
    document (normalize -> validate without repair -> output rows)."""
    from pipeline.generate.score import month_mapping_ok, score_first_page, score_rows
    from pipeline.model import Result, SourceInfo
    from pipeline.normalize.form import normalize_document
    from pipeline.tables import result_rows
    from pipeline.validate.validate import validate

    plan = validate(normalize_document(doc), "none")
    info = SourceInfo(path=path.name, sha256="0" * 64, source_kind=doc.source_kind.value, pages=len(doc.pages))
    rows = result_rows(Result(info, plan))
    if first_page_only:
        score = score_first_page(rows, truth, truth.get("_pages", 1))
        months_ok = month_mapping_ok(rows, {**truth, "activities": [a for a in truth["activities"] if a.get("page") in (None, 1)]})
    else:
        score = score_rows(rows, truth)
        months_ok = month_mapping_ok(rows, truth)
    wrong = [w for w in score.wrong if w.startswith(("header", "indicators"))]
    return {"plans": 1, "headers": score.headers, "headers_ok": score.headers_right, "months_ok": int(months_ok),
            "header_wrong": wrong}


def run_ours(items, dpi: int, first_page_only: bool = False) -> dict[str, Any]:
    from pipeline.extract import extract
    from pipeline.ocr import get_engine
    from pipeline.settings import Settings

    engine = get_engine()
    if hasattr(engine, "thai_digit_reader"):
        engine.thai_digit_reader  # templates load once, outside the timing
    settings = Settings(dpi=dpi)
    totals: dict[str, dict[str, float]] = {}
    secs = cpu = pages = 0
    tess0 = getattr(engine, "seconds", 0.0)
    tess_cpu0 = getattr(engine, "cpu_seconds", 0.0)
    for path, truth in items:
        t0, c0 = time.perf_counter(), time.process_time()
        doc = extract(path, settings)
        el = time.perf_counter() - t0
        secs += el
        cpu += time.process_time() - c0
        pages += len(doc.pages)
        r = compare(truth, doc.pages, first_page_only)
        r.update(_end_to_end(doc, path, truth, first_page_only))
        script = _tally(totals, truth, r)
        print(f"  {path.name}: {truth['style']['font']:<16} {script:<6} {el / len(doc.pages):5.2f} s/page  "
              f"rows {r['rows_got']}/{r['rows_want']}  numbers {r['ok']}/{r['cells']}  non-zero {r['ok_nonzero']}/{r['nonzero']}  "
              f"CER {r['cer_err'] / max(1, r['cer_len']):.3f}  headers {r['headers_ok']}/{r['headers']}  "
              f"months {'ok' if r['months_ok'] else 'WRONG'}  {r['errors'][:4]}  {r['header_wrong'][:2]}", flush=True)
    tess = getattr(engine, "seconds", 0.0) - tess0
    tess_cpu = getattr(engine, "cpu_seconds", 0.0) - tess_cpu0
    # CPU seconds too: on a machine shared with other jobs the wall clock
    # stretches (and Tesseract's share with it), CPU time much less
    return {"seconds_per_page": secs / max(1, pages), "tesseract_share": tess / max(secs, 1e-9),
            "cpu_per_page": cpu / max(1, pages), "tesseract_cpu_share": tess_cpu / max(cpu, 1e-9),
            "by_script": totals, "pages": pages}


# img2table needs cv2.ximgproc (opencv-contrib), which must not replace the
# project's opencv-python-headless: it runs in a venv of its own, this script
# in it, one process for all pages; cells come back as JSON on stdout.
IMG2TABLE_PYTHON = os.environ.get("IMG2TABLE_PYTHON", "/tmp/img2table-venv/bin/python")
_MARK = "@@img2table-json@@"
_IMG2TABLE_HELPER = f"_MARK = {_MARK!r}\n" + r"""
import json, sys, time
from img2table.document import Image
from img2table.ocr import TesseractOCR
ocr = TesseractOCR(n_threads=1, lang="tha+eng")
out = []
for path in json.loads(sys.argv[1]):
    t0 = time.perf_counter()
    doc = Image(path, detect_rotation=True)
    tables = doc.extract_tables(ocr=ocr, implicit_rows=False, borderless_tables=False, min_confidence=30)
    rows = [[["" if c.value is None else str(c.value) for c in row] for row in t.content.values()] for t in tables]
    out.append({"path": path, "seconds": time.perf_counter() - t0, "tables": rows})
sys.stdout.write("\n" + _MARK)  # img2table prints Tesseract's version on stdout
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def _page_images(scan: Path, dpi: int, out: Path) -> list[Path]:
    """The scan's pages as PNG files (the same pixels our extractor reads)."""
    import pypdfium2 as pdfium

    paths = []
    pdf = pdfium.PdfDocument(str(scan))
    for k in range(len(pdf)):
        p = out / f"{scan.name.split('.')[0]}_p{k + 1}.png"
        pdf[k].render(scale=dpi / 72, grayscale=True).to_pil().convert("L").save(p, dpi=(dpi, dpi))
        paths.append(p)
    return paths


def run_img2table(items, dpi: int, tmp: Path, first_page_only: bool = False) -> dict[str, Any] | None:
    from pipeline.model import Cell, Table

    if not Path(IMG2TABLE_PYTHON).is_file():
        print(f"img2table venv not found at {IMG2TABLE_PYTHON}; make it with:\n  {IMG2TABLE_SETUP}")
        return None
    secs = pages = 0
    totals: dict[str, dict[str, float]] = {}
    for scan, truth in items:
        images = [scan] if scan.suffix.lower() in (".jpg", ".png") else _page_images(scan, dpi, tmp)
        proc = subprocess.run([IMG2TABLE_PYTHON, "-c", _IMG2TABLE_HELPER, json.dumps([str(p) for p in images])],
                              capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        if proc.returncode != 0:
            print(f"img2table failed on {scan.name}: {proc.stderr.strip()[-600:]}")
            return None
        fake_pages = []
        el = 0.0
        for k, res in enumerate(json.loads(proc.stdout.split(_MARK, 1)[1]), 1):
            el += res["seconds"]
            pg = Page(number=k, width=0, height=0)
            for rows in res["tables"]:
                cells = [Cell(r, c, v, k) for r, row in enumerate(rows) for c, v in enumerate(row)]
                pg.tables.append(Table(k, len(rows), max((len(r) for r in rows), default=0), cells))
            fake_pages.append(pg)
        secs += el
        pages += len(fake_pages)
        r = compare(truth, fake_pages, first_page_only)
        _tally(totals, truth, r)
        print(f"  img2table {scan.name}: {el / max(1, len(fake_pages)):5.2f} s/page  rows {r['rows_got']}/{r['rows_want']}  "
              f"numbers {r['ok']}/{r['cells']}  non-zero {r['ok_nonzero']}/{r['nonzero']}  "
              f"CER {r['cer_err'] / max(1, r['cer_len']):.3f}", flush=True)
    return {"seconds_per_page": secs / max(1, pages), "by_script": totals, "pages": pages}


def _report(name: str, res: dict[str, Any]) -> None:
    print(f"{name}: {res['seconds_per_page']:.2f} s/page over {res['pages']} pages"
          + (f", {100 * res['tesseract_share']:.0f} % inside Tesseract" if "tesseract_share" in res else "")
          + (f"; CPU {res['cpu_per_page']:.2f} s/page, {100 * res['tesseract_cpu_share']:.0f} % inside Tesseract"
             if "cpu_per_page" in res else ""))
    for script, a in sorted(res["by_script"].items()):
        line = (f"  {script:<6} numbers {100 * a['ok'] / max(1, a['cells']):6.2f} % of {int(a['cells'])} cells "
                f"({100 * a['ok_value'] / max(1, a['cells']):.2f} % by value), "
                f"non-zero {100 * a['ok_nonzero'] / max(1, a['nonzero']):6.2f} % of {int(a['nonzero'])}, "
                f"description CER {100 * a['cer_err'] / max(1, a['cer_len']):.2f} % (spaces kept; "
                f"{100 * a.get('fold_err', 0) / max(1, a.get('fold_len', 0)):.2f} % whitespace folded)")
        if a["plans"]:
            line += (f", header fields {100 * a['headers_ok'] / max(1, a['headers']):.2f} % of {int(a['headers'])}, "
                     f"month mapping {int(a['months_ok'])}/{int(a['plans'])} plans")
        print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=6, help="plans (each 1-4 pages)")
    ap.add_argument("--dpi", type=int, default=300, help="the scans' resolution")
    ap.add_argument("--read-dpi", type=int, default=None,
                    help="the resolution the scans are read at (default: thaiplan's default --dpi, as `thaiplan run` "
                         "reads them; img2table gets page images rendered at it too)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--thai-share", type=float, default=0.5, help="share of plans printed with Thai digits")
    ap.add_argument("--photos", type=int, default=0, help="also this many phone photos (page 1 of other plans)")
    ap.add_argument("--out", type=Path, default=None, help="keep the scans here (default: a temp folder)")
    ap.add_argument("--img2table", action="store_true")
    args = ap.parse_args()
    read_dpi = args.read_dpi or Settings().dpi
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        print(f"making {args.n} scans at {args.dpi} dpi in {out} (read at {read_dpi} dpi) ...", flush=True)
        runs = [("thaiplan", make_scans(out, args.n, args.seed, args.dpi, args.thai_share), False)]
        if args.photos:
            print(f"making {args.photos} phone photos in {out / 'photos'} ...", flush=True)
            runs.append(("thaiplan photos", make_photos(out / "photos", args.photos, args.seed), True))
        for name, items, first_page_only in runs:
            print(f"{name}:")
            _report(name, run_ours(items, read_dpi, first_page_only))
            if args.img2table:
                other = run_img2table(items, read_dpi, Path(tmp), first_page_only)
                if other:
                    _report(name.replace("thaiplan", "img2table"), other)


if __name__ == "__main__":
    main()
