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


# a work column and a budget column of a plan printing whole numbers, as
# read from 300-dpi scans: a speck or a comma read as a point put one where
# the column prints none (seed 9999 plan 16, Norasi: ๒๔ read ๒.๔; seed 9898
# plan 10, Tlwg Typo: ๒๐๐๐ read ๒๐.๐๐; seed 9999 plan 18, Sawasdee:
# ๑๕,๐๐๐ read ๑๕.๐.๐๐; seed 9696 plan 5, Noto Sans Thai: 600 read 60.0)
WHOLE_WORK = ["งาน", "๑๒", "๒.๔", "๕", "-", "๗", "๙", "๑๑", "๘"]
WHOLE_BUDGET = ["งบ", "๒,๔๐๐", "๑,๖๕๐", "๘๐๐", "๑๒,๕๐๐", "๓,๐๐๐", "๙๐๐", "๔,๒๕๐"]


def test_a_column_printing_no_decimals_drops_a_stray_point():
    cells = restore_decimals(_column(2, WHOLE_WORK) + _column(3, WHOLE_BUDGET + ["๑๕.๐.๐๐"])
                             + _column(5, WHOLE_BUDGET + ["๒๐.๐๐"]) + _column(7, WHOLE_BUDGET + ["60.0"]))
    assert [c.text for c in cells if c.col == 2][2] == "๒๔"
    assert [c.text for c in cells if c.row == len(WHOLE_BUDGET) and c.col > 2] == ["๑๕,๐๐๐", "๒,๐๐๐", "600"]


def test_a_point_the_column_shows_elsewhere_stays():
    # amounts printed with satang where they have any (MIXED above), a
    # half as 0.5, and a column with too few whole readings to tell
    mixed = MIXED[:-1] + ["1.0"]
    assert [c.text for c in restore_decimals(_column(2, mixed))] == mixed
    half = ["งาน", "12", "0.5", "3", "4", "5"]
    assert [c.text for c in restore_decimals(_column(2, half))] == half
    few = ["งาน", "12", "2.4", "3"]
    assert [c.text for c in restore_decimals(_column(2, few))] == few


def test_a_run_of_separators_is_one_mark():
    # seed 5353 plan 19 (Tlwg Typo): 5,000 read 5,.000, a speck by the comma
    from pipeline.extract.scan.number_text import strip_number

    assert strip_number("5,.000") == "5,000"
