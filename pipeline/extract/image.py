"""PNG / JPEG / TIFF (multi-page included) -> `Document(source_kind=IMAGE)`.

Every frame goes through the photo preparation (`pipeline.extract.photo`:
a phone photo is found from its pixels, warped flat, its light evened out and
upsampled to 300 dpi; a scan passes unchanged) and then the scan reader
(`pipeline.extract.scan`).  For a photo, boxes are in pixels of the warped,
300-dpi, upright image and `Page.dpi` is the photo's own effective
resolution (page pixels / page inches, before upsampling), and a photo
whose text is small (but not too small to read) carries a `photo_quality`
warning among the page's findings.  Limits
are checked before pixels are decoded: `settings.max_pixels` per frame
(PIL's decompression-bomb guard is set to the same number, so a bomb fails
with `LimitExceededError`, never a MemoryError) and `settings.max_pages`."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.errors import InputFileError, LimitExceededError, UnsupportedFileError
from pipeline.model import Document, Finding, Page, SourceKind
from pipeline.settings import Settings

if TYPE_CHECKING:
    from pipeline.extract.photo import PhotoPrep

__all__ = ["extract_image", "image_dpi", "photo_findings"]

DEFAULT_DPI = 300.0


def image_dpi(im: Image.Image) -> float:
    """The frame's resolution from its metadata, else 300.  Values outside
    70..1200 (72/96 dpi screen defaults included when the page is large)
    are not trusted."""
    dpi = im.info.get("dpi")
    try:
        x = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    if not 70 <= x <= 1200:
        return DEFAULT_DPI
    # a full page at 72/96 "dpi" is a screen default written by the tool
    if x < 150 and max(im.size) > 2000:
        return DEFAULT_DPI
    return x


def photo_findings(prep: PhotoPrep, page: int) -> list[Finding]:
    """What a readable photo still warns of: text so small that numbers may
    be misread (the table is read all the same)."""
    from pipeline.extract.photo import SMALL_TEXT_PX

    if prep.text_px is None or prep.text_px >= SMALL_TEXT_PX:
        return []
    return [Finding(check="photo_quality", severity="warning", page=page, found=f"{prep.text_px:.1f} px",
                    message=f"photo text is small: about {prep.text_px:.1f} px tall (read reliably from about "
                            f"{SMALL_TEXT_PX:.1f} px; the page is about {prep.effective_dpi:.0f} dpi): check the "
                            "numbers, or retake it closer")]


def extract_image(path: Path, settings: Settings) -> Document:
    from pipeline.extract.photo import prepare_photo
    from pipeline.extract.scan import read_page_image

    Image.MAX_IMAGE_PIXELS = int(settings.max_pixels)
    pages: list[Page] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                im = Image.open(path)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise LimitExceededError("pixels per page", "more than " + str(settings.max_pixels), "--max-pixels") from None
            with im:
                n_frames = int(getattr(im, "n_frames", 1) or 1)
                if n_frames > settings.max_pages:
                    raise LimitExceededError("pages per file", n_frames, "--max-pages")
                for k in range(n_frames):
                    im.seek(k)
                    w, h = im.size
                    if w * h > settings.max_pixels:
                        raise LimitExceededError("pixels per page", w * h, "--max-pixels")
                    dpi = image_dpi(im)
                    frame = ImageOps.exif_transpose(im) if k == 0 else im
                    gray = np.asarray(frame.convert("L"))
                    prep = prepare_photo(gray, dpi)
                    if prep.is_photo:
                        page = read_page_image(prep.image, k + 1, prep.dpi, settings, photo=True)
                        page.dpi = prep.effective_dpi
                        page.findings.extend(photo_findings(prep, k + 1))
                    else:
                        page = read_page_image(gray, k + 1, dpi, settings)
                    pages.append(page)
    except (UnidentifiedImageError, OSError, SyntaxError) as err:
        if isinstance(err, InputFileError):
            raise
        raise UnsupportedFileError(f"unreadable image: {err}") from err
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise LimitExceededError("pixels per page", "more than " + str(settings.max_pixels), "--max-pixels") from err
    return Document(source_kind=SourceKind.IMAGE, pages=pages)
