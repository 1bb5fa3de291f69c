"""Lines of Thai text cut apart before OCR: the row of marks over a line
stays with its line (Tesseract's block mode read it as a line of junk and the
line under it without its tone marks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.ocr.text_lines import split_lines, split_wide_gaps

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
LINES = ["2.4 ติดตามความรู้ความเข้าใจเรื่องการสหกรณ์", "เพื่อเพิ่มประสิทธิภาพการดำเนินงาน"]


def _render(lines: list[str], px: int = 50, leading: float = 1.35, gap_px: int = 0) -> np.ndarray:
    """Lines of text at `px` pixels (16 pt at 300 dpi is ~67), set as
    in a table cell, a little blurred as a scan is."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(str(FONT), px, layout_engine=ImageFont.Layout.RAQM)
    im = Image.new("L", (int(px * 0.5 * max(map(len, lines))) + gap_px + 40, int(px * leading * len(lines)) + 40), 235)
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((20, 20 + i * px * leading), line, font=font, fill=40)
    return np.asarray(im.filter(ImageFilter.GaussianBlur(0.8)))


@pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-laksaman) not installed")
def test_marks_stay_with_their_line() -> None:
    lines = split_lines(_render(LINES))
    assert len(lines) == 2
    # each line image carries its own marks: the second line starts below
    # the first one's top, and neither is a thin row of marks
    (first, top1), (second, top2) = lines
    assert top2 > top1
    assert min(first.shape[0], second.shape[0]) > 0.6 * max(first.shape[0], second.shape[0])


@pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-laksaman) not installed")
def test_block_read_keeps_tone_marks() -> None:
    from pipeline.ocr import get_engine
    from pipeline.textdist import levenshtein

    text = get_engine().read_text(_render(LINES), single_line=False).text
    got = text.split("\n")
    assert len(got) == 2
    for line, want in zip(got, LINES):
        assert levenshtein("".join(line.split()), "".join(want.split())) <= 2, (line, want)
    assert "เรื่อง" in got[0]


@pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-laksaman) not installed")
def test_blocks_side_by_side_are_pieces() -> None:
    img = _render(["ตำแหน่ง นักวิชาการ"], gap_px=0)
    wide = np.full((img.shape[0], img.shape[1] * 2 + 400), 235, np.uint8)
    wide[:, : img.shape[1]] = img
    wide[:, img.shape[1] + 400 :] = img
    pieces = split_wide_gaps(wide)
    assert len(pieces) == 2
    assert pieces[1][1] > img.shape[1]
