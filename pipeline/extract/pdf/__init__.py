"""Digital PDFs: text layer + ruling lines -> `Document`.

Everything is read through pypdfium2 (PDFium), not pdfplumber:
- speed: PDFium gives a page's characters and page objects in a few ms, while
  pdfplumber's `find_tables` / `extract_text` cost 0.2-0.5 s per page;
- Thai: pdfplumber sorts characters left to right, which moves tone marks
  off their base and inserts spaces (`ทัว่ ไป`); PDFium keeps the order in
  which the PDF stores characters, which is right for Thai far more often,
  and flags the characters (spaces, line breaks) it generated itself.
pdfplumber is therefore not used here.

Per page (one module each):
1. `rotation`: the direction the page's text reads in; `frame`: PDF user
   space -> the displayed page, that rotation applied;
2. `chars`: the characters in stored order with loose boxes;
3. `rules`: ruling segments from the path objects -> `grid.find_grids`;
4. `page_kind`: a page whose text layer cannot stand in for its image is a
   scan: `render` draws it and hands it to the scan path;
5. `text_page`: otherwise each character goes to the grid cell holding its
   centre (`Table`s), the rest become `TextLine`s (`text` joins characters,
   `thai_marks` keeps Thai marks on their base).
`opening` opens the file or says why it cannot be opened.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from pipeline.errors import CorruptPdfError, LimitExceededError
from pipeline.extract.grid import find_grids
from pipeline.extract.pdf.chars import page_chars
from pipeline.extract.pdf.frame import Frame
from pipeline.extract.pdf.opening import open_pdf
from pipeline.extract.pdf.page_kind import is_scanned
from pipeline.extract.pdf.render import scan_page
from pipeline.extract.pdf.rotation import text_rotation
from pipeline.extract.pdf.rules import TOL, page_segments
from pipeline.extract.pdf.text_page import text_page
from pipeline.model import Document, Page, SourceKind
from pipeline.settings import Settings

__all__ = ["extract_pdf", "page_segments", "page_chars"]


def extract_pdf(path: Path, settings: Settings) -> Document:
    """Read a PDF's text layer and ruled tables; scanned pages go to OCR."""
    pdf = open_pdf(Path(path))
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
                read, was_scan = _read_page(page, page_no, settings)
            except pdfium.PdfiumError as err:
                raise CorruptPdfError(f"page {page_no} unreadable: {err}") from err
            finally:
                page.close()
            pages.append(read)
            scanned += was_scan
    finally:
        pdf.close()
    kind = SourceKind.PDF_SCAN if scanned == len(pages) else SourceKind.PDF_TEXT
    return Document(source_kind=kind, pages=pages)


def _read_page(page: pdfium.PdfPage, page_no: int, settings: Settings) -> tuple[Page, bool]:
    """One page read in its own reading direction; True when it was a scan."""
    textpage = page.get_textpage()
    rotation = text_rotation(page, textpage)
    if rotation != page.get_rotation() % 360:
        # /Rotate shows the text sideways: turn the page (in memory only) so
        # PDFium orders the characters in their own reading direction, then
        # read it upright
        textpage.close()
        page.set_rotation(rotation)
        textpage = page.get_textpage()
    try:
        frame = Frame(page, rotation)
        chars = page_chars(textpage, frame)
    finally:
        textpage.close()
    horizontal, vertical, image_share = page_segments(page, frame)
    grids = find_grids(horizontal, vertical, TOL)
    if is_scanned(chars, image_share, grids):
        return scan_page(page, page_no, frame, settings), True
    return text_page(page_no, frame, chars, grids), False
