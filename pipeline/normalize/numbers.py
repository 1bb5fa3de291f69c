"""Amounts and counts as printed: Thai digits, commas, `-` for zero, บาท."""

from __future__ import annotations

import re

from pythainlp.util import thai_digit_to_arabic_digit

from pipeline.model import Cell, Num

_ZERO_MARKS = {"", "-", "–", "—", "−", "--", "๐", "0", "ー", "_", "."}
_UNIT_WORDS = re.compile(r"(บาท|บ\.|ราย|ครั้ง|แห่ง)")
_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")


def to_arabic(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


_OCR_EDGE_NOISE = re.compile(r"^[\s.,:;'`\"|_~]+|[\s.,:;'`\"|_~]+$")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DOTTED_THOUSANDS_SATANG = re.compile(r"^\d{1,3}(\.\d{3})+\.\d{2}$")


def parse_number(text: str, ocr: bool = False) -> float | None:
    """The value of an amount cell, 0 for a dash or blank, None if it is not a
    number at all (the caller turns that into `unreadable_cell`).

    With `ocr`, the text came from an OCR engine: specks read as punctuation
    at its ends are dropped (nothing but specks is a blank cell), and a dot standing for a thousands comma
    ("1.250": three digits after every dot; satang have two, as in
    "638.800.00") is read as one."""
    s = to_arabic(text or "").strip()
    s = _UNIT_WORDS.sub("", s).strip()
    if s in _ZERO_MARKS:
        return 0.0
    if ocr:
        s = _OCR_EDGE_NOISE.sub("", s)
        if s in _ZERO_MARKS:
            return 0.0  # specks in an empty or dash cell; the sums check it
        if _DOTTED_THOUSANDS.match(s):
            s = s.replace(".", ",")
        elif _DOTTED_THOUSANDS_SATANG.match(s):  # "638.800.00": the last dot is the satang one
            head, satang = s.rsplit(".", 1)
            s = head.replace(".", ",") + "." + satang
    s = re.sub(r"(?<=\d)[ \u00a0](?=\d{3}\b)", ",", s)  # "15 590" as OCR splits it
    s = s.replace(" ", "")
    if _GROUPED.match(s):
        return float(s.replace(",", ""))
    if "," in s:
        # a comma in an odd place: accept only when digits around it make one
        # plain number, e.g. "1,25,0" is not accepted
        return None
    if _NUMBER.match(s):
        return float(s)
    return None


def read_num(cell: Cell | None) -> Num:
    """A `Num` from a table cell, keeping its text, confidence and box."""
    if cell is None:
        return Num(value=0.0, raw="")
    return Num(
        value=parse_number(cell.text, ocr=cell.confidence is not None),
        raw=cell.text,
        confidence=cell.confidence,
        page=cell.page,
        box=cell.box,
    )


def as_int(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def money(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)
