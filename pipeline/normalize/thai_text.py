"""Thai text cleaning for text that came out of PDFs and OCR.

`clean_thai(text)` turns what producers store into standard NFC Thai:
- Windows (U+F700-F71A) and Mac (U+F884-F89E) Private Use Area variants of
  marks and descender-less letters -> the standard code points (the reverse
  map of HarfBuzz's Thai shaper, hb-ot-shaper-thai.cc);
- sara am split into nikhahit + sara aa (ํา), also with the tone mark on
  either side (ํ่า / ่ํา -> ่ำ), and ำา duplication -> ำ;
- any other PUA code point -> U+FFFD (a glyph number, not text); control
  characters removed;
- zero-width characters and soft hyphens removed, spaces before combining
  marks removed, duplicated marks dropped, marks put in canonical order
  (below/above vowel before tone mark), เเ -> แ;
- whitespace collapsed to single spaces, ends stripped.

`fold(text)` is a comparison key: clean_thai, then Thai digits -> Arabic,
dashes unified, all whitespace removed, Latin letters lower-cased.

Both are idempotent and never raise (anything unexpected returns the input
cleaned as far as possible).
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.thai_script import is_thai_letter

__all__ = ["clean_thai", "fold", "PUA_MAP"]

# --- PUA -> standard, as HarfBuzz's Thai shaper defines the shaped forms ---
_WIN_PUA: dict[int, str] = {0xF700: "\u0e10", 0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47"}
for _i, _ch in enumerate("\u0e34\u0e35\u0e36\u0e37"):  # F701-F704 sara i..uee shifted left
    _WIN_PUA[0xF701 + _i] = _ch
for _base in (0xF705, 0xF70A, 0xF713):  # tone marks + thanthakhat, three shifted sets
    for _i, _ch in enumerate("\u0e48\u0e49\u0e4a\u0e4b\u0e4c"):
        _WIN_PUA[_base + _i] = _ch
for _i, _ch in enumerate("\u0e38\u0e39\u0e3a"):  # F718-F71A sara u, uu, phinthu shifted down
    _WIN_PUA[0xF718 + _i] = _ch
# Mac fonts (U+F884-F89E) interleave differently: HarfBuzz's mac_pua column
_MAC_PUA: dict[int, str] = {0xF884: "\u0e31", 0xF889: "\u0e47", 0xF899: "\u0e4d", 0xF89A: "\u0e0d", 0xF89E: "\u0e10"}
for _i, _ch in enumerate("\u0e34\u0e35\u0e36\u0e37"):  # F885-F888
    _MAC_PUA[0xF885 + _i] = _ch
for _i, _ch in enumerate("\u0e48\u0e49\u0e4a\u0e4b\u0e4c"):  # F88A-F898: (SL, SD, SDL) per mark
    for _k in range(3):
        _MAC_PUA[0xF88A + 3 * _i + _k] = _ch
for _i, _ch in enumerate("\u0e38\u0e39\u0e3a"):  # F89B-F89D
    _MAC_PUA[0xF89B + _i] = _ch
PUA_MAP: dict[int, str] = {**_WIN_PUA, **_MAC_PUA}
_PUA_TRANS = {cp: ch for cp, ch in PUA_MAP.items()}

_ZERO_WIDTH = {
    0x200B: None,  # zero width space
    0x200C: None,  # ZWNJ
    0x200D: None,  # ZWJ
    0x2060: None,  # word joiner
    0xFEFF: None,  # BOM / ZWNBSP
    0x00AD: None,  # soft hyphen
    0x00A0: " ",  # no-break space
    0x2007: " ",
    0x202F: " ",
    0x3000: " ",
}

_ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"  # tones, thanthakhat, nikhahit, yamakkan
_MARKS = _ABOVE_BELOW_VOWELS + _TONES
_TONE4 = "\u0e48\u0e49\u0e4a\u0e4b"

_RE_SPACE_BEFORE_MARK = re.compile(f"[ \t\u00a0]+(?=[{_MARKS}\u0e33])")
# nikhahit (+ tone on either side) + sara aa -> tone + sara am
_RE_AM_SPLIT = re.compile(f"\u0e4d([{_TONE4}]?)\u0e32")
_RE_AM_SPLIT_TONE_FIRST = re.compile(f"([{_TONE4}])\u0e4d\u0e32")
# sara am followed by a stray sara aa (Word/LibreOffice duplication), also a
# tone stranded between them
_RE_AM_DUP = re.compile(f"\u0e33([{_TONE4}]?)\u0e32")
# tone mark stored after sara am: ต ำ ่ -> ต ่ ำ
_RE_TONE_AFTER_AM = re.compile(f"\u0e33([{_TONE4}])")
_RE_MARK_RUN = re.compile(f"[{_MARKS}]{{2,}}")
_RE_WS = re.compile(r"\s+")
_RE_PUA_LEFT = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_RE_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_RE_THAI_MARK = re.compile(f"[{_MARKS}\u0e33\u0e40-\u0e44]")

try:
    from pythainlp.util import normalize as _pythainlp_normalize
except Exception:  # noqa: BLE001 - optional helper; our own rules cover the essentials
    _pythainlp_normalize = None


def _fix_mark_run(m: re.Match) -> str:
    """A run of combining marks on one base: drop exact repeats, put the
    vowel (above/below) before the tone mark.  Only when unambiguous: at
    most one vowel and one tone-class mark remain."""
    run = m.group(0)
    seen: list[str] = []
    for ch in run:
        if ch not in seen:
            seen.append(ch)
    vowels = [c for c in seen if c in _ABOVE_BELOW_VOWELS]
    tones = [c for c in seen if c in _TONES]
    if len(vowels) <= 1 and len(tones) <= 1:
        return "".join(vowels + tones)
    # ambiguous (e.g. two different tone marks): keep order, drop only repeats
    return "".join(seen)


def _clean_once(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.translate(_PUA_TRANS).translate(_ZERO_WIDTH)
    # a PUA code point no known font map explains is a glyph number, not
    # text: U+FFFD says "something unreadable was here" (as the PDF reader
    # marks unmapped glyphs); control characters are not text at all
    s = _RE_PUA_LEFT.sub("\ufffd", s)
    s = _RE_CONTROL.sub("", s)
    s = restore_lost_am(s)
    s = _RE_SPACE_BEFORE_MARK.sub("", s)
    s = _RE_AM_SPLIT_TONE_FIRST.sub("\\1\u0e33", s)
    s = _RE_AM_SPLIT.sub("\\1\u0e33", s)
    s = _RE_AM_DUP.sub("\\1\u0e33", s)
    s = _RE_TONE_AFTER_AM.sub("\\1\u0e33", s)
    s = _RE_MARK_RUN.sub(_fix_mark_run, s)
    s = s.replace("\u0e40\u0e40", "\u0e41")  # เเ typed for แ
    if _pythainlp_normalize is not None and _RE_THAI_MARK.search(s):
        # pythainlp also reorders other misplaced vowels; it changes none of
        # the 62k words of its own dictionary (checked)
        s = _pythainlp_normalize(s)
    return _RE_WS.sub(" ", s).strip()


def clean_thai(text: str) -> str:
    """Standard NFC Thai with single spaces; see the module docstring."""
    if text is None:
        return ""
    try:
        s = str(text)
        # one pass fixes real-world text; garbage can need another pass for
        # one rule to expose work for another: iterate to a fixed point
        for _ in range(4):
            t = _clean_once(s)
            if t == s:
                break
            s = t
        return s
    except Exception:  # noqa: BLE001 - a cleaner must never break a run
        try:
            return " ".join(str(text).split())
        except Exception:  # noqa: BLE001
            return ""


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


def fold(text: str) -> str:
    """A key for comparing texts: clean_thai, Thai digits -> Arabic, dashes
    unified, whitespace removed, case folded."""
    try:
        s = clean_thai(text).translate(_THAI_DIGITS).translate(_DASHES)
        return "".join(s.split()).casefold()
    except Exception:  # noqa: BLE001
        return ""


def join_wrapped(lines: list[str]) -> str:
    """Join the visual lines of one wrapped text: Thai has no spaces between
    words, so a break between two Thai letters joins with nothing; any other
    break is a space."""
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if out and not (is_thai_letter(out[-1]) and is_thai_letter(line[0])):
            out += " "
        out += line
    return out


# --- ำ lost by a PDF producer: "ส  านักงาน" for สำนักงาน -------------------
# Some producers (stock WeasyPrint among them) give the nikhahit half of ำ no
# text, leaving a consonant, blanks, then า.  Put ำ back only where the word
# list then reads more of the text as known words.
_LOST_AM = re.compile(r"([\u0e01-\u0e2e])([\u0e48-\u0e4b]?)[ \u00a0]{1,3}([\u0e48-\u0e4b]?)\u0e32")


def _known_chars(text: str) -> int:
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = thai_words()
    return sum(len(w) for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w in words and len(w) > 1)


def restore_lost_am(text: str) -> str:
    """Repair the ำ a broken text layer dropped, where the Thai word list
    reads the repaired text as more known words than the broken one."""
    if "\u0e32" not in text or not _LOST_AM.search(text):
        return text

    def fix(m: re.Match) -> str:
        before, after = text[max(0, m.start() - 15) : m.start()], text[m.end() : m.end() + 15]
        fixed = m.group(1) + (m.group(2) or m.group(3)) + "\u0e33"
        if _known_chars(before + fixed + after) > _known_chars(before + m.group(0) + after):
            return fixed
        return m.group(0)

    return _LOST_AM.sub(fix, text)


_DEBRIS_TOKEN = re.compile(r"^(?:[\u0e01-\u0e4e]|\(?[A-Za-z]+\)?|[^\w\u0e00-\u0e7f()]+)$")


def strip_ocr_debris(text: str) -> str:
    """OCR text without the debris at its ends: rule stubs and specks read
    as a lone Thai letter, Latin letters or punctuation (digits stay: "กลุ่ม 1")."""
    tokens = text.split(" ")
    while tokens and _DEBRIS_TOKEN.match(tokens[-1]):
        tokens.pop()
    while tokens and _DEBRIS_TOKEN.match(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)
