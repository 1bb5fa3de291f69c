"""Put back what Tesseract typically loses or invents in Thai words.

Tesseract's Thai model drops tone marks over upper vowels (เรื่อง -> เรือง),
drops or invents small marks (ั ิ ุ ู), reads ำ as า and back, and confuses
a few consonants that differ by a small stroke (ฐ/ช, ด/ต).  A Thai word with
one such slip is usually no word at all, or a far rarer one than the word
meant.  So each run of Thai letters is scored by a unigram word model (the
best segmentation into words of pythainlp's general dictionary, each word
weighted by its frequency in the Thai National Corpus, both shipped with
pythainlp: nothing is downloaded), every single slip of that kind is tried,
and an edit is kept only when it raises the score by more than the edit's
cost, so that correct text stays as it is.  Greedy: the best edit first,
again until none pays.

Only for OCR'd text: a text layer is what the producer wrote.  Runs shorter
than three letters, runs after a point (but an item's number: "1.สหกรณท")
and the letter before a point (abbreviations: มิ.ย., ลูกค้าธ.ก.ส.: the
words before ธ are mended) are left alone.  Measured on 20 scanned plans (300 dpi, 16 fonts): description CER
(spaces counted) 3.52 -> 3.04 % on Arabic-digit plans, 8.07 -> 6.99 % on
Thai-digit ones; none of the 1,043 correct texts of those plans (names
aside: names are not words, and are not corrected) is changed.  The costs
are not tight: 3 to 4 measure the same; 2 changes correct text.  A tone
mark put back over an upper vowel (the slip the model makes most) costs
2.5, a tone mark put back with the vowel under it bent (ขืน for ขึ้น) 5:
over the 3,398 distinct correct texts (descriptions, header texts,
indicators) of the generated corpora at hand this changes none the old costs
left alone (five province names change with both: the header keeps a name
on the list of provinces).  ไ lost before a letter with its hook read as ี
over the letter (ดีรับ for ได้รับ) costs as a consonant slip: a unigram
model mends it inside a compound (ได้รับ) but not between words (มีน้อย
for ไม่น้อย: มี is as likely a word); it changes none of 6,271 correct texts.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

__all__ = ["correct_thai_ocr", "text_score"]

_CONSONANT = "\u0e01-\u0e2e"
_UPPER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
_LOWER = "\u0e38\u0e39"  # ุ ู
_TONE = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
_MARKS = _UPPER + _LOWER + _TONE
_RUN = re.compile(f"[{_CONSONANT}\u0e30-\u0e3a\u0e40-\u0e4e]+")
_MAX_WORD = 20
# what is tried, and what a slip costs (natural log units of the word
# model): marks come and go often, consonants rarely
_INSERT_TONES = "\u0e48\u0e49\u0e4c"  # ่ ้ ์
_INSERT_UPPER = "\u0e31\u0e34\u0e35\u0e37"  # ั ิ ี ื
_SAME_CLASS = (_UPPER[:5], _LOWER, "\u0e48\u0e49\u0e4a\u0e4b", "\u0e34\u0e48")
_CONSONANT_SLIPS = ("ฐช", "ดต", "บป", "ฮอ", "ซช", "ภถ", "ผฝ", "พฟ", "ฎฏ", "ขฆ", "คศ", "ทห", "นห")
_MARK_COST = 3.5
_CONSONANT_COST = 5.5
_PAIR_COST = 5.0
_TONE_OVER_VOWEL_COST = 2.5
_AI_COST = 5.5
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ
_UNKNOWN = -24.0  # a letter no word explains: worse than the rarest word
_MAX_EDITS = 6
_CONTEXT = 2  # known words each side of an edit that its score takes in


@lru_cache(maxsize=1)
def _words() -> dict[str, float]:
    """Word -> log probability: pythainlp's dictionary, TNC counts (+1)."""
    from pythainlp.corpus import thai_words
    from pythainlp.corpus.tnc import unigram_word_freqs

    freqs = unigram_word_freqs()
    words = {w for w in thai_words() if len(w) <= _MAX_WORD}
    total = math.log(sum(freqs.get(w, 0) + 1 for w in words))
    return {w: math.log(freqs.get(w, 0) + 1) - total for w in words}


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, float | None]:
    """Every prefix of a word -> the word's log probability, None for a
    prefix that is no word itself (lets the segmentation stop early)."""
    out: dict[str, float | None] = {}
    for w, lp in _words().items():
        for k in range(1, len(w)):
            out.setdefault(w[:k], None)
    out.update(_words())
    return out


