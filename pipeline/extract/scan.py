"""Scanned page image -> `Page`: orientation, deskew, ruling lines, grid,
one OCR read per cell.

`read_page_image` is the seam the PDF extractor (image-only pages) and the
image extractor call.  Steps:

1. grayscale;
2. orientation (`_orientation`): text direction from the shape of word
   blobs, which way round by reading the four largest blobs (an upright
   page whose blobs read at 0.85+ stops there: ~0.1 s); sideways / upside
   down pages are turned by a multiple of 90 degrees;
3. deskew up to +-5 degrees: the angle whose sheared row profile of the ink
   (dominated by the table's ruling lines) is sharpest;
4. adaptive threshold (textured paper defeats Otsu);
5. morphology: long horizontal / vertical runs -> ruling segments;
6. cells from the shared grid builder (`pipeline.extract.grid.find_grids`);
7. per cell: empty and `-` recognised by shape (connected components), no
   OCR, small solid dots and short flat marks measured against the table's
   own glyphs and dashes (`_settle_specks`); the page's digit script voted
   on from body cells first, by glyph shape, else by reading a dozen
   (`_vote_script`), then one-line narrow content read as a number with the
   reader of that script (digit whitelist), falling back to text when that
   reading is weak; commas and points put right by position
   (`_fix_separators`); other cells as text;
8. free text above, between and below the tables -> `TextLine`s.

Coordinates: every `Box` (cells, tables, lines) is in pixels of the *upright*
page image, i.e. the input image after the 90-degree turn and the deskew
rotation (about the image centre, same size for 0/180, width and height
swapped for 90/270).  `Page.width`/`Page.height` are that image's size and
`Page.dpi` the resolution given.  `upright_image()` reproduces the image the
boxes refer to (for review pages that show crops).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.extract.grid import Grid, Segment, find_grids
from pipeline.model import Box, Cell, Page, Table, TextLine
from pipeline.ocr.latin_in_thai import reread_latin_words
from pipeline.ocr.year_digits import reread_year
from pipeline.settings import Settings

__all__ = ["read_page_image", "upright_image", "Upright", "ScanStats"]

MAX_SKEW_DEG = 5.0
_NUMBER_CHARS = set("0123456789๐๑๒๓๔๕๖๗๘๙,.-")
_NUMBER_RE = re.compile(r"^-?[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?$|^-?[0-9๐-๙]+(?:\.[0-9๐-๙]+)?$")
_DASH = "-"


@dataclass(slots=True)
class Upright:
    image: np.ndarray  # grayscale, upright, deskewed
    quarter_turns: int  # np.rot90 k applied (counter-clockwise quarter turns)
    skew_deg: float  # rotation applied after the turn (degrees, counter-clockwise)
    orientation_conf: float | None = None


@dataclass(slots=True)
class ScanStats:
    """Where the time went on the last page (for benchmarks)."""

    seconds: dict[str, float] = field(default_factory=dict)
    cells: int = 0
    ocr_cells: int = 0
    shape_cells: int = 0

    def add(self, key: str, t0: float) -> float:
        now = time.perf_counter()
        self.seconds[key] = self.seconds.get(key, 0.0) + now - t0
        return now


last_stats = ScanStats()


# --------------------------------------------------------------------------
# image preparation
# --------------------------------------------------------------------------


def _gray(image: np.ndarray) -> np.ndarray:
    img = np.asarray(image)
    if img.ndim == 3:
        if img.shape[2] == 1:
            img = img[:, :, 0]
        elif img.shape[2] == 4:
            img = cv2.cvtColor(img, cv2.COLOR_RGBA2GRAY)
        else:
            img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if img.dtype != np.uint8:
        if img.dtype == bool:
            img = np.where(img, 255, 0).astype(np.uint8)
        else:
            hi = float(img.max()) if img.size else 1.0
            img = (img.astype(np.float32) * (255.0 / max(hi, 1.0))).astype(np.uint8)
    return np.ascontiguousarray(img)


def _odd(n: float) -> int:
    n = int(round(n))
    return n if n % 2 else n + 1


def _binarize(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Ink = 255.  Adaptive mean threshold over ~1/8 inch: paper tone and
    texture vary across the page, so one global (Otsu) threshold does not."""
    block = _odd(max(15, dpi / 8))
    sample = gray[::4, ::4]
    paper = float(np.median(sample))
    ink = float(np.percentile(sample, 0.5))
    # ink must be darker than its neighbourhood by a share of the page's
    # contrast (paper texture and noise stay out), but no more than the
    # paper's noise calls for: the page's contrast is its ruling lines', and
    # thin strokes of a light typewriter face are half as dark (a 0.22 share
    # lost the last digit by each rule and every dash)
    contrast = paper - ink
    c = max(8.0, 0.1 * contrast, min(0.22 * contrast, 5.0 * _paper_noise(gray, paper)))
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, c)


