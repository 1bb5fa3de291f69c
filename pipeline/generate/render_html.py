"""Truth dict -> HTML+CSS that looks like the real form (landscape A4).

Everything that varies between plans (font, sizes, margins, column widths,
zero sign, commas, Thai digits, signature layout ...) comes from
`truth["style"]`.  Number columns are sized from the font's own advance
widths so that no number ever wraps; the description column takes the rest.
"""

from __future__ import annotations

import functools
import html
import subprocess
from typing import Any

from .truth import thai
from .vocab import MONO_FONTS, MONTH_ABBR

PT_PER_MM = 72 / 25.4
A4_LANDSCAPE_PT = (297 * PT_PER_MM, 210 * PT_PER_MM)

_FALLBACK = {"Noto Sans Thai": "Noto Sans", "Noto Serif Thai": "Noto Serif"}


# --------------------------------------------------------------------------
# text measuring (for column widths)
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def font_file(family: str) -> str:
    out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True)
    return out.stdout.strip()


@functools.lru_cache(maxsize=None)
def _advances(family: str) -> tuple[dict[str, float], float]:
    """char -> advance in em for the family (with its Latin fallback)."""
    from fontTools.ttLib import TTFont

    result: dict[str, float] = {}
    families = [_FALLBACK.get(family, "DejaVu Sans"), family]  # later wins
    for fam in families:
        font = TTFont(font_file(fam), lazy=True)
        upem = font["head"].unitsPerEm
        hmtx = font["hmtx"]
        for cp, glyph in font.getBestCmap().items():
            result[chr(cp)] = hmtx[glyph][0] / upem
    return result, 0.6


def text_width_pt(text: str, family: str, size_pt: float) -> float:
    adv, default = _advances(family)
    return sum(adv.get(ch, default) for ch in text) * size_pt


# --------------------------------------------------------------------------
# number formatting
# --------------------------------------------------------------------------


def digits(text: str, style: dict[str, Any]) -> str:
    """Arabic digits as the plan prints them (Thai digits in some plans)."""
    return thai(text) if style.get("thai_digits") else text


def fmt_int(value: int | None, style: dict[str, Any], zero: bool = True) -> str:
    if value is None:
        return ""
    if value == 0 and zero:
        return style.get("zero", "-")
    text = f"{value:,}" if style.get("commas", True) else str(value)
    return digits(text, style)


def fmt_money(value: float | None, style: dict[str, Any], zero: bool = True) -> str:
    if value is None:
        return ""
    satang = round(value * 100)
    if satang == 0 and zero:
        return style.get("zero", "-")
    whole, frac = divmod(satang, 100)
    text = f"{whole:,}" if style.get("commas", True) else str(whole)
    if frac or style.get("budget_decimals"):
        text += f".{frac:02d}"
    return digits(text, style)


# --------------------------------------------------------------------------
# layout numbers
# --------------------------------------------------------------------------


def row_cells(act: dict[str, Any], style: dict[str, Any]) -> list[str]:
    """The 26 number cells of one activity (or the totals row)."""
    cells = [fmt_int(act.get("target_work"), style), fmt_money(act.get("target_budget_thb"), style)]
    months = act.get("months")
    for m in range(12):
        if months is None:
            cells += ["", ""]
        else:
            cells += [fmt_int(months[m][0], style), fmt_money(months[m][1], style)]
    return cells


