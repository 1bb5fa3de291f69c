"""Scanner dirt beside a cell's dash or digits is no second line of glyphs
(`pipeline.extract.scan.cell_ink`'s `stroke`): cells of dev seed 4242's
plans scanned at 200 dpi (read at 300), each a dash or a number with a
solid block of dirt below it or on the cell's rule.  The dirt made a
second band and the cell read empty; measured against the table's own
stroke width (its dashes' height: 4-5 px on those pages) it drops out."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.extract.scan.cell_ink import Ink, cell_ink, table_stroke

DPI = 300.0
DATA = Path(__file__).parent / "data" / "cells"


def _cell(name: str, stroke: float | None) -> Ink:
    gray = cv2.imread(str(DATA / f"{name}_gray.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.imread(str(DATA / f"{name}_ink.png"), cv2.IMREAD_GRAYSCALE)
    return cell_ink(ink, gray, 0, 0, gray.shape[1], gray.shape[0], DPI, stroke=stroke)


@pytest.mark.parametrize("name,stroke", [("garuda_dash_dirt_on_rule", 5.0), ("kinnari_dash_dirt_on_rule", 4.0),
                                         ("umpush_dash_dirt_on_rule", 5.0)])
def test_dirt_on_the_rule_beside_a_dash_leaves_the_dash(name, stroke):
    assert _cell(name, None).bands == 2
    info = _cell(name, stroke)
    assert info.kind == "dash", name
    assert info.box[3] - info.box[1] <= 6


@pytest.mark.parametrize("name", ["garuda_digits_thick_dirt_below", "garuda_one_thick_dirt_below"])
def test_thick_dirt_below_a_number_leaves_one_line(name):
    assert _cell(name, None).bands == 2
    info = _cell(name, 5.0)
    assert info.kind == "content" and info.bands == 1 and info.main_bands == 1


def test_the_table_stroke_is_its_dashes_height():
    dashes = [(None, Ink("dash", (0, 0, 11, 5), 1, 1)) for _ in range(6)]
    digits = [(None, Ink("content", (0, 0, 30, 16), 1, 3, (0, 0, 30, 16), 1)) for _ in range(6)]
    assert table_stroke(dashes + digits) == 5.0
    # too few dashes among the blank cells to measure by
    assert table_stroke(dashes[:2] + [(None, Ink("empty"))] * 10) is None
