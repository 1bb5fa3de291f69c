"""Text above, between and below the tables (header blocks, signatures)
-> `TextLine`s, one per printed line."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.grid import Grid
from pipeline.extract.scan.leader_dots import leader_dots
from pipeline.extract.scan.ruling import outlines
from pipeline.model import Box, TextLine
from pipeline.ocr.crops import percentile_u8
from pipeline.ocr.latin_in_thai import reread_latin_words
from pipeline.ocr.thai_digit_runs import reread_thai_digits
from pipeline.ocr.sara_am import mend_sara_am
from pipeline.ocr.text_lines import without_stray_specks
from pipeline.ocr.year_digits import reread_year


def free_text(clean: np.ndarray, ink: np.ndarray, grids: list[Grid], page_number: int, dpi: float, engine) -> list[TextLine]:
    H, W = ink.shape
    free = ink.copy()
    m = int(dpi / 100) + 2
    for g in grids:
        b = g.box
        free[max(0, int(b.y0) - m) : int(b.y1) + m, max(0, int(b.x0) - m) : int(b.x1) + m] = 0
    # pieces never cross an empty row and the steps below work along rows,
    # so each band of inked rows is worked on alone: the same pixels as the
    # whole page's, without the blank table area
    gap = int(dpi / 6)
    letters, boxes = np.zeros_like(free), []
    for y0, y1 in _bands(free.any(axis=1), gap):
        letters[y0:y1], band_boxes = _letters(free[y0:y1], dpi)
        boxes.append(band_boxes + (0, y0, 0, 0))
    free = letters
    # the points of signature leaders read as a line of junk: painted paper
    dots = leader_dots(np.concatenate(boxes) if boxes else np.zeros((0, 4), np.int64), free.shape, dpi)
    lines: list[TextLine] = []
    # regions: vertical runs of inked rows, split at gaps taller than a line,
    # and blocks side by side in a run
    pad = int(dpi / 30)
    for y0, y1 in _bands(free.any(axis=1), gap):
        blocks = _side_by_side(free[y0:y1], dpi)
        band_lines: list[TextLine] = []
        for x0, x1 in blocks:
            rows = np.flatnonzero(free[y0:y1, x0:x1].any(axis=1))
            ry0, ry1 = y0 + int(rows[0]), y0 + int(rows[-1]) + 1
            if (ry1 - ry0) < dpi / 40 or (x1 - x0) < dpi / 30:
                continue
            cy0, cy1 = max(0, ry0 - pad), min(H, ry1 + pad)
            cx0, cx1 = max(0, x0 - pad), min(W, x1 + pad)
            crop = clean[cy0:cy1, cx0:cx1].copy()
            crop[_lone(free, ink, dots, (cy0, cy1, cx0, cx1), dpi)] = int(percentile_u8(crop, 90))
            # what the region crop shows of a table is not free text
            for g in grids:
                b = g.box
                gy0, gy1 = int(b.y0) - m - cy0, int(b.y1) + m - cy0
                gx0, gx1 = int(b.x0) - m - cx0, int(b.x1) + m - cx0
                if gy1 > 0 and gy0 < crop.shape[0] and gx1 > 0 and gx0 < crop.shape[1]:
                    crop[max(0, gy0) : gy1, max(0, gx0) : gx1] = 255
            band_lines += _read_crop(crop, (cx0, cy0), page_number, engine)
        if len(blocks) > 1:  # the lines of both blocks in reading order
            band_lines.sort(key=lambda line: line.box.y0 + line.box.y1)
        lines += band_lines
    return lines


def _read_crop(crop: np.ndarray, origin: tuple[int, int], page_number: int, engine) -> list[TextLine]:
    """The lines of one block's crop, boxes on the page (`origin`: the
    crop's top left corner).  Stray specks are painted paper first, as in
    a text cell: one over a line of Tlwg Typist's bold title made
    Tesseract drop four letters of it (ของสำนักงานเ จังหวัด...)."""
    cx0, cy0 = origin
    crop = without_stray_specks(crop)
    lines = []
    for res in engine.read_lines(crop):
        if not res.words:
            continue
        box = Box(min(w.box.x0 for w in res.words) + cx0, min(w.box.y0 for w in res.words) + cy0,
                  max(w.box.x1 for w in res.words) + cx0, max(w.box.y1 for w in res.words) + cy0)
        # the year of a title (พ.ศ. ๒๕๖๓): the text model misreads bold
        # Thai digits, the number reader reads them again
        text = reread_thai_digits(reread_latin_words(res, crop, engine), res, crop, engine)
        text = reread_year(text, res.words, crop, engine)
        # ำ read as า (a name's น้ำ): the ring is in the image
        text = mend_sara_am(text, res.words, crop)
        lines.append(TextLine(text, page_number, box, round(res.confidence, 3)))
    return lines


def _lone(free: np.ndarray, ink: np.ndarray, dots: np.ndarray, crop: tuple[int, int, int, int], dpi: float) -> np.ndarray:
    """Inside `crop` (y0, y1, x0, x1): ink that is no part of a run of
    `free` nor near one (a speck far right of a line, read as "1" and joined
    to the header field), and the leader dots: painted paper in the crop.
    Marks over and under letters, points and colons between words (a few
    spaces off) are near.  Only the crop grown by the reach is dilated: the
    same pixels as the whole page's dilation, at a fraction of the cost."""
    y0, y1, x0, x1 = crop
    up, side = max(3, int(dpi / 12)), max(3, int(dpi / 4))
    H, W = free.shape
    gy0, gx0 = max(0, y0 - up), max(0, x0 - side)
    grown = free[gy0 : min(H, y1 + up), gx0 : min(W, x1 + side)]
    near = cv2.dilate(grown, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * side + 1, 2 * up + 1)))
    near = near[y0 - gy0 : y1 - gy0, x0 - gx0 : x1 - gx0]
    return ((ink[y0:y1, x0:x1] > 0) & (near == 0)) | dots[y0:y1, x0:x1]


