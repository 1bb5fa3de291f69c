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


def extract(path: Path, settings: Settings) -> Document:
    """Read any supported file into a `Document`."""
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise LimitExceededError("bytes per file", size, "--max-bytes")
    with path.open("rb") as fh:
        head = fh.read(4096)
    kind = detect_kind(head)
    if kind == "pdf":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(path, settings)
    if kind == "image":
        from pipeline.extract.image import extract_image

        return extract_image(path, settings)
    from pipeline.extract.text_export import extract_text_export

    return extract_text_export(path, settings)
