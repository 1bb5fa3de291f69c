"""A phone photo's rounded dashes and rule hairlines are no values
(`pipeline.extract.scan.cell_ink`): drawn cells at 300 dpi, blurred about
as much as a photo upsampled from ~110 dpi."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from pipeline.extract.scan.cell_ink import Ink, cell_ink, settle_specks
from pipeline.extract.scan.threshold import binarize

DPI = 300.0
W, H = 60, 40  # one cell, pixels


def _kinds(gray: np.ndarray, ink: np.ndarray) -> list[str]:
    """The settled kind of each of the ten cells in a row."""
    found = [(k, cell_ink(ink, gray, 10 + k * W, 10, 10 + (k + 1) * W, 10 + H, DPI)) for k in range(10)]
    settle_specks(found)
    return [info.kind for _k, info in found]


def _page(odd_cell) -> tuple[np.ndarray, np.ndarray]:
    """Ten cells: '12' in the even ones, `odd_cell(img, x0, y0)` in the odd ones."""
    img = np.full((H + 20, 10 * W + 20), 255, np.uint8)
    for k in range(10):
        x0, y0 = 10 + k * W, 10
        if k % 2:
            odd_cell(img, x0, y0)
        else:
            cv2.putText(img, "12", (x0 + 20, y0 + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    gray = cv2.GaussianBlur(img, (0, 0), 1.3)
    return gray, binarize(gray, DPI)


def test_a_dash_the_blur_made_round_is_empty():
    gray, ink = _page(lambda img, x0, y0: cv2.ellipse(img, (x0 + 45, y0 + 20), (4, 3), 0, 0, 360, 0, -1))
    kinds = _kinds(gray, ink)
    assert kinds[1::2] == ["empty"] * 5
    assert kinds[0::2] == ["content"] * 5


def test_a_hairline_along_a_side_is_no_glyph():
    gray, ink = _page(lambda img, x0, y0: None)
    for k in range(10):
        # what a rule's bent edge leaves in the ink mask: one pixel wide, one inside the cell
        ink[15:45, 10 + (k + 1) * W - 2] = 255
    kinds = _kinds(gray, ink)
    assert kinds[1::2] == ["empty"] * 5
    assert kinds[0::2] == ["content"] * 5


def test_a_dash_the_blur_made_thick_is_a_dash_where_the_table_prints_such_dashes():
    # (Purisa at 104 dpi: the table's dashes 23 x 8 px, some a pixel thicker)
    def dashes(thick: int):
        def draw(img, x0, y0):
            cv2.rectangle(img, (x0 + 30, y0 + 16), (x0 + 52, y0 + 16 + thick), 0, -1)
        return draw

    gray, ink = _page(dashes(5))  # 25 x 8 px
    found = [(k, cell_ink(ink, gray, 10 + k * W, 10, 10 + (k + 1) * W, 10 + H, DPI)) for k in range(10)]
    thick_gray, thick_ink = _page(dashes(6))  # 25 x 9 px
    # a second row of the same table: five dashes drawn thicker
    found += [(10 + k, cell_ink(thick_ink, thick_gray, 10 + k * W, 10, 10 + (k + 1) * W, 10 + H, DPI))
              for k in range(1, 10, 2)]
    assert {info.kind for _k, info in found[10:]} == {"thick_dash"}
    settle_specks(found)
    assert [info.kind for _k, info in found[10:]] == ["dash"] * 5
    assert [info.kind for _k, info in found[1:10:2]] == ["dash"] * 5


def test_a_thick_flat_mark_is_content_where_the_table_prints_no_dashes():
    gray, ink = _page(lambda img, x0, y0: cv2.rectangle(img, (x0 + 30, y0 + 16), (x0 + 52, y0 + 22), 0, -1))
    assert _kinds(gray, ink)[1::2] == ["content"] * 5


def test_a_photos_paper_texture_is_no_faint_dash():
    # a blank cell of a generated phone photo (seed 5858 plan 7, 135 dpi,
    # flattened and upsampled): its paper is clipped white and keeps a
    # faint texture 12-17 levels below it, which the cell's own gray took
    # for a dash in blank cells (61 of them on that page)
    from pathlib import Path

    gray = cv2.imread(str(Path(__file__).parent / "data" / "digits" / "photo_blank_cell.png"), cv2.IMREAD_GRAYSCALE)
    h, w = gray.shape
    assert cell_ink(np.zeros_like(gray), gray, 2, 2, w - 2, h - 2, DPI).kind == "empty"


def test_a_short_dash_beside_a_square_speck_is_a_dash():
    # cells of a Laksaman plan scanned at 300 dpi: a dash of 6-7 x 3 px and a
    # speck of dirt of 4 x 3 px (flat enough to pass for a short dash on its
    # own) above it or apart from it; the cell read empty
    from pathlib import Path

    data = Path(__file__).parent / "data" / "cells"
    for name, width in (("laksaman_dash_speck_apart", 6), ("laksaman_dash_speck_above", 7)):
        gray = cv2.imread(str(data / f"{name}_gray.png"), cv2.IMREAD_GRAYSCALE)
        ink = cv2.imread(str(data / f"{name}_ink.png"), cv2.IMREAD_GRAYSCALE)
        info = cell_ink(ink, gray, 0, 0, gray.shape[1], gray.shape[0], DPI)
        assert info.kind == "short_dash", name
        assert info.box[2] - info.box[0] == width, name


def test_a_blurred_short_dash_beside_specks_is_a_dash():
    # cells of a Noto Sans Thai plan scanned at 300 dpi (scan20b): a dash
    # the blur made 7 x 5 px (the table's dashes: 8 px long) with a speck
    # of 4 x 3 px below it or apart from it; no flatter than a lone short
    # dash must be, it was refused beside the speck and the cell read empty
    from pathlib import Path

    data = Path(__file__).parent / "data" / "cells"
    for name in ("notosans_dash_speck_below", "notosans_dash_specks_apart"):
        gray = cv2.imread(str(data / f"{name}_gray.png"), cv2.IMREAD_GRAYSCALE)
        ink = cv2.imread(str(data / f"{name}_ink.png"), cv2.IMREAD_GRAYSCALE)
        info = cell_ink(ink, gray, 0, 0, gray.shape[1], gray.shape[0], DPI)
        assert info.kind == "short_dash", name
        assert info.box[2] - info.box[0] == 7, name
        digits = [(None, Ink("content", (0, 0, 30, 16), 1, 3, (0, 0, 30, 16), 1)) for _ in range(5)]
        dashes = [(None, Ink("dash", (0, 0, 8, 4), 1, 1)) for _ in range(5)]
        found = [(None, info)] + digits + dashes
        settle_specks(found)
        assert found[0][1].kind == "dash", name


def test_a_dash_with_a_speck_on_it_is_a_dash():
    # cells of Waree and Loma plans scanned at 300 dpi: a speck of dirt of
    # 5-6 px sitting on the dash made one blob of the two, read ๕ or ''
    from pathlib import Path

    data = Path(__file__).parent / "data" / "cells"
    for name in ("waree_dash_under_speck", "loma_dash_under_speck"):
        gray = cv2.imread(str(data / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
        h, w = gray.shape
        info = cell_ink(binarize(gray, DPI), gray, 4, 4, w - 4, h - 4, DPI)
        assert info.kind == "speck_dash", name
        assert info.box[3] - info.box[1] <= 5, name  # the dash alone
        # a table of such dashes and digits 17 px tall: a dash; of digits
        # as short as the blob (a blurred lone ๑): a glyph
        for digit_h, kind in ((17, "dash"), (11, "content")):
            digits = [(None, Ink("content", (0, 0, 20, digit_h), 1, 1, (0, 0, 20, digit_h), 1)) for _ in range(5)]
            dashes = [(None, Ink("dash", (0, 0, 11, 3), 1, 1)) for _ in range(5)]
            found = [(None, dataclasses.replace(info))] + digits + dashes
            settle_specks(found)
            assert found[0][1].kind == kind, (name, digit_h)


def _ruled_cells(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The cells between the strip's ruling lines (rows and columns over 70 % dark)."""
    dark = gray < 128

    def gaps(share: np.ndarray) -> list[tuple[int, int]]:
        rules = np.nonzero(share > 0.7)[0]
        return [(int(a) + 1, int(b)) for a, b in zip(rules[:-1], rules[1:]) if b - a > 5]

    return [(x0, y0, x1, y1) for y0, y1 in gaps(dark.mean(axis=1)) for x0, x1 in gaps(dark.mean(axis=0))]


