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

from pipeline.normalize.ocr_spell import text_score, word_bounds
from pipeline.textdist import levenshtein

__all__ = ["ACTIVITY_WORDS", "ENTITY_WORDS", "INDICATOR_WORDS", "POSITION_WORDS", "PROGRAM_WORDS", "mend_form_words", "mend_name_marks"]

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
    # the units of a provincial office (กลุ่ม..., ฝ่าย...)
    "ฝ่ายบริหารทั่วไป", "พัฒนา", "ธุรกิจ", "ยุทธศาสตร์", "สารสนเทศ",
    # (their names' phrases, for และ read แสะ: a word too short to be
    # known by its letters alone)
    "ส่งเสริมและพัฒนา", "ยุทธศาสตร์และสารสนเทศ",
    # (กลุ่ม after ผู้อำนวยการ read คลุม, itself a word)
    "ผู้อำนวยการกลุ่ม", "กลุ่มงาน",
    # (community development offices' units and posts: ชุมชน read ซุ้มชน)
    "ชุมชน",
))
# block (4): the kinds of cooperatives and farmer groups the department
# registers, and the count's words (the places after them are left alone)
ENTITY_WORDS = _longest_first((
    "สหกรณ์", "กลุ่มเกษตรกร", "ภาคการเกษตร", "จำนวน", "จำกัด", "การเกษตร",
    "เพื่อการตลาดลูกค้า", "ผู้ใช้น้ำ", "กองทุนสวนยาง", "ออมทรัพย์", "ร้านค้า",
    "ผู้ปลูกผัก", "เลี้ยงสัตว์", "ตำรวจภูธร",
))
# blocks (2) and (3): the words the department's projects and main
# activities are made of
ACTIVITY_WORDS = _longest_first((
    "โครงการ", "สหกรณ์", "กลุ่มเกษตรกร", "ภาคการเกษตร", "ส่งเสริม", "พัฒนา", "ศักยภาพ", "เข้มแข็ง",
    "ขับเคลื่อน", "กำกับ", "ตรวจสอบ", "ธุรกิจ", "เศรษฐกิจ", "สมาชิก", "ประชาชน", "ผลผลิต", "แปรรูป",
    "รวบรวม", "มาตรฐาน", "เทคโนโลยี", "ดำเนิน", "ได้รับการ",
    # (a phrase, for ด้าน read as the real word ค้าน)
    "ความรู้ด้าน",
    # (the government's stock phrases, which Tesseract bends by a letter
    # and marks at once: แก้ไขโญี่หา for แก้ไขปัญหา, พอเที่ยง for พอเพียง,
    # ขอพง for ของ)
    "แก้ไขปัญหา", "เศรษฐกิจพอเพียง", "ปรัชญาของเศรษฐกิจพอเพียง",
    # (และ read as the real word เละ, ผลิต as ผลตน: ตน is a word too)
    "ส่งเสริมและพัฒนา", "การผลิตและการตลาด",
))
# block (6): whom the indicators measure (สหกรณี for สหกรณ์: a mark of
# another class, which the one-slip mender does not try), and the form's
# phrases around ได้ and ไป, which OCR reads as another real word one
# letter off (ใต้, เด; ใบ) that the one-slip mender keeps: in the phrase
# it is ได้ or ไป; and what they measure (ธุรกิจ: its ุ lost, a slip the
# mender does not try; ปริมาณธุรกิจ, ปฏิบัติ: a letter or marks too many;
# เพิ่มขึ้น, its ข read ช with its marks bent: เพิ่มชิ้น)
INDICATOR_WORDS = _longest_first(("สหกรณ์", "กลุ่มเกษตรกร", "ได้ภายใน", "จัดทำบัญชีได้", "ได้รับการ",
                                  "ความรู้ไปใช้ประโยชน์", "ธุรกิจ", "ปริมาณธุรกิจ", "ปฏิบัติ", "เพิ่มขึ้น",
                                  # (ชั้น read as the word ขั้น, ได้ as ใด, ไป as ปี, กับ as กุบ,
                                  # กว่า with a letter and a mark too many)
                                  "ระดับชั้น", "ปฏิบัติได้จริง", "นำไปปฏิบัติได้จริง", "ร่วมกับสหกรณ์",
                                  "ไม่น้อยกว่า",
                                  # (a monospace face's letters read apart, a speck over
                                  # them read as a tone mark: กำหนดเว้ ลา)
                                  "กำหนดเวลา"))
