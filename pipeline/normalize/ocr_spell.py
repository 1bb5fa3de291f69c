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
are not tight: 3 to 4 measure the same; 2 changes correct text.  า read
as ว (รวยได้ for รายได้) and back costs as a consonant slip: of 8,619
distinct correct texts it changes none the other slips left alone.  A tone
mark put back over an upper vowel (the slip the model makes most) costs
2.5, a tone mark put back with the vowel under it bent (ขืน for ขึ้น) 5:
over the 3,398 distinct correct texts (descriptions, header texts,
indicators) of the generated corpora at hand this changes none the old costs
left alone (five province names change with both: the header keeps a name
on the list of provinces).  ไ lost before a letter with its hook read as ี
over the letter (ดีรับ for ได้รับ) costs as a consonant slip: a unigram
model mends it inside a compound (ได้รับ) but not between words (มีน้อย
for ไม่น้อย: มี is as likely a word); it changes none of 6,271 correct texts.
Before the word model: specks read back as ไ or ใ (a thin face's ไ/ใ falls
apart into a quote and a point, or a point alone after a word), and a "1"
inside a Thai word as ป (its bowl lost), where the words then read far
better; ใ or ไ lost whole is an edit of its own (ภายน for ภายใน).  These
change none of the 6,758 distinct correct texts of the generated corpora.
A phone photo's soft strokes lose ม's loop (ส่งเสริบ), น's tail (แนะบำ)
and bend ก's head into ภ's (ได้รับภาร), and read ำ's ring as the tone mark
้ (แนะน้า): those slips too, which change none of the 6,116 distinct
correct Thai texts of the generated corpora at hand that the old slips left
alone.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

__all__ = ["correct_thai_ocr", "leading_word", "reading_rank", "single_slips", "text_score", "word_bounds"]

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
_CONSONANT_SLIPS = ("ฐช", "ดต", "บป", "ฮอ", "ซช", "ภถ", "ผฝ", "พฟ", "ฎฏ", "ขฆ", "คศ", "ทห", "นห", "บน", "กภ", "มบ", "ดล")
_MARK_COST = 3.5
_CONSONANT_COST = 5.5
_PAIR_COST = 5.0
_TONE_OVER_VOWEL_COST = 2.5
_AI_COST = 5.5
_LOST_AI_COST = 6.5
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
    prefix that is no word itself (lets the segmentation stop early).
    Built in one pass of `dict.fromkeys` (a third less than a `setdefault`
    per prefix: it is built once per process, on the first Thai text)."""
    words = _words()
    out: dict[str, float | None] = dict.fromkeys(w[:k] for w in words for k in range(1, len(w)))
    out.update(words)
    return out


_NO_PREFIX = object()  # `_prefixes().get` of a piece no word starts with


def _score(text: str) -> tuple[float, list[int]]:
    """The best segmentation's log probability and its word starts."""
    n = len(text)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    get = _prefixes().get
    for j in range(n):
        here = best[j]
        if here + _UNKNOWN > best[j + 1]:
            best[j + 1], back[j + 1] = here + _UNKNOWN, j
        for i in range(j + 1, min(n, j + _MAX_WORD) + 1):
            lp = get(text[j:i], _NO_PREFIX)
            if lp is _NO_PREFIX:
                break
            if lp is not None and here + lp > best[i]:
                best[i], back[i] = here + lp, j
    starts = []
    i = n
    while i > 0:
        i = back[i]
        starts.append(i)
    return best[n], starts[::-1]


def _best(text: str, known: list[float] | None = None) -> list[float]:
    """`_score`'s table alone: best[k], the best log probability of
    text[:k].  best[k] depends on text[:k] only, so a table `known` of a
    text with the same first len(known) - 1 letters is taken over as it is
    (the same values to the last bit) and only the rest is filled in."""
    n = len(text)
    get = _prefixes().get
    e = 0 if known is None else len(known) - 1
    best = [0.0] + [-math.inf] * n if known is None else known + [-math.inf] * (n - e)
    for j in range(max(0, e - _MAX_WORD + 1), n):
        here = best[j]
        if j >= e:
            if here + _UNKNOWN > best[j + 1]:
                best[j + 1] = here + _UNKNOWN
            lo = j + 1
        elif get(text[j:e], _NO_PREFIX) is _NO_PREFIX:
            continue
        else:
            lo = e + 1  # a word from before the shared letters' end: only what runs past it
        for i in range(lo, min(n, j + _MAX_WORD) + 1):
            lp = get(text[j:i], _NO_PREFIX)
            if lp is _NO_PREFIX:
                break
            if lp is not None and here + lp > best[i]:
                best[i] = here + lp
    return best


