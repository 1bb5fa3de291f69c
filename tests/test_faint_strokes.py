"""Faint thin strokes beside the ruling lines are ink, a speck of dirt there
stays a speck (`pipeline.extract.scan.threshold.binarize_beside`): crops of
generated 200-dpi scans (rendered at 300 dpi, as the reader sees them)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.extract.scan import read_page_image

DATA = Path(__file__).parent / "data" / "faint"


def _texts(name: str) -> list[list[str]]:
    gray = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    page = read_page_image(gray, 1, 300.0, orientation=False)
    assert len(page.tables) == 1
    rows: dict[int, list] = {}
    for cell in page.tables[0].cells:
        rows.setdefault(cell.row, []).append(cell)
    return [[c.text for c in sorted(rows[r], key=lambda c: c.col)] for r in sorted(rows)]


def test_a_light_typewriter_face_keeps_the_digits_by_the_right_rule():
    # Tlwg Typist at 200 dpi: a lone 3 against its cell's right rule came
    # out as a few pixels (an empty cell), and 600.00 lost its last 0
    assert _texts("typist_200dpi.png") == [
        ["3", "600.00", "2", "400.00", "3", "600.00", "-"],
        ["-", "-", "-", "-", "-", "-", "10"],
        ["-", "-", "1", "-", "-", "-", "-"],
        ["3", "150.00", "3", "150.00", "3", "150.00", "-"],
    ]


def test_a_speck_of_dirt_by_a_rule_stays_an_empty_cell():
    from pipeline.extract.scan.cell_ink import cell_ink
    from pipeline.extract.scan.ruling import ruling
    from pipeline.extract.scan.threshold import binarize, binarize_beside

    assert all(text == "" for row in _texts("speck_by_rule_200dpi.png") for text in row)
    # the speck (9 x 9 px, 19 px under its cell's top rule) keeps its solid
    # square shape: the blurred fringe of dark ink gains no pixels
    gray = cv2.imread(str(DATA / "speck_by_rule_200dpi.png"), cv2.IMREAD_GRAYSCALE)
    binary = binarize(gray, 300.0)
    hmask, vmask, _hs, _vs = ruling(binary, 300.0)
    lines = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((3, 3), np.uint8))
    ink = cv2.subtract(binarize_beside(gray, binary, lines, 300.0), lines)
    assert cell_ink(ink, gray, 375, 80, 486, 155, 300.0).kind == "speck"
