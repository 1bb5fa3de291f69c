"""A number's decimal point or comma that blur left faint, given back its
ink before the crop is cut to its ink.

A point is smaller than a scan's blur: at 200 dpi it prints as a 2-3 px
dot only a third to half as deep below the paper as the digits' strokes
(a light face: 20 levels against the strokes' 55), under the crop's Otsu
threshold, so `prepare_number` painted it white and Tesseract read
1000.00 as 100000 (one Sawasdee plan: 56 of 965 number cells).  Where
the glyphs' columns leave a gap, a small spot low in it -- darkest among
its neighbours, darker than the paper by a share of the strokes' depth,
the paper rising again between it and the glyphs on both sides (blur
bridging two bold glyphs' feet does not), and mostly missed by the Otsu
threshold -- is such a separator: its ink is stretched to the strokes'
depth (its own darkest pixel made as dark as theirs), so both readers see
the mark the page printed."""

from __future__ import annotations

import cv2
import numpy as np

DEPTH = 0.18  # a separator's darkest pixel: at least this share of the strokes' depth below the paper
BAND = 0.7  # the separators' band starts this far down the glyphs' height
SHARE = 0.25  # a separator's pixels: within this share of the way from its darkest pixel to the paper
APART = 0.15  # ... and the paper beside it, on its row, at least this share of the way back up to the paper's tone
SIZE = 0.4  # a separator is no wider or taller than this share of the glyphs' height


def restore_faint_points(g: np.ndarray, paper: float, ink: float) -> np.ndarray:
    """`g` (a uint8 number crop, its paper and darkest ink at those tones)
    with each faint separator's ink deepened to the strokes'; `g` itself
    when there is none."""
    depth = paper - ink
    if depth < 24:
        return g
    otsu, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    core = g < otsu
    rows = np.nonzero(core.any(axis=1))[0]
    if len(rows) == 0:
        return g
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    height = bottom - top
    band = top + int(round(BAND * height))
    glyph_cols = core[:band].any(axis=0)
    inked = np.nonzero(glyph_cols)[0]
    if len(inked) < 2:
        return g
    out = g
    for a, b in _gaps(glyph_cols, int(inked[0]), int(inked[-1]) + 1):
        if b - a < 2:
            continue
        # the gap's darkest pixel of its own: none of its neighbours, in
        # the gap or the glyphs' columns beside it, darker (a glyph's halo
        # darkens towards the glyph)
        spot = g[band:, a - 1 : b + 1]
        inner = spot[:, 1:-1]
        minima = np.where(cv2.erode(spot, np.ones((3, 3), np.uint8))[:, 1:-1] == inner, inner, 255)
        y, x = np.unravel_index(int(np.argmin(minima)), inner.shape)
        low = float(inner[y, x])
        if low > paper - DEPTH * depth:
            continue
        if not _apart(g[band + y], core[band + y], a + x, low + APART * (paper - low)):
            continue  # blur bridging two glyphs' feet, no mark of its own
        blob = _blob(inner < low + SHARE * (paper - low), int(y), int(x))
        ys, xs = np.nonzero(blob)
        if (xs.max() - xs.min() + 1 > SIZE * height or ys.max() - ys.min() + 1 > SIZE * height
                or 2 * int(core[band:, a:b][blob].sum()) >= len(ys)):
            continue  # too large for a separator, or dark enough already (a glyph's foot, a kept point)
        if out is g:
            out = g.copy()
        deep = ink + (inner.astype(np.float32) - low) * (paper - ink) / max(1.0, paper - low)
        out[band:, a:b][blob] = np.clip(deep[blob], 0, 255).astype(np.uint8)
    return out


def _apart(row: np.ndarray, core: np.ndarray, x: int, level: float) -> bool:
    """Whether the paper rises to `level` on both sides of column `x` of
    `row` before a glyph's ink (`core`) or the crop's edge."""
    for step in (-1, 1):
        i, top = x + step, 0.0
        while 0 <= i < len(row) and not core[i]:
            top = max(top, float(row[i]))
            i += step
        if top < level:
            return False
    return True


def _gaps(glyph_cols: np.ndarray, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of columns without a glyph's ink between `start` and `end`."""
    out, a = [], None
    for x in range(start, end):
        if not glyph_cols[x] and a is None:
            a = x
        elif glyph_cols[x] and a is not None:
            out.append((a, x))
            a = None
    return out


def _blob(mask: np.ndarray, y: int, x: int) -> np.ndarray:
    """The 8-connected piece of `mask` holding pixel (y, x)."""
    _n, lab = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    return lab == lab[y, x]
