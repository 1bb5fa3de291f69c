"""A header row's words read once per look.

A plan's month header row repeats the same two words (งาน | งบ) under
every month: on scan20b some 22 reads a page of the same few words in
identical cells.  A cell whose ink looks the same as two cells of its row
that read as the same sure word takes that reading; anything else is read.
"Looks the same" is measured on the two crops alone: the same ink box
size to a couple of pixels, and the same ink pixels but for the scanner's
ragged stroke edges (`_APART`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

# the share of two crops' ink (their union) that may differ, at the best
# of the nine one-pixel shifts: the same word printed twice differs by its
# strokes' ragged edges (0.11 of the ink at the median of scan20b's header
# rows, up to 0.26); a different word by whole strokes.  Ragged edges and a
# small stroke of its own overlap (Laksaman's ๓,๐๐๐ and ๑,๐๐๐ at 17 px:
# 0.14), so only the nearest look-alikes count: two words differing by a
# mark alone are no pair a header row prints side by side
_APART = 0.1


def _ink(crop: np.ndarray) -> np.ndarray:
    """The crop's ink (Otsu), tight to its box."""
    _, mask = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return mask.astype(bool)
    return mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(bool)


def _apart(a: np.ndarray, b: np.ndarray) -> float:
    """The share of two ink masks' union where they differ, centred on
    each other and at the best one-pixel shift (1.0 when their boxes
    differ in size by more than a stroke's ragged edge)."""
    (ha, wa), (hb, wb) = a.shape, b.shape
    slack = max(2, round(0.05 * max(ha, wa, hb, wb)))
    if abs(ha - hb) > slack or abs(wa - wb) > slack:
        return 1.0
    h, w = max(ha, hb) + 2, max(wa, wb) + 2

    def centred(m: np.ndarray) -> np.ndarray:
        out = np.zeros((h, w), bool)
        y, x = (h - m.shape[0]) // 2, (w - m.shape[1]) // 2
        out[y : y + m.shape[0], x : x + m.shape[1]] = m
        return out

    a, b = centred(a), centred(b)
    best = 1.0
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            moved = np.roll(b, (dy, dx), axis=(0, 1))
            union = np.count_nonzero(a | moved)
            if union:
                best = min(best, np.count_nonzero(a ^ moved) / union)
    return best


@dataclass(slots=True)
class _Seen:
    """A sure word reading and the ink it was read from."""

    ink: np.ndarray
    text: str
    confidence: float
    confirmed: bool = False  # a look-alike cell read the same on its own


@dataclass(slots=True)
class SameWords:
    """One table row's sure word readings, by the look of their ink.  A
    reading is lent out only once two look-alike cells have read the same
    on their own: one misread (Noto Sans Thai's งาน read 'จงาน' at 0.9 now
    and then) would otherwise stand for every cell that looks like it."""

    kept: list[_Seen] = field(default_factory=list)

    def find(self, crop: np.ndarray) -> tuple[str, float] | None:
        """The confirmed reading of a kept crop that looks like `crop`, if any."""
        ink = _ink(crop)
        for seen in self.kept:
            if seen.confirmed and _apart(seen.ink, ink) <= _APART:
                return seen.text, seen.confidence
        return None

    def keep(self, crop: np.ndarray, text: str, conf: float) -> None:
        """Remember a sure word reading of `crop`: it confirms a look-alike
        read the same, else waits for one."""
        ink = _ink(crop)
        for seen in self.kept:
            if seen.text == text and not seen.confirmed and _apart(seen.ink, ink) <= _APART:
                seen.confirmed = True
                return
        self.kept.append(_Seen(ink, text, conf))
