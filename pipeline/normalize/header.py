"""Header blocks: title/year, office, officer, (1)-(6), and signatures
(13)/(14), read from the free text around the activity table."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.model import Cell, Indicator, PlanHeader, Table, TextLine
from pipeline.normalize.form_vocab import (ACTIVITY_WORDS, ENTITY_WORDS, INDICATOR_WORDS, POSITION_WORDS, PROGRAM_WORDS, mend_form_words,
                                           mend_name_marks)
from pipeline.normalize.numbers import read_num, to_arabic
from pipeline.normalize.ocr_spell import correct_thai_ocr, reading_rank
from pipeline.normalize.person_names import QUOTES, listed_parts, mend_person_name
from pipeline.normalize.thai_text import clean_thai, join_wrapped, strip_ocr_debris
from pipeline.textdist import levenshtein

# "พ.ศ." (Buddhist era), as OCR may read it: a point as ุ, a speck as a
# mark over พ ("พ์.ศ."), or the whole sign as Latin letters of the same
# shapes ("W.A.", "w.a.")
ERA_SIGN = r"(?<![A-Za-z])[พWw][\u0e47-\u0e4c]?\s*\.{0,2}\s*[\u0e38\u0e39]?\s*[ศAa@]\s*\.?"
_YEAR = re.compile(ERA_SIGN + r"\s*(\d{4})")
# (after a point only where no digit stands before it: the sign's last
# point, "พฟ.ศ.2560", not a decimal's or a code's)
_LONE_YEAR = re.compile(r"(?<![\d,])(?<!\d\.)(\d{4})(?!\d|[,.]\d)")
_TITLE_PREFIXES = ("นางสาว", "นาง", "นาย", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "ดร.")
# นาง/นาย opening a name with a tone mark OCR made of a speck ("น่าง", or
# after it: "นาย่อภิสิทธิ์", and no name starts with a tone mark): the titles
# are the form's words, no name of a person
_BENT_TITLE = re.compile(r"^น[\u0e48-\u0e4b]?า[\u0e48-\u0e4b]?([งย])[\u0e48-\u0e4b]?")
# นางสาว with its า read as ำ ("นางสำวสุภาพร"): no name starts with สำว
_AA_READ_AM = re.compile(r"^นางส\u0e33ว")
# a block's number, or (on OCR'd lines, where Thai digits in brackets read
# as anything: "(9)", "(mn)") up to three characters in brackets, or none
# (what OCR made of it was dropped as debris); a speck before it read as
# a point or a quote (".(๑)แผนงาน : ...")
_BLOCK_NO = r"^[.,'\"`\s]*(?:\(?\s*{n}\s*\)?|\(\s*[^\s()]{{1,3}}\s*\)?)?\s*"
_BLOCKS = {
    "plan_program": re.compile(_BLOCK_NO.format(n=1) + r"แผนงาน\s*:?\s*(.*)$"),
    "output_project": re.compile(_BLOCK_NO.format(n=2) + r"ผลผลิต\s*/?\s*โครงการ\s*:?\s*(.*)$"),
    "main_activity": re.compile(_BLOCK_NO.format(n=3) + r"กิจกรรมหลัก\s*:?\s*(.*)$"),
}
# "ตำแหน่ง" (position), as OCR may bend its first vowel (ตัวแหน่ง, ตาแหน่ง), its
# first letter (ดำแหน่ง, คำแหน่ง), add a stray letter (ตดำแหน่ง, ตำเแหน่ง),
# lose its tone mark (คำแหนง) or read it as the mark of like shape above the
# line (ตำแหนัง: no Thai word is spelled so), or read its แ as a bracket
# (ตำ(หน่ง)
_POSITION_LABEL = r"(?:ตด|[ตดค])[\u0e31-\u0e4e]?[ัำาว]?เ?\s?[แ(]หน[\u0e48\u0e31]?ง"
# a signature's name: "ชื่อ - สกุล (NAME)", or any bracketed name with a title
# (OCR often garbles the label but keeps the brackets, or reads the closing
# one as ']'), or a bracketed Thai name after a garbled "ชื่อ - สกุล" that
# kept its dash ("ชือ- ana (NAME)")
_SIGN_NAME = re.compile(
    r"(?:ชื่อ\s*-?\s*สกุล\s*)?\(\s*((?:นางสาว|นาง|นาย|ว่าที่|ดร\.|ร\.ต\.|พ\.ต\.)[^)\]]*?)\s*"
    rf"(?:[)\]]|(?=\s*(?:\(|{_POSITION_LABEL}|$)))"
    r"|ชื่อ\s*-?\s*สกุล\s*\(\s*([^)]+?)\s*\)"
    r"|-\s*[^\s()]{0,6}\s*\(\s*([\u0e01-\u0e2e][^)\]]*?)\s*[)\]]")
_SIGN_POSITION = re.compile(rf"{_POSITION_LABEL}\s*(.+?)(?=\s*(?:{_POSITION_LABEL}|ชื่อ\s*-?\s*สกุล|ลายมือชื่อ|ชื่อ\s*-|ผู้อนุมัติ|\(\s*[1๑][0-9๐-๙@]?\s*\)?|\(\s*[^\s()]{{1,3}}\s*\)|$))", re.S)
_DIGIT = "[0-9๐-๙]"
_THAI_LETTERS = re.compile(r"[\u0e01-\u0e2e]")
# "สังกัด" (unit), its upper vowels as OCR may bend them (สิงกัด, สังก็ด)
# or add a tone mark to (สั่งกัด), its ก read with a ค after it or as ค
# (สังกคัด, สั่งคัด), its ั read as a lower vowel and a tone mark (สังคู้ด)
_UNIT_LABEL = r"ส[\u0e31\u0e34-\u0e37]?[\u0e48\u0e49]?ง(?:กค?|ค)(?:[\u0e31\u0e34\u0e47]|[\u0e38\u0e39][\u0e48\u0e49]?)?[ดต]"
# the office line "ของสำนักงาน...", after a speck or two read as a letter,
# its ของ perhaps read apart ("ขอ งสำนักงาน") or with a speck read as a
# tone mark ("ข้องสำนักงาน"), or its ข read twice ("ขของสำนักงาน"), or
# its อ read as ฮ, อ with a tail ("ขฮงสำนักงาน": no Thai word)
_OFFICE = re.compile(r"^(?:\S{1,2}(?:\s+|\s*\.\s*)|[\s.,:;|'\"`-]+)?ข{1,2}[\u0e48-\u0e4b]?\s?[อฮ][\u0e48-\u0e4b]?\s?ง(?=\s*\S)")
_PERCENT = re.compile(rf"ร้อยละ\s*({_DIGIT}+(?:\.{_DIGIT}+)?)")
# a line opening a block after (3): (4)-(7), however OCR bent the brackets
_LATER_BLOCK = re.compile(r"^\(\s*[4-7]\s*\)?|^[4-7]\s*\)")
# (OCR reads the point as a comma now and then: "๒, รายงานผล...")
_INDICATOR_START = re.compile(rf"(?:^|(?<=\s))({_DIGIT}{{1,2}})\s*([.,])\s*(?=[^0-9๐-๙])")
# on OCR'd text, an item's number with a speck or two read before it
# (".ต๓. สหกรณ์..." for "๓. สหกรณ์..."): an item only as the next number in turn
_OCR_INDICATOR_START = re.compile(rf"(?:^|(?<=\s))([^\s0-9๐-๙]{{0,2}})({_DIGIT}{{1,2}})\s*([.,])\s*(?=[^0-9๐-๙])")


def _line(text: str) -> str:
    return re.sub(r"\s+", " ", clean_thai(text)).strip()


_EDGE_NOISE = re.compile(r"^[\s:;|]+|(?:\s+[:;\-–—|._,'\"`~]+)+\s*$|[\s:;|]+$")


def _field(text: str | None) -> str | None:
    """A header value without the stray marks OCR leaves at its ends (specks
    and rule stubs read as ':' '-' '.'); a dot ending an abbreviation stays."""
    value = _EDGE_NOISE.sub("", (text or "").strip())
    return value or None


# Buddhist-era years a plan can carry; anything else is an OCR misreading
PLAUSIBLE_BE_YEARS = range(2400, 2700)


def parse_title_year(lines: list[str]) -> int | None:
    """The Buddhist-era year of the title; None rather than a year no
    modern plan has (an OCR misreading: 1562 for ๒๕๖๓)."""
    for text in lines:
        if ("ปี" in text or "แผน" in text) and (year := _era_year(text)):
            return year
    # the sign garbled past knowing ("W.@.", "we."): the title's
    # ("...ปีงบประมาณ ... ๒๕๖๓ (Action Plan)") one free-standing year, the
    # title known by its words, one letter of them off ("ปีงบบระมาณ")
    for text in lines:
        if _like(text, "ปีงบประมาณ"):
            years = [year for y in _LONE_YEAR.findall(text) if (year := _be_year(y))]
            if len(years) == 1:
                return years[0]
    # the sign and year read but the title's words garbled past knowing (a
    # photo's bold title: "LAWLฎิ๊บัติการ...ถึงบบ ระมาณพ.ศ. ๒๕๖๑"): the
    # header's first era-signed year, the title's place
    return next((year for text in lines if (year := _era_year(text))), None)


def _era_year(text: str) -> int | None:
    """A plausible year after an era sign (พ.ศ.) in `text`."""
    m = _YEAR.search(text)
    return _be_year(m.group(1)) if m else None


def _be_year(digits: str) -> int | None:
    """A year's four digits as read (Thai or Arabic) -> the year when
    plausible.  A Thai year read ๒๔xx is ๒๕xx: ๔ and ๕ differ by a short
    tail, which OCR loses, and the plans of this form are of the 2540s on."""
    year = int(to_arabic(digits)) + (100 if digits.startswith("๒๔") else 0)
    return year if year in PLAUSIBLE_BE_YEARS else None


def province_of(office: str | None) -> str | None:
    if not office:
        return None
    m = re.search(r"จังหวัด\s*([^\s]+)", office)
    return m.group(1) if m else None


def _mend_title(name: str) -> str:
    return _AA_READ_AM.sub("นางสาว", _BENT_TITLE.sub(r"นา\1", name))


def parse_officer(text: str, header: PlanHeader) -> bool:
    """`นายสมชาย ใจดี ตำแหน่งX สังกัดY` -> name, position, unit."""
    # (a speck before the title read as a point or a quote: ".นายสุเมธ")
    text = _mend_title(_OCR_HEAD.sub("", text))
    m = re.match(rf"^(.*?)\s*{_POSITION_LABEL}\s*(.*?)\s*(?:{_UNIT_LABEL}\s*(.*))?$", text)
    if not m or not m.group(1):
        return False
    # (a title OCR bent, "บางปราณี...", put back where a listed name follows)
    name = m.group(1) if m.group(1).startswith(_TITLE_PREFIXES) else mend_person_name(m.group(1)) or m.group(1)
    titled = name.startswith(_TITLE_PREFIXES)
    if not titled and m.group(3) is None:
        return False
    # (a name whose title OCR lost to Latin letters, "wie,พโรจน์": the
    # position and unit labels still say what the line is)
    header.officer_name = _field(name) if titled else None
    header.officer_position = _field(m.group(2))
    header.unit = _field(m.group(3))
    return True


# "โครงการ" (project), a word of block (2)'s label and value, with its
# leading vowel read as a point, a comma or ไ, or as a mark with no letter
# to sit on ("ผลผลิต/์ครงการ") (no Thai word is "ครงการ")
_PROJECT = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]?[.,'`ไใ]?\s?ครงการ")


# a speck before a block's number read as a quote ('"(2) ผลผลิต...'): the
# line would read as the block above it, wrapped
_QUOTE_BEFORE_BRACKET = re.compile(r"^[\s'\"`\u2018\u2019\u201c\u201d]+(?=\()")

# blocks (1)-(3) by their number, and their labels' skeletons
# (a phone photo's opening bracket read as "!" or "|": "!๓) พลผลิต/โครงการ")
_NUMBERED_BLOCK = re.compile(r"^[(!|]?\s*([1-3])\s*\)\s*|^[(!|]\s*(\S)\s*\)\s*")
_BLOCK_LABELS = {"1": ("plan_program", "แผนงาน"), "2": ("output_project", "ผลผลิต/โครงการ"),
                 "3": ("main_activity", "กิจกรรมหลัก")}
_VALUE_START = re.compile(r"^\s*:?\s*")
# a label no Thai word reads in (a few signs, digits or Latin letters),
# then the colon and the value
_GARBLED_LABEL = re.compile(r"^[^\s:\u0e01-\u0e4e]{1,8}\s*:\s*(\S.*)$")
# the colon after a block's label read as a lone character of like shape
# ("กิจกรรมหลัก 2 ส่งเสริม...", ";", "ะ"): no block's value opens with a
# lone digit or mark and a space
_COLON_READ = re.compile(r"^[2;ะ]\s+(?=[\u0e01-\u0e4e])")


def _bent_block(arabic: str) -> tuple[str | None, str | None]:
    """(block, value) of an OCR'd line "(3) ภิจกรรมหลัก : ..." whose number
    reads and whose label is a slip off the form's (a letter read as one of
    like shape: ภ for ก); (None, None) for any other line."""
    m = _NUMBERED_BLOCK.match(arabic)
    if m is None:
        return None, None
    rest = arabic[m.end() :]
    if m.group(1) is not None:
        block, value = _slipped_label(rest, m.group(1))
        if block is not None:
            return block, value
        if garbled := _GARBLED_LABEL.match(rest):
            # the label garbled past knowing ("(๒) 11+5' : โครงการ..."), its
            # number and colon read: the value after the colon is the block's
            return _BLOCK_LABELS[m.group(1)][0], garbled.group(1)
    # the number itself misread, as no number ("(a) กิจกรรมหลัก") or as
    # another block's (a photo's "(๒) ผลผลิต/โครงการ" read "!๓) พลผลิต/
    # โครงการ"): the one label its words are a slip off
    found = [got for n in _BLOCK_LABELS if (got := _slipped_label(rest, n))[0]]
    return found[0] if len(found) == 1 else (None, None)


def _slipped_label(rest: str, number: str) -> tuple[str | None, str | None]:
    """(block, value) of a line's text after block `number`'s bracket when
    it opens with a slip off that block's label."""
    block, label = _BLOCK_LABELS[number]
    key = _skeleton(label)
    # the label's end: the fewest slips, then a space or colon after it
    ends = [(levenshtein(_skeleton(rest[:end]), key), not _VALUE_START.match(rest[end:]).group(0), end)
            for end in range(1, min(len(rest), 3 * len(label)) + 1)]
    best = min(ends, default=None)
    if best is None or best[0] > 1:
        return None, None
    value = rest[best[2] :]
    return block, value[_VALUE_START.match(value).end() :]


