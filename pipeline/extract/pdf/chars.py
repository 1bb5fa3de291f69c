"""A page's characters as PDFium stores them: text in stored order (right
for Thai far more often than any left-to-right sort) with loose boxes
(`FPDFText_GetLooseCharBox`: the font's full ascent..descent, so all
characters of one line share one vertical band, marks above and below
included)."""

from __future__ import annotations

import ctypes

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.pdf.frame import Frame

_WS = frozenset(" \r\n\t\u00a0")


class Chars:
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

    def __init__(self, c: Chars) -> None:
        self.gen = c.gen.tolist()
        self.x0 = c.x0.tolist()
        self.y0 = c.y0.tolist()
        self.x1 = c.x1.tolist()
        self.y1 = c.y1.tolist()
        self.cx = c.cx.tolist()
        self.cy = c.cy.tolist()
        self.h = [max(b - a, 1e-3) for a, b in zip(self.y0, self.y1)]


def page_chars(textpage: pdfium.PdfTextPage, frame: Frame) -> Chars:
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        e = np.zeros(0)
        return Chars("", np.zeros(0, dtype=bool), (e, e, e, e))
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
    return Chars("".join(chars), gen, (x0, y0, x1, y1))
