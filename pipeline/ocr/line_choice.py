"""Which of a photo's readings of one text line to keep.

A phone photo's line is read at the working scale and, unless read sure, at
a second one (`PhotoReads`); the two misread different letters, and
Tesseract's confidence hardly tells which read a word wrong (seed 3131's
officer line: 'นายเอกธับ แก้วมณิ' at 0.93 at both scales, 'นายเอกชัย
แก้วมณี' at 0.93 at a third of the scale).  Thai words are what a dictionary
judges: of readings that agree on the line's digits and points, the one
whose letters the word model explains best (`reading_rank`) is kept, and
when the dictionary knows not every word of any reading, the line is read
at `OTHER_SCALES` as well.  The kept reading then takes the stretches
where another scale read the line otherwise, one by one, while the mix
reads better (`mended`): the scales misread different letters of one line.
Digits and points are the more confident reading's as before (the word
model knows nothing of them: a reading that lost an item's point,
"2สมาชิก", would win on a word elsewhere).  A reading
with fewer than `MIN_WORDS_LETTERS` Thai letters (a number or a header word
read as text) is chosen by confidence alone."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pipeline.normalize.ocr_spell import correct_thai_ocr, reading_rank
from pipeline.ocr.base import OcrResult
from pipeline.thai_script import is_thai_letter

__all__ = ["MIN_WORDS_LETTERS", "OTHER_SCALES", "choose_reading", "mended", "script_lost", "wants_other_scales"]

OTHER_SCALES = (0.75, 0.33)  # where a line holds words no dictionary knows, it is read at these too
_MAX_MENDS = 8  # stretches taken from other readings, at most
_CHECKED = 3  # the best mixes checked with their word slips put right, at most
_SHORT = 4  # a differing stretch whose heads and tails are tried apart, at most
MIN_WORDS_LETTERS = 6  # Thai letters a reading needs for the word model to choose it
_NOT_FRAME = re.compile(r"[^0-9๐-๙().,:;/=%-]")
_CONSONANTS = re.compile("[\u0e01-\u0e2e]")

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
    best, scale = min(same, key=lambda r: (reading_rank(r[0].text), -r[0].confidence))
    text = mended(best.text, [r.text for r, _ in same if r is not best], frame)
    return (best if text == best.text else OcrResult(text, best.confidence, best.words)), scale


def mended(text: str, others: list[str], frame: str) -> str:
    """`text` with stretches where the `others` (readings of the same line
    at other scales) read otherwise taken from them, one at a time, the one
    the dictionary likes best first, while one is liked better
    (`_better`) and keeps the line's digits and points (`frame`).  Seed
    3131's block (3) (plan 11, Purisa, ~104 dpi) read
    'แนะนำสมเสริมการลัดทำบัญชี' at a third of the scale, its label right,
    and 'แนะนำส่งเสริมการจัดทำบัญชี' at half, its label bent."""
    for _ in range(_MAX_MENDS):
        tries = {text[:i1 + p] + other[j1 + q : j2 - r] + text[i2 - s :] for other in others
                 for op, i1, i2, j1, j2 in SequenceMatcher(None, text, other, autojunk=False).get_opcodes()
                 if op != "equal" for p, q, r, s in _parts(i2 - i1, j2 - j1)}
        better = sorted((reading_rank(t), t) for t in tries if _NOT_FRAME.sub("", t) == frame and _better(t, text))
        # (and still better once the word slips of both are put right: a
        # mark lost is no reason to take another scale's other word,
        # 'เพิมขึ้น' is เพิ่มขึ้น, not 'เหิมขึ้น')
        taken = next((t for _, t in better[:_CHECKED] if _better(correct_thai_ocr(t), correct_thai_ocr(text))), None)
        if taken is None:
            break
        text = taken
    return text


def _better(new: str, old: str) -> bool:
    """Whether `new` reads better than `old` (`reading_rank`).  Fewer
    letters always leave the word model less to doubt: a mix that drops
    consonants must explain more of the line (a stray letter gone:
    'จัดดตั้ง'), not merely doubt less (a word gone: 'ภายใน ๑๕๐ วัน', read
    'ภายใน ๑๕๐ Tu' at one scale, lost its วัน for the space)."""
    if len(_CONSONANTS.findall(new)) < len(_CONSONANTS.findall(old)):
        return reading_rank(new)[0] < reading_rank(old)[0]
    return reading_rank(new) < reading_rank(old)


def _parts(n: int, m: int) -> list[tuple[int, int, int, int]]:
    """How much of a differing stretch (n letters here, m there) to keep at
    each end when taking the other's letters: (kept here, skipped there)
    at the start, then at the end.  The whole stretch, and for a short one
    its heads and tails too: one op of the alignment may hold two slips of
    which only one is the other reading's right letter ('ล่าลั' against
    'ลำด็': ลำดับ takes 'ำด' and keeps 'ั')."""
    out = [(0, 0, 0, 0)]
    if n <= _SHORT and m <= _SHORT:
        out += [(0, 0, m - q, n - p) for p in range(1, n + 1) for q in range(1, m + 1) if (p, q) != (n, m)]
        out += [(n - p, m - q, 0, 0) for p in range(1, n + 1) for q in range(1, m + 1) if (p, q) != (n, m)]
    return out
