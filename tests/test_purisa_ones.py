"""A handwriting face's 1s at 200 dpi: a leading 1 Tesseract's English model
dropped (`dropped_one`), and 7s both Tesseract models read as 1 that the
templates read 7 and that stand wider than the page's own sure 1s
(`glyph_vote`).  Number cells cut from a generated plan set in Purisa,
scanned at 200 dpi (accuracy benchmark, seed 7717, plan 16)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data" / "digits" / "purisa200_ones"
DIGIT_HEIGHT = 20  # the page's sure numbers stand 18-22 px


def _crop(name: str) -> np.ndarray:
    import cv2

    return cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)


def _ink(crop: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int], int]:
    """The crop's ink mask at Otsu's threshold, its ink box and the scan's
    dpi, as `dropped_one` gets them for the cell."""
    import cv2

    _, mask = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(mask)
    return mask, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1), 200


@pytest.fixture()
def script():
    from pipeline.extract.scan.digit_script import DigitScript

    s = DigitScript()
    s.forced = False
    for _ in range(5):
        s.latin_glyphs.add_height(DIGIT_HEIGHT)
    return s


def test_a_dropped_leading_one_comes_back(ocr_engine, script):
    # a 17 read 7: its 1, a bare bar, stands apart from the 7
    from pipeline.extract.scan.number_cell import dropped_one

    crop = _crop("dropped_17.png")
    res = ocr_engine.read_number(crop, thai_digits=False)
    assert res.text == "7"
    assert dropped_one(crop, res, ocr_engine, script, *_ink(crop)).text == "17"


def test_a_lone_one_is_not_doubled(ocr_engine, script):
    # one glyph: no digit to have been dropped, whatever the mixed model reads
    from pipeline.extract.scan.number_cell import dropped_one

    crop = _crop("one_0.png")
    res = ocr_engine.read_number(crop, thai_digits=False)
    assert dropped_one(crop, res, ocr_engine, script, *_ink(crop)) is res


@pytest.mark.parametrize(("name", "read", "want"), [("seven_750.png", "150", "750"), ("seven_700.png", "100", "700")])
def test_a_seven_wider_than_the_pages_ones(ocr_engine, script, name, read, want):
    # the page's sure 1s (lone cells both readers read 1 at 0.9+) are its
    # narrowest glyphs; the 7 read 1 is clearly wider
    from pipeline.extract.scan.number_cell import glyph_vote

    page = script.latin_glyphs
    for k in range(15):
        for ch, margin, feat in ocr_engine.digit_glyphs(_crop(f"one_{k}.png"), features=True):
            if margin >= page.SURE:
                page.add(ch, feat)
    assert page.aspect("1") is not None
    crop = _crop(name)
    res = ocr_engine.read_number(crop, thai_digits=False)
    assert res.text == read and res.confidence >= 0.85
    assert glyph_vote(crop, res.text, res.confidence, ocr_engine, script)[0] == want
