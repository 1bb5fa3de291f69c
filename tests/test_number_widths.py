"""A number's digit count judged by its ink's width against the page's own
sure numbers (`NumberWidths`): Arabic-digit cells cut from a generated plan
set in Purisa, scanned at 200 dpi (accuracy benchmark, dev seed 4242, plan
6), where Tesseract's English model dropped a digit its mixed model read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data" / "digits" / "purisa200_widths"

# the page's cells read surely before the one checked, as the page read them
_SURE = [("0001_4.png", "4"), ("0009_1.png", "1"), ("0013_3.png", "3"), ("0041_4.png", "4"), ("0057_3.png", "3"),
         ("0017_10.png", "10"), ("0019_10.png", "10"), ("0031_53.png", "53"), ("0084_350.png", "350"),
         ("0008_2400.png", "2,400"), ("0014_3600.png", "3,600"), ("0021_20000.png", "20,000"),
         ("0103_4750.png", "4,750")]


def _crop(name: str) -> tuple[np.ndarray, int]:
    """The crop and its ink's width (Otsu's threshold)."""
    import cv2

    g = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    cols = np.flatnonzero((g < thr).any(axis=0))
    return g, int(cols[-1] - cols[0] + 1)


@pytest.fixture(scope="module")
def script():
    from pipeline.extract.scan.digit_script import DigitScript

    s = DigitScript()
    s.forced = False
    for name, text in _SURE:
        s.widths.add(text, _crop(name)[1])
    return s


def test_page_widths_measured(script):
    # digits stand a fixed pitch apart (about 16 px here); the numbers
    # without separators fit it
    pitch = script.widths.pitch()
    assert pitch is not None and 14 < pitch < 18
    for name, text in _SURE[5:9]:
        assert script.widths.misfit(text, _crop(name)[1]) < script.widths.FITS, name


def test_a_dropped_digit_read_as_wide_as_its_ink(ocr_engine, script):
    # a total row's 18: the English model read 1, which is a digit short
    # of the ink's width; the mixed model's 18 fits it
    from pipeline.extract.scan.number_cell import width_opinion

    crop, width = _crop("0229_18.png")
    res = ocr_engine.read_number(crop, thai_digits=False)
    assert res.text == "1"
    assert width_opinion(crop, res, ocr_engine, script, width).text == "18"


def test_a_reading_that_fits_is_not_asked_again(ocr_engine, script):
    from pipeline.extract.scan.number_cell import width_opinion

    crop, width = _crop("0084_350.png")
    res = ocr_engine.read_number(crop, thai_digits=False)
    assert width_opinion(crop, res, ocr_engine, script, width) is res