def column_layout(truth: dict[str, Any]) -> dict[str, float]:
    """Font sizes and column widths (pt) for the activity table."""
    style = truth["style"]
    family = style["font"]
    top, right, bottom, left = style["margins_mm"]
    content_w = A4_LANDSCAPE_PT[0] - (left + right) * PT_PER_MM
    rows = [row_cells(a, style) for a in truth["activities"]]
    totals_row = row_cells(dict(truth["totals"]), style)
    pad = min(1.5, style["row_padding_pt"])  # horizontal padding of number cells
    size = min(9.5, max(6.5, style["font_size_pt"] * style["table_font_scale"]))
    if family in MONO_FONTS:
        size = min(size, 8.0)
    desc_min = style["desc_width_frac"] * content_w
    longest_cache: dict[float, list[float]] = {}
    while True:
        head_size = size * 0.95
        min_w = text_width_pt("งาน", family, head_size) + 2 * 1.5 + 1
        if size not in longest_cache:
            # the totals row is bold: allow for its wider glyphs
            longest_cache[size] = [
                max(max(text_width_pt(r[c], family, size) for r in rows), 1.12 * text_width_pt(totals_row[c], family, size))
                for c in range(26)
            ]
        for slack in (style["number_slack"], 1.0):
            widths = [max(min_w, lw + 2 * pad + 1.5) * slack for lw in longest_cache[size]]
            # a month header (e.g. "มี.ค.") spans a work+budget pair
            for m in range(12):
                need = text_width_pt(MONTH_ABBR[m], family, head_size) + 6
                pair = widths[2 + 2 * m] + widths[3 + 2 * m]
                if pair < need:
                    widths[3 + 2 * m] += need - pair
            desc_w = content_w - sum(widths)
            if desc_w >= desc_min:
                break
        if desc_w >= desc_min or size <= 5.0:
            break
        size = round(size - 0.25, 2)
    return {"content_w": content_w, "num_size": size, "head_size": head_size, "desc_w": desc_w, "widths": widths}


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _css(truth: dict[str, Any], lay: dict[str, float]) -> str:
    s = truth["style"]
    top, right, bottom, left = s["margins_mm"]
    fam = s["font"]
    families = f"'{fam}', '{_FALLBACK.get(fam, 'DejaVu Sans')}'"
    b = s["border_pt"]
    pad = s["row_padding_pt"]
    return f"""
@page {{ size: A4 landscape; margin: {top}mm {right}mm {bottom}mm {left}mm; }}
html {{ font-family: {families}; font-size: {s['font_size_pt']}pt; line-height: 1.3; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; }}
.title {{ text-align: {s['title_align']}; font-weight: bold; font-size: 1.15em; margin-bottom: 0.2em; }}
.office {{ text-align: {s['title_align']}; font-weight: bold; margin-bottom: 0.3em; }}
.line {{ margin: 0.1em 0; }}
table {{ border-collapse: collapse; width: 100%; }}
table.info {{ margin: 0.4em 0; table-layout: fixed; }}
table.info th, table.info td {{ border: {b}pt solid #000; padding: 2pt 4pt; vertical-align: top; }}
table.info th {{ background: {s['header_bg']}; font-weight: bold; text-align: center; }}
table.info td.budget {{ text-align: center; }}
.label7 {{ margin: 0.4em 0 0.2em 0; font-weight: bold; }}
table.act {{ table-layout: fixed; font-size: {lay['num_size']:.2f}pt; line-height: 1.15; }}
table.act th, table.act td {{ border: {b}pt solid #000; padding: {pad}pt {min(pad, 1.5)}pt; }}
table.act th {{ background: {s['header_bg']}; font-weight: bold; text-align: center; vertical-align: middle;
               font-size: {lay['head_size']:.2f}pt; padding: 1.5pt 1pt; }}
table.act td {{ vertical-align: top; }}
table.act td.n {{ text-align: right; white-space: nowrap; }}
table.act td.d {{ text-align: left; }}
table.act tr {{ page-break-inside: avoid; }}
table.act tr.g td.d {{ font-weight: {'bold' if s['group_bold'] else 'normal'}; }}
table.act tr.tot td {{ font-weight: bold; }}
table.act th.hn {{ font-weight: normal; }}
.sig {{ margin-top: 1.2em; page-break-inside: avoid; }}
.sig.side {{ display: flex; justify-content: space-around; }}
.sig.stacked .block {{ margin: 0.6em 0 0 45%; }}
.sig .block {{ line-height: 1.6; }}
"""


