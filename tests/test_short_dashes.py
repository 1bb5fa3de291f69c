"""A table's dashes measured among its short marks.  Waree at 200 dpi read
at 300 (seed 4141 plan 1, page 1): of its dashes, 213 measured 5-7 x 3-4
px, below a glyph's size (`short_dash`), and 5 measured 7-8 px
(`dash`).  By those 5 alone a 5-px dash was a speck: 29 cells read empty
where the plan printed a dash."""

from __future__ import annotations

from pipeline.extract.scan.cell_ink import Ink, settle_specks


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