def parse_header_lines(raw_lines: list[str], header: PlanHeader, *, ocr: bool = False) -> list[str]:
    """Fill title, office, officer and (1)-(3); return lines not understood.
    `ocr`: the lines were read by OCR, whose slips in Thai words are put
    right in the fields that are ordinary words (not in names)."""
    lines = [_line(t) for t in raw_lines if t.strip()]
    header.fiscal_year_be = parse_title_year(lines)
    leftover: list[str] = []
    current: str | None = None
    for text in lines:
        if ocr:
            text = _PROJECT.sub("โครงการ", _QUOTE_BEFORE_BRACKET.sub("", text))
        arabic = to_arabic(text)
        block = next((name for name, rx in _BLOCKS.items() if rx.match(arabic)), None)
        if block is None and ocr:
            # an OCR slip in the block's label (ผลผลิต/โครง์การ)
            fixed = correct_thai_ocr(text)
            block = next((name for name, rx in _BLOCKS.items() if rx.match(to_arabic(fixed))), None)
            if block:
                text, arabic = fixed, to_arabic(fixed)
        value = _BLOCKS[block].match(arabic).group(1) if block else None  # type: ignore[union-attr]
        if block is None and ocr:
            block, value = _bent_block(arabic)
        if block and value is not None:
            if ocr:
                value = _COLON_READ.sub("", value)
            # keep the original digits of the value text
            setattr(header, block, _field(text[len(text) - len(value) :]))
            current = block
            continue
        office = _OFFICE.match(text)
        if office and header.office is None:
            header.office = _field(text[office.end() :])
            header.province = province_of(header.office)
            current = None
            continue
        if header.officer_name is None and re.search(_POSITION_LABEL, text) and parse_officer(text, header):
            current = None
            continue
        if "แผนปฏิบัติการ" in text or _LATER_BLOCK.match(arabic) or _like(text, "ขั้นตอนของกิจกรรม"):
            current = None
            continue
        if current and not text.startswith("(") and len(_THAI_LETTERS.findall(text)) >= 2:
            # a wrapped block line continues the block above it
            setattr(header, current, join_wrapped([getattr(header, current) or "", text]))
            continue
        leftover.append(text)
    if ocr:
        _correct_fields(header, ("office", "officer_position", "unit", *_BLOCKS))
        header.province = province_of(header.office)
        header.officer_name = mend_person_name(header.officer_name)
    return leftover


