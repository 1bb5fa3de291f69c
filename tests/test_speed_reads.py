"""Reads the scan path saves (outcomes, not timings: speed is measured by
benchmarks/scan.py): a row of header words is read as text once it has
shown itself, numbers beside it stay numbers; the crop helpers give the
same pixels as before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

pytest.importorskip("tesserocr")
pytest.importorskip("cv2")

FONT = "/usr/share/fonts/truetype/tlwg/Loma.ttf"


def test_percentile_u8_is_numpys():
    from pipeline.ocr.crops import percentile_u8

    rng = np.random.default_rng(7)
    for k in range(300):
        h, w = rng.integers(1, 50, 2)
        img = rng.integers(0, 256, (h, w)).astype(np.uint8)
        if k % 3 == 0:
            img = (img // 64 * 64).astype(np.uint8)  # few distinct tones: ties
        for q in (0, 0.5, 50, 75, 90, 100):
            assert percentile_u8(img, q) == pytest.approx(float(np.percentile(img, q)), abs=1e-9)


def _ruled_table(rows: list[list[str]], cell_w: int = 170, cell_h: int = 90) -> np.ndarray:
    if not Path(FONT).is_file():
        pytest.skip("Loma font not installed")
    font = ImageFont.truetype(FONT, 34)
    n_cols = len(rows[0])
    x0, y0 = 60, 60
    im = Image.new("L", (2 * x0 + n_cols * cell_w, 2 * y0 + len(rows) * cell_h), 238)
    d = ImageDraw.Draw(im)
    for c in range(n_cols + 1):
        d.line([(x0 + c * cell_w, y0), (x0 + c * cell_w, y0 + len(rows) * cell_h)], fill=25, width=3)
    for r in range(len(rows) + 1):
        d.line([(x0, y0 + r * cell_h), (x0 + n_cols * cell_w, y0 + r * cell_h)], fill=25, width=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            d.text((x0 + c * cell_w + 40, y0 + r * cell_h + 22), text, font=font, fill=25)
    return np.asarray(im)


def test_row_of_header_words_read_once_each(ocr_engine, monkeypatch):
    import pipeline.extract.scan.table as table
    from pipeline.extract.scan import read_page_image

    words = ["งาน", "งบ"] * 4
    numbers = ["1,250", "37", "4", "900", "12", "5", "2,000", "15"]
    calls: list[int] = []
    read_cell = table.read_cell

    def counted(*args, **kwargs):
        before = ocr_engine.calls
        out = read_cell(*args, **kwargs)
        calls.append(ocr_engine.calls - before)
        return out

    monkeypatch.setattr(table, "read_cell", counted)
    page = read_page_image(_ruled_table([words, numbers, numbers]), 1, 300, engine=ocr_engine, orientation=False)
    assert len(page.tables) == 1
    got = {(c.row, c.col): "".join(c.text.split()) for c in page.tables[0].cells}
    assert [got[(0, c)] for c in range(8)] == words
    # the row flag stays in its row: the numbers under it are read as numbers
    assert [got[(1, c)] for c in range(8)] == numbers
    assert [got[(2, c)] for c in range(8)] == numbers
    # the first word goes through the number path; the other seven are one
    # text read each
    assert calls[1:8] == [1] * 7