def _paper_noise(gray: np.ndarray, paper: float) -> float:
    """Standard deviation of the fine grain on bare paper (robust: the median
    absolute deviation from a small blur, where the blur is paper-bright),
    from the middle quarter of the page at half size (grain is the same all
    over; the whole page took 50 ms)."""
    h, w = gray.shape
    sm = gray[h // 4 : 3 * h // 4 : 2, w // 4 : 3 * w // 4 : 2].astype(np.float32)
    blur = cv2.GaussianBlur(sm, (0, 0), 2)
    bare = blur > paper - 12
    if not bare.any():
        return 0.0
    return 1.4826 * float(np.median(np.abs((sm - blur)[bare])))


def _orientation(gray: np.ndarray, dpi: float, engine) -> tuple[int, float | None]:
    """Quarter turns (np.rot90 k) that make the page upright, and a score.

    Tesseract's OSD was unreliable on degraded table pages (wrong on 2 of 9
    sideways tests, confidences 0.2-4.7), so: (1) text direction from the
    shape of word blobs (ink without ruling lines, smeared along one axis:
    words are long along the text direction); (2) which way round, by
    reading a few word blobs both ways and keeping the more confident."""
    f = 0.5
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    sd = dpi * f
    b = _binarize(small, sd)
    k = max(9, int(sd / 8))
    lines = cv2.bitwise_or(
        cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))),
        cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))),
    )
    text = cv2.bitwise_and(b, cv2.bitwise_not(cv2.dilate(lines, np.ones((3, 3), np.uint8))))
    smear = max(3, int(sd / 30))

    labels: dict[bool, np.ndarray] = {}

    def blobs(horizontal: bool) -> list[tuple[int, int, int, int, int]]:
        kern = (smear, 1) if horizontal else (1, smear)
        d = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, kern))
        _, labels[horizontal], st, _ = cv2.connectedComponentsWithStats(d, connectivity=8)
        out = []
        for i, (x, y, w, h, a) in enumerate(st[1:].tolist(), 1):
            long_, short = (w, h) if horizontal else (h, w)
            if long_ >= 2.5 * short and sd / 12 <= long_ <= sd * 2 and sd / 40 <= short <= sd / 5:
                out.append((x, y, w, h, i))
        return out

    def blob_crop(blob: tuple[int, int, int, int, int], horizontal: bool) -> np.ndarray:
        """The blob at full resolution with everything outside it paper-white:
        in tight rows its box also cuts through the next line's marks, and
        single-line reads of such crops come back empty (0.0) upright."""
        x, y, w, h, i = blob
        y0, x0 = max(0, y - 2), max(0, x - 2)
        own = (labels[horizontal][y0 : y + h + 2, x0 : x + w + 2] == i).astype(np.uint8)
        own = cv2.resize(cv2.dilate(own, np.ones((3, 3), np.uint8)), None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
        crop = gray[2 * y0 : 2 * y0 + own.shape[0], 2 * x0 : 2 * x0 + own.shape[1]].copy()
        own = own[: crop.shape[0], : crop.shape[1]]
        crop[own == 0] = int(np.percentile(crop, 90))
        return crop

    hb, vb = blobs(True), blobs(False)
    if len(hb) + len(vb) < 3:
        return 0, None

    confs: list[float] = []  # the last call's per-blob confidences

    def mean_conf(cands: list[tuple[int, int, int, int, int]], k: int) -> float:
        cands = sorted(cands, key=lambda r: -r[2] * r[3])[:4]
        if not cands:
            return 0.0
        total = 0.0
        confs.clear()
        for blob in cands:
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
    scores.update({k: mean_conf(first[0], k) for k in first[1][1:]})
    if max(scores.values()) < 0.8:
        scores.update({k: mean_conf(second[0], k) for k in second[1]})
    if 0 not in scores:
        scores[0] = mean_conf(hb, 0)
    best = max(scores, key=lambda k: scores[k])
    # turn only on clear evidence: an upright page is the common case
    if best != 0 and scores[best] < scores[0] + 0.1:
        best = 0
    return best, scores[best]


def _skew_angle(binary: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """Degrees the content is rotated clockwise (lines run down to the right
    for positive values): the shear whose row profile is sharpest.  Long
    horizontal runs (ruling lines, text baselines) dominate the score."""
    h, w = binary.shape
    f = min(1.0, 1600.0 / max(w, 1))
    small = cv2.resize(binary, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else binary
    small = (small > 100).astype(np.uint8)
    # keep horizontal-ish structure: runs of a few pixels (drops specks, vertical rules)
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 1))
    small = cv2.morphologyEx(small, cv2.MORPH_OPEN, k)
    ys, xs = np.nonzero(small)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 400_000:
        idx = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[idx], xs[idx]
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - small.shape[1] / 2
    off = int(small.shape[1] * math.tan(math.radians(max_deg))) + 2
    n_bins = small.shape[0] + 2 * off + 2

    def score(deg: float) -> float:
        y2 = np.rint(ys - xs * math.tan(math.radians(deg))).astype(np.int64) + off
        prof = np.bincount(y2, minlength=n_bins).astype(np.float64)
        return float(np.dot(prof, prof))

    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.25)
    scores = [score(a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025)
    scores = [score(a) for a in fine]
    return float(fine[int(np.argmax(scores))])


def _rotate(gray: np.ndarray, deg: float) -> np.ndarray:
    if abs(deg) < 0.02:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    border = int(np.median(np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])))
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def upright_image(image: np.ndarray, dpi: float, engine=None, *, orientation: bool = True) -> Upright:
    """The grayscale page turned upright and deskewed (the frame of all boxes)."""
    gray = _gray(image)
    k, conf = 0, None
    if orientation:
        if engine is None:
            from pipeline.ocr import get_engine

            engine = get_engine()
        k, conf = _orientation(gray, dpi, engine)
        if k:
            gray = np.ascontiguousarray(np.rot90(gray, k))
    skew = _skew_angle(_binarize(gray, dpi))
    # lines running down to the right (positive skew) need a counter-clockwise turn
    return Upright(_rotate(gray, skew), k, skew, conf)


# --------------------------------------------------------------------------
# ruling lines -> grids
# --------------------------------------------------------------------------


def _ruling(binary: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, list[Segment], list[Segment]]:
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
    _, boxes = _outlines(hmask)
    for x, y, w, h in boxes.tolist():
        if w >= kh and h <= max(thick, w / 4):
            hs.append(Segment(float(x), y + h / 2, float(x + w - 1), y + h / 2))
    vcont, boxes = _outlines(vmask)
    free = cv2.bitwise_and(binary, cv2.bitwise_not(hmask))
    side = max(2, int(dpi / 100))
    for i, (x, y, w, h) in enumerate(boxes.tolist()):
        if h >= kv and w <= max(thick, h / 4):
            if h < 2 * kv:
                # a glyph's stroke can be as long as the kernel in a tight
                # row (ไ of ไตรมาส at 200 dpi); a rule has no ink beside it
                t = max(3, int(dpi / 40))
                a0, a1 = y + t, y + h - t
                near = np.concatenate([free[a0:a1, max(0, x - side - 1) : max(0, x - 1)],
                                       free[a0:a1, x + w + 1 : x + w + side + 1]], axis=1)
                if a1 - a0 >= 3 and near.size and near.any(axis=1).mean() > 0.25:
                    cv2.drawContours(vmask, vcont, i, 0, thickness=cv2.FILLED)
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


def _outlines(mask: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The mask's pieces as outer contours and their boxes (n x 4: x, y, w,
    h).  Tracing outlines of these sparse masks takes 4-10 ms a page where
    labelling every pixel (connectedComponentsWithStats) took 85."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = np.array([cv2.boundingRect(c) for c in contours], np.int64).reshape(-1, 4)
    return list(contours), boxes