# what OCR leaves at a field's end that no header text ends with: quotes,
# a closing bracket nothing opened, a point or comma after a whole word or
# a number ("กลุ่ม 4.", "สหกรณ์4."; an abbreviation's point follows one or two letters:
# ธ.ก.ส.); and at its start, which no header text starts with: points and
# colons and quotes (".: โครงการ", "“ผู้อำนวยการ...", a label's colon read
# as an angle bracket: "แผนงาน > แผนงาน..."), ะ, which ends a
# syllable and starts no word (a colon read as ะ: "โครงการะโครงการ..."),
# and a vowel or tone mark with no letter to sit on (a speck by the label's
# colon: "ู : แผนงาน...")
_OCR_TAIL = re.compile(r"""(?:\s*['"`\u2018\u2019\u201c\u201d\-–—_~|]+|(?<=[\u0e01-\u0e4e]{3})[.,]"""
                       r"""|(?<=[\s\u0e01-\u0e4e][0-9๐-๙])[.,]|(?<=\s[0-9๐-๙]{2})[.,]|\s+[\u0e01-\u0e2e][.,])+$""")
# a percent's number, then words too short to be one or lone digits: specks
# or a rule stub read as letters or digits ("ร้อยละ90 เม", "ร้อยละ60 1",
# "ร้อยละ 70 น เษ")
_AFTER_PERCENT = re.compile(rf"(ร้อยละ\s*{_DIGIT}+(?:\.{_DIGIT}+)?)(?:\s+(?:[\u0e01-\u0e4e]{{1,2}}|{_DIGIT}))+$")
# a speck after an item's last word read as a lone zero ("นำไปปฏิบัติได้จริง 0"),
# specks as lone digits ("ส่งตรงตามกำหนดเวลา 3 7"): no indicator ends in a
# bare zero but a percent's, nor in two lone digits
_DIGITS_AT_END = re.compile(rf"(?<=[\u0e01-\u0e4e])(?<!ร้อยละ)(?:\s+[0๐]|(?:\s+{_DIGIT}){{2,}})$")
_OCR_HEAD = re.compile(r"""^[\s.,:;|'"`~_=<>«»+*\-\u2018\u2019\u201c\u201d\u0e30\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+(?=\S)""")
_PLACE = re.compile(r"(จังหวัด\s*[^\s]+)")
_LONE_CLOSE = re.compile(r"\s*[)\]]+$")
# what follows a province's name that no office or position ends with: a
# speck or two, or a short run of digits and letters together (a line of
# specks read below the position: "8จ12"; no Thai word holds a digit)
_SPECK_TAIL = re.compile(r"\s+(?:[^\s\u0e01-\u0e4e]{1,2}|(?=\S*[0-9๐-๙])\S{1,6})")


def _ocr_tail(value: str) -> str:
    value = _OCR_TAIL.sub("", _OCR_HEAD.sub("", value))
    if "(" not in value:
        value = _LONE_CLOSE.sub("", value)
    return _field(value) or value


@lru_cache(maxsize=1)
def _provinces() -> frozenset[str]:
    from pythainlp.corpus import provinces

    return frozenset(provinces())


def _province(place: str, own: str | None = None) -> str | None:
    """`place` ("จังหวัดX") as OCR read it -> "จังหวัด" + the province of
    Thailand it names, or None.  The province names are a fixed list: a
    name OCR bent (กระบิ for กระบี่: marks lost; สมุทรสงครจม: one letter;
    พี่พังงา: a speck read before it) is the one province it is that close
    to, when only one is; so is one with a slip and a speck or two read
    after it at the line's end (พังงๆก).  `own`, the plan's province (from
    its office line), is the one a signer's position names: a reading no
    province is that is within half its letters of it (marks aside:
    พี่งงๆกี่ for พังงา) is it; so is a word of Latin letters (the name
    read by the mixed model as English: "using" for บุรีรัมย์)."""
    word = place[len("จังหวัด") :].strip()
    names = _provinces()
    if word in names:
        return "จังหวัด" + word
    if own in names and (levenshtein(_skeleton(own), _skeleton(word)) <= len(_skeleton(own)) // 2
                         or _LATIN_WORD.fullmatch(word)):
        return "จังหวัด" + own
    tests = (
        lambda p: _skeleton(p) == _skeleton(word),
        lambda p: levenshtein(p, word) <= (1 if len(p) < 6 else 2),
        lambda p: word.endswith(p) and len(word) - len(p) <= 3 and len(p) >= 4,
        lambda p: 0 < len(word) - len(p) <= 2 and len(p) >= 4 and levenshtein(p, word[: len(p)]) <= 1,
    )
    for test in tests:
        found = [p for p in names if test(p)]
        if len(found) == 1:
            return "จังหวัด" + found[0]
    return None