def _edits(text: str, i: int) -> list[tuple[str, float]]:
    """Single slips at position i: (new text, cost)."""
    ch = text[i]
    out: list[tuple[str, float]] = []
    if ch == "\u0e32":
        out.append((text[:i] + "\u0e33" + text[i + 1 :], _MARK_COST))
        out.append((text[:i] + "\u0e27" + text[i + 1 :], _CONSONANT_COST))
    elif ch == "\u0e27":
        out.append((text[:i] + "\u0e32" + text[i + 1 :], _CONSONANT_COST))
    elif ch == "\u0e33":
        out.append((text[:i] + "\u0e32" + text[i + 1 :], _MARK_COST))
    if ch == "\u0e49" and text[i + 1 : i + 2] == "\u0e32":
        # ำ's ring read as the tone mark ้ over the letter (แนะน้า for แนะนำ)
        out.append((text[:i] + "\u0e33" + text[i + 2 :], _MARK_COST))
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
    if i == 0 or text[i - 1] not in _LEADING_VOWELS:
        # ใ or ไ lost whole before the letter (Norasi's thin strokes: ภายน
        # for ภายใน)
        out += [(text[:i] + v + text[i:], _LOST_AI_COST) for v in _AI_VOWELS]
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


def single_slips(text: str) -> set[str]:
    """`text` with any one of the slips this module tries put back (for
    text no word model judges: people's names, checked against name lists)."""
    return {new for i in range(len(text)) for new, _ in _edits(text, i)}


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
    until none pays (at most `_MAX_EDITS`).  A slip is scored in full
    (`_best`, the same sums as ever) only when `_edited_score`, the cheap
    reckoning from the unedited window's tables, says it may win: the two
    differ by rounding alone, far less than `_SLACK`."""
    text = run
    for _ in range(_MAX_EDITS):
        _, starts = _score(text)
        best_gain, best_text = 0.0, None
        for i, (a, b) in enumerate(_windows(text, starts)):
            window = text[a:b]
            head, tail = _tables(window)
            base = head[-1]
            reach = _reach(window, i - a)
            for new, cost in _edits(text, i):
                piece = new[a : b + len(new) - len(text)]
                rough = _ROUGH.get(piece)
                if rough is None:
                    if len(_ROUGH) >= _CACHE_SIZE:
                        _ROUGH.clear()
                    rough = _ROUGH[piece] = _edited_score(window, head, tail, reach, piece)
                if rough - base - cost < best_gain - _SLACK:
                    continue
                gain = _window_score(piece, head[: i - a + 1]) - base - cost
                if gain > best_gain:
                    best_gain, best_text = gain, new
        if best_text is None:
            break
        text = best_text
    return text


_SLACK = 1e-6  # far more than summing the same log probabilities in another order can change


def _tail(text: str) -> list[float]:
    """tail[k]: the best log probability of text[k:] (`_best` backwards)."""
    n = len(text)
    get = _prefixes().get
    tail = [-math.inf] * n + [0.0]
    for k in range(n - 1, -1, -1):
        tail[k] = _ending(text, k, tail, get)
    return tail


def _ending(text: str, k: int, tail: list[float], get) -> float:
    """The best log probability of text[k:] given `tail` past k."""
    v = _UNKNOWN + tail[k + 1]
    for r in range(k + 1, min(len(text), k + _MAX_WORD) + 1):
        lp = get(text[k:r], _NO_PREFIX)
        if lp is _NO_PREFIX:
            break
        if lp is not None and lp + tail[r] > v:
            v = lp + tail[r]
    return v


def _reach(window: str, e: int) -> list[int]:
    """The starts p < e of the words that may run over position e: those
    with window[p:e] a word's beginning."""
    prefixes = _prefixes()
    return [p for p in range(max(0, e - _MAX_WORD + 1), e) if window[p:e] in prefixes] + [e]


