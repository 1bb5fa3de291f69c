"""People's names in the header (officer, signers) put back from one OCR slip
by pythainlp's lists of Thai given and family names.

Names are no words: the word model (`ocr_spell`) never touches them.  But a
name is a given name and a family name, and pythainlp ships lists of both
(about 12,000 given and 9,800 family names).  A name OCR read with one slip
(กาญจนำปัญญาวงศ์: า read ำ; ร์ชนี: ั read ์; วิชัย1ระเสริฐศักดิ์: ป read
"1"; a stray letter) reads as no listed given name followed by a listed
family name; when exactly one single slip of the kinds OCR makes gives such
a pair, that is the name.  A name that reads as a listed pair already, or
that no slip or more than one makes a listed pair, stays as read: a rare
name is left alone, never bent into a common one.  A listed pair read
without the space between them gets it back.  Where the family name is in
no list (most are not: the lists hold a few thousand of Thailand's), a
given name read apart from it is put back alone by a slip of its marks;
one run into it is split off after the longest listed given name, and
the family name's marks only (its letters stay) are put right by the word
model where that explains letters it could not (นี่มนวล -> นิ่มนวล: Thai
family names are mostly words put together).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize.ocr_spell import correct_thai_ocr, reading_rank, single_slips
from pipeline.textdist import levenshtein

__all__ = ["QUOTES", "given_name_alone", "listed_parts", "mend_person_name"]

_TITLES = ("นางสาว", "นาง", "นาย")
# what OCR makes of a Thai letter that the word model's slips do not cover:
# ั read as ์ (their shapes differ by a tail), ป's bowl lost ("1", "!"),
# ใ and ไ read for each other (they differ by a loop; no two listed names
# differ by them alone), ฐ read ช (its tail lost: บุญประเสริช)
_SWAPS = {"\u0e4c": "\u0e31", "\u0e31": "\u0e4c", "1": "ป", "!": "ป", "ใ": "ไ", "ไ": "ใ", "ช": "ฐ"}
_MARKS = re.compile(r"[\u0e31-\u0e3a\u0e47-\u0e4e]")  # (า and ำ among them: OCR swaps them)
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ
_SMALL_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"  # ั ิ ี ึ ื ุ ู: a few pixels, lost to a faint scan
_BARE_LETTER = re.compile(r"[\u0e01-\u0e2e](?![\u0e31-\u0e3a\u0e47-\u0e4e])")  # a letter no mark follows
# Thai spelling that no name holds, which OCR makes:
# - two silent letters in a row each under its own thanthakhat (วง์ศ์ for
#   วงศ์: a silent stretch takes one, on its last letter): the first is a
#   speck;
_KARAN_TWICE = re.compile("([\u0e01-\u0e2e])\u0e4c(?=[\u0e01-\u0e2e]\u0e4c)")
# - ฐ split into ช and ู (its tail read as the vowel): after ั a letter
#   closes the syllable and carries no vowel (ณัชูธิดา for ณัฐธิดา);
_THO_SPLIT = re.compile("(?<=\u0e31)\u0e0a\u0e39")
# - a name ending in a letter with a tone mark and no vowel (วงศ์หญ่):
#   no syllable is a bare letter with a tone (บ่ aside), so a leading vowel
#   before it or before the letters leading it (ห of หญ, a cluster) was lost
_BARE_TONED_END = re.compile("(?<![\u0e40-\u0e44])(?<![\u0e40-\u0e44][\u0e01-\u0e2e])"
                             "[\u0e01-\u0e2e][\u0e48-\u0e4b]$")
# a title with its า read as another letter ("นจยวีระพงษ์บุญมา") or its น
# as บ (they differ by a tail: a photo's "บางปราณี..."): taken as the title
# only when the rest reads as a listed given and family name
_BENT_TITLE = re.compile("^(?:น[\u0e01-\u0e2d]|บา)([งย])")
# no name holds a quote: a speck read as one ('นายปรีชา "เพชรรัตน์')
QUOTES = re.compile(r"""['"`\u2018\u2019\u201c\u201d]""")
# a speck between the given and the family name read as a point (or a
# thin leading vowel read as one: ทอง.บ for ทองใบ)
_POINT_IN_NAME = re.compile("(?<=[\u0e01-\u0e4e])\\.(?=[\u0e01-\u0e2e])")
# what stands between a given and a family name read apart: a gap, or a
# speck read as a point, a comma or a dash with or without one ("อนุชา. แสงทอง",
# "ชำนาญ.นิ่มนวล", "จิราพร -บุญมา")
_NAMES_APART = re.compile(r"\s*[.,\-]+\s*|\s+")
_MIN_FAMILY = 4  # letters a family name split off a listed given name holds at least
# specks before the given name read as a comma, a point, a quote or a mark
# (no name opens with a mark: "นาย์สมศักดิ์")
_LEADING_SPECK = re.compile(r"^\s*[,.'`\u0e31-\u0e3a\u0e47-\u0e4e]+")
# a thanthakhat over a name's first letter: a speck (it marks a silent
# last letter; no word starts with one: ท์วีศักดิ์ for ทวีศักดิ์)
_KARAN_FIRST = re.compile("^(\\s*[\u0e01-\u0e2e])\u0e4c")


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    return frozenset(thai_female_names()) | frozenset(thai_male_names()), frozenset(thai_family_names())


def _title(name: str) -> str | None:
    """The title `name` opens with (นางสาว before นาง), or None."""
    return next((t for t in _TITLES if name.startswith(t)), None)


def _split(name: str) -> str | None:
    """`name` (no spaces) as "given family" when exactly one split of it is
    a listed given name and a listed family name."""
    given, family = _names()
    found = [name[:i] + " " + name[i:] for i in range(2, len(name) - 1) if name[:i] in given and name[i:] in family]
    return found[0] if len(found) == 1 else None


def _slips(name: str) -> set[str]:
    """`name` with one slip of its marks put back (the word model's mark
    slips, ั read as ์, a small vowel lost: ภานวัฒน์ for ภานุวัฒน์), or a
    "1" read for ป.  Its letters stay: one letter off, a name is as often
    another listed name (นาคสวัสดิ์ is one letter from นาสวัสดิ์, ศรีวงศ์
    from ศรีวงค์)."""
    letters = _MARKS.sub("", name)
    out = {new for new in single_slips(name) if _MARKS.sub("", new) == letters}
    for i, ch in enumerate(name):
        if ch in _SWAPS:
            out.add(name[:i] + _SWAPS[ch] + name[i + 1 :])
    out.update(name[: m.start()] + "\u0e10" + name[m.end() :] for m in _THO_SPLIT.finditer(name))
    out.update(name[: m.end()] + vowel + name[m.end() :] for m in _BARE_LETTER.finditer(name) for vowel in _SMALL_VOWELS)
    return out


def _lost_vowels(name: str, points: list[int]) -> set[str]:
    """`name` with the leading vowel put back that OCR dropped (the thin
    ไ/ใ most): before the given name (พโรจน์ for ไพโรจน์), before the
    family name after a listed given name (ชุติมาจดี for ชุติมา ใจดี),
    before a last syllable that cannot stand without one (see
    `_BARE_TONED_END`), or where a point was read between two letters
    (`points`: where the points stood in `name`); or without a letter
    before the given name (a speck read as one: คศิริพร; not two: ศุดารัตน์
    less ศุ is the listed ดารัตน์)."""
    given = _names()[0]
    places = {0, *points, *(k for k in range(2, len(name) - 1) if name[:k] in given)}
    end = _BARE_TONED_END.search(name)
    if end:
        places.update(p for p in range(end.start() - 2, end.start() + 1) if p > 0)
    return {name[:p] + vowel + name[p:] for p in places for vowel in _LEADING_VOWELS} | {name[1:]}


def _shifted(gaps: list[int], points: list[int]) -> list[int]:
    """The places `gaps` (in the name with its points) in the name once
    its points are dropped."""
    return [g - sum(p + k < g for k, p in enumerate(points)) for g in gaps]


def _unbent_title(name: str) -> str | None:
    """`name` with its bent title put back (see `_BENT_TITLE`), or None.
    The rest must read as a listed given and family name, or, mended as a
    name with its title is, open with a listed given name (its family
    name in no list: "นวยณัฐพลรักษาศรี")."""
    bent = _BENT_TITLE.match(name)
    if not bent:
        return None
    title = "นา" + bent.group(1)
    rest = "".join(name[bent.end() :].split())
    if title == "นาง" and rest.startswith("สาว"):
        title, rest = "นางสาว", rest[3:]
    pair = _split(rest)
    if pair:
        return title + pair
    mended = mend_person_name("นา" + bent.group(1) + name[bent.end() :])
    words = mended[len(_title(mended) or "") :].split() if mended else []
    return mended if words and words[0] in _names()[0] else None


def _sao_bent(rest: str) -> str | None:
    """The name after นางสาว whose สาว OCR read one letter off (a letter
    too many, lost or bent: "นางสวาวณัฐธิดาชัยมงคล", taken for นาง and a
    given name สวาว...), when what follows it is a listed given and family
    name."""
    for k in (2, 3, 4):
        if levenshtein(rest[:k], "สาว") <= 1 and (pair := _split(rest[k:])):
            return pair
    return None


def mend_person_name(name: str | None) -> str | None:
    """An OCR'd name (title, given and family name) put back by the name
    lists (see the module's note); any other text as it is."""
    if not name:
        return name
    # (no name ends in a point or a comma: a speck or the next word's
    # point, "นายสมชายช่วยชูชาติ.ตำแหน่ง...", kept by the name split off)
    name = _KARAN_TWICE.sub(r"\1", QUOTES.sub("", name).rstrip(" .,"))
    title = _title(name)
    if title is None:
        return _unbent_title(name) or name
    name = title + _KARAN_FIRST.sub(r"\1", name[len(title) :])
    # (a speck between the names read as a point: "ณรงค์ฤทธิ์.ปัญญาวงศ์";
    # a lost leading vowel read as a comma, "นาย,พโรจน์ใจดี", or as a gap
    # between words, "นางสาววิ ลวรรณอินทร์แก้ว": where it stood, one is
    # tried, `_lost_vowels`)
    words = _LEADING_SPECK.sub("", name[len(title) :]).split()
    joined = "".join(words)
    gaps = [sum(len(w) for w in words[:k]) for k in range(1, len(words))]
    points = [m.start() - k for k, m in enumerate(_POINT_IN_NAME.finditer(joined))]
    bare = _POINT_IN_NAME.sub("", joined)
    as_read = _split(bare)
    if as_read is not None:
        return title + as_read
    mended = {pair for slip in _slips(bare) if (pair := _split(slip))}
    if not mended:
        # a leading vowel lost (no slip of the marks puts a letter back)
        mended = {pair for lost in _lost_vowels(bare, points + _shifted(gaps, points)) if (pair := _split(lost))}
    if len(mended) == 1:
        return title + mended.pop()
    if title == "นาง" and (pair := _sao_bent(bare)):
        return "นางสาว" + pair
    return (_given_mended(title, name[len(title) :])
            or (_family_split_off(title, bare) if len(words) == 1 else None) or name)


def _given_mended(title: str, rest: str) -> str | None:
    """A name whose family name no list holds, read as a given name and a
    family name apart (two words), with the given name put back alone: as
    read less a point beside it (a speck: "อนุชา. แสงทอง",
    "ชำนาญ.นิ่มนวล"), or by the one slip of its marks that makes a listed
    given name ("อำนำจ": า read ำ); the family name stays as read.  None
    when the words are not two, the given name is listed as read with
    nothing to drop, or no slip or more than one makes a listed one."""
    words = _NAMES_APART.split(rest.strip(" .,"))
    if len(words) != 2 or not all(words):
        return None
    given, family = words
    listed = _names()[0]
    if given in listed:
        return title + given + " " + family if rest != given + " " + family else None
    slips = {slip for slip in _slips(given) if slip in listed}
    return title + slips.pop() + " " + family if len(slips) == 1 else None


def _family_split_off(title: str, name: str) -> str | None:
    """A name read without its gap whose family name no list holds:
    split after the longest listed given name that leaves `_MIN_FAMILY`
    letters or more, the family name's marks put right where the word
    model then explains letters it could not (นี่มนวล -> นิ่มนวล); or,
    when no listed given name opens it as read, after the one listed given
    name a slip of its marks makes (ปียะพงษ์ลำดับวงศ์: ิ read ี; ลำดว่น...:
    a speck read as a tone mark), the family name as read.  None when
    neither opens it."""
    split = _given_prefix(name)
    if split is not None:
        family = name[split:]
        fixed = correct_thai_ocr(family)
        if _MARKS.sub("", fixed) == _MARKS.sub("", family) and reading_rank(fixed)[0] < reading_rank(family)[0]:
            family = fixed
        return title + name[:split] + " " + family
    found = set()
    for slip in _slips(name):
        k = _given_prefix(slip)
        # (the slip in the given name: the family name stays as read)
        if k is not None and slip[k:] == name[len(name) - len(slip) + k :] and slip[:k] != name[:k]:
            found.add(slip[:k] + " " + slip[k:])
    return title + found.pop() if len(found) == 1 else None


def _given_prefix(name: str) -> int | None:
    """The length of the longest listed given name opening `name` that
    leaves `_MIN_FAMILY` letters or more (no mark right after it), or
    None."""
    given = _names()[0]
    return next((k for k in range(len(name) - _MIN_FAMILY, 1, -1) if name[:k] in given and not _MARKS.match(name[k])),
                None)


def listed_parts(name: str) -> int:
    """How many of the name's given and family name (after its title) the
    name lists hold: of two readings of one name, the one with more is
    the better read."""
    given, family = _names()
    title = _title(name) or ""
    words = name[len(title) :].split()
    return sum(1 for w, listed in zip(words, (given, family)) if w in listed) if len(words) == 2 else 0


def given_name_alone(name: str | None) -> bool:
    """Whether `name` reads as a title and a listed given name with nothing
    after it: every official signs with a family name, so one that is
    missing was lost in reading (a garbled family name read as Latin
    letters is dropped as debris: "(นายสุรชัย Fav)")."""
    title = _title(name) if name else None
    return title is not None and name[len(title) :].strip() in _names()[0]  # type: ignore[index]
