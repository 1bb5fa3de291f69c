"""A scanned page: rendered to grey pixels at the run's dpi and handed to the
scan reader (`pipeline.extract.scan.read_page_image`)."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from pipeline.errors import LimitExceededError, MissingDependencyError
from pipeline.extract.pdf.frame import Frame
from pipeline.model import Page
from pipeline.settings import Settings


def scan_page(page: pdfium.PdfPage, page_no: int, frame: Frame, settings: Settings) -> Page:
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
    return read_page_image(render_gray(page, scale), page_no, dpi, settings)


def render_gray(page: pdfium.PdfPage, scale: float) -> np.ndarray:
    """The page as a 2-D grey image, `scale` pixels per point."""
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = np.array(bitmap.to_numpy(), copy=True)
    finally:
        bitmap.close()
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    return image
