"""Short Latin words inside a line of Thai text, read again.

Tesseract's mixed `tha+eng` model takes a Thai digit between Thai words for
Latin letters (๗ -> "oy", "of"; ๕ -> "Ww") and now and then a whole short
Thai word too (กลุ่ม -> "NA").  Such a word is read again from its box: as
Thai digits when the digit reader's glyph votes say Thai digits and nothing
else, or by the Thai-only model when that is sure of Thai letters.  A
reading that is neither stays as Tesseract gave it (a real acronym).

Thai digits the text model did read as Thai digits are read again too, by
the digit reader (it reads Thai digits far better than the text model:
๙๐ -> ๕๐ in "ร้อยละ ๙๐", ๔ -> ๕ in "จำนวน ๔ แห่ง"); its reading stands when
it is sure and has as many digits.

A count's number ("จำนวน ๖ แห่ง") read as a sign or a lone letter, its
marks with it ("จำนวน» แห่ง", "จำนวน ฆ กลุ่ม", "จำนวนญ์ กลุ่ม") is read
again by the digit reader, in the script its glyph votes say; its reading
stands when it is a sure number of one or two digits.
"""

from __future__ import annotations

import re

import numpy as np

from pipeline.normalize.ocr_spell import reading_rank
from pipeline.ocr.base import OcrResult, OcrWord
from pipeline.ocr.crops import prepare_crop
from pipeline.ocr.text_lines import split_lines

__all__ = ["latin_among_thai", "reread_latin_words"]

# a short Latin word, or Latin letters and the digits after them ("Sova:70"
# for ร้อยละ 70: the word and its number run together)
# (Latin letters with accents too: the English model reads ร้อยละ ๗๕'s
# digits "aé")
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
_SHORT_LATIN = re.compile(rf"^['\"`]*([{_LATIN_LETTERS}][{_LATIN_LETTERS}0-9]{{0,3}}"
                          rf"|[{_LATIN_LETTERS}]{{2,5}}[:;]?[0-9]{{0,3}})['\"`.,]*$")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
_THAI_DIGITS = re.compile(r"^[๐-๙]+$")
_THAI_NUMBER = re.compile(r"^([๐-๙]{1,4})[.,]?$")
_THAI_WORD = re.compile(r"^[\u0e01-\u0e4e]+[0-9๐-๙]*$")
# a count's word and what stands where its number should
_COUNT_BEFORE = re.compile(r"จ[\u0e31-\u0e4e]{0,2}[าำ]?นวน\s*$")
_LONE_GLYPH = re.compile(r"^([^\s0-9๐-๙\u0e30-\u0e3a\u0e47-\u0e4e][\u0e31-\u0e3a\u0e47-\u0e4e]{0,2})$")
_LATIN_RUN = re.compile(f"[{_LATIN_LETTERS}]+")
_SURE_THAI = 0.85  # the Thai-only model's confidence that stands for a Latin reading
_WORDS_THAI = 0.75  # ... and that stands when its reading is dictionary words alone
_SURE_DIGITS = 0.6


def latin_among_thai(text: str, *, alone_too: bool = False) -> bool:
    """Whether a line of Thai holds a short run of Latin letters glued to
    Thai ("วงศ์ng", "๑NAN", "e.gจัดอบรม"), or with `alone_too` any short run
    ("ชื่อ- ana", "(om)": a line of free text, which opens with no row
    code): misread Thai, most often.  A line with a longer Latin word (the
    title's "(Action Plan)") is a line of two scripts; in a cell a run
    standing alone or opening the line is left to `reread_latin_words` (a
    row code's ๗ read "a": the Thai model reads it as a letter)."""
    runs = list(_LATIN_RUN.finditer(text))
    if not runs or max(len(m.group(0)) for m in runs) > 4 or not _THAI_LETTER.search(text):
        return False
    return alone_too or any(m.start() > 0 and _glued(text, m) for m in runs)


def _glued(text: str, m: re.Match) -> bool:
    before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
    return any("\u0e01" <= ch <= "\u0e5b" for ch in before + after)


