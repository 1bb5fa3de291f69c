"""The adaptive threshold every later step works on: ink darker than its
neighbourhood by a share of the page's contrast, within its paper's grain."""

from __future__ import annotations

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


def binarize_beside(gray: np.ndarray, clean: np.ndarray, binary: np.ndarray, rules: np.ndarray,
                    dpi: float) -> np.ndarray:
    """`binary` (`binarize` of `gray`) with the faint ink it missed beside
    the ruling lines (`rules`, 255), found again in `clean` (`gray` with the
    rules painted paper-white): a rule darkens the neighbourhood's mean by
    20-25 levels in a cell's corner (3-4 px of a rule 100 levels below the
    paper, in a block of 39), and the thin strokes of a light typewriter
    face at 200 dpi, 35-55 levels below the paper, fell under the cut
    there -- numbers sit right against the cell's right rule, and whole
    digits came out as a few pixels (read as blank or a dash).  Only the
    cores of faint strokes gain: a gained pixel lies nearer the darkest
    ink within a stroke's width of it than its paper (else it is the
    blurred fringe of darker ink: a speck grew from 9 x 9 to 9 x 10 px and
    lost its solid shape, the loops of a blurred serif ๐ filled), and
    none lies next to a rule's mask (a blurred rule's edge is as dark as
    such a stroke: 1 x 8 px slivers read as 1)."""
    block = _block(dpi)
    again = cv2.adaptiveThreshold(clean, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, _cut(gray))
    gained = cv2.subtract(cv2.subtract(again, binary), cv2.dilate(rules, np.ones((3, 3), np.uint8)))
    pts = cv2.findNonZero(gained)
    if pts is None:
        return binary
    xs, ys = pts.reshape(-1, 2).T
    reach = 2 * max(1, round(dpi / 150)) + 1
    darkest = cv2.erode(gray, np.ones((reach, reach), np.uint8))[ys, xs].astype(np.int32)
    paper = cv2.blur(clean, (block, block), borderType=cv2.BORDER_REPLICATE)[ys, xs].astype(np.int32)
    core = 2 * gray[ys, xs].astype(np.int32) <= paper + darkest
    out = binary.copy()
    out[ys[core], xs[core]] = 255
    return out


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
