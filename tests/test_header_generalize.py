"""Header reading that holds beyond the plans it was tuned on: the month
header row, and OCR slips in the header blocks and names."""

from __future__ import annotations

from pipeline.normalize.form import normalize_document
from pipeline.normalize.ocr_spell import correct_thai_ocr
from tests.handmade import small_plan_doc


def test_quarter_row_is_no_month_row() -> None:
    """A table whose month cells are blank (or unreadable) has only its
    quarter row (ไตรมาส 1..4) over the numbers: that row names no month, so
    the months are taken by position with one warning, not four warnings
    calling each quarter a month out of place."""
    plan = normalize_document(small_plan_doc(months=[""] * 12))
    warnings = [f.message for f in plan.findings if f.check == "month_header"]
    assert warnings == ["no month headers could be read; months were taken by column position (Oct..Sep)"]
    assert [m.work.value for m in plan.activities[1].months[:4]] == [1, 1, 1, 0]


def test_po_read_as_exclamation_or_question_mark() -> None:
    """ป read as "!" (a phone photo's indicator, as Tesseract read it) or
    "?" inside a word is ป where the words then read far better; a "!" by
    a number or alone between words stays."""
    from pipeline.normalize.header import parse_indicators

    got = parse_indicators("1. สหกรณ์จัด!ระชุมใหญ่ได้ภายใน 150วันร้อยละ 100", ocr=True)
    assert got[0].text == "สหกรณ์จัดประชุมใหญ่ได้ภายใน 150วันร้อยละ 100"
    assert correct_thai_ocr("นำความรู้ไปใช้?ระโยชน์") == "นำความรู้ไปใช้ประโยชน์"
    for text in ("จำนวน ! แห่ง", "ร้อยละ!80", "1!2", "สหกรณ์!"):
        assert correct_thai_ocr(text) == text


def test_given_name_with_its_leading_vowel_lost() -> None:
    """A signer's name read without its leading ไ ("นายพโรจน์บุญมา", as
    Tesseract read a 300-dpi scan) is the listed pair that vowel makes; a
    name that reads as a listed pair, or that no leading vowel makes one,
    stays."""
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นายพโรจน์บุญมา") == "นายไพโรจน์ บุญมา"
    for name in ("นายพร บุญมา", "นางสาวอรุณี ขุนทอง", "นายพโรจน์ ขุนทองคำดี"):
        assert mend_person_name(name) == name


def test_a_name_ends_in_no_point() -> None:
    """Fresh seed 2626 plan 9: "นายสมชายช่วยชูชาติ.ตำแหน่ง..." (a family
    name no list holds), the name split off before ตำแหน่ง kept the point."""
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นายสมชายช่วยชูชาติ.") == "นายสมชาย ช่วยชูชาติ"
    assert mend_person_name("นายสมชาย ช่วยชูชาติ,") == "นายสมชาย ช่วยชูชาติ"


def test_thai_year_read_with_four_for_five() -> None:
    """A phone photo's bold title year ๒๕๖๔ read ๒๔๖๔ (the title line as
    Tesseract read it): no plan of the form is of the 2400s, and ๔ is ๕
    without its tail."""
    from pipeline.normalize.header import parse_title_year

    title = "แผน1ฎิบัติการและงบเระมาณเระจำถึงบบระมาณพ.ศ. ๒๔๖๔ (Action Plan)"
    assert parse_title_year([title]) == 2564
    assert parse_title_year(["แผนปฏิบัติการประจำปีงบประมาณ W.@. ๒๔๖๓ (Action Plan)"]) == 2563
    assert parse_title_year(["แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖๓"]) == 2563
    # a garbled sign whose last point the year follows without a space
    # (seed 9898 plan 13); a decimal's digits are no year
    assert parse_title_year(["แผนปฏิบัติการและงบประมาณประจำปีงบประมาณพฟ.ศ.2560(Action Plan)"]) == 2560
    assert parse_title_year(["แผนปฏิบัติการประจำปีงบประมาณ 1.2560"]) is None


