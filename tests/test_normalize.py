"""Normalizers on small hand-built inputs: numbers, months, codes, header
blocks and the activity table."""

from __future__ import annotations

import pytest

from pipeline.errors import NotAPlanError
from pipeline.model import Box, Cell, Document, Page, SourceKind, TextLine
from pipeline.normalize.codes import code_level, parent_of, split_code
from pipeline.normalize.form import normalize_document
from pipeline.normalize.header import parse_indicators, province_of
from pipeline.normalize.months import FISCAL_MONTHS, match_month
from pipeline.normalize.numbers import parse_number
from tests.handmade import MONTH_ABBR, _leaf, small_plan_doc


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15,590", 15590.0),
        ("๑๕,๕๙๐", 15590.0),
        ("15 590", 15590.0),
        ("2300 บาท", 2300.0),
        ("1,250.50", 1250.5),
        ("-", 0.0),
        ("–", 0.0),
        ("", 0.0),
        ("๐", 0.0),
        ("12", 12.0),
        ("abc", None),
        ("1,25,0", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("ต.ค.", 1),
        ("ค.ค.", 1),
        ("ค.ศ.", 1),
        ("น.บ.", 2),
        ("พ.ย.", 2),
        ("ตค", 1),
        ("มี.ค.", 6),
        ("มกราคม", 4),
        ("กันยายน", 12),
        ("ก.ย.", 12),
        ("ยว", None),
        ("งาน", None),
    ],
)
def test_match_month(text: str, index: int | None) -> None:
    assert match_month(text) == index


def test_fiscal_months_order_and_years() -> None:
    assert [m.month for m in FISCAL_MONTHS] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [m.quarter for m in FISCAL_MONTHS] == [1] * 3 + [2] * 3 + [3] * 3 + [4] * 3
    assert FISCAL_MONTHS[0].year_ce(2023) == 2022 and FISCAL_MONTHS[3].year_ce(2023) == 2023


def test_codes() -> None:
    assert split_code("๑.๒.๓ ประชุมกรรมการ") == ("1.2.3", "ประชุมกรรมการ")
    assert split_code("ประชุม") == (None, "ประชุม")
    assert code_level("1.2.3") == 3 and parent_of("1.2.3") == "1.2" and parent_of("1") is None


def test_indicators_and_province() -> None:
    inds = parse_indicators("1. สหกรณ์เข้มแข็ง ไม่น้อยกว่าร้อยละ ๘๐\n2. กลุ่มทำบัญชีได้\n3. ร้อยละ 100")
    assert [(i.number, i.target_percent) for i in inds] == [(1, 80.0), (2, None), (3, 100.0)]
    assert province_of("สำนักงานสหกรณ์จังหวัดพัทลุง") == "พัทลุง"
    assert province_of("กรมส่งเสริมสหกรณ์") is None


def test_small_plan_reads_every_field() -> None:
    plan = normalize_document(small_plan_doc())
    h = plan.header
    assert h.fiscal_year_be == 2566 and h.office == "สำนักงานสหกรณ์จังหวัดพัทลุง" and h.province == "พัทลุง"
    assert (h.officer_name, h.officer_position, h.unit) == (
        "นางสาวมาลี ศรีสุข",
        "นักวิชาการสหกรณ์ชำนาญการ",
        "กลุ่มส่งเสริมสหกรณ์ 1",
    )
    assert h.plan_program == "พัฒนาศักยภาพ" and h.main_activity == "ส่งเสริมและพัฒนาสหกรณ์"
    assert h.responsible_entities == "สหกรณ์การเกษตรเมือง จำกัด\nกลุ่มเกษตรกรทำนา"
    assert h.budget_received is not None and h.budget_received.value == 6300
    assert (h.proposer_name, h.approver_name, h.approver_position) == (
        "นางสาวมาลี ศรีสุข",
        "นายสมชาย ใจดี",
        "สหกรณ์จังหวัดพัทลุง",
    )
    assert [(a.code, a.parent_code, a.level) for a in plan.activities] == [
        ("1", None, 1),
        ("1.1", "1", 2),
        ("1.2", "1", 2),
    ]
    leaf = plan.activities[2]
    assert leaf.target_budget is not None and leaf.target_budget.value == 6000
    assert leaf.months is not None and [p.budget.value for p in leaf.months][6:] == [1000] * 6
    assert plan.totals is not None and plan.totals.target_budget is not None and plan.totals.target_budget.value == 6300
    assert [(i.number, i.target_percent) for i in plan.indicators] == [(1, 80.0)]
    assert plan.findings == []


