"""Lines of Thai that Tesseract's mixed tha+eng model reads with Latin
letters glued to Thai, read again by the Thai model alone (fresh 300-dpi
scans: seed 2727 plan 4's officer line, "วงศ์ng" for วงศ์ใหญ่; seed 8282
plan 5's description line, "๑ASD" for ๑ ครั้ง)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.ocr.latin_in_thai import latin_among_thai

DATA = Path(__file__).parent / "data" / "thai_only"
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("name, digits", [("officer_line", "๕"), ("description_line", "2.3.1๑")])
def test_latin_glued_to_thai_read_by_the_thai_model(ocr_engine, name: str, digits: str) -> None:
    cv2 = pytest.importorskip("cv2")
    line = cv2.imread(str(DATA / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
    text = ocr_engine.read_text(line, single_line=True).text
    assert not LATIN.search(text), text
    assert re.sub(r"[^0-9๐-๙.]", "", text).endswith(digits)


@pytest.mark.parametrize("text, cell, free", [
    ("นางสาวสุนิสาวงศ์ng ตำแหน่ง", True, True),
    ("จำนวน ๑NAN", True, True),
    ("ชื่อ- ana (นางสาวพรทิพย์)", False, True),  # alone: a free-text line's
    ("a พัฒนาธุรกิจ", False, True),  # a row code's ๗ read "a": the Thai model reads it ฆ
    ("แผนปฏิบัติการประจำปี (Action Plan)", False, False),  # two scripts
    ("OTOP", False, False),  # no Thai
])
def test_which_lines_the_thai_model_reads_again(text: str, cell: bool, free: bool) -> None:
    assert latin_among_thai(text) is cell
    assert latin_among_thai(text, alone_too=True) is free
