"""correct_thai_ocr: Tesseract's typical slips in Thai words put right,
correct text, names of months and non-Thai text left alone."""

from __future__ import annotations

import pytest

from pipeline.normalize.ocr_spell import correct_thai_ocr

SLIPS = [
    ("จัดประชุมความรู้ความเข้าใจเรืองการสหกรณ์", "จัดประชุมความรู้ความเข้าใจเรื่องการสหกรณ์"),  # ่ lost over ื
    ("ตรวจเยียมข้อมูลพืนฐานของสหกรณ์", "ตรวจเยี่ยมข้อมูลพื้นฐานของสหกรณ์"),
    ("กากับดูแลงบการเงินประจำปี", "กำกับดูแลงบการเงินประจำปี"),  # ำ read as า
    ("ร่วมกับหน่วยงานภำคีเครือข่าย", "ร่วมกับหน่วยงานภาคีเครือข่าย"),  # า read as ำ
    ("กลุ่มบริหารทัวไป", "กลุ่มบริหารทั่วไป"),
    ("ส่งเสริมการมีส่วนร่วมขฮงสมาชิก", "ส่งเสริมการมีส่วนร่วมของสมาชิก"),  # อ read as ฮ
    ("รวบรวมข้อมูลพื้นชานของสหกรณ์", "รวบรวมข้อมูลพื้นฐานของสหกรณ์"),  # ฐ read as ช
    ("สำรวจข้อมูลในพืนที่ รบผดชอบ", "สำรวจข้อมูลในพื้นที่ รับผิดชอบ"),  # two marks lost in one word
    ("ให้คำปรึกษาคณะกรรมการเพือเพิมประสิทธิภาพ", "ให้คำปรึกษาคณะกรรมการเพื่อเพิ่มประสิทธิภาพ"),
    ("สหกรณ์ดีรับการแนะนำส่งเสริม", "สหกรณ์ได้รับการแนะนำส่งเสริม"),  # ไ lost, its hook read as ี
    # the words before an abbreviation's letter are words (ธ.ก.ส.)
    ("สหกรณ์การเกษตรเฟื่อการตลาดลูกค้าธ.ก.ส.", "สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ส."),
    ("1.สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขืน", "1.สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น"),  # after an item's number
    ("กลุ่มเกษตรกรมีการลำเนินธุรกิจอย่างต่อเนื่อง", "กลุ่มเกษตรกรมีการดำเนินธุรกิจอย่างต่อเนื่อง"),  # ด read ล (a photo)
]

CORRECT = [
    "ส่งเสริมความรู้ความเข้าใจแก่สมาชิกสหกรณ์",
    "ประชุมชี้แจงผู้นำกลุ่มเกษตรกร ทั่วไป",
    "ตรวจสอบบัญชีสหกรณ์ที่เลิกกิจการ",
    "การพัฒนาคุณภาพชีวิตของประชาชนในชนบท",
    "ข่าวสารเกี่ยวกับราคาข้าวและน้ำมันเชื้อเพลิง",
    "ไม่น้อยกว่าร้อยละ 80 ของเป้าหมาย",
    "ต.ค. พ.ย. ธ.ค. ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย.",
    "ธ.ก.ส. สาขาสุพรรณบุรี จำกัด",
    "ประชุมทำนา. ไปมาๆ. การสหกรณ์ะ.",  # (a run ending in a vowel or ๆ before a point)
    "จ.จสหกรณ์ได้รับ ต.๑.ตประเมิน",  # row codes whose Thai digits read as letters
    "1.2.3 Smart Farmer (Action Plan) 15,590 บาท",
    "",
]


@pytest.mark.parametrize("slipped, meant", SLIPS)
def test_typical_slips_put_right(slipped: str, meant: str) -> None:
    assert correct_thai_ocr(slipped) == meant


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_unchanged(text: str) -> None:
    assert correct_thai_ocr(text) == text


def test_lines_and_codes_kept() -> None:
    text = "2.4 จัดประชุมเรืองการสหกรณ์\nเพือเพิมประสิทธิภาพ"
    assert correct_thai_ocr(text) == "2.4 จัดประชุมเรื่องการสหกรณ์\nเพื่อเพิ่มประสิทธิภาพ"


def test_sara_ai_read_as_specks() -> None:
    # ไ broken into a quote and a point; a point inside an abbreviation stays
    assert correct_thai_ocr("สหกรณ์ '.ม่มีข้อบกพร่องใหม่เกิดขึ้น") == "สหกรณ์ ไม่มีข้อบกพร่องใหม่เกิดขึ้น"
    assert correct_thai_ocr("สหกรณ์ ,ด้รับการแนะนำ") == "สหกรณ์ ได้รับการแนะนำ"
    assert correct_thai_ocr("ธ.ก.ส. สุพรรณบุรี") == "ธ.ก.ส. สุพรรณบุรี"
    assert correct_thai_ocr("ม .ค.") == "ม .ค."  # a month's abbreviation with a stray space


def test_cheap_edit_score_matches_full_score() -> None:
    """A slip is scored in full only when the cheap reckoning from the
    unedited window's tables says it may win: the two must agree (to
    rounding) for every slip tried in every window of these texts."""
    from pipeline.normalize import ocr_spell as s

    tried = 0
    for text in [slipped for slipped, _ in SLIPS] + CORRECT:
        run = "".join(text.split())
        for i, (a, b) in enumerate(s._windows(run, s._score(run)[1])):
            head, tail = s._tables(run[a:b])
            reach = s._reach(run[a:b], i - a)
            for new, _cost in s._edits(run, i):
                piece = new[a : b + len(new) - len(run)]
                assert s._edited_score(run[a:b], head, tail, reach, piece) == pytest.approx(s._best(piece)[-1], abs=1e-9)
                tried += 1
    assert tried > 1000


def test_a_stray_nikhahit_is_dropped() -> None:
    # seed 9191 plan 2 (Tlwg Typist, 300 dpi): a speck over ง read as the
    # ring of ำ; ำ itself stays
    assert correct_thai_ocr("กลุ่มเกษตรกรมีการดำเนินธุรกิจอย่างํต่อเนื่อง") == "กลุ่มเกษตรกรมีการดำเนินธุรกิจอย่างต่อเนื่อง"



def test_a_leading_vowel_before_a_digit_is_dropped() -> None:
    # seed 5353 plan 15 (Purisa, 300 dpi): a speck by ๒ read as ไ; a leading
    # vowel before a word stays
    assert correct_thai_ocr("ระดับชั้น ๑ และไ๒ ไม่น้อยกว่าร้อยละ ๑๐๐") == "ระดับชั้น ๑ และ๒ ไม่น้อยกว่าร้อยละ ๑๐๐"