def _edited_score(window: str, head: list[float], tail: list[float], reach: list[int], new: str) -> float:
    """`_best(new)[-1]` up to rounding, where `new` is `window` edited from
    position e = reach[-1] on: every segmentation of `new` has one piece
    over position e, from some p of `reach`; before p the best is the
    unedited head[p], after the piece the best is the unedited tail where
    the two texts end alike, worked out backwards over the edited letters."""
    e, n, m = reach[-1], len(window), len(new)
    if e == m:
        return head[e]
    # the edit changes a few letters from e on: the first d past which
    # both texts read alike gives the longest common ending
    d = max(0, n - m)
    while window[e + d :] != new[e + d + m - n :]:
        d += 1
    same = n - e - d
    after = [0.0] * (m - same) + tail[n - same :]
    get = _prefixes().get
    for k in range(m - same - 1, e, -1):
        after[k] = _ending(new, k, after, get)
    best = head[e] + _UNKNOWN + after[e + 1]
    for p in reach:
        here = head[p]
        for q in range(e + 1, min(m, p + _MAX_WORD) + 1):
            lp = get(new[p:q], _NO_PREFIX)
            if lp is _NO_PREFIX:
                break
            if lp is not None and here + lp + after[q] > best:
                best = here + lp + after[q]
    return best


# ไ (sara ai maimalai) is a tall thin stroke with a hook: blurred, it falls
# apart into specks that read as quotes and points ("'.ม่มี" for ไม่มี).
# After a letter a quote first, or a point after three letters or more (an
# abbreviation's point follows one or two: ธ.ก.ส., มิ.ย.).  ใ falls apart
# the same way (Norasi: "'.ห้" for ให้, ".นการ" for ในการ)
_SPECK_AI = re.compile(r"(?:(?<!\S)['\u2018\u2019`.,]|(?<=[\u0e01-\u0e4e])['\u2018\u2019`]|(?<=[\u0e01-\u0e4e]{3})\.)"
                       r"[.,]?(?=[\u0e01-\u0e2e])")
_AI_VOWELS = ("\u0e44", "\u0e43")  # ไ ใ
# ป whose bowl the model lost, read as the digit 1 inside a Thai word
# ("ไปใช้1ระโยชน์", "จัด1ระชุม", "สำนักงาน1 ระมง"), or as a mark of its
# tall thin shape, "!" or "?" ("จัด!ระชุม"); never a digit's neighbour, so
# numbers stay as read
_DIGIT_PO = re.compile(r"(?<=[\u0e01-\u0e4e])[1!?] ?(?=[\u0e01-\u0e2e])|(?<!\S)[1!?](?=[\u0e01-\u0e2e])")
# a letter with its vowels and marks (and a leading vowel): what an
# abbreviation writes before its point (matches at the end of any run)
_ABBREVIATION = re.compile(r"[\u0e40-\u0e44]?[\u0e01-\u0e2e]?[\u0e30-\u0e3a\u0e45-\u0e4e]*$")
_ITEM_NUMBER = re.compile(r"(?:^|\s)[0-9๐-๙]{1,2}\.$")
_THAI_BEFORE = re.compile(r"[\u0e01-\u0e4e]*$")
_THAI_AFTER = re.compile(r"[\u0e01-\u0e4e]*")


# a nikhahit with no า after it (a speck over a letter read as the ring of
# ำ: "อย่างํต่อเนื่อง"): Thai writes it only as a part of ำ
_STRAY_NIKHAHIT = re.compile("\u0e4d(?![\u0e48-\u0e4b]?\u0e32)")
# a leading vowel stands before a letter, never before a digit: a speck
# by the digit read as one ("ชั้น ๑ และไ๒")
_STRAY_LEADING_VOWEL = re.compile("[\u0e40-\u0e44](?=[0-9\u0e50-\u0e59])")


