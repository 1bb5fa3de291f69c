"""Dotted leaders ("ลายมือชื่อผู้เสนอแผน ..........") found among a page's
ink pieces.

The signature blocks print a row of points where the signature goes.
Tesseract reads such a row as 30-40 characters of junk ("2222020202066",
"๑๑๑๑๑ cee 8"), which can swallow the block label after it on the same
line ("(๑๔) ผู้อนุมัติแผน") and runs into the fields parsed from the line;
reading it also costs time.  A leader is a row of point-sized pieces on one
baseline at an even pitch, which no Thai text makes (its small marks sit
over or under letters of different widths), so it is found from the pieces'
boxes alone and painted paper before the line is read.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

__all__ = ["leader_dots"]

MIN_DOTS = 6  # fewer points in a row is punctuation, an ellipsis at most
_PITCH_SPREAD = 0.25  # each gap within this share of the run's first gap


def leader_dots(boxes: np.ndarray, shape: tuple[int, int], dpi: float) -> np.ndarray:
    """Boolean mask (of `shape`) of the pieces (`boxes`: n x 4, x, y, w, h)
    that make dotted leaders, grown by a pixel or two to take their blurred
    edges."""
    out = np.zeros(shape, bool)
    if len(boxes) < MIN_DOTS:
        return out
    w, h = boxes[:, 2], boxes[:, 3]
    point = max(2.0, dpi / 25)
    # a printed point: small, about as wide as tall
    cand = np.nonzero((w <= point) & (h <= point) & (w <= 2 * h) & (h <= 2 * w))[0]
    if len(cand) < MIN_DOTS:
        return out
    # one baseline: bottoms within this of the row's first (whole pixels)
    tol = int(max(1.5, dpi / 150))
    bottoms = boxes[cand, 1] + boxes[cand, 3]
    order = cand[np.argsort(bottoms, kind="stable")]
    bottoms = (boxes[order, 1] + boxes[order, 3]).tolist()
    keep: list[int] = []
    start = 0
    while start < len(order):
        end = bisect_right(bottoms, bottoms[start] + tol)
        row = order[start:end]
        start = end
        if len(row) >= MIN_DOTS:
            row = row[np.argsort(boxes[row, 0] + boxes[row, 2] / 2)]
            keep += _even_runs(row, boxes[row, 0] + boxes[row, 2] / 2, dpi / 6)
    grow = max(1, int(round(dpi / 150)))
    for k in keep:
        x, y, bw, bh = boxes[k].tolist()
        out[max(0, y - grow) : y + bh + grow, max(0, x - grow) : x + bw + grow] = True
    return out


def _even_runs(row: np.ndarray, xs: np.ndarray, max_gap: float) -> list[int]:
    """The indices of `row` (sorted by x centre `xs`) in runs of at least
    `MIN_DOTS` pieces at an even pitch."""
    out: list[int] = []
    a = 0
    gaps = np.diff(xs).tolist()
    while a < len(row) - 1:
        # grow a run from `a` while each gap stays near the run's first gap
        pitch = gaps[a]
        b = a + 1
        while b < len(row) and pitch > 0 and gaps[b - 1] <= max_gap and abs(gaps[b - 1] - pitch) <= _PITCH_SPREAD * pitch:
            b += 1
        if b - a >= MIN_DOTS:
            out += row[a:b].tolist()
            a = b
        else:
            a += 1
    return out
