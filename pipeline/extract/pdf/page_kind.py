"""Text page or scan: whether a page's text layer can stand in for it."""

from __future__ import annotations

from pipeline.extract.grid import Grid
from pipeline.extract.pdf.chars import Chars

# fewer real (non-space) characters than this + an image => scanned page
MIN_CHARS_TEXT_PAGE = 8


def is_scanned(chars: Chars, image_share: float, grids: list[Grid]) -> bool:
    """A page is read as a scan when its picture is an image and its text
    layer cannot stand in for it: almost no characters on an image, or a
    page-filling image with text but no ruled table drawn as vectors (the
    invisible OCR layer some scanners add has no table structure)."""
    n_real = sum(1 for ch in chars.text if not ch.isspace())
    if n_real < MIN_CHARS_TEXT_PAGE:
        return image_share > 0.3
    return image_share > 0.8 and not grids