def test_unit_and_block_words_by_the_form_vocabulary() -> None:
    """Lines of 300-dpi scans as Tesseract read them: a unit's พัฒนา read
    ทัฒนา, block (2)'s สหกรณ์ read สัหกรณ์ (the word model reads it
    สีหกรณี), a signer's ฝ่าย read ถ่าย: the units' and activities' words
    are the form's, put back; a text read right stays."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _correct_fields, parse_header_lines

    header = PlanHeader()
    parse_header_lines([
        "นางสาวจิราพร ผลบุญตำแหน่งนักวิชาการสหกรณ์ชำนาญการ สังกัดกลุ่มส่งเสริมและทัฒนาธุรกิจสหกรณ์",
        "(2) ผลผลิต/โครงการ : โครงการขับเคลื่อนการพัฒนาสัหกรณ์ภาคการเกษตรให้เข้มแข็ง",
        "(3) กิจกรรมหลัก : ส่งเสริมการรวบรวมและแปรรูปผลผลิตทางการเกษตร",
    ], header, ocr=True)
    assert _block_2("(2) ผลผลิต/โครงการ : โครงการพัฒนาศักยภาพการดำโน่นธุรกิจของสหกรณ์และกลุ่มเกษตรกร") == (
        "โครงการพัฒนาศักยภาพการดำเนินธุรกิจของสหกรณ์และกลุ่มเกษตรกร")  # (200 dpi)
    assert header.unit == "กลุ่มส่งเสริมและพัฒนาธุรกิจสหกรณ์"
    assert header.output_project == "โครงการขับเคลื่อนการพัฒนาสหกรณ์ภาคการเกษตรให้เข้มแข็ง"
    assert header.main_activity == "ส่งเสริมการรวบรวมและแปรรูปผลผลิตทางการเกษตร"
    header.approver_position = "ผู้อำนวยการถ่ายบริหารทั่วป"
    _correct_fields(header, ("approver_position",))
    assert header.approver_position == "ผู้อำนวยการฝ่ายบริหารทั่วไป"


def test_colon_after_a_block_label_read_as_two() -> None:
    """"(3) กิจกรรมหลัก 2 ส่งเสริม..." (a 300-dpi scan as Tesseract read
    it): the lone 2 is the label's colon; a value's own numbered start
    ("2. ...") stays."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines

    header = PlanHeader()
    parse_header_lines(["(3) กิจกรรมหลัก 2 ส่งเสริมการรวบรวมและแปรรูปผลผลิตทางการเกษตร",
                        "(2) ผลผลิต/โครงการ : 2. โครงการส่งเสริมเกษตรทฤษฎีใหม่"], header, ocr=True)
    assert header.main_activity == "ส่งเสริมการรวบรวมและแปรรูปผลผลิตทางการเกษตร"
    assert header.output_project == "2. โครงการส่งเสริมเกษตรทฤษฎีใหม่"


def _entities(cell: str, province: str | None = None) -> str | None:
    """Block (4) as parse_blocks_456 reads an OCR'd table whose entities
    cell is `cell` (the plan's province from its office line: `province`)."""
    from pipeline.model import Cell, PlanHeader, Table
    from pipeline.normalize.header import parse_blocks_456

    heads = ("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย")
    table = Table(1, 2, 3, [
        *(Cell(0, col, text, 1, confidence=0.9) for col, text in enumerate(heads)),
        Cell(1, 0, cell, 1, confidence=0.9),
        Cell(1, 1, "55,000 บาท", 1, confidence=0.9),
        Cell(1, 2, "1. สหกรณ์ผ่านเกณฑ์ ร้อยละ 80", 1, confidence=0.9),
    ])
    header = PlanHeader(province=province)
    parse_blocks_456(table, header)
    return header.responsible_entities


def test_bank_initials_in_a_cooperatives_name() -> None:
    """Block (4) of a 300-dpi scan (seed 5252, plan 7) as Tesseract read
    it: "ลูกค้า ธ.ก.ส." read "ลูกค้าธไก" (points lost, one read as ไ, ส
    lost); other text after ลูกค้า stays."""
    got = _entities("สหกรณ์ 3 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธไก\nนครราชสีมาจำกัด\n"
                    "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธนาคาร จำกัด")
    assert got == ("สหกรณ์ 3 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ส.\nนครราชสีมาจำกัด\n"
                   "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธนาคาร จำกัด")
    # (seed 4646, plan 11: the initials read as lone letters and points
    # at the line's end, no debris)
    got = _entities("สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ . ก . ส\nอุทัยธานีจำกัด")
    assert got == "สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส.\nอุทัยธานีจำกัด"


def test_entity_count_after_a_dash_and_bank_province_after_a_speck() -> None:
    """Block (4) of 300-dpi scans (seed 2727, plans 6 and 10) as Tesseract
    read them: a speck between a kind and its count read as a dash
    ("สหกรณ์-2 แห่ง": no count is negative), and one before the province
    a BAAC clients' cooperative is named by read as letters ("ธ.ก.ส.
    พี่พังงาจำกัด"); a province read right, and a place no province is
    near, stay."""
    got = _entities("สหกรณ์-2 แห่ง= สหกรณ์การเกษตรเพื่อการตลาดลูกค้า\nธ.ก.ส.จันทบุรีจำกัดสหกรณ์ประมงปากพนังจำกัด\n"
                    "ทรัพย์ครูบ่อทองจำกัดสหกรณ์การเกษตรเพื่อการตลาดลูกค้า\nธ.ก.ส. พี่พังงาจำกัด\n"
                    "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. บ้านนา จำกัด")
    assert got == ("สหกรณ์ 2 แห่ง= สหกรณ์การเกษตรเพื่อการตลาดลูกค้า\nธ.ก.ส.จันทบุรีจำกัดสหกรณ์ประมงปากพนังจำกัด\n"
                   "ทรัพย์ครูบ่อทองจำกัดสหกรณ์การเกษตรเพื่อการตลาดลูกค้า\nธ.ก.ส. พังงาจำกัด\n"
                   "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. บ้านนา จำกัด")


