"""Phone photos vs clean 300-dpi scans of the same plans (issue 9).

    .venv/bin/python benchmarks/photo.py [--n 12] [--seed 909] [--bad 3] [--workers 2]
        [--folder DIR] [--plans 1,4,7] [--kinds photo,png] [--verbose] [--no-img2table]

For each of n generated plans: a phone photo of page 1
(`pipeline.generate.photo.write_photo`) and a 300-dpi scan PNG of page 1
(`pipeline.generate.degrade.write_scan(..., "png", dpi=300)`).  Both go
through the whole pipeline (extract -> normalize -> validate).  Only page 1 is
photographed, so only activities with truth `page == 1` are scored, the totals
row (on the last page) and the plan totals are left out, and so are the
proposer/approver fields when the plan has more than one page.

Prints per kind: seconds/page, number cells right before/after repair
(`validate(plan, "none")` / `validate(plan, "ocr")`), header fields right,
month mapping (plans whose month columns all land on the right months),
plans found (an activity table read at all), statuses; and two figures that
tell reading from row alignment: non-zero values read anywhere in the table
(a row shifted by one seq makes all its cells "wrong" above but not here)
and description characters right.  A plan photo the pipeline refuses (too
small or blurred to read) counts with nothing read right.  Then `--bad` blurred
and `--bad` tiny photos: their findings and statuses (must be failed or
flagged, never ok).  img2table on the photos when it is importable.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from pipeline.generate.samples import make_truth, plan_seed, write_truth  # noqa: E402
from pipeline.generate.score import Score, first_page_truth, month_mapping_ok, score_first_page  # noqa: E402



def build(folder: Path, n: int, seed: int, bad: int) -> None:
    """Write the corpus once; a folder built with other --n/--seed/--bad is
    built again (else the bad photos it lacks would be missing)."""
    done, spec = folder / ".done", f"n={n} seed={seed} bad={bad}"
    if done.exists() and done.read_text() == spec:
        return
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.photo import write_photo
    from pipeline.generate.render_pdf import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + bad + 1):
        stem = folder / f"plan_{i:04d}"
        truth = make_truth(seed, i)
        pages = render_pdf(truth, stem.with_suffix(".pdf"))
        truth["_pages"] = pages
        rng = random.Random(plan_seed(seed, i) ^ 0x9407)
        if i <= n:
            write_photo(truth, stem.with_suffix(".pdf"), Path(f"{stem}.photo.jpg"), rng)
            write_scan(truth, stem.with_suffix(".pdf"), Path(f"{stem}.png"), "png", rng, dpi=300)
        else:
            write_photo(truth, stem.with_suffix(".pdf"), Path(f"{stem}.blur.jpg"), rng, blur=rng.uniform(2.5, 4.0))
            write_photo(truth, stem.with_suffix(".pdf"), Path(f"{stem}.tiny.jpg"), rng, megapixels=0.3)
        write_truth(truth, Path(f"{stem}.truth.json"))
    done.write_text(spec)


def number_bag(rows: dict, truth: dict) -> tuple[int, int]:
    """Non-zero number values of page 1 read anywhere in the table (a
    multiset, rows and columns ignored): how well the digits were read,
    apart from whether the rows lined up.  (found, expected)"""
    want: Counter[float] = Counter()
    for a in first_page_truth(truth)["activities"]:
        vals = [a.get("target_work"), a.get("target_budget_thb")] + [v for pair in a.get("months") or [] for v in pair]
        want.update(round(float(v), 2) for v in vals if v)
    got: Counter[float] = Counter()
    for a in rows["activities"]:
        got.update(round(float(v), 2) for v in (a.get("target_work"), a.get("target_budget_thb")) if v)
    for m in rows["monthly"]:
        got.update(round(float(v), 2) for v in (m.get("work"), m.get("budget_thb")) if v)
    return sum((want & got).values()), sum(want.values())


def run_one(path: str) -> dict:
    from pipeline.extract import extract
    from pipeline.model import Result, SourceInfo
    from pipeline.normalize.form import normalize_document
    from pipeline.process import process_file
    from pipeline.settings import Settings
    from pipeline.tables import result_rows
    from pipeline.validate.validate import validate

    p = Path(path)
    truth = json.loads(Path(str(p).split(".")[0] + ".truth.json").read_text(encoding="utf-8"))
    settings = Settings()
    t0 = time.perf_counter()
    out: dict = {"path": p.name}
    try:
        doc = extract(p, settings)
    except Exception as err:  # noqa: BLE001
        res = process_file(p, p.parent, settings)
        out.update(seconds=time.perf_counter() - t0, error=str(err), status=res.plan.status,
                   findings=[f"{f.check}: {f.message}" for f in res.plan.findings[:3]])
        # a plan photo that fails is scored as read (nothing right), so
        # failing a hard photo never raises the figures
        rows = result_rows(res)
        score = score_first_page(rows, truth, truth.get("_pages", 1)).__dict__
        out.update(before=score, after=score, bag=number_bag(rows, truth), month_ok=False, found=False, dpi=None)
        return out
    out["seconds"] = time.perf_counter() - t0
    out["dpi"] = min((pg.dpi for pg in doc.pages if pg.dpi), default=None)
    info = SourceInfo(path=p.name, sha256="0" * 64, source_kind=doc.source_kind.value, pages=len(doc.pages))
    plan0 = validate(normalize_document(copy.deepcopy(doc)), "none")
    plan = validate(normalize_document(copy.deepcopy(doc)), "ocr")
    r0, r1 = result_rows(Result(info, plan0)), result_rows(Result(info, plan))
    out["before"] = score_first_page(r0, truth, truth.get("_pages", 1)).__dict__
    out["after"] = score_first_page(r1, truth, truth.get("_pages", 1)).__dict__
    out["bag"] = number_bag(r0, truth)
    out["month_ok"] = month_mapping_ok(r1, first_page_truth(truth))
    out["found"] = bool(plan.activities)
    out["status"] = plan.status
    return out


def img2table_one(path: str) -> dict:
    from img2table.document import Image as I2TImage
    from img2table.ocr import TesseractOCR

    t0 = time.perf_counter()
    try:
        ocr = TesseractOCR(n_threads=1, lang="tha+eng")
        tables = I2TImage(path).extract_tables(ocr=ocr, implicit_rows=False, borderless_tables=False)
    except Exception as err:  # noqa: BLE001 - e.g. it needs opencv-contrib's ximgproc
        return {"path": Path(path).name, "seconds": time.perf_counter() - t0, "tables": 0, "cells": 0,
                "error": f"{type(err).__name__}: {err}"}
    return {"path": Path(path).name, "seconds": time.perf_counter() - t0, "tables": len(tables),
            "cells": sum(t.df.size for t in tables) if tables else 0}


def report(kind: str, results: list[dict], verbose: bool = False) -> None:
    before, after = Score(), Score()
    status: Counter[str] = Counter()
    secs, found, months, dpis, bag = [], 0, 0, [], [0, 0]
    for r in results:
        secs.append(r["seconds"])
        status[r.get("status", "error")] += 1
        if "before" not in r:
            continue
        b, a = Score(), Score()
        b.__dict__.update(r["before"])
        a.__dict__.update(r["after"])
        before.add(b)
        after.add(a)
        found += r["found"]
        months += r["month_ok"]
        if r["dpi"]:
            dpis.append(r["dpi"])
        bag = [bag[0] + r["bag"][0], bag[1] + r["bag"][1]]
        if verbose:
            print(f"  {r['path']}: numbers {b.numbers_right}/{b.numbers} -> {a.numbers_right}/{a.numbers}, "
                  f"headers {a.headers_right}/{a.headers}, months {'ok' if r['month_ok'] else 'WRONG'}, "
                  f"values read {r['bag'][0]}/{r['bag'][1]}, dpi {r['dpi']}, {r['status']}"
                  + (f": {r['error']}" if r.get("error") else ""))
            for w in b.wrong[:12]:
                print(f"      {w}")
    n = len(results)
    print(f"\n== {kind}: {n} pages")
    print(f"seconds/page: {sum(secs) / max(1, n):.1f}   effective dpi: {min(dpis, default=0)}-{max(dpis, default=0)}")
    print(f"number cells before repair: {before.number_accuracy:.2%} ({before.numbers_right}/{before.numbers})")
    print(f"number cells after repair:  {after.number_accuracy:.2%} ({after.numbers_right}/{after.numbers})")
    print(f"non-zero values read (rows ignored): {bag[0] / max(1, bag[1]):.2%} ({bag[0]}/{bag[1]})")
    print(f"header fields:              {after.header_accuracy:.2%} ({after.headers_right}/{after.headers})")
    print(f"description characters:     {1 - after.desc_errors / max(1, after.desc_chars):.2%} right (1 - CER)")
    print(f"rows found:                 {after.rows_found}/{after.rows_expected}")
    print(f"month mapping right:        {months}/{n} plans;  plans found: {found}/{n}")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())))
    wrong = [w for r in results for w in r.get("after", {}).get("wrong", [])
             if not w.startswith(("row", "header", "indicators")) and "description" not in w]
    if wrong:
        print("  some wrong numbers after repair: " + "; ".join(wrong[:8]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--seed", type=int, default=909)
    ap.add_argument("--bad", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kinds", default="photo,png")
    ap.add_argument("--folder", help="corpus folder (default /tmp/thaiplan-bench/photo-SEED-N-BAD); built once, reused")
    ap.add_argument("--plans", help="only these plan numbers, e.g. 1,4,7 (quick iterations)")
    ap.add_argument("--verbose", action="store_true", help="per-page scores and wrong cells")
    ap.add_argument("--no-img2table", action="store_true", help="skip the img2table comparison")
    args = ap.parse_args()
    folder = Path(args.folder or f"/tmp/thaiplan-bench/photo-{args.seed}-{args.n}-{args.bad}")
    picked = [int(x) for x in args.plans.split(",")] if args.plans else list(range(1, args.n + 1))
    t0 = time.time()
    build(folder, args.n, args.seed, args.bad)
    print(f"corpus: {folder} ({time.time() - t0:.0f} s)")
    suffix = {"photo": ".photo.jpg", "png": ".png"}
    # spawned, not forked: building the corpus leaves OpenCV's threads in
    # this process, and a child forked from it hung on their locks
    with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for kind in args.kinds.split(","):
            paths = [str(folder / f"plan_{i:04d}{suffix[kind]}") for i in picked]
            report(kind, list(pool.map(run_one, paths)), args.verbose)
        if args.bad:
            bad = [str(folder / f"plan_{i:04d}.{k}.jpg") for i in range(args.n + 1, args.n + args.bad + 1) for k in ("blur", "tiny")]
            print(f"\n== bad photos: {len(bad)}")
            for r in pool.map(run_one, bad):
                print(f"{r['path']}: status {r.get('status')}; " + (r.get("error") or f"read with no error (status {r.get('status')})"))
        if args.no_img2table:
            return
        try:
            import img2table  # noqa: F401
        except ImportError:
            print("\nimg2table: not installed (skipped)")
        else:
            paths = [str(folder / f"plan_{i:04d}.photo.jpg") for i in range(1, args.n + 1)]
            res = list(pool.map(img2table_one, paths))
            errors = {r["error"] for r in res if r.get("error")}
            if errors:
                print(f"\nimg2table failed: {'; '.join(sorted(errors))[:300]}")
                return
            print(f"\n== img2table on the photos: {sum(r['seconds'] for r in res) / len(res):.1f} s/page, "
                  f"tables found on {sum(1 for r in res if r['tables'])}/{len(res)} photos")


if __name__ == "__main__":
    main()
