"""The seam: one scanned page image -> `Page` (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.extract.grid import Grid, find_grids
from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.free_text import free_text
from pipeline.extract.scan.orientation import quarter_turns
from pipeline.extract.scan.prepare import Upright, deskewed, gray_image
from pipeline.extract.scan.ruling import clean_gray, glyph_crossings, ruling
from pipeline.extract.scan.table import read_grid
from pipeline.extract.scan.threshold import binarize, binarize_beside
from pipeline.extract.scan.upright_cells import cells_read_upright
from pipeline.model import Page
from pipeline.ocr.photo_reads import PhotoReads
from pipeline.settings import Settings

# one process per core (the batch pool's workers, `OMP_THREAD_LIMIT=1` for
# Tesseract): OpenCV's own second thread only contends with the other
# worker and cost a quarter more CPU on the page steps (threshold, deskew,
# ruling: 0.15 against 0.19-0.21 CPU s/page)
cv2.setNumThreads(1)


def read_page_image(image: np.ndarray, page_number: int, dpi: float, settings: Settings | None = None, *,
                    engine=None, orientation: bool = True, photo: bool = False) -> Page:
    """One scanned page (grayscale or RGB numpy array) -> `Page` in the
    upright page's pixel frame (see the module docstring).  `photo`: the
    page is a phone photo's, upsampled (`pipeline.extract.photo`): its
    number crops and text lines are read at a second scale too (`PhotoReads`) and its
    cells' faint glyphs looked for in their own gray (`cell_ink`)."""
    if engine is None:
        from pipeline.ocr import get_engine

        engine = get_engine(settings.ocr_engine if settings is not None else "tesseract")
    if photo:
        engine = PhotoReads(engine)
    dpi = float(dpi or 300)
    up, layout = upright_page(image, dpi, engine, orientation=orientation)
    margin = _margin(dpi)
    gray = up.image
    script = DigitScript(photo=photo)
    tables = [read_grid(g, gray, layout.clean, layout.ink, page_number, dpi, engine, script, margin, faint_glyphs=photo,
                        restored=layout.restored)
              for g in layout.grids]
    lines = free_text(layout.clean, layout.ink, layout.grids, page_number, dpi, engine)
    h, w = gray.shape
    return Page(number=page_number, width=float(w), height=float(h), lines=lines, tables=tables, dpi=dpi)


def upright_page(image: np.ndarray, dpi: float, engine, *, orientation: bool = True) -> tuple[Upright, _Layout]:
    """The grayscale page turned upright and deskewed (the frame of all
    boxes), and its ruled tables.  Upright as it stands when its tables'
    text cells read so (`cells_read_upright`: most pages, no orientation
    pass); else turned the way its word blobs read best (`quarter_turns`)."""
    gray = gray_image(image)
    up = deskewed(gray, dpi)
    layout = _Layout.of(up.image, dpi)
    if orientation and not cells_read_upright(layout.grids, up.image, layout.clean, layout.ink, dpi, _margin(dpi), engine):
        k, conf = quarter_turns(gray, dpi, engine)
        if k:
            up = deskewed(gray, dpi, k, conf)
            layout = _Layout.of(up.image, dpi)
    return up, layout


def upright_image(image: np.ndarray, dpi: float, engine=None, *, orientation: bool = True) -> Upright:
    """The page image `read_page_image` reads, upright and deskewed (the
    frame of all boxes: for review pages that show crops)."""
    if engine is None:
        from pipeline.ocr import get_engine

        engine = get_engine()
    return upright_page(image, float(dpi or 300), engine, orientation=orientation)[0]


def _margin(dpi: float) -> int:
    """Pixels off each side of a cell inside its rules."""
    return max(1, int(round(dpi / 150)))


@dataclass(slots=True)
class _Layout:
    """An upright page's ruled tables and the images its cells are read from."""

    grids: list[Grid]
    clean: np.ndarray  # the gray page without its rules
    ink: np.ndarray  # 0/255: the ink, with the faint ink beside the rules, without the rules
    # `clean` with the rules' halves that glyphs run into kept (see
    # `glyph_crossings`); None when no glyph touches a rule
    restored: np.ndarray | None = None

    @classmethod
    def of(cls, gray: np.ndarray, dpi: float) -> _Layout:
        binary = binarize(gray, dpi)
        hmask, vmask, hs, vs = ruling(binary, dpi)
        tol = max(3.0, dpi / 50)
        # every segment is a long run or a checked rule-to-rule run (see `ruling`)
        grids = find_grids(hs, vs, tol, min_length=max(7.0, dpi / 25))
        # a table needs a few rows and columns; smaller ruled things are boxes
        grids = [g for g in grids if g.n_rows >= 1 and g.n_cols >= 1 and g.box.width > dpi / 2 and g.box.height > dpi / 8]
        lines = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((3, 3), np.uint8))
        # binary and not lines (0/255 masks), with the faint ink beside the rules
        ink = cv2.subtract(binarize_beside(gray, binary, lines, dpi), lines)
        clean = clean_gray(gray, lines)
        kept = glyph_crossings(hmask, lines, ink, dpi)
        restored = None
        if cv2.countNonZero(kept):
            restored = clean.copy()
            np.copyto(restored, gray, where=kept > 0)
        return cls(grids, clean, ink, restored)