def _score(text: str) -> tuple[float, list[int]]:
    """The best segmentation's log probability and its word starts."""
    prefixes = _prefixes()
    n = len(text)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for j in range(n):
        here = best[j]
        if here + _UNKNOWN > best[j + 1]:
            best[j + 1], back[j + 1] = here + _UNKNOWN, j
        for i in range(j + 1, min(n, j + _MAX_WORD) + 1):
            piece = text[j:i]
            if piece not in prefixes:
                break
            lp = prefixes[piece]
            if lp is not None and here + lp > best[i]:
                best[i], back[i] = here + lp, j
    starts = []
    i = n
    while i > 0:
        i = back[i]
        starts.append(i)
    return best[n], starts[::-1]


def _edits(text: str, i: int) -> list[tuple[str, float]]:
    """Single slips at position i: (new text, cost)."""
    ch = text[i]
    out: list[tuple[str, float]] = []
    if ch == "\u0e32":
        out.append((text[:i] + "\u0e33" + text[i + 1 :], _MARK_COST))
    elif ch == "\u0e33":
        out.append((text[:i] + "\u0e32" + text[i + 1 :], _MARK_COST))
    if ch in _MARKS:
        out.append((text[:i] + text[i + 1 :], _MARK_COST))
        for group in _SAME_CLASS:
            if ch in group:
                out += [(text[:i] + o + text[i + 1 :], _MARK_COST) for o in group if o != ch]
        return out
    if not ("\u0e01" <= ch <= "\u0e2e"):
        return out
    for pair in _CONSONANT_SLIPS:
        if ch in pair:
            other = pair[1 - pair.index(ch)]
            out.append((text[:i] + other + text[i + 1 :], _CONSONANT_COST))
    if (text[i + 1 : i + 2] == "\u0e35" and (i + 2 == len(text) or text[i + 2] not in _MARKS)
            and (i == 0 or text[i - 1] not in _LEADING_VOWELS)):
        # ไ before the letter lost and its hook read as ี over it, the
        # tone mark lost too (ดี for ได้, มี for ไม่, ปี for ไป)
        out += [(text[:i] + "\u0e44" + ch + t + text[i + 2 :], _AI_COST) for t in ("", "\u0e48", "\u0e49")]
    j = i + 1
    while j < len(text) and text[j] in _MARKS:
        j += 1
    marks = text[i + 1 : j]
    vowel = "".join(m for m in marks if m in _UPPER + _LOWER)
    tone = "".join(m for m in marks if m in _TONE)
    if not tone:
        # a tone mark over an upper vowel is what the model loses most
        cost = _TONE_OVER_VOWEL_COST if vowel and vowel in _UPPER else _MARK_COST
        out += [(text[: i + 1] + vowel + t + text[j:], cost) for t in _INSERT_TONES]
        if vowel and vowel in _UPPER[:5]:
            # ... and then it often bends the vowel too (ขืน for ขึ้น)
            out += [(text[: i + 1] + v + t + text[j:], _PAIR_COST) for v in _UPPER[:5] if v != vowel
                    for t in _INSERT_TONES[:2]]
    if not vowel:
        out += [(text[: i + 1] + v + tone + text[j:], _MARK_COST) for v in _INSERT_UPPER]
        if not tone:
            # both marks of a stacked pair lost (เพอ for เพื่อ)
            out += [(text[: i + 1] + v + t + text[j:], _PAIR_COST) for v in _INSERT_UPPER for t in _INSERT_TONES[:2]]
    return out


def _windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """For each position, the span whose score an edit there can change:
    the word holding it, widened over the letters no word explains on
    either side, plus `_CONTEXT` known words each way."""
    words = _words()
    bounds = starts + [len(text)]
    spans = list(zip(bounds[:-1], bounds[1:]))
    known = [b - a > 1 and text[a:b] in words for a, b in spans]
    out = []
    for k, (a, b) in enumerate(spans):
        lo, hi = k, k
        for _ in range(_CONTEXT):
            lo -= 1
            while lo > 0 and not known[lo]:
                lo -= 1
            hi += 1
            while hi < len(spans) - 1 and not known[hi]:
                hi += 1
        window = (spans[max(0, lo)][0], spans[min(len(spans) - 1, hi)][1])
        out += [window] * (b - a)
    return out


