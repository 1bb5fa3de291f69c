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
import html
import logging
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.normalize.months import FISCAL_ABBR
from pipeline.review.corrections import CHECK as MANUAL, COLUMNS, FIELDS, norm_code
from pipeline.review.crops import PageImages, save_crop

log = logging.getLogger(__name__)

__all__ = ["write_review", "guess_cell"]

STATUS_ORDER = {"flagged": 0, "failed": 1, "repaired": 2, "ok": 3}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
TEXT_SUFFIXES = {".txt", ".tsv", ".md", ".markdown", ".csv"}

e = html.escape


# --------------------------------------------------------------------------
# reading the run
# --------------------------------------------------------------------------


def _read(out_dir: Path, name: str) -> pd.DataFrame:
    path = out_dir / f"{name}.parquet"
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)


def _val(v):
    """None for pandas' missing values, else the plain Python value."""
    if v is None or v is pd.NA:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v.item() if hasattr(v, "item") else v


def _sha16(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def find_source(source_file: str, plan_id: str, roots: list[Path]) -> Path | None:
    """The source file of a plan under one of the input roots (a root may be a
    folder or the file itself); the file whose bytes hash to `plan_id` wins."""
    candidates: list[Path] = []
    for root in roots:
        root = Path(root)
        if root.is_file():
            if root.name == Path(source_file).name:
                candidates.append(root)
            candidates.append(root.parent / source_file)
        else:
            candidates.append(root / source_file)
    existing = [c for c in dict.fromkeys(candidates) if c.is_file()]
    for c in existing:
        try:
            if _sha16(c) == plan_id:
                return c
        except OSError:
            continue
    return None


# --------------------------------------------------------------------------
# which cell a finding names (to prefill its correction)
# --------------------------------------------------------------------------


@dataclass(slots=True)
class CellRef:
    code: str | None
    month_index: int | None
    field: str | None  # one of corrections.FIELDS, None when no single number


_PREFIXES = (
    ("budget received", "budget_received"),
    ("target work", "target_work"),
    ("target budget", "target_budget"),
    ("work", "work"),
    ("budget", "budget"),
)


def guess_cell(check: str, code: str | None, month_index: int | None, message: str) -> CellRef:
    """The number a finding is about, as (code, month, field) of the
    corrections file, from the check and the message's first words."""
    msg = (message or "").strip().lower()
    if check in ("row_sum_work", "row_sum_budget"):
        what = check.removeprefix("row_sum_")
        return CellRef(code, month_index, what if month_index else f"target_{what}")
    if check in ("read_error", "unparsed", "month_header", "month_count", "duplicate_row"):
        return CellRef(code, month_index, None)
    field = None
    for prefix, f in _PREFIXES:
        if msg.startswith(prefix):
            field = f
            break
    if field is None and "budget received" in msg:
        field = "budget_received"
    if field is None:
        return CellRef(code, month_index, None)
    if field in ("work", "budget") and not month_index:
        field = f"target_{field}"
    if field.startswith("target_") or field == "budget_received":
        month_index = None
    if field == "budget_received":
        code = None
    return CellRef(code, month_index, field)


# --------------------------------------------------------------------------
# formatting
# --------------------------------------------------------------------------


def _num(v, money: bool = False) -> str:
    v = _val(v)
    if v is None:
        return "–"
    if money:
        return f"{v:,.2f}".removesuffix(".00")
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def _compact(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:.1f}M".replace(".0M", "M")
    if v >= 1e3:
        return f"{v / 1e3:.0f}k"
    return f"{v:.0f}"


def _month(m) -> str:
    m = _val(m)
    return f"{FISCAL_ABBR[int(m) - 1]}" if m else ""


def _where(code, month) -> str:
    code, month = _val(code), _val(month)
    parts = []
    if code == "TOTAL":
        parts.append("รวม (12)")
    elif code:
        parts.append(f"แถว {code}")
    if month:
        parts.append(_month(month))
    return " · ".join(parts)


def budget_chart(totals: pd.DataFrame) -> str:
    """Inline SVG: budget per fiscal month over all plans (totals row)."""
    sums = [0.0] * 12
    if len(totals):
        g = totals.groupby("month_index")["budget_thb"].sum(min_count=1)
        for m, v in g.items():
            if _val(v) is not None and 1 <= int(m) <= 12:
                sums[int(m) - 1] = float(v)
    W, H, left, top, bottom = 720, 190, 56, 18, 30
    plot_h = H - top - bottom
    bar_w = (W - left - 10) / 12
    top_v = max(sums) or 1.0
    step = 10 ** math.floor(math.log10(top_v))
    for mult in (1, 2, 2.5, 5, 10):
        if top_v / (step * mult) <= 5:
            step *= mult
            break
    ymax = step * math.ceil(top_v / step)
    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="งบประมาณรายเดือน รวมทุกแผน">'
    ]
    tick = 0.0
    while tick <= ymax + 1e-9:
        y = top + plot_h - plot_h * tick / ymax
        parts.append(f'<line x1="{left}" x2="{W - 6}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="ylab">{_compact(tick)}</text>')
        tick += step
    for i, v in enumerate(sums):
        h = plot_h * v / ymax
        x = left + i * bar_w + bar_w * 0.15
        y = top + plot_h - h
        q = "q" + str(i // 3 % 2)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.7:.1f}" height="{h:.1f}" rx="2" class="bar {q}">'
            f"<title>{FISCAL_ABBR[i]}: {v:,.2f} บาท</title></rect>"
        )
        if v:
            parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{y - 4:.1f}" class="vlab">{_compact(v)}</text>')
        parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{H - 10}" class="xlab">{FISCAL_ABBR[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------

