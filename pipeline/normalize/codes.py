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


def _one_part_away(a: Code, b: Code) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _paths(start: Code | None, steps: int) -> list[list[Code]]:
    paths: list[list[Code]] = [[]]
    for _ in range(steps):
        paths = [p + [n] for p in paths for n in successors(p[-1] if p else start)]
    return paths


def infer_ocr_codes(reads: list[str | None], ocr: list[bool], max_run: int = 3) -> list[str | None]:
    """Row codes with OCR misreadings put right by the outline itself.

    A run of OCR-read rows whose codes are missing or cannot follow the row
    before is rewritten when exactly one way of numbering those rows leads
    from the code before the run to a code the row after the run can follow,
    and every code that was read keeps its depth.  Typed codes, and runs the
    outline does not pin down, are kept as read."""
    out = list(reads)
    i = 0
    previous: str | None = None
    lost = True  # at the start, and after a run the outline could not pin down, a code is taken as read
    while i < len(out):
        parts, prev = _parts(out[i]), _parts(previous)
        fits = parts is not None and (lost or parts in successors(prev))
        if not ocr[i] or fits:
            previous = out[i] or previous
            lost = lost and out[i] is None
            i += 1
            continue
        j = i + 1
        while j < len(out) and ocr[j] and out[j] is None and j - i < max_run:
            j += 1
        anchor = _parts(out[j]) if j < len(out) else None
        if anchor is not None:
            ways = [p for p in _paths(prev, j - i) if anchor in successors(p[-1])]
        else:
            # the last rows: only a reading one part away from one successor
            ways = [p for p in _paths(prev, 1) if parts is not None and j - i == 1 and _one_part_away(p[0], parts)]
        resolved = len(ways) == 1 and all(
            _parts(out[k]) is None or len(_parts(out[k]) or ()) == len(ways[0][k - i]) for k in range(i, j)
        )
        if resolved:
            for k in range(i, j):
                out[k] = ".".join(str(x) for x in ways[0][k - i])
        previous = out[j - 1] or previous
        lost = not resolved
        i = j
    return out
