"""Characters -> text: a cell's text with wraps and hard breaks, and the
free characters of a page grouped into lines."""

from __future__ import annotations

import numpy as np

from pipeline.extract.pdf.chars import Chars
from pipeline.extract.pdf.thai_marks import reattach_marks
from pipeline.model import Box, TextLine
from pipeline.thai_script import is_thai_letter


def join_chars(chars: Chars, idx: np.ndarray, strict_thai: bool, cell: Box | None = None) -> str:
    """Text of the characters `idx` (ascending = stored order).

    Stored spaces are kept.  Where the PDF stored nothing between two
    characters but they sit on different lines (a wrap) or PDFium generated a
    space/line break between them (a visual gap), a space is inserted unless
    both neighbours are Thai: Thai has no spaces between words, and a wrap
    inside a Thai phrase must join with nothing.  With `strict_thai` off
    (free text lines) a wide gap (> one line height) between Thai characters
    on the same line still counts as a space.

    Inside a `cell`, a line break is a hard break (`<br>`, a new paragraph:
    joined with a newline) when the next line's first word would have fitted
    in the free width of the line before: a soft wrap never leaves that much
    room.  Otherwise it is a wrap, joined as above."""
    text = chars.text
    L = chars.L
    gen, x0s, x1s, cys, hh = L.gen, L.x0, L.x1, L.cy, L.h
    out: list[str] = []
    prev = -1
    line_start = -1  # first char of the current line
    ids = reattach_marks(chars, idx.tolist())
    line_x1 = -np.inf  # right end of the current line so far
    for k, i in enumerate(ids):
        ch = text[i]
        if gen[i]:
            continue
        if prev < 0:
            line_start = i
        else:
            last = text[prev]
            h = hh[prev]
            wrapped = abs(cys[i] - cys[prev]) > 0.5 * h
            if wrapped and cell is not None and _hard_break(chars, ids, k, line_start, line_x1, cell, h):
                while out and out[-1] == " ":
                    out.pop()
                out.append("\n")
                if ch == " ":
                    prev = i
                    line_start = i
                    line_x1 = -np.inf
                    continue
            elif ch != " " and last != " ":
                gap = x0s[i] - x1s[prev]
                generated_between = i - prev > 1 and any(gen[prev + 1 : i])
                if wrapped or generated_between or gap > 0.25 * h:
                    both_thai = is_thai_letter(last) and is_thai_letter(ch)
                    if not both_thai or (not strict_thai and not wrapped and gap > h):
                        out.append(" ")
            if wrapped:
                line_start = i
                line_x1 = -np.inf
        out.append(ch)
        if ch != " ":
            line_x1 = max(line_x1, x1s[i])
        prev = i
    return "\n".join(" ".join(part.split()) for part in "".join(out).split("\n")).strip()


def _hard_break(chars: Chars, ids: list[int], k: int, line_start: int, line_x1: float, cell: Box, h: float) -> bool:
    """Was the break before ids[k] forced (a new paragraph), not a wrap?"""
    L = chars.L
    pad = max(1.0, 0.15 * h)
    # free width of the previous line: room on the right + on the left
    # (centred text splits its free room between both sides)
    free = (cell.x1 - pad - line_x1) + max(0.0, L.x0[line_start] - cell.x0 - pad)
    # width of the next line's first word (up to a space or the line's end)
    cy = L.cy[ids[k]]
    first = ids[k]
    end = first
    for j in ids[k:]:
        if L.gen[j]:
            continue
        if abs(L.cy[j] - cy) > 0.5 * h or chars.text[j] == " ":
            break
        end = j
    word = L.x1[end] - L.x0[first]
    return free > word + 0.5 * h