def test_bold_lone_digits_of_a_dash_shape_are_glyphs_where_the_table_prints_no_dashes():
    # four rows of a Tlwg Typist Thai-digit plan scanned at 300 dpi (seed
    # 9393): every work cell holds a lone ๑, ๒, ๓ or ๔, the bold ๑s and ๓s
    # blurred into 10-11 x 8 px marks of a dash's shape; zero is printed
    # as a blank, so the table shows no dash to compare them with (they
    # read '-': 77 of the plan's 650 number cells)
    from pathlib import Path

    gray = cv2.imread(str(Path(__file__).parent / "data" / "cells" / "typist_lone_digits_rows.png"),
                      cv2.IMREAD_GRAYSCALE)
    from pipeline.extract.scan.ruling import ruling

    binary = binarize(gray, DPI)
    hmask, vmask, _h, _v = ruling(binary, DPI)
    # the page's ink mask: binary and not the ruling lines (`scan.page`)
    ink = cv2.subtract(binary, cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((3, 3), np.uint8)))
    cells = _ruled_cells(gray)
    found = [(k, cell_ink(ink, gray, *box, DPI)) for k, box in enumerate(cells)]
    settle_specks(found)
    narrow = [info.kind for (_k, info), (x0, _y0, x1, _y1) in zip(found, cells) if x1 - x0 < 60]
    # 11 work cells in each of 4 rows; two ๑s blurred into specks stay
    # empty (a speck needs 0.8 of the glyphs' height: on a 200-dpi Typist
    # page, specks of dirt stand 0.6 of it); on the old rule 25 read '-'
    assert len(narrow) == 44
    assert narrow.count("content") == 42