CSS = """
:root{--fg:#1f2937;--mute:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--err:#dc2626;--warn:#d97706;
--info:#2563eb;--ok:#059669;--acc:#4f46e5}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans Thai","Sarabun","Loma","Garuda",system-ui,sans-serif;color:var(--fg);
background:var(--bg);font-size:15px;line-height:1.55}
header.bar{position:sticky;top:0;z-index:5;background:#111827;color:#fff;display:flex;gap:16px;align-items:center;
padding:10px 24px;box-shadow:0 1px 4px rgba(0,0,0,.25)}
header.bar h1{font-size:18px;margin:0;font-weight:600;flex:1}
header.bar .count{color:#c7d2fe;font-size:14px}
header.bar label{font-size:14px;color:#d1d5db;cursor:pointer}
button{font:inherit;border:0;border-radius:6px;padding:7px 14px;background:var(--acc);color:#fff;cursor:pointer}
button:hover{filter:brightness(1.1)}
main{max-width:1180px;margin:0 auto;padding:18px 24px 60px}
h2{font-size:20px;margin:0}
.muted{color:var(--mute)}
.summary{display:grid;grid-template-columns:minmax(260px,1fr) minmax(300px,1.2fr);gap:18px;margin-bottom:18px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.panel h3{margin:0 0 8px;font-size:15px;color:var(--mute);font-weight:600}
.wide{grid-column:1/-1}
.stat{display:flex;gap:10px;flex-wrap:wrap}
.stat div{flex:1;min-width:90px;border-radius:8px;padding:8px 12px;background:var(--bg)}
.stat b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:13px;font-weight:600;color:#fff}
.s-flagged,.sev-error{background:var(--err)}.s-failed{background:#7f1d1d}.s-repaired,.sev-info{background:var(--info)}
.s-ok{background:var(--ok)}.sev-warning{background:var(--warn)}
.chart{width:100%;max-width:760px;height:auto;display:block;margin:0 auto}.chart .bar{fill:#6366f1}.chart .bar.q1{fill:#818cf8}
.chart .grid{stroke:#e5e7eb}.chart text{font-size:11px;fill:#4b5563;font-family:inherit}
.chart .ylab{text-anchor:end}.chart .xlab,.chart .vlab{text-anchor:middle}
nav.toc{columns:2;column-gap:28px;font-size:14px}
nav.toc a{display:block;color:var(--fg);text-decoration:none;padding:2px 0;break-inside:avoid}
nav.toc a:hover{color:var(--acc)}
section.plan{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:22px 0;
padding:16px 18px;content-visibility:auto;contain-intrinsic-size:auto 900px}
.plan-head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap;margin-bottom:8px}
dl.fields{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 14px;margin:8px 0 14px;font-size:14px}
dl.fields dt{color:var(--mute)}dl.fields dd{margin:0;overflow-wrap:anywhere}
.finding{border:1px solid var(--line);border-left:4px solid var(--err);border-radius:8px;padding:10px 12px;
margin:10px 0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,300px);gap:6px 18px}
.finding.warning{border-left-color:var(--warn)}.finding.info{border-left-color:var(--info)}
.finding .top{grid-column:1/-1;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.finding .check{font-family:"Tlwg Mono",monospace;font-size:13px;background:var(--bg);padding:1px 6px;border-radius:4px}
.finding .where{font-weight:600}
.finding .msg{grid-column:1/-1;margin:0}
.finding figure{margin:0}
.finding img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fff;display:block}
.finding .nocrop{color:var(--mute);font-size:13px;font-style:italic}
.finding pre{margin:0;font-family:"Tlwg Mono",monospace;font-size:12px;background:var(--bg);padding:6px 8px;
border-radius:4px;overflow-x:auto;white-space:pre}
table.vals td{border:0;padding:1px 8px 1px 0}table.vals td:first-child{color:var(--mute);white-space:nowrap}
table.vals .bad{color:var(--err);font-weight:600}table.vals .good{color:var(--ok);font-weight:600}
table.rowline{font-size:12px;margin-top:6px}table.rowline th,table.rowline td{padding:2px 4px;text-align:right;
border:1px solid var(--line)}table.rowline th{background:var(--bg);font-weight:500}
table.rowline .hit{background:#fee2e2;font-weight:700;outline:2px solid var(--err)}
.desc{font-size:13px;color:var(--mute);margin-top:4px}
form.fix{display:flex;gap:6px;flex-wrap:wrap;align-items:center;background:#eef2ff;border-radius:6px;padding:6px 8px;
font-size:13px}
form.fix input,form.fix select{font:inherit;font-size:13px;border:1px solid #c7d2fe;border-radius:4px;padding:3px 5px;
background:#fff}
form.fix input.code{width:70px}form.fix input.month{width:58px}form.fix input.value{width:120px;font-weight:600}
form.fix input.value.filled{border-color:var(--ok);background:#ecfdf5}
form.fix input.value.invalid{border-color:var(--err);background:#fef2f2}
body.hide-info .finding.info{display:none}
footer{color:var(--mute);font-size:13px;text-align:center;margin-top:30px}
"""