# block (1): the Budget Act's four kinds of plan, and the words of the
# national strategy that name them (พัฒนา, สร้างมูลค่า, ฐานราก...)
PROGRAM_WORDS = _longest_first((
    "แผนงานพื้นฐาน", "แผนงานพื้นฐานด้าน", "แผนงานยุทธศาสตร์", "แผนงานบูรณาการ", "แผนงานบุคลากรภาครัฐ",
    "พัฒนา", "สร้าง", "เสริมสร้าง", "ศักยภาพ", "ทรัพยากรมนุษย์", "ความสามารถในการแข่งขัน",
    "เศรษฐกิจ", "ฐานราก", "มูลค่า",
    # (ฐานราก read ชานราค: two slips in six letters, too many alone)
    "เศรษฐกิจฐานราก", "การเกษตร", "สหกรณ์", "กลุ่มเกษตรกร", "พลังทางสังคม",
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


def _nearest_windows(skel: str, word: str, taken: list[tuple[int, int]],
                     others: frozenset[str]) -> list[tuple[int, int, int]]:
    """(distance, start, end) of the stretches of `skel` closest to `word`,
    clear of the `taken` stretches and of `others` (the skeletons of the
    other words); empty when none is close enough.  All stretches at the
    least distance are kept: a stray letter may stand either side of a
    slip ("จัดดีตั้ง": ดดตง and จดดตง are both one slip from จดตง), and
    which of them is the word only the text around it tells."""
    n = len(word)
    found: list[tuple[int, int, int]] = []
    # (a long word read with two letters too many, ตรวจสอบบปบัญชี, is the
    # whole stretch: a window of one more letter mended its front and left
    # its tail beside it, ตรวจสอบบัญชีบัญชี)
    spread = max(1, _allowed(n))
    for size in sorted(range(n - spread, n + spread + 1), key=lambda k: abs(k - n)):
        for a in range(0, len(skel) - size + 1):
            b = a + size
            if any(a < tb and ta < b for ta, tb in taken) or (skel[a:b] != word and skel[a:b] in others):
                continue  # (another word of the form, read right: ชำนาญงาน is no ชำนาญการ)
            d = levenshtein(skel[a:b], word)
            if d <= _allowed(n):
                found.append((d, a, b))
    least = min((d for d, _, _ in found), default=None)
    return [w for w in found if w[0] == least]


def _stretch(text: str, index: list[int], a: int, b: int) -> tuple[int, int]:
    """Where the skeleton letters a..b stand in `text`: their first letter
    to their last letter's marks."""
    start, end = index[a], index[b - 1] + 1
    while end < len(text) and _MARKS.match(text[end]) and not text[end].isspace():
        end += 1
    return start, end


def _put(text: str, index: list[int], a: int, b: int, word: str) -> str:
    """`text` with the stretch of skeleton letters a..b replaced by `word`."""
    start, end = _stretch(text, index, a, b)
    return text[:start] + word + text[end:]


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
        tried: list[tuple[int, int]] = []  # this word's stretches left as they were
        while True:  # every place the word is, the nearest first
            skel, index = _skeleton(text)
            hits = _nearest_windows(skel, wskel, taken + tried, others) if len(skel) >= len(wskel) - 1 else []
            if not hits:
                break
            # of the nearest stretches, the one whose edit reads best (the
            # first on a tie)
            score, _, d, a, b, new = max((text_score(new), -k, d, a, b, new) for k, (d, a, b) in enumerate(hits)
                                         for new in [_put(text, index, a, b, word)])
            # (only marks lost from a long word of the form: the word,
            # whatever the word model says of the bare letters: ผู้ใช้นำ is
            # ผู้ใช้น้ำ)
            if new != text and ((d == 0 and len(wskel) >= 5) or score > text_score(text)):
                shift = len(wskel) - (b - a)
                taken, tried = _moved(taken, a, shift), _moved(tried, a, shift)
                text, b = new, a + len(wskel)
            elif new != text:
                # a stretch the word did not fit stays open to the other
                # words: นักวิชาการ two slips from งานวิชาการ had kept
                # กลุ่มงาน from คลุมงาน
                tried.append((a, b))
                continue
            taken.append((a, b))
    return text


def _moved(stretches: list[tuple[int, int]], at: int, shift: int) -> list[tuple[int, int]]:
    """Skeleton stretches after an edit at `at` that made the skeleton
    `shift` letters longer: those right of it move with it."""
    return [(a, b) if b <= at else (a + shift, b + shift) for a, b in stretches]


def mend_name_marks(text: str, name: str) -> str:
    """`text` with every stretch whose letters are `name`'s, its marks
    aside, written as `name`: a proper name known from elsewhere in the
    document (the plan's own province, which its cooperatives carry:
    "ธ.ก.ส. ตรง จำกัด" for ตรัง) whose marks OCR lost or bent.  Letters
    are not guessed: a stretch must show the name's every letter, and be
    words of its own by the word model (เลย is no place in เลี้ยงสัตว์)."""
    key = _skeleton(name)[0]
    if len(key) < 3:
        return text
    skel, index = _skeleton(text)
    bounds = word_bounds(text)
    found: list[tuple[int, int]] = []
    for a in range(len(skel) - len(key) + 1):
        if skel.startswith(key, a) and (not found or index[a] >= found[-1][1]):
            start, end = _stretch(text, index, a, a + len(key))
            if start in bounds and end in bounds:
                found.append((start, end))
    for start, end in reversed(found):  # (from the right: the stretches left of an edit keep their places)
        text = text[:start] + name + text[end:]
    return text
