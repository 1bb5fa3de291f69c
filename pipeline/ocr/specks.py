"""Specks of dirt on a number crop: solid blots thicker and darker than the
crop's own strokes.

A speck touching a glyph changes its shape: on scan20b's Thai-digit plans
(300 dpi) 19 of 40 wrong number cells had one on or beside a digit (a
Sawasdee ๕ with a speck under it read ๘ or ๑, a Norasi ๗ read ๙, a lone ๒
with a speck at its head ๖).  Measured on the crop itself: its strokes'
half-width is the median distance-to-paper along their ridges; a speck's
middle lies `THICK` times that deep in the ink, and stays darker than the
strokes do -- blur greys a thin stroke's core but not a solid blot's (the
head of a Thai digit is as thick, not as dark: its middle was 0.6-2 times
as light as the strokes, a speck's 0.03-0.36).  A scan whose strokes print
as black as its dirt shows no speck here, and is read as it was."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["speck_masks", "without"]

THICK = 2.0  # a speck's middle lies this many stroke half-widths deep in the ink
DARK = 0.5  # ... and its grey is below this share of the strokes' (0 = black)


def speck_masks(image: np.ndarray) -> list[np.ndarray]:
    """The specks of a prepared (black on white) crop, one mask each: the
    ink within the speck's own depth of its middle."""
    g = np.asarray(image)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = g < thr
    depth = cv2.distanceTransform(ink.astype(np.uint8), cv2.DIST_L2, 3)
    ridge = (depth >= cv2.dilate(depth, np.ones((3, 3), np.uint8))) & ink
    if not ridge.any():
        return []
    half = float(np.median(depth[ridge]))
    if half <= 0:
        return []
    n, lab = cv2.connectedComponents((depth >= THICK * half).astype(np.uint8), connectivity=8)
    out = []
    for k in range(1, n):
        middle = lab == k
        reach = int(2 * float(depth[middle].max()) + 3)
        disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))
        blot = (cv2.dilate(middle.astype(np.uint8), disc) > 0) & ink
        strokes = ridge & ~blot
        if strokes.any() and np.median(g[middle]) < DARK * np.median(g[strokes]):
            out.append(blot)
    return out


def without(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The crop with `mask` (and a pixel around it) painted paper-white."""
    out = np.array(image, copy=True)
    out[cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    return out
