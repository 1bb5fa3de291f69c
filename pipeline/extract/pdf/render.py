"""A scanned page: its grey pixels at the run's dpi handed to the scan reader
(`pipeline.extract.scan.read_page_image`).  A page that is one image laid
over the whole page at that dpi (what scanners write) is decoded as it is;
any other page is rendered."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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
    image = page_image(page, scale)
    if image is not None:
        return image
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = np.array(bitmap.to_numpy(), copy=True)
    finally:
        bitmap.close()
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    return image


# decoded colour images PDFium hands back, as OpenCV converts them to grey
_TO_GRAY = {pdfium_c.FPDFBitmap_BGR: cv2.COLOR_BGR2GRAY, pdfium_c.FPDFBitmap_BGRx: cv2.COLOR_BGRA2GRAY,
            pdfium_c.FPDFBitmap_BGRA: cv2.COLOR_BGRA2GRAY}
_GRAY_OR_RGB = {pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB,
                pdfium_c.FPDF_COLORSPACE_CALGRAY, pdfium_c.FPDF_COLORSPACE_CALRGB, pdfium_c.FPDF_COLORSPACE_ICCBASED}


def page_image(page: pdfium.PdfPage, scale: float) -> np.ndarray | None:
    """The page's pixels straight from its one image, when the page is
    nothing but an upright, opaque grey or colour image of 8 bits a channel
    filling the crop box, at `scale` pixels per point or to be stretched to
    it (`_resampled`): the image PDFium would render, without drawing it (a
    fifth of the CPU).  None for any other page (the caller renders it)."""
    if page.get_rotation() % 360:
        return None
    objects = []
    for obj in page.get_objects(max_depth=1):
        objects.append(obj)
        if len(objects) > 1:
            return None
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    img = objects[0]
    l, b, r, t = page.get_cropbox()
    ma, mb, mc, md, me, mf = img.get_matrix().get()
    half = 0.5 / scale  # half a pixel, in points
    if abs(mb) > 1e-6 or abs(mc) > 1e-6 or max(abs(ma - (r - l)), abs(md - (t - b)), abs(me - l), abs(mf - b)) > half:
        return None  # turned, flipped, or not over the whole page
    size = (math.ceil((r - l) * scale), math.ceil((t - b) * scale))
    w, h = img.get_px_size()
    as_scanned = abs(w - size[0]) <= 1 and abs(h - size[1]) <= 1
    if not as_scanned and size[0] < w * _CUBIC_FROM:
        return None  # rendering scales it
    meta = img.get_metadata()
    if meta.bits_per_pixel not in (8, 24) or meta.colorspace not in _GRAY_OR_RGB:
        return None
    if pdfium_c.FPDFPageObj_HasTransparency(img):
        return None  # a mask or soft mask: only a render shows what it hides
    # (the bitmap is PDFium's to free, when it is collected)
    bitmap = img.get_bitmap(render=False)
    if bitmap.format == pdfium_c.FPDFBitmap_Gray:
        out = np.array(bitmap.to_numpy(), copy=True)
        out = out[:, :, 0] if out.ndim == 3 else out
    elif bitmap.format in _TO_GRAY:
        out = cv2.cvtColor(bitmap.to_numpy(), _TO_GRAY[bitmap.format])
    else:
        return None
    if out.shape != (h, w):
        return None
    return np.ascontiguousarray(out) if as_scanned else _resampled(out, size)


# a scan stretched this much or more is resampled by OpenCV, not by PDFium
_CUBIC_FROM = 1.75


def _resampled(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The scan stretched to `size` (width, height) by OpenCV's cubic
    resampling.  Stretched twice (a 150-dpi scan read at 300 dpi), PDFium's
    render left glyph edges that Tesseract misread: a 150-dpi plan went from
    593 to 856 of 911 number cells right.  A smaller stretch (200 dpi to
    300) or a shrink stays with PDFium: cubic there was no better (seed 7717
    at 200 dpi: 5 cells more before repair, 13 fewer after; two fonts
    worse, the rest better)."""
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC)
