"""Which way round a scanned page is: text direction from word-blob shapes,
then the quarter turn whose blobs read most confidently."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.scan.ruling import outlines
from pipeline.extract.scan.threshold import binarize
from pipeline.ocr.crops import percentile_u8


def quarter_turns(gray: np.ndarray, dpi: float, engine) -> tuple[int, float | None]:
    """Quarter turns (np.rot90 k) that make the page upright, and a score.

    Tesseract's OSD was unreliable on degraded table pages (wrong on 2 of 9
    sideways tests, confidences 0.2-4.7), so: (1) text direction from the
    shape of word blobs (ink without ruling lines, smeared along one axis:
    words are long along the text direction); (2) which way round, by
    reading a few word blobs both ways and keeping the more confident."""
    f = 0.5
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    sd = dpi * f
    b = binarize(small, sd)
    k = max(9, int(sd / 8))
    lines = cv2.bitwise_or(
        cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))),
        cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))),
    )
    text = cv2.bitwise_and(b, cv2.bitwise_not(cv2.dilate(lines, np.ones((3, 3), np.uint8))))
    smear = max(3, int(sd / 30))

    contours: dict[bool, list[np.ndarray]] = {}

    def blobs(horizontal: bool) -> list[tuple[int, int, int, int, int]]:
        kern = (smear, 1) if horizontal else (1, smear)
        d = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, kern))
        # outlines, not labels: a sixth of the cost (`ruling.outlines`)
        contours[horizontal], boxes = outlines(d)
        out = []
        for i, (x, y, w, h) in enumerate(boxes.tolist()):
            long_, short = (w, h) if horizontal else (h, w)
            if long_ >= 2.5 * short and sd / 12 <= long_ <= sd * 2 and sd / 40 <= short <= sd / 5:
                out.append((x, y, w, h, i))
        # the order of labels (top to bottom) for blobs of one size
        return sorted(out, key=lambda r: (r[1], r[0]))

    def blob_crop(blob: tuple[int, int, int, int, int], horizontal: bool) -> np.ndarray:
        """The blob at full resolution with everything outside it paper-white:
        in tight rows its box also cuts through the next line's marks, and
        single-line reads of such crops come back empty (0.0) upright."""
        x, y, w, h, i = blob
        y0, x0 = max(0, y - 2), max(0, x - 2)
        own = np.zeros((y + h + 2 - y0, x + w + 2 - x0), np.uint8)
        # (the one contour passed alone: given the whole list, the binding
        # converts every contour of the page on each call)
        cv2.drawContours(own, [contours[horizontal][i]], 0, 1, thickness=cv2.FILLED, offset=(-x0, -y0))
        own = cv2.resize(cv2.dilate(own, np.ones((3, 3), np.uint8)), None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
        crop = gray[2 * y0 : 2 * y0 + own.shape[0], 2 * x0 : 2 * x0 + own.shape[1]].copy()
        own = own[: crop.shape[0], : crop.shape[1]]
        crop[own == 0] = int(percentile_u8(crop, 90))
        return crop

    hb, vb = blobs(True), blobs(False)
    if len(hb) + len(vb) < 3:
        return 0, None

    confs: list[float] = []  # the last call's per-blob confidences

    def mean_conf(cands: list[tuple[int, int, int, int, int]], k: int, beat: float | None = None) -> float:
        """The mean confidence of the largest blobs read turned by k; with
        `beat`, the reads stop once the mean can no longer reach it (the
        caller only needs to know it falls short: that ceiling is returned,
        and the decision is the one all reads would give)."""
        cands = sorted(cands, key=lambda r: -r[2] * r[3])[:4]
        if not cands:
            return 0.0
        total = 0.0
        confs.clear()
        for n_read, blob in enumerate(cands, 1):
            # the blob read at full resolution: half-size glyphs read with
            # low confidence either way round
            crop = np.ascontiguousarray(np.rot90(blob_crop(blob, k % 2 == 0), k))
            try:
                c = engine.read_text(crop, single_line=True).confidence
                if c < 0.5:
                    # the smear joins the two lines of a tight table row
                    # into one blob, which the single-line read garbles
                    # (0.0-0.1 upright: a landscape page was turned
                    # sideways); cut into lines it reads as it is
                    c = max(c, engine.read_text(crop).confidence)
                total += c
                confs.append(c)
            except Exception:  # noqa: BLE001 - orientation is a best effort
                pass
            if k == 0 and len(confs) == 2 and min(confs) >= 0.9:
                # two upright lines reading at 0.9+ settle it (text upside
                # down reads at 0.4-0.75): half the reads on most pages
                return total / 2
            ceiling = (total + len(cands) - n_read) / len(cands)  # the unread blobs at 1.0
            if beat is not None and ceiling < beat:
                return ceiling
        return total / len(cands)

    # the text direction the blob shapes favour is tried first; the other
    # only when the first reads poorly
    # (by the size of the four largest blobs, the ones read: counting blobs
    # let a table's short stacks of digits outvote the title lines, and a
    # wrong first guess costs three more rounds of reads, ~0.25 s a page)
    def top4(cands: list[tuple[int, int, int, int, int]]) -> int:
        return sum(sorted(w * h for _x, _y, w, h, _i in cands)[-4:])

    first, second = ((hb, (0, 2)), (vb, (1, 3))) if top4(hb) >= top4(vb) else ((vb, (1, 3)), (hb, (0, 2)))
    # an upright page that reads well needs no second look (a turned
    # reading could not beat it by the 0.1 required below)
    k0 = first[1][0]
    scores = {k0: mean_conf(first[0], k0)}
    if k0 == 0 and (scores[0] >= 0.9 or (len(confs) >= 3 and sorted(confs)[1] >= 0.85)):
        # (or all blobs but one read at 0.85+: one blob that is a rule
        # remnant or a stamp reads at 0 and sank the mean on upright pages;
        # text upside down reads at 0.4-0.75)
        return 0, scores[0]
    # a turn that cannot beat the best so far needs no exact score (nor the
    # rest of its reads: an upside-down or sideways page read two more
    # rounds of four blobs); upright needs one only when it could stop a turn
    for k in first[1][1:]:
        scores[k] = mean_conf(first[0], k, beat=max(scores.values()))
    if max(scores.values()) < 0.8:
        for k in second[1]:
            scores[k] = mean_conf(second[0], k, beat=max(scores.values()))
    if 0 not in scores:
        scores[0] = mean_conf(hb, 0, beat=max(scores.values()) - 0.1)
    best = max(scores, key=lambda k: scores[k])
    # turn only on clear evidence: an upright page is the common case
    if best != 0 and scores[best] < scores[0] + 0.1:
        best = 0
    return best, scores[best]