def _crop(lines: list[tuple[np.ndarray, int]], box) -> np.ndarray:
    """The word's box grown by a third of its height (Tesseract's boxes of
    such words cut glyphs' edges), cut from the image of the word's own
    line (`lines`: `split_lines` of the whole crop): in a crop of several
    lines the grown box reaches into the lines above and below, whose
    letters garble the reading (the Thai-only model read nothing at all
    where it reads the word alone)."""
    g = max(2, int((box.y1 - box.y0) / 3))
    cy = (box.y0 + box.y1) / 2

    def distance(item: tuple[np.ndarray, int]) -> float:
        line, top = item
        return 0.0 if top <= cy < top + line.shape[0] else min(abs(cy - top), abs(cy - top - line.shape[0]))

    line, top = min(lines, key=distance)
    H, W = line.shape[:2]
    return line[max(0, int(box.y0 - top) - g) : min(H, int(box.y1 - top) + g), max(0, int(box.x0) - g) : min(W, int(box.x1) + g)]


def _reread(lines: list[tuple[np.ndarray, int]], word: OcrWord, engine) -> str | None:
    crop = _crop(lines, word.box)
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return None
    thai, arabic = engine.digit_votes(crop)
    if thai and not arabic:
        res = engine.read_number(crop, thai_digits=True)
        text = "".join(res.text.split())
        if _THAI_DIGITS.match(text) and res.confidence >= _SURE_DIGITS:
            return text
    # (a colon run into the word, "Saga:70" for ร้อยละ70, reads as a point
    # after it: "ร้อยละ." at 0.83; "du" for วัน read "วัพ" at 0.82, no word)
    res = engine.read_thai_line(crop)
    text = "".join(res.text.split()).rstrip(".,:;")
    if not (_THAI_WORD.match(text) and _THAI_LETTER.search(text)):
        return None
    if res.confidence >= _SURE_THAI or (res.confidence >= _WORDS_THAI and reading_rank(text)[0] == 0):
        return text
    return None


def _reread_digits(lines: list[tuple[np.ndarray, int]], word: OcrWord, digits: str, engine) -> str | None:
    crop = _crop(lines, word.box)
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return None
    res = engine.read_number(crop, thai_digits=True)
    text = "".join(res.text.split())
    if _THAI_DIGITS.match(text) and len(text) == len(digits) and res.confidence >= _SURE_DIGITS:
        return text
    return None


def _reread_count(lines: list[tuple[np.ndarray, int]], word: OcrWord, engine) -> str | None:
    """A count's glyph read by the digit reader, in the script its glyph
    votes say (a Thai-digit count in an Arabic-digit plan too)."""
    crop = _crop(lines, word.box)
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return None
    thai, arabic = engine.digit_votes(crop)
    res = engine.read_number(crop, thai_digits=bool(thai) and not arabic)
    text = "".join(res.text.split())
    if text.isdecimal() and len(text) <= 2 and res.confidence >= _SURE_DIGITS:
        return text
    return None


def _pattern(word: OcrWord) -> re.Match | None:
    return _SHORT_LATIN.match(word.text) or _THAI_NUMBER.match(word.text)


def _count_glyph(text: str, at: int, word: OcrWord) -> re.Match | None:
    """A lone glyph right after "จำนวน" (a count: "จำนวน ๖ แห่ง") that the
    text model read as a sign or a letter ("จำนวน» แห่ง", "จำนวน ฆ กลุ่ม")."""
    if not _COUNT_BEFORE.search(text[max(0, at - 8) : at]):
        return None
    return _LONE_GLYPH.match(word.text)


def reread_latin_words(res: OcrResult, image: np.ndarray, engine) -> str:
    """`res.text` (OCR of `image`, word boxes in its pixels) with its short
    Latin words between Thai text read again (see the module's note)."""
    text = res.text
    counted = "นวน" in text
    if not _THAI_LETTER.search(text) or not (counted or any(_pattern(w) for w in res.words)):
        return text
    lines: list[tuple[np.ndarray, int]] | None = None
    pos = 0  # the words come in the order of the text: each is looked for after the one before
    for word in res.words:
        at = text.find(word.text, pos)
        m = None if at < 0 else _pattern(word) or (_count_glyph(text, at, word) if counted else None)
        if m is None:
            continue
        pos = at + len(word.text)
        if lines is None:
            lines = split_lines(prepare_crop(image, pad=0))
        digits = _THAI_NUMBER.match(word.text)
        if digits:
            again = _reread_digits(lines, word, digits.group(1), engine)
        elif _LONE_GLYPH.match(word.text) and not _SHORT_LATIN.match(word.text):
            again = _reread_count(lines, word, engine)
        else:
            again = _reread(lines, word, engine)
        if again is None:
            continue
        start = at + m.start(1)
        text = text[:start] + again + text[start + len(m.group(1)) :]
        pos = start + len(again)
    return text