def test_invented_month_columns_give_month_count() -> None:
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    # an OCR tool repeated a row with 19 month pairs
    extra = _leaf("1.2", "ตรวจเยี่ยมกลุ่มเกษตรกร", [(0, 0)] * 19)
    r = table.n_rows
    table.cells += [Cell(r, c, t, 1, box=Box(c, 30, c + 1, 31)) for c, t in enumerate(extra)]
    table.n_rows += 1
    table.n_cols = max(table.n_cols, len(extra))
    totals_row = [c for c in table.cells if c.row == r - 1]
    for c in totals_row:  # keep the totals row last
        c.row = r + 1
    table.n_rows += 1
    plan = normalize_document(doc)
    counts = [f for f in plan.findings if f.check == "month_count"]
    assert len(counts) == 1 and counts[0].found == "19"
    assert plan.activities[-1].months is None and plan.activities[-1].target_work is not None


def test_month_header_contradiction_is_reported_not_guessed() -> None:
    months = MONTH_ABBR[:9] + ["ก.ค."] * 3
    plan = normalize_document(small_plan_doc(months=months))
    wrong = sorted(f.month_index for f in plan.findings if f.check == "month_header")
    assert wrong == [11, 12]
    assert plan.totals is not None and plan.totals.months is not None
    assert plan.totals.months[11].budget.value == 1000  # September still by position


def test_what_the_reader_saw_of_a_page_reaches_the_plan() -> None:
    from pipeline.model import Finding
    from pipeline.validate.validate import validate

    doc = small_plan_doc()
    note = Finding(check="photo_quality", severity="warning", message="photo text is small", page=1)
    doc.pages[0].findings.append(note)
    plan = normalize_document(doc)
    validate(plan)
    assert [f for f in plan.findings if f.check == "photo_quality"] == [note]


def test_document_without_activity_table_is_not_a_plan() -> None:
    page = Page(1, 100, 100, lines=[TextLine("หนังสือราชการ", 1)])
    with pytest.raises(NotAPlanError):
        normalize_document(Document(SourceKind.PDF_TEXT, [page]))


def test_ocr_codes_are_put_right_only_where_the_outline_pins_them() -> None:
    from pipeline.normalize.codes import infer_ocr_codes, successors

    assert successors((1, 2)) == [(1, 2, 1), (1, 3), (2,)]
    assert split_code("9:2:4 จัดทำ") == ("9.2.4", "จัดทำ")
    ocr = [True] * 4
    assert infer_ocr_codes(["2.2.3", "9.2.4", "2.2.5", "3"], ocr) == ["2.2.3", "2.2.4", "2.2.5", "3"]
    assert infer_ocr_codes(["1.1", "9.9.9", "1.1.2", "2"], ocr) == ["1.1", "1.1.1", "1.1.2", "2"]
    assert infer_ocr_codes(["1", None, None, "1.1.2"], ocr) == ["1", "1.1", "1.1.1", "1.1.2"]
    # the rows after it agree with the reading: kept
    assert infer_ocr_codes(["2.1.1", "2.1.3", "2.1.4", "3"], ocr) == ["2.1.1", "2.1.3", "2.1.4", "3"]
    assert infer_ocr_codes(["1", None, "2"], ocr) == ["1", "1.1", "2"]  # the one row between 1 and 2
    # two ways to number the gap (1.1, 2 or 2, 2.1): kept
    assert infer_ocr_codes(["1", None, None, "3"], ocr) == ["1", None, None, "3"]
    # typed codes are never rewritten
    assert infer_ocr_codes(["2.2.3", "9.2.4", "2.2.5"], [False] * 3) == ["2.2.3", "9.2.4", "2.2.5"]


def test_ocr_code_mending_is_recorded() -> None:
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    for cell in table.cells:
        cell.confidence = 0.9
    row = next(c for c in table.cells if c.text.startswith("1.2 "))
    row.text = "1:7 ตรวจเยี่ยมกลุ่มเกษตรกร"
    plan = normalize_document(doc)
    assert [a.code for a in plan.activities] == ["1", "1.1", "1.2"]
    (fix,) = [f for f in plan.findings if f.check == "code_sequence"]
    assert (fix.original_value, fix.repaired_value) == ("1.7", "1.2")


def test_ocr_numbers_lose_edge_specks_and_dotted_thousands() -> None:
    assert parse_number(". 38150", ocr=True) == 38150.0
    assert parse_number("1.250", ocr=True) == 1250.0
    assert parse_number("1.25", ocr=True) == 1.25
    assert parse_number(". 38150") is None  # a text layer is taken as written
    assert parse_number("1.250") is None


