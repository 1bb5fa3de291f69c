"""Digital PDFs: text layer + ruling lines -> `Document`.

Everything is read through pypdfium2 (PDFium), not pdfplumber:
- speed: PDFium gives a page's characters and page objects in a few ms, while
  pdfplumber's `find_tables` / `extract_text` cost 0.2-0.5 s per page;
- Thai: pdfplumber sorts characters left to right, which moves tone marks
  off their base and inserts spaces (`ทัว่ ไป`); PDFium keeps the order in
  which the PDF stores characters, which is right for Thai far more often,
  and flags the characters (spaces, line breaks) it generated itself.
pdfplumber is therefore not used here.

Per page:
1. characters in stored order with loose boxes (`FPDFText_GetLooseCharBox`:
   the font's full ascent..descent, so all characters of one line share one
   vertical band, marks above and below included);
2. ruling segments from path objects: thin paths (stroked lines or filled
   thin rectangles) become one segment; other stroked paths give their
   axis-parallel pieces; wide filled paths (cell shading) are ignored;
3. `grid.find_grids` -> `Table`s; each character goes to the cell holding its
   centre; the rest become `TextLine`s grouped by their vertical band.
A page without a usable text layer (only an image) is rendered and handed to
the scan path (`pipeline.extract.scan.read_page_image`).
"""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    InputFileError,
    LimitExceededError,
    MissingDependencyError,
)
from pipeline.extract.grid import Grid, Segment, find_grids
from pipeline.model import Box, Cell, Document, Page, SourceKind, Table, TextLine
from pipeline.settings import Settings
from pipeline.thai_script import is_thai_letter

__all__ = ["extract_pdf", "page_segments", "page_chars"]

# a path whose bounding box is at most this thick (points) is a ruling line
_THIN = 3.0
# grid tolerance in points: strokes this close are one line
_TOL = 2.0
# fewer real (non-space) characters than this + an image => scanned page
_MIN_CHARS_TEXT_PAGE = 8

_WS = frozenset(" \r\n\t\u00a0")



# --------------------------------------------------------------------------
# coordinates: PDF user space (bottom-left) -> displayed page (top-left)
# --------------------------------------------------------------------------


class _Frame:
    """Maps PDF user-space points to the displayed page (origin top-left,
    y down, page rotation applied)."""

    def __init__(self, page: pdfium.PdfPage, rotation: int | None = None) -> None:
        l, b, r, t = page.get_cropbox()
        self.l, self.b, self.r, self.t = l, b, r, t
        self.rot = (page.get_rotation() if rotation is None else rotation) % 360
        if self.rot in (90, 270):
            self.width, self.height = t - b, r - l
        else:
            self.width, self.height = r - l, t - b

    def xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.rot == 90:
            return y - self.b, x - self.l
        if self.rot == 180:
            return self.r - x, y - self.b
        if self.rot == 270:
            return self.t - y, self.r - x
        return x - self.l, self.t - y

    def box(self, x0, y0, x1, y1):
        """Vectorised: user-space boxes -> (X0, Y0, X1, Y1) top-left boxes."""
        ax, ay = self.xy(x0, y0)
        bx, by = self.xy(x1, y1)
        return np.minimum(ax, bx), np.minimum(ay, by), np.maximum(ax, bx), np.maximum(ay, by)


# --------------------------------------------------------------------------
# characters
# --------------------------------------------------------------------------


