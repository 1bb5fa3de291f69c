"""Activity numbers (1 / 1.1 / 1.1.1): split from the text, level, parent."""

from __future__ import annotations

import re

from pipeline.normalize.numbers import to_arabic

_CODE = re.compile(r"^\s*(\d{1,2}(?:\s?\.\s?\d{1,2}){0,4})(?:\.(?!\d))?\s*(?=[^\d.\s])(.*)$", re.S)


def split_code(text: str) -> tuple[str | None, str]:
    """`("1.1.2", "ประชุม...")` from `"๑.๑.๒ ประชุม..."`; `(None, text)` when
    the row is unnumbered.  A bare number followed by a unit word (e.g.
    "12 เดือน") is still a code: the form numbers every row at its start."""
    arabic = to_arabic(text)
    m = _CODE.match(arabic)
    if not m or not m.group(2).strip():
        return None, text.strip()
    code = re.sub(r"\s", "", m.group(1))
    # keep the original (Thai-digit) description text after the code
    return code, text[len(text) - len(m.group(2)) :].strip()


def code_level(code: str | None) -> int | None:
    return None if code is None else code.count(".") + 1


def parent_of(code: str | None) -> str | None:
    if code is None or "." not in code:
        return None
    return code.rsplit(".", 1)[0]