def test_lone_letter_before_a_signers_position() -> None:
    """"ตำแหน่งบนักวิชาการ..." (a 300-dpi scan, as Tesseract read it): the
    บ before นักวิชาการ is a speck; รองผู้อำนวยการ keeps its รอง."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _correct_fields

    header = PlanHeader(proposer_position="บนักวิชาการพัฒนาชุมชนชำนาญการ",
                        approver_position="รองผู้อำนวยการกลุ่มส่งเสริมสหกรณ์")
    _correct_fields(header, ("proposer_position", "approver_position"))
    assert header.proposer_position == "นักวิชาการพัฒนาชุมชนชำนาญการ"
    assert header.approver_position == "รองผู้อำนวยการกลุ่มส่งเสริมสหกรณ์"


def test_quote_before_a_blocks_number() -> None:
    """Blocks (1) and (2) of a 200-dpi scan as Tesseract read them, a speck
    before "(2)" read as a quote: (2) is a block of its own, not (1)
    wrapped onto a second line."""
    header = _header_of(["(1) แผนงาน : แผนงานยุทธศาสตร์เสริมสร้างพลังทางสังคม",
                         '"(2) ผลผลิต / โครงการ : สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาตามศักยภาพ'])
    assert header.plan_program == "แผนงานยุทธศาสตร์เสริมสร้างพลังทางสังคม"
    assert header.output_project == "สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาตามศักยภาพ"


def _block_2(line: str) -> str | None:
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines

    header = PlanHeader()
    parse_header_lines([line], header, ocr=True)
    return header.output_project


def test_position_label_with_its_tone_mark_read_as_mai_han_akat() -> None:
    """"ตำแหนัง" for ตำแหน่ง (300-dpi scans of seed 2727, as Tesseract read
    them): the officer's line and a signer's position still part there."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _people, parse_officer

    header = PlanHeader()
    assert parse_officer("นายธีรวัฒน์ทองใบตำแหนังนักวิชาการพาณิชย์ชำนาญการสังกัดกลุ่มส่งเสริมและพัฒนาการผลิต", header)
    assert header.officer_position == "นักวิชาการพาณิชย์ชำนาญการ"
    assert header.unit == "กลุ่มส่งเสริมและพัฒนาการผลิต"
    signers = _people("ชื่อ- สกุล (นางจิราพรศรีวงศ์)\nตำแหนังพาณิชย์จังหวัดพังงา")
    assert signers == [("นางจิราพรศรีวงศ์", "พาณิชย์จังหวัดพังงา")]


def test_mai_read_as_specks_after_a_digit() -> None:
    """ไม่'s ไ read as specks after a digit ('2".ม่' as Tesseract read a
    300-dpi scan of seed 4646) is ไ where น้อยกว่าร้อยละ follows; other
    bounds stay."""
    from pipeline.normalize.header import parse_indicators

    got = parse_indicators('2. สหกรณ์ที่,ได้รับการแนะนำมีความเข้มแข็งระดับชั้น1 และ 2".ม่\nน้อยกว่าร้อยละ 60', ocr=True)
    # (ไ set a space from the count, as ไม่ stands)
    assert got[0].text == "สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็งระดับชั้น1 และ 2 ไม่น้อยกว่าร้อยละ 60"
    assert parse_indicators("1. เกษตรกร ไม่ต่ำกว่าร้อยละ 5", ocr=True)[0].text == "เกษตรกร ไม่ต่ำกว่าร้อยละ 5"


def test_dai_read_as_another_real_word_in_a_form_phrase() -> None:
    """ได้ read as the real words ใต้ or เด, and ด้าน as ค้าน, in the form's
    own phrases (as Tesseract read a 300-dpi scan of seed 4646 and phone
    photos of seeds 4848 and 8686) is put back by the phrase."""
    from pipeline.normalize.header import parse_header_lines, parse_indicators
    from pipeline.model import PlanHeader

    got = parse_indicators("3. กลุ่มเกษตรกรจัดทำบัญชีใต้ร้อยละ 95\n4. สหกรณ์ที่เดรับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 75",
                           ocr=True)
    assert [i.text for i in got] == ["กลุ่มเกษตรกรจัดทำบัญชีได้ร้อยละ 95", "สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 75"]
    header = PlanHeader()
    parse_header_lines(["(๓) กิจกรรมหลัก : พัฒนาความรู้ค้านการสหกรณ์แก่สมาชิกและบระชาชน"], header, ocr=True)
    assert header.main_activity == "พัฒนาความรู้ด้านการสหกรณ์แก่สมาชิกและประชาชน"


