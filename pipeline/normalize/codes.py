"""Activity numbers (1 / 1.1 / 1.1.1): split from the text, level, parent."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

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


# Thai digits OCR takes for one another, and what such a misreading costs
# (any other change of a digit costs 1): ๔ for ๕ (a tail apart) most of all,
# then ๒/๖, ๑/๙, ๑/๔, ๓/๘, ๐/๙, ๐/๑
_LOOKALIKES = {frozenset("45"): 0.3} | {frozenset(p): 0.5 for p in ("26", "19", "14", "38", "09", "01")}
_SKIP = 2.0  # one row of the outline missing (a row the table reader lost)
_JUMP = 4.0  # a code the outline cannot reach: kept as read, at a price
_MARGIN = 0.5  # how much worse every other numbering must be before a code is changed
_CUT = 0.75  # a part of the code lost whole, its digits and its dot (1.5 as single edits)
_DEEPER = 0.5  # a code deeper than the plan's outline reads anywhere else
_BEAM = 60


def _edit_cost(read: str, code: str) -> float:
    """Weighted edit distance: look-alike digits and lost or extra dots
    ("71.3" for "7.1.3") are cheap, anything else costs one."""

    def sub(a: str, b: str) -> float:
        if a == b:
            return 0.0
        if a.isdigit() and b.isdigit():
            return _LOOKALIKES.get(frozenset(a + b), 1.0)
        return 1.0

    def indel(ch: str) -> float:
        return 0.5 if ch == "." else 1.0

    row = [0.0]
    for ch in code:
        row.append(row[-1] + indel(ch))
    for a in read:
        new = [row[0] + indel(a)]
        for j, b in enumerate(code, 1):
            new.append(min(row[j - 1] + sub(a, b), row[j] + indel(a), new[j - 1] + indel(b)))
        row = new
    return row[-1]


def _read_cost(read: str, code: Code) -> float:
    """`_edit_cost`, where a reading that holds only the front or the back of
    the code ("6" for 6.5 behind a speck, "1" for 7.1 cut at the cell edge)
    pays `_CUT` a lost part instead of a digit and a dot each."""
    best = _edit_cost(read, _text(code))
    for k in range(1, len(code)):
        best = min(best, _CUT * k + _edit_cost(read, _text(code[k:])), _CUT * k + _edit_cost(read, _text(code[:-k])))
    return best


def _text(code: Code) -> str:
    return ".".join(str(x) for x in code)


def _steps(previous: Code | None, read: Code | None) -> dict[Code, float]:
    """Codes a row may carry after `previous`, each with the price of the step:
    a legal successor is free, one with a row missing in between costs
    `_SKIP`, and the row's own reading is always reachable at `_JUMP`."""
    out = dict.fromkeys(successors(previous), 0.0)
    for nxt in successors(previous):
        for after in successors(nxt):
            out.setdefault(after, _SKIP)
    if read is not None:
        out.setdefault(read, _JUMP + _gap_price(previous, read))
    return out


def _gap_price(previous: Code | None, read: Code) -> float:
    """Extra for a jump far ahead (8.1.4 -> "65.2"): outlines number on by
    ones, so a leap of many numbers is a misreading more than a gap."""
    if previous is None:
        return 0.0
    for a, b in zip(previous, read):
        if a != b:
            return math.log2(b - a) if b - a > 2 else 0.0
    return 0.0


def _deepest(parsed: list[Code | None]) -> int:
    """The depth of the plan's outline: the deepest level read on two rows
    or more (one deep reading may be a misread)."""
    depths = Counter(len(p) for p in parsed if p)
    return max((d for d, n in depths.items() if n >= 2), default=max(depths, default=1))


Layer = dict[Code, float]
Links = dict[Code, list[tuple[Code, float]]]


def _forward(parsed: list[Code | None], emit: Callable[[int, Code], float]) -> tuple[list[Layer], list[Links]]:
    """For each row, the cheapest numbering of the rows up to it ending in
    each code kept (the `_BEAM` cheapest), and the steps that reach it."""
    first = dict.fromkeys([(1,)] + ([parsed[0]] if parsed[0] else []), 0.0)
    layers: list[Layer] = [{c: emit(0, c) for c in first}]
    links: list[Links] = [{}]
    for k in range(1, len(parsed)):
        best: Layer = {}
        back: Links = {}
        for prev, cost in layers[-1].items():
            for code, step in _steps(prev, parsed[k]).items():
                back.setdefault(code, []).append((prev, step))
                best[code] = min(best.get(code, float("inf")), cost + step)
        scored = {c: v + emit(k, c) for c, v in best.items()}
        kept = dict(sorted(scored.items(), key=lambda kv: kv[1])[:_BEAM])
        layers.append(kept)
        links.append({c: back[c] for c in kept})
    return layers, links


def _backward(layers: list[Layer], links: list[Links], emit: Callable[[int, Code], float]) -> list[Layer]:
    """For each row and code, the cheapest way on from it to the last row."""
    after: list[Layer] = [dict.fromkeys(layers[-1], 0.0)]
    for k in range(len(layers) - 1, 0, -1):
        rest: Layer = dict.fromkeys(layers[k - 1], float("inf"))
        for code, tail in after[0].items():
            for prev, step in links[k][code]:
                if prev in rest:
                    rest[prev] = min(rest[prev], step + emit(k, code) + tail)
        after.insert(0, rest)
    return after


def infer_ocr_codes(
    reads: list[str | None], ocr: list[bool], hints: list[str | None] | None = None
) -> list[str | None]:
    """Row codes with OCR misreadings put right by the outline itself.

    The numbering of all rows that best explains what was read (a numbered
    outline, where a look-alike digit or a lost dot is a cheap misreading) is
    found by dynamic programming.  An OCR-read code (or a missing one) is
    changed only where every numbering that gives that row another code costs
    at least `_MARGIN` more; typed codes are kept as written.  `hints` are
    codes glimpsed where none was read (e.g. behind a speck): evidence only."""
    usable = [p if p and all(p) else None for p in map(_parts, reads)]  # codes have no part 0
    rows = [i for i in range(len(reads)) if ocr[i] or usable[i] is not None]  # typed rows without a code step out
    if not any(ocr[i] for i in rows):
        return list(reads)
    parsed = [usable[i] for i in rows]
    deepest = _deepest(parsed)

    @lru_cache(maxsize=None)
    def emit(k: int, code: Code) -> float:
        """What it costs to say row k carries `code`, given what was read there."""
        read = reads[rows[k]] or (hints[rows[k]] if hints else None)
        if not ocr[rows[k]]:
            return 0.0 if code == parsed[k] else float("inf")
        # (a reading with every digit of a deeper code, only its dots lost --
        # "23.1" for 2.3.1 -- is evidence of that depth, not against it)
        dots_lost = read is not None and read.replace(".", "") == "".join(map(str, code))
        deeper = _DEEPER if len(code) > deepest and not dots_lost else 0.0
        return deeper + (0.0 if read is None else _read_cost(read, code))

    layers, links = _forward(parsed, emit)
    after = _backward(layers, links, emit)
    out = list(reads)
    for k, i in enumerate(rows):
        through = sorted((layers[k][c] + after[k][c], c) for c in layers[k])
        (cost, code), other = through[0], through[1][0] if len(through) > 1 else float("inf")
        # (a code kept as read is written as the outline writes it: "8.1.03" is 8.1.3)
        if ocr[i] and (code == parsed[k] or other - cost >= _MARGIN):
            out[i] = _text(code)
    return out
