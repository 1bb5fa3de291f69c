"""A text cell of two lines in a small face, under dpi/7 tall all told
(Tlwg Typist's descriptions on 300-dpi scans: two lines in 40 px), is read
line by line: Tesseract's single-line mode made one line of junk of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

FONT = Path("/usr/share/fonts/truetype/tlwg/TlwgTypist.ttf")
LINES = ["3.4.1 จัดอบรมการใช้จ่ายเงินกู้กองทุนพัฒนาสหกรณ์ตามแผน", "ปฏิบัติงาน"]


def _render(px: int) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(str(FONT), px, layout_engine=ImageFont.Layout.RAQM)
    im = Image.new("L", (int(px * 0.62 * len(LINES[0])) + 40, 2 * px + 40), 235)
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(LINES):
        draw.text((20, 14 + i * px), line, font=font, fill=40)
    return np.asarray(im.filter(ImageFilter.GaussianBlur(0.7)))


@pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-typist) not installed")
def test_two_short_lines_read_line_by_line() -> None:
    from pipeline.extract.scan.cell_ink import Ink
    from pipeline.extract.scan.digit_script import DigitScript
    from pipeline.extract.scan.text_cell import read_text_cell
    from pipeline.ocr import get_engine
    from pipeline.textdist import levenshtein

    gray = _render(19)
    ink_mask = (gray < 140).astype(np.uint8) * 255
    ys, xs = np.nonzero(ink_mask)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    assert box[3] - box[1] <= 300 / 7  # two lines, as short as one line of a larger face
    text, _conf = read_text_cell(gray, ink_mask, Ink("content", box), gray, (0, 0), 300.0, get_engine(), DigitScript())
    got = text.split("\n")
    assert len(got) == 2
    assert levenshtein("".join(text.split()), "".join("".join(LINES).split())) <= 4, text