JS = r"""
(function(){
const FIELDS = %(fields)s;
const store = 'thaiplan-review:' + document.body.dataset.run;
let saved = {};
try { saved = JSON.parse(localStorage.getItem(store) || '{}'); } catch (err) { saved = {}; }
const forms = Array.from(document.querySelectorAll('form.fix'));
const counter = document.getElementById('n-fixes');
function parse(v){
  v = v.trim().replace(/[๐-๙]/g, d => String(d.charCodeAt(0) - 0x0E50)).replace(/,/g, '');
  if (v === '-' ) return '0';
  return /^\d+(\.\d{1,2})?$/.test(v) ? v : null;
}
function rows(){
  const out = new Map();
  for (const f of forms){
    const value = f.elements.value.value;
    if (!value.trim()) continue;
    const v = parse(value);
    if (v === null) continue;
    const field = f.elements.field.value;
    let code = f.elements.code.value.trim();
    let month = f.elements.month.value;
    if (field !== 'work' && field !== 'budget') month = '';
    if (field === 'budget_received') code = '';
    const row = [f.dataset.plan, code, month, field, v];
    out.set(row.slice(0, 4).join('\u0001'), row);
  }
  return Array.from(out.values());
}
function refresh(f){
  const input = f.elements.value;
  const has = input.value.trim() !== '';
  const ok = !has || parse(input.value) !== null;
  input.classList.toggle('filled', has && ok);
  input.classList.toggle('invalid', !ok);
}
function update(){
  counter.textContent = rows().length;
  const keep = {};
  for (const f of forms){
    if (f.elements.value.value.trim()) keep[f.id] = [f.elements.code.value, f.elements.month.value,
      f.elements.field.value, f.elements.value.value];
  }
  try { localStorage.setItem(store, JSON.stringify(keep)); } catch (err) {}
}
for (const f of forms){
  const s = saved[f.id];
  if (s){ [f.elements.code.value, f.elements.month.value, f.elements.field.value, f.elements.value.value] = s; }
  refresh(f);
  f.addEventListener('input', () => { refresh(f); update(); });
  f.addEventListener('submit', ev => ev.preventDefault());
}
update();
function q(s){ s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
window.thaiplanCorrectionsCsv = function(){
  const lines = [%(columns)s.join(',')].concat(rows().map(r => r.map(q).join(',')));
  return lines.join('\n') + '\n';
};
document.getElementById('download').addEventListener('click', () => {
  const blob = new Blob(['\ufeff' + window.thaiplanCorrectionsCsv()], {type: 'text/csv;charset=utf-8'});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'corrections.csv';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
document.getElementById('hide-info').addEventListener('change', ev => {
  document.body.classList.toggle('hide-info', ev.target.checked);
});
})();
"""


