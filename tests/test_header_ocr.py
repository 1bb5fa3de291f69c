"""Header blocks read from OCR'd lines: block numbers in brackets read as
anything, slips in the labels, the (7) line ending block (3), the (4)-(6)
table found by words that lost a mark."""

from __future__ import annotations

from pipeline.model import Box, Cell, PlanHeader, Table, TextLine
from pipeline.normalize.header import is_blocks_456_table, parse_blocks_456, parse_header_lines, parse_signatures


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


def test_signatures_side_by_side_as_separate_ocr_lines() -> None:
    width = 2480.0
    lines = [
        TextLine("ชื่อ-สกุล (นางน้ำฝน รักษาศรี)", 2, Box(300, 1000, 1000, 1040), 0.9),
        TextLine("ชื่อ-สกุล (นายสมชาย ใจดี)", 2, Box(1500, 1002, 2200, 1042), 0.9),
        TextLine("ตำแหน่ง นักวิชาการตรวจสอบบัญชีชำนาญการ (๑๓)", 2, Box(300, 1060, 1000, 1100), 0.9),
        TextLine("ตำแหน่ง สหกรณ์จังหวัดราชบุรี", 2, Box(1500, 1061, 2200, 1101), 0.9),
    ]
    header = PlanHeader()
    parse_signatures(lines, {2: width}, header)
    assert (header.proposer_name, header.proposer_position) == ("นางน้ำฝน รักษาศรี", "นักวิชาการตรวจสอบบัญชีชำนาญการ")
    assert (header.approver_name, header.approver_position) == ("นายสมชาย ใจดี", "สหกรณ์จังหวัดราชบุรี")
