"""A table column that prints its amounts with two decimals gives back the
decimal point a reading lost: a phone photo's small point vanishes
('800.00' read 80000, a hundred times the value) or its comma reads as a
point with the decimal point gone ('1,650.00' read 1.65000).  A column
whose amounts show two decimals where they have any gives back a last
decimal a reading lost or garbled: a number printed up against the cell's
right rule loses the right side of its last 0 with the rule ('630361.50'
read 630361.5, '28951.50' read 28951.5C).  A column that prints no
decimals at all drops a point a speck or a misread comma put into a
reading where no amount has one: one decimal ('24' read 2.4, '600' read
60.0), '.00' ('2000' read 20.00) or two points ('15,000' read 15.0.00)."""

from __future__ import annotations

import dataclasses
import re

from pipeline.model import Cell
from pipeline.extract.scan.number_text import NUMBER_RE

_D = "[0-9๐-๙]"
_DECIMALS = re.compile(rf"\.({_D}{{2}})$")
_RUN = re.compile(rf"^{_D}{{5,}}$")  # digits alone, point lost: 800.00 -> 80000
_COMMA_AS_POINT = re.compile(rf"^({_D}{{1,3}})[.,]({_D}{{3}})({_D}{{2}})$")  # 1,650.00 -> 1.65000
_ONE_DECIMAL = re.compile(rf"^(.*\.{_D})[Cc(]?$")  # 630361.50 -> 630361.5, 28951.5C
_SURE = 3  # decimal readings the whole table must show before any column's habit counts
# a point no amount prints: one decimal, '.00', two points (a leading zero's
# point, 0.5, is an amount's)
_STRAY_POINT = re.compile(rf"^[1-9๑-๙][0-9๐-๙,]*(?:\.{_D}|\.[0๐]{{2}}|(?:\.{_D}+){{2,}})$")
_PLAIN_PER_STRAY = 4  # whole readings a column shows for each stray point it drops


def restore_decimals(cells: list[Cell]) -> list[Cell]:
    """`cells` with the lost decimal points put back in the columns whose
    readings show the habit (`_habit`); a reading is only restored to an
    ending the column's own decimals show (a column of '.00' turns 80000
    into 800.00, never 800.09 into 8000.9)."""
    columns: dict[int, list[int]] = {}
    for k, c in enumerate(cells):
        if c.colspan == 1 and (NUMBER_RE.match(c.text) or _ONE_DECIMAL.match(c.text) or _STRAY_POINT.match(c.text)):
            columns.setdefault(c.col, []).append(k)
    cells = list(cells)
    for ks in columns.values():
        for k, text in _stray_points_out(ks, cells).items():
            cells[k] = dataclasses.replace(cells[k], text=text)
    endings = {k: m.group(1) for k, c in enumerate(cells) if c.colspan == 1 and (m := _DECIMALS.search(c.text))}
    if len(endings) < _SURE:
        return cells
    out = list(cells)
    for ks in columns.values():
        seen = {endings[k] for k in ks if k in endings}
        for k, text in _last_decimals_back(ks, cells, seen, endings).items():
            out[k] = dataclasses.replace(cells[k], text=text)
        if not _habit(ks, cells, seen, endings):
            continue
        for k in ks:
            fixed = _restored(cells[k].text, seen)
            if fixed is not None:
                out[k] = dataclasses.replace(cells[k], text=fixed)
    return out


def _stray_points_out(ks: list[int], cells: list[Cell]) -> dict[int, str]:
    """The new readings (by cell) of a column's readings with a point no
    amount prints (`_STRAY_POINT`), when no other reading of the column
    shows a point and whole ones are at least `_PLAIN_PER_STRAY` times as
    many: the digits, grouped in threes with commas where the column's
    long amounts show them."""
    strays = {k: cells[k].text for k in ks if _STRAY_POINT.match(cells[k].text)}
    plain = [cells[k].text for k in ks if "." not in cells[k].text]
    if not strays or len(plain) < _PLAIN_PER_STRAY * len(strays) or len(strays) + len(plain) < len(ks):
        return {}
    long = [t for t in plain if sum(ch.isdigit() for ch in t) >= 4]
    commas = 2 * sum("," in t for t in long) > len(long)
    return {k: _grouped(re.sub("[.,]", "", t), commas) for k, t in strays.items()}


def _grouped(digits: str, commas: bool) -> str:
    """`digits` with a comma before each group of three from the right, if `commas`."""
    if not commas:
        return digits
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def _last_decimals_back(ks: list[int], cells: list[Cell], seen: set[str], endings: dict[int, str]) -> dict[int, str]:
    """The new readings (by cell) of a column's readings with one decimal
    where the column's other decimals are two (at least two of them, and
    more than the one-decimal readings) and one ending it shows fits."""
    lost = {k: text for k in ks if (text := _last_decimal_back(cells[k].text, seen))}
    two = sum(k in endings for k in ks)
    return lost if two >= 2 and len(lost) < two else {}


def _last_decimal_back(text: str, seen: set[str]) -> str | None:
    """A one-decimal reading with the last decimal of the one ending in
    `seen` that starts with its decimal; else None."""
    m = _ONE_DECIMAL.match(text)
    ends = [e for e in seen if e[0] == m.group(1)[-1]] if m and NUMBER_RE.match(m.group(1)) else []
    return m.group(1) + ends[0][1] if len(ends) == 1 else None


def _habit(ks: list[int], cells: list[Cell], seen: set[str], endings: dict[int, str]) -> bool:
    """A column prints two decimals when more of its amounts (numbers of
    three digits or more) read with them than without, readings that lost
    the point aside: a count column ('12', '143') shows none."""
    with_point = sum(k in endings for k in ks)
    without = sum(1 for k in ks if k not in endings and _restored(cells[k].text, seen) is None
                  and sum(ch.isdigit() for ch in cells[k].text) >= 3)
    return with_point > without


def _restored(text: str, seen: set[str]) -> str | None:
    """The reading with its decimal point back, when it lost one to an
    ending in `seen`; else None."""
    if _RUN.match(text) and text[-2:] in seen:
        return text[:-2] + "." + text[-2:]
    m = _COMMA_AS_POINT.match(text)
    if m and m.group(3) in seen:
        return f"{m.group(1)},{m.group(2)}.{m.group(3)}"
    return None
