"""Crops made the way Tesseract's LSTM reads them best: grey stretched to
paper-white and ink-black, scaled to a working height, padded with white."""

from __future__ import annotations

import threading
from collections import OrderedDict

import cv2
import numpy as np

from pipeline.ocr.faint_points import restore_faint_points

# the height (pixels) Tesseract's LSTM reads best: small glyphs are scaled up
TARGET_HEIGHT = 40
PAD = 10
# number crops: ink height and white border (see `prepare_number`)
NUMBER_HEIGHT = 48
NUMBER_PAD = 12


def percentile_u8(img: np.ndarray, q: float) -> float:
    """np.percentile(img, q) of a uint8 image (linear interpolation), from
    its histogram: the same value at a fraction of the cost on cell-sized
    crops (np.percentile sorts; it took a third of the crop preparation)."""
    return percentiles_u8(img, (q,))[0]


def percentiles_u8(img: np.ndarray, qs: tuple[float, ...]) -> tuple[float, ...]:
    """`percentile_u8` for each of `qs`, from one histogram."""
    n = img.size
    counts = np.cumsum(cv2.calcHist([np.ascontiguousarray(img)], [0], None, [256], [0, 256]).ravel())
    out = []
    for q in qs:
        pos = q / 100.0 * (n - 1)
        lo = int(pos)
        v_lo = int(np.searchsorted(counts, lo, side="right"))
        if pos == lo:
            out.append(float(v_lo))
            continue
        v_hi = int(np.searchsorted(counts, lo + 1, side="right"))
        out.append(v_lo + (v_hi - v_lo) * (pos - lo))
    return tuple(out)


def stretch(img: np.ndarray, ink: float, gain: float) -> np.ndarray:
    """A uint8 image's tones moved to (tone - ink) * gain, clipped to
    0..255: the float32 arithmetic done once per tone (a 256-entry table),
    not once per pixel -- the same pixels at a fraction of the cost."""
    table = np.clip((np.arange(256, dtype=np.float32) - ink) * gain, 0, 255).astype(np.uint8)
    return cv2.LUT(img, table)


def prepare_crop(image: np.ndarray, pad: int = PAD, target_height: int | None = None) -> np.ndarray:
    """uint8 2-D, white padding, scaled so the ink is about `target_height`
    tall when it is smaller than that."""
    img = np.asarray(image)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY if img.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.size:
        # stretch paper to white and ink to black: padding with white around a
        # grey crop would otherwise draw a box that the OCR reads as a glyph
        paper = percentile_u8(img, 75)
        ink = float(img.min())
        if paper - ink >= 24:
            img = stretch(img, ink, 255.0 / (paper - ink))
    if target_height and 0 < img.shape[0] < target_height:
        f = target_height / img.shape[0]
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    if pad:
        img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return np.ascontiguousarray(img)


def prepare_number(image: np.ndarray, height: int = NUMBER_HEIGHT, pad: int = NUMBER_PAD) -> np.ndarray | None:
    """A number crop as Tesseract reads it best: ink found by Otsu, pieces
    that touch the crop's edge and look like rule remnants (thin, or spanning
    the crop) dropped, cut to the ink, contrast stretched with everything
    away from the ink painted white, scaled so the ink is `height` px tall,
    `pad` px of white around.  Measured on Umpush scans: eng + whitelist
    read '1' as '4' on the plain crop (19/622 cells), not on this one.
    None when no ink is left."""
    g = np.asarray(image)
    if g.ndim != 2 or g.size == 0 or min(g.shape) < 3:
        return None
    if g.dtype != np.uint8:
        g = np.clip(g, 0, 255).astype(np.uint8)
    img = _number_ink(g)
    if img is None:
        return None
    f = height / img.shape[0]
    if abs(f - 1) > 0.05:
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return np.ascontiguousarray(img)


# the last few crops' ink cut (`_number_ink`): a number crop is prepared
# again for the glyph readers (another border) and at a second scale; one
# memory per thread (a timed-out file's thread may still be reading)
_CUTS = threading.local()
_CUTS_KEPT = 8


def _number_ink(g: np.ndarray) -> np.ndarray | None:
    """`prepare_number` of a uint8 crop before scaling and padding (the crop
    cut to its number's ink, stretched, the rest white); remembered for the
    last few crops."""
    cuts: OrderedDict[tuple, np.ndarray | None] = _CUTS.__dict__.setdefault("kept", OrderedDict())
    key = (g.shape, g.tobytes())
    if key in cuts:
        cuts.move_to_end(key)
        return cuts[key]
    # (restoring a point darkens pixels already under the paper's tone to
    # no deeper than the ink: both tones stay as measured here)
    paper = percentile_u8(g, 75)
    ink = float(g.min())
    g = restore_faint_points(g, paper, ink)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    b = (g < thr).astype(np.uint8)
    n, lab, st, _ = cv2.connectedComponentsWithStats(b, connectivity=8)
    out = None
    if n > 1:
        hh, ww = b.shape
        x, y, w, h, a = (st[1:, i] for i in range(5))
        edge = (x == 0) | (y == 0) | (x + w == ww) | (y + h == hh)
        remnant = edge & ((h < 0.3 * hh) | (w > 0.9 * ww) | (h > 0.9 * hh))
        kept = (a >= 2) & ~remnant  # a 200 dpi point is 2-3 px
        if kept.any():
            # the kept pieces' box
            sl = (slice(int(y[kept].min()), int((y + h)[kept].max())), slice(int(x[kept].min()), int((x + w)[kept].max())))
            m = np.concatenate([[False], kept])[lab[sl]]
            out = stretch(g[sl], ink, 255.0 / max(1.0, paper - ink))
            out[cv2.dilate(m.astype(np.uint8), np.ones((3, 3), np.uint8)) == 0] = 255
    cuts[key] = out
    if len(cuts) > _CUTS_KEPT:
        cuts.popitem(last=False)
    return out