def text_rotation(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, sample: int = 400) -> int:
    """The rotation (0/90/180/270) that makes most of the page's text run
    left to right: the page's /Rotate when the text is upright on screen
    (also when a producer drew landscape content rotated into a portrait
    page and set /Rotate to show it upright).  When /Rotate shows the text
    sideways or upside down (a /Rotate added to an upright page, a page
    rotated by mistake), the direction of the characters wins, so the page
    is read in its own reading direction.  Pages with too little text keep
    /Rotate (scans: the picture is rendered as displayed)."""
    page_rot = page.get_rotation() % 360
    raw = textpage.raw if hasattr(textpage, "raw") else textpage
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return page_rot
    votes = [0, 0, 0, 0]
    step = max(1, n // sample)
    for i in range(0, n, step):
        u = pdfium_c.FPDFText_GetUnicode(raw, i)
        if u <= 32 or pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
        if angle < 0:
            continue
        # PDFium measures the angle clockwise; the frame's rotation turns counter-clockwise
        votes[-int(round(math.degrees(angle) / 90.0)) % 4] += 1
    total = sum(votes)
    if total < _MIN_CHARS_TEXT_PAGE:
        return page_rot
    best = max(range(4), key=lambda k: votes[k])
    if votes[best] < 0.6 * total:
        return page_rot  # mixed directions: trust the page
    return best * 90


class _Chars:
    """A page's characters in stored order (numpy columns, top-left coords)."""

    __slots__ = ("text", "gen", "x0", "y0", "x1", "y1", "cx", "cy", "L")

    def __init__(self, text: str, gen: np.ndarray, box: tuple[np.ndarray, ...]) -> None:
        self.text = text
        self.gen = gen
        self.x0, self.y0, self.x1, self.y1 = box
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.y0 + self.y1) / 2
        # plain-list copies: per-character loops index these ~10x faster
        self.L = _Lists(self)

    def __len__(self) -> int:
        return len(self.text)


class _Lists:
    __slots__ = ("gen", "x0", "y0", "x1", "y1", "cx", "cy", "h")

    def __init__(self, c: _Chars) -> None:
        self.gen = c.gen.tolist()
        self.x0 = c.x0.tolist()
        self.y0 = c.y0.tolist()
        self.x1 = c.x1.tolist()
        self.y1 = c.y1.tolist()
        self.cx = c.cx.tolist()
        self.cy = c.cy.tolist()
        self.h = [max(b - a, 1e-3) for a, b in zip(self.y0, self.y1)]


def page_chars(textpage: pdfium.PdfTextPage, frame: _Frame) -> _Chars:
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        e = np.zeros(0)
        return _Chars("", np.zeros(0, dtype=bool), (e, e, e, e))
    raw = textpage.raw if hasattr(textpage, "raw") else textpage
    text = textpage.get_text_range(0, n)
    chars = list(text)
    if len(chars) != n:  # surrogate pairs or a PDFium oddity: read one by one
        chars = [chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(n)]
    gen = np.zeros(n, dtype=bool)
    box = np.zeros((n, 4))
    rect = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    is_gen = pdfium_c.FPDFText_IsGenerated
    map_err = pdfium_c.FPDFText_HasUnicodeMapError
    rect_ref = ctypes.byref(rect)
    for i, ch in enumerate(chars):
        # PDFium only ever generates spaces and line breaks: ask only for those
        if ch in _WS and is_gen(raw, i) == 1:
            gen[i] = True
            continue
        get_box(raw, i, rect_ref)
        box[i] = (rect.left, rect.bottom, rect.right, rect.top)
        if not ("\u0e00" <= ch <= "\u0e7f" or " " <= ch <= "~") and map_err(raw, i) == 1:
            # the font's ToUnicode map has no entry: the code is a glyph
            # number, not text.  Mark it so nobody trusts it.
            chars[i] = "\ufffd"
    x0, y0, x1, y1 = frame.box(box[:, 0], box[:, 1], box[:, 2], box[:, 3])
    # generated characters carry no box: park them on the previous char
    if gen.any():
        idx = np.arange(n)
        last_real = np.maximum.accumulate(np.where(~gen, idx, -1))
        src = np.where(last_real >= 0, last_real, 0)
        x0, y0, x1, y1 = (np.where(gen, a[src], a) for a in (x0, y0, x1, y1))
        x0 = np.where(gen, x1, x0)
    return _Chars("".join(chars), gen, (x0, y0, x1, y1))


# --------------------------------------------------------------------------
# ruling lines
# --------------------------------------------------------------------------


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


