"""Phone photos of paper plans -> a flat, upright, evenly lit page at the
scan path's working resolution.

`prepare_photo(gray, dpi)` runs before the scan reader (`pipeline.extract.scan`)
on every image frame and decides from the pixels alone (never the file name)
whether the frame is a photo:

1. **Page finding** on a copy ~900 px long: ink is removed by a grey closing,
   then the paper is flood-filled from the brightest spot near the centre
   with a *floating* tolerance (neighbour to neighbour), so a smooth shadow,
   gradient or vignette does not stop the fill but the sharp paper/desk step
   does.  The filled region's outline is fitted with a quadrilateral
   (`cv2.approxPolyN`) and each side refined by a line fit on the outline.
   A frame whose paper region runs into the frame edges on all sides is a
   scan (the page fills it); so is a paper quadrilateral that is an
   axis-aligned rectangle under flat light.  When no paper edge is found the
   table's outer border is tried instead (largest ruled blob); it counts as
   a photo only if it shows perspective (opposite sides not parallel).
2. **Warp**: the page quadrilateral goes to an A4 rectangle (the measured
   aspect when it is far from A4); a table-border quadrilateral goes to a
   rectangle of the border's own size, with the rest of the page around it
   warped too.
3. **Light**: background estimation (grey dilation on a ~40-dpi copy,
   median, blur) and division: shadows, vignettes, lamp gradients and colour
   casts (the frame is already grey) leave a white page with dark ink.
4. **Checks** on the page warped and flattened at its *own* resolution:
   effective dpi (page pixels / page inches) below `MIN_DPI` or sharpness
   (variance of the Laplacian at a fixed 100-dpi scale) below
   `MIN_SHARPNESS` raise `UnreadablePhotoError` instead of producing a table
   of guesses.
5. **Resolution** (`to_work_resolution`): the photo warped once, straight
   to 300 dpi, flattened there, unsharp mask at the scale of one photo
   pixel, ink to black and paper to white, so the scan reader sees what it
   expects from a 300-dpi scan.
6. **Text size** (`text_height`): the median glyph height, in the photo's
   own pixels, below `MIN_TEXT_PX` raises `UnreadablePhotoError` too: a
   small-print table photographed at a good dpi is still too small to read.
   Small print above it is read, then refused by `validate.small_print`
   when its rows' sums show its numbers to be guesses.

Frames: the prepared image is what the scan reader sees, so every `Box` of a
photo page is in pixels of the *upsampled* (300 dpi), warped, then upright
(scan-path deskewed) image; `Page.dpi` is overwritten by the caller with the
photo's true effective resolution (before upsampling), which is what the
plans table's `effective_dpi` shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.errors import UnreadablePhotoError

__all__ = ["prepare_photo", "PhotoPrep", "MIN_DPI", "MIN_SHARPNESS", "MIN_TEXT_PX", "SMALL_TEXT_PX", "WORK_DPI",
           "sharpness", "text_height"]

WORK_DPI = 300.0
# calibrated on generated photos (benchmarks/photo.py --calibrate): good
# photos of 1.5-3 MP measure ~100-160 dpi; 0.3 MP ones ~45 dpi.
MIN_DPI = 70.0
# variance of the Laplacian of the flattened page at 100 dpi: good photos
# (defocus sigma <= 0.8 px) measure 300-1300; sigma 1.2 px ~130, 1.5 px ~50,
# 2 px ~35, 3.5 px ~15 (pages at 100-125 dpi): 100 keeps a margin below the
# good ones and fails anything softer than ~1.3 px.
MIN_SHARPNESS = 100.0
# median height of the page's glyphs in the photo's own pixels (`text_height`):
# at 4.3-4.4 px (5-6 pt tables at ~110 dpi) 19-22 % of a plan's non-zero
# number values were read right -- a table of guesses; but at 4.9 px a
# 134-dpi photo of seed 2929 read 95 % of its number cells and all its
# header fields, another 29 %.  Size alone does not tell them apart: below
# this the page is refused unread, above it small print is read and judged
# by its own sums (`validate.small_print`)
MIN_TEXT_PX = 4.0
# seed 909: 7.3-9.3 px read 98-100 % of the values, 5.6-7.1 px 32-100 %
# (by the face): smaller text than this is read with a warning
SMALL_TEXT_PX = 7.5
REF_DPI = 100.0
PAPER = 245.0  # grey level `flatten` brings the paper to
# upsampling to WORK_DPI, measured as non-zero values read on 12 photos
# (benchmarks/photo.py): a plain cubic warp to 300 dpi 60 %; cubic from the
# flat page + unsharp 1.0 69 %, 1.5 70 %, Lanczos + 2.0 69 %; lightening the
# mid-tones too (gamma 0.5-0.8) 66-68 %: thin, light fonts fade.  Paper
# level to 255 (its grain clipped): header fields 65 %; to 250: 62 %.
# Session 12: one cubic warp straight to 300 dpi instead of a warp to the
# photo's own resolution and a second resampling up (see
# `to_work_resolution`); unsharp 2.5 there, Lanczos, or darkening the
# mid-tones (gamma 1.4) read fewer number cells
UNSHARP = 1.5
A4_MM = (297.0, 210.0)
_SMALL = 900  # long side of the page-finding copy
MEASURED_SIDE = 0.3  # a table's sides this share of the copy's short side long or more tell its perspective
_EDGE = 5.0  # grey levels per pixel: steeper is an edge (paper/desk), not light


@dataclass(slots=True)
class PhotoPrep:
    """What `prepare_photo` decided.  `image` is the frame to read: the
    input unchanged when `is_photo` is False, else the warped, flattened
    page at `dpi` (300)."""

    image: np.ndarray
    is_photo: bool
    dpi: float  # resolution of `image` (what to give the scan reader)
    effective_dpi: float | None = None  # the photo's own page resolution
    sharpness: float | None = None
    text_px: float | None = None  # median glyph height in the photo's own pixels
    quad: np.ndarray | None = None  # page (or table) corners in the input frame, tl tr br bl
    found: str = "none"  # paper | table | none
    reason: str = ""
    details: dict = field(default_factory=dict)


# --------------------------------------------------------------------------
# geometry
# --------------------------------------------------------------------------


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as tl, tr, br, bl."""
    pts = np.asarray(pts, np.float64).reshape(4, 2)
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise in image coordinates starting near -pi (left)
    # start at the corner with the smallest x + y
    k = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -k, axis=0)