@dataclass(slots=True)
class _Context:
    out_dir: Path
    crops_dir: Path
    roots: list[Path]
    scan_dpi: float
    activities: dict[tuple[str, str], dict]
    monthly: dict[tuple[str, str], dict[int, dict]]
    totals: dict[str, dict[int, dict]]
    written: set[str]


def _index_rows(ctx_frames: dict[str, pd.DataFrame]) -> tuple[dict, dict, dict]:
    acts: dict[tuple[str, str], dict] = {}
    a = ctx_frames["activities"]
    for rec in a.to_dict("records") if len(a) else []:
        code = _val(rec["code"]) or f"row {_val(rec['seq'])}"
        acts.setdefault((rec["plan_id"], code), rec)
    monthly: dict[tuple[str, str], dict[int, dict]] = {}
    m = ctx_frames["monthly"]
    for rec in m.to_dict("records") if len(m) else []:
        code = _val(rec["code"]) or f"row {_val(rec['seq'])}"
        monthly.setdefault((rec["plan_id"], code), {}).setdefault(int(rec["month_index"]), rec)
    totals: dict[str, dict[int, dict]] = {}
    t = ctx_frames["totals"]
    for rec in t.to_dict("records") if len(t) else []:
        totals.setdefault(rec["plan_id"], {})[int(rec["month_index"])] = rec
    return acts, monthly, totals