@lru_cache(maxsize=50_000)
def _correct_run(run: str) -> str:
    """Greedy: the single slip whose fix gains most over its cost, again
    until none pays (at most `_MAX_EDITS`)."""
    text = run
    for _ in range(_MAX_EDITS):
        _, starts = _score(text)
        best_gain, best_text = 0.0, None
        for i, (a, b) in enumerate(_windows(text, starts)):
            base = _window_score(text[a:b])
            for new, cost in _edits(text, i):
                delta = len(new) - len(text)
                gain = _window_score(new[a : b + delta]) - base - cost
                if gain > best_gain:
                    best_gain, best_text = gain, new
        if best_text is None:
            break
        text = best_text
    return text


# ไ (sara ai maimalai) is a tall thin stroke with a hook: blurred, it falls
# apart into specks that read as quotes and points ("'.ม่มี" for ไม่มี).
# After a letter only a quote first: a point there may be an abbreviation's
# (ธ.ก.ส.)
_SPECK_AI = re.compile(r"(?:(?<!\S)['\u2018\u2019`.,]|(?<=[\u0e01-\u0e4e])['\u2018\u2019`])[.,]?(?=[\u0e01-\u0e2e])")
# a letter with its vowels and marks (and a leading vowel): what an
# abbreviation writes before its point (matches at the end of any run)
_ABBREVIATION = re.compile(r"[\u0e40-\u0e44]?[\u0e01-\u0e2e]?[\u0e30-\u0e3a\u0e45-\u0e4e]*$")
_ITEM_NUMBER = re.compile(r"(?:^|\s)[0-9๐-๙]{1,2}\.$")
_THAI_BEFORE = re.compile(r"[\u0e01-\u0e4e]*$")
_THAI_AFTER = re.compile(r"[\u0e01-\u0e4e]*")


def _restore_sara_ai(text: str) -> str:
    """Specks before a consonant read back as ไ where the words around
    then read far better (the gain must beat a consonant slip's cost)."""
    out, last = [], 0
    for m in _SPECK_AI.finditer(text):
        before = _THAI_BEFORE.search(text, 0, m.start()).group(0)
        after = _THAI_AFTER.match(text, m.end()).group(0)
        if len(after) < 2 or text[m.end() + len(after) : m.end() + len(after) + 1] == ".":
            continue  # an abbreviation (ม .ค.), no word
        gain = _window_score(before + "\u0e44" + after) - _window_score(before) - _window_score(after)
        if gain > _CONSONANT_COST:
            out += [text[last : m.start()], "\u0e44"]
            last = m.end()
    return "".join(out) + text[last:]


@lru_cache(maxsize=200_000)
def _window_score(text: str) -> float:
    """`_score` of a window (the same windows recur while edits are tried)."""
    return _score(text)[0]


def correct_thai_ocr(text: str) -> str:
    """OCR'd text with likely slips in its Thai words put right (see the
    module docstring); everything else untouched."""
    if not text:
        return text
    text = _restore_sara_ai(text)

    def fix(m: re.Match) -> str:
        run = m.group(0)
        # short runs give the word model too little to go on, and a run
        # after a point is an abbreviation's or a row code's (จ.จ for ๔.๔),
        # unless the point ends an item's number ("1.สหกรณท...")
        if len(run) < 3 or (text[m.start() - 1 : m.start()] == "." and not _ITEM_NUMBER.search(text, 0, m.start())):
            return run
        if text[m.end() : m.end() + 1] == ".":
            # the letter before a point is an abbreviation's (มิ.ย., ธ.ก.ส.),
            # no word; the words before it are ("ลูกค้าธ.ก.ส.": ลูกค้า)
            head = run[: _ABBREVIATION.search(run).start()]
            return _correct_run(head) + run[len(head) :] if len(head) >= 4 else run
        return _correct_run(run)

    return _RUN.sub(fix, text)


def text_score(text: str) -> float:
    """The word model's log probability of `text`'s best segmentation,
    spaces left out (anything no word holds costs as an unknown letter)."""
    return _score("".join(text.split()))[0]
