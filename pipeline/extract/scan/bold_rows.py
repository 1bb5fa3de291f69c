"""Thai-digit number cells of bold rows (a totals row) read again with their
strokes thinned to the weight of the table's other rows.

A bold typewriter face blurs at 300 dpi into glyphs whose rings nearly
close: its ๐ lies nearest a ๑'s template (a ๐ with a curl inside), its ๓
nearest a ๑'s, and the page's own glyphs, all of regular weight, cannot
tell them apart either.  The weight is measured on the page: the ink a
stroke holds across (summed over each crossing of the glyphs, so blur
does not change it), the median over a cell's crossings.  A row whose
numbers are clearly heavier than the table's is read again with its
glyphs thinned until they weigh what the table's numbers do; a thinned
reading stands where the glyph reader is surer of it than the first
reading was (dev seed 8484, a Tlwg Typewriter plan's bold totals row:
16 of 26 number cells wrong, 10 after; taking every thinned reading, 8,
but on a Tlwg Typist plan of seed 11 it undid a right ๓๘ read at 0.86).
The page's own glyphs do not settle the thinned readings: their ๑s
include the bold row's first glyphs, and pulled its thinned ๐s back to
๑ (Typewriter plan: 4 cells mended instead of 8)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.extract.scan.number_text import NUMBER_RE, strip_number
from pipeline.ocr.crops import NUMBER_HEIGHT, prepare_number

_MIN_GLYPHS = 3  # cells weighed: a lone digit's weight is its shape's more than its stroke's
_HEAVY = 1.15  # a row this much heavier than the table's numbers is bold (Noto Serif Thai's bold: 1.18)
_MAX_THIN = 8  # the widest thinning tried, in pixels of the prepared crop


@dataclass
class ThaiCell:
    """A Thai-digit number cell as read: its index among the table's cells,
    its row, the crop read and its glyph count."""

    index: int
    row: int
    crop: np.ndarray
    glyphs: int


def stroke_weight(crop: np.ndarray) -> float | None:
    """The ink one stroke holds across: the median over the crop's ink runs
    (rows and columns, at Otsu's threshold) of the ink darkness summed over
    the run and a pixel beyond either end; in pixels of full ink.  None
    for a crop too faint to say."""
    g = np.asarray(crop, np.float32)
    paper, ink = float(np.percentile(g, 90)), float(np.percentile(g, 1))
    if paper - ink < 24:
        return None
    dark = np.clip((paper - g) / (paper - ink), 0, 1)
    thr, _ = cv2.threshold(np.asarray(crop, np.uint8), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = g < thr
    runs = np.concatenate([_run_ink(mask, dark), _run_ink(mask.T, dark.T)])
    return float(np.median(runs)) if len(runs) else None


def _run_ink(mask: np.ndarray, dark: np.ndarray) -> np.ndarray:
    """The darkness summed over each horizontal run of `mask`, one pixel
    beyond either end."""
    h, w = mask.shape
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    cum = np.pad(np.cumsum(dark, axis=1), ((0, 0), (1, 0)))
    return cum[rows, np.minimum(ends + 1, w)] - cum[rows, np.maximum(starts - 1, 0)]


def thin_bold_rows(read: list[ThaiCell], texts: list[str], confidences: list[float], engine) -> dict[int, str]:
    """The new texts (by cell index) of the cells of `read` in bold rows
    (see above) whose thinned glyphs read as another number, and more
    surely than the glyphs as printed; `texts`, `confidences`: the
    table's cells' so far."""
    weighed = [(c, w) for c in read if c.glyphs >= _MIN_GLYPHS and (w := stroke_weight(c.crop)) is not None]
    if len(weighed) < 6:
        return {}
    table = float(np.median([w for _, w in weighed]))
    rows: dict[int, list[float]] = {}
    for c, w in weighed:
        rows.setdefault(c.row, []).append(w)
    heavy = {r for r, ws in rows.items() if len(ws) >= 2 and np.median(ws) >= _HEAVY * table}
    # a table of bold rows alone has no lighter rows to thin towards
    if not heavy or len(heavy) > len(rows) / 2:
        return {}
    out = {}
    for r in heavy:
        cells = [c for c in read if c.row == r]
        # the thinning the row's numbers need to weigh what the table's
        # do, in the page's pixels (a lone digit's weight is its shape's:
        # it is thinned as its row's numbers are)
        need = [t for c in cells if c.glyphs >= _MIN_GLYPHS and (t := _thinning(c.crop, table)) is not None]
        if not need:
            continue
        for c in cells:
            got = _read_thinned(c, float(np.median(need)), engine)
            # as many glyphs as the cell read: thinning blurred glyphs that
            # touch in a blob can part them into more (scan20b's Tlwg
            # Typist plan: its bold ๓๕ read ๕๖๔)
            if (got is not None and got[0] != texts[c.index] and got[1] > confidences[c.index]
                    and sum(ch.isdigit() for ch in got[0]) == c.glyphs):
                out[c.index] = got[0]
    return out


def _prepared(crop: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The crop as the glyph reader reads it (`prepare_number`) and its
    scale (prepared pixels per page pixel)."""
    small = prepare_number(crop, pad=4)
    thr, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    rows = np.nonzero((crop < thr).any(axis=1))[0]
    if small is None or len(rows) == 0:
        return None
    return small, NUMBER_HEIGHT / (rows[-1] - rows[0] + 1)


def _thinning(crop: np.ndarray, weight: float) -> float | None:
    """How far (in the page's pixels) the crop's strokes are thinned until
    they weigh no more than `weight`: a grey dilation of the prepared crop
    by k pixels thins each stroke by k - 1."""
    got = _prepared(crop)
    if got is None:
        return None
    small, scale = got
    for k in range(2, _MAX_THIN + 1):
        w = stroke_weight(cv2.dilate(small, np.ones((k, k), np.uint8)))
        if w is None:
            return None
        if w / scale <= weight:
            return (k - 1) / scale
    return None


def _read_thinned(cell: ThaiCell, thinning: float, engine) -> tuple[str, float] | None:
    """The cell's number read by the glyph reader with its strokes thinned
    by `thinning` page pixels, and the reader's confidence; None when it
    reads no number."""
    reader = getattr(engine, "thai_digit_reader", None)
    got = _prepared(cell.crop)
    if reader is None or not reader.ok or got is None:
        return None
    small, scale = got
    k = min(_MAX_THIN, max(2, 1 + round(thinning * scale)))
    read = reader.read(cv2.dilate(small, np.ones((k, k), np.uint8)), letters=0.5)
    if read is None or not read[2] or reader.last is None:
        return None
    text = strip_number(read[0])
    return (text, read[1]) if NUMBER_RE.match(text) else None