def _row_line(ctx: _Context, plan: dict, ref: CellRef) -> str:
    """The row of the table the finding is about, as the run read it, with
    the named cell highlighted."""
    if ref.field not in FIELDS or ref.field == "budget_received" or not ref.code:
        return ""
    pid = plan["plan_id"]
    what = "work" if ref.field in ("work", "target_work") else "budget"
    money = what == "budget"
    desc = ""
    if ref.code == "TOTAL":
        months = ctx.totals.get(pid, {})
        target = plan.get("total_work") if what == "work" else plan.get("total_budget_thb")
        desc = "รวมแผนการใช้งบประมาณ (12)"
    else:
        act = ctx.activities.get((pid, ref.code))
        months = ctx.monthly.get((pid, ref.code), {})
        if act is None and not months:
            return ""
        target = (act or {}).get("target_work" if what == "work" else "target_budget_thb")
        desc = _val((act or {}).get("description")) or ""
    col = "work" if what == "work" else "budget_thb"
    head = "".join(f"<th>{m}</th>" for m in FISCAL_ABBR)
    cells = []
    for i in range(1, 13):
        rec = months.get(i)
        hit = ' class="hit"' if ref.field == what and ref.month_index == i else ""
        cells.append(f"<td{hit}>{_num(rec[col], money) if rec else ''}</td>")
    hit = ' class="hit"' if ref.field == f"target_{what}" else ""
    label = "งาน" if what == "work" else "งบ"
    return (
        (f'<div class="desc">{e(ref.code)} {e(desc)}</div>' if desc else "")
        + f'<table class="rowline"><tr><th>{label}</th><th>เป้าหมาย</th>{head}</tr>'
        f"<tr><th>{e(ref.code)}</th><td{hit}>{_num(target, money)}</td>{''.join(cells)}</tr></table>"
    )


CellBoxes = dict[tuple[str | None, int | None, str], tuple[int, tuple[float, float, float, float]]]


def cell_boxes(source: Path | None, kind: str | None) -> CellBoxes:
    """Where every number cell of a plan sits, by (code, month, field), for
    sources that are cheap to read again (text layers, text exports): a
    finding's box is the sum it checked, the cell it names may sit elsewhere.
    Scans are not read again (OCR is slow): their findings show their own box."""
    if source is None or kind not in ("pdf_text", "ocr_text"):
        return {}
    try:
        from pipeline.extract import extract
        from pipeline.normalize.form import normalize_document
        from pipeline.settings import Settings
        from pipeline.validate.constraints import cells

        plan = normalize_document(extract(source, Settings()))
    except Exception as err:  # noqa: BLE001 - only a nicety of the page
        log.info("review: cannot re-read %s for cell boxes: %s", source, err)
        return {}
    out: CellBoxes = {}
    for num, place in cells(plan):
        if num.box is None or num.page is None:
            continue
        code = None if place.field == "budget_received" else norm_code(place.code)
        b = num.box
        out.setdefault((code, place.month_index, place.field), (num.page, (b.x0, b.y0, b.x1, b.y1)))
    return out


def _source_lines(path: Path | None, boxes: list[tuple], cache: dict) -> str:
    """For text exports: the source line(s) the box names (boxes count lines)."""
    if path is None or not boxes or path.suffix.lower() not in TEXT_SUFFIXES:
        return ""
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8-sig", errors="replace").replace("\f", "\n").split("\n")
        except OSError:
            cache[path] = []
    lines = cache[path]
    wanted = sorted({y for box in boxes for y in range(int(box[1]), max(int(box[1]) + 1, int(box[3])))})
    chunk = [lines[y] for y in wanted if 0 <= y < len(lines)]
    if not chunk:
        return ""
    return "<pre>" + e("\n".join(chunk)) + "</pre>"


def _fix_form(plan_id: str, n: int, ref: CellRef) -> str:
    fields = "".join(f'<option value="{f}"{" selected" if ref.field == f else ""}>{f}</option>' for f in FIELDS)
    return (
        f'<form class="fix" id="fix-{plan_id}-{n}" data-plan="{plan_id}" autocomplete="off">'
        f"<span>ค่าที่ถูกต้อง:</span>"
        f'<input class="code" name="code" value="{e(ref.code or "")}" title="activity code or TOTAL">'
        f'<input class="month" name="month" type="number" min="1" max="12" value="{ref.month_index or ""}" '
        f'title="fiscal month 1..12 (1 = ต.ค., 12 = ก.ย.); empty for targets" placeholder="เดือน">'
        f'<select name="field" title="field">{fields}</select>'
        f'<input class="value" name="value" inputmode="decimal" placeholder="ค่าที่ถูก" title="the right value">'
        f"</form>"
    )