def _side_by_side(band: np.ndarray, dpi: float) -> list[tuple[int, int]]:
    """(x0, x1) of the blocks in a band of rows: split where a blank run at
    least a third of an inch wide crosses the whole band and the ink on both
    sides spans more than one line (signature blocks whose lines do not line
    up: read across, a line of one block takes words of the other).  Gaps in
    a single line are `split_wide_gaps`' to judge (leader dots leave them)."""
    inked = band.any(axis=0)
    xs = np.flatnonzero(inked)
    if not len(xs):
        return []
    cuts = np.flatnonzero(np.diff(xs) > dpi / 3)
    spans = list(zip(xs[np.r_[0, cuts + 1]].tolist(), (xs[np.r_[cuts, len(xs) - 1]] + 1).tolist()))

    def tall(x0: int, x1: int) -> bool:
        rows = np.flatnonzero(band[:, x0:x1].any(axis=1))
        return rows[-1] - rows[0] > dpi / 3

    if len(spans) > 1 and all(tall(a, b) for a, b in spans):
        return spans
    return [(int(xs[0]), int(xs[-1]) + 1)]


def _bands(rows: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in `rows`, split at gaps of more
    than `gap` False rows."""
    ys = np.flatnonzero(rows)
    if not len(ys):
        return []
    cuts = np.flatnonzero(np.diff(ys) > gap)
    return list(zip(ys[np.r_[0, cuts + 1]].tolist(), (ys[np.r_[cuts, len(ys) - 1]] + 1).tolist()))


def _letters(free: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """The pieces of `free` that are letters in runs of text, as a mask,
    and the boxes (x, y, w, h) of all its pieces."""
    _, boxes = outlines(free)
    # drop specks: keep pieces of a letter's size
    glyph = dpi / 40
    seeds = np.zeros_like(free)
    bw, bh = boxes[:, 2], boxes[:, 3]
    letter = (np.maximum(bw, bh) >= glyph) & ~((bw > dpi * 3) & (bh < dpi / 30))  # no speck, no lone rule
    for x, y, w, h in boxes[letter].tolist():
        seeds[y : y + h, x : x + w] = 255
    # lone specks (scanner dirt) are glyph-sized too: text comes in runs, so
    # keep only what smears into a run wider than a speck can make
    smear = cv2.dilate(seeds, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(dpi / 12)), 1)))
    contours, smear_boxes = outlines(smear)
    runs = np.zeros_like(free)
    wide = [k for k, (_x, _y, w, _h) in enumerate(smear_boxes.tolist()) if w >= dpi / 5]
    wide = [contours[k] for k in wide + _beside_runs(smear_boxes, wide, dpi)]
    cv2.drawContours(runs, wide, -1, 255, thickness=cv2.FILLED)
    return cv2.bitwise_and(seeds, runs), boxes


def _beside_runs(boxes: np.ndarray, wide: list[int], dpi: float) -> list[int]:
    """The narrow smears (one glyph: "สหกรณ์ ๔", a unit's number after a
    space) a word's gap from the end or start of a run of text, level with
    it and at least a third as tall as the run (marks above and below
    included): a glyph of the line, where a speck of dirt is smaller or off
    the line."""
    runs = boxes[wide]
    out = []
    for k, (x, y, w, h) in enumerate(boxes.tolist()):
        if w >= dpi / 5:
            continue
        for rx, ry, rw, rh in runs.tolist():
            gap = max(rx - (x + w), x - (rx + rw))
            level = min(y + h, ry + rh) - max(y, ry) >= 0.6 * h
            if 0 <= gap <= dpi / 8 and level and h >= 0.35 * rh:
                out.append(k)
                break
    return out

