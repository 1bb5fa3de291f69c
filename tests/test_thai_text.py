"""clean_thai / fold: PUA, split sara am, stray spaces, correct text untouched."""

from __future__ import annotations

import random

import pytest

from pipeline.normalize.thai_text import PUA_MAP, clean_thai, fold

CORRECT = [
    "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. 2566",
    "สำนักงานสหกรณ์จังหวัดพัทลุง",
    "ส่งเสริมความรู้ความเข้าใจแก่สมาชิกสหกรณ์",
    "ประชุมชี้แจงผู้นำกลุ่มเกษตรกร ทั่วไป",
    "ต่ำกว่าเกณฑ์",
    "น้ำ",
    "ไม่น้อยกว่าร้อยละ 80",
    "สิทธิ์",
    "ฤๅษี",
    "กิจกรรม/ขั้นตอนของกิจกรรม",
    "ต.ค. พ.ย. ธ.ค. ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย.",
    "15,590 บาท",
    "๑๒๓ บาท",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_unchanged(text: str) -> None:
    assert clean_thai(text) == text


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # Windows PUA (reportlab / Word shaped output)
        ("ต\uf70aา", "ต่า"),  # mai ek shifted down
        ("ที\uf70b", "ที้"),  # mai tho shifted down... over sara ii
        ("ป\uf701ด", "ปิด"),  # sara i shifted left
        ("\uf700าน", "ฐาน"),  # tho than without descender
        ("ห\uf70fิง", "หญิง"),  # yo ying without descender
        ("ก\uf710\uf713น", "กั่น"),  # mai han-akat + mai ek shifted left
        ("ป\uf713า", "ป่า"),
        ("ผ\uf705า", "ผ่า"),  # shifted down-left
        ("ฎ\uf718", "ฎุ"),  # sara u shifted down
        ("สิทธ\uf701\uf70e", "สิทธิ์"),
        # Mac PUA (HarfBuzz's interleaved mac_pua column)
        ("ต\uf88bา", "ต่า"),
        ("ต\uf88dา", "ต้า"),
        ("ก\uf884\uf88aน", "กั่น"),
        ("\uf89eาน", "ฐาน"),
        ("ฎ\uf89b", "ฎุ"),
    ],
)
def test_pua(raw: str, want: str) -> None:
    assert clean_thai(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("ส\u0e4d\u0e32นักงาน", "สำนักงาน"),  # ํา
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # ํ้า (HarfBuzz order)
        ("น\u0e49\u0e4d\u0e32", "น้ำ"),  # ้ํา (Word order)
        ("ต\u0e33\u0e32", "ตำ"),  # ำา duplication
        ("น\u0e49\u0e33\u0e32", "น้ำ"),
        ("ต\u0e33\u0e48", "ต่ำ"),  # tone after sara am
        ("ส\u0e4d\uf70bา", "ส้ำ"),  # PUA tone inside a split sara am
    ],
)
def test_sara_am(raw: str, want: str) -> None:
    assert clean_thai(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("ทั ่วไป", "ทั่วไป"),  # space before a tone mark
        ("ก ิจกรรม", "กิจกรรม"),
        ("ความ\u200bรู้", "ความรู้"),  # zero width space
        ("ร้อยละ\u00a080", "ร้อยละ 80"),  # no-break space
        ("  งบประมาณ \n\t ที่ได้รับ  ", "งบประมาณ ที่ได้รับ"),
        ("ก\u0e48\u0e48", "ก่"),  # duplicated tone
        ("ก\u0e48\u0e34", "กิ่"),  # tone before vowel
        ("เเก่", "แก่"),
        ("e\u0301", "\u00e9"),  # NFC
    ],
)
def test_marks_and_spaces(raw: str, want: str) -> None:
    assert clean_thai(raw) == want


def test_never_raises_and_idempotent() -> None:
    alphabet = [chr(c) for c in range(0x0E01, 0x0E5C)] + [chr(c) for c in PUA_MAP] + [" ", "\u200b", "a", "1"]
    rng = random.Random(7)
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        once = clean_thai(s)
        assert clean_thai(once) == once
        assert not any(0xF700 <= ord(ch) <= 0xF8FF for ch in once)
    assert clean_thai("") == ""
    assert clean_thai(None) == ""  # type: ignore[arg-type]


def test_fold() -> None:
    assert fold("๑๕,๕๙๐ บาท") == fold("15,590บาท")
    assert fold("ส\u0e4d\u0e32นัก งาน") == fold("สำนักงาน")
    assert fold("ABC – x") == fold("abc-x")


def test_lost_sara_am_is_restored_where_the_word_list_agrees() -> None:
    from pipeline.normalize.thai_text import clean_thai

    assert clean_thai("ส  านักงานสหกรณ์จังหวัด") == "สำนักงานสหกรณ์จังหวัด"
    assert clean_thai("จัดท  าแผนธุรกิจ") == "จัดทำแผนธุรกิจ"
    assert clean_thai("น  ้าท่วม") == "น้ำท่วม"
    assert clean_thai("ตา ม") == "ตา ม"  # not the pattern: left alone
