"""Number cells cut from a generated plan set in Sawasdee with decimal
budgets, scanned at 200 dpi (accuracy corpus, seed 4242 at 200 dpi, plan_0007): the
point prints as a 2-3 px dot a third as deep below the paper as the
digits, under the crop's Otsu threshold; `prepare_number` painted it
white and Tesseract read 1000.00 as 100000 (56 of 965 number cells)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data" / "digits"


def _raw(name: str) -> np.ndarray:
    import cv2

    return cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)


@pytest.fixture(scope="module")
def engine():
    from pipeline.ocr.tesseract import TesseractEngine

    return TesseractEngine()


@pytest.mark.parametrize("name, text", [
    ("sawasdee200_1000_00_faint_point.png", "1000.00"),
    ("sawasdee200_2000_00_faint_point.png", "2000.00"),
    # the point's gap is 3 px wide, its darkest pixel beside the 0's column
    ("sawasdee200_1000_00_narrow_gap.png", "1000.00"),
])
def test_faint_point_is_read(engine, name: str, text: str) -> None:
    assert engine.read_number(_raw(name), thai_digits=False).text == text


@pytest.mark.parametrize("name", [
    # bold Thai digits (Tlwg Typewriter, seed 7717 at 200 dpi, plan_0005)
    # whose feet the blur bridges: a dark spot low between two glyphs,
    # but touching one -- made a point, ๖๐๐๐ read ๑๐๐๐
    "typewriter200_thai_6000_feet_bridged.png",
    "typewriter200_thai_35350_feet_bridged.png",
])
def test_no_point_made_of_glyphs_feet(name: str) -> None:
    from pipeline.ocr.crops import percentile_u8
    from pipeline.ocr.faint_points import restore_faint_points

    g = _raw(name)
    assert restore_faint_points(g, percentile_u8(g, 75), float(g.min())) is g


def test_no_point_made_where_the_crop_has_none() -> None:
    from pipeline.ocr.crops import percentile_u8
    from pipeline.ocr.faint_points import restore_faint_points

    g = _raw("sawasdee200_2000_00_faint_point.png")
    # the same digits with the point's gap painted paper: nothing to restore
    plain = g.copy()
    plain[:, 58:67] = int(percentile_u8(g, 75))
    assert restore_faint_points(plain, percentile_u8(plain, 75), float(plain.min())) is plain
