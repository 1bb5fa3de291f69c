"""A photo's body row whose description OCR reads as debris only stays a
row (`pipeline.normalize.activity_table.read_body_row`): dropping it shifted
every later row of a 909 photo by one seq (90 number cells scored wrong)."""

from __future__ import annotations

from pipeline.model import Cell
from pipeline.normalize.activity_table import ColumnLayout, N_NUMBER_COLS, read_body_row

LAYOUT = ColumnLayout(number_cols=list(range(1, 1 + N_NUMBER_COLS)))


def _row(description: str) -> list[Cell]:
    cells = [Cell(9, 0, description, 1, confidence=0.3)]
    return cells + [Cell(9, c, "", 1, confidence=0.99) for c in range(1, 1 + N_NUMBER_COLS)]


def test_a_description_read_as_debris_keeps_its_row():
    # a blurred Thai group row ("2 ติดตามและประเมินผล...") read as Latin
    # letters, which the debris filter empties; its cells hold no figures
    body = read_body_row(_row("Psionander"), LAYOUT)
    assert body is not None and body.numbers is None


def test_a_row_with_nothing_read_is_no_row():
    assert read_body_row(_row(""), LAYOUT) is None
    assert read_body_row(_row(" . "), LAYOUT) is None
