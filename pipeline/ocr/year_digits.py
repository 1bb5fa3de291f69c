"""The Buddhist-era year after "พ.ศ." in a line of text, read again from
the image with the number reader.

Tesseract's Thai text model reads a title's bold Thai digits badly (๖ as ๒
or ว, ๐ as ๘, ๓ as ๔) and its word boxes there often reach far up or down
(specks, marks of the line above), so a crop from the boxes of the year's
words catches junk.  The year is cut out of the image instead: on the band
of the "พ.ศ." letters, the run of glyphs right of "ศ" up to the first gap as
wide as a word space, as tall as a letter (the point after ศ is not; a bold
one, half a letter tall, is left out as narrow and short).
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from pipeline.normalize.header import ERA_SIGN, PLAUSIBLE_BE_YEARS
from pipeline.ocr.base import OcrWord
from pipeline.ocr.number_net import SURE_ALONE

__all__ = ["reread_year", "year_crop"]

# "พ.ศ." and what OCR made of the year after it (Thai or Arabic digits, a
# digit read as a letter: ๒๕ว๑), up to the next space or bracket; a speck
# after the sign read as a second point ("W.A.. ๒๕๖๒๐") stands between
_SIGN_YEAR = re.compile(ERA_SIGN + r"[.\s]*([^\s(]{0,6})")
# the sign read as one Latin word ("W.A.", "W.A..")
_LATIN_SIGN = re.compile(r"[Ww]\.?[Aa@]\.{0,2}")
_ARABIC_YEAR = re.compile(r"[0-9]{4}")
_THAI_YEAR = re.compile(r"[๐-๙]{4}")


def _sign_words(words: tuple[OcrWord, ...]) -> tuple[OcrWord, OcrWord] | None:
    """The words holding พ and ศ of the last "พ.ศ." of the line (one word
    when the sign was read as Latin letters)."""
    for k in range(len(words) - 1, -1, -1):
        if _LATIN_SIGN.fullmatch(words[k].text):
            return words[k], words[k]
        if "ศ" not in words[k].text:
            continue
        if "พ" in words[k].text:
            return words[k], words[k]
        for j in range(k - 1, max(-1, k - 5), -1):  # (a point read as ุ between)
            if "พ" in words[j].text:
                return words[j], words[k]
    return None


# the gaps (in letter heights) taken for a word space after the year, the
# narrower first: a typewriter face sets its narrow ๖ and ๐ 10 px apart,
# 0.45 of a letter's 22, where a proportional face's space before the
# title's "(Action Plan)" can be as narrow
_SPACES = (0.45, 0.6)


def year_crop(image: np.ndarray, words: tuple[OcrWord, ...], space: float = _SPACES[0]) -> np.ndarray | None:
    """The year's glyphs right of "พ.ศ." (boxes of `words` in `image`
    pixels) up to a gap of `space` letter heights, cut from `image`; None
    when the line has no such sign or no glyph run after it."""
    sign = _sign_words(words)
    if sign is None:
        return None
    pho, so = sign
    # the letters' band: the smaller of the two boxes (a box can take in a
    # speck or a mark above), grown by a third of a letter up and down
    h = min(pho.box.y1 - pho.box.y0, so.box.y1 - so.box.y0)
    if h < 4:
        return None
    base = max(pho.box.y1, so.box.y1) if abs(pho.box.y1 - so.box.y1) < h / 3 else min(pho.box.y1, so.box.y1)
    H, W = image.shape[:2]
    y0, y1 = max(0, int(base - 1.35 * h)), min(H, int(base + 0.35 * h) + 1)
    x_from = int(so.box.x1)
    band = image[y0:y1, x_from:]
    if band.size == 0 or band.shape[1] < 3:
        return None
    thr, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _n, _lab, st, _ = cv2.connectedComponentsWithStats((band < thr).astype(np.uint8), connectivity=8)
    # (a piece at the band's left edge is the end of ศ, wider than its box)
    pieces = sorted((int(x), int(x + w), gh) for x, _y, w, gh, _a in st[1:].tolist() if gh >= 0.45 * h and x > 0)
    # the point after ศ, as tall as half a letter in a bold title: narrow
    # and short, where a digit is as tall as a letter (and a speck after it,
    # read as a second point)
    while pieces and pieces[0][1] - pieces[0][0] < 0.7 * h and pieces[0][2] < 0.7 * h:
        pieces = pieces[1:]
    glyphs = [(x0, x1) for x0, x1, _gh in pieces]
    if not glyphs:
        return None
    a, b = glyphs[0]
    if a > 3 * h:
        return None  # no glyph close after the sign
    for gx0, gx1 in glyphs[1:]:
        if gx0 - b > space * h:
            break  # a word space: the year ended
        b = max(b, gx1)
    pad = max(2, int(h / 6))
    return image[y0:y1, max(0, x_from + a - pad) : min(W, x_from + b + pad)]


def _plausible(digits: str) -> bool:
    # (int reads Thai digits too)
    return digits.isdecimal() and int(digits) in PLAUSIBLE_BE_YEARS


def reread_year(text: str, words: tuple[OcrWord, ...], image: np.ndarray, engine) -> str:
    """`text` (one OCR'd line, `words` boxes in `image` pixels) with the
    year after "พ.ศ." read again by the number reader.  An Arabic year
    Tesseract read as a plausible one stands (its Arabic digits read well);
    otherwise the year's glyphs are read as Thai digits, then with the
    mixed model (up to a narrow word space, then a wider one: `_SPACES`),
    and the first plausible reading replaces the text's; failing those, the
    number network's (`net_number`) when it is sure; none plausible leaves
    the text as it was (the header drops an implausible year)."""
    m = _SIGN_YEAR.search(text)
    if m is None or (_ARABIC_YEAR.fullmatch(m.group(1)) and _plausible(m.group(1))):
        return text
    crops = [crop for space in _SPACES if (crop := year_crop(image, words, space)) is not None and crop.size]
    for crop in crops:
        for thai in (True, None):
            again = "".join(engine.read_number(crop, thai_digits=thai).text.split())
            if _year_like(again):
                return text[: m.start(1)] + again + text[m.end(1) :]
    # the number network last: Tesseract read Noto Sans Thai's bold ๒๕๖๓ as
    # ๒๕๓ and ๒๕5๓ (its ๖ dropped or made a 5), the network ๒๕๖๓ at 0.99
    net = engine.net_number(crops[0]) if crops else None
    if net is not None and net.confidence >= SURE_ALONE and _year_like(net.text):
        return text[: m.start(1)] + net.text + text[m.end(1) :]
    return text


def _year_like(digits: str) -> bool:
    return bool(_THAI_YEAR.fullmatch(digits) or _ARABIC_YEAR.fullmatch(digits)) and _plausible(digits)
