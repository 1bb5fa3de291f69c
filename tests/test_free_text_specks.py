"""Stray specks in the text above and below the tables (seed 9494 plan 20,
Tlwg Typist bold at 300 dpi): painted paper before the block is read, as
in a text cell, and a label's colon, set a wide monospace space apart from
its word, kept."""

from __future__ import annotations

from pathlib import Path

import cv2

CROPS = Path(__file__).parent / "data" / "free_text"


def _lines(name: str) -> list[str]:
    from pipeline.extract.scan.free_text import _read_crop
    from pipeline.ocr import get_engine

    crop = cv2.imread(str(CROPS / name), cv2.IMREAD_GRAYSCALE)
    return [line.text for line in _read_crop(crop, (0, 0), 1, get_engine())]


def test_a_speck_over_a_bold_line_no_longer_costs_it_letters() -> None:
    # a speck a line's height above ของสำนักงานเกษตรจังหวัดราชบุรี made
    # Tesseract read "ของสำนักงานเ 0จังหวัดราชบุรี"
    assert "ของสำนักงานเกษตรจังหวัดราชบุรี" in _lines("typist_bold_office_speck.png")


def test_the_labels_keep_their_colons() -> None:
    lines = _lines("typist_label_colons.png")
    assert [line.split(":")[0].split() for line in lines[:3]] == [
        ["(๑)", "แผนงาน"], ["(๒)", "ผลผลิต/โครงการ"], ["(๓)", "กิจกรรมหลัก"]], lines