def _finding_card(ctx: _Context, plan: dict, f: dict, n: int, pages: PageImages, source: Path | None,
                  text_cache: dict, where_cells: CellBoxes) -> str:
    pid = plan["plan_id"]
    sev = _val(f["severity"]) or "error"
    check = _val(f["check"]) or ""
    code, month = _val(f["code"]), _val(f["month_index"])
    ref = guess_cell(check, code, month, _val(f["message"]) or "")
    page = _val(f["page"])
    box = tuple(_val(f[c]) for c in ("box_x0", "box_y0", "box_x1", "box_y1"))
    box = box if all(v is not None for v in box) else None
    # the cells to show: the one the finding names (if known), then its own box
    shown: list[tuple[int, tuple]] = []
    named = where_cells.get((norm_code(ref.code) if ref.field != "budget_received" else None, ref.month_index,
                             ref.field)) if ref.field else None
    if named is not None:
        shown.append(named)
    if page and box and (int(page), box) not in shown:
        shown.append((int(page), box))
    if shown:  # one crop: the primary cell's page, with what else is on it
        first_page = shown[0][0]
        shown = [s for s in shown if s[0] == first_page]
    figure = ""
    if shown and plan.get("source_kind") != "ocr_text":
        first_page, boxes = shown[0][0], [b for _, b in shown]
        rendered = pages.get(first_page, boxes[0])
        if rendered is not None:
            img, scale = rendered
            name = f"{pid}_{n}.png"
            try:
                w, h = save_crop(img, scale, boxes, ctx.crops_dir / name)
                ctx.written.add(name)
                figure = (
                    f'<figure><img src="crops/{name}" loading="lazy" decoding="async" width="{w}" height="{h}" '
                    f'alt="หน้า {first_page}: {e(_where(code, month))}"><figcaption class="muted">หน้า {first_page}'
                    + (" · กรอบแดง: ช่องที่ระบุ · กรอบส้ม: ผลรวมที่ใช้ตรวจ" if len(boxes) > 1 else "")
                    + "</figcaption></figure>"
                )
            except Exception as err:  # noqa: BLE001 - a crop is a nicety
                log.warning("review: crop %s failed: %s", name, err)
    if not figure and plan.get("source_kind") == "ocr_text":
        text = _source_lines(source, [b for _, b in shown], text_cache)
        if text:
            pg = shown[0][0] if shown else page
            figure = f"<figure>{text}<figcaption class='muted'>บรรทัดในไฟล์ต้นฉบับ (หน้า {pg or '–'})</figcaption></figure>"
    if not figure:
        why = "ไม่มีตำแหน่งบนหน้า" if not box else "ไม่พบภาพหน้าต้นฉบับ"
        figure = f'<div class="nocrop">{why}</div>'
    # values: read, expected, repair
    vals = []
    found, expected = _val(f["found"]), _val(f["expected"])
    if found not in (None, ""):
        vals.append(f'<tr><td>ค่าที่พบ</td><td class="bad">{e(str(found))}</td></tr>')
    if expected not in (None, ""):
        vals.append(f'<tr><td>ค่าที่คาด</td><td class="good">{e(str(expected))}</td></tr>')
    if _val(f["repaired"]) or _val(f["repaired_value"]) is not None:
        label = "แก้ไขด้วยมือ" if check == MANUAL else "ซ่อมอัตโนมัติ"
        vals.append(
            f"<tr><td>{label}</td><td>{e(str(_val(f['original_value']) or ''))} → "
            f"<b>{e(str(_val(f['repaired_value']) or ''))}</b></td></tr>"
        )
    where = _where(code, month)
    form = _fix_form(pid, n, ref) if ref.field and check != MANUAL else ""
    return (
        f'<article class="finding {e(sev)}" id="f-{pid}-{n}">'
        f'<div class="top"><span class="badge sev-{e(sev)}">{e(sev)}</span>'
        f'<span class="check">{e(check)}</span><span class="where">{e(where)}</span></div>'
        f'<p class="msg">{e(_val(f["message"]) or "")}</p>'
        f"<div>{figure}{_row_line(ctx, plan, ref)}</div>"
        f'<div><table class="vals">{"".join(vals)}</table>{form}</div>'
        f"</article>"
    )