def test_short_words_inside_the_forms_phrases() -> None:
    """และ read แสะ in a unit and ไป read ใบ in an indicator (300-dpi scans
    of seed 2727, plans 1 and 5, as Tesseract read them): words too short
    to be known alone, put back by the form's phrases (กลุ่มส่งเสริมและ
    พัฒนา..., นำความรู้ไปใช้ประโยชน์)."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines, parse_indicators

    header = PlanHeader()
    parse_header_lines(["นางสาวจันทร์เพ็ญพรหมมา ตำแหน่งนักวิชาการประมงชำนาญการสังกัดกลุ่มส่งเสริมแสะพัฒนาการผลิต"],
                       header, ocr=True)
    assert header.unit == "กลุ่มส่งเสริมและพัฒนาการผลิต"
    got = parse_indicators("2. เกษตรกรนำความรู้ใบใช้ประโยชน์ไม่น้อยกว่าร้อยละ 100", ocr=True)
    assert got[0].text == "เกษตรกรนำความรู้ไปใช้ประโยชน์ไม่น้อยกว่าร้อยละ 100"


def test_names_with_a_spelling_no_name_has() -> None:
    """Signers' and officers' names as Tesseract read 300-dpi scans of seed
    2727 (plans 2, 4, 10): ฐ split into ชู after ั (ณัชูธิดา), a family
    name's last syllable left a bare letter with a tone mark (its ใ lost:
    วงศ์หญ่), a thanthakhat read twice (วง์ศ์). No Thai name is spelled so;
    the first two are put back by the name lists, the third by the
    spelling alone (ศรีวงศ์ is on no list).  Names spelled as Thai allows
    stay."""
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นางณัชูธิดาทองคำ") == "นางณัฐธิดา ทองคำ"
    assert mend_person_name("นางสาวสุนิสาวงศ์หญ่") == "นางสาวสุนิสา วงศ์ใหญ่"
    assert mend_person_name("นางจิราพรศรีวง์ศ์") == "นางจิราพร ศรีวงศ์"
    for name in ("นางสาวสุนิสา วงศ์ใหญ่", "นางจิราพร ศรีวงศ์", "นายชูชาติ ทองคำ", "นางสาวจันทร์เพ็ญ แก้วมณี"):
        assert mend_person_name(name) == name


def test_family_name_read_as_latin_letters_is_flagged() -> None:
    """Block (13) of a 300-dpi scan (seed 2727, plan 9) as Tesseract read
    it: the family name มีสุข read "Fav", dropped as debris, leaving a
    given name alone.  The name is kept as read and pointed out; a name
    with its family name (run together or not) is not."""
    from pipeline.model import Plan, TextLine
    from pipeline.normalize.header import parse_signatures
    from pipeline.validate.checks import person_names

    plan = Plan()
    lines = ["(๑๓) ลายมือชื่อผู้เสนอแผน", "ชื่อ- สกุล (นายสุรชัย Fav)", "ตำแหน่งหัวหน้ากลุ่มพัฒนาเกษตรกร",
             "(๑๕)ผู้อนุมัติแผน ..", "ชื่อ- สกุล (นายพงศกรคำภีระ)", "ตำแหน่งผู้อำนวยการกลุ่มงานส่งเสริมและพัฒนาชุมชน"]
    parse_signatures([TextLine(t, 2, None, 0.92) for t in lines], {2: 2480.0}, plan.header)
    assert (plan.header.proposer_name, plan.header.approver_name) == ("นายสุรชัย", "นายพงศกร คำภีระ")
    assert [(f.check, f.severity, f.found) for f in person_names(plan)] == [("person_name", "warning", "นายสุรชัย")]


def test_specks_around_an_indicators_numbers() -> None:
    """Block (6) of a 300-dpi scan (seed 2727, plan 6) as Tesseract read
    it: ธุรกิจ's ุ lost, a speck after the percent read as "1" and one
    between a word and a number read as a point; an abbreviation's point
    before a number stays."""
    from pipeline.normalize.header import parse_indicators

    got = parse_indicators("1. สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธรกิจเพิ่มขึ้นร้อยละ60 1\n"
                           "2. สหกรณ์และกลุ่มเกษตรกรปิดบัญชีดิภายใน.30วัน ร้อยละ 80", ocr=True)
    assert [i.text for i in got] == ["สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ60",
                                     "สหกรณ์และกลุ่มเกษตรกรปิดบัญชีได้ภายใน 30วัน ร้อยละ 80"]
    assert parse_indicators("1. สหกรณ์ส่งงบการเงินภายในปี พ.ศ.2565", ocr=True)[0].text == "สหกรณ์ส่งงบการเงินภายในปี พ.ศ.2565"


def test_signers_name_cut_short_is_the_officers() -> None:
    """A 300-dpi scan (seed 9595, plan 4) as Tesseract read it: the officer
    line gives "นางสาวนงสลักษณ์มีสุข", the proposer's bracket
    "(นางสาวนงสลักษณ์ faa)", whose family name read as Latin letters is
    dropped as debris: the proposer is the officer, named whole.  Another
    person, or a reading no prefix of the other, stays."""
    from pipeline.model import PlanHeader, TextLine
    from pipeline.normalize.header import parse_officer, parse_signatures

    header = PlanHeader()
    parse_officer("นางสาวนงสลักษณ์มีสุข ตำแหน่งนักวิชาการพาณิชย์ชำนาญการสังกัดกลุ่มส่งเสริมการตลาด", header)
    lines = ["(13) ลายมือชื่อผู้เสนอแผน", "ชื่อ- สกุล (นางสาวนงสลักษณ์ faa)", "ตำแหน่ง นักวิชาการพาณิชย์ชำนาญการ"]
    parse_signatures([TextLine(t, 2, None, 0.91) for t in lines], {2: 2480.0}, header)
    assert header.proposer_name == header.officer_name == "นางสาวนงสลักษณ์มีสุข"
    other = PlanHeader(officer_name="นางสาวจันทร์เพ็ญแก้วมณี")
    parse_signatures([TextLine("ชื่อ- สกุล (นายสุรชัย Fav)", 2, None, 0.92)], {2: 2480.0}, other)
    assert (other.officer_name, other.proposer_name) == ("นางสาวจันทร์เพ็ญแก้วมณี", "นายสุรชัย")


def test_digits_and_letters_after_a_signers_province() -> None:
    """Block (14) of a 200-dpi scan (seed 7717, plan 4): a line of specks
    below the position read "ee 8จ12" and joined to it; after the province
    no position goes on with digits.  A unit's number (no province before
    it) stays."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _correct_fields

    header = PlanHeader(approver_position="ปศุสัตว์จังหวัดกาฬสินธุ์ 8จ12",
                        proposer_position="ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์ 2")
    _correct_fields(header, ("approver_position", "proposer_position"))
    assert (header.approver_position, header.proposer_position) == ("ปศุสัตว์จังหวัดกาฬสินธุ์",
                                                                     "ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์ 2")


