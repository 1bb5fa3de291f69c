"""Text above, between and below the tables (header blocks, signatures)
-> `TextLine`s, one per printed line."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.grid import Grid
from pipeline.extract.scan.leader_dots import leader_dots
from pipeline.extract.scan.ruling import outlines
from pipeline.model import Box, TextLine
from pipeline.ocr.latin_in_thai import reread_latin_words
from pipeline.ocr.sara_am import mend_sara_am
from pipeline.ocr.year_digits import reread_year


def free_text(clean: np.ndarray, ink: np.ndarray, grids: list[Grid], page_number: int, dpi: float, engine) -> list[TextLine]:
    H, W = ink.shape
    free = ink.copy()
    m = int(dpi / 100) + 2
    for g in grids:
        b = g.box
        free[max(0, int(b.y0) - m) : int(b.y1) + m, max(0, int(b.x0) - m) : int(b.x1) + m] = 0
    _, boxes = outlines(free)
    # the points of signature leaders read as a line of junk: painted paper
    dots = leader_dots(boxes, free.shape, dpi)
    # drop specks: keep pieces of a letter's size
    glyph = dpi / 40
    seeds = np.zeros_like(free)
    for x, y, w, h in boxes.tolist():
        if max(w, h) < glyph or (w > dpi * 3 and h < dpi / 30):
            continue  # a speck, or a lone rule
        seeds[y : y + h, x : x + w] = 255
    # lone specks (scanner dirt) are glyph-sized too: text comes in runs, so
    # keep only what smears into a run wider than a speck can make
    smear = cv2.dilate(seeds, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(dpi / 12)), 1)))
    contours, boxes = outlines(smear)
    runs = np.zeros_like(free)
    wide = [c for c, (_x, _y, w, _h) in zip(contours, boxes.tolist()) if w >= dpi / 5]
    cv2.drawContours(runs, wide, -1, 255, thickness=cv2.FILLED)
    free = cv2.bitwise_and(seeds, runs)
    # ink that is no part of a run nor near one (a speck far right of a
    # line, read as "1" and joined to the header field) is painted paper in
    # the crops; marks over and under letters, points and colons between
    # words (a few spaces off) are near
    up, side = max(3, int(dpi / 12)), max(3, int(dpi / 4))
    near = cv2.dilate(free, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * side + 1, 2 * up + 1)))
    lone = ((ink > 0) & (near == 0)) | dots
    rows = free.any(axis=1)
    lines: list[TextLine] = []
    if not rows.any():
        return lines
    # regions: vertical runs of inked rows, split at gaps taller than a line
    gap = int(dpi / 6)
    ys = np.nonzero(rows)[0]
    starts = [ys[0]]
    ends = []
    for a, b in zip(ys[:-1], ys[1:]):
        if b - a > gap:
            ends.append(a + 1)
            starts.append(b)
    ends.append(ys[-1] + 1)
    pad = int(dpi / 30)
    for y0, y1 in zip(starts, ends):
        cols = np.nonzero(free[y0:y1].any(axis=0))[0]
        x0, x1 = int(cols[0]), int(cols[-1]) + 1
        if (y1 - y0) < dpi / 40 or (x1 - x0) < dpi / 30:
            continue
        cy0, cy1 = max(0, y0 - pad), min(H, y1 + pad)
        cx0, cx1 = max(0, x0 - pad), min(W, x1 + pad)
        crop = clean[cy0:cy1, cx0:cx1].copy()
        crop[lone[cy0:cy1, cx0:cx1]] = int(np.percentile(crop, 90))
        # what the region crop shows of a table is not free text
        for g in grids:
            b = g.box
            gy0, gy1 = int(b.y0) - m - cy0, int(b.y1) + m - cy0
            gx0, gx1 = int(b.x0) - m - cx0, int(b.x1) + m - cx0
            if gy1 > 0 and gy0 < crop.shape[0] and gx1 > 0 and gx0 < crop.shape[1]:
                crop[max(0, gy0) : gy1, max(0, gx0) : gx1] = 255
        for res in engine.read_lines(crop):
            if not res.words:
                continue
            box = Box(min(w.box.x0 for w in res.words) + cx0, min(w.box.y0 for w in res.words) + cy0,
                      max(w.box.x1 for w in res.words) + cx0, max(w.box.y1 for w in res.words) + cy0)
            # the year of a title (พ.ศ. ๒๕๖๓): the text model misreads bold
            # Thai digits, the number reader reads them again
            text = reread_year(reread_latin_words(res, crop, engine), res.words, crop, engine)
            # ำ read as า (a name's น้ำ): the ring is in the image
            text = mend_sara_am(text, res.words, crop)
            lines.append(TextLine(text, page_number, box, round(res.confidence, 3)))
    return lines