# fields made of the civil service's words (see `form_vocab`)
_FORM_WORDS = {name: POSITION_WORDS for name in ("office", "officer_position", "unit", "proposer_position",
                                                  "approver_position")} | {"plan_program": PROGRAM_WORDS,
                                                                           "output_project": ACTIVITY_WORDS,
                                                                           "main_activity": ACTIVITY_WORDS}


# a speck after a field's last word read as a lone round digit or letter
# ("...ตามหลักปรัชญาของเศรษฐกิจพอเพียง 0", "จำนวน 5 กลุ่ม 0"): no name of a
# plan, project, office, unit, position or entity ends in a bare zero
_ZERO_SPECK = re.compile(r"(?<=[\u0e01-\u0e4e])\s+[0oO๐]$")


def _form_field_ends(value: str) -> str:
    """A form field's text (not an indicator's: "ร้อยละ 0" is a target)
    without the specks OCR leaves at its ends (`_ocr_tail`, `_ZERO_SPECK`)."""
    return _ZERO_SPECK.sub("", _ocr_tail(value))


# a speck between จังหวัด and the province's name, read as a quote or a
# point ("จังหวัด' อุบลราชธานี")
_PLACE_SPECK = re.compile(r"(?<=จังหวัด)\s*['\"`.,:;|~_]+\s*(?=[\u0e01-\u0e2e])")


# a speck or a rule's stub after block (1)'s plan read as a lone digit
# ("...สหกรณ์และกลุ่มเกษตรกร 7"): the budget's plans (แผนงานพื้นฐาน...,
# แผนงานยุทธศาสตร์..., แผนงานบุคลากรภาครัฐ) are named without numbers
_DIGIT_AFTER_PLAN = re.compile(rf"(?<=[\u0e01-\u0e4e])\s+{_DIGIT}$")


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# a position's rank, which ends it or precedes what the officer also holds
# (รักษาราชการแทน..., หัวหน้า...)
_RANK = re.compile(r"ชำนาญการพิเศษ|ชำนาญการ|ปฏิบัติการ|เชี่ยวชาญ|ทรงคุณวุฒิ|ชำนาญงาน|ปฏิบัติงาน|อาวุโส")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9๐-๙]")


def _junk_after_rank(position: str) -> str:
    """A position without what OCR made of specks or of the signature's
    scrawl after its rank ("ชำนาญการพิเศษฏ", "ชำนาญการโรคทากุ.1111ใฝี..."):
    text after the last rank word holding Latin letters, digits, letters
    no word explains or a lone letter (which the word list holds as a
    word), unless it names a province (which no word list holds)."""
    ranks = list(_RANK.finditer(position))
    if not ranks:
        return position
    tail = position[ranks[-1].end() :]
    if not tail.strip() or "จังหวัด" in tail:
        return position
    junk = _LATIN_OR_DIGIT.search(tail) or len(_THAI_LETTERS.findall(tail)) < 2 or reading_rank(tail)[0]
    return position[: ranks[-1].end()] if junk else position


# a lone letter (a speck or a rule's stub read as one) before the word a
# position opens with ("บนักวิชาการ..."): no position starts with a
# letter and then one of these words
_BEFORE_RANK = re.compile(r"^[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{0,2}"
                          r"(?=นักวิชาการ|นักวิเคราะห์|นักจัดการ|เจ้าพนักงาน|ผู้อำนวยการ|หัวหน้า)")


def _correct_fields(header: PlanHeader, names: tuple[str, ...], own: str | None = None) -> None:
    """OCR slips in Thai words put right (`ocr_spell`) in these fields, and
    the marks OCR leaves at their ends dropped; never words of people's
    names, which no word list knows.  A province's name is put right by the
    list of provinces (and a name read right is no slip: น่าน for นาน);
    the words of offices, positions, units and block (1)'s plans by the
    form's vocabulary.  `own`: the plan's province, which signers' positions
    name (see `_province`)."""
    for name in names:
        value = getattr(header, name)
        if value:
            if name.endswith("_position"):
                value = _BEFORE_RANK.sub("", value)
            if name == "plan_program":
                value = _DIGIT_AFTER_PLAN.sub("", _form_field_ends(value))
            parts = _PLACE.split(_PLACE_SPECK.sub("", _form_field_ends(_lone_quote_dropped(value))))
            if len(parts) > 2 and _SPECK_TAIL.fullmatch(parts[-1]):
                parts[-1] = ""  # a speck after the province's name, read as "0"
            vocabulary = _FORM_WORDS.get(name)
            value = "".join((_province(p, own) or correct_thai_ocr(p)) if i % 2
                            else mend_form_words(correct_thai_ocr(p), vocabulary) if vocabulary
                            else correct_thai_ocr(p)
                            for i, p in enumerate(parts))
            setattr(header, name, _junk_after_rank(value) if name.endswith("_position") else value)


def _split_items(text: str) -> list[str]:
    return [_line(t) for t in re.split(r"\n+", text) if _line(t)]


# what OCR makes of a lost or garbled item number (or a speck) before an
# item's first word: "0 สหกรณ์...", "'รายงานผล...", "๑ สหกรณ์..."
_LEAD_SPECK = re.compile(r"^[^\s\u0e00-\u0e7f0-9]{1,2}\s*(?=[\u0e01-\u0e4e])")
# a speck by a number (or right after ร้อยละ) read as a quote or a degree
# sign ("ร้อยละ'๑๐๐", "80°")
_STRAY_BY_DIGITS = re.compile(r"(?<=[0-9๐-๙\u0e30])['\"`°º]+|['\"`°º]+(?=[0-9๐-๙])")
# a double quote between two words that no other quote pairs with: a speck
# ("แล้วเสร็จ"ไม่น้อยกว่า")
_DOUBLE_QUOTE = re.compile(r"[\"\u201c\u201d]")
_QUOTE_IN_WORDS = re.compile(r"(?<=[\u0e01-\u0e4e])[\"\u201c\u201d](?=[\u0e01-\u0e4e])")
# a speck between ร้อยละ and its number, or just before ร้อยละ, read as a
# dash or a point ("ร้อยละ-60", "๓๐วัน.ร้อยละ", "150วัน-ร้อยละ")
_PERCENT_SPECK = re.compile(r"(?<=ร้อยละ)\s*[-–—.,:;'\"`~_]+\s*(?=[0-9๐-๙])"
                            r"|(?<=[\u0e01-\u0e4e0-9๐-๙])\s*[-–—.,:;'\"`~_]+\s*(?=ร้อยละ)")