def _rule_to_rule(binary: np.ndarray, long_mask: np.ndarray, across: list[Segment], dpi: float, *,
                  vertical: bool) -> tuple[list[Segment], np.ndarray]:
    """Short straight runs (kernel ~dpi/25) not already in `long_mask` whose
    two ends each meet a rule of `across` (the other direction) that covers
    them.  Returns the segments and their mask."""
    k = max(7, int(dpi / 25))
    kern = cv2.getStructuringElement(cv2.MORPH_RECT, (1, k) if vertical else (k, 1))
    short = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kern)
    short = cv2.bitwise_and(short, cv2.bitwise_not(cv2.dilate(long_mask, np.ones((3, 3), np.uint8))))
    contours, boxes = _outlines(short)
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
    free = cv2.bitwise_and(binary, cv2.bitwise_not(long_mask))
    side = max(2, int(dpi / 100))
    for n_i, i in enumerate(idx.tolist()):
        if not ok[n_i]:
            continue
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


# --------------------------------------------------------------------------
# cells
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Ink:
    """What a cell holds, from its connected components."""

    # empty | dash | content, or until `_settle_specks` decides: speck (a
    # solid dot) | short_dash (a small flat mark)
    kind: str
    box: tuple[int, int, int, int] | None = None  # x0, y0, x1, y1 in page pixels (exclusive ends)
    bands: int = 0  # text bands separated by blank rows
    n_comp: int = 0
    main_box: tuple[int, int, int, int] | None = None  # the glyph-sized components alone
    main_bands: int = 0


