"""๐ and ๑ told apart by a table's own glyphs, taught by where they stand.

A ๑ is a ๐ with a small curl inside.  Blurred at 200 dpi, some faces'
๐s (Norasi, Tlwg Typist: 9-10 px rings) lie nearer an installed font's ๑
or ๗ than any ๐ -- the nearest templates were bold faces' -- and the page's
sure glyphs (`PageGlyphs`) are too few to overrule them: seed 4141's Norasi
plan had 21 sure glyphs of 1,769, and 143 number cells with a ๐ read ๑, 107
read ๗.  Yet the table teaches its own two shapes, without a template: a
number's first glyph before a digit or a comma is never ๐ (`leading_slot`:
its ๑s), and the later glyphs the templates read ๐ with some margin
(`ZERO_MARGIN`) are its ๐s.  A linear discriminant between the two
(shrinkage LDA, `two_class_lda`) decides every other glyph of the table
read ๐ or ๑; and a glyph read ๗ with a ๐ template near goes to ๐ where it
lies as deep on the ๐ side as the taught ๐s but their least-๐-like tenth
(`SEVEN_DEPTH`: a real ๗ is neither shape, and just past the midpoint a
300-dpi ๑๗ read ๑๐).  Lone glyphs stay as read (a Sawasdee page's lone ๑s
went to ๐).  On the recorded glyphs of seed 4141's ten Thai-digit plans:
at 200 dpi 3,187 -> 3,286 of 3,603 number cells right, none spoilt; at 300
dpi 3,736 -> 3,736; five 300-dpi corpora (39 plans) 9,624 -> 9,638.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipeline.ocr.glyph_templates import two_class_lda
from pipeline.ocr.thai_digits import LastRead, leading_slot

__all__ = ["split_zero_one"]

ZERO_MARGIN = 0.3  # a later glyph the templates read ๐ this surely teaches the table's ๐
MIN_EACH = 8  # the table shows this many of each shape before it decides any
SHRINK = 0.5  # the discriminant's covariance shrinkage (577 features, a few hundred glyphs)
SEVEN_DEPTH = 90  # the percentile of the taught ๐s' scores a ๗ must lie at or below to go to ๐

Read = tuple[LastRead, float, list[str]]  # the glyphs, their height, their digits as settled


def split_zero_one(reads: Sequence[Read]) -> list[list[str]]:
    """Each reading's glyphs (its `out`) with the ๐/๑ of its later glyphs
    decided by the table's own (see above); as they were when the table
    shows fewer than `MIN_EACH` of either shape."""
    ones, zeros = _taught(reads)
    if len(ones) < MIN_EACH or len(zeros) < MIN_EACH:
        return [out for _, _, out in reads]
    zeros_x = np.stack(zeros).astype(np.float64)
    wb = two_class_lda(np.stack(ones).astype(np.float64), zeros_x, SHRINK)
    seven = min(0.0, float(np.percentile(zeros_x @ wb[:-1] + wb[-1], SEVEN_DEPTH)))
    return [_decided(last, out, wb, seven) for last, _, out in reads]


def _taught(reads: Sequence[Read]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The table's ๑s (first glyphs read ๐ or ๑, settled as ๑) and ๐s
    (later glyphs the templates read ๐ by `ZERO_MARGIN`)."""
    ones, zeros = [], []
    for last, _, out in reads:
        lead = leading_slot(last.seg)
        for slot, feat, v in zip(last.seg.slots, last.seg.feats, last.verdicts):
            if slot == lead and v.digit in "๐๑" and out[slot] == "๑":
                ones.append(feat)
            elif slot != lead and v.digit == "๐" and v.margin >= ZERO_MARGIN:
                zeros.append(feat)
    return ones, zeros


def _decided(last: LastRead, out: list[str], wb: np.ndarray, seven: float) -> list[str]:
    """`out` with its later glyphs read ๐ or ๑ decided by the
    discriminant `wb` (w @ feature + b > 0: ๑), and those read ๗ near a ๐
    scoring `seven` or less read ๐."""
    if len(last.seg.slots) < 2:
        return out
    lead = leading_slot(last.seg)
    new = list(out)
    for slot, feat, v in zip(last.seg.slots, last.seg.feats, last.verdicts):
        if slot == lead:
            continue
        score = float(feat @ wb[:-1] + wb[-1])
        if out[slot] in ("๐", "๑"):
            new[slot] = "๑" if score > 0 else "๐"
        elif out[slot] == "๗" and "๐" in v.near and score <= seven:
            new[slot] = "๐"
    return new
