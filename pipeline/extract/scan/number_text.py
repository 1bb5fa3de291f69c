"""A number's text as OCR returns it, put in order: stray characters off,
commas and points by position, no leading Thai zero."""

from __future__ import annotations

import re

from pipeline.ocr.digits import one_separator_per_run


NUMBER_CHARS = set("0123456789๐๑๒๓๔๕๖๗๘๙,.-")


NUMBER_RE = re.compile(r"^-?[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?$|^-?[0-9๐-๙]+(?:\.[0-9๐-๙]+)?$")


def strip_number(text: str) -> str:
    """Keep a number's own characters: noise read as quotes, colons or a
    stray point at either end goes."""
    t = "".join(ch for ch in text if ch in NUMBER_CHARS)
    t = one_separator_per_run(t)
    if t.startswith("-") and len(t) > 1:
        t = "-" + t[1:].lstrip("-,.")
    # no printed number starts with a zero, and a Thai ๑ whose small tail
    # the scan blurred reads as ๐ (๑๓,๗๐๐ -> ๐๓,๗๐๐ in Tlwg Typewriter);
    # told once the separators are put right (Sawasdee's ๑,๐๐๐ read
    # ๐.๐๐๐: its comma read as a point hid the rule)
    return _LEADING_THAI_ZERO.sub(r"\1๑", fix_separators(t))


_LEADING_THAI_ZERO = re.compile(r"^(-?)๐(?=[๐-๙,])")


_SEP_SPLIT = re.compile(r"[,.]")


def fix_separators(t: str) -> str:
    """Commas and points by where they stand (OCR and the glyph reader mix
    them up; plans group thousands with commas and give at most two
    decimals): a separator followed by three digits and then another
    separator or the end is a comma, a last one followed by one or two
    digits is the decimal point.  Anything else stays as read."""
    body = t[1:] if t.startswith("-") else t
    groups = _SEP_SPLIT.split(body)
    if len(groups) < 2 or not all(groups) or len(groups[0]) > 3:
        return t
    last = groups[-1]
    mids = groups[1:-1]
    if any(len(g) != 3 for g in mids):
        return t
    if len(last) == 3:
        seps = [","] * (len(groups) - 1)
    elif len(last) in (1, 2):
        seps = [","] * (len(groups) - 2) + ["."]
    else:
        return t
    out = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:]))
    return ("-" if t.startswith("-") else "") + out


def is_word(text: str) -> bool:
    """Thai letters and no digit: a header word (งาน, งบ), not a value."""
    return any("\u0e01" <= ch <= "\u0e2e" for ch in text) and not any(ch.isdigit() for ch in text)