def _side_angles(q: np.ndarray) -> list[float]:
    out = []
    for i in range(4):
        d = q[(i + 1) % 4] - q[i]
        out.append(math.degrees(math.atan2(d[1], d[0])))
    return out


def _perspective_deg(q: np.ndarray, min_side: float = 0.0) -> float:
    """How far opposite sides are from parallel (max over both pairs, degrees),
    of the pairs whose sides are at least `min_side` pixels long: a short
    side's angle is no measure (a scan page's short table, 0.2 of the page
    tall: its ends' pixels made 0.6 degrees)."""
    a = _side_angles(q)
    width, height = _lengths(q)

    def diff(x: float, y: float) -> float:
        d = (x - y + 180.0) % 360.0 - 180.0  # opposite sides point opposite ways
        return abs(abs(d) - 180.0)

    pairs = [diff(a[0], a[2]) if width >= min_side else 0.0, diff(a[1], a[3]) if height >= min_side else 0.0]
    return max(pairs)


def _lengths(q: np.ndarray) -> tuple[float, float]:
    top, bottom = np.linalg.norm(q[1] - q[0]), np.linalg.norm(q[2] - q[3])
    left, right = np.linalg.norm(q[3] - q[0]), np.linalg.norm(q[2] - q[1])
    return (top + bottom) / 2, (left + right) / 2


