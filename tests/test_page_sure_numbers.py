"""Fewer Tesseract reads of an Arabic-digit page's number cells: a number
whose every glyph the templates and the page's own sure prints agree on
is read from its glyphs alone (`page_sure_number`), and after a page's
first checks the mixed model is asked only about readings that hold a
digit it has put right there or one Tesseract confuses
(`second_opinion_due`).  The number cells of the first body rows of a
generated plan set in Waree, scanned at 300 dpi (scan benchmark, seed 11,
plan 1, page 1), in reading order; Purisa cells from the same benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

DIGITS = Path(__file__).parent / "data" / "digits"
PAGE = DIGITS / "waree300_page"
DPI = 300


def _gray(path: Path) -> np.ndarray:
    import cv2

    return cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)


def _arabic_page():
    from pipeline.extract.scan.digit_script import DigitScript

    script = DigitScript()
    script.forced = False  # as `vote_script` settles it for this page
    return script


def test_a_pages_sure_numbers_take_no_tesseract_read(ocr_engine):
    # each cell read as the table reads it (its ink judged, then
    # `read_cell`), the cell alone standing for the page
    import cv2

    from pipeline.extract.scan.cell import read_cell
    from pipeline.extract.scan.cell_ink import cell_ink

    script = _arabic_page()
    calls, got, want = [], [], []
    for cell in json.loads((PAGE / "cells.json").read_text()):
        gray = _gray(PAGE / cell["file"])
        _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
        info = cell_ink(ink, gray, 0, 0, gray.shape[1], gray.shape[0], DPI)
        before = ocr_engine.calls
        text, _conf = read_cell(gray, gray, ink, info, cell["cell_width"], 1, DPI, ocr_engine, script)
        calls.append(ocr_engine.calls - before)
        got.append(text)
        want.append(cell["text"])
    assert got == want
    # the first rows, read before the page has shown its digits, go to
    # Tesseract; most later numbers of two digits or more are the page's
    # sure numbers; a lone digit always goes to Tesseract
    assert min(calls[:8]) >= 1
    digits = [sum(ch.isdigit() for ch in w) for w in want]
    later = [c for c, n in zip(calls[8:], digits[8:]) if n >= 2]
    assert later.count(0) >= 0.6 * len(later)
    assert all(c >= 1 for c, n in zip(calls, digits) if n == 1)
    assert sum(calls) < len(calls)  # (every cell took one read or more)


@pytest.mark.parametrize(("name", "eng", "mixed"), [("purisa_7550.png", "1,550", "7,550"), ("purisa_98.png", "48", "98")])
def test_after_the_first_checks_a_confused_digit_is_still_checked(ocr_engine, name, eng, mixed):
    # a page where the mixed model put a 1 right: its Purisa 9 read 4
    # (a digit Tesseract confuses) is still checked, and put right
    from pipeline.extract.scan.number_cell import SECOND_OPINIONS, second_opinion, second_opinion_due

    script = _arabic_page()
    script.checked, script.overruled = SECOND_OPINIONS, {"1"}
    res = ocr_engine.read_number(_gray(DIGITS / name), thai_digits=False)
    assert res.text == eng
    assert second_opinion_due(res.text, script)
    assert second_opinion(_gray(DIGITS / name), res, ocr_engine, script).text == mixed


def test_after_the_first_checks_other_digits_are_not_checked(ocr_engine):
    from pipeline.extract.scan.number_cell import SECOND_OPINIONS, second_opinion_due

    script = _arabic_page()
    res = ocr_engine.read_number(_gray(PAGE / "cell_35.png"), thai_digits=False)
    assert res.text == "3,500"
    script.overruled = {"1"}
    assert second_opinion_due(res.text, script)  # among the page's first checks
    script.checked = SECOND_OPINIONS
    assert not second_opinion_due(res.text, script)
    script.overruled = {"1", "3"}  # the check has put a 3 right on this page
    assert second_opinion_due(res.text, script)
