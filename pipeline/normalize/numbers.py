"""Amounts and counts as printed: Thai digits, commas, `-` for zero, บาท."""

from __future__ import annotations

import re

from pythainlp.util import thai_digit_to_arabic_digit

from pipeline.model import Box, Cell, Num

_ZERO_MARKS = {"", "-", "–", "—", "−", "--", "๐", "0", "ー", "_", "."}
_UNIT_WORDS = re.compile(r"(บาท|บ\.|ราย|ครั้ง|แห่ง)")
_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")


def to_arabic(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def parse_number(text: str) -> float | None:
    """The value of an amount cell, 0 for a dash or blank, None if it is not a
    number at all (the caller turns that into `unreadable_cell`)."""
    s = to_arabic(text or "").strip()
    s = _UNIT_WORDS.sub("", s).strip()
    if s in _ZERO_MARKS:
        return 0.0
    s = re.sub(r"(?<=\d)[ \u00a0](?=\d{3}\b)", ",", s)  # "15 590" as OCR splits it
    s = s.replace(" ", "")
    if _GROUPED.match(s):
        return float(s.replace(",", ""))
    if "," in s:
        # a comma in an odd place (OCR): accept only when digits around it make
        # one plain number, e.g. "1,25,0" is not accepted
        return None
    if _NUMBER.match(s):
        return float(s)
    return None


def read_num(cell: Cell | None) -> Num:
    """A `Num` from a table cell, keeping its text, confidence and box."""
    if cell is None:
        return Num(value=0.0, raw="")
    return Num(
        value=parse_number(cell.text),
        raw=cell.text,
        confidence=cell.confidence,
        page=cell.page,
        box=cell.box,
    )


def missing_num(page: int | None = None, box: Box | None = None) -> Num:
    return Num(value=None, raw="", page=page, box=box)


def as_int(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def money(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)