def test_indicator_specks_and_words_of_other_scans() -> None:
    """Block (6) of scans as Tesseract read them: a dash before ร้อยละ
    (seed 9595, plan 6), a quote standing alone between words and
    ปฏิบัติ read ปฏิบิต (seed 7717 at 200 dpi, plans 2 and 4), a letter
    read into ปริมาณธุรกิจ (seed 5252, plan 4)."""
    from pipeline.normalize.header import parse_indicators

    got = parse_indicators("1. สหกรณ์จัดประชุมใหญ่ได้ภายใน 150วัน-ร้อยละ 50\n"
                           "2. ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จ ' ไม่น้อยกว่าร้อยละ 70\n"
                           "3. รายงานผลการปฏิบิตงานส่งตรงตามกำหนดเวลา\n"
                           "4. สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณรีธุรกิจเพิ่มขึ้นร้อยละ 85", ocr=True)
    assert [i.text for i in got] == ["สหกรณ์จัดประชุมใหญ่ได้ภายใน 150วันร้อยละ 50",
                                     "ข้อบกพร่องของสหกรณ์ได้รับการแก้ไขแล้วเสร็จ ไม่น้อยกว่าร้อยละ 70",
                                     "รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเวลา",
                                     "สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 85"]


def test_specks_of_a_fresh_seed_at_a_fields_ends() -> None:
    """Header lines of fresh 300-dpi scans (seeds 3838 and 6161) as
    Tesseract read them: a vowel mark by the label's colon, a lone zero
    after the last word, a curly quote before a position, a bracket and the
    broken ไ of ได้ inside an indicator."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _correct_fields, parse_header_lines, parse_indicators

    header = PlanHeader()
    parse_header_lines(["(๑) แผนงาน ู : แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร",
                        "(2) ผลผลิต/โครงการ : โครงการพัฒนาเศรษฐกิจชุมชนตามหลักปรัชญาของเศรษฐกิจพอเพียง 0"], header, ocr=True)
    assert header.plan_program == "แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร"
    assert header.output_project == "โครงการพัฒนาเศรษฐกิจชุมชนตามหลักปรัชญาของเศรษฐกิจพอเพียง"
    header = PlanHeader(approver_position="“ผู้อำนวยการกลุ่มงานวิชาการ")
    _correct_fields(header, ("approver_position",))
    assert header.approver_position == "ผู้อำนวยการกลุ่มงานวิชาการ"
    got = parse_indicators("2. สหกรณ์จัดประชุมใหญ่)'.ด้ภายใน 150วันร้อยละ 90", ocr=True)
    assert got[0].text == "สหกรณ์จัดประชุมใหญ่ได้ภายใน 150วันร้อยละ 90"
    for text in ("สหกรณ์ (ร้อยละ) ได้ภายใน 150 วัน", "ข้อร้องเรียน ร้อยละ 0"):
        assert parse_indicators("1. " + text, ocr=True)[0].text == text


def test_bent_labels_and_title_of_a_fresh_seed() -> None:
    """More lines of seed 6161 as read: สังกัด with a tone mark added or
    with its ั read as ู้ (the unit ran into the position), พ.ศ. with a speck over พ (the year
    was lost), นาย with its า read as จ (only where the rest opens with a
    listed given name)."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_officer, parse_title_year
    from pipeline.normalize.person_names import mend_person_name

    header = PlanHeader()
    assert parse_officer("นางวรรณา นาคสวัสดิ์ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงานสั่งกัดกลุ่มส่งเสริมสหกรณ์ 4", header)
    assert header.officer_position == "เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน"
    assert header.unit == "กลุ่มส่งเสริมสหกรณ์ 4"
    # (plan 12, Noto Sans Thai: its ั read as ู with a tone mark)
    assert parse_officer("นายประเสริชูจันทร์หอมตำแหน่งพักวิชาการสหกรณ์ชำนาญการสังคู้ดกลุ่มส่งเสริมสหกรณ์ 1", header)
    assert (header.officer_position, header.unit) == ("พักวิชาการสหกรณ์ชำนาญการ", "กลุ่มส่งเสริมสหกรณ์ 1")
    assert parse_title_year(["แผน'ฎิบัติการและงบบระมาณบระจำนึงบบระม้าณพ์.ศ. 2563 (Action >lan)"]) == 2563
    assert mend_person_name("นจยวีระพงษ์บุญมา") == "นายวีระพงษ์ บุญมา"
    assert mend_person_name("นจงสาววรรณา บุญมา") == "นางสาววรรณา บุญมา"
    # ... or a listed given name and a family name no list holds (seed 5353
    # plan 16: the approver "นวยณัฐพลรักษาศรี")
    assert mend_person_name("นจยวีระพงษ์ ขุนทองคำดี") == "นายวีระพงษ์ ขุนทองคำดี"
    assert mend_person_name("นวยณัฐพลรักษาศรี") == "นายณัฐพล รักษาศรี"
    for name in ("นนทวีระพงษ์", "นจยกขคง ขุนทองคำดี"):
        assert mend_person_name(name) == name


