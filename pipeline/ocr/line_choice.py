"""Which of a photo's readings of one text line to keep.

A phone photo's line is read at the working scale and, unless read sure, at
a second one (`PhotoReads`); the two misread different letters, and
Tesseract's confidence hardly tells which read a word wrong (seed 3131's
officer line: 'นายเอกธับ แก้วมณิ' at 0.93 at both scales, 'นายเอกชัย
แก้วมณี' at 0.93 at a third of the scale).  Thai words are what a dictionary
judges: of readings that agree on the line's digits and points, the one
whose letters the word model explains best (`reading_rank`) is kept, and
when the dictionary knows not every word of any reading, the line is read
at `OTHER_SCALES` as well.  Digits and points are the more confident
reading's as before (the word model knows nothing of them: a reading that
lost an item's point, "2สมาชิก", would win on a word elsewhere).  A reading
with fewer than `MIN_WORDS_LETTERS` Thai letters (a number or a header word
read as text) is chosen by confidence alone."""

from __future__ import annotations

import re

from pipeline.normalize.ocr_spell import reading_rank
from pipeline.ocr.base import OcrResult
from pipeline.thai_script import is_thai_letter

__all__ = ["MIN_WORDS_LETTERS", "OTHER_SCALES", "choose_reading", "script_lost", "wants_other_scales"]

OTHER_SCALES = (0.75, 0.33)  # where a line holds words no dictionary knows, it is read at these too
MIN_WORDS_LETTERS = 6  # Thai letters a reading needs for the word model to choose it
_NOT_FRAME = re.compile(r"[^0-9๐-๙().,:;/=%-]")

Reading = tuple[OcrResult, float]  # a reading and the scale it was read at


def script_lost(first: str, other: str) -> bool:
    """Whether another scale's reading lost the Thai the first reading had:
    no Thai letter where Thai letters stood, the text model's guess for Thai
    glyphs it could not resolve at the smaller scale (a photo's header word
    งาน read 'ow' at 0.94 against 'งาน' at 0.93).  Such a reading does not
    win by confidence alone (twelve photos of seed 2718: unchanged; of
    seed 3131: description characters 84.58 -> 84.85 % right)."""
    return any(is_thai_letter(ch) for ch in first) and not any(is_thai_letter(ch) for ch in other)


def _words_line(text: str) -> bool:
    return sum(is_thai_letter(ch) for ch in text) >= MIN_WORDS_LETTERS


def wants_other_scales(readings: list[Reading]) -> bool:
    """A line of Thai none of whose readings the dictionary reads whole."""
    return _words_line(readings[0][0].text) and min(reading_rank(r.text)[0] for r, _ in readings) > 0


def choose_reading(readings: list[Reading]) -> Reading:
    """The reading to keep (the first is the working scale's)."""
    first = readings[0][0].text
    usable = [r for r in readings if r[0].text and not script_lost(first, r[0].text)] or readings[:1]
    # the more confident of the first two (the working and the second
    # scale), the first on a tie
    sure = max((r for r in usable if any(r is k for k in readings[:2])), key=lambda r: r[0].confidence,
               default=usable[0])
    if not _words_line(first):
        return sure
    frame = _NOT_FRAME.sub("", sure[0].text)
    same = [r for r in usable if _NOT_FRAME.sub("", r[0].text) == frame]
    return min(same, key=lambda r: (reading_rank(r[0].text), -r[0].confidence))
