"""Truth dict -> a text export, as an earlier OCR tool would have printed it.

Three flavours (see `/work/shared/samples/ocr-export-example.txt` for the
original shape):

* ``tab``      header lines as plain text, table rows one per line with
               tab-separated cells, multi-line cells as ``<p>...</p>`` runs;
               a group row without numbers is printed as its description
               alone (no tab at all), exactly like the sample.
* ``markdown`` the same lines, table rows as ``| a | b |`` with a
               ``|---|`` separator line after the first header row.
* ``html``     free text as ``<p>`` lines (``<br>`` inside the signature
               blocks), each table as ``<table><tr><td>..`` with ``colspan``
               on the header cells.

Numbers are printed per ``truth["style"]`` (Thai digits, zero sign, commas,
satang) and are always right.  With ``rng`` the month header gets the noise
seen in real exports (``ค.ค.``/``ค.ศ.`` for ต.ค., ``น.บ.`` for พ.ย., one
abbreviation repeated for the remaining columns, ``ยว`` for งบ, lost dots,
full month names).  ``invented_rows=True`` inserts 1-2 rows the tool made up:
the text of an existing leaf row followed by its targets and 18-20 month pairs (39-43 cells).
They are not in the truth; `write_export` returns their 0-based positions in
the printed activity order.
"""

from __future__ import annotations

import html
import random
from pathlib import Path
from typing import Any

from pipeline.generate.render_html import row_cells, digits, fmt_int, fmt_money

__all__ = ["write_export", "FLAVOURS", "MONTH_ABBR", "MONTH_FULL"]

FLAVOURS = ("tab", "markdown", "html")

MONTH_ABBR: tuple[str, ...] = (
    "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.",
    "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
)
MONTH_FULL: tuple[str, ...] = (
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม",
    "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
)

N_COLS = 27  # description + target pair + 12 month pairs


# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------


def _has_numbers(row: dict[str, Any]) -> bool:
    return row.get("target_work") is not None or row.get("target_budget_thb") is not None or bool(row.get("months"))


# --------------------------------------------------------------------------
# header noise
# --------------------------------------------------------------------------


def _month_headers(rng: random.Random | None) -> tuple[list[str], str]:
    """12 month labels and the label printed for the months' งบ sub-column."""
    months = list(MONTH_ABBR)
    budget_label = "งบ"
    if rng is None:
        return months, budget_label
    if rng.random() < 0.15:
        months = list(MONTH_FULL)
    else:
        if rng.random() < 0.4:
            months[0] = rng.choice(["ค.ค.", "ค.ศ."])
        if rng.random() < 0.35:
            months[1] = "น.บ."
        if rng.random() < 0.2:
            months = [m.replace(".", "") for m in months]
    if rng.random() < 0.3:
        start = rng.randint(6, 10)
        for m in range(start + 1, 12):
            months[m] = months[start]
    if rng.random() < 0.35:
        budget_label = "ยว"
    return months, budget_label


# --------------------------------------------------------------------------
# the printed rows
# --------------------------------------------------------------------------


def _activity_rows(
    truth: dict[str, Any], rng: random.Random | None, invented_rows: bool
) -> tuple[list[list[str]], list[int]]:
    """One list of cells per printed activity row, and the invented positions."""
    style = truth["style"]
    rows: list[list[str]] = []
    for act in truth["activities"]:
        first = f"{digits(act['code'], style)} {act['description']}" if act.get("code") else act["description"]
        if _has_numbers(act):
            rows.append([first, *row_cells(act, style)])
        else:
            rows.append([first])
    invented: list[int] = []
    if not invented_rows:
        return rows, invented
    rng = rng or random.Random(0)
    leaves = [i for i, r in enumerate(rows) if len(r) > 1]
    if not leaves:
        return rows, invented
    n = min(rng.randint(1, 2), len(leaves))
    picks = sorted(rng.sample(leaves, n))
    # insert from the back so earlier indices stay valid
    inserts: list[tuple[int, list[str]]] = []
    for src in picks:
        base = rows[src]
        numbers = base[1:]  # targets + 12 month pairs = 13 pairs
        pairs = rng.randint(18, 20)
        months = numbers[2:]
        extra: list[str] = []
        k = 0
        while len(months) + len(extra) < 2 * pairs:
            extra += months[(2 * k) % 24:(2 * k) % 24 + 2]
            k += 1
        fake = [base[0], *numbers, *extra][: 3 + 2 * pairs]  # description, targets, 18-20 month pairs
        where = src + 1 if rng.random() < 0.6 else rng.randint(0, len(rows))
        inserts.append((where, fake))
    for where, fake in sorted(inserts, key=lambda t: t[0], reverse=True):
        rows.insert(where, fake)
    # recover the final positions of the invented rows (identity, not equality)
    fakes = [id(f) for _, f in inserts]
    invented = [i for i, r in enumerate(rows) if id(r) in fakes]
    return rows, invented


