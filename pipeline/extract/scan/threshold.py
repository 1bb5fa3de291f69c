"""The adaptive threshold every later step works on: ink darker than its
neighbourhood by a share of the page's contrast, within its paper's grain."""

from __future__ import annotations

import math

import cv2
import numpy as np

from pipeline.ocr.crops import percentile_u8


def odd(n: float) -> int:
    n = int(round(n))
    return n if n % 2 else n + 1


def binarize(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Ink = 255.  Adaptive mean threshold over ~1/8 inch: paper tone and
    texture vary across the page, so one global (Otsu) threshold does not."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _block(dpi),
                                 _cut(gray))


def binarize_beside(gray: np.ndarray, binary: np.ndarray, rules: np.ndarray, dpi: float) -> np.ndarray:
    """`binary` (`binarize` of `gray`) with the faint ink it missed beside
    the ruling lines (`rules`, 255), measured against the mean of the
    paper around it alone: a rule darkens the neighbourhood's mean by 20-25
    levels in a cell's corner (3-4 px of a rule 100 levels below the paper,
    in a block of 39), and the thin strokes of a light typewriter face at
    200 dpi, 35-55 levels below the paper, fell under the cut there --
    numbers sit right against the cell's right rule, and whole digits came
    out as a few pixels (read as blank or a dash).  Only the cores of faint
    strokes gain: a gained pixel lies nearer the darkest ink within a
    stroke's width of it than its paper (else it is the blurred fringe of
    darker ink: a speck grew from 9 x 9 to 9 x 10 px and lost its solid
    shape, the loops of a blurred serif ๐ filled), and none lies next to a
    rule's mask (a blurred rule's edge is as dark as such a stroke: 1 x 8 px
    slivers read as 1)."""
    paper = _paper_beside(gray, rules, dpi)
    # (as OpenCV's adaptive threshold cuts: darker than the mean by at
    # least the cut's whole levels)
    again = cv2.compare(gray, cv2.subtract(paper, math.floor(_cut(gray))), cv2.CMP_LE)
    gained = cv2.subtract(cv2.subtract(again, binary), cv2.dilate(rules, np.ones((3, 3), np.uint8)))
    pts = cv2.findNonZero(gained)
    if pts is None:
        return binary
    xs, ys = pts.reshape(-1, 2).T
    reach = 2 * max(1, round(dpi / 150)) + 1
    darkest = cv2.erode(gray, np.ones((reach, reach), np.uint8))[ys, xs].astype(np.float32)
    core = 2 * gray[ys, xs].astype(np.float32) <= paper[ys, xs].astype(np.float32) + darkest
    out = binary.copy()
    out[ys[core], xs[core]] = 255
    return out


def _paper_beside(gray: np.ndarray, rules: np.ndarray, dpi: float) -> np.ndarray:
    """The mean of the paper (the pixels off `rules`) over `binarize`'s
    block around each pixel, measured at half size (the mean is smooth;
    at full size it cost 0.1 s a page)."""
    h, w = gray.shape
    keep = cv2.compare(rules, 0, cv2.CMP_EQ)
    # (halved by area: each half-size pixel holds its four pixels' mean
    # paper tone and kept share, so their ratio stays exact; by a factor of
    # exactly 2, OpenCV's fast path: a size of w // 2 for an odd width made
    # the factor 2.0008 and the general path ten times slower, 25 ms a page)
    k2 = cv2.resize(keep, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    g2 = cv2.resize(cv2.bitwise_and(gray, keep), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    b2 = odd(_block(dpi) // 2)
    kept = cv2.boxFilter(k2, cv2.CV_32F, (b2, b2), normalize=False, borderType=cv2.BORDER_REPLICATE)
    tone = cv2.boxFilter(g2, cv2.CV_32F, (b2, b2), normalize=False, borderType=cv2.BORDER_REPLICATE)
    mean = cv2.divide(tone, np.maximum(kept, 1.0), scale=255.0)
    return cv2.resize(np.clip(mean + 0.5, 0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)


def _block(dpi: float) -> int:
    """The neighbourhood of the adaptive mean: ~1/8 inch."""
    return odd(max(15, dpi / 8))


def _cut(gray: np.ndarray) -> float:
    """How much darker than its neighbourhood ink is."""
    sample = gray[::4, ::4]
    paper = percentile_u8(sample, 50)
    ink = percentile_u8(sample, 0.5)
    # ink must be darker than its neighbourhood by a share of the page's
    # contrast (paper texture and noise stay out), but no more than the
    # paper's noise calls for: the page's contrast is its ruling lines', and
    # thin strokes of a light typewriter face are half as dark (a 0.22 share
    # lost the last digit by each rule and every dash)
    contrast = paper - ink
    return max(8.0, 0.1 * contrast, min(0.22 * contrast, 5.0 * _paper_noise(gray, paper)))


def _paper_noise(gray: np.ndarray, paper: float) -> float:
    """Standard deviation of the fine grain on bare paper (robust: the median
    absolute deviation from a small blur, where the blur is paper-bright),
    from the middle quarter of the page at half size (grain is the same all
    over; the whole page took 50 ms)."""
    h, w = gray.shape
    sm = gray[h // 4 : 3 * h // 4 : 2, w // 4 : 3 * w // 4 : 2].astype(np.float32)
    blur = cv2.GaussianBlur(sm, (0, 0), 2)
    bare = blur > paper - 12
    if not bare.any():
        return 0.0
    return 1.4826 * float(np.median(np.abs((sm - blur)[bare])))
