"""Header blocks read from OCR'd lines: block numbers in brackets read as
anything, slips in the labels, the (7) line ending block (3), the (4)-(6)
table found by words that lost a mark."""

from __future__ import annotations

from pipeline.model import Box, Cell, PlanHeader, Table, TextLine
from pipeline.normalize.header import (
    is_blocks_456_table,
    parse_blocks_456,
    parse_header_lines,
    parse_indicators,
    parse_signatures,
)


def test_blocks_with_misread_numbers_and_labels() -> None:
    header = PlanHeader()
    lines = [
        "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ุศ. ๒๕๖๓ (Action Plan)",
        "ของสำนักงานสหกรณ์จังหวัดสิงห์บุรี",
        "(9)แผนงาน : แผนงานบุคลากรภาครัฐ",
        "(๒) ผลผลิต/โครง์การ : โครงการพัฒนาศักยภาพการดำเนินธุรกิจของสหกรณ์",
        "(mn) กิจกรรมหลัก : พัฒนาความรู้ด้านการสหกรณ์แก่สมาชิก",
        "(ซ) กิจกรรม/ขั้นตอนของกิจกรรม",
    ]
    parse_header_lines(lines, header, ocr=True)
    assert header.fiscal_year_be == 2563
    assert header.province == "สิงห์บุรี"
    assert header.plan_program == "แผนงานบุคลากรภาครัฐ"
    assert header.output_project == "โครงการพัฒนาศักยภาพการดำเนินธุรกิจของสหกรณ์"
    # the (7) line, its number misread, does not continue block (3)
    assert header.main_activity == "พัฒนาความรู้ด้านการสหกรณ์แก่สมาชิก"


def test_ocr_slips_in_header_words_put_right_names_left_alone() -> None:
    header = PlanHeader()
    lines = [
        "นางสาวศิริพร ชัยมงคล ตำแหน่งนักวิชาการตรวจสอบบัญชีชำนาญการ สังกัดกลุ่มบริหารทัวไป",
        "(3) กิจกรรมหลัก : แนะนำสั่งเสริมการจัดทำบัญชีของสหกรณ์",
    ]
    parse_header_lines(lines, header, ocr=True)
    assert header.officer_name == "นางสาวศิริพร ชัยมงคล"
    assert header.unit == "กลุ่มบริหารทั่วไป"
    assert header.main_activity == "แนะนำส่งเสริมการจัดทำบัญชีของสหกรณ์"
    # a text layer is what the producer wrote: no correction without `ocr`
    plain = PlanHeader()
    parse_header_lines(lines, plain)
    assert plain.unit == "กลุ่มบริหารทัวไป"


def _cell(row: int, col: int, text: str) -> Cell:
    return Cell(row, col, text, 1, confidence=0.9)


def test_blocks_456_table_found_when_its_heads_lost_marks() -> None:
    table = Table(1, 2, 3, [
        _cell(0, 0, "(@สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ"),
        _cell(0, 1, "๘ (&) งบประมาณที่ฑที่เได้รับ"),
        _cell(0, 2, "(5)ตัวชีวัดเป้าหมาย"),
        _cell(1, 0, "สหกรณ์ภาคการเกษตร จำนวน 10 แห่ง"),
        _cell(1, 1, "555,500 บาท"),
        _cell(1, 2, "1. สหกรณ์มีแผนพัฒนาสหกรณ์ ร้อยละ 80\n2. รายงานผลการปฏิบัติงานตรงตามกำหนดเวลา"),
    ])
    assert is_blocks_456_table(table)
    header = PlanHeader()
    indicators = parse_blocks_456(table, header)
    assert header.responsible_entities == "สหกรณ์ภาคการเกษตร จำนวน 10 แห่ง"
    assert [(i.number, i.target_percent) for i in indicators] == [(1, 80.0), (2, None)]


def _signatures(left: tuple[str, str], right: tuple[str, str]) -> list[TextLine]:
    """Blocks (13) and (14) side by side on page 2 (2480 px wide) as OCR
    returns them: each column's name line and position line on their own."""
    return [
        TextLine(left[0], 2, Box(300, 1000, 1000, 1040), 0.9),
        TextLine(right[0], 2, Box(1500, 1002, 2200, 1042), 0.9),
        TextLine(left[1], 2, Box(300, 1060, 1000, 1100), 0.9),
        TextLine(right[1], 2, Box(1500, 1061, 2200, 1101), 0.9),
    ]


def test_signatures_side_by_side_as_separate_ocr_lines() -> None:
    lines = _signatures(("ชื่อ-สกุล (นางน้ำฝน รักษาศรี)", "ตำแหน่ง นักวิชาการตรวจสอบบัญชีชำนาญการ (๑๓)"),
                        ("ชื่อ-สกุล (นายสมชาย ใจดี)", "ตำแหน่ง สหกรณ์จังหวัดราชบุรี"))
    header = PlanHeader()
    parse_signatures(lines, {2: 2480.0}, header)
    assert (header.proposer_name, header.proposer_position) == ("นางน้ำฝน รักษาศรี", "นักวิชาการตรวจสอบบัญชีชำนาญการ")
    assert (header.approver_name, header.approver_position) == ("นายสมชาย ใจดี", "สหกรณ์จังหวัดราชบุรี")


