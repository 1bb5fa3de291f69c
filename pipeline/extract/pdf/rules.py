"""Ruling lines from a page's path objects, and how much of the page its
largest image covers.

Thin paths (stroked lines or filled thin rectangles) become one segment;
other stroked paths give their axis-parallel pieces; wide filled paths (cell
shading) are ignored.  Objects inside Form XObjects are followed, with the
form's matrix carried down."""

from __future__ import annotations

import ctypes

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.grid import Segment
from pipeline.extract.pdf.frame import Frame

# a path whose bounding box is at most this thick (points) is a ruling line
_THIN = 3.0
# grid tolerance in points: strokes this close are one line
TOL = 2.0


def _matrix(obj) -> tuple[float, float, float, float, float, float]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner, outer):
    """Matrix product: apply `inner`, then `outer` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _apply(m, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return x * a + y * c + e, x * b + y * d + f


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _walk_objects(parent, is_form: bool, ctm, out_paths: list, out_images: list, depth: int = 0) -> None:
    """Collect (path object, matrix to page space) and image bounds.  Bounds
    of objects inside a Form XObject are in the form's space, so the form's
    matrix is carried down."""
    count = pdfium_c.FPDFFormObj_CountObjects(parent) if is_form else pdfium_c.FPDFPage_CountObjects(parent)
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    for i in range(max(count, 0)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            out_paths.append((obj, ctm))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out_images.append((obj, ctm))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 12:
            _walk_objects(obj, True, _compose(_matrix(obj), ctm), out_paths, out_images, depth + 1)


class _Out4:
    """Four reusable ctypes float out-parameters (one set per page call,
    so threads never share them)."""

    __slots__ = ("vals", "refs")

    def __init__(self) -> None:
        self.vals = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        self.refs = tuple(ctypes.byref(v) for v in self.vals)


def _bounds(obj, ctm, out: _Out4 | None = None) -> tuple[float, float, float, float] | None:
    out = out or _Out4()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *out.refs):
        return None
    l, b, r, t = (v.value for v in out.vals)
    if ctm is _IDENTITY:
        return l, b, r, t
    pts = [_apply(ctm, x, y) for x in (l, r) for y in (b, t)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _path_pieces(obj, ctm) -> list[tuple[float, float, float, float]]:
    """Axis-parallel straight pieces of a stroked path, in user space."""
    m = _compose(_matrix(obj), ctm)
    n = pdfium_c.FPDFPath_CountSegments(obj)
    if n <= 0 or n > 400:
        return []
    out = []
    x = y = 0.0
    start = None
    fx, fy = ctypes.c_float(), ctypes.c_float()
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, fx, fy)
        px, py = _apply(m, fx.value, fy.value)
        typ = pdfium_c.FPDFPathSegment_GetType(seg)
        if typ == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = (px, py)
        elif typ == pdfium_c.FPDF_SEGMENT_LINETO:
            out.append((x, y, px, py))
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            out.append((px, py, start[0], start[1]))
        x, y = px, py
    return out


def page_segments(page: pdfium.PdfPage, frame: Frame) -> tuple[list[Segment], list[Segment], float]:
    """Ruling segments (top-left coordinates) and the page share covered by
    the largest image."""
    paths: list = []
    images: list = []
    _walk_objects(page.raw if hasattr(page, "raw") else page, False, _IDENTITY, paths, images)
    pieces: list[tuple[float, float, float, float]] = []  # user space x0, y0, x1, y1
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    out4 = _Out4()
    for obj, ctm in paths:
        bb = _bounds(obj, ctm, out4)
        if bb is None:
            continue
        l, b, r, t = bb
        w, h = r - l, t - b
        if min(w, h) <= _THIN:
            if max(w, h) <= 2 * TOL:
                continue  # a dot
            if w >= h:
                yc = (b + t) / 2
                pieces.append((l, yc, r, yc))
            else:
                xc = (l + r) / 2
                pieces.append((xc, b, xc, t))
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        if stroke.value:
            pieces.extend(_path_pieces(obj, ctm))
        # a wide filled, unstroked path is shading: not a line
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
    if pieces:
        a = np.array(pieces)
        X0, Y0 = frame.xy(a[:, 0], a[:, 1])
        X1, Y1 = frame.xy(a[:, 2], a[:, 3])
        for x0, y0, x1, y1 in zip(X0.tolist(), Y0.tolist(), X1.tolist(), Y1.tolist()):
            dx, dy = abs(x1 - x0), abs(y1 - y0)
            if dy <= 1.0 and dx > dy:
                horizontal.append(Segment(min(x0, x1), (y0 + y1) / 2, max(x0, x1), (y0 + y1) / 2))
            elif dx <= 1.0 and dy > dx:
                vertical.append(Segment((x0 + x1) / 2, min(y0, y1), (x0 + x1) / 2, max(y0, y1)))
    page_area = max(frame.width * frame.height, 1.0)
    image_share = 0.0
    for obj, ctm in images:
        bb = _bounds(obj, ctm)
        if bb is not None:
            image_share = max(image_share, (bb[2] - bb[0]) * (bb[3] - bb[1]) / page_area)
    return horizontal, vertical, image_share
