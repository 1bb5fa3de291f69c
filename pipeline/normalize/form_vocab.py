"""Words of the office, position, unit and plan (block (1)) fields put back
where OCR bent them past one slip.

These fields are made of a small vocabulary the civil service prints (its
offices, position lines and ranks: สำนักงาน..., นักวิชาการ...ชำนาญการ,
เจ้าพนักงาน...ปฏิบัติงาน, ฝ่ายบริหารทั่วไป), unlike people's names, which
are never touched here.  Tesseract's fast Thai model garbles such words by
two or three slips at once (ขำหาญการ for ชำนาญการ, สี่หกรณ for สหกรณ์,
"1 ระมง" for ประมง), more than the one-slip mender (`ocr_spell`) tries.
Words compare on their skeletons (no marks, no spaces: OCR drops and adds
marks freely); a stretch of the field a few letters from a vocabulary word
becomes that word when the text then reads better by the word model (so
"ประมาณ" never turns into "ประมงณ") and it is not that word already.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize.ocr_spell import text_score
from pipeline.textdist import levenshtein

__all__ = ["ENTITY_WORDS", "POSITION_WORDS", "PROGRAM_WORDS", "mend_form_words"]

# the longer first: a long word's letters are not matched again by a
# shorter one inside it
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


POSITION_WORDS = _longest_first((
    "สำนักงาน", "จังหวัด", "สหกรณ์", "ประมง", "ปศุสัตว์", "พาณิชย์", "เกษตร",
    "นักวิชาการ", "เจ้าพนักงาน", "นักวิเคราะห์นโยบายและแผน", "นักจัดการงานทั่วไป",
    "ตรวจสอบบัญชี", "ส่งเสริม", "สัตวบาล", "ธุรการ", "การเงินและบัญชี",
    "ปฏิบัติการ", "ชำนาญการ", "ชำนาญการพิเศษ", "เชี่ยวชาญ", "ปฏิบัติงาน", "ชำนาญงาน", "อาวุโส",
    "ผู้อำนวยการ", "หัวหน้า", "รักษาราชการแทน", "บริหารทั่วไป", "ตรวจการ", "จัดตั้ง",
))
# block (4): the kinds of cooperatives and farmer groups the department
# registers, and the count's words (the places after them are left alone)
ENTITY_WORDS = _longest_first((
    "สหกรณ์", "กลุ่มเกษตรกร", "ภาคการเกษตร", "จำนวน", "จำกัด", "การเกษตร",
    "เพื่อการตลาดลูกค้า", "ผู้ใช้น้ำ", "กองทุนสวนยาง", "ออมทรัพย์", "ร้านค้า",
    "ผู้ปลูกผัก", "เลี้ยงสัตว์", "ตำรวจภูธร",
))
# block (1): the Budget Act's four kinds of plan, and the words of the
# national strategy that name them (พัฒนา, สร้างมูลค่า, ฐานราก...)
PROGRAM_WORDS = _longest_first((
    "แผนงานพื้นฐาน", "แผนงานยุทธศาสตร์", "แผนงานบูรณาการ", "แผนงานบุคลากรภาครัฐ",
    "พัฒนา", "สร้าง", "เสริมสร้าง", "ศักยภาพ", "ทรัพยากรมนุษย์", "ความสามารถในการแข่งขัน",
    "เศรษฐกิจ", "ฐานราก", "มูลค่า", "การเกษตร", "สหกรณ์", "กลุ่มเกษตรกร", "พลังทางสังคม",
))
_MARKS = re.compile(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _skeleton(text: str) -> tuple[str, list[int]]:
    """`text` without marks and spaces, and each kept letter's index in it."""
    keep = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    return "".join(text[i] for i in keep), keep


@lru_cache(maxsize=4)
def _skeletons(vocabulary: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_skeleton(w)[0] for w in vocabulary)


def _allowed(n: int) -> int:
    """Slips a word of `n` skeleton letters may show and still be known."""
    return 0 if n < 4 else 1 if n < 7 else 2


def _best_window(skel: str, word: str, taken: list[tuple[int, int]], others: frozenset[str]) -> tuple[int, int, int] | None:
    """(distance, start, end) of the stretch of `skel` closest to `word`,
    clear of the `taken` stretches and of `others` (the skeletons of the
    other words); None when none is close enough."""
    n = len(word)
    best = None
    for size in (n, n - 1, n + 1):
        for a in range(0, len(skel) - size + 1):
            b = a + size
            if any(a < tb and ta < b for ta, tb in taken) or (skel[a:b] != word and skel[a:b] in others):
                continue  # (another word of the form, read right: ชำนาญงาน is no ชำนาญการ)
            d = levenshtein(skel[a:b], word)
            if d <= _allowed(n) and (best is None or d < best[0]):
                best = (d, a, b)
    return best


def mend_form_words(text: str | None, vocabulary: tuple[str, ...] = POSITION_WORDS) -> str | None:
    """An OCR'd office, position or unit field (or, with `ENTITY_WORDS`, a
    line of block (4)) with its form words put back (see the module
    docstring)."""
    if not text:
        return text
    others = _skeletons(vocabulary)
    taken: list[tuple[int, int]] = []
    for word in vocabulary:
        wskel = _skeleton(word)[0]
        while True:  # every place the word is, the nearest first
            skel, index = _skeleton(text)
            hit = _best_window(skel, wskel, taken, others) if len(skel) >= len(wskel) - 1 else None
            if hit is None:
                break
            d, a, b = hit
            # the stretch in `text`: its first letter to its last letter's marks
            start, end = index[a], index[b - 1] + 1
            while end < len(text) and _MARKS.match(text[end]) and not text[end].isspace():
                end += 1
            new = text[:start] + word + text[end:]
            # (only marks lost from a long word of the form: the word,
            # whatever the word model says of the bare letters: ผู้ใช้นำ is
            # ผู้ใช้น้ำ)
            if text[start:end] != word and ((d == 0 and len(wskel) >= 5) or text_score(new) > text_score(text)):
                # (the stretches right of this one move with the edit)
                shift = len(wskel) - (b - a)
                taken = [(ta, tb) if tb <= a else (ta + shift, tb + shift) for ta, tb in taken]
                text, b = new, a + len(wskel)
            taken.append((a, b))
    return text
