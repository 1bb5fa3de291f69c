"""Header fields of OCR'd plans put right from the form's own structure:
the list of provinces, the fixed labels, indicators numbered 1, 2, 3, the
officer who signs as proposer (one name printed twice), a name whose
closing bracket was lost.  Names are never put right from a word list."""

from __future__ import annotations

from pipeline.model import Box, Cell, PlanHeader, Table, TextLine
from pipeline.normalize.header import parse_blocks_456, parse_header_lines, parse_indicators, parse_signatures


def _ocr_line(text: str, x0: float, y0: float) -> TextLine:
    return TextLine(text, 3, Box(x0, y0, x0 + 700, y0 + 40), 0.9)


def test_province_names_bent_by_ocr_are_the_province_they_are_close_to() -> None:
    header = PlanHeader()
    parse_header_lines(["ของสำนักงานสหกรณ์จังหวัดกระบิ"], header, ocr=True)  # marks lost
    assert (header.office, header.province) == ("สำนักงานสหกรณ์จังหวัดกระบี่", "กระบี่")
    lines = [
        _ocr_line("ชื่อ-สกุล (นางกาญจนา ศรีสุข)", 300, 1000),
        _ocr_line("ตำแหน่งนักวิชาการสหกรณ์ชำนาญการ", 300, 1060),
        _ocr_line("ชื่อ-สกุล (นายสมชาย ใจดี)", 1500, 1000),
        _ocr_line("ตำแหน่งสหกรณ์จังหวัดพี่พังงา", 1500, 1060),  # a speck read before it
    ]
    parse_signatures(lines, {3: 2480.0}, header)
    assert header.approver_position == "สหกรณ์จังหวัดพังงา"
    # a slip and a speck after it (a 300-dpi scan of seed 9595, plan 3)
    lines[3] = _ocr_line("ตำแหน่งสหกรณ์จังหวัดพังงๆก", 1500, 1060)
    parse_signatures(lines, {3: 2480.0}, header)
    assert header.approver_position == "สหกรณ์จังหวัดพังงา"


def test_block_labels_with_a_misread_first_vowel_and_a_speck_line() -> None:
    header = PlanHeader()
    parse_header_lines([
        "(๑)แผนงาน : แผนงานยุทธศาสตร์พัฒนาเศรษฐกิจฐานราก",
        "(lo) ผลผลิต/.ครงการ : ,ครงการส่งเสริมเกษตรทฤษฎีใหม่",
        "(๓) กิจกรรมหลัก : ส่งเสริมและพัฒนาธุรกิจของสหกรณ์",
        "7",  # a speck far right of the line, read as a digit: no continuation
        "นางจิราพร เพชรรัตน์ ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ปฏิบัติงาน สิงกัดกลุ่มตรวจการสหกรณ์",
    ], header, ocr=True)
    assert header.plan_program == "แผนงานยุทธศาสตร์พัฒนาเศรษฐกิจฐานราก"
    assert header.output_project == "โครงการส่งเสริมเกษตรทฤษฎีใหม่"
    assert header.main_activity == "ส่งเสริมและพัฒนาธุรกิจของสหกรณ์"
    assert (header.officer_position, header.unit) == ("เจ้าพนักงานส่งเสริมสหกรณ์ปฏิบัติงาน", "กลุ่มตรวจการสหกรณ์")


def test_indicators_take_the_number_of_their_place() -> None:
    # "1." read as "0", a wrapped percentage on a line of its own, ๔. read as ๕.
    text = "0 สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ\n95\n2. สหกรณ์ที่ได้รับการแนะนำ\n๕. สหกรณ์ไม่มีข้อบกพร่อง"
    assert [(i.number, i.text, i.target_percent) for i in parse_indicators(text)] == [
        (1, "สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 95", 95.0),
        (2, "สหกรณ์ที่ได้รับการแนะนำ", None),
        (3, "สหกรณ์ไม่มีข้อบกพร่อง", None),
    ]
    # a quote before an item's first word is a speck
    assert [i.text for i in parse_indicators("1. 'รายงานผลการปฏิบัติงาน\n2. สหกรณ์")] == ["รายงานผลการปฏิบัติงาน", "สหกรณ์"]