def test_entity_quote_and_bank_initials_of_a_fresh_seed() -> None:
    """Block (4) cells of seed 6161 as read: a speck before จำกัด read as a
    single quote, and one under the bank's initials read as ุ."""
    from pipeline.model import Cell, PlanHeader, Table
    from pipeline.normalize.header import parse_blocks_456

    heads = ("(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", "(5) งบประมาณที่ได้รับ", "(6) ตัวชี้วัดเป้าหมาย")
    entities = ("สหกรณ์2 แห่ง= สหกรณ์กองทุนสวนยางเมืองจำกัด\nสหกรณ์ร้านค้าโนนสูง 'จำกัด\n"
                "สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ุส. ศรีสะเกษจำกัด")
    table = Table(1, 2, 3, [*(Cell(0, c, x, 1, confidence=0.9) for c, x in enumerate(heads)),
                            Cell(1, 0, entities, 1, confidence=0.9), Cell(1, 1, "5,000 บาท", 1, confidence=0.9),
                            Cell(1, 2, "1. สหกรณ์ ร้อยละ 80", 1, confidence=0.9)])
    header = PlanHeader()
    parse_blocks_456(table, header)
    lines = header.responsible_entities.split("\n")
    assert lines[1] == "สหกรณ์ร้านค้าโนนสูง จำกัด"
    assert "ลูกค้าธ.ก.ส. ศรีสะเกษ" in lines[2]