def _hollow(patch: np.ndarray) -> bool:
    """The middle of a small blob is clearly lighter than its darkest ring
    (a loop of a glyph, not a solid speck)."""
    h, w = patch.shape
    if h < 3 or w < 3:
        return False
    lo, hi = float(patch.min()), float(patch.max())
    mid = float(patch[h // 3 : h - h // 3, w // 3 : w - w // 3].mean())
    return hi - lo >= 24 and mid - lo > 0.3 * (hi - lo)


def _cell_ink(ink: np.ndarray, gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, dpi: float) -> _Ink:
    """Empty / dash / content from the cell's connected components.  Specks
    (smaller than a glyph) do not count, nor do ruling-line remnants along
    the border; marks near the main ink (Thai vowels and tone marks) join
    the content box."""
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0 or not crop.any():
        return _Ink("empty")
    n, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    st = stats[1:]
    min_area = max(3, int((dpi / 300) ** 2 * 6))
    st = st[st[:, 4] >= min_area]
    if len(st) == 0:
        return _Ink("empty")
    bw, bh = x1 - x0, y1 - y0
    glyph = dpi / 40  # a glyph (or a dash) is at least this long one way
    main, small = [], []
    for x, y, w, h, a in st.tolist():
        touches = x <= 0 or y <= 0 or x + w >= bw or y + h >= bh
        thin = (h <= dpi / 60 and w > bw * 0.6) or (w <= dpi / 60 and h > bh * 0.6)
        if touches and thin:
            continue
        (main if max(w, h) >= glyph else small).append((x, y, w, h, a))
    if not main:
        # a short dash (small fonts: 7 x 4 px at 300 dpi) is below a glyph's
        # size; specks are round, a dash is flat and sits mid-cell
        # (Waree at 8 pt: 5 x 3 px, sometimes 5 x 4)
        # at 200 dpi the threshold can break a thin dash in two (3x2 + 3x1
        # px side by side): pieces on one level a pixel or two apart join
        small = sorted(small)
        joined: list[tuple[int, int, int, int, int]] = []
        for x, y, w, h, a in small:
            if joined:
                jx, jy, jw, jh, ja = joined[-1]
                if x - (jx + jw) <= max(2, dpi / 100) and y < jy + jh and jy < y + h:
                    nx0, ny0 = min(jx, x), min(jy, y)
                    nx1, ny1 = max(jx + jw, x + w), max(jy + jh, y + h)
                    joined[-1] = (nx0, ny0, nx1 - nx0, ny1 - ny0, ja + a)
                    continue
            joined.append((x, y, w, h, a))
        dashes = [k for k in joined if k[2] >= dpi / 75 and k[2] >= 1.25 * k[3] and k[3] <= dpi / 35
                  and k[4] >= 0.5 * k[2] * k[3] and 0.2 * bh <= k[1] + k[3] / 2 <= 0.8 * bh]
        if len(dashes) == 1:
            # a dash, or a flat speck of dirt (5 x 4 px at 300 dpi) where the
            # table's dashes are twice as long (see `_settle_specks`)
            x, y, w, h, a = dashes[0]
            return _Ink("short_dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        return _Ink("empty")
    if len(main) == 1:
        x, y, w, h, a = main[0]
        # (a faint 200 dpi dash is 7 x 3 px with 8-10 px inked: 0.4 of its box)
        if w >= 1.6 * h and h <= dpi / 35 and w <= dpi / 4 and a >= 0.38 * w * h:
            return _Ink("dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        if w >= 1.25 * h and h <= dpi / 35 and w <= dpi / 12 and a >= 0.5 * w * h:
            # a blurred short dash (Kinnari at 200 dpi: 6 x 4 px), which the
            # glyph reader took for ๑/๒/๙ -- or a flat speck: the table's
            # own dashes decide (`_settle_specks`)
            return _Ink("short_dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
    if len(main) + len(small) > 1 and all(max(k[2], k[3]) <= dpi / 4 for k in main):
        # a dash plus scanner dirt (square specks of 5-6 px at 200 dpi, below
        # a digit's height) read as '' or '.': the dash alone counts
        every = main + small
        flat = [k for k in every if k[2] >= 1.6 * k[3] and k[3] <= dpi / 35 and dpi / 75 <= k[2] <= dpi / 4
                and k[4] >= 0.38 * k[2] * k[3]]
        # (the largest flat piece, when the rest is dirt: square specks, or
        # flat ones of half its ink or less)
        dash = max(flat, key=lambda k: k[4]) if flat else None
        if dash is not None and all(max(k[2], k[3]) <= dpi / 28 and (k[2] < 1.6 * k[3] or 2 * k[4] <= dash[4])
                                    for k in every if k is not dash):
            x, y, w, h, a = dash
            return _Ink("dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
    if (len(main) == 1 and max(main[0][2], main[0][3]) <= dpi / 30 and main[0][4] >= 0.8 * main[0][2] * main[0][3]
            and main[0][2] <= 1.2 * main[0][3] and main[0][3] <= 1.2 * main[0][2]):
        x, y, w, h, a = main[0]
        if not _hollow(gray[y0 + y : y0 + y + h, x0 + x : x0 + x + w]):
            # a solid square speck (5-6 px at 200 dpi, 0.9-1.0 of its box
            # inked; a dash with a speck on it is 0.65 inked) that the glyph
            # reader took for ๑ or ๒ -- unless the page's digits are that
            # small (see `_settle_specks`); a loop in the gray is a glyph
            box = (x0 + x, y0 + y, x0 + x + w, y0 + y + h)
            return _Ink("speck", box, 1, 1, box, 1)
    kx0 = min(k[0] for k in main)
    ky0 = min(k[1] for k in main)
    kx1 = max(k[0] + k[2] for k in main)
    ky1 = max(k[1] + k[3] for k in main)
    main_box = (x0 + kx0, y0 + ky0, x0 + kx1, y0 + ky1)
    mrows = np.zeros(ky1 - ky0, bool)
    for x, y, w, h, a in main:
        mrows[y - ky0 : y - ky0 + h] = True
    main_bands = int(np.count_nonzero(mrows[1:] & ~mrows[:-1])) + int(mrows[0])
    near = dpi / 20
    for x, y, w, h, a in small:
        if x + w >= kx0 - near and x <= kx1 + near and y + h >= ky0 - near and y <= ky1 + near:
            kx0, ky0, kx1, ky1 = min(kx0, x), min(ky0, y), max(kx1, x + w), max(ky1, y + h)
    box = (x0 + kx0, y0 + ky0, x0 + kx1, y0 + ky1)
    rows = crop[ky0:ky1, kx0:kx1].any(axis=1)
    bands = int(np.count_nonzero(rows[1:] & ~rows[:-1])) + int(rows[0])
    return _Ink("content", box, bands, len(main), main_box, main_bands)


def _strip_number(text: str) -> str:
    """Keep a number's own characters: noise read as quotes, colons or a
    stray point at either end goes."""
    t = "".join(ch for ch in text if ch in _NUMBER_CHARS)
    t = t.strip(",.")
    while ",," in t:
        t = t.replace(",,", ",")
    if t.startswith("-") and len(t) > 1:
        t = "-" + t[1:].lstrip("-,.")
    # no printed number starts with a zero, and a Thai ๑ whose small tail
    # the scan blurred reads as ๐ (๑๓,๗๐๐ -> ๐๓,๗๐๐ in Tlwg Typewriter)
    return _fix_separators(_LEADING_THAI_ZERO.sub(r"\1๑", t))


_LEADING_THAI_ZERO = re.compile(r"^(-?)๐(?=[๐-๙,])")


_SEP_SPLIT = re.compile(r"[,.]")


def _fix_separators(t: str) -> str:
    """Commas and points by where they stand (OCR and the glyph reader mix
    them up; plans group thousands with commas and give at most two
    decimals): a separator followed by three digits and then another
    separator or the end is a comma, a last one followed by one or two
    digits is the decimal point.  Anything else stays as read."""
    body = t[1:] if t.startswith("-") else t
    groups = _SEP_SPLIT.split(body)
    if len(groups) < 2 or not all(groups) or len(groups[0]) > 3:
        return t
    last = groups[-1]
    mids = groups[1:-1]
    if any(len(g) != 3 for g in mids):
        return t
    if len(last) == 3:
        seps = [","] * (len(groups) - 1)
    elif len(last) in (1, 2):
        seps = [","] * (len(groups) - 2) + ["."]
    else:
        return t
    out = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:]))
    return ("-" if t.startswith("-") else "") + out


def _looks_like_number(text: str) -> bool:
    return bool(text) and all(ch in _NUMBER_CHARS for ch in text) and any(ch.isdigit() for ch in text)


class _DigitScript:
    """Which digits the page prints, learned from the first confident reads."""

    def __init__(self) -> None:
        self.thai = 0
        self.arabic = 0
        self.forced: bool | None = None  # decided by `_vote_script`
        self.checked = 0  # Arabic-digit cells given a second opinion (`_second_opinion`)
        self.overruled = 0  # ... where it changed the reading

    def note(self, text: str) -> None:
        for ch in text:
            if "0" <= ch <= "9":
                self.arabic += 1
            elif "๐" <= ch <= "๙":
                self.thai += 1

    @property
    def decided(self) -> bool | None:
        if self.forced is not None:
            return self.forced
        n = self.thai + self.arabic
        if n < 12:
            return None
        if self.thai >= 0.9 * n:
            return True
        if self.arabic >= 0.9 * n:
            return False
        return None


def _read_cell(gray: np.ndarray, clean: np.ndarray, ink_mask: np.ndarray, ink: _Ink, cell_w: float, colspan: int,
               dpi: float, engine, script: _DigitScript, stats: ScanStats) -> tuple[str, float]:
    h, w = gray.shape
    pad = max(3, int(dpi / 60))
    x0, y0, x1, y1 = ink.box
    cx0, cy0 = max(0, x0 - pad), max(0, y0 - pad)
    cx1, cy1 = min(w, x1 + pad), min(h, y1 + pad)
    crop = clean[cy0:cy1, cx0:cx1]
    ink_w, ink_h = x1 - x0, y1 - y0
    numberish = ink.bands == 1 and ink_h <= dpi / 5 and cell_w <= dpi * 1.2 and ink_w <= dpi
    t0 = time.perf_counter()
    stats.ocr_cells += 1
    if (not numberish and ink.bands == 2 and ink.main_bands == 1 and script.decided is not None and colspan == 1
            and cell_w <= dpi * 1.2):
        # one line of glyphs plus a speck above or below it (scanner dirt
        # makes a second band): a number when the glyphs alone read as one
        mx0, my0, mx1, my1 = ink.main_box
        if my1 - my0 <= dpi / 5:
            # (read the way one-line cells are: a lone 1, which Tesseract
            # leaves empty, came back as text -- 'I', 'ว7' -- without them)
            glyphs = _Ink("content", ink.main_box, 1, ink.n_comp, ink.main_box, 1)
            text, conf = _read_cell(gray, clean, ink_mask, glyphs, cell_w, colspan, dpi, engine, script, stats)
            t0 = time.perf_counter()
            if _NUMBER_RE.match(text) and conf >= 0.5:
                return text, conf
    if numberish and colspan >= 2 and ink_w <= dpi * 0.6:
        # a merged cell holding one short line: a header (a month over its
        # งาน | งบ pair), never a body number; Thai alone reads these best
        res = engine.read_thai_line(crop)
        text, conf, sim = _snap_month(res.text, res.confidence)
        if sim < 0.7:
            alt = engine.read_text(crop, single_line=True)
            text2, conf2, sim2 = _snap_month(alt.text, alt.confidence)
            if sim2 > sim or (sim2 == sim and not text):
                text, conf = text2, conf2
        stats.add("ocr", t0)
        return text, conf
    if numberish:
        # no part of a number lies left of its first digit or above the
        # digits' tops: specks there (read as '.', 'ฯ' or a glyph of their
        # own) stay out of the number reads; a comma's tail below stays in
        # (the text reads below keep them: a short word's marks sit there)
        digits = crop
        if ink.box[0] < ink.main_box[0] or ink.box[1] < ink.main_box[1]:
            digits = _blank_before_digits(crop, ink.main_box[0] - cx0, ink.main_box[1] - cy0)
        res = engine.read_number(digits, thai_digits=script.decided)
        if script.decided is None and any("๐" <= ch <= "๙" for ch in res.text):
            # before the page's script is settled, a Thai-digit reading is
            # read again the way Thai digits read best (the mixed model
            # confuses ๔/๕ and drops ๑)
            th = engine.read_number(digits, thai_digits=True)
            if th.text:
                res = th
        if script.decided is False and (script.checked < _SECOND_OPINIONS or script.overruled):
            res = _second_opinion(digits, res, engine, script)
        t0 = stats.add("ocr", t0)
        text = _strip_number(res.text)
        if len(text) > 1 and text.startswith("-") and not _leads_with_minus(ink_mask, ink.box, dpi):
            # a speck of dirt left of the number read as a minus sign
            text = text[1:]
        if text in ("-", "") and res.text.strip() and max(ink_w, ink_h) < dpi / 12:
            # a dash the shape test missed, or a speck read as a point
            return ("-" if "-" in res.text and ink_w > ink_h else ""), 0.6
        if (not _NUMBER_RE.match(text) and script.decided is False and ink.n_comp == 1 and ink_w <= 0.4 * ink_h
                and ink_h >= dpi / 30):
            # one upright bar on an Arabic-digit page: a '1' in fonts whose
            # 1 has hardly a flag (Sawasdee), which Tesseract leaves empty
            return "1", 0.6
        if script.decided is False and res.confidence < 0.3:
            # the LSTM merges twin glyphs ('11' -> '1' at 0.0 in Norasi)
            # and drops a 1 after another digit ('41' -> '4'): read glyph
            # by glyph when that finds more digits
            apart = _read_glyphs(clean, ink_mask, ink.box, dpi, engine)
            if apart and sum(ch.isdigit() for ch in apart) > sum(ch.isdigit() for ch in text):
                t0 = stats.add("ocr", t0)
                return apart, 0.6
        if _NUMBER_RE.match(text) and (res.confidence >= 0.6 or script.decided):
            # on a page whose digits are known, a well-formed reading stands:
            # the unrestricted text model reads Thai digits worse still
            script.note(text)
            return text, res.confidence
        alt = engine.read_text(crop, single_line=True)
        stats.add("ocr", t0)
        alt_text = "".join(alt.text.split())
        if alt_text and set(alt_text) <= set("=-–—_~"):
            return "-", alt.confidence * 0.8
        has_letters = any(ch.isalpha() and ch not in _NUMBER_CHARS for ch in alt_text)
        if _NUMBER_RE.match(text) and not has_letters:
            return text, res.confidence
        if not has_letters and _NUMBER_RE.match(_strip_number(alt_text)):
            return _strip_number(alt_text), alt.confidence * 0.9
        if has_letters and alt.confidence < 0.8:
            # noise around a dash or a digit reads as letters at low confidence
            if _NUMBER_RE.match(text) or text == "-":
                return text, res.confidence * 0.7
            return ("-" if ink_w > 1.6 * ink_h else ""), 0.3
        if alt_text and not text and not any(ch.isalnum() for ch in alt_text):
            # a speck read as '.' or ',' (200 dpi scanner dirt): no value
            return ("-" if ink_w > 1.6 * ink_h and ink_h <= dpi / 35 else ""), 0.5
        if alt.text and (alt.confidence >= res.confidence or not text):
            return alt.text, alt.confidence
        return text, res.confidence * 0.8
    # one line of Thai with its marks is under dpi/7 tall; Tesseract's
    # single-line mode garbles two lines, block mode reads one line fine
    single = ink_h <= dpi / 7
    res = engine.read_text(crop, single_line=single)
    # Thai digits (and now and then a short word) read as Latin letters
    text, conf = reread_latin_words(res, crop, engine), res.confidence
    t0 = stats.add("ocr", t0)
    first = text.split(None, 1)[0] if text.strip() else ""
    if first and any(ch.isdigit() or ch in ":;" for ch in first) and not _CODE_RE.match(first):
        # a row code (1.1.2) leads the cell: Thai-trained reads of digits
        # and dots go wrong (บุ1, 9:2:4), so the leading word gets a reading
        # of its own with the digit whitelist, the rest stays Thai text
        thai = True if any("๐" <= ch <= "๙" for ch in first) else script.decided
        coded = _read_code(clean, ink_mask, ink, dpi, engine, thai)
        if coded is not None:
            code, code_conf, (lx0, ly0, lx1, ly1) = coded
            rest_img = crop.copy()
            p2 = max(2, int(dpi / 100))
            rest_img[max(0, ly0 - cy0 - p2) : ly1 - cy0 + p2, max(0, lx0 - cx0 - p2) : lx1 - cx0 + p2] = int(np.percentile(crop, 90))
            rest = engine.read_text(rest_img, single_line=single)
            stats.add("ocr", t0)
            text = (code + " " + reread_latin_words(rest, rest_img, engine)).strip()
            conf = min(code_conf, rest.confidence) if rest.text else code_conf
    # Tesseract's typical slips in Thai words (lost tone marks, ำ read as
    # า, ...) put right where the word list is sure (see `ocr_spell`)
    from pipeline.normalize.ocr_spell import correct_thai_ocr
    from pipeline.normalize.thai_text import clean_thai

    text = "\n".join(correct_thai_ocr(_SPECKS.sub("", clean_thai(line))) for line in text.split("\n"))
    # a rule stub left of a row code reads as a digit of its own ("๖ ๑.๒.๑")
    return _CODE_GLUED.sub(r"\1 ", _STUB_BEFORE_CODE.sub("", text)), conf


# specks before a line's first word read as quotes, after its last word as
# points, commas, quotes
_SPECKS = re.compile(r"^['\"`\u2018\u2019\u201c\u201d]+(?=[\u0e01-\u0e4e])|(?:\s+[.,:;'\"`~_|\-]+)+$")
_STUB_BEFORE_CODE = re.compile(r"^[0-9๐-๙]{1,2}\s+(?=[0-9๐-๙]{1,2}\.[0-9๐-๙])")


def _blank_before_digits(crop: np.ndarray, left: int, top: int) -> np.ndarray:
    """The crop painted paper-white left of column `left` and above row
    `top` (a pixel short of each)."""
    out = crop.copy()
    paper = int(np.percentile(crop, 90))
    out[:, : max(0, left - 1)] = paper
    out[: max(0, top - 1), :] = paper
    return out


_SECOND_OPINIONS = 40  # cells checked on a page before a page that never needed it stops


def _second_opinion(crop: np.ndarray, res, engine, script: _DigitScript):
    """An Arabic-digit reading checked against the mixed Thai+English model:
    the English model reads some faces' digits wrong with confidence 0.9+
    (a handwriting face's 7 as 1 and 9 as 4: 29 of 375 number cells of one
    plan), where the mixed model reads them right (3 of those wrong cells
    in 375); elsewhere the two agree but for commas the mixed model takes
    for points.  When both read a well-formed number of as many digits (two
    or more: on a lone glyph the mixed model was as often wrong) and the
    numbers differ, the mixed model's reading stands.  A page where the
    first `_SECOND_OPINIONS` checks changed nothing is read once a cell (the
    check doubled the reads of a page's number cells)."""
    from pipeline.normalize.numbers import to_arabic

    script.checked += 1
    mixed = engine.read_number(crop, thai_digits=None)
    ours, theirs = _strip_number(res.text), _strip_number(to_arabic(mixed.text))
    if (ours.replace(",", "") != theirs.replace(",", "") and _NUMBER_RE.match(ours) and _NUMBER_RE.match(theirs)
            and sum(ch.isdigit() for ch in ours) == sum(ch.isdigit() for ch in theirs) >= 2):
        script.overruled += 1
        return type(res)(theirs, mixed.confidence, mixed.words)
    return res


def _read_glyphs(clean: np.ndarray, ink_mask: np.ndarray, box: tuple[int, int, int, int], dpi: float,
                 engine) -> str | None:
    """An Arabic-digit number read one glyph at a time: pieces of ink side by
    side, a full-height bar as 1 (Tesseract reads a lone 1 as nothing), other
    full-height pieces read alone (one digit each, else None), small ones as
    separators put right by position.  None when a piece will not read."""
    x0, y0, x1, y1 = box
    _n, _lab, st, _ = cv2.connectedComponentsWithStats(ink_mask[y0:y1, x0:x1], connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= max(3, int((dpi / 300) ** 2 * 6))]
    if len(st) < 2:
        return None
    cols: list[list[int]] = []  # x0, y0, x1, y1 of pieces overlapping in x
    for x, y, w, h, _a in sorted(st.tolist()):
        if cols and x < cols[-1][2]:
            c = cols[-1]
            c[1], c[2], c[3] = min(c[1], y), max(c[2], x + w), max(c[3], y + h)
        else:
            cols.append([x, y, x + w, y + h])
    tall = max(c[3] - c[1] for c in cols)
    pad = max(3, int(dpi / 60))
    out = []
    for cx0, cy0, cx1, cy1 in cols:
        w, h = cx1 - cx0, cy1 - cy0
        if h >= 0.6 * tall:
            if w <= 0.4 * h:
                out.append("1")
                continue
            crop = clean[max(0, y0 + cy0 - pad) : y0 + cy1 + pad, max(0, x0 + cx0 - pad) : x0 + cx1 + pad]
            res = engine.read_number(crop, thai_digits=False)
            digit = _strip_number(res.text)
            if len(digit) != 1 or not digit.isdigit() or res.confidence < 0.5:
                return None
            out.append(digit)
        elif h < 0.45 * tall and w < 0.6 * tall:
            out.append(".")
        else:
            return None
    return _fix_separators("".join(out).strip("."))


def _leads_with_minus(ink_mask: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> bool:
    """The leftmost piece of ink is flat and a third of a glyph's height
    long (a minus sign), not a square speck (5 x 5 px of dirt read as '-')."""
    x0, y0, x1, y1 = box
    _n, _lab, st, _ = cv2.connectedComponentsWithStats(ink_mask[y0:y1, x0:x1], connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= 3]
    if len(st) < 2:
        return True
    x, _y, w, h, _a = st[int(np.argmin(st[:, 0]))]
    return bool(w >= 1.5 * h and w >= 0.3 * st[:, 3].max() and h <= dpi / 35)


_CODE_GLUED = re.compile(r"^([0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2}){0,4})(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


_CODE_RE = re.compile(r"^[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2}){0,4}\.?$")


def _read_code(clean: np.ndarray, ink_mask: np.ndarray, ink: _Ink, dpi: float, engine,
               thai_digits: bool | None) -> tuple[str, float, tuple[int, int, int, int]] | None:
    """The leading word of a text cell read as a row code: the components of
    the first text line from the left, up to the first gap wider than ~0.8
    of a glyph's height (inside a code, between digit and dot, gaps stay
    under half of it; a space is over one), with the digit whitelist.  None
    when that word does not read as a code."""
    x0, y0, x1, y1 = ink.box
    crop = ink_mask[y0:y1, x0:x1]
    n, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= max(3, int((dpi / 300) ** 2 * 6))]
    if len(st) == 0:
        return None
    tall = st[st[:, 3] >= dpi / 40]
    if len(tall) == 0:
        return None
    h = float(np.median(tall[:, 3]))
    # the first line: tall components whose bottom is near the highest bottom
    bottoms = tall[:, 1] + tall[:, 3]
    base = float(bottoms.min())
    line = tall[bottoms <= base + 0.4 * h]
    top = float(line[:, 1].min())
    # every component inside that line's band (dots and commas included)
    cy = st[:, 1] + st[:, 3] / 2
    in_line = st[(cy >= top - 0.2 * h) & (cy <= base + 0.3 * h)]
    in_line = in_line[np.argsort(in_line[:, 0])]
    gap_min = 0.8 * h
    lx0 = int(in_line[0, 0])
    lx1 = int(in_line[0, 0] + in_line[0, 2])
    ly0, ly1 = int(in_line[0, 1]), int(in_line[0, 1] + in_line[0, 3])
    found_gap = False
    for x, y, w, hh, _a in in_line[1:].tolist():
        if x - lx1 >= gap_min:
            found_gap = True
            break
        lx1 = max(lx1, x + w)
        ly0, ly1 = min(ly0, y), max(ly1, y + hh)
    if not found_gap or lx1 - lx0 > 6 * h:
        return None
    pad = max(3, int(dpi / 60))
    lx0, lx1, ly0, ly1 = x0 + lx0, x0 + lx1, y0 + ly0, y0 + ly1
    img = clean[max(0, ly0 - pad) : ly1 + pad, max(0, lx0 - pad) : lx1 + pad]
    res = engine.read_number(img, thai_digits=thai_digits)
    code = res.text.replace(",", ".").strip("-")
    while ".." in code:
        code = code.replace("..", ".")
    if not _CODE_RE.match(code) or res.confidence < 0.5:
        return None
    return code.rstrip("."), res.confidence, (lx0, ly0, lx1, ly1)


def _snap_month(text: str, conf: float) -> tuple[str, float, float]:
    """A header reading close to one month abbreviation becomes that
    abbreviation (OCR drops or doubles dots, reads ุ for a dot)."""
    from pipeline.normalize.months import FISCAL_ABBR
    from pipeline.ocr.base import closest_word

    squashed = "".join(text.split())
    if not squashed or len(squashed) > 8:
        return text, conf, 0.0
    best, sim = closest_word(squashed.replace("\u0e38", ".").replace("\u0e39", "."), FISCAL_ABBR)
    if best and sim >= 0.7:
        return best, conf * sim, sim
    return text, conf, sim


def _clean_gray(gray: np.ndarray, hmask: np.ndarray, vmask: np.ndarray) -> np.ndarray:
    """The page with ruling lines painted paper-white (so crops that touch a
    border do not show a bar to the OCR)."""
    lines = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((3, 3), np.uint8))
    out = gray.copy()
    paper = int(np.percentile(gray[::8, ::8], 90))
    out[lines > 0] = paper
    return out


def _read_grid(grid: Grid, gray: np.ndarray, clean: np.ndarray, ink: np.ndarray, page_number: int, dpi: float, engine,
               script: _DigitScript, stats: ScanStats, margin: int) -> Table:
    H, W = ink.shape
    found: list[tuple] = []
    for gc in grid.cells:
        b = gc.box
        x0 = int(math.floor(b.x0)) + margin
        y0 = int(math.floor(b.y0)) + margin
        x1 = int(math.ceil(b.x1)) - margin
        y1 = int(math.ceil(b.y1)) - margin
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
        stats.cells += 1
        if x1 - x0 < 3 or y1 - y0 < 3:
            info = _Ink("empty")
        else:
            info = _cell_ink(ink, gray, x0, y0, x1, y1, dpi)
        found.append((gc, info))
    _settle_specks(found)
    if script.decided is None:
        _vote_script(found, clean, dpi, engine, script, stats)
    cells: list[Cell] = []
    for gc, info in found:
        b = gc.box
        if info.kind == "empty":
            text, conf = "", 0.99
            stats.shape_cells += 1
        elif info.kind == "dash":
            text, conf = _DASH, 0.99
            stats.shape_cells += 1
        else:
            text, conf = _read_cell(gray, clean, ink, info, b.width, gc.colspan, dpi, engine, script, stats)
        cells.append(Cell(gc.row, gc.col, text, page_number, gc.rowspan, gc.colspan, Box(b.x0, b.y0, b.x1, b.y1), round(conf, 3)))
    return Table(page_number, grid.n_rows, grid.n_cols, cells, grid.box)


def _settle_specks(found: list[tuple]) -> None:
    """Small marks measured against the table's own: a solid blob the size of
    its one-line glyphs is a glyph (Tlwg Mono prints Thai digits 9-10 px tall
    at 300 dpi, blurred solid), a smaller one a speck: empty; a short flat
    mark is a dash when the table's dashes are that short (Waree at 8 pt:
    5 x 3 px), a speck where they are longer (most fonts: 10-14 px) or
    where the table prints no dashes."""
    heights = [info.main_box[3] - info.main_box[1] for _gc, info in found if info.kind == "content" and info.main_bands == 1]
    glyph_h = float(np.median(heights)) if len(heights) >= 5 else math.inf
    dashes = [info.box[2] - info.box[0] for _gc, info in found if info.kind == "dash"]
    short = [info.box[2] - info.box[0] for _gc, info in found if info.kind == "short_dash"]
    blank = sum(info.kind != "content" for _gc, info in found)
    # the table's own dashes: the glyph-sized ones, else short marks when
    # they are a good share of the cells without a value (a table printing
    # dashes has them in a third to a half of its cells; dirt in a few)
    if len(dashes) >= 5:
        dash_w = float(np.median(dashes))
    elif len(short) >= max(5, 0.1 * blank):
        dash_w = float(np.median(short))
    else:
        dash_w = math.inf
    for _gc, info in found:
        if info.kind == "speck":
            info.kind = "content" if info.box[3] - info.box[1] >= 0.8 * glyph_h else "empty"
        elif info.kind == "short_dash":
            info.kind = "dash" if info.box[2] - info.box[0] >= 0.7 * dash_w else "empty"


_VOTE_CELLS = 12


def _vote_script(found: list[tuple], clean: np.ndarray, dpi: float, engine, script: _DigitScript,
                 stats: ScanStats) -> None:
    """Decide the page's digit script before reading it: a few one-line
    number-sized cells from the lower half of the table (body rows, not the
    header), read with the mixed model; the majority of the confident
    readings' digits settles it.  Without it the first rows were read before
    the script was known, and the mixed model misreads Thai digits (๔ -> ๕)."""
    n_rows = max((gc.row + gc.rowspan for gc, _ in found), default=0)
    cands = [(gc, info) for gc, info in found
             if info.kind == "content" and info.bands == 1 and gc.colspan == 1 and gc.row >= n_rows // 2
             and info.box[3] - info.box[1] <= dpi / 5 and info.box[2] - info.box[0] <= dpi * 0.6]
    if len(cands) < 3:
        return
    pad = max(3, int(dpi / 60))

    def crop(info: _Ink) -> np.ndarray:
        x0, y0, x1, y1 = info.box
        return clean[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]

    # by the glyphs' shapes first (no OCR): the mixed model reads many Thai
    # digits as Arabic ones (Loma: ๑๐ -> 90, ๒ -> 4) and tied the vote
    step = max(1, len(cands) // (2 * _VOTE_CELLS))
    thai = arabic = 0
    for gc, info in cands[::step][: 2 * _VOTE_CELLS]:
        t, a = engine.digit_votes(crop(info))
        thai, arabic = thai + t, arabic + a
    if thai + arabic >= 8 and max(thai, arabic) >= 0.8 * (thai + arabic):
        script.forced = thai > arabic
        return
    step = max(1, len(cands) // _VOTE_CELLS)
    thai = arabic = 0
    t0 = time.perf_counter()
    for gc, info in cands[::step][:_VOTE_CELLS]:
        res = engine.read_number(crop(info), thai_digits=None)
        text = _strip_number(res.text)
        if res.confidence >= 0.6 and _NUMBER_RE.match(text):
            thai += sum("๐" <= ch <= "๙" for ch in text)
            arabic += sum("0" <= ch <= "9" for ch in text)
    stats.add("ocr", t0)
    if thai + arabic >= 3:
        script.forced = thai > arabic


# --------------------------------------------------------------------------
# free text
# --------------------------------------------------------------------------


def _free_text(clean: np.ndarray, ink: np.ndarray, grids: list[Grid], page_number: int, dpi: float, engine) -> list[TextLine]:
    H, W = ink.shape
    free = ink.copy()
    m = int(dpi / 100) + 2
    for g in grids:
        b = g.box
        free[max(0, int(b.y0) - m) : int(b.y1) + m, max(0, int(b.x0) - m) : int(b.x1) + m] = 0
    # drop specks: keep pieces of a letter's size
    _, boxes = _outlines(free)
    glyph = dpi / 40
    seeds = np.zeros_like(free)
    for x, y, w, h in boxes.tolist():
        if max(w, h) < glyph or (w > dpi * 3 and h < dpi / 30):
            continue  # a speck, or a lone rule
        seeds[y : y + h, x : x + w] = 255
    # lone specks (scanner dirt) are glyph-sized too: text comes in runs, so
    # keep only what smears into a run wider than a speck can make
    smear = cv2.dilate(seeds, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(dpi / 12)), 1)))
    contours, boxes = _outlines(smear)
    runs = np.zeros_like(free)
    wide = [c for c, (_x, _y, w, _h) in zip(contours, boxes.tolist()) if w >= dpi / 5]
    cv2.drawContours(runs, wide, -1, 255, thickness=cv2.FILLED)
    free = cv2.bitwise_and(seeds, runs)
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
            lines.append(TextLine(text, page_number, box, round(res.confidence, 3)))
    return lines


# --------------------------------------------------------------------------
# the seam
# --------------------------------------------------------------------------


def read_page_image(image: np.ndarray, page_number: int, dpi: float, settings: Settings | None = None, *,
                    engine=None, orientation: bool = True) -> Page:
    """One scanned page (grayscale or RGB numpy array) -> `Page` in the
    upright page's pixel frame (see the module docstring)."""
    global last_stats
    stats = ScanStats()
    t0 = time.perf_counter()
    if engine is None:
        from pipeline.ocr import get_engine

        engine = get_engine(settings.ocr_engine if settings is not None else "tesseract")
    dpi = float(dpi or 300)
    up = upright_image(image, dpi, engine, orientation=orientation)
    gray = up.image
    t0 = stats.add("upright", t0)
    binary = _binarize(gray, dpi)
    hmask, vmask, hs, vs = _ruling(binary, dpi)
    tol = max(3.0, dpi / 50)
    # every segment is a long run or a checked rule-to-rule run (see `_ruling`)
    grids = find_grids(hs, vs, tol, min_length=max(7.0, dpi / 25))
    # a table needs a few rows and columns; smaller ruled things are boxes
    grids = [g for g in grids if g.n_rows >= 1 and g.n_cols >= 1 and g.box.width > dpi / 2 and g.box.height > dpi / 8]
    lines_mask = cv2.bitwise_or(hmask, vmask)
    ink = cv2.bitwise_and(binary, cv2.bitwise_not(cv2.dilate(lines_mask, np.ones((3, 3), np.uint8))))
    clean = _clean_gray(gray, hmask, vmask)
    t0 = stats.add("grid", t0)
    margin = max(1, int(round(dpi / 150)))
    script = _DigitScript()
    tables = [_read_grid(g, gray, clean, ink, page_number, dpi, engine, script, stats, margin) for g in grids]
    t0 = stats.add("cells", t0)
    lines = _free_text(clean, ink, grids, page_number, dpi, engine)
    stats.add("free_text", t0)
    last_stats = stats
    h, w = gray.shape
    return Page(number=page_number, width=float(w), height=float(h), lines=lines, tables=tables, dpi=dpi)