def _plan_section(ctx: _Context, plan: dict, findings: list[dict], text_cache: dict) -> str:
    pid = plan["plan_id"]
    source = find_source(plan["source_file"], pid, ctx.roots) if plan.get("source_file") else None
    status = plan.get("status") or ""
    fy = plan.get("fiscal_year_be")
    fields = [
        ("ไฟล์", plan.get("source_file")),
        ("ชนิด", f"{plan.get('source_kind') or '–'} · {plan.get('pages') or 0} หน้า"),
        ("ปีงบประมาณ", f"{fy} ({plan.get('fiscal_year_ce')})" if fy else None),
        ("ผู้รับผิดชอบ", " · ".join(x for x in (plan.get("officer_name"), plan.get("officer_position")) if x)),
        ("กลุ่มงาน", plan.get("unit")),
        ("กิจกรรมหลัก", plan.get("main_activity")),
        ("งบประมาณที่ได้รับ (5)", _num(plan.get("budget_received_thb"), True) + " บาท"),
        ("รวมเป้าหมาย (12)", f"{_num(plan.get('total_work'))} งาน · {_num(plan.get('total_budget_thb'), True)} บาท"),
    ]
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(str(v)) if v else '–'}</dd>" for k, v in fields)
    where_cells = cell_boxes(source, plan.get("source_kind"))
    with PageImages(source, plan.get("source_kind"), ctx.scan_dpi) as pages:
        cards = [
            _finding_card(ctx, plan, f, n, pages, source, text_cache, where_cells)
            for n, f in enumerate(findings, start=1)
        ]
    missing = "" if source else '<p class="muted">ไม่พบไฟล์ต้นฉบับภายใต้โฟลเดอร์ที่ให้มา: ไม่มีภาพตัด</p>'
    return (
        f'<section class="plan" id="p-{pid}"><div class="plan-head">'
        f'<h2>{e(plan.get("office") or plan.get("source_file") or pid)}</h2>'
        f'<span class="badge s-{e(status)}">{e(status)}</span>'
        f'<span class="muted">plan_id {pid} · {len(findings)} ข้อสังเกต</span></div>'
        f'<dl class="fields">{dl}</dl>{missing}{"".join(cards)}</section>'
    )


