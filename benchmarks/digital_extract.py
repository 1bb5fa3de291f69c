"""Speed and accuracy of `extract_pdf` on generated plans.

    PYTHONPATH=. .venv/bin/python benchmarks/digital_extract.py [N_PLANS] [OUT_DIR]

Renders N plans with the project's generator (or reuses OUT_DIR/*.pdf with
their .truth.json), then reports pages/second on one core, the share of the
time spent inside PDFium calls (profiled), and per plan how many activity
number cells and descriptions match the truth (descriptions after
`clean_thai`).
"""

from __future__ import annotations

import cProfile
import json
import pstats
import random
import re
import sys
import time
from pathlib import Path

from pipeline.extract.pdf import extract_pdf
from pipeline.model import Document, Table
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.thai_text import clean_thai, fold
from pipeline.settings import Settings

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def activity_tables(doc: Document) -> list[Table]:
    return [t for p in doc.pages for t in p.tables if t.n_cols >= 27]


def compare(doc: Document, truth: dict) -> dict:
    """Match activity rows by code; count number cells and descriptions right."""
    rows: dict[str, list] = {}
    totals = None
    for table in activity_tables(doc):
        for row in table.rows():
            if not row or row[0].col != 0:
                continue
            first = row[0].text
            if first.translate(_THAI_DIGITS).startswith("(12)"):
                totals = row
                continue
            m = re.match(r"^([0-9๐-๙]+(?:\.[0-9๐-๙]+)*)\.?\s", first.translate(_THAI_DIGITS) + " ")
            if m and len(row) == 27:
                rows.setdefault(m.group(1), row)
    num_ok = num_all = desc_ok = desc_all = 0
    bad: list[str] = []

    def check_nums(label: str, cells: list, want: list) -> None:
        nonlocal num_ok, num_all
        for cell, w in zip(cells, want):
            num_all += 1
            got = parse_number(cell.text)
            if got is not None and abs(got - (w or 0)) < 0.005:
                num_ok += 1
            else:
                bad.append(f"{label} col {cell.col}: {cell.text!r} != {w}")

    for act in truth["activities"]:
        code = act["code"]
        row = rows.get(code)
        desc_all += 1
        if row is None:
            bad.append(f"row {code} not found")
            num_all += 26
            continue
        text = row[0].text.translate(_THAI_DIGITS)
        got_desc = clean_thai(text[len(code):].lstrip(". "))
        if fold(got_desc) == fold(act["description"]):
            desc_ok += 1
        else:
            bad.append(f"desc {code}: {got_desc!r} != {act['description']!r}")
        want = [act["target_work"], act["target_budget_thb"]]
        for pair in act["months"] or [[None, None]] * 12:
            want += pair
        check_nums(code, row[1:], want)
    if totals is not None:
        tt = truth["totals"]
        want = [tt["target_work"], tt["target_budget_thb"]] + [v for pair in tt["months"] for v in pair]
        check_nums("totals", totals[1:], want)
    else:
        bad.append("totals row not found")
    return {"num_ok": num_ok, "num_all": num_all, "desc_ok": desc_ok, "desc_all": desc_all, "bad": bad}


def _make(out: Path, n: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    try:
        from pipeline.generate.samples import write_samples  # type: ignore

        write_samples(out, n, 1)
    except ImportError:
        from pipeline.generate.render_pdf import render_pdf
        from pipeline.generate.truth import random_plan

        for seed in range(1, n + 1):
            truth = random_plan(random.Random(seed), seed)
            pdf = out / f"plan_{seed:04d}.pdf"
            render_pdf(truth, pdf)
            (out / f"plan_{seed:04d}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
    return sorted(out.glob("*.pdf"))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/thaiplan-bench")
    pdfs = sorted(out.glob("*.pdf")) or _make(out, n)
    settings = Settings()
    pages = 0
    t0 = time.perf_counter()
    reps = 5
    for _ in range(reps):
        for pdf in pdfs:
            pages += len(extract_pdf(pdf, settings).pages)
    dt = time.perf_counter() - t0
    print(f"{pages} pages in {dt:.2f} s: {pages / dt:.1f} pages/s ({1000 * dt / pages:.1f} ms/page)")

    # share of the time spent reading through pypdfium2: opening, loading
    # pages/text pages, and the two per-page readers (chars, page objects),
    # whose time is almost all ctypes calls into PDFium
    import pypdfium2 as pdfium

    from pipeline.extract import pdf as pdfmod

    spent = {"pdfium": 0.0}

    def timed(fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent["pdfium"] += time.perf_counter() - t

        return wrapper

    patches = [
        (pdfmod, "page_chars"),
        (pdfmod, "page_segments"),
        (pdfium.PdfDocument, "__getitem__"),
        (pdfium.PdfDocument, "__init__"),
        (pdfium.PdfPage, "get_textpage"),
        (pdfium.PdfPage, "close"),
        (pdfium.PdfDocument, "close"),
    ]
    saved = [(obj, name, getattr(obj, name)) for obj, name in patches]
    for obj, name, fn in saved:
        setattr(obj, name, timed(fn))
    try:
        t0 = time.perf_counter()
        for pdf in pdfs:
            extract_pdf(pdf, settings)
        total = time.perf_counter() - t0
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)
    print(f"reading through pypdfium2: {spent['pdfium']:.3f} of {total:.3f} s ({100 * spent['pdfium'] / total:.0f} %)")

    prof = cProfile.Profile()
    prof.enable()
    for pdf in pdfs:
        extract_pdf(pdf, settings)
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(8)

    for pdf in pdfs:
        truth_path = pdf.with_suffix("").with_suffix(".truth.json")
        if not truth_path.exists():
            continue
        truth = json.loads(truth_path.read_text())
        res = compare(extract_pdf(pdf, settings), truth)
        print(
            f"{pdf.name}: numbers {res['num_ok']}/{res['num_all']}, descriptions {res['desc_ok']}/{res['desc_all']}"
            f"  font={truth['style'].get('font')} thai_digits={truth['style'].get('thai_digits')}"
        )
        for line in res["bad"][:8]:
            print("   ", line)


if __name__ == "__main__":
    main()
