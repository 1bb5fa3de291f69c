"""Soft grey text of a 200-dpi scan read at 300 dpi (seed 4141 plan 6,
Laksaman description cells): Tesseract's global Otsu made nothing of a
whole line, and blur ran the letters of two lines together so the line
splitter saw one line (read as junk, or only its first line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.generate.score import fold
from pipeline.textdist import levenshtein

DATA = Path(__file__).parent / "data" / "soft_lines"


@pytest.mark.parametrize("name, want", [
    ("one_line", "ให้คำปรึกษางบการเงินประจำปี"),
    ("two_lines", "กำกับดูแลผลผลิตทางการเกษตรของสมาชิกให้เป็นไปตามกฎหมายและระเบียบที่\nเกี่ยวข้อง"),
    ("two_lines_wrapped", "ติดตามหน่วยงานที่เกี่ยวข้องในพื้นที่เพื่อยกระดับความเข้มแข็งตามเกณฑ์มาตรฐานของ\nกรมส่งเสริมสหกรณ์"),
])
def test_soft_lines_read_line_by_line(ocr_engine, name: str, want: str) -> None:
    cv2 = pytest.importorskip("cv2")
    crop = cv2.imread(str(DATA / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
    text = ocr_engine.read_text(crop).text
    assert text.count("\n") == want.count("\n"), text
    # the text after the row code (whose small Thai digits are another matter)
    got = fold(text)[-len(fold(want)):]
    assert levenshtein(got, fold(want)) <= 0.1 * len(fold(want)), text
