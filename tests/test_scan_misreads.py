"""OCR slips of scanned tables that the reader puts right from what a plan
can say: the totals row's label with a lost parenthesis or a speck read as a
glyph, a Thai ๑ read as ๐ at the head of a number.  Each came from a scanned
plan of the accuracy corpus (seed 606)."""

from __future__ import annotations

import pytest

from pipeline.extract.scan.number_text import strip_number
from pipeline.model import Cell
from pipeline.normalize.activity_table import ColumnLayout, read_body_row


@pytest.mark.parametrize("label, totals", [
    ("(12) รวมแผนการใช้งบประมาณ (บาท)", True),
    ("(12 รวมแผนการใช้งบประมาณ (บาท)", True),  # ) lost
    ("5 (12) รวมแผนการใช้งบประมาณ (บาท)", True),  # a rule stub read as 5
    ("(12) .รวมแผนการใช้งบประมาณ (บาท)", True),  # a speck read as a point
    ("(๑๒) รวมแผนการใช้งบประมาณ", True),
    ("รวม", True),
    ("(12) ราษแผนการใช้งบประมาณ (um)", True),  # รวม misread at 200 dpi (seed 4242, Tlwg Typewriter)
    ("(12) รีวณแผนการใช้งบประมาณ (ure)", True),  # (seed 7717)
    ("(12] รวมแผนการใช้งบประมาณ (บาท)", True),  # ) read as a bracket
    ("(12| รวมแผนการใช้งบประมาณ (บาท)", True),  # ... or as a rule stub
    ("(12} ราษแผนการใช้งบประมาณ (um)", True),
    ("foe)รวมแผนการใช้งบประมาณ(บาท)", True),  # (๑๒) read as Latin (seed 6262 plan 3, Sawasdee at 200 dpi)
    ("(ole)รวมแผนการใช่รบประมาณ(บาท)", True),  # (plan 2, Purisa)
    ("1.2 รวมแผนการใช้งบประมาณ", False),  # a row code: no bracket
    ("12] รวมกลุ่มเกษตรกร", False),  # no "(": a row code and a speck
    ("1.2 จัดทำแผนการใช้งบประมาณ", False),
    ("5 รวมกลุ่มเกษตรกร", False),  # a row code, not the totals
    ("12 รวมกลุ่มเกษตรกร", False),
    ("1.2 รวบรวมข้อมูล", False),
])
def test_totals_row_label(label: str, totals: bool) -> None:
    layout = ColumnLayout(list(range(1, 27)))
    body = read_body_row([Cell(0, 0, label, 1), Cell(0, 1, "535", 1)], layout)
    assert body is not None and body.is_totals is totals


@pytest.mark.parametrize("read, number", [
    ("๐๓,๗๐๐", "๑๓,๗๐๐"),  # Tlwg Typewriter's ๑ with its tail blurred away
    ("๐,๐๐๐", "๑,๐๐๐"),
    ("๐.๐๐๐", "๑,๐๐๐"),  # seed 9393 plan 8 (Sawasdee): its comma read as a point too
    ("๐๒", "๑๒"),
    ("๐", "๐"),  # a lone zero stays
    ("๐.๕", "๐.๕"),  # and a decimal fraction
    ("05", "05"),  # Arabic digits: no such look-alike pair
])
def test_thai_leading_zero_is_one(read: str, number: str) -> None:
    assert strip_number(read) == number
