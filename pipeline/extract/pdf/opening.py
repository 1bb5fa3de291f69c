"""Opening a PDF, or saying in words why it cannot be opened."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import CorruptPdfError, EncryptedPdfError, InputFileError


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


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise _why_unopenable(path, getattr(err, "err_code", None)) from err
