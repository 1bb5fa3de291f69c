"""The number network's vote on a number cell's reading (`pipeline.ocr.number_net`).

On a scan the cell reader's reading stands when it is sure (`KEEP`: a
scan's sure readings are nearly always right: putting every number to
the vote changed seed 4141's 200-dpi cells by -1 and seed 4747's by +1,
for about 0.5 s more a page, 2 ms a crop); on a page of Thai digits, whose
readings of 0.9-0.95 are wrong more often (a 200-dpi Noto Sans Thai ๑๐
read ๑๑ at 0.94), only when surer (`KEEP_THAI`: seed 4747's 200-dpi
plans' number cells 15262 -> 15269 of 15394, seed 4141's unchanged; seeds
4747 and 5353 at 300 dpi +1 each on their recorded votes); on a
photo, whose sure readings are wrong more often (a Norasi 950 read 9 at
0.94), every number is put to the vote (twelve photos of seed 909: 8
more cells right than with `KEEP`).  The
network's reading of the same crop stands when the network is sure of it
(`TAKE`), it is a well-formed number, and it is written in the page's
digit script (a reading mixing Arabic and Thai digits is no number of
ours), and its digits differ: where only the separators do, the cell
reader's stand (it tells a comma from a point by size and place; the
network read a Norasi ๗,๕๐๐'s comma as a point), unless the cell reader
lost a decimal point the network read (`_point_lost`).  A comma the network
reads before the last two digits is taken for the decimal point it is
(`_point_for_last_comma`).  A reading the network changed is as sure as the
network was.
"""

from __future__ import annotations

import re

import numpy as np

from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.number_text import NUMBER_RE
from pipeline.ocr.base import OcrResult
from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS, digits_of

__all__ = ["KEEP", "KEEP_THAI", "TAKE", "net_number_reading", "net_vote"]

KEEP = 0.9  # a scan's cell reading this sure is not put to the vote (a photo's always is)
KEEP_THAI = 0.95  # ... this sure on a page of Thai digits
TAKE = 0.5  # the network's reading stands when at least this sure
SURE = 0.9  # ... and this sure, of two digits or more, against an unsure dash or blank
UNSURE_BLANK = 0.5  # a dash or blank reading less sure than this is put to the vote


def net_vote(crop: np.ndarray, text: str, confidence: float, engine, script: DigitScript) -> tuple[str, float]:
    """(text, confidence) of a number cell after the network's vote."""
    keep = KEEP_THAI if script.decided else KEEP
    if (confidence >= keep and not script.photo) or not _votable(text, confidence):
        return text, confidence
    got = net_number_reading(crop, engine, script.decided, TAKE)
    if got is None or (digits_of(got.text) == digits_of(text) and not _point_lost(text, got.text)):
        return text, confidence
    if not digits_of(text) and (got.confidence < SURE or len(digits_of(got.text)) < 2):
        return text, confidence
    return got.text, got.confidence


def net_number_reading(crop: np.ndarray, engine, thai: bool | None, sure: float) -> OcrResult | None:
    """The network's reading of `crop` when it is at least `sure` of it
    and it is a well-formed number in one digit script (`thai`'s, when
    that is known: a reading mixing Arabic and Thai digits is no number of
    ours) that opens with a zero only before its point, a comma before its
    last two digits taken for the point; None otherwise."""
    got = engine.net_number(crop)
    if got is None or got.confidence < sure:
        return None
    text = _point_for_last_comma(got.text)
    in_thai = any(ch in THAI_DIGITS for ch in text)
    if not NUMBER_RE.match(text) or _LEADING_ZERO.match(text) or (in_thai and any(ch in ARABIC_DIGITS for ch in text)):
        return None
    if thai is not None and in_thai != thai:
        return None
    return OcrResult(text, got.confidence)


# a zero opening a whole part of two digits or more: no amount or count is
# written so (a 300-dpi Sawasdee ๑๒๐๐๐ whose ๑ and ๒ ran together, read
# ๐๐๐๖๐ by the network)
_LEADING_ZERO = re.compile(r"^-?[0๐][0-9๐-๙]")

# a comma before the last two digits, after two digits or more: no
# thousands group is two digits long, so it is the decimal point (a 200-dpi
# Norasi ๓๐๐.๐๐ read ๓๐๐,๐๐: the network reads the small point as a comma).
# After one digit ("1,60") a thousands group that lost a digit is as likely.
_COMMA_AS_POINT = re.compile(r"(?<=[0-9๐-๙]{2}),(?=[0-9๐-๙]{2}$)")


def _point_for_last_comma(text: str) -> str:
    return _COMMA_AS_POINT.sub(".", text)


_DECIMALS = re.compile(r"\.[0-9๐-๙]{2}$")
_PLAIN_END = re.compile(r"[0-9๐-๙]{3}$")


def _point_lost(text: str, net_text: str) -> bool:
    """Whether the cell reader lost the decimal point the network read, of
    two readings whose digits agree (`net_vote` checks that): the
    network's last two digits after a point, the reader's after no
    separator and no point anywhere (a 300-dpi Sawasdee ๕๒๕๐.๕๐ read
    ๕๒๕๐๕๐, a hundred times the amount)."""
    return bool(_DECIMALS.search(net_text)) and "." not in text and bool(_PLAIN_END.search(text))


def _votable(text: str, confidence: float) -> bool:
    """A reading with digits (a number, or digits among letters: a 200-dpi
    ๓,๗๐๐.๕๐ read ๓ต,ญ๐๐.๕๐), or a dash or blank the cell reader was
    unsure of (a ๑๕,๗๕๑.๐๐ left as '-' at 0.3)."""
    return bool(digits_of(text)) or (text in ("", "-") and confidence < UNSURE_BLANK)
