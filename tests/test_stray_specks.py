"""Stray specks in a text cell: dirt clear of every glyph is painted paper
before OCR (Tesseract read it as letters after a line's last word: "' 1"
after "จำนวน 22 แห่ง", "ย" after "จำกัด"); the marks, points and the glyphs
themselves stay as they were."""

from __future__ import annotations

import numpy as np
import pytest

from tests.test_text_lines import FONT, _render

from pipeline.ocr.text_lines import without_stray_specks

pytestmark = pytest.mark.skipif(not FONT.is_file(), reason="Thai fonts (fonts-tlwg-laksaman) not installed")

LINES = ["สหกรณ์ภาคการเกษตร จำนวน 22 แห่ง", "สหกรณ์ 3 แห่ง = สหกรณ์ ธ.ก.ส. จำกัด"]


def _cell() -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The two lines with room right of them, and where the specks go:
    right of the first line's end (alone, and two side by side), and in
    the blank corner under the last line."""
    clean = _render(LINES, gap_px=200)
    h = clean.shape[0]
    right = int(np.nonzero((clean < 150).any(axis=0))[0].max())
    return clean, [(right + 50, 40), (right + 110, 55), (right + 118, 57), (right + 150, h - 12)]


def _specked(img: np.ndarray, at: list[tuple[int, int]]) -> np.ndarray:
    out = img.copy()
    for x, y in at:
        out[y : y + 4, x : x + 4] = 30
    return out


def test_specks_clear_of_the_text_are_painted_paper_and_nothing_else() -> None:
    clean, specks = _cell()
    got = without_stray_specks(_specked(clean, specks))
    for x, y in specks:
        assert got[y : y + 4, x : x + 4].min() >= 200, (x, y)
    # the text's pixels (its marks, the points of ธ.ก.ส., the = sign) are untouched
    text = clean < 150
    assert np.array_equal(got[text], clean[text])


def test_the_cleaned_cell_reads_without_junk() -> None:
    from pipeline.generate.score import fold
    from pipeline.ocr import get_engine

    clean, specks = _cell()
    specked = _specked(clean, specks)
    got = get_engine().read_text(without_stray_specks(specked)).text.split("\n")
    assert [fold(line) for line in got] == [fold(line) for line in LINES], got


def test_a_cell_of_one_speck_sized_mark_is_left_alone() -> None:
    # nothing glyph-sized to be clear of: a lone point or dash is the cell
    img = np.full((40, 60), 235, np.uint8)
    img[18:22, 28:32] = 30
    assert np.array_equal(without_stray_specks(img), img)


def test_a_speck_between_two_lines_is_stray() -> None:
    """Seed 9393 plan 13: a speck under the long line above, right of the
    short line's last word, was kept by the glyphs above it (within the
    reach meant for points beside a letter) and read after the word below
    as "7" ("...ทำนาเมือง 7").  A mark sits close over or under its
    letter; this speck half an x-height below the line above does not."""
    from pipeline.generate.score import fold
    from pipeline.ocr import get_engine

    lines = ["กลุ่มเกษตรกร 2 แห่ง = กลุ่มเกษตรกรทำนาบางแก้ว", "กลุ่มเกษตรกรทำนาเมือง"]
    clean = _render(lines)
    ink = clean < 150
    right = int(np.nonzero(ink[int(clean.shape[0] * 0.55) :].any(axis=0))[0].max())  # the short line's end
    x = right + 120
    below = int(np.nonzero(ink[: int(clean.shape[0] * 0.55), x - 20 : x + 20].any(axis=1))[0].max())
    y = below + 14  # ~0.55 x-height under the long line's ink there
    specked = _specked(clean, [(x, y)])
    got = without_stray_specks(specked)
    assert got[y : y + 4, x : x + 4].min() >= 200
    assert np.array_equal(got[ink], clean[ink])
    read = get_engine().read_text(got).text.split("\n")
    assert [fold(line) for line in read] == [fold(line) for line in lines], read