def test_block_two_label_and_a_point_between_names_of_a_fresh_seed() -> None:
    """Lines of seed 8282 as read: block (2)'s โครงการ with its โ read as a
    mark after the slash (the line ran into block (1)), and a speck between
    a signer's given and family name read as a point."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines
    from pipeline.normalize.person_names import mend_person_name

    header = PlanHeader()
    parse_header_lines(["(๑)แผนงาน : แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร",
                        "(la) ผลผลิต/์ครงการ : .ครงการส่งเสริมเกษตรทฤษฎี'.หม่"], header, ocr=True)
    assert header.plan_program == "แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร"
    assert header.output_project == "โครงการส่งเสริมเกษตรทฤษฎีใหม่"
    assert mend_person_name("นายณรงค์ฤทธิ์.ปัญญาวงศ์") == "นายณรงค์ฤทธิ์ ปัญญาวงศ์"
    assert mend_person_name("ว่าที่ร.ต.สมชาย ใจดี") == "ว่าที่ร.ต.สมชาย ใจดี"


def test_stock_phrases_bent_by_a_letter_and_marks() -> None:
    """Block (2) and indicator text as Tesseract read it on fresh scans and
    photos (seeds 6161, 8282, 6464, 4848, 7373): ปัญหา read โญี่หา or "? ญี่หา",
    พอเพียง read พอเที่ยง, ของ read ขอพง, เพิ่มขึ้น read เพิ่มชิ้น."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines, parse_indicators

    for read in ("โครงการส่งเสริมและพัฒนาอาชีพเพื่อแก้ไขโญี่หาที่ดินทำกินของเกษตรกร",
                 "โครงการส่งเสริมและพัฒนาอาชีพเพื่อแก้ไข? ญี่หาที่ดินทำกินของเกษตรกร"):
        header = PlanHeader()
        parse_header_lines(["(2) ผลผลิต/โครงการ : " + read], header, ocr=True)
        assert header.output_project == "โครงการส่งเสริมและพัฒนาอาชีพเพื่อแก้ไขปัญหาที่ดินทำกินของเกษตรกร"
    # (seed 7373: ของ read ขอพง)
    for read in ("โครงการพัฒนาเศรษฐกิจชุมชนตามหลักปรัชญาของเศรษฐกิจพอเที่ยง",
                 "โครงการพัฒนาเศรษฐกิจชุมชนตามหลักปรัชญาขอพงเศรษฐกิจพอเพียง"):
        header = PlanHeader()
        parse_header_lines(["(2) ผลผลิต/โครงการ : " + read], header, ocr=True)
        assert header.output_project == "โครงการพัฒนาเศรษฐกิจชุมชนตามหลักปรัชญาของเศรษฐกิจพอเพียง"
    got = parse_indicators("1. สมาชิกที่ได้รับการอบรมมีความรู้ความเข้าใจเพิ่มชิ้นไม่น้อยกว่าร้อยละ60", ocr=True)
    assert got[0].text.startswith("สมาชิกที่ได้รับการอบรมมีความรู้ความเข้าใจเพิ่มขึ้น")


def test_given_name_mended_alone_beside_an_unlisted_family_name() -> None:
    """Signers' names as Tesseract read 300-dpi scans of seed 8282 (plan 1:
    the officer and the proposer, า read ำ) and 6161 (plan 7: a speck read as a
    point after the given name); neither family name is on pythainlp's
    lists, so no listed pair confirmed a slip.  A given name read apart
    from its family name is put back alone; one listed as read, or that no
    slip or several make a listed one, stays."""
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นายอำนำจ นาคสวัสดิ์") == "นายอำนาจ นาคสวัสดิ์"
    assert mend_person_name("นายอนุชา. แสงทอง") == "นายอนุชา แสงทอง"
    for name in ("นายอำนาจ นาคสวัสดิ์", "นางสาวมณีรัตน์ ปัญญาวงศ์", "นายสมชาย ขำคม"):
        assert mend_person_name(name) == name


def test_points_read_before_a_count_or_its_word_in_block_4() -> None:
    """Block (4) of 300-dpi scans (seed 3030 and 6161) as Tesseract read
    them: a speck before จำนวน read as a point after a space, and one
    between a kind and its count read as a point; a point after an
    abbreviation's letter stays."""
    assert _entities("สหกรณ์ภาคการเกษตร .จำนวน ๒๐ แห่ง") == "สหกรณ์ภาคการเกษตร จำนวน ๒๐ แห่ง"
    assert _entities("กลุ่มเกษตรกร.2แห่ง = กลุ่มเกษตรกรทำไร่หนองบัว") == "กลุ่มเกษตรกร 2แห่ง = กลุ่มเกษตรกรทำไร่หนองบัว"
    assert _entities("สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส.2 แห่ง") == "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส.2 แห่ง"


def test_lost_leading_vowel_read_as_a_comma_or_a_gap() -> None:
    """Officers' and signers' names as Tesseract read 300-dpi scans of seed
    6161: a given name's ไ read as a comma before it, and as a gap inside
    it; the name lists confirm the vowel put back where it stood."""
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นาย,พโรจน์ใจดี") == "นายไพโรจน์ ใจดี"
    assert mend_person_name("นางสาววิ ลวรรณอินทร์แก้ว") == "นางสาววิไลวรรณ อินทร์แก้ว"
    for name in ("นายสมชาย ใจดี", "นางสาววิไลวรรณ อินทร์แก้ว"):
        assert mend_person_name(name) == name


