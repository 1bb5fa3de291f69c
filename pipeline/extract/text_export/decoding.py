"""Bytes -> text: the encodings exports come in, and binary files refused."""

from __future__ import annotations

import codecs

from pipeline.errors import EmptyFileError, UnsupportedFileError


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else TIS-620/cp874; binary ->
    `UnsupportedFileError`."""
    if not data:
        raise EmptyFileError()
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnsupportedFileError("undecodable UTF-16") from err
    if b"\x00" in data:
        raise UnsupportedFileError("binary content")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        for enc in ("cp874", "tis-620"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 100):
            raise UnsupportedFileError("binary content")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(3, len(text) // 50):
        raise UnsupportedFileError("binary content")
    return text


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file decode as a text export (UTF-8,
    UTF-16 with BOM, or TIS-620/cp874).  A multi-byte character cut at the
    end of `head` is tolerated.  For `pipeline.extract.detect_kind`."""
    if not head:
        return False
    for cut in range(4):
        try:
            decode_bytes(head[: len(head) - cut] if cut else head)
            return True
        except UnsupportedFileError:
            continue
        except EmptyFileError:
            return False
    return False
