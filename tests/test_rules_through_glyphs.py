"""A figure that fills its cell runs into the cell's rule; painting the
rule out must not take the figure's edge with it
(`pipeline.extract.scan.ruling.glyph_crossings`).  The crop is the end of
the activity table of a generated Garuda plan scanned at 300 dpi (scan
benchmark, seed 9898, plan 15, page 3): every amount of its totals row ends
in a 0 whose right side lies under the right rule, and the reader had taken
them for 'C' or dropped them (24,10C, 257.40)."""

from __future__ import annotations

from pathlib import Path

import cv2

from pipeline.extract.scan import read_page_image

CROP = Path(__file__).parent / "data" / "rules" / "garuda_totals_300dpi.png"


def test_a_zero_under_its_cells_rule_keeps_its_right_side():
    page = read_page_image(cv2.imread(str(CROP), cv2.IMREAD_GRAYSCALE), 1, 300.0, orientation=False)
    assert len(page.tables) == 1
    rows: dict[int, list] = {}
    for cell in page.tables[0].cells:
        rows.setdefault(cell.row, []).append(cell)
    texts = [[c.text for c in sorted(rows[r], key=lambda c: c.col)] for r in sorted(rows)]
    assert texts == [
        # the activity above: nothing in it touches a rule, and it reads as before
        ["8", "20,000", "-", "-", "-", "-", "2", "5,000", "3", "7,500", "-"],
        # the totals row (12)
        ["276", "257,400", "23", "31,200", "22", "24,100", "42", "48,800", "17", "14,550", "8"],
    ]
