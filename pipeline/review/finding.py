"""One finding's card: what was checked, a crop of the page (or the source
lines of a text export), the values, the row, and a correction form."""

from __future__ import annotations

import logging
from html import escape as e
from pathlib import Path

from pipeline.review.cells import CellBoxes, CellRef, guess_cell
from pipeline.review.context import Context
from pipeline.review.corrections import CHECK as MANUAL, FIELDS, norm_code
from pipeline.review.crops import PageImages, save_crop
from pipeline.review.formatting import plain, where_text
from pipeline.review.row_line import row_line
from pipeline.review.sources import source_lines

log = logging.getLogger(__name__)


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


def finding_card(ctx: Context, plan: dict, f: dict, n: int, pages: PageImages, source: Path | None,
                 text_cache: dict, where_cells: CellBoxes) -> str:
    """`n` numbers the card within its plan (ids, crop file name)."""
    pid = plan["plan_id"]
    sev = plain(f["severity"]) or "error"
    check = plain(f["check"]) or ""
    code, month = plain(f["code"]), plain(f["month_index"])
    ref = guess_cell(check, code, month, plain(f["message"]) or "")
    page = plain(f["page"])
    box = tuple(plain(f[c]) for c in ("box_x0", "box_y0", "box_x1", "box_y1"))
    box = box if all(v is not None for v in box) else None
    shown = _cells_shown(ref, page, box, where_cells)
    where = where_text(code, month)
    figure = ""
    if shown and plan.get("source_kind") != "ocr_text":
        figure = _crop(ctx, f"{pid}_{n}.png", shown, pages, where)
    if not figure and plan.get("source_kind") == "ocr_text":
        text = source_lines(source, [b for _, b in shown], text_cache)
        if text:
            pg = shown[0][0] if shown else page
            figure = f"<figure>{text}<figcaption class='muted'>บรรทัดในไฟล์ต้นฉบับ (หน้า {pg or '–'})</figcaption></figure>"
    if not figure:
        why = "ไม่มีตำแหน่งบนหน้า" if not box else "ไม่พบภาพหน้าต้นฉบับ"
        figure = f'<div class="nocrop">{why}</div>'
    form = _fix_form(pid, n, ref) if ref.field and check != MANUAL else ""
    return (
        f'<article class="finding {e(sev)}" id="f-{pid}-{n}">'
        f'<div class="top"><span class="badge sev-{e(sev)}">{e(sev)}</span>'
        f'<span class="check">{e(check)}</span><span class="where">{e(where)}</span></div>'
        f'<p class="msg">{e(plain(f["message"]) or "")}</p>'
        f"<div>{figure}{row_line(ctx, plan, ref)}</div>"
        f'<div><table class="vals">{_values(f, check)}</table>{form}</div>'
        f"</article>"
    )


def _cells_shown(ref: CellRef, page: int | None, box: tuple | None, where_cells: CellBoxes) -> list[tuple[int, tuple]]:
    """The cells to show: the one the finding names (if known), then its own
    box; only those on the first one's page (one crop per finding)."""
    shown: list[tuple[int, tuple]] = []
    named = where_cells.get((norm_code(ref.code) if ref.field != "budget_received" else None, ref.month_index,
                             ref.field)) if ref.field else None
    if named is not None:
        shown.append(named)
    if page and box and (int(page), box) not in shown:
        shown.append((int(page), box))
    if shown:
        first_page = shown[0][0]
        shown = [s for s in shown if s[0] == first_page]
    return shown


def _crop(ctx: Context, name: str, shown: list[tuple[int, tuple]], pages: PageImages, where: str) -> str:
    """A figure of the crop around the shown cells, saved as `name`; empty
    when the page cannot be rendered or the crop fails."""
    first_page, boxes = shown[0][0], [b for _, b in shown]
    rendered = pages.get(first_page, boxes[0])
    if rendered is None:
        return ""
    img, scale = rendered
    try:
        w, h = save_crop(img, scale, boxes, ctx.crops_dir / name)
    except Exception as err:  # noqa: BLE001 - a crop is a nicety
        log.warning("review: crop %s failed: %s", name, err)
        return ""
    ctx.written.add(name)
    return (
        f'<figure><img src="crops/{name}" loading="lazy" decoding="async" width="{w}" height="{h}" '
        f'alt="หน้า {first_page}: {e(where)}"><figcaption class="muted">หน้า {first_page}'
        + (" · กรอบแดง: ช่องที่ระบุ · กรอบส้ม: ผลรวมที่ใช้ตรวจ" if len(boxes) > 1 else "")
        + "</figcaption></figure>"
    )


def _values(f: dict, check: str) -> str:
    """Table rows: the value read, the one expected, and any repair."""
    vals = []
    found, expected = plain(f["found"]), plain(f["expected"])
    if found not in (None, ""):
        vals.append(f'<tr><td>ค่าที่พบ</td><td class="bad">{e(str(found))}</td></tr>')
    if expected not in (None, ""):
        vals.append(f'<tr><td>ค่าที่คาด</td><td class="good">{e(str(expected))}</td></tr>')
    if plain(f["repaired"]) or plain(f["repaired_value"]) is not None:
        label = "แก้ไขด้วยมือ" if check == MANUAL else "ซ่อมอัตโนมัติ"
        vals.append(
            f"<tr><td>{label}</td><td>{e(str(plain(f['original_value']) or ''))} → "
            f"<b>{e(str(plain(f['repaired_value']) or ''))}</b></td></tr>"
        )
    return "".join(vals)
