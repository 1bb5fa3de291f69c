"""Header fields from OCR'd text, the slips found on generated 300-dpi
scans: a label read with a letter twice or bent, a speck before a title,
an item's number or a percent among specks, a colon read as ะ, the right
signature column left of 0.4 of a landscape page; and the spell mender's
letters put back from what the model made of them (ไ/ใ as specks, ป as
"1", ใ lost whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import Box, Cell, PlanHeader, Table, TextLine
from pipeline.normalize.header import parse_blocks_456, parse_header_lines, parse_indicators, parse_signatures
from pipeline.normalize.ocr_spell import correct_thai_ocr
from pipeline.normalize.person_names import mend_person_name


def _blocks_table(heads: tuple[str, str, str], indicators: str, entities: str = "กลุ่มเกษตรกร จำนวน 3 กลุ่ม") -> Table:
    return Table(1, 2, 3, [
        *(Cell(0, col, text, 1, confidence=0.9) for col, text in enumerate(heads)),
        Cell(1, 0, entities, 1, confidence=0.9),
        Cell(1, 1, "55,000 บาท", 1, confidence=0.9),
        Cell(1, 2, indicators, 1, confidence=0.9),
    ])


def test_indicator_head_read_with_a_letter_twice() -> None:
    table = _blocks_table(("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวขี้ชี้วัดเป้าหมาย"),
                          "1. สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น")
    (item,) = parse_blocks_456(table, PlanHeader())
    assert item.text == "สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น"


def test_head_garbled_past_knowing_is_the_block_the_others_leave() -> None:
    table = _blocks_table(("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตยซวดเปาหมาย"),
                          "1. สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น")
    header = PlanHeader()
    assert len(parse_blocks_456(table, header)) == 1
    assert header.responsible_entities == "กลุ่มเกษตรกร จำนวน 3 กลุ่ม"


def test_bent_block_label_speck_before_title_and_colon_read_as_sara_a() -> None:
    header = PlanHeader()
    parse_header_lines([
        ".นายสุเมธ ขุนทอง ตำแหน่งนักวิชาการตรวจสอบบัญชีชำนาญการสังกัดกลุ่มบริหารทั่วป",
        "(2 ผลผลิต/โครงการะโครงการขับเคลื่อนการพัฒนาสหกรณ์ภาคการเกษตรให้เข้มแข็ง",
        "(3) ภิจกรรมหลัก : ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร",
    ], header, ocr=True)
    assert (header.officer_name, header.unit) == ("นายสุเมธ ขุนทอง", "กลุ่มบริหารทั่วไป")
    assert header.output_project == "โครงการขับเคลื่อนการพัฒนาสหกรณ์ภาคการเกษตรให้เข้มแข็ง"
    assert header.main_activity == "ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร"


def test_item_number_after_specks_and_percent_after_a_dash() -> None:
    items = parse_indicators("1. กลุ่มเกษตรกรจัดทำบัญชีได้ ร้อยละ 50 2. สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น "
                             ".ต๓. สหกรณ์ปิดบัญชีได้ภายใน ๓๐ วัน.ร้อยละ-80", ocr=True)
    assert [(i.number, i.target_percent) for i in items] == [(1, 50.0), (2, None), (3, 80.0)]
    assert "".join(items[2].text.split()) == "สหกรณ์ปิดบัญชีได้ภายใน๓๐วันร้อยละ80"
    # a text layer's numbers are the numbers printed: no specks there
    assert len(parse_indicators("1. ก ข ค ง จ 2. ฉ ช ซ .ต3. ฌ ญ")) == 2


def test_specks_read_as_short_words_at_a_field_end() -> None:
    (item,) = parse_indicators("1. กลุ่มเกษตรกรจัดทำบัญชีได้ ร้อยละ 90 เม", ocr=True)
    assert (item.text, item.target_percent) == ("กลุ่มเกษตรกรจัดทำบัญชีได้ ร้อยละ 90", 90.0)
    header = PlanHeader()
    parse_header_lines(["(1) แผนงาน : แผนงานบุคลากรภาครัฐ ก."], header, ocr=True)
    assert header.plan_program == "แผนงานบุคลากรภาครัฐ"


def test_right_signature_column_left_of_four_tenths_of_the_page() -> None:
    texts = [((205, 389), "(๑๓)ลายมือชื่อผู้เสนอแผน"), ((1272, 397), "(๑๔)ผู้อนุมัติแผน"),
             ((204, 462), "ชื่อ- สกุล(นายปรีชา เพชรรัตน์)"), ((1271, 462), "ชื่อ- สกุล(นางสาวปราณี เรืองศรี)"),
             ((206, 533), "ตำแหน่งนักวิชาการพาณิชย์ชำนาญการ"), ((1273, 544), "ตำแหน่งเกษตรจังหวัดสระบุรี")]
    lines = [TextLine(t, 2, Box(x, y, x + 600, y + 60), 0.9) for (x, y), t in texts]
    header = PlanHeader()
    parse_signatures(lines, {2: 3508.0}, header)
    assert (header.proposer_name, header.proposer_position) == ("นายปรีชา เพชรรัตน์", "นักวิชาการพาณิชย์ชำนาญการ")
    assert (header.approver_name, header.approver_position) == ("นางสาวปราณี เรืองศรี", "เกษตรจังหวัดสระบุรี")


@pytest.mark.parametrize("slipped, meant", [
    ("พัฒนาศักยภาพสร้างความสามารถ .นการแข่งขัน", "พัฒนาศักยภาพสร้างความสามารถ ในการแข่งขัน"),  # ใ as a point
    ("การตลาด'.ห้แก่เกษตรกร", "การตลาดให้แก่เกษตรกร"),  # ใ as a quote and a point
    ("กลุ่มบริหารทั่ว.ป", "กลุ่มบริหารทั่วไป"),  # ไ as a point after a word
    ("ไปใช้1ระโยชน์", "ไปใช้ประโยชน์"),  # ป read as 1
    ("สำนักงาน1 ระมงจังหวัด", "สำนักงานประมงจังหวัด"),
    ("ปิดบัญชีได้ภายน ๓๐ วัน", "ปิดบัญชีได้ภายใน ๓๐ วัน"),  # ใ lost whole
])
def test_letters_put_back(slipped: str, meant: str) -> None:
    assert correct_thai_ocr(slipped) == meant


@pytest.mark.parametrize("text", ["ระดับชั้น 1 และ 2", "ชั้น1และ2", "เดือนละ1ครั้ง", "ลูกค้าธ.ก.ส.นนทบุรี",
                                  "ต.ค.-ธ.ค. มิ.ย.", "ระยะ 1 ปี"])
def test_digits_and_abbreviations_left_alone(text: str) -> None:
    assert correct_thai_ocr(text) == text


@pytest.mark.parametrize("read, meant", [
    # (from the 300-dpi scans: Noto Sans Thai, Garuda; the photos)
    ("แผนงานพี่พื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
     "แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์"),
    ("แผนงานพี่ฟื้นชานด้านการสร้างความสามารถในการแข่งขัน", "แผนงานพื้นฐานด้านการสร้างความสามารถในการแข่งขัน"),
    # (a phone photo of seed 909, plan 11: two letters read between พื้นฐาน
    # and ด้าน, the Budget Act's "แผนงานพื้นฐานด้าน..." one word of the form)
    ("แผนงานพื้นฐานไคด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
     "แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์"),
    ("แผนงานยุทธศาสตร์การเกษตรสรวางมูลค่า", "แผนงานยุทธศาสตร์การเกษตรสร้างมูลค่า"),
    ("แผนงานยีบุทธิศาสตร์ที่ฒนาเศรษฐกิจฐานราก", "แผนงานยุทธศาสตร์พัฒนาเศรษฐกิจฐานราก"),
    # (seed 7373 plan 18, Garuda: ฐานราก read ชานราค, two slips in six letters)
    ("แผนงานยุทธศาสตร์พัฒนาเศรษฐกิจชานราค", "แผนงานยุทธศาสตร์พัฒนาเศรษฐกิจฐานราก"),
    # plans of the Budget Act read right stay as they are
    ("แผนงานบูรณาการพัฒนาพื้นที่ระดับภาค", "แผนงานบูรณาการพัฒนาพื้นที่ระดับภาค"),
    ("แผนงานยุทธศาสตร์ส่งเสริมการพัฒนาจังหวัดและกลุ่มจังหวัดแบบบูรณาการ",
     "แผนงานยุทธศาสตร์ส่งเสริมการพัฒนาจังหวัดและกลุ่มจังหวัดแบบบูรณาการ"),
])
def test_plan_kind_and_strategy_words_put_back_in_block_1(read: str, meant: str) -> None:
    header = PlanHeader()
    parse_header_lines([f"(1) แผนงาน : {read}"], header, ocr=True)
    assert header.plan_program == meant


def test_a_block_label_garbled_past_knowing_after_its_number() -> None:
    # 300-dpi scan of seed 9191 plan 2 (Tlwg Typist): ผลผลิต/โครงการ read
    # "11+5'", the block's number and colon read
    header = PlanHeader()
    parse_header_lines(["(๑) แผนงาน : แผนงานยุทธศาสตร์การเกษตรสร้างมูลค่า",
                        "(๒) 11+5' : โครงการยกระดับมาตรฐานการผลิตสินค้าเกษตร",
                        "(๓) กิจกรรมหลัก : พัฒนาศักยภาพเกษตรกรและสถาบันเกษตรกร"], header, ocr=True)
    assert header.output_project == "โครงการยกระดับมาตรฐานการผลิตสินค้าเกษตร"
    assert header.main_activity == "พัฒนาศักยภาพเกษตรกรและสถาบันเกษตรกร"


@pytest.mark.parametrize("line, field, meant", [
    # 300-dpi scans: seed 7373 plan 14 (ผลิต read ผลตน), seed 8484 plan 4
    # (และ read เละ): real words both, in the form's stock phrases
    ("(3) กิจกรรมหลัก : ถ่ายทอดเทคโนโลยีการผลตนและการตลาดให้แก่เกษตรกร", "main_activity",
     "ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร"),
    ("(2) ผลผลิต/โครงการ : สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมเละพัฒนาตามศักยภาพ", "output_project",
     "สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาตามศักยภาพ"),
    # seed 6262 plan 5 (Tlwg Typist, a 200-dpi TIFF): a speck after the
    # colon read as a plus
    ("(3) กิจกรรมหลัก : + ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร", "main_activity",
     "ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร"),
])
def test_stock_phrases_of_blocks_2_and_3(line: str, field: str, meant: str) -> None:
    header = PlanHeader()
    parse_header_lines([line], header, ocr=True)
    assert getattr(header, field) == meant


def test_indicator_words_mended_and_wo_waen_read_for_sara_aa() -> None:
    # (Noto Sans Thai at 300 dpi: า read as ว, รายได้ -> รวยได้)
    (item,) = parse_indicators("1. สมาชิกมีรวยได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกับสหกรณ์", ocr=True)
    assert item.text == "สมาชิกมีรายได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกับสหกรณ์"
    assert correct_thai_ocr("ไม่น้อยกว่าร้อยละ 95") == "ไม่น้อยกว่าร้อยละ 95"



def test_a_deadline_read_apart_with_a_mark_over_it() -> None:
    # (Tlwg Typo and Tlwg Typist at 300 dpi, seed 2468 plans 6 and 19: the
    # monospace faces' letters read apart, a tone mark read over them)
    (item,) = parse_indicators("๔. รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเว้ ลา", ocr=True)
    assert item.text == "รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเวลา"

def _approver(lines: list[str], province: str | None) -> str | None:
    """The approver's position parsed from OCR'd lines of blocks (13) and
    (14) stacked on the right of a landscape page, in a plan whose office
    names `province`."""
    top = [("ชื่อ- สกุล (นางณัฐธิดา แก้วมณี)", 725), ("ตำแหน่งนักวิชาการสหกรณ์ชำนาญการ", 790),
           ("ชื่อ- สกุล (นางกาญจนา ใจดี)", 959)]
    rows = [*top, *((text, 1027 + 60 * i) for i, text in enumerate(lines))]
    header = PlanHeader(province=province)
    parse_signatures([TextLine(text, 3, Box(1637, y, 3227, y + 55), 0.94) for text, y in rows], {3: 3508.0}, header)
    return header.approver_position


def test_approver_province_after_a_speck_and_from_the_plans_office() -> None:
    # 300-dpi scan of seed 5252, plan 6: a speck after จังหวัด read as a
    # quote, the province wrapped to the next line
    assert _approver(["ตำแหน่งผู้อำนวยการกลุ่มจัดตั้งและส่งเสริมสหกรณ์รักษาราชการแทนสหกรณ์จังหวัด'", "อุบลราชธานี"],
                     "อุบลราชธานี") == "ผู้อำนวยการกลุ่มจัดตั้งและส่งเสริมสหกรณ์รักษาราชการแทนสหกรณ์จังหวัดอุบลราชธานี"
    # a province garbled past the list's one-slip match is the plan's own
    # (its office's) when half its letters hold; a province read right stays
    assert _approver(["ตำแหน่งสหกรณ์จังหวัดพี่งงๆกี่"], "พังงา") == "สหกรณ์จังหวัดพังงา"
    assert _approver(["ตำแหน่งสหกรณ์จังหวัดพี่งงๆกี่"], None) != "สหกรณ์จังหวัดพังงา"
    assert _approver(["ตำแหน่งสหกรณ์จังหวัดพัทลุง"], "พังงา") == "สหกรณ์จังหวัดพัทลุง"
    # seed 7272 plan 4: the province read as English by the mixed model
    assert _approver(["ตำแหน่ง ผู้อำนวยการกลุ่มส่งเสริมและพัฒนาธุรกิจสหกรณ์ รักษาราชการแทนสหกรณ์จังหวัด", "using-"],
                     "บุรีรัมย์") == "ผู้อำนวยการกลุ่มส่งเสริมและพัฒนาธุรกิจสหกรณ์ รักษาราชการแทนสหกรณ์จังหวัดบุรีรัมย์"


@pytest.mark.parametrize("read, meant", [
    # seed 7272 plan 4: a speck and a tone mark after the rank read as a
    # letter; seed 9191 plan 15: the signature's scrawl beside the position
    ("ตำแหน่งนักวิชาการสหกรณ์ชำนาญการพิเศษ่ฏ)", "นักวิชาการสหกรณ์ชำนาญการพิเศษ"),
    ("ตำแหน่งนักวิชาการพาณิชย์ชำนาญการโรคทากุ.1111ใฝีซีไขไซไซไฝใไ", "นักวิชาการพาณิชย์ชำนาญการ"),
    # what else an officer holds stays
    ("ตำแหน่งนักวิชาการสหกรณ์ปฏิบัติการ ปฏิบัติหน้าที่หัวหน้ากลุ่มตรวจการสหกรณ์",
     "นักวิชาการสหกรณ์ปฏิบัติการ ปฏิบัติหน้าที่หัวหน้ากลุ่มตรวจการสหกรณ์"),
])
def test_junk_after_a_positions_rank(read: str, meant: str) -> None:
    assert _approver([read], None) == meant


def test_specks_by_a_count_and_a_comma_or_mark_slip_in_indicators() -> None:
    # 300-dpi scans of seed 9595 (plan 3) and scan20b (plan 12): specks read
    # as "7)" between จำนวน and its count, and as a quote before จำนวน
    table = Table(1, 2, 3, [
        *(Cell(0, col, text, 1, confidence=0.9) for col, text in
          enumerate(("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย"))),
        Cell(1, 0, "กลุ่มเกษตรกรจำนวน7)9 กลุ่ม\nสหกรณ์ภาคการเกษตร 'จำนวน 11 แห่ง", 1, confidence=0.9),
        Cell(1, 1, "55,000 บาท", 1, confidence=0.9),
        # seed 5252, plan 9: a speck inside a word read as a comma, and
        # สหกรณ์'s ์ read as ี
        Cell(1, 2, "1. สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติ,ได้จริง\n2. สหกรณี ไม่มีข้อบกพร่องใหม่เกิดขึ้น", 1,
             confidence=0.9),
    ])
    header = PlanHeader()
    items = parse_blocks_456(table, header)
    assert header.responsible_entities == "กลุ่มเกษตรกรจำนวน 9 กลุ่ม\nสหกรณ์ภาคการเกษตร จำนวน 11 แห่ง"
    assert [i.text for i in items] == ["สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง", "สหกรณ์ ไม่มีข้อบกพร่องใหม่เกิดขึ้น"]


@pytest.mark.parametrize("cell, meant", [
    # 300-dpi scan of seed 7272, plan 1 (Sawasdee): a speck before ๑ read
    # as a quote, run into the word before it
    ("กลุ่มเกษตรกร จำนวน ๗ กลุ่ม\nกลุ่มเกษตรกร'๑แห่ง = กลุ่มเกษตรกรทำนาดอนสัก",
     "กลุ่มเกษตรกรจำนวน๗กลุ่มกลุ่มเกษตรกร๑แห่ง=กลุ่มเกษตรกรทำนาดอนสัก"),
    # seeds 9191 plan 3 and 7373 plan 2: specks before จำกัด and before the
    # bank's initials read as points
    ("สหกรณ์ 2 แห่ง = สหกรณ์นิคมปากพนัง .จำกัด สหกรณ์การเกษตรเพื่อการตลาดลูกค้า.ธ.ก.ส. กระบี่ จำกัด",
     "สหกรณ์2แห่ง=สหกรณ์นิคมปากพนังจำกัดสหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ส.กระบี่จำกัด"),
    # seed 6262 plan 7 (Umpush, a 200-dpi TIFF): a speck after the equals
    # sign read as a double quote
    ('สหกรณ์ 1 แห่ง =" สหกรณ์การเกษตรโนนสูงจำกัด', "สหกรณ์1แห่ง=สหกรณ์การเกษตรโนนสูงจำกัด"),
])
def test_specks_in_an_entity_line(cell: str, meant: str) -> None:
    table = Table(1, 2, 3, [
        *(Cell(0, col, text, 1, confidence=0.9) for col, text in
          enumerate(("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย"))),
        Cell(1, 0, cell, 1, confidence=0.9),
        Cell(1, 1, "๕๕,๐๐๐ บาท", 1, confidence=0.9),
        Cell(1, 2, "๑. สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง", 1, confidence=0.9),
    ])
    header = PlanHeader()
    parse_blocks_456(table, header)
    assert "".join(header.responsible_entities.split()) == meant


def test_a_counts_digit_read_as_a_letter_with_a_mark_is_read_again() -> None:
    # the same cell as Tesseract read it: ๗ read as "ญ์" after จำนวน, which
    # the digit reader reads as ๗
    import cv2

    from pipeline.ocr import get_engine
    from pipeline.ocr.latin_in_thai import reread_latin_words

    crop = cv2.imread(str(Path(__file__).parent / "data" / "latin_words" / "count_read_as_letter.png"),
                      cv2.IMREAD_GRAYSCALE)
    engine = get_engine()
    res = engine.read_text(crop)
    assert "จำนวนญ์" in res.text  # (as the mixed model reads it)
    assert reread_latin_words(res, crop, engine).startswith("กลุ่มเกษตรกรจำนวน๗")


@pytest.mark.parametrize(("officer", "signed", "meant"), [
    # 300-dpi scan of seed 5252, plan 3: the proposer's กาญจนา read กาญจนำ
    # (the officer line read it right, and the reading with more of the
    # marks OCR drops won)
    ("นางสาวกาญจนาปัญญาวงศ์", "นางสาวกาญจนำปัญญาวงศ์", "นางสาวกาญจนา ปัญญาวงศ์"),
    # 300-dpi scan of seed 7373, plan 18: the officer line read ฐ as ชู (a
    # family name split off its listed given name, as read), the signature
    # read the listed family name, which wins
    ("นางสาวจิราพรประเสริชูศักดิ์", "นางสาวจิราพรประเสริฐศักดิ์", "นางสาวจิราพร ประเสริฐศักดิ์"),
])
def test_signers_names_put_back_by_the_name_lists(officer: str, signed: str, meant: str) -> None:
    header = PlanHeader()
    parse_header_lines([officer + "ตำแหน่งนักวิชาการสหกรณ์ชำนาญการพิเศษสังกัดกลุ่มตรวจการสหกรณ์"], header, ocr=True)
    parse_signatures([TextLine(f"ชื่อ - สกุล ({signed})", 4, Box(1559, 1377, 2232, 1448), 0.9)], {4: 3508.0}, header)
    assert header.officer_name == header.proposer_name == meant


@pytest.mark.parametrize(("read", "meant"), [
    # 200-dpi scans of seed 7717 (plans 1, 4, 12): ์ over a name's first
    # letter, ั read as ์, ป read as "1"
    ("นายธ์นากรทองใบ", "นายธนากร ทองใบ"),
    ("นางสาวร์ชนีคำภีระ", "นางสาวรัชนี คำภีระ"),
    ("นายวิชัย1ระเสริฐศักดิ์", "นายวิชัย ประเสริฐศักดิ์"),
    # names read right stay, though a letter off they are listed names
    # (นาสวัสดิ์, ศรีวงค์)
    ("นายอภิสิทธิ์ นาคสวัสดิ์", "นายอภิสิทธิ์ นาคสวัสดิ์"),
    ("นางสาวสุดารัตน์ ศรีวงศ์", "นางสาวสุดารัตน์ ศรีวงศ์"),
    # a family name no list holds, run into a listed given name, is split
    # off; its marks put right where that makes words of letters no word
    # explained (seeds 7272, 7373, 8484: นิ่มนวล read นี่มนวล four times),
    # its letters as read
    ("นางชุติมานี่มนวล", "นางชุติมา นิ่มนวล"),
    ("นายอนุชาธนูสาร", "นายอนุชา ธนูสาร"),
    # seed 8484 plans 8 and 10: ใ lost before the family name, a speck
    # read as a letter before the given name
    ("นางชุติมาจดี", "นางชุติมา ใจดี"),
    ("นางคศิริพรศรีสุข", "นางศิริพร ศรีสุข"),
    # seed 9191 plan 6: ฐ read ช, its tail lost
    ("นางสาวธิดารัตน์บุญประเสริช", "นางสาวธิดารัตน์ บุญประเสริฐ"),
    # seed 9393 plan 1: a speck between the names read as a dash
    ("นางสาวจิราพร -บุญมา", "นางสาวจิราพร บุญมา"),
    # seed 9393 plan 15: a speck over the title read as a thanthakhat, and
    # ี read ิ
    ("นาย์สมศักดิ์แก้วมณิ", "นายสมศักดิ์ แก้วมณี"),
    # 300-dpi scans of seed 7373 (plans 1, 7): ์ over the first letter of a
    # name no list holds (no word starts with a silent letter); ใ read as a
    # point between two letters
    ("นายท์วีศักดิ์ช่วยชูชาติ", "นายทวีศักดิ์ ช่วยชูชาติ"),
    ("นางเยาวลักษณ์ทอง.บ", "นางเยาวลักษณ์ ทองใบ"),
    # seed 9999 plan 7: นางสาว read with a letter too many, นาง and a given
    # name สวาว... no list holds
    ("นางสวาวณัฐธิดา ชัยมงคล", "นางสาวณัฐธิดา ชัยมงคล"),
    # seed 8383 plan 18: ป read "!" (its bowl lost, as "1" above)
    ("นางสาวสุนิสาบุญ!ระเสริฐ", "นางสาวสุนิสา บุญประเสริฐ"),
    # seed 9494 plan 11: ใ read ไ
    ("นางขวัญไจหอมจันทร์", "นางขวัญใจ หอมจันทร์"),
    # run together, the given name one slip of its marks off a listed one,
    # the family name in no list: seed 7171 plan 15 (a speck read as a tone
    # mark) and a phone photo of seed 909 plan 7 (ิ read ี)
    ("นางสาวลำดว่นช่วยชูชาติ", "นางสาวลำดวน ช่วยชูชาติ"),
    ("นายปียะพงษ์ลำดับวงศ์", "นายปิยะพงษ์ ลำดับวงศ์"),
    # a title's น read as บ (a phone photo of seed 909, plan 8), only where
    # listed names follow it
    ("บางปราณีนี่มนวล", "นางปราณี นิ่มนวล"),
    ("บายวีระพงษ์บุญมา", "นายวีระพงษ์ บุญมา"),
    ("บางกอก", "บางกอก"),
    # seed 7171 plan 17 (300 dpi): ุ lost under the given name, run
    # together with a listed family name
    ("นายภานวัฒน์บุญประเสริฐ", "นายภานุวัฒน์ บุญประเสริฐ"),
    # seed 6262 plan 3 (Sawasdee, a 200-dpi TIFF): a speck before the
    # family name read as a quote, in the officer's line
    ('นายปรีชา "เพชรรัตน์', "นายปรีชา เพชรรัตน์"),
])
def test_person_names_by_the_name_lists(read: str, meant: str) -> None:
    assert mend_person_name(read) == meant


def test_a_tone_mark_after_the_title_and_the_tables_label_one_letter_off() -> None:
    # 200-dpi scans of seed 7717: a speck over นาย's ย read as a tone mark
    # (plan 10; no name starts with one), and the activity table's label
    # under block (3) read with ข as ช and its number as "(ov)" (plan 5):
    # the label ends block (3), it does not continue it
    header = PlanHeader()
    parse_header_lines(["(๓) กิจกรรมหลัก : แนะนำส่งเสริมการจัดทำบัญชีของสหกรณ์และกลุ่มเกษตรกร",
                        "(ov) กิจกรรม/ชั้นตอนของกิจกรรม"], header, ocr=True)
    assert header.main_activity == "แนะนำส่งเสริมการจัดทำบัญชีของสหกรณ์และกลุ่มเกษตรกร"
    parse_signatures([TextLine("ชื่อ- สกุล(นาย่อภิสิทธิ์ธนสาร)", 3, Box(1567, 987, 2062, 1049), 0.9)], {3: 3508.0}, header)
    assert header.proposer_name == "นายอภิสิทธิ์ ธนสาร"


# the header lines of fresh 300-dpi scans (seeds 2727 plan 2, 6161 plans 2
# and 7) as OCR read them: ของ read apart, the title of a name read as Latin
# letters, สังกัด with a letter too many, block (3)'s number read "(a)"
FRESH = [
    "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (Action Plan)",
    "ขอ งสำนักงานสหกรณ์จังหวัดปัตตานี",
    "wie,พโรจน์ใจดีตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงานสังกคัดกลุ่มยุทธศาสตร์และสารสนเทศ",
    "(๑)แผนงาน : แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร",
    "(๒) ผลผลิต/โครงการ : โครงการส่งเสริมเกษตรทฤษฎีใหม่",
    "(a) ก๊จกรรมหลัก : ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร",
    "(a)กิจกรรม/ขั้นตอนของกภิจกรรม",
]


def test_office_line_with_its_kho_read_twice_and_a_group_read_as_another_word() -> None:
    # seed 9393 plans 3 and 14 (300 dpi): "ขของสำนักงาน...", and กลุ่ม
    # after ผู้อำนวยการ read as the real word คลุม
    header = PlanHeader(province="ชลบุรี")
    parse_header_lines([". ขของสำนักงานสหกรณ์จังหวัดชลบุรี"], header, ocr=True)
    assert header.office == "สำนักงานสหกรณ์จังหวัดชลบุรี"
    # seed 7171 plan 10 (Noto Sans Thai, 300 dpi): its อ read as ฮ
    header = PlanHeader()
    parse_header_lines(["ขฮงสำนักงานเกษตรจังหวัดกาฬสินธุ์"], header, ocr=True)
    assert (header.office, header.province) == ("สำนักงานเกษตรจังหวัดกาฬสินธุ์", "กาฬสินธุ์")
    assert _approver(["ตำแหน่งผู้อำนวยการคลุมส่งเสริมสหกรณ์4."], None) == "ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์4"


def test_fresh_scan_slips_in_office_officer_and_block_number() -> None:
    header = PlanHeader()
    parse_header_lines(FRESH, header, ocr=True)
    assert header.office == "สำนักงานสหกรณ์จังหวัดปัตตานี"
    assert header.province == "ปัตตานี"
    assert header.officer_name is None  # its title unreadable: no guess
    assert header.officer_position == "เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน"
    assert header.unit == "กลุ่มยุทธศาสตร์และสารสนเทศ"
    assert header.output_project == "โครงการส่งเสริมเกษตรทฤษฎีใหม่"
    assert header.main_activity == "ถ่ายทอดเทคโนโลยีการผลิตและการตลาดให้แก่เกษตรกร"


def test_the_unit_label_with_its_ko_read_as_kho() -> None:
    # fresh 300-dpi scan of seed 7373 plan 9 and a 200-dpi Noto Sans Thai
    # scan of seed 4141: สังกัด read สั่งคัด, the position ran into the unit
    line = "นายธีรวัฒน์ นิ่มนวล ตำแหน่งนักวิชาการสหกรณ์ชำนาญการพิเศษสั่งคัดกลุ่มส่งเสริมสหกรณ์ 4"
    parse_header_lines([line], header := PlanHeader(), ocr=True)
    assert (header.officer_position, header.unit) == ("นักวิชาการสหกรณ์ชำนาญการพิเศษ", "กลุ่มส่งเสริมสหกรณ์ 4")


def test_mai_read_as_a_quote_and_a_point_after_a_count() -> None:
    # fresh 300-dpi scan of seed 9797 plan 8 (Norasi): ไ of ไม่ read as a
    # quote and a point after the count ("และ 2'.ม่น้อยกว่า"): the word
    # model put ไ back and left the point ("2.ไม่น้อยกว่า")
    cell = "๑.สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น\n๒. สหกรณ์ที่'ด้รับการแนะนำมีความเข้มแข็งระดับชั้น 1 และ 2'.ม่น้อยกว่าร้อยละ 50"
    second = parse_indicators(cell, ocr=True)[1]
    assert (second.text, second.target_percent) == (
        "สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็งระดับชั้น 1 และ 2 ไม่น้อยกว่าร้อยละ 50", 50.0)


def test_a_labels_colon_read_as_an_angle_bracket() -> None:
    # fresh 300-dpi scan of seed 9898 plan 15 (Garuda)
    parse_header_lines(["(1) แผนงาน > แผนงานยุทธศาสตร์การเกษตรสร้างมูลค่า"], header := PlanHeader(), ocr=True)
    assert header.plan_program == "แผนงานยุทธศาสตร์การเกษตรสร้างมูลค่า"


def test_a_community_unit_with_its_cho_read_as_so() -> None:
    # fresh 300-dpi scan of seed 9696 plan 2 (Tlwg Typo): ชุมชน read ซุ้มชน
    line = "นายเกรียงไกร .บุญประเสริฐตำแหน่งนักวิชาการเกษตรช้ำนาญการ สังกัดกลุ่มงานส่งเสริมและพัฒนาซุ้มชน"
    parse_header_lines([line], header := PlanHeader(), ocr=True)
    assert (header.officer_position, header.unit) == ("นักวิชาการเกษตรชำนาญการ", "กลุ่มงานส่งเสริมและพัฒนาชุมชน")


@pytest.mark.parametrize("cell, second", [
    # fresh 300-dpi scans (seeds 2727, 6161, 8282): item 2's number read as
    # a letter and a mark, as Latin letters, before a colon; item 3's between specks
    ("๑.สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ80\nต่.ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จไม่น้อยกว่าร้อยละ50",
     "ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จไม่น้อยกว่าร้อยละ50"),
    ("1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ไม่น้อยกว่าร้อยละ 50\nLe สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 90",
     "สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 90"),
    ("1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐานไม่น้อยกว่าร้อยละ95\n2: สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง",
     "สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง"),
    ("1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ร้อยละ 85\n2.กลุ่มเกษตรกรมีการดำเนินธุรกิจอย่างต่อเนื่อง\na.สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น",
     "กลุ่มเกษตรกรมีการดำเนินธุรกิจอย่างต่อเนื่อง"),
    # seed 8484 plan 3: item 2's point lost, item 3's read as a comma
    ("1. สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ100\n2เกษตรกรนำความรู้ไปใช้ประโยชน์ไม่น้อยกว่าร้อยละ75\n"
     "3, สมาชิกที่ได้รับการอบรมมีความรู้ความเข้าใจเพิ่มขึ้นไม่น้อยกว่าร้อยละ 95",
     "เกษตรกรนำความรู้ไปใช้ประโยชน์ไม่น้อยกว่าร้อยละ75"),
])
def test_garbled_item_number_at_a_line_start_opens_the_next_item(cell: str, second: str) -> None:
    items = parse_indicators(cell, ocr=True)
    assert [i.number for i in items] == list(range(1, len(cell.split("\n")) + 1))
    assert items[1].text == second


def test_garbled_first_item_number_when_the_second_reads() -> None:
    # seed 7373 plan 4 (Noto Sans Thai, 300 dpi): ๑. read as "อ."; alone,
    # with no numbered item after it, a line's opening letter and point stay
    cell = "อ. สหกรณ์ได้รับการแนะนำส่งเสริมตามแผนที่กำหนด\n๒. สหกรณ์จัดประชุมใหญ่ได้ภายใน 150 วัน ร้อยละ 70"
    items = parse_indicators(cell, ocr=True)
    assert [(i.number, i.text) for i in items] == [(1, "สหกรณ์ได้รับการแนะนำส่งเสริมตามแผนที่กำหนด"),
                                                  (2, "สหกรณ์จัดประชุมใหญ่ได้ภายใน 150 วัน ร้อยละ 70")]
    (alone,) = parse_indicators("อ.เมือง มีสหกรณ์ผ่านเกณฑ์ ร้อยละ 70", ocr=True)
    assert alone.text.startswith("อ.เมือง")


def test_a_count_with_a_point_mid_line_opens_no_item() -> None:
    # seed 9292 plan 7 (Laksaman, 300 dpi): a speck after 30 read as a point
    cell = ("1.สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ100\n"
            "2. สหกรณ์และกลุ่มเกษตรกรปิดบัญชีได้ภายใน 30.วันร้อยละ75\n3. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ไม่น้อยกว่าร้อยละ 100")
    items = parse_indicators(cell, ocr=True)
    assert [(i.number, i.target_percent) for i in items] == [(1, 100.0), (2, 75.0), (3, 100.0)]
    assert items[1].text == "สหกรณ์และกลุ่มเกษตรกรปิดบัญชีได้ภายใน 30 วันร้อยละ75"


@pytest.mark.parametrize("read, meant", [
    # seed 9292 plans 12 and 20: ชั้น read as the word ขั้น, ได้ as ใด
    ("1. สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็งระดับขั้น 1 และ 2 ไม่น้อยกว่าร้อยละ 95",
     "สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็งระดับชั้น 1 และ 2 ไม่น้อยกว่าร้อยละ 95"),
    ("1. สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติใดจริง", "สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง"),
    # seed 9393 plans 4, 9, 12 and 17: กับ read กุบ, กว่า with a letter and
    # a mark too many, ไป read ปี, specks inside a word read as signs
    ("1. สมาชิกมีรายได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกุบสหกรณ์", "สมาชิกมีรายได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกับสหกรณ์"),
    ("1. ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จ ไม่น้อยกวีว่าร้อยละ 95",
     "ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จ ไม่น้อยกว่าร้อยละ 95"),
    ("1. สหกรณ์มีแผนพัฒนาสหกรณ์และนำปีปฏิบัติได้จริง", "สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง"),
    ("1. สมาชิกมีราย'.,ได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกับสหกรณ์", "สมาชิกมีรายได้เพิ่มขึ้นจากการดำเนินธุรกิจร่วมกับสหกรณ์"),
])
def test_indicator_stock_phrases(read: str, meant: str) -> None:
    (item,) = parse_indicators(read, ocr=True)
    assert item.text == meant


def test_a_speck_read_as_zero_after_an_items_last_word() -> None:
    # seed 8383: "ได้จริง 0"; a percent of zero stays
    items = parse_indicators("1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ร้อยละ 0\n2. สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง 0",
                             ocr=True)
    assert [(i.text, i.target_percent) for i in items] == [("สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ร้อยละ 0", 0.0),
                                                           ("สหกรณ์มีแผนพัฒนาสหกรณ์และนำไปปฏิบัติได้จริง", None)]


def test_specks_after_a_percent() -> None:
    # seed 2727 plan 5: two specks after the target read as short words
    (item,) = parse_indicators("1. สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็ง ไม่น้อยกว่าร้อยละ 70 น เษ", ocr=True)
    assert (item.text, item.target_percent) == ("สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็ง ไม่น้อยกว่าร้อยละ 70", 70.0)


def test_an_abbreviation_opening_a_wrapped_line_opens_no_item() -> None:
    items = parse_indicators("1. สมาชิกมีรายได้จากธุรกิจร่วมกับสหกรณ์การเกษตรเพื่อการตลาดลูกค้า\nธ.ก.ส. ร้อยละ 80", ocr=True)
    assert len(items) == 1 and items[0].target_percent == 80.0


def test_title_year_when_sign_and_a_title_word_are_both_garbled() -> None:
    # a fresh 300-dpi Purisa scan (seed 5151, plan 7): พ.ศ. read "we.",
    # ปีงบประมาณ read with ป as บ
    from pipeline.normalize.header import parse_title_year

    assert parse_title_year(["แผนาฏิบัติการและงบบระมาณาระจำปีงบบระมาณ we. 2560 (Action Plan)",
                             ". ของสำนักงานสหกรณ์จังหวัดอำนาจเจริญ"]) == 2560


# a fresh 300-dpi scan's block (4) lines (seed 5151): specks after the last
# word read as zeros and points, a count's ๑ read ©, the bank's initials
# with specks read ุ and ์
FRESH_ENTITIES = """สหกรณ์ 1 แห่ง = สหกรณ์กองทุนสวนยางปากพนัง จำกัด 0 . 0
กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรทำนาโนนสูง , 0
กลุ่มเกษตรกร © แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์บ่อทอง
สหกรณ์ 1 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ุก.ส์. อุดรธานี จำกัด"""


def test_fresh_entity_line_slips() -> None:
    header = PlanHeader()
    heads = ("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย")
    parse_blocks_456(_blocks_table(heads, "1. สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น", FRESH_ENTITIES), header)
    # (spaces aside: Thai sets none between words, and OCR's are its own)
    assert header.responsible_entities.replace(" ", "").split("\n") == [line.replace(" ", "") for line in [
        "สหกรณ์ 1 แห่ง = สหกรณ์กองทุนสวนยางปากพนัง จำกัด",
        "กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรทำนาโนนสูง",
        "กลุ่มเกษตรกร ๑ แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์บ่อทอง",
        "สหกรณ์ 1 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. อุดรธานี จำกัด",
    ]]


def test_stock_phrase_and_title_slips_of_a_fresh_scan() -> None:
    # seed 5151: ได้รับการ read ใต้รับการ and " ,รับการ"; นางสาว read นางสำว
    for read in ("สหกรณ์และกลุ่มเกษตรกรใต้รับการส่งเสริมและพัฒนาตามศักยภาพ",
                 "สหกรณ์และกลุ่มเกษตรกร ,รับการส่งเสริมและพัฒนาตามศักยภาพ"):
        header = PlanHeader()
        parse_header_lines([f"(2) ผลผลิต/โครงการ : {read}"], header, ocr=True)
        assert header.output_project.replace(" ", "") == "สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาตามศักยภาพ"
    header = PlanHeader()
    parse_signatures([TextLine("ชื่อ-สกุล (นางสำวสุภาพร คำภีระ)", 2, Box(300, 1000, 1000, 1040), 0.9)], {2: 2480.0}, header)
    assert header.proposer_name == "นางสาวสุภาพร คำภีระ"


def test_block_number_with_its_bracket_read_as_a_bang_and_misread() -> None:
    """A phone photo's block lines (seed 909 plan 8): "(๒)" read "!๓)" and
    ผลผลิต read พลผลิต; the line was taken for the wrap of block (1)
    above it, and block (2) was lost.  No other block's label is a slip
    off พลผลิต/โครงการ, so the line is block (2)."""
    header = PlanHeader()
    parse_header_lines([
        "(๒)แผนงาน: แผนงานผูทธศาสตร์พัฒนาระบปสหกรณ์และกลุ่มเทษตรกร",
        "!๓) พลผลิต/โครงการ: สหภรณ์และกลุ่มเกษตรกรได้รับการล่งเสริมและพัฒนาให้มิความเข้มแข็ง",
    ], header, ocr=True)
    assert header.plan_program == "แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร"
    assert header.output_project == "สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาให้มีความเข้มแข็ง"
    assert header.main_activity is None


def test_an_officer_line_whose_title_reads_as_another_word() -> None:
    """The officer line of a phone photo (seed 909 plan 8): นาง read บาง;
    the line was known by its labels but the name, untitled, was dropped."""
    header = PlanHeader()
    parse_header_lines(["บางปราณีนี่มนวลตำแหนงเจ้าพนักงานสงเสริมสหกรณ์อาวุโสสังกัดกลุ่มส่งเสริมสหกรณ์๔"], header, ocr=True)
    assert (header.officer_name, header.unit) == ("นางปราณี นิ่มนวล", "กลุ่มส่งเสริมสหกรณ์๔")