def _summary(plans: pd.DataFrame, findings: pd.DataFrame, totals: pd.DataFrame) -> str:
    status = Counter(plans["status"].dropna()) if len(plans) else Counter()
    stat = "".join(
        f'<div><span class="badge s-{s}">{s}</span><b>{status.get(s, 0)}</b></div>' for s in STATUS_ORDER
    )
    rows = []
    if len(findings):
        tab = findings.groupby(["check", "severity"]).size().unstack(fill_value=0)
        for sev in SEVERITY_ORDER:
            if sev not in tab.columns:
                tab[sev] = 0
        tab["total"] = tab[list(SEVERITY_ORDER)].sum(axis=1)
        tab = tab.sort_values(["error", "warning", "total"], ascending=False)
        for check, r in tab.iterrows():
            rows.append(
                f"<tr><td>{e(str(check))}</td>"
                + "".join(f'<td class="n">{int(r[s]) or ""}</td>' for s in SEVERITY_ORDER)
                + f'<td class="n"><b>{int(r["total"])}</b></td></tr>'
            )
    checks = (
        '<table><tr><th>check</th><th class="n">error</th><th class="n">warning</th><th class="n">info</th>'
        f'<th class="n">รวม</th></tr>{"".join(rows)}</table>'
        if rows
        else '<p class="muted">ไม่มีข้อสังเกต</p>'
    )
    total_budget = float(totals["budget_thb"].sum()) if len(totals) else 0.0
    return (
        '<div class="summary">'
        f'<div class="panel"><h3>แผนตามสถานะ ({len(plans)} แผน)</h3><div class="stat">{stat}</div></div>'
        f'<div class="panel"><h3>ข้อสังเกตตามการตรวจ ({len(findings)})</h3>{checks}</div>'
        f'<div class="panel wide"><h3>งบประมาณรายเดือน รวมทุกแผน (แถวรวม 12) · {total_budget:,.2f} บาท</h3>'
        f"{budget_chart(totals)}</div></div>"
    )


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
    acts, monthly, totals_idx = _index_rows(frames)
    ctx = _Context(out_dir, crops_dir, [Path(r) for r in roots], scan_dpi, acts, monthly, totals_idx, set())
    by_plan: dict[str, list[dict]] = {}
    for rec in findings.to_dict("records") if len(findings) else []:
        by_plan.setdefault(rec["plan_id"], []).append(rec)
    plan_recs = [{k: _val(v) for k, v in rec.items()} for rec in plans.to_dict("records")] if len(plans) else []
    with_findings = [p for p in plan_recs if p["plan_id"] in by_plan]
    with_findings.sort(key=lambda p: (STATUS_ORDER.get(p.get("status") or "", 9), p.get("source_file") or ""))
    for pid, fs in by_plan.items():  # most serious first, stable
        fs.sort(key=lambda f: SEVERITY_ORDER.get(_val(f["severity"]) or "", 9))
    before = set(crops_dir.glob("*.png"))
    text_cache: dict = {}
    sections = [_plan_section(ctx, p, by_plan[p["plan_id"]], text_cache) for p in with_findings]
    toc = "".join(
        f'<a href="#p-{p["plan_id"]}"><span class="badge s-{e(p.get("status") or "")}">{e(p.get("status") or "")}</span> '
        f'{e(p.get("office") or p.get("source_file") or "")} <span class="muted">· {e(p.get("source_file") or "")} · '
        f'{len(by_plan[p["plan_id"]])}</span></a>'
        for p in with_findings
    )
    written = {crops_dir / name for name in ctx.written}
    for stale in before - written:
        stale.unlink(missing_ok=True)
    run_id = hashlib.sha256(",".join(sorted(p["plan_id"] for p in plan_recs)).encode()).hexdigest()[:12]
    js = JS % {"fields": list(FIELDS).__repr__(), "columns": list(COLUMNS).__repr__()}
    body = (
        f'<body data-run="{run_id}">'
        '<header class="bar"><h1>thaiplan · ตรวจทานผลการอ่านแผน</h1>'
        '<label><input type="checkbox" id="hide-info"> ซ่อน info</label>'
        '<span class="count">แก้ไขแล้ว <b id="n-fixes">0</b> ค่า</span>'
        '<button id="download" type="button">ดาวน์โหลด corrections.csv</button></header><main>'
        f"{_summary(plans, findings, frames['totals'])}"
        + (f'<div class="panel"><h3>แผนที่มีข้อสังเกต ({len(with_findings)})</h3><nav class="toc">{toc}</nav></div>'
           if with_findings else "")
        + "".join(sections)
        + '<footer>ใส่ค่าที่ถูกต้องในช่อง แล้วกด “ดาวน์โหลด corrections.csv” · '
        "รันอีกครั้งด้วย <code>thaiplan run … --corrections corrections.csv</code></footer>"
        f"</main><script>{js}</script></body>"
    )
    page = (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<title>thaiplan review</title>"
        f"<style>{CSS}</style></head>{body}</html>\n"
    )
    index = review / "index.html"
    tmp = index.with_name(".index.html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return index