def render_html(truth: dict[str, Any]) -> str:
    s = truth["style"]
    plan = truth["plan"]
    lay = column_layout(truth)
    N = lambda text: digits(text, s)  # noqa: E731
    year = N(str(plan["fiscal_year_be"]))
    out: list[str] = []
    out.append(f"<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>Action Plan</title><style>{_css(truth, lay)}</style></head><body>")
    out.append(f"<div class='title'>แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. {year} (Action Plan)</div>")
    out.append(f"<div class='office'>ของ{_e(plan['office'])}</div>")
    out.append(
        f"<div class='line'>{_e(plan['officer_name'])} ตำแหน่ง{_e(plan['officer_position'])} สังกัด{_e(plan['unit'])}</div>"
    )
    out.append(f"<div class='line'>{N('(1)')} แผนงาน : {_e(plan['plan_program'])}</div>")
    out.append(f"<div class='line'>{N('(2)')} ผลผลิต/โครงการ : {_e(plan['output_project'])}</div>")
    out.append(f"<div class='line'>{N('(3)')} กิจกรรมหลัก : {_e(plan['main_activity'])}</div>")

    # (4) (5) (6)
    items = plan["responsible_entities"].split("\n")
    if s["entities_markup"] == "p":
        ent = "".join(f"<p>{_e(x)}</p>" for x in items)
    else:
        ent = "<br>".join(_e(x) for x in items)
    budget = fmt_money(plan["budget_received_thb"], s, zero=False) + s["budget_suffix"]
    inds = "".join(
        f"<p>{N(str(i['number']))}. {_e(i['text'])}</p>" for i in truth["indicators"]
    )
    out.append(
        "<table class='info'><colgroup><col style='width:38%'><col style='width:17%'><col style='width:45%'></colgroup>"
        f"<thead><tr><th>{N('(4)')} สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ</th><th>{N('(5)')} งบประมาณที่ได้รับ</th>"
        f"<th>{N('(6)')} ตัวชี้วัดเป้าหมาย</th></tr></thead>"
        f"<tbody><tr><td>{ent}</td><td class='budget'>{_e(budget)}</td><td>{inds}</td></tr></tbody></table>"
    )

    # (7) activity table
    out.append(f"<div class='label7'>{N('(7)')} กิจกรรม/ขั้นตอนของกิจกรรม</div>")
    cols = [f"<col style='width:{lay['desc_w']:.2f}pt'>"] + [f"<col style='width:{w:.2f}pt'>" for w in lay["widths"]]
    out.append(f"<table class='act'><colgroup>{''.join(cols)}</colgroup><thead>")
    out.append(
        "<tr><th rowspan='3'>กิจกรรม/ขั้นตอนของกิจกรรม</th><th colspan='2' rowspan='2'>เป้าหมาย</th>"
        + "".join(f"<th colspan='6'>ไตรมาส {N(str(q))}</th>" for q in range(1, 5))
        + "</tr>"
    )
    out.append("<tr>" + "".join(f"<th colspan='2'>{m}</th>" for m in MONTH_ABBR) + "</tr>")
    out.append("<tr>" + "<th>งาน</th><th>งบ</th>" * 13 + "</tr>")
    if s["header_numbers"]:
        out.append(
            f"<tr><th class='hn'>{N('(8)')}</th><th class='hn' colspan='2'>{N('(9)')}</th>"
            f"<th class='hn' colspan='12'>{N('(10)')}</th><th class='hn' colspan='12'>{N('(11)')}</th></tr>"
        )
    out.append("</thead><tbody>")
    parents = {a["parent_code"] for a in truth["activities"] if a["parent_code"]}
    for a in truth["activities"]:
        cells = row_cells(a, s)
        cls = "g" if a["code"] in parents else "l"
        indent = f" style='padding-left:{(a['level'] - 1) * 8 + s['row_padding_pt']:.1f}pt'" if s["indent_levels"] else ""
        code = N(a["code"])
        row = [f"<tr class='{cls}' id='act-{a['seq']}'><td class='d'{indent}>{code} {_e(a['description'])}</td>"]
        row += [f"<td class='n'>{_e(c)}</td>" for c in cells]
        out.append("".join(row) + "</tr>")
    tot_cells = row_cells(truth["totals"], s)
    out.append(
        f"<tr class='tot' id='totals'><td class='d'>{N('(12)')} รวมแผนการใช้งบประมาณ (บาท)</td>"
        + "".join(f"<td class='n'>{_e(c)}</td>" for c in tot_cells)
        + "</tr>"
    )
    out.append("</tbody></table>")

    # (13) (14) signatures
    dots = "." * 40
    sig13 = (
        f"<div class='block'>{N('(13)')} ลายมือชื่อผู้เสนอแผน {dots}<br>"
        f"ชื่อ - สกุล ({_e(plan['proposer_name'])})<br>ตำแหน่ง {_e(plan['proposer_position'])}</div>"
    )
    sig14 = (
        f"<div class='block'>{N('(14)')} ผู้อนุมัติแผน {dots}<br>"
        f"ชื่อ - สกุล ({_e(plan['approver_name'])})<br>ตำแหน่ง {_e(plan['approver_position'])}</div>"
    )
    out.append(f"<div class='sig {s['signature_layout']}'>{sig13}{sig14}</div>")
    out.append("</body></html>")
    return "\n".join(out)