# a speck between two letters of a word read as a comma ("นำไปปฏิบัติ,ได้จริง"):
# Thai sets a comma, if at all, after a space or a number, never inside a
# run of letters; nor a run of points, commas and quotes (specks: "ราย'.,ได้")
_COMMA_IN_WORDS = re.compile(r"(?<=[\u0e01-\u0e4e])(?:,|['`.,]{2,})(?=[\u0e01-\u0e4e])")
# a speck between two words read as a closing bracket where no bracket was
# opened, alone or by the quote and point a broken ไ reads as
# ("สหกรณ์จัดประชุมใหญ่)'.ด้ภายใน": `ocr_spell` puts the ไ back)
_CLOSE_IN_WORDS = re.compile(r"(?<=[\u0e01-\u0e4e])[)\]]+(?=['\"`\u2018\u2019.,]*[\u0e01-\u0e4e])")
# a speck between a word and a number read as a point ("ได้ภายใน.30วัน"):
# an abbreviation's point follows a letter or two (พ.ศ.), a word's never
_POINT_BEFORE_NUMBER = re.compile(r"(?<=[\u0e01-\u0e4e]{3})\s*[.,]\s*(?=[0-9๐-๙])")
# ... or between a count and its word ("ภายใน 30.วัน"): the item numbers
# are read off before
_POINT_AFTER_COUNT = re.compile(r"(\s[0-9๐-๙]{1,3})\.(?=[\u0e01-\u0e4e])")
# ... or after a word, before a space or จำนวน ("การจัดมาตรชาน่. ไม่น้อย
# กว่า", "กลุ่มเกษตรกร. จำนวน"): Thai ends no word with a point, and an
# abbreviation's letters (สพฐ., สปสช.) hold no vowel, a word's do
_POINT_AFTER_WORD = re.compile(r"(?<![\u0e01-\u0e4e.])([\u0e01-\u0e4e]{4,})[.,]+(?=\s|จำนวน)")
_VOWEL = re.compile("[\u0e30-\u0e3a\u0e40-\u0e44\u0e47]")


def _point_after_word(text: str) -> str:
    """`text` without the points `_POINT_AFTER_WORD` finds after words."""
    return _POINT_AFTER_WORD.sub(lambda m: m.group(1) if _VOWEL.search(m.group(1)) else m.group(0), text)


_LEAD_DEBRIS = re.compile(r"^(?:[0-9๐-๙]{1,2}[.,]?\s*|[^\s\u0e00-\u0e7f]{1,2}\s*)(?=[\u0e01-\u0e4e])")


# a quote standing alone between two words ("แล้วเสร็จ ' ไม่น้อยกว่า"):
# a quote holds to the word it quotes
_QUOTE_ALONE = re.compile(r"(?<=[\u0e01-\u0e4e])\s+['\"`\u2018\u2019\u201c\u201d]+\s+(?=[\u0e01-\u0e4e])")
# a single quote opening a word after a space that no other single quote
# closes ("สหกรณ์ร้านค้าโนนสูง 'จำกัด"), or a count's digit after its word
# ("กลุ่มเกษตรกร'๑แห่ง")
_SINGLE_QUOTE = re.compile(r"['`\u2018\u2019]")
_QUOTE_OPENING = re.compile(r"(?<=\s)['`\u2018\u2019]+(?=[\u0e01-\u0e4e])|(?<=[\s\u0e01-\u0e4e])['`\u2018\u2019]+(?=[0-9๐-๙])")
# ... or closing a word before a space that none opened ("กำกับ' ดูแล")
_QUOTE_CLOSING = re.compile(r"(?<=[\u0e01-\u0e4e])['`\u2018\u2019]+(?=\s)")
# quotes of both kinds run together inside a word ("เกษตร\"'จังหวัด"): no
# quotation opens and closes at once
_QUOTE_RUN = re.compile(r"(?<=[\u0e01-\u0e4e])['\"`\u2018\u2019\u201c\u201d]{2,}(?=[\u0e01-\u0e4e])")
# ... or right after the equals sign between a count and the names it counts
# ("สหกรณ์ 1 แห่ง =\" สหกรณ์การเกษตรโนนสูง"): it opens no quotation
_QUOTE_AFTER_EQUALS = re.compile(r"(?<==)\s*['\"`\u2018\u2019\u201c\u201d]+")


def _lone_quote_dropped(text: str) -> str:
    """`text` without a double quote between two words that no other quote
    pairs with, a single quote opening or closing a word that none pairs
    with, a run of quotes inside a word or after an equals sign, or any
    quote standing alone (a speck read as a quote)."""
    text = _QUOTE_AFTER_EQUALS.sub("", _QUOTE_RUN.sub("", _QUOTE_ALONE.sub(" ", text)))
    if len(_SINGLE_QUOTE.findall(text)) == 1:
        text = _QUOTE_CLOSING.sub("", _QUOTE_OPENING.sub("", text))
    return _QUOTE_IN_WORDS.sub("", text) if len(_DOUBLE_QUOTE.findall(text)) == 1 else text


def parse_indicators(text: str, *, ocr: bool = False) -> list[Indicator]:
    """Numbered indicators `1. ... ร้อยละ 80`; items may arrive one per line
    or run together in one cell.  The form numbers them 1, 2, 3, ...: an
    item takes its place's number (OCR reads ๔. as ๕.), and text before the
    first number that reads is the first item (its "1." read as "0").
    `ocr`: the text was read by OCR, whose specks by the ends of items and
    by numbers are dropped and whose slips in Thai words are mended."""
    flat = _line((_item_numbers_read_back(text) if ocr else text).replace("\n", " "))
    if ocr:
        flat = _PERCENT_SPECK.sub(lambda m: " " if m.group(0).strip() != m.group(0) else "", flat)
    starts: list[re.Match] = []
    for m in (_OCR_INDICATOR_START if ocr else _INDICATOR_START).finditer(flat):
        number, point = m.groups()[-2:]
        in_turn = int(to_arabic(number)) == len(starts) + 1
        # a number and a comma open an item only as the next number in
        # turn ("ร้อยละ 80, ..." is no item 80); on OCR'd text a number and a
        # point only where the cell opens or as the next but one at most
        # after the item before (a speck after a count read as a point:
        # "ภายใน 30.วัน" is no item 30)
        last = int(to_arabic(starts[-1].groups()[-2])) if starts else 0
        near = not ocr or m.start() == 0 or int(to_arabic(number)) <= last + 2
        if (point == "." and near and not (ocr and m.group(1))) or in_turn:
            starts.append(m)
    head = flat[: starts[0].start()] if starts else flat
    bodies = [_LEAD_DEBRIS.sub("", head.strip())] if len(_THAI_LETTERS.findall(head)) >= 3 else []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(flat)
        bodies.append(_LEAD_SPECK.sub("", flat[m.end() : end].strip()))
    if ocr:
        bodies = [_ocr_indicator(b) for b in bodies]
    return [Indicator(i + 1, body, _percent(body)) for i, body in enumerate(bodies)]


