"""An amount and the unit word after it in one text cell ("579,350 บาท",
"๗๖,๗๐๐ บาท"): the text model reads the digits of such a cell badly (a
comma read as a space, Thai digits as letters: "57 9350 บาท", "ฒอ, ๗๐๐
บาท"), so the amount is cut off at the widest gap of the line's ink and
read again, by the number network or else the digit reader, the word
after it kept as read."""

from __future__ import annotations

import re

import numpy as np

from pipeline.extract.scan.net_vote import net_number_reading
from pipeline.extract.scan.number_text import NUMBER_RE, strip_number
from pipeline.ocr.digits import digits_of
from pipeline.ocr.number_net import SURE_ALONE

# the reading: something with digits in it, then a word of letters
_AMOUNT_THEN_WORD = re.compile(r"(?P<amount>.+?)\s*(?P<word>[\u0e01-\u0e4eA-Za-z]{2,})")
# an amount already read as printed: grouped thousands, or a short number
# a row code leading a one-word description ("1.1.2 จัดอบรม") is no amount
_CODE = re.compile(r"^[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*\.?$")
_CLEAN_AMOUNT = re.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]{1,2})?$")


def reread_amount(text: str, crop: np.ndarray, engine, thai_digits: bool | None) -> str:
    """`text` (one line read from `crop`) with its leading amount read again
    by the digit reader; as it was when it holds no such amount, when the
    amount reads right already, or when the new reading is not a number of
    about as many digits."""
    m = _AMOUNT_THEN_WORD.fullmatch(text.strip())
    if m is None:
        return text
    amount = m.group("amount")
    digits = sum(ch.isdigit() for ch in amount)
    letters = sum(ch.isalpha() and not ch.isdigit() for ch in amount)
    if digits < 3 or letters > 2 or letters >= digits or _CLEAN_AMOUNT.match(amount) or _CODE.match(amount):
        return text
    cut = _widest_gap(crop)
    if cut is None:
        return text
    left = _tallest_band(crop[:, :cut])
    # the number network first: it read a phone photo's ๑๘๕,๔๕๐.๐๐ and
    # 225,303.50 where Tesseract read ๑๔๕,๔๕๐.๐๐ and 25,303.50; it must
    # be sure and find no more digits than the text model saw (a gap inside
    # the number taken for the space before the word cuts it short, and
    # the word's first letter was read as a digit)
    net = net_number_reading(left, engine, thai_digits, SURE_ALONE)
    if net is not None and digits - 1 <= len(digits_of(net.text)) <= digits + letters:
        return f"{net.text} {m.group('word')}"
    again = engine.read_number(left, thai_digits=thai_digits)
    if thai_digits is None and any("๐" <= ch <= "๙" for ch in again.text):
        again = engine.read_number(left, thai_digits=True)
    number = strip_number(again.text)
    n = sum(ch.isdigit() for ch in number)
    if not NUMBER_RE.match(number) or again.confidence < 0.6 or not digits - 1 <= n <= digits + letters + 1:
        return text
    return f"{number} {m.group('word')}"


def _ink(g: np.ndarray) -> np.ndarray | None:
    """Ink pixels of a grey crop (half way between paper and the darkest
    ink); None on a crop without contrast."""
    paper, ink = float(np.percentile(g, 90)), float(g.min())
    return g < (paper + ink) / 2 if paper - ink >= 24 else None


def _longest_run(flags: np.ndarray) -> tuple[int, int] | None:
    """Start and end (exclusive) of the longest run of True in `flags`."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    if len(edges) == 0:
        return None
    starts, ends = edges[::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    return int(starts[k]), int(ends[k])


def _tallest_band(crop: np.ndarray) -> np.ndarray:
    """The crop cut to its tallest run of inked rows (the digits), a few
    pixels around it: specks above or below, apart from the digits, read
    as digits of their own or bend one (a speck under a 5 read it as 9)."""
    ink = _ink(crop)
    band = _longest_run(ink.any(axis=1)) if ink is not None else None
    return crop if band is None else crop[max(0, band[0] - 2) : band[1] + 2]


def _widest_gap(crop: np.ndarray) -> int | None:
    """The column in the middle of the widest run of ink-free columns
    between the line's first and last ink (the space before the unit word
    is wider than any gap inside a number); None without such a gap."""
    g = np.asarray(crop)
    ink = _ink(g) if g.ndim == 2 and g.size else None
    if ink is None:
        return None
    inked = np.flatnonzero(ink.any(axis=0))
    if len(inked) < 2:
        return None
    gap = _longest_run(~ink.any(axis=0)[inked[0] : inked[-1] + 1])
    return None if gap is None else int(inked[0]) + (gap[0] + gap[1]) // 2
