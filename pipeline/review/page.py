"""`DIR/review/index.html`: one static page a person reads to check findings
and type corrections.

The page reads only what a run wrote (`plans`, `findings`, `activities`,
`monthly`, `totals` as Parquet) plus the source files (for crops).  It needs
no server and nothing from the internet: crops are PNG files in
`DIR/review/crops/` loaded lazily, styles and the small script are inline,
fonts are the system's Thai fonts.  Each finding that names a number has a
correction form; the page downloads the filled ones as `corrections.csv`
(`pipeline.review.corrections` reads it back on the next run).
"""

from __future__ import annotations

import hashlib
from html import escape as e
from pathlib import Path

import pandas as pd

from pipeline.review.assets import CSS, script
from pipeline.review.context import Context, index_rows
from pipeline.review.formatting import SEVERITY_ORDER, STATUS_ORDER, plain
from pipeline.review.plan_section import plan_section
from pipeline.review.summary import summary


def _read(out_dir: Path, name: str) -> pd.DataFrame:
    path = out_dir / f"{name}.parquet"
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)


def write_review(out_dir: Path, roots: list[Path], scan_dpi: float = 300.0) -> Path:
    """Write `out_dir/review/index.html` (and its crops) from the tables a
    run wrote to `out_dir`; `roots` are the run's inputs (source files are
    found under them).  `scan_dpi` is the run's `--dpi` for scanned PDFs.
    Returns the page's path."""
    out_dir = Path(out_dir)
    review = out_dir / "review"
    crops_dir = review / "crops"
    crops_dir.mkdir(parents=True, exist_ok=True)
    frames = {n: _read(out_dir, n) for n in ("plans", "findings", "activities", "monthly", "totals")}
    plans, findings = frames["plans"], frames["findings"]
    if not len(plans) and not (out_dir / "plans.parquet").exists():
        raise FileNotFoundError(f"{out_dir} holds no plans.parquet: run `thaiplan run INPUT --out {out_dir}` first")
    acts, monthly, totals_idx = index_rows(frames)
    ctx = Context(crops_dir, [Path(r) for r in roots], scan_dpi, acts, monthly, totals_idx, set())
    by_plan = _findings_by_plan(findings)
    plan_recs = [{k: plain(v) for k, v in rec.items()} for rec in plans.to_dict("records")] if len(plans) else []
    with_findings = [p for p in plan_recs if p["plan_id"] in by_plan]
    with_findings.sort(key=lambda p: (STATUS_ORDER.get(p.get("status") or "", 9), p.get("source_file") or ""))
    before = set(crops_dir.glob("*.png"))
    text_cache: dict = {}
    sections = [plan_section(ctx, p, by_plan[p["plan_id"]], text_cache) for p in with_findings]
    written = {crops_dir / name for name in ctx.written}
    for stale in before - written:
        stale.unlink(missing_ok=True)
    run_id = hashlib.sha256(",".join(sorted(p["plan_id"] for p in plan_recs)).encode()).hexdigest()[:12]
    page = _html(run_id, summary(plans, findings, frames["totals"]), _toc(with_findings, by_plan), sections)
    index = review / "index.html"
    tmp = index.with_name(".index.html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return index


def _findings_by_plan(findings: pd.DataFrame) -> dict[str, list[dict]]:
    """The findings of each plan, most serious first (stable)."""
    by_plan: dict[str, list[dict]] = {}
    for rec in findings.to_dict("records") if len(findings) else []:
        by_plan.setdefault(rec["plan_id"], []).append(rec)
    for fs in by_plan.values():
        fs.sort(key=lambda f: SEVERITY_ORDER.get(plain(f["severity"]) or "", 9))
    return by_plan


def _toc(plans: list[dict], by_plan: dict[str, list[dict]]) -> str:
    return "".join(
        f'<a href="#p-{p["plan_id"]}"><span class="badge s-{e(p.get("status") or "")}">{e(p.get("status") or "")}</span> '
        f'{e(p.get("office") or p.get("source_file") or "")} <span class="muted">· {e(p.get("source_file") or "")} · '
        f'{len(by_plan[p["plan_id"]])}</span></a>'
        for p in plans
    )


def _html(run_id: str, summary_html: str, toc: str, sections: list[str]) -> str:
    """The whole page; `run_id` keys the corrections a reader typed (kept in
    the browser's storage) to this set of plans."""
    body = (
        f'<body data-run="{run_id}">'
        '<header class="bar"><h1>thaiplan · ตรวจทานผลการอ่านแผน</h1>'
        '<label><input type="checkbox" id="hide-info"> ซ่อน info</label>'
        '<span class="count">แก้ไขแล้ว <b id="n-fixes">0</b> ค่า</span>'
        '<button id="download" type="button">ดาวน์โหลด corrections.csv</button></header><main>'
        f"{summary_html}"
        + (f'<div class="panel"><h3>แผนที่มีข้อสังเกต ({len(sections)})</h3><nav class="toc">{toc}</nav></div>'
           if sections else "")
        + "".join(sections)
        + '<footer>ใส่ค่าที่ถูกต้องในช่อง แล้วกด “ดาวน์โหลด corrections.csv” · '
        "รันอีกครั้งด้วย <code>thaiplan run … --corrections corrections.csv</code></footer>"
        f"</main><script>{script()}</script></body>"
    )
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<title>thaiplan review</title>"
        f"<style>{CSS}</style></head>{body}</html>\n"
    )