def _refine(quad: np.ndarray, contour: np.ndarray) -> np.ndarray:
    """Fit a line to the outline points near each side; corners = intersections."""
    pts = contour.reshape(-1, 2).astype(np.float64)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        L = np.linalg.norm(d)
        if L < 1:
            return quad
        n = np.array([-d[1], d[0]]) / L
        t = ((pts - a) @ d) / (L * L)
        dist = np.abs((pts - a) @ n)
        sel = pts[(t > 0.1) & (t < 0.9) & (dist < max(3.0, 0.01 * L))]
        if len(sel) < 8:
            lines.append((a, d / L))
            continue
        vx, vy, x0, y0 = cv2.fitLine(sel.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    out = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        m = np.array([d1, -d2]).T
        if abs(np.linalg.det(m)) < 1e-9:
            return quad
        s = np.linalg.solve(m, p2 - p1)
        out.append(p1 + s[0] * d1)
    out = np.array(out)
    if np.max(np.linalg.norm(out - quad, axis=1)) > 0.05 * max(_lengths(quad)):
        return quad  # the fit wandered off: keep the polygon's corners
    return out


def _quad_of(mask: np.ndarray) -> tuple[np.ndarray | None, float]:
    """The largest blob's outline as a quadrilateral, and how well it fits
    (blob area / quad area, 1 = perfect)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None, 0.0
    c = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(c)
    hull = cv2.convexHull(c)
    try:
        poly = cv2.approxPolyN(hull, 4, epsilon_percentage=-1.0, ensure_convex=True)
    except (cv2.error, TypeError):
        peri = cv2.arcLength(hull, True)
        poly = cv2.approxPolyDP(hull, 0.02 * peri, True)
    poly = np.asarray(poly, np.float64).reshape(-1, 2)
    if len(poly) != 4:
        return None, 0.0
    q = _order(poly)
    q = _order(_refine(q, c))
    qa = abs(cv2.contourArea(q.astype(np.float32)))
    if qa <= 0:
        return None, 0.0
    return q, min(area, qa) / max(area, qa)


# --------------------------------------------------------------------------
# finding the page
# --------------------------------------------------------------------------


def _paper_quad(small: np.ndarray) -> tuple[np.ndarray | None, dict]:
    """Paper quadrilateral in `small`'s pixels, or None (page fills the frame,
    or no clean four-sided paper region)."""
    h, w = small.shape
    info: dict = {}
    # wider than a stroke, narrower than the strip of desk a photo may show
    k = max(3, int(round(max(h, w) / 180)))
    pad = 2 * k
    closed = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    closed = cv2.morphologyEx(closed, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    closed = cv2.GaussianBlur(closed, (3, 3), 0)[pad:-pad, pad:-pad].copy()
    # the paper/desk step is a sharp edge (20-60 levels per pixel here); a
    # shadow, gradient or vignette changes by ~1 level per pixel: edges
    # steeper than `_EDGE` are a barrier, the paper is the barrier-free region
    # around the brightest spot near the centre
    fc = closed.astype(np.float32)
    mag = np.hypot(cv2.Sobel(fc, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(fc, cv2.CV_32F, 0, 1, ksize=3)) / 8.0
    barrier = cv2.dilate((mag > _EDGE).astype(np.uint8), np.ones((3, 3), np.uint8))
    cy0, cy1, cx0, cx1 = int(h * 0.35), int(h * 0.65), int(w * 0.35), int(w * 0.65)
    centre = np.where(barrier[cy0:cy1, cx0:cx1] > 0, 0, closed[cy0:cy1, cx0:cx1])
    iy, ix = np.unravel_index(int(np.argmax(centre)), centre.shape)
    n, lab = cv2.connectedComponents((barrier == 0).astype(np.uint8), connectivity=4)
    m = np.where(lab == lab[cy0 + iy, cx0 + ix], 255, 0).astype(np.uint8)
    m = cv2.dilate(m, np.ones((3, 3), np.uint8))  # give back the barrier's width
    # fill holes (grey header bands, dense ink) and smooth the edge
    m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    contours, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(m)
    if contours:
        cv2.drawContours(filled, [max(contours, key=cv2.contourArea)], -1, 255, cv2.FILLED)
    frac = float(np.count_nonzero(filled)) / (h * w)
    edge = 2
    touches = [filled[:edge].any(), filled[-edge:].any(), filled[:, :edge].any(), filled[:, -edge:].any()]
    info.update(paper_fraction=round(frac, 3), touches=int(sum(touches)))
    if frac > 0.97 or sum(touches) >= 3 or frac < 0.12:
        return None, info
    q, fit = _quad_of(filled)
    info["quad_fit"] = round(fit, 3)
    if q is None or fit < 0.93:
        return None, info
    # all four corners inside the frame (a cut-off page has a corner on the edge)
    if (q[:, 0].min() < 1 or q[:, 1].min() < 1 or q[:, 0].max() > w - 2 or q[:, 1].max() > h - 2):
        return None, info
    return q, info


def _table_quad(small: np.ndarray) -> tuple[np.ndarray | None, dict]:
    """The table's outer border (largest ruled blob) in `small`'s pixels."""
    h, w = small.shape
    block = max(15, (max(h, w) // 60) | 1)
    b = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 10)
    L = max(15, max(h, w) // 40)
    hm = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (L, 1)))
    vm = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, L)))
    lines = cv2.dilate(cv2.bitwise_or(hm, vm), np.ones((3, 3), np.uint8))
    n, lab, st, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    if n < 2:
        return None, {}
    i = 1 + int(np.argmax(st[1:, 4]))
    x, y, bw, bh, _ = st[i]
    if bw < 0.3 * w or bh < 0.1 * h:
        return None, {}
    blob = np.where(lab == i, 255, 0).astype(np.uint8)
    blob = cv2.morphologyEx(blob, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (L, L)))
    q, fit = _quad_of(blob)
    info = {"table_fit": round(fit, 3)}
    if q is None or fit < 0.85:
        return None, info
    return q, info


# --------------------------------------------------------------------------
# light
# --------------------------------------------------------------------------


def flatten(gray: np.ndarray, dpi: float, paper: float = PAPER) -> np.ndarray:
    """Divide by the estimated paper brightness (background): the page comes
    out evenly white whatever shadow, gradient or vignette lay on it."""
    h, w = gray.shape
    f = min(1.0, 40.0 / max(dpi, 1.0))  # background at ~40 dpi
    small = cv2.resize(gray, (max(8, int(w * f)), max(8, int(h * f))), interpolation=cv2.INTER_AREA)
    k = 7  # ~1/6 inch at 40 dpi: wider than strokes and ruling lines
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bg = cv2.medianBlur(bg, 7)
    bg = cv2.GaussianBlur(bg, (0, 0), 2.0)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    out = gray.astype(np.float32) * (paper / np.maximum(bg, 8.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def sharpness(flat: np.ndarray, dpi: float) -> float:
    """Variance of the Laplacian of the flattened page resampled to 100 dpi
    (a fixed physical scale, so photos of any size compare), inside a 4 %
    margin."""
    f = REF_DPI / max(dpi, 1.0)
    img = cv2.resize(flat, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
    h, w = img.shape
    my, mx = int(h * 0.04), int(w * 0.04)
    img = img[my : h - my, mx : w - mx]
    lap = cv2.Laplacian(img.astype(np.float32), cv2.CV_32F, ksize=1)
    return float(lap.var())


def text_height(page: np.ndarray, dpi: float) -> float | None:
    """Median height (pixels of `page`) of the glyph-sized ink blobs with
    the ruling lines taken out: the size of the page's text, which is what
    decides whether it can be read (the page's dpi does not: a 5 pt table and
    a 10 pt one photographed alike differ twice).  Blur merges a glyph with
    its marks and makes it taller, so this errs towards larger: a floor to
    refuse by, not a measure to tune to.  None on a page with too little
    text to tell."""
    from pipeline.extract.scan.threshold import binarize

    ink = binarize(page, dpi)
    lines = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(dpi / 8)), 1))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(dpi / 7))))))
    ink = cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(lines, np.ones((3, 3), np.uint8))))
    _, _, st, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    w, h, a = st[1:, 2], st[1:, 3], st[1:, 4]
    # glyphs of 2-17 pt, not specks, not what is left of a rule or a box
    glyph = (h >= dpi / 50) & (h <= dpi / 5) & (w <= dpi / 4) & (a >= (dpi / 300) ** 2 * 15)
    if np.count_nonzero(glyph) < 50:
        return None
    return float(np.median(h[glyph]))


def to_work_resolution(page: np.ndarray, dpi: float) -> np.ndarray:
    """The page warped straight from the photo to 300 dpi (`dpi`: the
    photo's own page resolution) -> flat and looking like a scan: the scan
    path's kernels and thresholds are set for crisp strokes on white paper.

    The warp is the only resampling: a warp to the photo's own resolution
    first and a resize up after it interpolate every pixel twice, and the
    first pass, at the photo's scale, softens strokes a photo pixel wide
    (eleven photos of seed 4848: number cells 3097 -> 3108 of 3293 right;
    twelve of seed 3131: 3330 of 3544 either way, a 124-dpi Tlwg Typo
    page +7, a 140-dpi Kinnari one -9).
    Upsampling leaves each photo pixel smeared over ~300/dpi pixels: a Thai
    word then binarises into one solid bar, which the scan path takes for a
    ruling line (and paints out).  An unsharp mask at the scale of one
    photo pixel undoes that smear, so the gaps between glyphs come back; the
    page's darkest ink (0.5th percentile) then goes to black and the
    flattened paper level to white, the contrast a scan has."""
    up = flatten(page, WORK_DPI).astype(np.float32)
    scale = WORK_DPI / max(dpi, 1.0)
    if scale > 1.05:
        up += UNSHARP * (up - cv2.GaussianBlur(up, (0, 0), scale))
    ink = float(np.percentile(up[::4, ::4], 0.5))
    up = (up - ink) * (255.0 / max(PAPER - ink, 1.0))
    return np.clip(up, 0, 255).astype(np.uint8)


def _gradient(small: np.ndarray) -> float:
    """Paper brightness ratio across the frame (brightest / darkest region
    of the background estimate): ~1.0-1.2 on scans, more under a lamp."""
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    bg = cv2.resize(bg, (8, 8), interpolation=cv2.INTER_AREA).astype(np.float32)
    lo, hi = float(np.percentile(bg, 10)), float(np.percentile(bg, 90))
    return hi / max(lo, 1.0)


# --------------------------------------------------------------------------
# the seam
# --------------------------------------------------------------------------


def _warp(gray: np.ndarray, quad: np.ndarray, out_w: int, out_h: int, dst: np.ndarray | None = None) -> np.ndarray:
    if dst is None:
        dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst.astype(np.float32))
    return cv2.warpPerspective(gray, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def prepare_photo(image: np.ndarray, dpi: float | None = None, *, check: bool = True) -> PhotoPrep:
    """Decide whether `image` (grayscale uint8) is a phone photo; if so return
    the warped, flattened page at 300 dpi.  A scan comes back unchanged.
    Raises `UnreadablePhotoError` for a photo too small or too blurred to
    read (unless `check` is False)."""
    gray = np.asarray(image)
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY)
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    H, W = gray.shape
    f = min(1.0, _SMALL / max(H, W))
    small = cv2.resize(gray, (max(1, int(round(W * f))), max(1, int(round(H * f)))), interpolation=cv2.INTER_AREA)
    details: dict = {}
    quad, info = _paper_quad(small)
    details.update(info)
    found = "paper" if quad is not None else "none"
    grad = _gradient(small)
    details["light_ratio"] = round(grad, 3)
    if quad is not None:
        persp = _perspective_deg(quad)
        tilt = abs(((_side_angles(quad)[0] + 45) % 90) - 45)
        details.update(perspective_deg=round(persp, 2), tilt_deg=round(tilt, 2))
        # a flat-lit axis-aligned rectangle is a scanner bed, not a photo
        if persp < 0.4 and tilt < 0.4 and grad < 1.25:
            return PhotoPrep(gray, False, float(dpi or WORK_DPI), found="paper", reason="rectangular page, flat light", details=details)
    else:
        tq, tinfo = _table_quad(small)
        details.update(tinfo)
        if tq is not None:
            persp = _perspective_deg(tq, MEASURED_SIDE * min(small.shape))
            details["table_perspective_deg"] = round(persp, 2)
            # a scan's table is a rotated rectangle; perspective or a
            # strong light gradient says photo
            if persp >= 0.5 or (grad >= 1.4 and persp >= 0.3):
                quad, found = tq, "table"
        if quad is None and grad >= 1.5:
            # lit like a photo (lamp, shadow, vignette) but no page edge or
            # table border found: a blurred photo loses both.  Not warped;
            # assume the page spans ~85 % of the frame's long side to judge
            # its sharpness, flatten the light.
            eff = 0.85 * max(H, W) / (A4_MM[0] / 25.4)
            sharp = sharpness(flatten(gray, eff), eff)
            details.update(effective_dpi=round(eff, 1), sharpness=round(sharp, 1))
            if check and sharp < MIN_SHARPNESS:
                raise UnreadablePhotoError(
                    f"photo too blurred to read (sharpness {sharp:.1f}, needs >= {MIN_SHARPNESS:.0f}; no page edge found): "
                    "retake it in focus"
                )
        if quad is None:
            return PhotoPrep(gray, False, float(dpi or WORK_DPI), found="none", reason="no page quadrilateral or perspective", details=details)

    q = quad / f  # input pixels
    wq, hq = _lengths(q)
    landscape = wq >= hq
    if found == "paper":
        aspect = wq / max(hq, 1.0)
        a4 = A4_MM[0] / A4_MM[1] if landscape else A4_MM[1] / A4_MM[0]
        if abs(aspect / a4 - 1) <= 0.12:
            w_mm, h_mm = (A4_MM if landscape else A4_MM[::-1])
        else:  # not A4: keep the measured aspect, long side as A4's
            long_mm = A4_MM[0]
            w_mm, h_mm = (long_mm, long_mm / aspect) if landscape else (long_mm * aspect, long_mm)
        area_in2 = (w_mm / 25.4) * (h_mm / 25.4)
        eff = math.sqrt(abs(cv2.contourArea(q.astype(np.float32))) / area_in2)
        out_w, out_h = int(round(w_mm / 25.4 * WORK_DPI)), int(round(h_mm / 25.4 * WORK_DPI))
        dst = None
        canvas = (out_w, out_h)
    else:
        # table border: physical size unknown; assume the table spans ~90 %
        # of an A4 page's width (margins of ~15 mm)
        w_mm = 0.9 * (A4_MM[0] if landscape else A4_MM[1])
        eff = wq / (w_mm / 25.4)
        scale = WORK_DPI / eff
        tw, th = wq * scale, hq * scale
        # keep what is around the table (title, header blocks, signatures)
        mx, my = 0.06 * tw, 0.25 * th
        canvas = (int(round(tw + 2 * mx)), int(round(th + 2 * my)))
        dst = np.array([[mx, my], [mx + tw, my], [mx + tw, my + th], [mx, my + th]], np.float32)
        out_w, out_h = canvas
    details["effective_dpi"] = round(eff, 1)
    if check and eff < MIN_DPI:
        raise UnreadablePhotoError(
            f"photo too small to read (the page is {int(round(wq))} x {int(round(hq))} px, about {eff:.0f} dpi, "
            f"needs >= {MIN_DPI:.0f} dpi): retake it closer or at a higher resolution"
        )
    # warp and flatten at the photo's own resolution: the sharpness check
    # sees the photo's real detail, and the upsampling starts from the flat page
    nat = min(1.0, eff / WORK_DPI)
    native_dpi = WORK_DPI * nat
    if dst is None:
        native = _warp(gray, q, max(16, int(out_w * nat)), max(16, int(out_h * nat)))
    else:
        native = _warp(gray, q, max(16, int(canvas[0] * nat)), max(16, int(canvas[1] * nat)), dst * nat)
    flat = flatten(native, native_dpi)
    sharp = sharpness(flat, native_dpi)
    details["sharpness"] = round(sharp, 1)
    if check and sharp < MIN_SHARPNESS:
        raise UnreadablePhotoError(
            f"photo too blurred to read (sharpness {sharp:.1f}, needs >= {MIN_SHARPNESS:.0f}): retake it in focus"
        )
    page = to_work_resolution(_warp(gray, q, out_w, out_h, dst), native_dpi)
    text = text_height(page, WORK_DPI)
    text_px = None if text is None else round(text * native_dpi / WORK_DPI, 1)
    details["text_px"] = text_px
    if check and text_px is not None and text_px < MIN_TEXT_PX:
        raise UnreadablePhotoError(
            f"photo too small to read: its text is about {text_px:.1f} px tall (needs >= {MIN_TEXT_PX:.1f} px; "
            f"the page is about {eff:.0f} dpi): retake it closer or at a higher resolution"
        )
    return PhotoPrep(page, True, WORK_DPI, effective_dpi=round(eff, 1), sharpness=round(sharp, 1), text_px=text_px,
                     quad=q, found=found, reason=f"{found} quadrilateral", details=details)
