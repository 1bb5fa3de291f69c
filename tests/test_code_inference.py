"""OCR-read row codes put right by the outline (and the OCR reading of
dotted amounts): hand-built reads in the shapes real misreadings take."""

from __future__ import annotations

from pipeline.normalize.codes import infer_ocr_codes
from pipeline.normalize.form import normalize_document
from pipeline.normalize.numbers import parse_number
from tests.handmade import small_plan_doc


def _ocr(reads: list[str | None]) -> list[str | None]:
    return infer_ocr_codes(reads, [True] * len(reads))


def test_a_run_of_look_alike_digits_is_renumbered_when_the_outline_contradicts_it() -> None:
    # ๔ read as ๕ over a whole section: the real section 5 follows
    assert _ocr(["3.3", "5", "5.1", "5.1.1", "5.2", "5", "5.1", "6"]) == [
        "3.3", "4", "4.1", "4.1.1", "4.2", "5", "5.1", "6"
    ]


def test_lost_and_merged_dots_and_garbled_codes() -> None:
    assert _ocr(["7", "7.1", "7.1.1", "7.1.2", "71.3", "7.2"])[4] == "7.1.3"
    assert _ocr(["2", "2.1", "6.9.0", "2.1.2", "2.2"])[2] == "2.1.1"
    assert _ocr(["2", "2.1", "2.1", "2.1.2", "2.2"])[2] == "2.1.1"
    assert _ocr(["3.3", None, "3.5"]) == ["3.3", "3.4", "3.5"]


def test_a_part_read_with_a_leading_zero_is_written_as_the_outline_writes_it() -> None:
    # 200 dpi scan, Thai digits: a speck before ๓ read as ๐ ("8.1.03")
    assert _ocr(["8", "8.1", "8.1.1", "8.1.2", "8.1.03", "8.1.4"])[4] == "8.1.3"


def test_readings_that_hold_only_one_end_of_their_code() -> None:
    # scan20b plan 12 (300 dpi): 6.5-7.5 read as their first or last part
    # only; before, rows 6.5 .. 9 were renumbered 7 .. 17, the 8 and 9 read
    # right included
    reads = ["6", "6.1", None, "6", "6.4", "5", "6", "6", None, "1", "2", "3", "5", "5", "8", "9"]
    want = ["6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "7", "7.1", "7.2", "7.3", "7.4", "7.5", "8", "9"]
    out = _ocr(reads)
    assert [o for o, w in zip(out, want) if o != w and o is not None] == []
    assert out[-2:] == ["8", "9"]


def test_a_leap_far_ahead_is_a_misreading_not_a_gap() -> None:
    # 200 dpi, Thai digits: ๘ read as ๖๕ on most rows of section 8
    reads = ["7.3", "8", "6.9", "6.9.0", "65.1.2", "8.1.3", "8.1.4", "65.2", "65.2.1", "8.3", "65", "65.3.2"]
    assert _ocr(reads)[7:] == ["8.2", "8.2.1", "8.3", "8.3.1", "8.3.2"]


def test_codes_read_with_every_digit_but_their_dots_keep_their_depth() -> None:
    # a phone photo (Garuda, Thai digits): the third level is read only as
    # "23.1"/"23.2" (dots lost), the rows between read nothing; the plan
    # reads deeper than two levels nowhere else, yet "23.1" is 2.3.1
    reads = ["1", "2", "81", None, None, None, None, "23", "23.1", "23.2", "3", None, None]
    assert _ocr(reads)[7:11] == ["2.3", "2.3.1", "2.3.2", "3"]


def test_ambiguous_gaps_and_typed_codes_are_kept() -> None:
    assert _ocr(["1.3", "1.5", "1.5.1", "1.5.2", None, "2"])[4] is None  # 1.4.3 or 1.5
    assert _ocr(["1", None, None, "3"]) == ["1", None, None, "3"]
    typed = ["3.3", "5", "5.1", "5", "6"]
    assert infer_ocr_codes(typed, [False] * 5) == typed


def test_a_code_behind_a_speck_is_put_back_and_leaves_the_description() -> None:
    doc = small_plan_doc()
    for cell in doc.pages[0].tables[1].cells:
        cell.confidence = 0.9
    row = next(c for c in doc.pages[0].tables[1].cells if c.text.startswith("1.2 "))
    row.text = "1 1.2 ตรวจเยี่ยมกลุ่มเกษตรกร"  # a speck read as "1" hides the code
    plan = normalize_document(doc)
    assert [(a.code, a.parent_code) for a in plan.activities][-1] == ("1.2", "1")
    assert plan.activities[-1].description == "ตรวจเยี่ยมกลุ่มเกษตรกร"
    assert [f.check for f in plan.findings] == ["code_sequence"]


def test_ocr_amount_with_thousands_dots_and_satang() -> None:
    assert parse_number("638.800.00บาท", ocr=True) == 638800.0
    assert parse_number("638.800.00บาท") is None  # a text layer is taken as written
    assert parse_number("1.250.000.00", ocr=True) == 1250000.0
