"""A small action plan built by hand as extractor output, for unit tests of
the normalizers and validators."""

from __future__ import annotations

from pipeline.model import Box, Cell, Document, Page, SourceKind, Table, TextLine
from pipeline.normalize.months import FISCAL_MONTHS

MONTH_ABBR = [m.abbr for m in FISCAL_MONTHS]


def _table(rows: list[list[str]], page: int = 1, top: float = 10.0) -> Table:
    cells = [
        Cell(row=r, col=c, text=t, page=page, box=Box(c, top + r, c + 1, top + r + 1))
        for r, row in enumerate(rows)
        for c, t in enumerate(row)
    ]
    return Table(page=page, n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells, box=Box(0, top, 27, top + len(rows)))


def _header_rows(months: list[str] = MONTH_ABBR) -> list[list[str]]:
    quarters = ["กิจกรรม/ขั้นตอนของกิจกรรม", "เป้าหมาย", ""]
    for q in range(4):
        quarters += [f"ไตรมาส {q + 1}"] + [""] * 5
    month_row = ["", "งาน", "งบ"]
    for m in months:
        month_row += [m, ""]
    return [quarters, month_row, ["", "", ""] + ["งาน", "งบ"] * 12]


def _leaf(code: str, text: str, months: list[tuple[int, int]]) -> list[str]:
    work = sum(w for w, _ in months)
    budget = sum(b for _, b in months)
    row = [f"{code} {text}", str(work), f"{budget:,}"]
    for w, b in months:
        row += [str(w) if w else "-", f"{b:,}" if b else "-"]
    return row


def small_plan_doc(tamper: tuple[int, int, str] | None = None, months: list[str] = MONTH_ABBR) -> Document:
    a = [(1, 100)] * 3 + [(0, 0)] * 9
    b = [(0, 0)] * 6 + [(2, 1000)] * 6
    rows = _header_rows(months)
    rows.append(["1 ส่งเสริมสหกรณ์"])
    rows.append(_leaf("1.1", "ประชุมคณะกรรมการ", a))
    rows.append(_leaf("1.2", "ตรวจเยี่ยมกลุ่มเกษตรกร", b))
    totals = [(x[0] + y[0], x[1] + y[1]) for x, y in zip(a, b)]
    rows.append(_leaf("(12)", "รวมแผนการใช้งบประมาณ (บาท)", totals))
    rows[-1][0] = "(12) รวมแผนการใช้งบประมาณ (บาท)"
    if tamper:
        r, c, text = tamper
        rows[r][c] = text
    lines = [
        "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (Action Plan)",
        "ของสำนักงานสหกรณ์จังหวัดพัทลุง",
        "นางสาวมาลี ศรีสุข ตำแหน่งนักวิชาการสหกรณ์ชำนาญการ สังกัดกลุ่มส่งเสริมสหกรณ์ 1",
        "(1) แผนงาน : พัฒนาศักยภาพ",
        "(2) ผลผลิต/โครงการ : สหกรณ์ได้รับการส่งเสริม",
        "(3) กิจกรรมหลัก : ส่งเสริมและพัฒนาสหกรณ์",
    ]
    page = Page(number=1, width=842, height=595)
    page.lines = [TextLine(t, 1, Box(0, i, 1, i + 1)) for i, t in enumerate(lines)]
    page.tables.append(
        _table(
            [
                ["(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย"],
                ["สหกรณ์การเกษตรเมือง จำกัด\nกลุ่มเกษตรกรทำนา", "6,300 บาท", "1. สหกรณ์เข้มแข็ง ร้อยละ 80"],
            ],
            top=7,
        )
    )
    page.tables.append(_table(rows, top=10))
    tail = ["(13) ลายมือชื่อผู้เสนอแผน", "ชื่อ - สกุล (นางสาวมาลี ศรีสุข)", "ตำแหน่ง นักวิชาการสหกรณ์ชำนาญการ",
            "(14) ผู้อนุมัติแผน", "ชื่อ - สกุล (นายสมชาย ใจดี)", "ตำแหน่ง สหกรณ์จังหวัดพัทลุง"]
    page.lines += [TextLine(t, 1, Box(0, 40 + i, 1, 41 + i)) for i, t in enumerate(tail)]
    return Document(SourceKind.OCR_TEXT, [page])


