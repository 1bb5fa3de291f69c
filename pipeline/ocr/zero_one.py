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
(shrinkage LDA, `two_class_lda`) decides the table's other glyphs read
๐, ๑ or ๗: one read ๑ turns ๐, one read ๐ turns ๑, and one read ๗ with a
๐ template near turns ๐, where it lies as deep on the other side as all
but the least-like twentieth of that side's taught glyphs, each scored by
the discriminant taught without it (`DEPTH`, `FOLDS`).  A real ๗ is
neither shape (just past the midpoint a 300-dpi ๑๗ read ๑๐); and a
300-dpi Sawasdee page, teaching its ๑s from 9-15 first glyphs, scored
later ๑s that both readers read right between the two shapes (seed 8181
plan 2: ๓๐๑๕๑ went to ๓๐๑๕๐ when the midpoint decided).  Lone glyphs
stay as read (a Sawasdee page's lone ๑s went to ๐).  On the recorded
glyphs of seed 4141's ten Thai-digit plans, deciding by the midpoint: at
200 dpi 3,187 -> 3,286 of 3,603 number cells right, none spoilt; at 300
dpi 3,736 -> 3,736; five 300-dpi corpora (39 plans) 9,624 -> 9,638.  The
depth, on the Thai-digit plans of seven corpora (70 plans, 58,740 number
cells; five at 300 dpi, two at 200): 58,396 -> 58,403 right, seed 8181's
300-dpi plans 9,306 -> 9,314.
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
FOLDS = 5  # the taught glyphs are scored by discriminants taught without them, in this many folds
DEPTH = 95  # a glyph turns ๐ (๑) as deep on that side as this % of the taught ๐s (๑s), held out

Read = tuple[LastRead, float, list[str]]  # the glyphs, their height, their digits as settled


def split_zero_one(reads: Sequence[Read]) -> list[list[str]]:
    """Each reading's glyphs (its `out`) with the ๐/๑ of its later glyphs
    decided by the table's own (see above); as they were when the table
    shows fewer than `MIN_EACH` of either shape."""
    ones, zeros = _taught(reads)
    if len(ones) < MIN_EACH or len(zeros) < MIN_EACH:
        return [out for _, _, out in reads]
    zeros_x, ones_x = np.stack(zeros).astype(np.float64), np.stack(ones).astype(np.float64)
    wb = two_class_lda(ones_x, zeros_x, SHRINK)
    one_held, zero_held = _held_out(ones_x, zeros_x)
    deep_zero = min(0.0, float(np.percentile(zero_held, DEPTH)))
    deep_one = max(0.0, float(np.percentile(one_held, 100 - DEPTH)))
    return [_decided(last, out, wb, deep_zero, deep_one) for last, _, out in reads]


def _held_out(ones: np.ndarray, zeros: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each taught glyph's score by the discriminant taught without its
    fold: what a glyph of its shape the table did not teach scores."""
    one_fold, zero_fold = np.arange(len(ones)) % FOLDS, np.arange(len(zeros)) % FOLDS
    one_held, zero_held = np.empty(len(ones)), np.empty(len(zeros))
    for k in range(FOLDS):
        wb = two_class_lda(ones[one_fold != k], zeros[zero_fold != k], SHRINK)
        one_held[one_fold == k] = ones[one_fold == k] @ wb[:-1] + wb[-1]
        zero_held[zero_fold == k] = zeros[zero_fold == k] @ wb[:-1] + wb[-1]
    return one_held, zero_held


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


def _decided(last: LastRead, out: list[str], wb: np.ndarray, deep_zero: float, deep_one: float) -> list[str]:
    """`out` with its later glyphs read ๐ or ๑ turned to the other where
    the discriminant `wb` (w @ feature + b > 0: ๑) scores them `deep_one`
    or more (to ๑) or `deep_zero` or less (to ๐), and those read ๗ near a
    ๐ scoring `deep_zero` or less read ๐."""
    if len(last.seg.slots) < 2:
        return out
    lead = leading_slot(last.seg)
    new = list(out)
    for slot, feat, v in zip(last.seg.slots, last.seg.feats, last.verdicts):
        if slot == lead:
            continue
        score = float(feat @ wb[:-1] + wb[-1])
        if out[slot] in ("๑", "๗") and score <= deep_zero and (out[slot] == "๑" or "๐" in v.near):
            new[slot] = "๐"
        elif out[slot] == "๐" and score >= deep_one:
            new[slot] = "๑"
    return new