def page_segments(page: pdfium.PdfPage, frame: _Frame) -> tuple[list[Segment], list[Segment], float]:
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
            if max(w, h) <= 2 * _TOL:
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


# --------------------------------------------------------------------------
# text assembly
# --------------------------------------------------------------------------


_COMBINING = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _reattach_marks(chars: _Chars, ids: list[int]) -> list[int]:
    """Put Thai combining marks stored away from their base back after it.

    Some producers (WeasyPrint with Noto Sans Thai, for one) store a mark in
    a later text object, so in stored order it lands after another syllable
    or at the end of the line (`ใชจ่าย...พัฒน้า`).  A mark stays where it is
    when it sits over the base it follows (the normal case: >= 90 % of its
    width over that base); otherwise it moves after the base character on the
    same line, stored before it, that it overlaps most, if that overlap is
    clearly larger."""
    text = chars.text
    marks = [k for k, i in enumerate(ids) if text[i] in _COMBINING]
    if not marks:
        return ids
    L = chars.L
    x0, x1, cy, gen, hh = L.x0, L.x1, L.cy, L.gen, L.h

    def overlap(i: int, j: int) -> float:
        if abs(cy[j] - cy[i]) > 0.5 * hh[i]:
            return 0.0
        return max(0.0, min(x1[i], x1[j]) - max(x0[i], x0[j])) / max(x1[i] - x0[i], 1e-3)

    bases: list[int] | None = None
    moves: dict[int, int] = {}  # mark position -> base position
    for k in marks:
        i = ids[k]
        b = k - 1  # the base this mark follows in stored order
        while b >= 0 and (text[ids[b]] in _COMBINING or gen[ids[b]]):
            b -= 1
        own = overlap(i, ids[b]) if b >= 0 else 0.0
        if own >= 0.9:
            continue
        if bases is None:
            bases = [m for m, j in enumerate(ids) if not (text[j] in _COMBINING or gen[j] or text[j].isspace())]
        best, best_ov = -1, own
        for m in bases:
            if m >= k:
                # only ever move a mark back: PDFium sorts a line's text
                # objects by x, which can push a mark later, never earlier;
                # in monospaced fonts (Tlwg Mono) a mark's box lies over the
                # *next* cell while the stored order is right
                break
            ov = overlap(i, ids[m])
            if ov > best_ov:
                best, best_ov = m, ov
        # move only when another base clearly holds the mark
        if best >= 0 and best != b and best_ov >= own + 0.25:
            moves[k] = best
    if not moves:
        return ids
    order = [ids[k] for k in range(len(ids)) if k not in moves]
    for k, base_pos in sorted(moves.items()):
        base = ids[base_pos]
        p = order.index(base) + 1
        while p < len(order) and text[order[p]] in _COMBINING:
            p += 1
        order.insert(p, ids[k])
    return order


def _join(chars: _Chars, idx: np.ndarray, strict_thai: bool, cell: Box | None = None) -> str:
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
    ids = _reattach_marks(chars, idx.tolist())
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


def _hard_break(chars: _Chars, ids: list[int], k: int, line_start: int, line_x1: float, cell: Box, h: float) -> bool:
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


def _lines(chars: _Chars, idx: np.ndarray, page_no: int) -> list[TextLine]:
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
    for g in groups:  # top to bottom
        members = np.sort(idx[g])
        # side-by-side blocks of one band (signature blocks): one line, the
        # blocks left to right, separated by a tab
        parts = [_join(chars, part, strict_thai=False) for part in _split_columns(chars, members)]
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


def _split_columns(chars: _Chars, members: np.ndarray) -> list[np.ndarray]:
    """Cut one baseline group where a wide empty gap (> 2.5 line heights, no
    character, spaces not counted) separates side-by-side blocks, e.g. the
    proposer's and approver's signature blocks.  Returns the blocks left to
    right, characters of each in stored order."""
    if len(members) < 2:
        return [members]
    text = chars.text
    solid = np.array([not text[i].isspace() for i in members.tolist()])
    if solid.sum() < 2:
        return [members]
    m = members[solid]
    h = float(np.median(chars.y1[m] - chars.y0[m]))
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


