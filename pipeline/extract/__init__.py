"""Extractors: turn a source file into a neutral `Document`.

Nothing in this package knows months, sums or the form's blocks."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import EmptyFileError, LimitExceededError, UnsupportedFileError
from pipeline.model import Document
from pipeline.settings import Settings

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def detect_kind(head: bytes) -> str:
    """`pdf`, `image` or `text`, from the file's first bytes, not its name."""
    if not head:
        raise EmptyFileError()
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    from pipeline.extract.text_export import looks_like_text

    if looks_like_text(head):  # UTF-8/16 or legacy Thai TIS-620
        return "text"
    raise UnsupportedFileError("binary content")


def check_image_size(path: Path, settings: Settings) -> None:
    """Refuse an image whose first frame has more pixels than
    `settings.max_pixels`, from its header alone (nothing is decoded), naming
    its real size: PIL's own bomb guard (in `image.py`) only says "more
    than".  An unreadable header is left to the image reader."""
    import warnings

    from PIL import Image

    guard = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # the header is read, never the pixels: the check is ours
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:  # header only
                w, h = im.size
    except Exception:  # noqa: BLE001 - an unreadable image: image.py says why
        return
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    if w * h > settings.max_pixels:
        raise LimitExceededError("pixels per page", f"{w} x {h} = {w * h}", "--max-pixels", settings.max_pixels)


def extract(path: Path, settings: Settings) -> Document:
    """Read any supported file into a `Document`."""
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise LimitExceededError("bytes per file", size, "--max-bytes", settings.max_bytes)
    with path.open("rb") as fh:
        head = fh.read(4096)
    kind = detect_kind(head)
    if kind == "pdf":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(path, settings)
    if kind == "image":
        from pipeline.extract.image import extract_image

        check_image_size(path, settings)
        return extract_image(path, settings)
    from pipeline.extract.text_export import extract_text_export

    return extract_text_export(path, settings)