# a line of a cell opening with what OCR made of an item's number: a
# letter and a mark ("ต่." for ๒.), Latin letters ("a." for ๓., "Le" for
# 2.), a digit before a colon ("2:"), the number between specks (".๓.");
# an abbreviation's letters (ธ.ก.ส.) open no item
_GARBLED_ITEM_NUMBER = re.compile(
    rf"^(?:[\u0e01-\u0e2e][\u0e31-\u0e4e]?\.(?![\u0e01-\u0e2e]\.)|[A-Za-z]{{1,2}}(?:[.:]|\s)|{_DIGIT}{{1,2}}\s*[:;]"
    rf"|[.,'`]{_DIGIT}{{1,2}}\.)\s*(?=[\u0e01-\u0e4e])")
_ITEM_NUMBER = re.compile(rf"^({_DIGIT}{{1,2}})\s*[.,]")
# ... or the number with its point lost, run into the item's first word
# ("2เกษตรกรนำความรู้...")
_POINTLESS_ITEM_NUMBER = re.compile(rf"^({_DIGIT}{{1,2}})(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


def _item_numbers_read_back(text: str) -> str:
    """An OCR'd cell of indicators, one or more lines each, with the item
    numbers OCR garbled at a line's start (`_GARBLED_ITEM_NUMBER`) read as
    the next number in turn, and the next number in turn that lost its
    point given one."""
    lines, n = text.split("\n"), 0
    # the first line's number too when the next item's reads ("อ. สหกรณ์..."
    # for ๑., then "๒. ...")
    numbered = any((m := _ITEM_NUMBER.match(line.strip())) and int(to_arabic(m.group(1))) == 2 for line in lines[1:])
    for i, line in enumerate(lines):
        line = line.strip()
        if (m := _ITEM_NUMBER.match(line)) and int(to_arabic(m.group(1))) in (n + 1, n + 2):
            n = int(to_arabic(m.group(1)))
        elif ((i or numbered) and (g := _GARBLED_ITEM_NUMBER.match(line))) or (
                i and (g := _POINTLESS_ITEM_NUMBER.match(line)) and int(to_arabic(g.group(1))) == n + 1):
            n += 1
            lines[i] = f"{n}. " + line[g.end() :]
    return "\n".join(lines)


# ไม่'s ไ read as specks right after a count, before น้อยกว่า ("ชั้น 1 และ
# 2'.ม่น้อยกว่า", '2".ม่'): the count's own point is not among them
_MAI_AFTER_COUNT = re.compile(r"(?<=[0-9๐-๙])\s*[.,'\"`]{1,3}\s*(?=ม่\s*น้อยกว่า)")


def _ocr_indicator(body: str) -> str:
    """An OCR'd indicator without its specks (a lone quote, by digits, a
    comma inside a word, after the percent, at its ends), its word slips
    mended and the form's words and its bound (ไม่น้อยกว่า) put back."""
    body = _MAI_AFTER_COUNT.sub(" ไ", body)
    if "(" not in body:
        body = _CLOSE_IN_WORDS.sub("", body)
    body = _COMMA_IN_WORDS.sub("", _POINT_BEFORE_NUMBER.sub(" ", _lone_quote_dropped(body)))
    body = _POINT_AFTER_COUNT.sub(r"\1 ", body)
    body = _DIGITS_AT_END.sub("", _AFTER_PERCENT.sub(r"\1", _STRAY_BY_DIGITS.sub("", body)))
    body = mend_form_words(correct_thai_ocr(_point_after_word(_ocr_tail(body))), INDICATOR_WORDS) or ""
    return _NOT_LESS_THAN.sub(_not_less_than, body)


# an indicator's target is "ไม่น้อยกว่าร้อยละ N" (not less than N %); OCR
# reads น้อย as a real word one letter off (ไม่บ่อยกว่า: "not more often
# than"), which the word model cannot tell wrong.  Before ร้อยละ, a word
# between ไม่ and กว่า one letter (marks aside) from น้อย is น้อย; other
# bounds (ไม่ต่ำกว่า, ไม่มากกว่า) are further than that and stay.  ไม่'s ไ
# read as a speck or two ('2".ม่ น้อยกว่า', the quote gone by the digit) is
# ไ where น้อย follows: no Thai word opens with ม่ before น้อยกว่า
_NOT_LESS_THAN = re.compile(r"(ไ|[.,'\"`]{1,2})(ม่\s*)([\u0e01-\u0e4e]{2,6}?)(\s*กว่า\s*ร้อยละ)")


def _not_less_than(m: re.Match) -> str:
    if not _letter_off(m.group(3), "น้อย"):
        return m.group(0)
    return "ไ" + m.group(2) + "น้อย" + m.group(4)


def _percent(text: str) -> float | None:
    m = _PERCENT.search(text)
    return float(to_arabic(m.group(1))) if m else None


_THAI_MARKS = re.compile(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _skeleton(text: str) -> str:
    """Text without spaces and Thai marks: header words compare on it, as
    OCR drops and adds marks (ตัวชีวัด for ตัวชี้วัด)."""
    return _THAI_MARKS.sub("", text)


def _letter_off(word: str, target: str, *, added: bool = False) -> bool:
    """Whether `word` is `target` with at most one letter read wrong, marks
    aside (its letters as many: a letter lost or added is another word),
    or with `added` one letter too many (a tone mark or a speck read as a
    letter of its own: แห่ง read แหนง)."""
    a, b = _skeleton(word), _skeleton(target)
    return (len(a) == len(b) or (added and len(a) == len(b) + 1)) and levenshtein(a, b) <= 1


def _has(text: str, word: str) -> bool:
    return _skeleton(word) in _skeleton(text)


def _like(text: str, word: str) -> bool:
    """`_has`, one slip in `word` allowed: the labels of the form are fixed
    words, and OCR confuses letters that differ by a small stroke
    (ตัวขี้วัด for ตัวชี้วัด), or reads a letter twice, once bent
    (ตัวขี้ชี้วัด)."""
    key, hay = _skeleton(word), _skeleton(text)
    n = len(key)
    return any(levenshtein(key, hay[i : i + size]) <= 1
               for size in (n - 1, n, n + 1) for i in range(len(hay) - size + 1))


def is_blocks_456_table(table: Table) -> bool:
    text = " ".join(c.text for c in table.cells[:12])
    return _has(text, "งบประมาณที่ได้รับ") or (_has(text, "ตัวชี้วัด") and _has(text, "รับผิดชอบ")) or (
        _has(text, "งบประมาณ") and (_has(text, "ตัวชี้วัด") or _has(text, "รับผิดชอบ")))


def _cell_text(cell: Cell, numbered: bool = False) -> str:
    """A cell's items, one per line; OCR'd items lose the debris at their
    ends (but the bank's initials read as lone letters and points, "ลูกค้า
    ธ . ก . ส", which are no debris).  `numbered`: the cell numbers its
    items (block (6)): item numbers OCR garbled at a line's start ("Le",
    "a.") are read back first, before they would go as debris."""
    if cell.confidence is None:
        return cell.text
    text = _item_numbers_read_back(cell.text) if numbered else cell.text
    return "\n".join(strip_ocr_debris(_line(_BAAC.sub(r"\1ธ.ก.ส.", item))) for item in text.split("\n"))


# block (4) counts its cooperatives and groups ("กลุ่มเกษตรกร 1 แห่ง = ชื่อ"):
# OCR reads a count's lone 1 as a bar or an exclamation mark, a speck
# after it as a point ("1.แห่ง"), the equals sign after the count as a mark
# of like shape ("2 แห่ง© ..."), and the count's word one letter off
# ("๔ คลุม": ก read ค, the tone mark lost)
_COUNT_WORDS = ("แห่ง", "กลุ่ม", "ครั้ง", "ราย")
_COUNT_WORD = rf"(?:{'|'.join(_COUNT_WORDS)})(?![\u0e01-\u0e4e])"
_COUNT_ONE = re.compile(rf"(?:^|(?<=\s))[!|lI](?=\s*{_COUNT_WORD})")
_COUNT_POINT = re.compile(rf"({_DIGIT})\s*[.,:;]\s*(?={_COUNT_WORD})")
_COUNT_EQUALS = re.compile(rf"({_DIGIT}\s*{_COUNT_WORD})\s*[©®«»°¢]+\s*")
# a count's lone ๑ read as the sign of its shape ("กลุ่มเกษตรกร © แห่ง")
_RING_ONE = re.compile(rf"(?<=\s)[©®](?=\s*{_COUNT_WORD})")
# specks after an item's last word read as zeros and points ("...จำกัด 0 . 0",
# "...โนนสูง , 0"): two or more such lone marks end no item
_ZEROS_AND_POINTS = re.compile(r"(?:\s+(?:[0๐]|[.,:;]))(?:\s*(?:[0๐]|[.,:;]))+$")
# a speck before a word read as a point or comma opening it ("ปากพนัง
# .จำกัด"): no entity's word opens with one
_POINT_OPENING = re.compile(r"(?<=\s)[.,](?=[\u0e01-\u0e2e\u0e40-\u0e44])")
_AFTER_COUNT = re.compile(rf"(?<={_DIGIT})(\s*)([\u0e01-\u0e4e]+)")
# specks between จำนวน and its count read as a digit and a bracket, as a
# quote or a point before จำนวน, as a dash or a point between a kind and
# its count, or as a quote between the count and its word ("จำนวน7)9
# กลุ่ม", "สหกรณ์ภาคการเกษตร 'จำนวน", "สหกรณ์ภาคการเกษตร .จำนวน",
# "สหกรณ์-2 แห่ง", "กลุ่มเกษตรกร.2แห่ง", "จำนวน ๙” กลุ่ม"): no count holds
# a bracket or is negative or quoted, and the form's word is never quoted
# (a point after an abbreviation's letter, ก.ส., stays)
_COUNT_SPECKS = re.compile(rf"(?<=จำนวน)\s*{_DIGIT}?\s*[)\]}}|]\s*(?={_DIGIT}{{1,3}}\s*{_COUNT_WORD})"
                           rf"|(?<=[\u0e01-\u0e4e])\s*[-–—~_]+\s*(?={_DIGIT}{{1,3}}\s*{_COUNT_WORD})"
                           rf"|(?<=[\u0e01-\u0e4e]{{2}})\s*\.\s*(?={_DIGIT}{{1,3}}\s*{_COUNT_WORD})"
                           r"|\s*['\"`\u2018\u2019\u201c\u201d]+\s*(?=จำนวน)|\s+[.,]+\s*(?=จำนวน)"
                           rf"|(?<={_DIGIT})\s*['\"`\u2018\u2019\u201c\u201d]+\s*(?={_COUNT_WORD})")


def _count_word(m: re.Match) -> str:
    """The word after a count, when it is a count's word with one letter
    (marks aside) read wrong or one too many ("๕ แหนง"), and no other
    count's word is as near."""
    word = m.group(2)
    near = [w for w in _COUNT_WORDS if _letter_off(word, w, added=True)]
    return m.group(1) + (near[0] if len(near) == 1 and len(_skeleton(word)) >= 3 else word)


# a count's word with a space read inside it ("๕ ก ลุ่ม")
_COUNT_WORD_APART = re.compile(rf"({_DIGIT}\s*)([\u0e01-\u0e4e]{{1,2}})\s+([\u0e01-\u0e4e]+)")


def _count_word_joined(m: re.Match) -> str:
    word = m.group(2) + m.group(3)
    return m.group(1) + word if word in _COUNT_WORDS else m.group(0)


def _mend_count(item: str) -> str:
    """An OCR'd entity line with its count's 1, equals sign and word read
    back, and a speck between the count and its word dropped."""
    item = _COUNT_POINT.sub(r"\1 ", _COUNT_ONE.sub("1", _COUNT_SPECKS.sub(" ", item)))
    item = _COUNT_WORD_APART.sub(_count_word_joined, item)
    return _COUNT_EQUALS.sub(r"\1 = ", _AFTER_COUNT.sub(_count_word, item))


# "ลูกค้า ธ.ก.ส." (the clients of the farmers' bank, in the names of
# marketing cooperatives): its initials with points lost, read as other
# marks or as ไ ("ลูกค้าธไก"), a speck under or over them read as ุ or ์
# ("ธ.ก.ุส.", "ธ.ุก.ส์."), or before them read as a point ("ลูกค้า.ธ.ก.ส."),
# and ก read ภ; read apart ("ธ . ก . ส . ปทุมธานี"), or with the place run
# on ("ธุ.ุก.ส.อุตรดิตถ์")
_BAAC = re.compile(r"(?<=ลูกค้า)(\s*)[.,'`]?\s*ธ[\s.,'`ไ\u0e38\u0e39]*[กภ][\s.,'`\u0e38\u0e39]*"
                   r"(?:(?:ส\u0e4c?(?:\s*[.,])?)?(?=\s|$)|ส\u0e4c?\s*[.,](?=[\u0e01-\u0e2e\u0e40-\u0e44]))")


# the province such a cooperative is named by ("ลูกค้า ธ.ก.ส. พังงา
# จำกัด"): what stands between the initials and จำกัด
_BAAC_PLACE = re.compile(r"(?<=ธ\.ก\.ส\.)(\s*)(\S+?)(?=\s*จำกัด)")


def _baac_place(m: re.Match) -> str:
    """The place after ธ.ก.ส. read back by the list of provinces (a speck
    read before it: พี่พังงา), when it is one province that close."""
    place = _province("จังหวัด" + m.group(2))
    return m.group(1) + (place[len("จังหวัด") :] if place else m.group(2))


def _mend_initials(item: str) -> str:
    return _BAAC_PLACE.sub(_baac_place, _BAAC.sub(r"\1ธ.ก.ส.", item))


def _mend_entity(item: str) -> str:
    """An OCR'd line of block (4): specks at its ends and a lone quote
    dropped, the form's words, its count and the bank's initials put back."""
    item = _POINT_OPENING.sub("", _RING_ONE.sub("๑", _ZEROS_AND_POINTS.sub("", item)))
    words = mend_form_words(_form_field_ends(_point_after_word(_lone_quote_dropped(item))), ENTITY_WORDS) or item
    return _mend_initials(_mend_count(words))


def parse_blocks_456(table: Table, header: PlanHeader) -> list[Indicator]:
    """(4) entities, (5) budget received, (6) indicators: the cells under
    their header cells."""
    rows = table.rows()
    head_idx = next(
        (i for i, r in enumerate(rows) if any(_has(c.text, "งบประมาณ") or _has(c.text, "ตัวชี้วัด") for c in r)), 0
    )
    columns: dict[str, Cell] = {}
    unknown: list[Cell] = []
    for cell in rows[head_idx]:
        if _like(cell.text, "รับผิดชอบ") or _like(cell.text, "กลุ่มเกษตรกร"):
            columns["entities"] = cell
        elif _like(cell.text, "งบประมาณ"):
            columns["budget"] = cell
        elif _like(cell.text, "ตัวชี้วัด"):
            columns["indicators"] = cell
        else:
            unknown.append(cell)
    missing = [name for name in ("entities", "budget", "indicators") if name not in columns]
    if len(missing) == 1 and len(unknown) == 1:
        # the form's three blocks: a label OCR garbled past one slip is
        # the one the others leave
        columns[missing[0]] = unknown[0]
    body = [c for r in rows[head_idx + 1 :] for c in r]

    def under(head: Cell | None, numbered: bool = False) -> str:
        if head is None:
            return ""
        return "\n".join(
            _cell_text(c, numbered) for c in body if head.col <= c.col < head.col + head.colspan and c.text.strip()
        )

    entities = _split_items(under(columns.get("entities")))
    ocr = any(c.confidence is not None for c in body)
    if ocr:
        # the kinds of cooperatives and groups are the form's words, and
        # the plan's province (from its office line) is the place many of
        # them are named after
        entities = [_mend_entity(item) for item in entities]
        if header.province:
            entities = [mend_name_marks(item, header.province) for item in entities]
    header.responsible_entities = "\n".join(entities) or None
    budget_cells = [c for c in body if columns.get("budget") and c.col == columns["budget"].col]
    if budget_cells:
        header.budget_received = read_num(budget_cells[0])
    return parse_indicators(under(columns.get("indicators"), numbered=True), ocr=ocr)


def signature_columns(lines: list[TextLine], page_widths: dict[int, float]) -> list[str]:
    """The text of the (13) and (14) blocks, left column and right column.
    Extractors separate side-by-side blocks with a tab; a line without one
    belongs to the column its left edge is in."""
    columns: list[list[str]] = [[], []]
    splits = _column_splits(lines, page_widths)
    for line in lines:
        ocr = line.confidence is not None
        parts = [strip_ocr_debris(_line(p)) if ocr else p for p in line.text.split("\t") if p.strip()]
        if len(parts) >= 2:
            columns[0].append(parts[0])
            columns[1].append(" ".join(parts[1:]))
            continue
        split = splits.get(line.page)
        right = bool(line.box and split is not None and line.box.x0 > split)
        columns[1 if right else 0].append(parts[0] if parts else "")
    return [join_wrapped([_line(t) for t in col]) for col in columns]


def _column_splits(lines: list[TextLine], page_widths: dict[int, float]) -> dict[int, float]:
    """Per page, the x where the right signature column begins: midway in
    the widest gap between the left edges of the lines when that gap is
    over a fifth of the page (two columns side by side, wherever the form
    puts the second: landscape pages start it left of 0.4 of the width),
    else 0.4 of the page's width.  Lines of one or two letters (specks) have
    no say."""
    out: dict[int, float] = {}
    for page, width in page_widths.items():
        if not width:
            continue
        xs = sorted(line.box.x0 for line in lines if line.page == page and line.box and "\t" not in line.text
                    and sum(ch.isalpha() for ch in line.text) > 2)
        gaps = [(b - a, (a + b) / 2) for a, b in zip(xs, xs[1:])]
        widest = max(gaps, default=(0.0, 0.0))
        out[page] = widest[1] if widest[0] > 0.2 * width else 0.4 * width
    return out


def _people(text: str) -> list[tuple[str, str | None]]:
    names = list(_SIGN_NAME.finditer(text))
    people = []
    for i, m in enumerate(names):
        end = names[i + 1].start() if i + 1 < len(names) else len(text)
        position = _SIGN_POSITION.search(text, m.end(), end)
        # (no name holds a quote: a speck read as one)
        name = _mend_title(QUOTES.sub("", m.group(1) or m.group(2) or m.group(3)))
        people.append((_field(name) or name, _field(position.group(1)) if position else None))
    return people


def parse_signatures(lines: list[TextLine], page_widths: dict[int, float], header: PlanHeader) -> None:
    """(13) proposer, (14) approver, side by side (left, right) or stacked
    (proposer first)."""
    left, right = signature_columns(lines, page_widths)
    people = _people(left) + _people(right)
    if people:
        header.proposer_name, header.proposer_position = people[0]
    if len(people) > 1:
        header.approver_name, header.approver_position = people[1]
    if any(line.confidence is not None for line in lines):
        _correct_fields(header, ("proposer_position", "approver_position"), header.province)
        header.proposer_name = mend_person_name(header.proposer_name)
        header.approver_name = mend_person_name(header.approver_name)
        same_person(header)


# what OCR reads in a name that no Thai name holds (a lost bracket read as
# "9", ข as ๆ, specks), and the marks it tends to drop (tone marks,
# thanthakhat, the circle of ำ)
_NOT_IN_NAMES = re.compile(r"[^\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e\s.]")
_DROPPED_MARKS = re.compile(r"[\u0e48-\u0e4c\u0e33]")


def same_person(header: PlanHeader) -> None:
    """The officer of the title block usually signs as proposer (13): the
    same name printed twice, read twice.  When the two readings differ by a
    slip or two, both take the better one: the one with fewer characters
    no name holds, then the one of which the name lists hold more parts
    (a name split off a listed given name keeps its family name as read),
    then the one with more of the marks OCR drops (it drops them far more
    often than it invents them).  A reading that is the
    other cut short, a single word after its title, lost its family name
    (read as Latin letters and dropped as debris: "(นางสาวนงลักษณ์ faa)"):
    both take the whole one.  Names are never put right from a word list
    (no list knows them)."""
    a, b = header.officer_name, header.proposer_name
    if not a or not b or a == b:
        return
    fa, fb = "".join(a.split()), "".join(b.split())
    short, whole = sorted((a, b), key=len)
    if " " not in short and "".join(whole.split()).startswith(short) and len(whole) - len(short) >= 3:
        header.officer_name = header.proposer_name = whole
        return
    if levenshtein(fa, fb) > max(2, min(len(fa), len(fb)) // 6):
        return

    def quality(name: str) -> tuple[int, int, int, int]:
        return (-len(_NOT_IN_NAMES.findall(name)), listed_parts(name), len(_DROPPED_MARKS.findall(name)),
                name.count(" "))

    best = max((a, b), key=quality)
    header.officer_name = header.proposer_name = best
