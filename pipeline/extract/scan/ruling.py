"""Ruling lines from the binary page: long runs by morphology, short ones
that go rule to rule, and the page with the rules painted out."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.grid import Segment
from pipeline.ocr.crops import percentile_u8


def ruling(binary: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, list[Segment], list[Segment]]:
    """Ruling lines: long runs (a horizontal kernel of dpi/8, a vertical one
    of dpi/7) and, for short rows and columns (the sub-header row งาน | งบ is
    shorter than the vertical kernel), short runs that go from one long rule
    to the next: glyph strokes never span rule to rule."""
    kh = max(15, int(dpi / 8))
    kv = max(15, int(dpi / 7))
    hmask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    vmask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, kv)))
    thick = max(4 * dpi / 72, 3)
    hs: list[Segment] = []
    vs: list[Segment] = []
    side = max(2, int(dpi / 100))
    hcont, boxes = outlines(hmask)
    hfree = None
    for i, (x, y, w, h) in enumerate(boxes.tolist()):
        if w >= kh and h <= max(thick, w / 4):
            if w < 4 * kh:
                # the heads of a line of bold glyphs can merge into a bar as
                # long as the kernel (a phone photo at ~107 dpi: 38-45 px
                # at 300 dpi over a bold activity title), or twice as long
                # (a 300-dpi Sawasdee ๑๑๐๑๐๑, its rings' tops touching: 82
                # px, painted out with the rules), and short stems then
                # went "rule to rule" from the row's rule to it: a row and
                # three columns too many.  A rule has no ink along it (as
                # for the short vertical runs below)
                if hfree is None:
                    hfree = cv2.subtract(binary, vmask)
                t = max(3, int(dpi / 40))
                a0, a1 = x + t, x + w - t
                near = np.concatenate([hfree[max(0, y - side - 1) : max(0, y - 1), a0:a1],
                                       hfree[y + h + 1 : y + h + side + 1, a0:a1]], axis=0).T
                if a1 - a0 >= 3 and near.size and near.any(axis=1).mean() > 0.25:
                    cv2.drawContours(hmask, [hcont[i]], 0, 0, thickness=cv2.FILLED)
                    continue
            hs.append(Segment(float(x), y + h / 2, float(x + w - 1), y + h / 2))
    vcont, boxes = outlines(vmask)
    # (masks are 0/255: a saturated subtraction is `a and not b`, one call
    # over the page instead of two)
    free = cv2.subtract(binary, hmask)
    for i, (x, y, w, h) in enumerate(boxes.tolist()):
        if h >= kv and w <= max(thick, h / 4):
            if h < 2 * kv:
                # a glyph's stroke can be as long as the kernel in a tight
                # row (ไ of ไตรมาส at 200 dpi); a rule has no ink beside it
                t = max(3, int(dpi / 40))
                a0, a1 = y + t, y + h - t
                near = np.concatenate([free[a0:a1, max(0, x - side - 1) : max(0, x - 1)],
                                       free[a0:a1, x + w + 1 : x + w + side + 1]], axis=1)
                if ((a1 - a0 >= 3 and near.size and near.any(axis=1).mean() > 0.25)
                        or not _ends_on(hs, x + w / 2, y, y + h - 1, max(3.0, dpi / 40))):
                    # ...and a short rule meets a rule at one end at least:
                    # a tall letter's stem does not (ใ of a signer's ทองใบ,
                    # 48 px at 300 dpi, with its loop beside its top only,
                    # was painted out and read "'.")
                    cv2.drawContours(vmask, [vcont[i]], 0, 0, thickness=cv2.FILLED)
                    continue
            vs.append(Segment(x + w / 2, float(y), x + w / 2, float(y + h - 1)))
    if hs:
        vs_short, vshort_mask = _rule_to_rule(binary, vmask, hs, dpi, vertical=True)
        if vs_short:
            vs += vs_short
            vmask = cv2.bitwise_or(vmask, vshort_mask)
    if vs:
        hs_short, hshort_mask = _rule_to_rule(binary, hmask, vs, dpi, vertical=False)
        if hs_short:
            hs += hs_short
            hmask = cv2.bitwise_or(hmask, hshort_mask)
    return hmask, vmask, hs, vs


def _ends_on(hs: list[Segment], x: float, top: float, bottom: float, tol: float) -> bool:
    """Whether a vertical run at `x` from `top` to `bottom` has an end on
    one of the horizontal rules `hs` (within `tol`)."""
    return any(min(s.x0, s.x1) - tol <= x <= max(s.x0, s.x1) + tol
               and min(abs(s.y0 - top), abs(s.y0 - bottom)) <= tol for s in hs)


def outlines(mask: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The mask's pieces as outer contours and their boxes (n x 4: x, y, w,
    h).  Tracing outlines of these sparse masks takes 4-10 ms a page where
    labelling every pixel (connectedComponentsWithStats) took 85."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return [], np.zeros((0, 4), np.int64)
    # the boxes from all outline points at once: a scan's specks make tens of
    # thousands of contours, and one boundingRect call each cost as much as
    # tracing them
    points = np.concatenate(contours).reshape(-1, 2)
    starts = np.zeros(len(contours), np.int64)
    np.cumsum([len(c) for c in contours[:-1]], out=starts[1:])
    lo, hi = np.minimum.reduceat(points, starts), np.maximum.reduceat(points, starts)
    return list(contours), np.concatenate([lo, hi - lo + 1], axis=1).astype(np.int64)


def _rule_to_rule(binary: np.ndarray, long_mask: np.ndarray, across: list[Segment], dpi: float, *,
                  vertical: bool) -> tuple[list[Segment], np.ndarray]:
    """Short straight runs (kernel ~dpi/25) not already in `long_mask` whose
    two ends each meet a rule of `across` (the other direction) that covers
    them.  Returns the segments and their mask."""
    k = max(7, int(dpi / 25))
    kern = cv2.getStructuringElement(cv2.MORPH_RECT, (1, k) if vertical else (k, 1))
    short = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kern)
    short = cv2.subtract(short, cv2.dilate(long_mask, np.ones((3, 3), np.uint8)))
    contours, boxes = outlines(short)
    out_mask = np.zeros_like(binary)
    if len(contours) == 0:
        return [], out_mask
    st = boxes.astype(np.float64)
    x, y, w, h = st[:, 0], st[:, 1], st[:, 2], st[:, 3]
    thick = max(4 * dpi / 72, 3)
    if vertical:
        pos, lo, hi, width = x + w / 2, y, y + h - 1, w
    else:
        pos, lo, hi, width = y + h / 2, x, x + w - 1, h
    cand = (width <= thick) & (hi - lo + 1 >= k)
    idx = np.nonzero(cand)[0]
    if len(idx) == 0:
        return [], out_mask
    a = np.array([((s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1)) if vertical else
                  ((s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1)) for s in across])
    t = max(3.0, dpi / 40)
    p, l0, l1 = pos[idx][:, None], lo[idx][:, None], hi[idx][:, None]
    covers = (a[None, :, 1] - t <= p) & (p <= a[None, :, 2] + t)
    top = (np.abs(a[None, :, 0] - l0) <= t) & covers
    bottom = (np.abs(a[None, :, 0] - l1) <= t) & covers
    # both ends on rules, and the two rules are different ones
    ok = top.any(axis=1) & bottom.any(axis=1) & ((l1 - l0)[:, 0] > t)
    # a glyph's stroke can span a tight row rule to rule (ไ of ไตรมาส at
    # 200 dpi); a rule has no ink beside it, a stroke has its loop and hook
    free = None
    side = max(2, int(dpi / 100))
    for n_i, i in enumerate(idx.tolist()):
        if not ok[n_i]:
            continue
        if free is None:
            free = cv2.subtract(binary, long_mask)
        a0, a1 = int(lo[i] + t), int(hi[i] - t) + 1
        if a1 - a0 < 3:
            continue
        if vertical:
            c0, c1 = int(x[i]), int(x[i] + w[i])
            near = np.concatenate([free[a0:a1, max(0, c0 - side - 1) : max(0, c0 - 1)],
                                   free[a0:a1, c1 + 1 : c1 + side + 1]], axis=1)
        else:
            c0, c1 = int(y[i]), int(y[i] + h[i])
            near = np.concatenate([free[max(0, c0 - side - 1) : max(0, c0 - 1), a0:a1],
                                   free[c1 + 1 : c1 + side + 1, a0:a1]], axis=0).T
        if near.size and near.any(axis=1).mean() > 0.25:
            ok[n_i] = False
    segs: list[Segment] = []
    keep = idx[ok]
    for i in keep.tolist():
        if vertical:
            segs.append(Segment(float(pos[i]), float(lo[i]), float(pos[i]), float(hi[i])))
        else:
            segs.append(Segment(float(lo[i]), float(pos[i]), float(hi[i]), float(pos[i])))
    if len(keep):
        cv2.drawContours(out_mask, [contours[i] for i in keep.tolist()], -1, 255, thickness=cv2.FILLED)
    return segs, out_mask


def clean_gray(gray: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """The page with ruling lines painted paper-white (so crops that touch a
    border do not show a bar to the OCR); `lines`: the rules' mask, grown by
    a pixel."""
    out = gray.copy()
    paper = int(percentile_u8(gray[::8, ::8], 90))
    out[lines > 0] = paper
    return out


def glyph_crossings(hmask: np.ndarray, lines: np.ndarray, ink: np.ndarray,
                    dpi: float) -> np.ndarray:
    """The pixels of the vertical rules (of `lines`, the grown mask; 0/255)
    that a glyph runs into from the side: a figure that fills its cell
    touches the rule, and painting the rule out takes the figure's edge
    with it (a Garuda totals row's last 0 under its right rule read 'C').
    Where ink (`ink`, without the rules) meets a rule's side, the rule's
    half on that side is kept: the cell's crop ends at the rule's middle,
    so the neighbour never sees it.  Horizontal rules keep nothing: the
    figures of a number cell meet its side rules, Thai marks meet the
    rules above and below.  Where two rules cross nothing is kept (a
    rule's end meets the other rule's side).  Only number cells are read
    from the image with these pixels kept (`cell._rule_kept`)."""
    band = cv2.subtract(lines, cv2.dilate(hmask, np.ones((3, 3), np.uint8)))
    reach = max(1, round(dpi / 100))  # a grown rule's half: 2-3 px at 300 dpi
    left, right = np.zeros_like(band), np.zeros_like(band)
    np.bitwise_and(band[:, 1:], ink[:, :-1], out=left[:, 1:])  # its left neighbour is ink
    np.bitwise_and(band[:, :-1], ink[:, 1:], out=right[:, :-1])  # its right neighbour is ink
    # grown into the rule, away from the ink
    left = cv2.dilate(left, np.ones((1, reach), np.uint8), anchor=(reach - 1, 0))
    right = cv2.dilate(right, np.ones((1, reach), np.uint8), anchor=(0, 0))
    # where the glyph's edge runs inside the rule, its fringe beside the
    # rule is too light to be ink: a 0's right side met the rule only at
    # the top and bottom of its bowl, and read 'C' with two stubs; gaps
    # along the rule up to about half a digit's height are closed
    gap = max(3, round(dpi / 15))
    kept = cv2.morphologyEx(cv2.bitwise_or(left, right), cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    return cv2.bitwise_and(kept, band)
