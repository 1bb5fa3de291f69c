"""A table's dashes measured among its short marks.  Waree at 200 dpi read
at 300 (seed 4141 plan 1, page 1): of its dashes, 213 measured 5-7 x 3-4
px, below a glyph's size (`short_dash`), and 5 measured 7-8 px
(`dash`).  By those 5 alone a 5-px dash was a speck: 29 cells read empty
where the plan printed a dash."""

from __future__ import annotations

from pathlib import Path

import cv2

from pipeline.extract.scan.cell_ink import Ink, cell_ink, settle_specks
from pipeline.extract.scan.page import _Layout, _margin
from pipeline.extract.scan.table import cell_inside

DATA = Path(__file__).parent / "data" / "dashes"


def _mark(kind: str, w: int, h: int = 4) -> Ink:
    return Ink(kind, (100, 50, 100 + w, 50 + h), 1, 1)


def _glyphs(n: int) -> list[Ink]:
    return [Ink("content", (90, 40, 110, 58), 1, 2, (90, 40, 110, 58), 1) for _ in range(n)]


def test_short_marks_in_most_blank_cells_are_the_tables_dashes() -> None:
    # the page's counts: 5 glyph-sized dashes, short marks 152 x 6 px,
    # 31 x 7, 29 x 5, 1 x 9; 211 cells empty, 282 with figures
    marks = ([_mark("dash", 8)] * 3 + [_mark("dash", 7)] * 2 + [_mark("short_dash", 6) for _ in range(152)]
             + [_mark("short_dash", 7) for _ in range(31)] + [_mark("short_dash", 5) for _ in range(29)]
             + [_mark("short_dash", 9)])
    found = [(None, info) for info in marks + [Ink("empty") for _ in range(211)] + _glyphs(282)]
    settle_specks(found)
    assert [info.kind for _gc, info in found[: len(marks)]] == ["dash"] * len(marks)


def test_a_few_short_specks_stay_specks_where_the_table_prints_long_dashes() -> None:
    # dirt in a few blank cells of a table whose dashes are 12 px long
    marks = [_mark("dash", 12, 3) for _ in range(60)] + [_mark("short_dash", 5) for _ in range(8)]
    found = [(None, info) for info in marks + [Ink("empty") for _ in range(40)] + _glyphs(100)]
    settle_specks(found)
    assert [info.kind for _gc, info in found[60:68]] == ["empty"] * 8
    assert {info.kind for _gc, info in found[:60]} == {"dash"}


def test_dashes_blur_made_square_are_dashes_among_the_tables_dashes() -> None:
    # Laksaman at 200 dpi read at 300 (seed 4141 plan 6, page 1, row 1.1.2,
    # Jan-May): every cell prints a dash; three measure 5 x 5 or 6 x 5 px
    # (the rest 6-7 x 4), as square as a speck, and read empty
    assert _settled_row("laksaman_200dpi_row.png") == ["dash"] * 8


def _settled_row(name: str) -> list[str]:
    """The kinds of the cells of a one-row crop of a table, as the table
    settles them."""
    found = _cells(DATA / name)
    settle_specks(found)
    return [info.kind for _gc, info in found]


def _cells(path: Path) -> list[tuple]:
    """(grid cell, what it holds) of the one table of a crop, unsettled."""
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    layout = _Layout.of(gray, 300)
    (grid,) = layout.grids
    H, W = layout.ink.shape
    return [(gc, cell_ink(layout.ink, gray, *cell_inside(gc, _margin(300), W, H), 300)) for gc in grid.cells]


def test_square_specks_are_empty_where_the_tables_dashes_are_long() -> None:
    # 300 dpi: dashes 12 x 3 px, dirt 5 x 5 px in blank cells
    marks = [_mark("dash", 12, 3) for _ in range(60)] + [_mark("square_dash", 5, 5) for _ in range(20)]
    found = [(None, info) for info in marks + [Ink("empty") for _ in range(40)] + _glyphs(100)]
    settle_specks(found)
    assert [info.kind for _gc, info in found[60:80]] == ["empty"] * 20
    # and where the table prints no dashes at all
    found = [(None, _mark("square_dash", 6, 5)) for _ in range(30)] + [(None, g) for g in _glyphs(100)]
    settle_specks(found)
    assert {info.kind for _gc, info in found[:30]} == {"empty"}


def test_a_blurred_dash_a_little_short_is_a_dash_level_with_its_rows() -> None:
    # Norasi at 200 dpi read at 300 (seed 4141 plan 8, page 1, row 1.1.1,
    # Oct-Mar): the table's dashes measure 5-8 x 4 px, short marks all (153
    # against 2 glyph-sized); the last of these cells prints one blurred to
    # 4 x 4 px, under 0.7 of their length, level with ten more in its row
    assert _settled_row("norasi_200dpi_row.png") == ["dash"] * 11


def test_short_specks_level_in_a_row_stay_specks_by_glyph_sized_dashes() -> None:
    # a photo's table: rule ends and specks (5 px) level in a row, among
    # more glyph-sized dashes (8 px) than short marks -- no blur shortened
    # its dashes, so a mark under 0.7 of theirs is no dash
    row = [Ink("short_dash", (10 * k, 50, 10 * k + 5, 54), 1, 1) for k in range(6)]
    found = ([(_Row(1), info) for info in row] + [(_Row(2), _mark("dash", 8)) for _ in range(30)]
             + [(_Row(3), Ink("empty")) for _ in range(20)] + [(_Row(4), g) for g in _glyphs(60)])
    settle_specks(found)
    assert {info.kind for _gc, info in found[:6]} == {"empty"}


class _Row:
    """A grid cell's row, all `settle_specks` asks of it."""

    def __init__(self, row: int) -> None:
        self.row = row


def test_a_small_solid_glyph_in_line_with_its_rows_and_columns_figures_is_a_glyph() -> None:
    # Tlwg Typist at 300 dpi (seed 9191 plan 2, page 1): a lone ๑ is a
    # solid blob 10 x 9 px (a speck's shape) by figures 12 px tall, standing
    # on its row's baseline and ending where its column's figures end; 10
    # such cells of the plan read empty.  Dirt of that size off the line
    # stays empty.
    found = []
    for row in range(6):
        for col in range(4):
            x1, y1 = 200 + 100 * col, 60 + 40 * row  # right-aligned figures on each row's baseline
            found.append((_Cell(row, col), Ink("content", (x1 - 30, y1 - 12, x1, y1), 1, 2, (x1 - 30, y1 - 12, x1, y1), 1)))
    in_line = Ink("speck", (290, 171, 300, 180), 1, 1, (290, 171, 300, 180), 1)  # row 3, column 1
    off_line = Ink("speck", (270, 205, 280, 214), 1, 1, (270, 205, 280, 214), 1)  # row 4, column 1
    found[3 * 4 + 1] = (_Cell(3, 1), in_line)
    found[4 * 4 + 1] = (_Cell(4, 1), off_line)
    settle_specks(found)
    assert (in_line.kind, off_line.kind) == ("content", "empty")


class _Cell(_Row):
    def __init__(self, row: int, col: int) -> None:
        super().__init__(row)
        self.col = col
