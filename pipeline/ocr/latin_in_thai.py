"""Short Latin words inside a line of Thai text, read again.

Tesseract's mixed `tha+eng` model takes a Thai digit between Thai words for
Latin letters (๗ -> "oy", "of"; ๕ -> "Ww") and now and then a whole short
Thai word too (กลุ่ม -> "NA").  Such a word is read again from its box: as
Thai digits when the digit reader's glyph votes say Thai digits and nothing
else, or by the Thai-only model when that is sure of Thai letters.  A
reading that is neither stays as Tesseract gave it (a real acronym).
"""

from __future__ import annotations

import re

import numpy as np

from pipeline.ocr.base import OcrResult, OcrWord

__all__ = ["reread_latin_words"]

_SHORT_LATIN = re.compile(r"^['\"`]*([A-Za-z][A-Za-z0-9]{0,3})['\"`.,]*$")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
_THAI_DIGITS = re.compile(r"^[๐-๙]+$")
_THAI_WORD = re.compile(r"^[\u0e01-\u0e4e]+$")
_SURE_THAI = 0.85  # the Thai-only model's confidence that stands for a Latin reading
_SURE_DIGITS = 0.6


def _crop(image: np.ndarray, box) -> np.ndarray:
    """The word's box grown by a third of its height (Tesseract's boxes of
    such words cut glyphs' edges)."""
    g = max(2, int((box.y1 - box.y0) / 3))
    H, W = image.shape[:2]
    return image[max(0, int(box.y0) - g) : min(H, int(box.y1) + g), max(0, int(box.x0) - g) : min(W, int(box.x1) + g)]


def _reread(image: np.ndarray, word: OcrWord, engine) -> str | None:
    crop = _crop(image, word.box)
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return None
    thai, arabic = engine.digit_votes(crop)
    if thai and not arabic:
        res = engine.read_number(crop, thai_digits=True)
        text = "".join(res.text.split())
        if _THAI_DIGITS.match(text) and res.confidence >= _SURE_DIGITS:
            return text
    res = engine.read_thai_line(crop)
    text = "".join(res.text.split())
    if _THAI_WORD.match(text) and _THAI_LETTER.search(text) and res.confidence >= _SURE_THAI:
        return text
    return None


def reread_latin_words(res: OcrResult, image: np.ndarray, engine) -> str:
    """`res.text` (OCR of `image`, word boxes in its pixels) with its short
    Latin words between Thai text read again (see the module's note)."""
    text = res.text
    if not _THAI_LETTER.search(text):
        return text
    for word in res.words:
        m = _SHORT_LATIN.match(word.text)
        if m is None:
            continue
        again = _reread(image, word, engine)
        if again is None:
            continue
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(m.group(1))}(?![A-Za-z0-9])", again, text, count=1)
    return text