def test_lines_whose_block_numbers_and_specks_were_dropped() -> None:
    """The debris before a line goes (a speck before "ของ", a block number
    read as letters and dropped), a bent "ตำแหน่ง", marks at fields' ends."""
    header = PlanHeader()
    lines = [
        "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณพ.ศ. ๒๕๖๓",
        ".ของสำนักงานสหกรณ์จังหวัดแม่ฮ่องสอน",
        "นายชำนาญศรีสุขตัวแหน่งนักวิชาการสหกรณ์ชำนาญการพิเศษสังกัดกลุ่มงานวิชาการ.",
        "(๑)แผนงาน : พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน )",
        "ผลผลิต/โครงการ : โครงการพัฒนาศักยภาพการดำเนินธุรกิจของสหกรณ์",
        "กิจกรรมหลัก : ส่งเสริมการรวบรวมผลผลิตของ ธ.ก.ส.",
        "(oy) กิจกรรม/ขั้นตอ๋นของกิจกรรม",
    ]
    parse_header_lines(lines, header, ocr=True)
    assert header.province == "แม่ฮ่องสอน"
    assert (header.officer_name, header.unit) == ("นายชำนาญ ศรีสุข", "กลุ่มงานวิชาการ")
    assert header.plan_program == "พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน"
    assert header.output_project == "โครงการพัฒนาศักยภาพการดำเนินธุรกิจของสหกรณ์"
    assert header.main_activity == "ส่งเสริมการรวบรวมผลผลิตของ ธ.ก.ส."


def test_title_year_kept_when_the_title_words_are_garbled() -> None:
    # a 106-dpi phone photo's bold title (generated seed 4848, plan 8), as
    # Tesseract read it (its "(Action อ an)" dropped as debris): era sign and
    # year right, แผน and ปี lost
    header = PlanHeader()
    parse_header_lines(["LAWLฎิ๊บัติการและงบบระมาณบระจำถึงบบ ระมาณพ.ศ. ๒๕๖๑",
                        "ของสำนักงานเกษตรจังหวัดชัยภูมิ"], header, ocr=True)
    assert header.fiscal_year_be == 2561


def test_title_year_after_a_doubled_point_in_the_era_sign() -> None:
    # a 106-dpi phone photo's title (generated seed 4848, plan 12), as
    # Tesseract read it: "พ..ศ."
    header = PlanHeader()
    parse_header_lines(["แผน1ฎิบัติการและงบบระมาณ1ระจำปีงบบระมาณพ..ศ. 2564 (Action Plan)",
                        "ของสำนักงานสหกรณ์จังหวัดสระแก้ว"], header, ocr=True)
    assert header.fiscal_year_be == 2564


def test_implausible_title_year_is_none() -> None:
    header = PlanHeader()
    parse_header_lines(["แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. ๑๕๖๒ (Action Plan)"], header, ocr=True)
    assert header.fiscal_year_be is None


def test_signature_names_with_garbled_labels() -> None:
    lines = _signatures(("ชื่อ-ana(นวยุไพโรจน์ศรีสุข)", "ตำแหน่งนักวิชาการส่งเสริมสหกรณ์"),
                        ("ta - ana (นางศิริพรเพชรรัตน์] /", "ตำแหน่งสหกรณ์จังหวัดสระบุรี"))
    header = PlanHeader()
    parse_signatures(lines, {2: 2480.0}, header)
    assert header.proposer_position == "นักวิชาการส่งเสริมสหกรณ์"
    assert (header.approver_name, header.approver_position) == ("นางศิริพร เพชรรัตน์", "สหกรณ์จังหวัดสระบุรี")


def test_province_names_read_right_are_not_spell_corrected() -> None:
    header = PlanHeader()
    parse_header_lines(["ของสำนักงานสหกรณ์จังหวัดน่าน"], header, ocr=True)
    assert (header.office, header.province) == ("สำนักงานสหกรณ์จังหวัดน่าน", "น่าน")
    # a name that is no province's is a slip like any other
    header = PlanHeader()
    parse_header_lines(["ของสำนักงานสหกรณ์จังหวัดปิตตานี"], header, ocr=True)
    assert header.province == "ปัตตานี"


def test_indicator_point_read_as_comma_and_marks_in_names() -> None:
    text = "๑. สหกรณ์มีปริมาณธุรกิจเพิ่มขึ้นร้อยละ80 ๒, รายงานผลการปฏิบัติงานตรงตามกำหนดเวลา ร้อยละ 90, ครบถ้วน"
    assert [(i.number, i.target_percent) for i in parse_indicators(text)] == [(1, 80.0), (2, 90.0)]
    lines = [
        TextLine("ชื่อ-สกุล (นางสาวสุดารัตน์' ทองใบ)", 2, Box(300, 1000, 1000, 1040), 0.9),
        TextLine("ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ปฏิบัติงาน-", 2, Box(300, 1060, 1000, 1100), 0.9),
    ]
    header = PlanHeader()
    parse_signatures(lines, {2: 2480.0}, header)
    assert (header.proposer_name, header.proposer_position) == ("นางสาวสุดารัตน์ ทองใบ", "เจ้าพนักงานส่งเสริมสหกรณ์ปฏิบัติงาน")