def _restore_letters(text: str, found: re.Pattern, letters: tuple[str, ...]) -> str:
    """What `found` matches (specks, a digit) between Thai letters read
    back as one of `letters` where the words around then read far better
    (the gain must beat a consonant slip's cost)."""
    out, last = [], 0
    for m in found.finditer(text):
        before = _THAI_BEFORE.search(text, 0, m.start()).group(0)
        after = _THAI_AFTER.match(text, m.end()).group(0)
        dotted = text[m.end() + len(after) : m.end() + len(after) + 1] == "."
        if not after or (dotted and len(after) <= 2) or (len(after) < 2 and len(before) < 3):
            continue  # an abbreviation (ม .ค.), no word
        apart = _window_score(before) + _window_score(after)
        gain, letter = max((_window_score(before + v + after) - apart, v) for v in letters)
        if gain > _CONSONANT_COST:
            out += [text[last : m.start()], letter]
            last = m.end()
    return "".join(out) + text[last:]


_CACHE_SIZE = 200_000  # scores kept (the same windows recur while edits are tried)
_TABLES_SIZE = 20_000  # windows' tables kept (two lists each: fewer)
_SCORES: dict[str, float] = {}
_ROUGH: dict[str, float] = {}  # `_edited_score`s, whichever window they came from
_TABLES: dict[str, tuple[list[float], list[float]]] = {}


def _window_score(text: str, known: list[float] | None = None) -> float:
    """`_score` of a window, remembered; `known` as for `_best`."""
    score = _SCORES.get(text)
    if score is None:
        if len(_SCORES) >= _CACHE_SIZE:
            _SCORES.clear()
        score = _SCORES[text] = _best(text, known)[-1]
    return score


def _tables(text: str) -> tuple[list[float], list[float]]:
    """`_best` and `_tail` of a window, remembered."""
    tables = _TABLES.get(text)
    if tables is None:
        if len(_TABLES) >= _TABLES_SIZE:
            _TABLES.clear()
        tables = _TABLES[text] = (_best(text), _tail(text))
    return tables


def correct_thai_ocr(text: str) -> str:
    """OCR'd text with likely slips in its Thai words put right (see the
    module docstring); everything else untouched."""
    if not text:
        return text
    text = _STRAY_LEADING_VOWEL.sub("", _STRAY_NIKHAHIT.sub("", text))
    text = _restore_letters(text, _SPECK_AI, _AI_VOWELS)
    text = _restore_letters(text, _DIGIT_PO, ("\u0e1b",))

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


# what a printed header or cell holds besides Thai letters, digits and
# spaces; any other mark among them is a speck or a glyph OCR could not
# resolve (' ! | © read for ไ, 1, =)
_PRINTED_MARKS = frozenset("().,:;/-=%")
_STRAY = re.compile(r"[^\u0e01-\u0e4e\u0e50-\u0e590-9\s]")


@lru_cache(maxsize=4096)  # a line's readings are ranked by `wants_other_scales`, then by `choose_reading`
def reading_rank(text: str) -> tuple[int, float]:
    """How badly an OCR reading reads, for choosing among readings of one
    line: first the letters no word explains (the Thai letters the word
    model's best segmentation leaves out of its words, plus every mark the
    form does not print and every Latin letter: OCR's guess for Thai glyphs
    it could not resolve), then, as bent words are often words too (ส่งเสริบ
    for ส่งเสริม, บ่อยกว่า for น้อยกว่า), the word model's doubt about the
    Thai (minus its log probability).  Digits count for neither."""
    words = _words()
    unread = sum(1 for ch in _STRAY.findall(text) if ch not in _PRINTED_MARKS)
    doubt = 0.0
    for m in _RUN.finditer(text):
        run = m.group(0)
        score, starts = _score(run)
        bounds = starts + [len(run)]
        unread += sum(b - a for a, b in zip(bounds, bounds[1:]) if run[a:b] not in words)
        doubt -= score
    return unread, doubt


def leading_word(text: str) -> str:
    """The word the Thai letters opening `text` begin with, by the word
    model's best segmentation; empty when no word starts there."""
    m = _RUN.match(text)
    if not m:
        return ""
    run = m.group(0)
    starts = _score(run)[1] + [len(run)]
    word = run[: starts[1]]
    return word if word in _words() else ""


def word_bounds(text: str) -> set[int]:
    """The places in `text` where a word begins or ends by the word model's
    best segmentation of each run of Thai (a run's ends among them)."""
    out: set[int] = set()
    for m in _RUN.finditer(text):
        out.update(m.start() + start for start in _score(m.group(0))[1])
        out.add(m.end())
    return out