def test_ocr_debris_at_the_ends_of_text_is_dropped() -> None:
    from pipeline.normalize.thai_text import strip_ocr_debris

    assert strip_ocr_debris("ร้อยละ 80 : ว") == "ร้อยละ 80"
    assert strip_ocr_debris(". เริ่มต้น") == "เริ่มต้น"
    assert strip_ocr_debris("กลุ่มส่งเสริมสหกรณ์ 1") == "กลุ่มส่งเสริมสหกรณ์ 1"  # a digit is not debris
    assert strip_ocr_debris("ชื่อ - สกุล (นายสมชาย ใจดี )") == "ชื่อ - สกุล (นายสมชาย ใจดี )"


def test_a_row_of_specks_and_dashes_has_no_figures() -> None:
    assert parse_number("'", ocr=True) == 0.0
    doc = small_plan_doc()
    group = next(c for c in doc.pages[0].tables[1].cells if c.text.startswith("1 "))
    from pipeline.model import Cell

    doc.pages[0].tables[1].cells += [Cell(3, 5, "'", 1, box=group.box, confidence=0.8), Cell(3, 6, "-", 1, box=group.box)]
    plan = normalize_document(doc)
    assert not plan.activities[0].has_numbers


def test_a_stray_digit_in_an_ocr_group_row_without_targets_is_a_speck() -> None:
    from pipeline.model import Cell

    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    for cell in table.cells:
        cell.confidence = 0.9
    group = next(c for c in table.cells if c.text.startswith("1 "))
    table.cells.append(Cell(3, 7, "2", 1, box=group.box, confidence=0.5))
    plan = normalize_document(doc)
    assert not plan.activities[0].has_numbers
    assert plan.activities[1].has_numbers  # its rows keep theirs


def test_a_misread_column_number_row_is_known_by_its_merged_cells() -> None:
    """(8) | (9) | (10) | (11) read as debris from a photo: its cells span the
    target pair and the 12 months, which a body row's cells never do."""
    from pipeline.normalize.activity_table import is_header_row

    debris = [Cell(3, 0, "*", 1), Cell(3, 1, "เล.", 1, colspan=2), Cell(3, 3, "9เ", 1, colspan=24)]
    assert is_header_row(debris)
    body = [Cell(4, 0, "1.1 จัดประชุมคณะกรรมการ", 1)] + [Cell(4, c, "5", 1) for c in range(1, 27)]
    assert not is_header_row(body)
    # a 200-dpi Umpush page 2 (seed 4141 plan 14): (๗) | (๘) | (๑๐) | (๑๑) with
    # a speck read beside the last; a header that is no row of figures
    specked = [Cell(3, 0, "(=)", 2), Cell(3, 1, "(๓", 2, colspan=2), Cell(3, 3, "(๑๐]", 2, colspan=12),
               Cell(3, 15, "ซ่ 4 (๑๑)", 2, colspan=12)]
    assert is_header_row(specked)
    # a 92-dpi phone photo (seed 1313 plan 10): the cell over the last two
    # quarters read as a long run of debris; taken for the first body row,
    # it shifted every row below by one (137 of 391 number cells right)
    long_debris = [Cell(3, 0, "19 ๑ = ==", 1), Cell(3, 1, "09", 1, colspan=2), Cell(3, 3, "กณ", 1, colspan=12),
                   Cell(3, 15, "SSS itis eS", 1, colspan=12)]
    assert is_header_row(long_debris)
    # ... but figures that lost rules joined over a quarter are a body row's
    joined = [Cell(4, 0, "1.1", 1), Cell(4, 1, "4 12,500", 1, colspan=2),
              Cell(4, 3, "1 2,500 - - 3 10,000", 1, colspan=6), *(Cell(4, c, "-", 1) for c in range(9, 27))]
    assert not is_header_row(joined)


def test_a_row_is_a_group_by_the_row_numbered_below_it_not_by_a_child_far_down() -> None:
    """A photo's misread codes (3131 plan 1: "3" read for 1, "3.12" further
    down) once made a leaf a "group", and its month figures were dropped as
    specks; a group's first child is the row numbered right below it."""
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    for cell in table.cells:
        if cell.row == 6:
            cell.row = 7  # the totals row moves down one
    table.cells += [Cell(6, c, t, 1, box=Box(c, 16, c + 1, 17)) for c, t in enumerate(_leaf("1.1.3", "ติดตามผล", [(0, 0)] * 12))]
    table.n_rows += 1
    leaf = [c for c in table.cells if c.row == 4]
    for cell in leaf:
        cell.confidence = 0.9  # OCR-read, its targets lost
        if cell.col in (1, 2):
            cell.text = ""
    plan = normalize_document(doc)
    assert [a.code for a in plan.activities] == ["1", "1.1", "1.2", "1.1.3"]
    assert plan.activities[1].has_numbers  # 1.2 follows it: no group, its figures stay
