"""Activity numbers (1 / 1.1 / 1.1.1): split from the text, level, parent."""

from __future__ import annotations

import re

from pipeline.normalize.numbers import to_arabic

# OCR reads the dots of a code as : ; , or · now and then
_CODE = re.compile(r"^\s*(\d{1,2}(?:\s?[.:;,·]\s?\d{1,2}){0,4})(?:[.:](?!\d))?\s*(?=[^\d.:;,·\s])(.*)$", re.S)


def split_code(text: str) -> tuple[str | None, str]:
    """`("1.1.2", "ประชุม...")` from `"๑.๑.๒ ประชุม..."`; `(None, text)` when
    the row is unnumbered.  A bare number followed by a unit word (e.g.
    "12 เดือน") is still a code: the form numbers every row at its start."""
    arabic = to_arabic(text)
    m = _CODE.match(arabic)
    if not m or not m.group(2).strip():
        return None, text.strip()
    code = re.sub(r"[:;,·]", ".", re.sub(r"\s", "", m.group(1)))
    # keep the original (Thai-digit) description text after the code
    return code, text[len(text) - len(m.group(2)) :].strip()


def code_level(code: str | None) -> int | None:
    return None if code is None else code.count(".") + 1


def parent_of(code: str | None) -> str | None:
    if code is None or "." not in code:
        return None
    return code.rsplit(".", 1)[0]


Code = tuple[int, ...]


def _parts(code: str | None) -> Code | None:
    if not code:
        return None
    try:
        return tuple(int(p) for p in code.split("."))
    except ValueError:
        return None


def successors(previous: Code | None) -> list[Code]:
    """Codes that may follow `previous` in a numbered outline: its first
    child, its next sibling, or the next sibling of an ancestor."""
    if previous is None:
        return [(1,)]
    out = [previous + (1,)]
    for depth in range(len(previous), 0, -1):
        out.append(previous[: depth - 1] + (previous[depth - 1] + 1,))
    return out


def mend_ocr_code(read: str | None, previous: str | None, following: str | None) -> str | None:
    """The code an OCR reading most likely stands for, judged by its
    neighbours: a reading that cannot follow the row before, differs from
    exactly one possible successor of the same depth in one part, and is
    followed by a row that can follow that successor but not the reading, is
    taken as that successor.  Anything less certain is returned as read (a
    chain of codes that agree among themselves is never rewritten)."""
    parts, prev, after = _parts(read), _parts(previous), _parts(following)
    if parts is None or prev is None:
        return read
    options = successors(prev)
    if parts in options:
        return read
    near = [o for o in options if len(o) == len(parts) and sum(a != b for a, b in zip(o, parts)) == 1]
    if len(near) != 1:
        return read
    if after is not None and (after in successors(parts) or after not in successors(near[0])):
        return read
    return ".".join(str(p) for p in near[0])
