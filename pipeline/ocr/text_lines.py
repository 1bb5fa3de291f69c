"""A crop of several lines of Thai text cut into one image per line.

Tesseract's block mode (`--psm 6`) finds lines by itself and often takes
the row of marks over a Thai line (vowels above, tone marks) for a line of
its own: it reads that row as junk ("บ es เล") and the line under it without
its marks (เรื่อง -> เรือง).  Measured on 329 description crops of 300 dpi
scans (6 fonts): 4.35 % CER with block mode, 3.5 % reading the lines cut
here one by one with the single-line mode.

Lines are found from the connected components of the ink: a line's core is
a run of well-inked rows holding at least two letter-sized glyphs (a row of
marks holds none; a core holding two lines, where a descender touches the
next line, is cut between its two groups of letters); every glyph then goes to one line, the
one whose body (the median top and bottom of its letters) it overlaps or
else the nearest, a mark under a line counting about three times farther
than one over a line (ุ hangs right under its letter, a tone mark over an
upper vowel sits most of a letter's height above its line: by plain
distance the thanthakhat of อภิสิทธิ์ went to the line above, the name lost
it) (a nearest-glyph rule for marks between lines measured no better), and
each line image shows only its own glyphs on paper.  A line too short for
the row profile (a wrapped item's last word) is found from its letters.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.ocr.crops import percentile_u8

__all__ = ["split_lines", "without_stray_specks"]

_LETTER = 0.7  # a glyph at least this share of the x-height is a letter, not a mark
_BELOW_REACH = 0.35  # how far marks reach under a line, against how far over one
_MARKS_ROW_GAP = 1 / 3  # (x-heights) a row of marks sits this close over its line; a line stands farther
_RUN_TOGETHER = 1.5  # letter blobs this many times wider than tall (median) are letters blur ran together
_DARKER, _DARKER_TRIES = 0.8, 2  # the threshold lowered by this factor, at most this many times
_SPECK = 0.4  # (x-heights) a component no larger than this either way is speck-sized
_STRAY = 0.8  # (x-heights) specks farther than this from every glyph are dirt
# (x-heights) ... or farther than this above or below it: a mark sits close
# over or under its letter, a speck between two lines does not
_MARK_GAP = 0.4
_FLOAT_REACH = 3.0  # (x-heights) a floating speck's line: the letters this near it
_FLOAT_PAIR = 0.5  # (x-heights) ... and no ink stands this close over or under it
_FLOAT_TOP, _FLOAT_FOOT = 0.15, 0.2  # (x-heights) ... its middle this far under their top, its foot over their foot
_DOT, _DOT_UNDER = 0.15, 3.0  # (x-heights; times its width) a dot of dirt over a letter: its size, the letter's width
_RIM = 2  # (pixels) how far around a stray the paint reaches (the blur's grey rim)
_COLON_SPACE = 2.5  # (x-heights) a colon stands at most this far from its line's glyphs (a monospace space is ~2)


def split_lines(gray: np.ndarray) -> list[tuple[np.ndarray, int]]:
    """(line image, its top row in `gray`) for each text line, top to
    bottom; the crop itself when it holds one line or no ink."""
    g = np.asarray(gray)
    if g.ndim != 2 or min(g.shape) < 3:
        return [(g, 0)]
    n, lab, st = _glyphs(g)
    hh, ww = g.shape
    x, y, w, h, a = (st[:, i] for i in range(5))
    # rule remnants along the crop are no glyphs (and no lines)
    rule = ((h >= 0.6 * hh) & (w <= max(3, 0.05 * ww))) | ((w >= 0.6 * ww) & (h <= max(3, 0.05 * hh)))
    keep = (a >= 2) & ~rule
    keep[0] = False
    ids = np.nonzero(keep)[0]
    if len(ids) == 0:
        return [(g, 0)]
    hs = h[ids]
    xh = float(np.median(hs[hs >= 0.5 * np.percentile(hs, 75)]))
    prof = keep[lab].sum(axis=1)
    centres = (y + h / 2)[ids[hs >= _LETTER * xh]]
    cores = _cores(prof, xh, centres)
    cores = [c for c in cores if np.count_nonzero((centres >= c[0]) & (centres < c[1])) >= 2]
    cores = sorted(cores + _short_lines(cores, centres, xh))
    if len(cores) <= 1:
        return [(g, 0)]
    letters = ids[hs >= _LETTER * xh]
    cores, bodies = _marks_rows_dropped(cores, letters, y, h, xh)
    if len(cores) <= 1:
        return [(g, 0)]
    top = np.array([b[0] for b in bodies])[None, :]
    bottom = np.array([b[1] for b in bodies])[None, :]
    # each glyph (a row) against each line's body (a column)
    gy0, gy1 = y[ids][:, None], (y + h)[ids][:, None]
    over = np.minimum(bottom, gy1) - np.maximum(top, gy0)
    best = np.argmax(over, axis=1)
    # between two lines: the nearer, where a mark under a line counts
    # _BELOW_REACH times farther than one over a line (ุ ู hang right under
    # their letter; a tone mark over an upper vowel sits most of a letter's
    # height above its line)
    nearest = np.argmin(np.maximum(top - gy1, (gy0 - bottom) / _BELOW_REACH), axis=1)
    owner = np.full(n, -1)
    owner[ids] = np.where(over[np.arange(len(ids)), best] > 0, best, nearest)
    paper = int(percentile_u8(g, 90))
    pad = max(2, int(0.3 * xh))
    grow = 2  # the 5 x 5 dilation below reaches this far
    out = []
    for k in range(len(cores)):
        mine = ids[owner[ids] == k]
        if len(mine) == 0:
            continue
        # the line's glyphs, grown a little, within their own band of rows
        y0 = max(0, int(y[mine].min()) - grow - pad)
        y1 = min(hh, int((y + h)[mine].max()) + grow + pad)
        m = cv2.dilate((owner[lab[y0:y1]] == k).astype(np.uint8), np.ones((5, 5), np.uint8))
        line = np.where(m > 0, g[y0:y1], paper).astype(np.uint8)
        out.append((np.ascontiguousarray(line), y0))
    return out


def without_stray_specks(gray: np.ndarray) -> np.ndarray:
    """The crop with its stray specks painted paper: groups of speck-sized
    components standing more than `_STRAY` x-heights clear of every glyph.
    Tesseract reads such dirt beside a line as a letter or two ("' 1" after
    "จำนวน 22 แห่ง", "ย" after "จำกัด") that then stays in the field.  A
    Thai mark, a point or a comma stands right by its letters; a group is
    linked by the same reach, so two specks side by side are one stray.
    Above or below, the reach is shorter (`_MARK_GAP`): a speck between
    two lines was kept by the line above and read after the word below
    ("...ทำนาเมือง 7")."""
    g = np.asarray(gray)
    if g.ndim != 2 or min(g.shape) < 3:
        return g
    # (Otsu's cut as it is: `_glyphs`' darker cuts break a blurred line's
    # letters into speck-sized pieces)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, lab, st, _ = cv2.connectedComponentsWithStats((g < thr).astype(np.uint8), connectivity=8)
    boxes = st[1:, :4].astype(float)
    hs = boxes[:, 3]
    if len(hs) < 3:
        return g
    xh = float(np.median(hs[hs >= 0.5 * np.percentile(hs, 75)]))
    speck = np.maximum(boxes[:, 2], boxes[:, 3]) <= _SPECK * xh
    if not speck.any() or speck.all():
        return g
    x0, y0 = boxes[:, 0], boxes[:, 1]
    x1, y1 = x0 + boxes[:, 2], y0 + boxes[:, 3]
    x_gap = np.maximum(x0[:, None] - x1[None, :], x0[None, :] - x1[:, None])
    y_gap = np.maximum(y0[:, None] - y1[None, :], y0[None, :] - y1[:, None])
    # two specks one over the other within an x-height, a space from a
    # glyph of their line, are a colon, which a label sets a space apart
    # ("(๒) ผลผลิต / โครงการ :"): a glyph
    colon = (speck[:, None] & speck[None, :] & (x_gap < 0) & (y_gap > 0) & (y_gap <= xh)).any(axis=1)
    beside = ((x_gap <= _COLON_SPACE * xh) & (y_gap < 0))[:, ~speck].any(axis=1)
    speck &= ~(colon & beside)
    if not speck.any():
        return g
    # a round speck in the middle of its line's letters' height, in a gap
    # between them and with no ink right over or under it (a colon, ะ), is
    # dirt however close it stands: no Thai mark sits there ("สหกรณ์· 3"
    # read "สหกรณ์. 3", "=·" read "=.")
    floating = _floating(boxes, speck, xh, x_gap, y_gap) | _perched(boxes, speck, xh, x_gap, y_gap)
    linked = (np.maximum(x_gap, y_gap) <= _STRAY * xh) & (y_gap <= _MARK_GAP * xh)
    # the glyphs' groups grown by the link, as far as they reach
    reached = ~speck
    while True:
        grown = reached | linked[reached].any(axis=0)
        if (grown == reached).all():
            break
        reached = grown
    stray = np.nonzero(~reached | floating)[0] + 1
    if len(stray) == 0:
        return g
    out = g.copy()
    # (grown by the blur's grey rim, which Otsu's cut leaves out)
    rim = cv2.dilate(np.isin(lab, stray).astype(np.uint8), np.ones((2 * _RIM + 1, 2 * _RIM + 1), np.uint8))
    out[rim > 0] = int(percentile_u8(g, 90))
    return out


def _floating(boxes: np.ndarray, speck: np.ndarray, xh: float, x_gap: np.ndarray, y_gap: np.ndarray) -> np.ndarray:
    """Which components (`boxes`: x, y, w, h) are round specks floating
    inside their line's height.  The line: the letters and figures (no
    taller than 1.5 x-heights) level with the speck within `_FLOAT_REACH`
    x-heights across, one at least on either side (the next line's
    letters pulled the band down to a code's point: 6.1.5 read 6.1 5).
    Floating: the speck's middle `_FLOAT_TOP` under their median top, its
    foot `_FLOAT_FOOT` over their median foot; two pixels at least clear
    of every letter's columns (a letter's head loop the threshold broke
    off stands closer); no other ink within `_FLOAT_PAIR` over or under
    it (a colon's other point; ะ's other loop, larger than a speck: ะ of
    และ was lost).  A point sits on the line, a Thai mark over or under it."""
    x0, y0, w, h = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    mid = y0 + h / 2
    letter = ~speck & (h >= 0.5 * xh)
    body = letter & (h <= 1.5 * xh)  # letters and figures, no ascender or descender
    out = np.zeros(len(boxes), bool)
    for k in np.nonzero(speck & (w <= 1.5 * h) & (h <= 1.5 * w))[0]:
        line = body & (y_gap[k] < 0) & (x_gap[k] <= _FLOAT_REACH * xh)
        one_side_only = not (line & (x0 < x0[k])).any() or not (line & (x0 > x0[k])).any()
        if one_side_only or (letter & (y_gap[k] < 0) & (x_gap[k] < 2)).any():
            continue
        if ((x_gap[k] < 0) & (y_gap[k] <= _FLOAT_PAIR * xh) & (np.arange(len(boxes)) != k)).any():
            continue
        top, bottom = float(np.median(y0[line])), float(np.median((y0 + h)[line]))
        out[k] = mid[k] >= top + _FLOAT_TOP * xh and y0[k] + h[k] <= bottom - _FLOAT_FOOT * xh
    return out


def _perched(boxes: np.ndarray, speck: np.ndarray, xh: float, x_gap: np.ndarray, y_gap: np.ndarray) -> np.ndarray:
    """Which components (`boxes`: x, y, w, h) are dots of dirt perched on a
    letter: round, no larger than `_DOT` x-heights either way (the
    smallest Thai mark, a tone mark, is a stroke a fifth of an x-height long
    or more), over a letter at least `_DOT_UNDER` times as wide (an i's or
    a j's dot sits over a stem no wider than itself), with no other ink
    but letters within `_FLOAT_PAIR` x-heights (a mark the threshold broke
    in two).  Tesseract read such a dot over ว as a tone mark (นิ่มนวล
    read นิ่มนว่ล, a name)."""
    w, h = boxes[:, 2], boxes[:, 3]
    letter = ~speck & (h >= _LETTER * xh)  # (an upper vowel is no letter: ี under a tone mark the rule cut)
    near = np.maximum(x_gap, y_gap) <= _FLOAT_PAIR * xh
    out = np.zeros(len(boxes), bool)
    # (two pixels across at least, and as far over the letter as the paint's
    # rim reaches: a pixel over แ painted out with its rim cut the letter's
    # top, read ไค)
    dots = speck & (np.minimum(w, h) >= 2) & (np.maximum(w, h) <= _DOT * xh) & (w <= 1.5 * h) & (h <= 1.5 * w)
    for k in np.nonzero(dots)[0]:
        others = near[k] & ~letter
        others[k] = False
        under = letter & near[k] & (x_gap[k] < 0) & (boxes[:, 1] >= boxes[k, 1] + h[k])
        out[k] = (not others.any() and bool((w[under] >= _DOT_UNDER * w[k]).any())
                  and bool((y_gap[k][under] > _RIM).all()))
    return out


def _glyphs(g: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Connected components of the ink (count, labels, stats), the ink cut
    at Otsu's threshold or, where that runs the letters of a blurred line
    together (a 200-dpi scan: a whole line two or three blobs, its second
    line lost), at a darker one, step by step, until the letters stand
    apart again (letter blobs about as wide as tall)."""
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for _ in range(_DARKER_TRIES + 1):
        n, lab, st, _ = cv2.connectedComponentsWithStats((g < thr).astype(np.uint8), connectivity=8)
        h, w = st[1:, 3], st[1:, 2]
        big = h >= 0.5 * np.percentile(h, 75) if len(h) else h > 0
        if not big.any() or np.median(w[big] / h[big]) <= _RUN_TOGETHER:
            break
        thr *= _DARKER
    return n, lab, st


def _marks_rows_dropped(cores: list[tuple[int, int]], letters: np.ndarray, y: np.ndarray, h: np.ndarray,
                        xh: float) -> tuple[list[tuple[int, int]], list[tuple[float, float]]]:
    """The cores and their bodies (median top and bottom of their letters)
    without the rows of marks taken for lines: a face with tall marks
    (Garuda: ี่ stacked as tall as 0.9 of a letter) fills a row of its own
    over a line, which read alone is junk ("สส มีมะ % ส ะ").  Such a row sits
    right on the line under it (its bottom under a third of an x-height
    above that line's top; two lines of text stand an interline apart) and
    holds fewer glyphs than that line; its glyphs then go to that line."""
    def body(core: tuple[int, int]) -> tuple[float, float, int]:
        s, e = core
        mine = letters[((y + h / 2)[letters] >= s) & ((y + h / 2)[letters] < e)]
        return float(np.median(y[mine])), float(np.median(y[mine] + h[mine])), len(mine)

    rows = [body(c) for c in cores]
    keep = [k for k in range(len(cores))
            if not (k + 1 < len(cores) and rows[k + 1][0] - rows[k][1] < _MARKS_ROW_GAP * xh
                    and rows[k][2] < rows[k + 1][2])]
    return [cores[k] for k in keep], [rows[k][:2] for k in keep]


def _short_lines(cores: list[tuple[int, int]], centres: np.ndarray, xh: float) -> list[tuple[int, int]]:
    """Cores of lines too short for `_cores`' share of the fullest row (a
    line holding only "95", the end of an item that wrapped, is inked in
    few columns): groups of two or more letters whose centres lie outside
    every core, centres within an x-height of each other, over an x-height
    away from every core."""
    inside = np.zeros(len(centres), bool)
    for s, e in cores:
        inside |= (centres >= s) & (centres < e)
    left = np.sort(centres[~inside])
    groups: list[list[float]] = []
    for c in left.tolist():
        if groups and c - groups[-1][-1] <= xh:
            groups[-1].append(c)
        else:
            groups.append([c])
    half = xh / 2

    def apart(group: list[float]) -> bool:
        # a row of stacked marks just over a line (ชี้ ที่ in a small font)
        # is as tall as letters, but within an x-height of that line
        mid = sum(group) / len(group)
        return all(max(s - mid, mid - e) > xh for s, e in cores)

    return [(int(g[0] - half), int(g[-1] + half) + 1) for g in groups if len(g) >= 2 and apart(g)]


def _cores(prof: np.ndarray, xh: float, centres: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows inked above 5 % of the fullest row (the tip of a mark or
    a descender touching the next line is less); a run holding two lines
    (its letters' centres fall in groups more than an x-height apart) is
    cut at the least inked row between the groups."""
    rows = prof > 0.05 * prof.max()
    edges = np.diff(np.concatenate([[0], rows.astype(np.int8), [0]]))
    runs = list(zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist()))
    out: list[tuple[int, int]] = []
    for s, e in runs:
        mine = np.sort(centres[(centres >= s) & (centres < e)])
        cuts = [s]
        for a, b in zip(mine[:-1], mine[1:]):
            if b - a > xh:
                lo, hi = max(cuts[-1] + 1, int(a + 0.4 * xh)), min(e - 1, int(b - 0.4 * xh) + 1)
                cuts.append(lo + int(np.argmin(prof[lo:hi])) if lo < hi else int((a + b) / 2))
        out += list(zip(cuts, cuts[1:] + [e]))
    return out


def split_wide_gaps(line: np.ndarray, factor: float = 2.0) -> list[tuple[np.ndarray, int, int]]:
    """(piece, first column, last column + 1) for the pieces of one line
    image that stand apart by more than `factor` x the line's ink height:
    blocks side by side (the two signature columns) are not one line of
    text.  Each piece is cut to its ink; none when the line has no ink."""
    g = np.asarray(line)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = g < min(thr, int(percentile_u8(g, 90)) - 24)
    rows = np.nonzero(ink.any(axis=1))[0]
    cols = np.nonzero(ink.any(axis=0))[0]
    if len(cols) == 0:
        return []
    gap = factor * (rows[-1] - rows[0] + 1)
    pieces = []
    start = prev = int(cols[0])
    for c in cols[1:].tolist() + [None]:
        if c is None or c - prev > gap:
            pieces.append((start, prev + 1))
            if c is not None:
                start = c
        if c is not None:
            prev = c
    return [(np.ascontiguousarray(g[:, a:b]), a, b) for a, b in pieces]
