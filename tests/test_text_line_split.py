"""Lines cut apart before OCR: a line too short for the row profile (a
wrapped item's last word) is still a line of its own, and a tone mark
between two lines goes to the line under it (the marks over a Thai line
sit most of a letter's height above it, those under one right beneath)."""

from __future__ import annotations

import pytest

from tests.test_text_lines import FONT, _render

from pipeline.ocr.text_lines import split_lines

pytestmark = pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-laksaman) not installed")


def test_a_short_wrapped_line_is_a_line() -> None:
    img = _render(["1. สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้น ร้อยละ", "95", "2. สหกรณ์ที่ได้รับการแนะนำมีความเข้มแข็ง"],
                  leading=1.4)
    assert len(split_lines(img)) == 3


def test_a_tone_mark_between_lines_stays_with_the_line_under_it() -> None:
    from pipeline.ocr import get_engine

    img = _render(["(๑๔) ผู้อนุมัติแผน", "ชื่อ - สกุล (นายอภิสิทธิ์ รักษาศรี)", "ตำแหน่ง สหกรณ์จังหวัดกระบี่"], leading=1.4)
    last = get_engine().read_text(img).text.split("\n")[-1]
    assert "กระบี่" in last, last