def text_lines(chars: Chars, idx: np.ndarray, page_no: int) -> list[TextLine]:
    """Free characters grouped into lines by their vertical band, top to
    bottom; stored order within a line, except that blocks separated by a
    wide gap (side-by-side signature blocks) are put left to right and
    joined with a tab."""
    idx = idx[~chars.gen[idx]]
    if len(idx) == 0:
        return []
    cy = chars.cy[idx]
    hgt = np.maximum(chars.y1[idx] - chars.y0[idx], 1e-3)
    order = np.argsort(cy, kind="stable")
    groups: list[list[int]] = []
    cur: list[int] = []
    cur_cy = None
    for k in order.tolist():
        if cur and abs(cy[k] - cur_cy) > 0.4 * hgt[k]:
            groups.append(cur)
            cur = []
        if not cur:
            cur_cy = cy[k]
        cur.append(k)
    if cur:
        groups.append(cur)
    out: list[TextLine] = []
    above: list[np.ndarray] = []  # the blocks of the line above
    for g in groups:  # top to bottom
        members = np.sort(idx[g])
        # side-by-side blocks of one band (signature blocks): one line, the
        # blocks left to right, separated by a tab
        blocks = _split_columns(chars, members)
        if len(blocks) == 1 and len(above) > 1:
            blocks = _wrap_under_blocks(chars, members, above)
        above = blocks
        parts = [join_chars(chars, part, strict_thai=False) for part in blocks]
        text = "\t".join(p for p in parts if p)
        if not text:
            continue
        box = Box(
            float(chars.x0[members].min()),
            float(chars.y0[members].min()),
            float(chars.x1[members].max()),
            float(chars.y1[members].max()),
        )
        out.append(TextLine(text=text, page=page_no, box=box, confidence=None))
    return out


def _solid(chars: Chars, members: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The characters of `members` that are no space, and their median
    height (the line's); None when fewer than two."""
    m = members[np.array([not chars.text[i].isspace() for i in members.tolist()], dtype=bool)]
    return (m, float(np.median(chars.y1[m] - chars.y0[m]))) if len(m) >= 2 else None


def _split_columns(chars: Chars, members: np.ndarray) -> list[np.ndarray]:
    """Cut one baseline group where a wide empty gap (> 2.5 line heights, no
    character, spaces not counted) separates side-by-side blocks, e.g. the
    proposer's and approver's signature blocks.  Returns the blocks left to
    right, characters of each in stored order."""
    solid = _solid(chars, members)
    if solid is None:
        return [members]
    m, h = solid
    order = np.argsort(chars.x0[m], kind="stable")
    xs0 = chars.x0[m][order]
    xs1 = np.maximum.accumulate(chars.x1[m][order])
    cuts = np.nonzero(xs0[1:] - xs1[:-1] > 2.5 * h)[0]
    if len(cuts) == 0:
        return [members]
    bounds = [-np.inf] + [float((xs1[c] + xs0[c + 1]) / 2) for c in cuts] + [np.inf]  # left to right
    cx = chars.cx[members]
    parts = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        part = members[(cx >= lo) & (cx < hi)]
        if len(part):
            parts.append(part)
    return parts


def _wrap_under_blocks(chars: Chars, members: np.ndarray, above: list[np.ndarray]) -> list[np.ndarray]:
    """One baseline group cut where a block of the line just above begins,
    when a character begins there and none of those left of it crosses it:
    the right block's wrapped last word, printed beside the left block's
    long line with no wide gap between ("...ปฏิบัติงาน ขอนแก่น", the
    approver's province, had gone to the proposer's position).  Returns
    the blocks left to right, or [members] when the line is no such pair."""
    solid = _solid(chars, members)
    if solid is None:
        return [members]
    m, h = solid
    band = float(np.median(chars.cy[m]))
    last_above = float(np.median(chars.cy[above[-1]]))
    if band - last_above > 2 * h:
        return [members]  # not the next line
    for block in above[1:]:
        start = float(chars.x0[block].min())
        left, right = m[chars.x0[m] < start - 0.5 * h], m[chars.x0[m] >= start - 0.5 * h]
        if len(left) and len(right) and chars.x1[left].max() <= chars.x0[right].min() \
                and chars.x0[right].min() <= start + 0.5 * h:
            cx = chars.cx[members]
            cut = (float(chars.x1[left].max()) + float(chars.x0[right].min())) / 2
            return [members[cx < cut], members[cx >= cut]]
    return [members]
