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
    block = odd(max(15, dpi / 8))
    sample = gray[::4, ::4]
    paper = percentile_u8(sample, 50)
    ink = percentile_u8(sample, 0.5)
    # ink must be darker than its neighbourhood by a share of the page's
    # contrast (paper texture and noise stay out), but no more than the
    # paper's noise calls for: the page's contrast is its ruling lines', and
    # thin strokes of a light typewriter face are half as dark (a 0.22 share
    # lost the last digit by each rule and every dash)
    contrast = paper - ink
    c = max(8.0, 0.1 * contrast, min(0.22 * contrast, 5.0 * _paper_noise(gray, paper)))
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, c)


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
