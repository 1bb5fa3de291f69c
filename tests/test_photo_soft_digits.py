"""A phone photo's small, soft number cells (issue 9): crops cut from a
generated photo (seed 2718, plan 9: ~120 dpi, digits 19 px tall on the
300-dpi working page) that Tesseract reads as nothing at every scale; the
crop sharpened at a tenth of the page's digit height reads right
(`sharpened_number`)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.extract.scan.digit_script import DigitScript

DATA = Path(__file__).parent / "data" / "photo"
PAGE_DIGIT_HEIGHT = 19.0  # what that page measured (`PageDigits.height`)


@pytest.fixture(scope="module")
def engine():
    from pipeline.ocr import get_engine
    from pipeline.ocr.photo_reads import PhotoReads

    return PhotoReads(get_engine("tesseract"))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("photo_soft_*.png")))
def test_a_soft_number_tesseract_leaves_empty_reads_sharpened(name, engine):
    from pipeline.extract.scan.number_cell import sharpened_number

    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    want = name.removeprefix("photo_soft_").removesuffix(".png")
    assert engine.read_number(crop, thai_digits=False).text.strip("-.") == ""
    assert sharpened_number(crop, engine, DigitScript(), PAGE_DIGIT_HEIGHT) == want