def _marks_follow_their_base(text: str, owner: np.ndarray, inside: np.ndarray) -> None:
    """A Thai mark belongs to the character it sits on (the one before it in
    stored order), even when its glyph reaches over a cell border."""
    for i, ch in enumerate(text):
        if ch in _COMBINING and i and inside[i]:
            base = i - 1
            while base > 0 and text[base] in _COMBINING:
                base -= 1
            if inside[base] and text[base] not in _COMBINING:
                owner[i] = owner[base]


def _tables(chars: _Chars, grids: list[Grid], page_no: int) -> tuple[list[Table], np.ndarray]:
    """Tables from grids; returns them and the mask of characters placed."""
    used = np.zeros(len(chars), dtype=bool)
    tables: list[Table] = []
    real = ~chars.gen
    for grid in grids:
        re_ = np.asarray(grid.row_edges)
        ce = np.asarray(grid.col_edges)
        n_r, n_c = len(re_) - 1, len(ce) - 1
        slot = np.full((n_r, n_c), -1, dtype=int)
        for k, gc in enumerate(grid.cells):
            slot[gc.row : gc.row + gc.rowspan, gc.col : gc.col + gc.colspan] = k
        r = np.searchsorted(re_, chars.cy, side="right") - 1
        c = np.searchsorted(ce, chars.cx, side="right") - 1
        inside = (r >= 0) & (r < n_r) & (c >= 0) & (c < n_c) & ~used
        owner = np.full(len(chars), -1, dtype=int)
        owner[inside] = slot[r[inside], c[inside]]
        _marks_follow_their_base(chars.text, owner, inside)
        # generated characters sit on their neighbour's box, so they land in
        # its cell (and are skipped when the text is assembled)
        placed = owner >= 0
        used |= placed
        members: list[list[int]] = [[] for _ in grid.cells]
        for i in np.nonzero(placed & real)[0].tolist():
            members[owner[i]].append(i)
        cells: list[Cell] = []
        for k, gc in enumerate(grid.cells):
            text = (
                _join(chars, np.array(members[k], dtype=int), strict_thai=True, cell=gc.box)
                if members[k]
                else ""
            )
            cells.append(
                Cell(
                    row=gc.row,
                    col=gc.col,
                    text=text,
                    page=page_no,
                    rowspan=gc.rowspan,
                    colspan=gc.colspan,
                    box=gc.box,
                    confidence=None,
                )
            )
        tables.append(Table(page=page_no, n_rows=n_r, n_cols=n_c, cells=cells, box=grid.box))
    return tables, used


# --------------------------------------------------------------------------
# pages and documents
# --------------------------------------------------------------------------


def _text_page(page_no: int, frame: _Frame, chars: _Chars, grids: list[Grid]) -> Page:
    tables, used = _tables(chars, grids, page_no)
    free = np.nonzero(~used)[0]
    lines = _lines(chars, free, page_no)
    return Page(number=page_no, width=float(frame.width), height=float(frame.height), lines=lines, tables=tables)


def _is_scanned(chars: _Chars, image_share: float, grids: list[Grid]) -> bool:
    """A page is read as a scan when its picture is an image and its text
    layer cannot stand in for it: almost no characters on an image, or a
    page-filling image with text but no ruled table drawn as vectors (the
    invisible OCR layer some scanners add has no table structure)."""
    n_real = sum(1 for ch in chars.text if not ch.isspace())
    if n_real < _MIN_CHARS_TEXT_PAGE:
        return image_share > 0.3
    return image_share > 0.8 and not grids