def test_specks_read_as_lone_digits_after_an_indicator() -> None:
    """Block (6) of a 300-dpi scan (seed 8282, plan 9) as Tesseract read
    it: two specks after the first item's last word read as "3 7"; a
    single number after a word stays."""
    from pipeline.normalize.header import parse_indicators

    got = parse_indicators("1. รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเวลา 3 7\n2. จัดประชุมคณะกรรมการอย่างน้อย 12", ocr=True)
    assert [i.text for i in got] == ["รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเวลา", "จัดประชุมคณะกรรมการอย่างน้อย 12"]


def test_quotes_read_from_specks_in_form_fields() -> None:
    """Blocks (3) and (14) of 300-dpi scans (seeds 2020 and 3030) as
    Tesseract read them: a speck after a word read as a closing quote, and
    one inside a word as a run of quotes; a quotation stays."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import _correct_fields

    header = PlanHeader(main_activity="กำกับ' ดูแลตรวจสอบสหกรณ์และกลุ่มเกษตรกร",
                        approver_position="เกษตร\"'จังหวัดสตูล", output_project="โครงการ \"ตลาดนำการผลิต\" ของสหกรณ์")
    _correct_fields(header, ("main_activity", "approver_position", "output_project"), "จังหวัดสตูล")
    assert header.main_activity == "กำกับ ดูแลตรวจสอบสหกรณ์และกลุ่มเกษตรกร"
    assert header.approver_position == "เกษตรจังหวัดสตูล"
    assert header.output_project == "โครงการ \"ตลาดนำการผลิต\" ของสหกรณ์"


def test_a_point_between_the_names_and_an_equals_sign_before_a_plan() -> None:
    """Names and block (1) of 300-dpi scans of seed 6868 as Tesseract read
    them: a speck between a listed given name and a family name no list
    holds read as a point, with no gap ("ชำนาญ.นิ่มนวล"); a rule's stub
    before the plan read as "="."""
    from pipeline.normalize.header import _ocr_tail
    from pipeline.normalize.person_names import mend_person_name

    assert mend_person_name("นายชำนาญ.นิ่มนวล") == "นายชำนาญ นิ่มนวล"
    assert mend_person_name("นายชำนาญ.") == "นายชำนาญ"  # no name after the point: nothing split, the point dropped
    assert _ocr_tail("= แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร") == "แผนงานยุทธศาสตร์พัฒนาระบบสหกรณ์และกลุ่มเกษตรกร"


def test_office_with_a_stray_tone_mark_and_position_label_with_a_bracket() -> None:
    """The first lines of 300-dpi scans of seed 6868 (plans 13 and 8) as
    Tesseract read them: ของ with a speck read as a tone mark over its ข
    (ข้อง), and ตำแหน่ง with its แ read as a bracket (ตำ(หน่ง); taken after
    the seed's holdout figure."""
    header = _header_of(["ข้องสำนักงานสหกรณ์จังหวัดตรัง",
                         "นายณรงค์ฤทธิ์กิตติวงศ์ตำ(หน่งนักวิชาการพาณิชย์ชำนาญการสังกัดกลุ่มยุทธศาสตร์และสารสนเทศ"])
    assert (header.office, header.province) == ("สำนักงานสหกรณ์จังหวัดตรัง", "ตรัง")
    assert header.officer_position == "นักวิชาการพาณิชย์ชำนาญการ"


def test_a_lone_digit_after_block_1s_plan_is_a_speck() -> None:
    """Block (1) of 300-dpi scans (seeds 8282 and 6868) as Tesseract read
    it: a speck after the plan read as a lone digit, once with a quote
    after it; the unit, whose names end in a group's number, keeps its."""
    header = _header_of(["(1) แผนงาน: พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน 7\"",
                         "นางสาวปิยนุช ตั้งตรง ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์อาวุโส สังกัดกลุ่มส่งเสริมสหกรณ์ 2"])
    assert header.plan_program == "พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน"
    assert header.unit == "กลุ่มส่งเสริมสหกรณ์ 2"


def _header_of(lines: list[str]):
    """The header `parse_header_lines` makes of OCR'd lines."""
    from pipeline.model import PlanHeader
    from pipeline.normalize.header import parse_header_lines

    header = PlanHeader()
    parse_header_lines(lines, header, ocr=True)
    return header


def test_a_speck_before_a_blocks_number() -> None:
    """Fresh seed 2626 plan 10: block (1) read ".(๑)แผนงาน : ..." (a speck
    before the bracket), and the plan's program was lost."""
    from pipeline.normalize.header import _BLOCKS

    m = _BLOCKS["plan_program"].match(".(๑)แผนงาน : แผนงานยุทธศาสตร์เสริมสร้างพลังทางสังคม")
    assert m is not None and m.group(1) == "แผนงานยุทธศาสตร์เสริมสร้างพลังทางสังคม"