def test_blocks_456_columns_found_when_a_label_letter_is_misread() -> None:
    cells = [
        Cell(0, 0, "(๔) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", 1, confidence=0.9),
        Cell(0, 1, "(๕) งบประมาณที่ได้รับ", 1, confidence=0.9),
        Cell(0, 2, "(๖)ตัวขี้วัดเป้าหมาย", 1, confidence=0.9),  # ช read as ข
        Cell(1, 0, "สหกรณ์ ๑ แห่ง", 1, confidence=0.9),
        Cell(1, 1, "๒๕๐,๓๕๐ บาท", 1, confidence=0.9),
        Cell(1, 2, "๑. สหกรณ์ผ่านเกณฑ์ ร้อยละ 95", 1, confidence=0.9),
    ]
    indicators = parse_blocks_456(Table(1, 2, 3, cells), PlanHeader())
    assert [(i.number, i.target_percent) for i in indicators] == [(1, 95.0)]


def test_officer_and_proposer_one_name_read_twice() -> None:
    header = PlanHeader()
    parse_header_lines(["นางจิราพร เพชรรัตน์ ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ สังกัดกลุ่มตรวจการสหกรณ์"], header, ocr=True)
    lines = [
        # the closing bracket read as "9": the name stops at the next label
        _ocr_line("ชื่อ- สกุล(นางจิราพรเพชรรัต9 ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์", 300, 1000),
        _ocr_line("(14) ผู้อนุมัติแผน", 300, 1100),
        _ocr_line("ชื่อ- สกุล(นายเอกชัย คำภีระ)", 300, 1160),
        _ocr_line("ตำแหน่งผู้อำนวยการกลุ่มตรวจการสหกรณ์", 300, 1220),
    ]
    parse_signatures(lines, {3: 2480.0}, header)
    assert header.proposer_name == header.officer_name == "นางจิราพร เพชรรัตน์"
    assert header.proposer_position == "เจ้าพนักงานส่งเสริมสหกรณ์"
    assert (header.approver_name, header.approver_position) == ("นายเอกชัย คำภีระ", "ผู้อำนวยการกลุ่มตรวจการสหกรณ์")
    # a mark the officer line lost and the signature kept: the one with it
    header = PlanHeader()
    parse_header_lines(["นายอภิสิทธิรักษาศรี ตำแหน่งสหกรณ์จังหวัดกระบี่"], header, ocr=True)
    parse_signatures([_ocr_line("ชื่อ-สกุล (นายอภิสิทธิ์ รักษาศรี)", 300, 1000)], {3: 2480.0}, header)
    assert header.officer_name == header.proposer_name == "นายอภิสิทธิ์ รักษาศรี"
    # two different people are left alone
    header = PlanHeader()
    parse_header_lines(["นางสาวสุดา ทองใบ ตำแหน่งนักวิชาการ"], header, ocr=True)
    parse_signatures([_ocr_line("ชื่อ-สกุล (นายสมชาย ใจดี)", 300, 1000)], {3: 2480.0}, header)
    assert (header.officer_name, header.proposer_name) == ("นางสาวสุดา ทองใบ", "นายสมชาย ใจดี")


def test_officer_line_found_when_ocr_bends_the_position_label() -> None:
    for label in ("คำแหน่ง", "ตดำแหน่ง", "ตำเแหน่ง", "ดำแหน่ง"):
        header = PlanHeader()
        parse_header_lines([f"นางสาวสุดา ทองใบ {label}นักวิชาการสหกรณ์ สังกัดกลุ่มส่งเสริมสหกรณ์"], header, ocr=True)
        assert (header.officer_name, header.officer_position) == ("นางสาวสุดา ทองใบ", "นักวิชาการสหกรณ์"), label
        assert header.unit == "กลุ่มส่งเสริมสหกรณ์", label


def test_not_less_than_read_as_a_real_word_one_letter_off() -> None:
    # photos of seeds 3131 (plan 4) and 6464 (plan 3): ไม่น้อยกว่า read
    # ไม่บ่อยกว่า, a real phrase the word model keeps; other bounds stay
    [one, two, three] = parse_indicators("1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐานไม่บ่อยกว่าร้อยละ70 "
                                         "2. สหกรณ์มีรายได้ไม่ต่ำกว่าร้อยละ 60 3. หนี้ค้างไม่มากกว่าร้อยละ 5", ocr=True)
    assert one.text == "สหกรณ์ผ่านเกณฑ์การจัดมาตรฐานไม่น้อยกว่าร้อยละ70" and one.target_percent == 70.0
    assert two.text == "สหกรณ์มีรายได้ไม่ต่ำกว่าร้อยละ 60" and three.text == "หนี้ค้างไม่มากกว่าร้อยละ 5"
