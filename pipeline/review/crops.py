"""Crops of the source page around the cell a finding names, outlined.

Boxes (`findings.box_x0..box_y1`) are in the page frame the extractor used:

* `pdf_text`: PDF points, origin top-left -> the page rendered with PDFium at
  `CROP_DPI` (scale = dpi / 72); a box beyond the page's size in points is a
  scanned page inside a digital PDF, handled as `pdf_scan`;
* `pdf_scan`: pixels of the upright, deskewed page image that
  `pipeline.extract.scan.upright_image` makes from the page rendered at the
  run's dpi (`Settings.dpi`, 300 by default);
* `image`: the same, from the image file's frame (EXIF-turned for frame 1);
* `ocr_text`: no image (boxes are text lines; the page shows the text).

`PageImages` renders each page once and keeps it while one plan's crops
are cut; crops are saved as small PNGs (downscaled to about `CROP_DPI`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from pipeline.extract.pdf.render import render_gray

log = logging.getLogger(__name__)

__all__ = ["CROP_DPI", "PageImages", "crop_box", "save_crop"]

CROP_DPI = 150.0
MARGIN_X_IN = 1.3  # context around the cell, inches
MARGIN_Y_IN = 0.3
MAX_W_IN = 6.0  # a crop never shows more than this much of the page
MAX_H_IN = 2.2
OUTLINE = (220, 38, 38)  # the cell the finding names
SECOND = (234, 140, 0)  # the sum it was checked against


class PageImages:
    """Page images of one source file in the frame its boxes use.

    `get(page, box)` -> (RGB image, pixels per box unit) or None when the
    source has no page image (text exports, missing file, unreadable)."""

    def __init__(self, path: Path | None, source_kind: str | None, scan_dpi: float = 300.0) -> None:
        self.path = path
        self.kind = source_kind
        self.scan_dpi = float(scan_dpi)
        self._cache: dict[tuple[int, bool], tuple[Image.Image, float] | None] = {}
        self._pdf = None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        self._cache.clear()

    def __enter__(self) -> PageImages:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------
    def get(self, page: int, box: tuple[float, float, float, float] | None = None) -> tuple[Image.Image, float] | None:
        if self.path is None or self.kind not in ("pdf_text", "pdf_scan", "image") or not self.path.exists():
            return None
        scanned = self.kind != "pdf_text"
        if self.kind == "pdf_text" and box is not None:
            size = self._pdf_page_size(page)
            if size is not None and (box[2] > size[0] * 1.05 + 2 or box[3] > size[1] * 1.05 + 2):
                scanned = True  # an image-only page inside a digital PDF: boxes are pixels
        key = (page, scanned)
        if key not in self._cache:
            try:
                self._cache[key] = self._render(page, scanned)
            except Exception as err:  # noqa: BLE001 - a crop is a nicety, never a failure
                log.warning("review: cannot render page %s of %s: %s", page, self.path, err)
                self._cache[key] = None
        return self._cache[key]

    def _open_pdf(self):
        import pypdfium2 as pdfium

        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(str(self.path))
        return self._pdf

    def _pdf_page_size(self, page: int) -> tuple[float, float] | None:
        try:
            pdf = self._open_pdf()
            if not 1 <= page <= len(pdf):
                return None
            p = pdf[page - 1]
            try:
                return p.get_size()
            finally:
                p.close()
        except Exception:  # noqa: BLE001
            return None

    def _render(self, page: int, scanned: bool) -> tuple[Image.Image, float] | None:
        if self.kind in ("pdf_text", "pdf_scan"):
            pdf = self._open_pdf()
            if not 1 <= page <= len(pdf):
                return None
            p = pdf[page - 1]
            try:
                if not scanned:
                    scale = CROP_DPI / 72.0
                    bitmap = p.render(scale=scale)
                    try:
                        return bitmap.to_pil().convert("RGB"), scale
                    finally:
                        bitmap.close()
                gray = render_gray(p, self.scan_dpi / 72.0)
            finally:
                p.close()
            return self._upright(gray, self.scan_dpi)
        # image files
        from PIL import ImageOps

        from pipeline.extract.image import image_dpi
        from pipeline.extract.photo import prepare_photo

        with Image.open(self.path) as im:
            n = int(getattr(im, "n_frames", 1) or 1)
            if not 1 <= page <= n:
                return None
            im.seek(page - 1)
            dpi = image_dpi(im)
            frame = ImageOps.exif_transpose(im) if page == 1 else im
            gray = np.asarray(frame.convert("L"))
        prep = prepare_photo(gray, dpi, check=False)  # the frame the scan reader got (a scan: unchanged)
        return self._upright(prep.image, prep.dpi)

    @staticmethod
    def _upright(gray: np.ndarray, dpi: float) -> tuple[Image.Image, float]:
        """The upright, deskewed page exactly as the scan reader saw it."""
        from pipeline.extract.scan import upright_image

        up = upright_image(gray, dpi)
        img = Image.fromarray(up.image).convert("RGB")
        scale = 1.0
        if dpi > CROP_DPI * 1.2:  # keep crops small: downscale to about CROP_DPI
            scale = CROP_DPI / dpi
            img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.LANCZOS)
        return img, scale


Rect = tuple[float, float, float, float]


def crop_box(size: tuple[int, int], boxes: list[Rect], scale: float, dpi: float = CROP_DPI) -> tuple[tuple[int, int, int, int], list[tuple[int, int, int, int]]]:
    """(crop rectangle on the page image, the cells' rectangles inside the
    crop), in pixels.  The crop holds all cells with some context, at most
    MAX_W_IN x MAX_H_IN inches; when they do not fit, it is centred on the
    first (the primary cell)."""
    w, h = size
    px = []
    for box in boxes:
        x0, y0, x1, y1 = (v * scale for v in box)
        px.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    ux0, uy0 = min(b[0] for b in px), min(b[1] for b in px)
    ux1, uy1 = max(b[2] for b in px), max(b[3] for b in px)
    mx, my = MARGIN_X_IN * dpi, MARGIN_Y_IN * dpi
    cx0, cy0, cx1, cy1 = ux0 - mx, uy0 - my, ux1 + mx, uy1 + my
    max_w, max_h = MAX_W_IN * dpi, MAX_H_IN * dpi
    x0, y0, x1, y1 = px[0]
    if cx1 - cx0 > max_w:
        mid = (x0 + x1) / 2
        cx0, cx1 = mid - max_w / 2, mid + max_w / 2
    if cy1 - cy0 > max_h:
        mid = (y0 + y1) / 2
        cy0, cy1 = mid - max_h / 2, mid + max_h / 2
    cx0, cy0 = max(0, int(cx0)), max(0, int(cy0))
    cx1, cy1 = min(w, int(round(cx1))), min(h, int(round(cy1)))
    if cx1 <= cx0 or cy1 <= cy0:  # the box lies off the page: show its nearest corner
        cx0, cy0 = min(max(0, int(x0)), max(0, w - 1)), min(max(0, int(y0)), max(0, h - 1))
        cx1, cy1 = min(w, cx0 + int(max_w / 2)), min(h, cy0 + int(max_h / 2))
    cells = [(int(b[0]) - cx0, int(b[1]) - cy0, int(round(b[2])) - cx0, int(round(b[3])) - cy0) for b in px]
    return (cx0, cy0, cx1, cy1), cells


def save_crop(img: Image.Image, scale: float, boxes: list[Rect], out: Path) -> tuple[int, int]:
    """Cut the crop around `boxes` (box units; `scale` pixels per unit; the
    first is the primary cell), outline each cell (the primary solid, others
    thinner), save as PNG; return the crop's (width, height)."""
    rect, cells = crop_box(img.size, boxes, scale)
    crop = img.crop(rect).convert("RGB")
    draw = ImageDraw.Draw(crop)
    pad = 3
    for i, cell in enumerate(cells):
        draw.rectangle(
            (cell[0] - pad, cell[1] - pad, cell[2] + pad, cell[3] + pad),
            outline=OUTLINE if i == 0 else SECOND,
            width=3 if i == 0 else 2,
        )
    crop = crop.quantize(colors=64, method=Image.Quantize.MEDIANCUT)  # small files, crisp text
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    crop.save(tmp, format="PNG")
    tmp.replace(out)
    return crop.size