def _scan_page(page: pdfium.PdfPage, page_no: int, frame: _Frame, settings: Settings) -> Page:
    try:
        from pipeline.extract.scan import read_page_image
    except ImportError as err:  # the scan path is not installed/written yet
        raise MissingDependencyError(
            f"page {page_no} is a scanned image; the scan reader (pipeline.extract.scan)",
            "install thaiplan with its OCR dependencies (tesserocr, opencv-python-headless)",
        ) from err
    dpi = float(settings.dpi)
    scale = dpi / 72.0
    pixels = int(frame.width * scale) * int(frame.height * scale)
    if pixels > settings.max_pixels:
        raise LimitExceededError("pixels per page", pixels, "--max-pixels", settings.max_pixels)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = np.array(bitmap.to_numpy(), copy=True)
    finally:
        bitmap.close()
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    return read_page_image(image, page_no, dpi, settings)


def _why_unopenable(path: Path, code: int | None) -> InputFileError:
    """PDFium could not open the file: say why in words.  PDFium's error code
    is process-global and not reset by a successful load, so a stale
    "password" code from an earlier file is not trusted on its own: the
    file's own bytes decide (an encrypted PDF names /Encrypt in its
    trailer, which is never compressed)."""
    import mmap
    import re

    with path.open("rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            data = b""
        try:
            if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and data.find(b"/Encrypt") >= 0:
                return EncryptedPdfError()
            if data.rfind(b"%%EOF", max(0, len(data) - 2048)) < 0:
                return CorruptPdfError("the file ends early: no %%EOF marker, it was cut off while copying")
            if not re.search(rb"/Type\s*/Page\b", data) and re.search(rb"/Count\s+0\b", data):
                return CorruptPdfError("it has no pages")
        finally:
            if isinstance(data, mmap.mmap):
                data.close()
    detail = {
        pdfium_c.FPDF_ERR_FILE: "file not found or unreadable",
        pdfium_c.FPDF_ERR_FORMAT: "not a valid PDF structure",
        pdfium_c.FPDF_ERR_PAGE: "page tree damaged",
    }.get(code, "PDFium could not open it")
    return CorruptPdfError(detail)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise _why_unopenable(path, getattr(err, "err_code", None)) from err


def extract_pdf(path: Path, settings: Settings) -> Document:
    """Read a PDF's text layer and ruled tables; scanned pages go to OCR."""
    pdf = _open(Path(path))
    try:
        try:
            n_pages = len(pdf)
        except Exception as err:  # noqa: BLE001 - PDFium reports damage this way too
            raise CorruptPdfError(f"page count unreadable: {err}") from err
        if n_pages <= 0:
            raise CorruptPdfError("it has no pages")
        if n_pages > settings.max_pages:
            raise LimitExceededError("pages per file", n_pages, "--max-pages", settings.max_pages)
        pages: list[Page] = []
        scanned = 0
        for k in range(n_pages):
            page_no = k + 1
            try:
                page = pdf[k]
            except pdfium.PdfiumError as err:
                raise CorruptPdfError(f"page {page_no} unreadable: {err}") from err
            try:
                textpage = page.get_textpage()
                rotation = text_rotation(page, textpage)
                if rotation != page.get_rotation() % 360:
                    # /Rotate shows the text sideways: turn the page (in
                    # memory only) so PDFium orders the characters in
                    # their own reading direction, then read it upright
                    textpage.close()
                    page.set_rotation(rotation)
                    textpage = page.get_textpage()
                try:
                    frame = _Frame(page, rotation)
                    chars = page_chars(textpage, frame)
                finally:
                    textpage.close()
                segs = page_segments(page, frame)
                horizontal, vertical, image_share = segs
                grids = find_grids(horizontal, vertical, _TOL)
                if _is_scanned(chars, image_share, grids):
                    pages.append(_scan_page(page, page_no, frame, settings))
                    scanned += 1
                else:
                    pages.append(_text_page(page_no, frame, chars, grids))
            except pdfium.PdfiumError as err:
                raise CorruptPdfError(f"page {page_no} unreadable: {err}") from err
            finally:
                page.close()
    finally:
        pdf.close()
    kind = SourceKind.PDF_SCAN if scanned == len(pages) else SourceKind.PDF_TEXT
    return Document(source_kind=kind, pages=pages)
