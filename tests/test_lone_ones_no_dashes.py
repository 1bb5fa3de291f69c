"""A lone 1 whose pieces look like a dash stays a glyph
(`pipeline.extract.scan.cell_ink`).  Real cells of a fresh scan seed
(9999) at 300 dpi: a Tlwg Typo plan printed its 1s so faint that the
page's threshold broke each into a flat foot (or flag) and a stem, and
the flat piece was taken for a dash with dirt beside it (11 cells read
'-'); a Tlwg Typist plan's lone ๑ blurred into a 10 x 9 px blob whose
full rows were taken for a thick dash under a one-pixel speck."""

from __future__ import annotations

from pathlib import Path

import cv2

from pipeline.extract.scan.cell_ink import Ink, cell_ink, settle_specks

DATA = Path(__file__).parent / "data" / "cells"
DPI = 300.0


def _cell(name: str) -> Ink:
    gray = cv2.imread(str(DATA / f"{name}_gray.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.imread(str(DATA / f"{name}_ink.png"), cv2.IMREAD_GRAYSCALE)
    return cell_ink(ink, gray, 0, 0, gray.shape[1], gray.shape[0], DPI)


def _settled(info: Ink, digit_h: int, dash: tuple[int, int]) -> str:
    """`info`'s kind among a table of digits `digit_h` tall and dashes `dash` (w, h)."""
    digits = [(None, Ink("content", (0, 0, 20, digit_h), 1, 2, (0, 0, 20, digit_h), 1)) for _ in range(9)]
    dashes = [(None, Ink("dash", (0, 0, dash[0], dash[1]), 1, 1)) for _ in range(9)]
    found = [(None, info), *digits, *dashes]
    settle_specks(found)
    return found[0][1].kind


def test_a_faint_lone_one_broken_from_its_foot_or_flag_is_a_glyph() -> None:
    # the stem (4 x 9 px) apart from its foot serif (7 x 2); the stem in
    # pieces none of a glyph's size over its foot; the stem with its foot
    # (7 x 9) apart from its flag (4 x 2).  The plan's dashes: 9 x 3 px
    for name in ("typo_lone_one_foot", "typo_lone_one_pieces", "typo_lone_one_flag"):
        info = _cell(name)
        assert info.kind == "content", name
        assert info.box[3] - info.box[1] >= 9, name  # the stem, not the foot alone
        assert _settled(info, 13, (9, 3)) == "content", name


def test_a_blurred_lone_thai_one_is_no_dash_under_a_speck() -> None:
    info = _cell("typist_lone_one_blob")
    assert info.kind != "speck_dash"
    assert info.box[3] - info.box[1] >= 9  # the whole blob
    # among the plan's digits (12 px) and dashes (9 x 3): a glyph
    assert _settled(info, 12, (9, 3)) == "content"
