"""A phone photo's rounded dashes and rule hairlines are no values
(`pipeline.extract.scan.cell_ink`): drawn cells at 300 dpi, blurred about
as much as a photo upsampled from ~110 dpi."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.scan.cell_ink import cell_ink, settle_specks
from pipeline.extract.scan.threshold import binarize

DPI = 300.0
W, H = 60, 40  # one cell, pixels


def _kinds(gray: np.ndarray, ink: np.ndarray) -> list[str]:
    """The settled kind of each of the ten cells in a row."""
    found = [(k, cell_ink(ink, gray, 10 + k * W, 10, 10 + (k + 1) * W, 10 + H, DPI)) for k in range(10)]
    settle_specks(found)
    return [info.kind for _k, info in found]


def _page(odd_cell) -> tuple[np.ndarray, np.ndarray]:
    """Ten cells: '12' in the even ones, `odd_cell(img, x0, y0)` in the odd ones."""
    img = np.full((H + 20, 10 * W + 20), 255, np.uint8)
    for k in range(10):
        x0, y0 = 10 + k * W, 10
        if k % 2:
            odd_cell(img, x0, y0)
        else:
            cv2.putText(img, "12", (x0 + 20, y0 + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    gray = cv2.GaussianBlur(img, (0, 0), 1.3)
    return gray, binarize(gray, DPI)


def test_a_dash_the_blur_made_round_is_empty():
    gray, ink = _page(lambda img, x0, y0: cv2.ellipse(img, (x0 + 45, y0 + 20), (4, 3), 0, 0, 360, 0, -1))
    kinds = _kinds(gray, ink)
    assert kinds[1::2] == ["empty"] * 5
    assert kinds[0::2] == ["content"] * 5


def test_a_hairline_along_a_side_is_no_glyph():
    gray, ink = _page(lambda img, x0, y0: None)
    for k in range(10):
        # what a rule's bent edge leaves in the ink mask: one pixel wide, one inside the cell
        ink[15:45, 10 + (k + 1) * W - 2] = 255
    kinds = _kinds(gray, ink)
    assert kinds[1::2] == ["empty"] * 5
    assert kinds[0::2] == ["content"] * 5
