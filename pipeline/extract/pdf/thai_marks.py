"""Thai combining marks (vowels above/below, tone marks) kept with their
base character, whatever order or box the producer gave them."""

from __future__ import annotations

import numpy as np

from pipeline.extract.pdf.chars import Chars


COMBINING = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def reattach_marks(chars: Chars, ids: list[int]) -> list[int]:
    """Put Thai combining marks stored away from their base back after it.

    Some producers (WeasyPrint with Noto Sans Thai, for one) store a mark in
    a later text object, so in stored order it lands after another syllable
    or at the end of the line (`ใชจ่าย...พัฒน้า`).  A mark stays where it is
    when it sits over the base it follows (the normal case: >= 90 % of its
    width over that base); otherwise it moves after the base character on the
    same line, stored before it, that it overlaps most, if that overlap is
    clearly larger."""
    text = chars.text
    marks = [k for k, i in enumerate(ids) if text[i] in COMBINING]
    if not marks:
        return ids
    L = chars.L
    x0, x1, cy, gen, hh = L.x0, L.x1, L.cy, L.gen, L.h

    def overlap(i: int, j: int) -> float:
        if abs(cy[j] - cy[i]) > 0.5 * hh[i]:
            return 0.0
        return max(0.0, min(x1[i], x1[j]) - max(x0[i], x0[j])) / max(x1[i] - x0[i], 1e-3)

    bases: list[int] | None = None
    moves: dict[int, int] = {}  # mark position -> base position
    for k in marks:
        i = ids[k]
        b = k - 1  # the base this mark follows in stored order
        while b >= 0 and (text[ids[b]] in COMBINING or gen[ids[b]]):
            b -= 1
        own = overlap(i, ids[b]) if b >= 0 else 0.0
        if own >= 0.9:
            continue
        if bases is None:
            bases = [m for m, j in enumerate(ids) if not (text[j] in COMBINING or gen[j] or text[j].isspace())]
        best, best_ov = -1, own
        for m in bases:
            if m >= k:
                # only ever move a mark back: PDFium sorts a line's text
                # objects by x, which can push a mark later, never earlier;
                # in monospaced fonts (Tlwg Mono) a mark's box lies over the
                # *next* cell while the stored order is right
                break
            ov = overlap(i, ids[m])
            if ov > best_ov:
                best, best_ov = m, ov
        # move only when another base clearly holds the mark
        if best >= 0 and best != b and best_ov >= own + 0.25:
            moves[k] = best
    if not moves:
        return ids
    order = [ids[k] for k in range(len(ids)) if k not in moves]
    for k, base_pos in sorted(moves.items()):
        base = ids[base_pos]
        p = order.index(base) + 1
        while p < len(order) and text[order[p]] in COMBINING:
            p += 1
        order.insert(p, ids[k])
    return order


def marks_follow_their_base(text: str, owner: np.ndarray, inside: np.ndarray) -> None:
    """A Thai mark belongs to the character it sits on (the one before it in
    stored order), even when its glyph reaches over a cell border."""
    for i, ch in enumerate(text):
        if ch in COMBINING and i and inside[i]:
            base = i - 1
            while base > 0 and text[base] in COMBINING:
                base -= 1
            if inside[base] and text[base] not in COMBINING:
                owner[i] = owner[base]
