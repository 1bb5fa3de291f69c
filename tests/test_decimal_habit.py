"""A phone photo's lost decimal points (issue 9): on a plan that prints its
budgets with two decimals, a small point vanishes ('800.00' read 80000) or
the thousands comma reads as a point with the decimal point gone
('1,650.00' read 1.65000).  The readings below are Tesseract's of a
generated photo (seed 2718, plan 9, ~120 dpi); the column's own readings
show the habit and give the point back."""

from __future__ import annotations

from pipeline.extract.scan.decimal_habit import restore_decimals
from pipeline.model import Cell
from pipeline.normalize.numbers import parse_number


def _column(col: int, texts: list[str]) -> list[Cell]:
    return [Cell(row, col, text, 1, confidence=0.5) for row, text in enumerate(texts)]


# a month's budget column as read, and the work column beside it
BUDGET = ["งบ", "600.00", "80000", "1.65000", "1,400.00", "-", "850.00", "140000", "3.18000", "1,409.00"]
WORK = ["งาน", "4", "22", "143", "-", "8", "10000", "12", "3", "16"]


def _values(cells: list[Cell], col: int) -> list[float | None]:
    return [parse_number(c.text, ocr=True) for c in cells if c.col == col and c.row > 0]


def test_a_decimal_column_gets_its_lost_points_back():
    cells = restore_decimals(_column(3, BUDGET) + _column(2, WORK))
    assert _values(cells, 3) == [600.0, 800.0, 1650.0, 1400.0, 0.0, 850.0, 1400.0, 3180.0, 1409.0]


def test_a_count_column_beside_it_keeps_its_readings():
    # a column that shows no decimals of its own is left alone, though the
    # table's other columns print them
    cells = restore_decimals(_column(3, BUDGET) + _column(2, WORK))
    assert _values(cells, 2) == [4.0, 22.0, 143.0, 0.0, 8.0, 10000.0, 12.0, 3.0, 16.0]


def test_only_endings_the_column_prints_are_restored():
    # a column of '.00' never makes 800.09 of a misread 80009
    cells = restore_decimals(_column(1, ["600.00", "1,400.00", "850.00", "80009"]))
    assert cells[3].text == "80009"


def test_a_table_without_the_habit_is_left_alone():
    # a plan printing whole baht: a 5-digit amount stays as read
    texts = ["12,500", "80000", "1,650", "2,400.00"]
    assert [c.text for c in restore_decimals(_column(1, texts))] == texts


# a 300-dpi Garuda scan's budget column (seed 3030, plan 9, page 2): amounts
# print decimals only where they have satang; the totals row's number stands
# against the cell's right rule, which took its last 0 along ('630361.50'
# read 630361.5; in the next column '28951.50' read 28951.5C)
MIXED = ["งบ", "42000", "111500.50", "56551", "4250.50", "1050", "48250.50", "27500.50", "1500.50", "3951.50", "630361.5"]


def test_a_last_decimal_lost_against_the_rule_comes_back():
    cells = restore_decimals(_column(2, MIXED) + _column(6, MIXED[:-1] + ["28951.5C"]))
    assert [c.text for c in cells if c.row == len(MIXED) - 1] == ["630361.50", "28951.50"]
    assert [c.text for c in cells if c.row < len(MIXED) - 1] == (MIXED[:-1] * 2)


def test_one_decimal_is_left_alone_where_two_endings_fit():
    cells = restore_decimals(_column(2, MIXED[:-2] + ["3951.55", "630361.5"]))
    assert cells[-1].text == "630361.5"