def _header_rows(style: dict[str, Any], months: list[str], budget_label: str) -> list[list[str]]:
    """The activity table's header, split over 3 (or 4) lines, 27 cells each."""
    q = ["กิจกรรม/ขั้นตอนของกิจกรรม", "เป้าหมาย", ""]
    for n in range(1, 5):
        q += [f"ไตรมาส {digits(str(n), style)}", "", "", "", "", ""]
    m = ["", "งาน", "งบ"]
    for label in months:
        m += [label, ""]
    s = ["", "", ""] + ["งาน", budget_label] * 12
    rows = [q, m, s]
    if style.get("header_numbers"):
        rows.append(
            [digits("(8)", style), digits("(9)", style), "", digits("(10)", style)]
            + [""] * 11 + [digits("(11)", style)] + [""] * 11
        )
    return rows


def _free_text(truth: dict[str, Any]) -> dict[str, Any]:
    style = truth["style"]
    plan = truth["plan"]
    N = lambda text: digits(text, style)  # noqa: E731
    items = [x for x in (plan.get("responsible_entities") or "").split("\n") if x]
    budget = fmt_money(plan.get("budget_received_thb"), style, zero=False) + style.get("budget_suffix", " บาท")
    indicators = [f"{N(str(i['number']))}. {i['text']}" for i in truth.get("indicators", [])]
    return {
        "title": f"แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. {N(str(plan['fiscal_year_be']))} (Action Plan)",
        "office": f"ของ{plan['office']}",
        "officer": f"{plan['officer_name']} ตำแหน่ง{plan['officer_position']} สังกัด{plan['unit']}",
        "blocks": [
            f"{N('(1)')} แผนงาน : {plan['plan_program']}",
            f"{N('(2)')} ผลผลิต/โครงการ : {plan['output_project']}",
            f"{N('(3)')} กิจกรรมหลัก : {plan['main_activity']}",
        ],
        "info_head": [
            f"{N('(4)')} สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ",
            f"{N('(5)')} งบประมาณที่ได้รับ",
            f"{N('(6)')} ตัวชี้วัดเป้าหมาย",
        ],
        "entities": items,
        "budget": budget,
        "indicators": indicators,
        "label7": f"{N('(7)')} กิจกรรม/ขั้นตอนของกิจกรรม",
        "totals_label": f"{N('(12)')} รวมแผนการใช้งบประมาณ (บาท)",
        "sig13": [
            f"{N('(13)')} ลายมือชื่อผู้เสนอแผน",
            f"ชื่อ - สกุล ({plan['proposer_name']})",
            f"ตำแหน่ง {plan['proposer_position']}",
        ],
        "sig14": [
            f"{N('(14)')} ผู้อนุมัติแผน",
            f"ชื่อ - สกุล ({plan['approver_name']})",
            f"ตำแหน่ง {plan['approver_position']}",
        ],
    }


def _p_runs(items: list[str], escape: bool = False) -> str:
    if escape:
        items = [html.escape(x, quote=False) for x in items]
    return " ".join(f"<p>{x}</p>" for x in items)


# --------------------------------------------------------------------------
# flavours
# --------------------------------------------------------------------------


def _text_lines(ft: dict[str, Any], table_lines: list[str], info_lines: list[str]) -> list[str]:
    out = [ft["title"], "", ft["office"], "", ft["officer"], ""]
    for b in ft["blocks"]:
        out += [b, ""]
    out += info_lines + [""]
    out += [ft["label7"], ""]
    out += table_lines + [""]
    out += [ft["sig13"][0], *(" " + x for x in ft["sig13"][1:]), ""]
    out += [ft["sig14"][0], *(" " + x for x in ft["sig14"][1:])]
    return out


def _page_marker(n: int) -> list[str]:
    return ["", f"--- page {n} ---", ""]


def _render_tab(ft: dict[str, Any], header: list[list[str]], chunks: list[list[list[str]]], totals: list[str]) -> str:
    info = [
        "\t".join(ft["info_head"]),
        "\t".join([_p_runs(ft["entities"]), ft["budget"], _p_runs(ft["indicators"])]),
    ]
    table: list[str] = []
    for k, body in enumerate(chunks):
        if k:
            table += _page_marker(k + 1)
        table += ["\t".join(r) for r in header] + ["\t".join(r) for r in body]
    table.append("\t".join(totals))
    return "\n".join(_text_lines(ft, table, info)) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


