"""Which way a page is read: its /Rotate, unless its own text says otherwise."""

from __future__ import annotations

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.pdf.page_kind import MIN_CHARS_TEXT_PAGE


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
    if total < MIN_CHARS_TEXT_PAGE:
        return page_rot
    best = max(range(4), key=lambda k: votes[k])
    if votes[best] < 0.6 * total:
        return page_rot  # mixed directions: trust the page
    return best * 90