def _md_sep(n: int) -> str:
    return "|" + "|".join("---" for _ in range(n)) + "|"


def _render_markdown(ft: dict[str, Any], header: list[list[str]], chunks: list[list[list[str]]], totals: list[str]) -> str:
    info = [
        _md_row(ft["info_head"]),
        _md_sep(3),
        _md_row([_p_runs(ft["entities"]), ft["budget"], _p_runs(ft["indicators"])]),
    ]
    table: list[str] = []
    for k, body in enumerate(chunks):
        if k:
            table += _page_marker(k + 1)
        table += [_md_row(header[0]), _md_sep(N_COLS)] + [_md_row(r) for r in header[1:]]
        table += [_md_row(r) for r in body]
    table.append(_md_row(totals))
    return "\n".join(_text_lines(ft, table, info)) + "\n"


def _render_html(ft: dict[str, Any], header: list[list[str]], chunks: list[list[list[str]]], totals: list[str]) -> str:
    e = lambda t: html.escape(t, quote=False)  # noqa: E731
    out = ["<html><head><meta charset='utf-8'><title>OCR export</title></head><body>"]
    out.append(f"<p>{e(ft['title'])}</p>")
    out.append(f"<p>{e(ft['office'])}</p>")
    out.append(f"<p>{e(ft['officer'])}</p>")
    out += [e(b) for b in ft["blocks"]]  # plain lines, as some tools print them
    out.append("<table border='1'>")
    out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in ft["info_head"]) + "</tr>")
    out.append(
        f"<tr><td>{_p_runs(ft['entities'], True)}</td><td>{e(ft['budget'])}</td>"
        f"<td>{_p_runs(ft['indicators'], True)}</td></tr>"
    )
    out.append("</table>")
    out.append(f"<p>{e(ft['label7'])}</p>")
    for k, body in enumerate(chunks):
        if k:
            out.append(f"<!-- page {k + 1} -->")
        last = k == len(chunks) - 1
        out += _html_table(header, body + [totals] if last else body, e)
    out.append("<p>" + "<br>".join(e(x) for x in ft["sig13"]) + "</p>")
    out.append("<p>" + "<br>".join(e(x) for x in ft["sig14"]) + "</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _html_table(header: list[list[str]], body: list[list[str]], e: Any) -> list[str]:
    out = ["<table border='1'>"]
    # header rows: merge a label with the empty cells that follow it (colspan)
    for r_i, row in enumerate(header):
        cells: list[str] = []
        c = 0
        while c < len(row):
            text = row[c]
            span = 1
            if text and r_i < 2:
                limit = 2 if (r_i == 0 and c == 1) or r_i == 1 else 6
                while span < limit and c + span < len(row) and row[c + span] == "":
                    span += 1
            if r_i == 1 and c in (1, 2):
                span = 1  # งาน / งบ of the targets
            attr = f" colspan='{span}'" if span > 1 else ""
            tag = "th" if text else "td"
            cells.append(f"<{tag}{attr}>{e(text)}</{tag}>")
            c += span
        out.append("<tr>" + "".join(cells) + "</tr>")
    for row in body:
        out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return out


def write_export(
    truth: dict[str, Any],
    path: Path,
    flavour: str = "tab",
    rng: random.Random | None = None,
    invented_rows: bool = False,
    page_rows: int | None = None,
) -> list[int]:
    """Write `truth` as a text export at `path` (UTF-8, no BOM).

    `page_rows` (optional) splits the activity table after every `page_rows`
    printed activity rows onto a new page, marked ``--- page N ---`` (tab,
    markdown) or ``<!-- page N -->`` (html), with the header repeated.

    Returns the 0-based positions, in the printed activity order (header and
    totals rows not counted), of the rows the "tool" invented ([] unless
    `invented_rows`)."""
    if flavour not in FLAVOURS:
        raise ValueError(f"flavour must be one of {FLAVOURS}, not {flavour!r}")
    style = truth["style"]
    months, budget_label = _month_headers(rng)
    header = _header_rows(style, months, budget_label)
    body, invented = _activity_rows(truth, rng, invented_rows)
    ft = _free_text(truth)
    totals = [ft["totals_label"], *row_cells(truth["totals"], style)]
    if page_rows and page_rows > 0 and body:
        chunks = [body[i:i + page_rows] for i in range(0, len(body), page_rows)]
    else:
        chunks = [body]
    render = {"tab": _render_tab, "markdown": _render_markdown, "html": _render_html}[flavour]
    Path(path).write_text(render(ft, header, chunks, totals), encoding="utf-8")
    return invented
