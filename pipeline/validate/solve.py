"""Find the fewest cells whose new values make every equation hold.

When one wrong cell cannot be pinned on its own (two wrong months in one
row: the row's sum no longer says which month is off), the failing
equations may still admit exactly one small set of cells that explains them
all: each month pinned by its own column, the row's sum then confirming the
pair.  This module lists every such set of the smallest size; repair accepts
one only when it is the only one (or the only one OCR could have misread),
so two explanations that both satisfy the checks are flagged, not guessed.

Values are solved exactly, in satang, from the equations that touch the set;
a set whose values the equations do not fix, or fix to a negative, fractional
or unchanged value, explains nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from pipeline.model import Num
from pipeline.validate.constraints import Constraint

MAX_CELLS = 3  # beyond three wrong cells in one area the arithmetic rarely pins them
MAX_SETS = 2000  # sets tried per area: past that the area is too broken to pin anything


@dataclass(slots=True)
class Explanation:
    """New values for a set of cells (id(cell) -> value) and the equations
    that fix them."""

    cells: list[Num]
    values: dict[int, float]
    equations: list[Constraint]


def _satang(value: float) -> int:
    return round(value * 100)


def components(equations: list[Constraint]) -> list[list[Constraint]]:
    """Equations grouped by shared cells: work and budget never share one, so
    errors in one cannot make the other ambiguous."""
    parent = list(range(len(equations)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, eq in enumerate(equations):
        for cell in eq.cells:
            j = owner.setdefault(id(cell), i)
            parent[root(i)] = root(j)
    groups: dict[int, list[Constraint]] = {}
    for i, eq in enumerate(equations):
        groups.setdefault(root(i), []).append(eq)
    return list(groups.values())


def _solve(unknowns: list[Num], equations: list[Constraint]) -> dict[int, int] | None:
    """Exact values (satang) of `unknowns` that make `equations` hold, if the
    equations fix every one of them; else None."""
    index = {id(c): k for k, c in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for eq in equations:
        coef = [Fraction(0)] * (len(unknowns) + 1)
        for cell, sign in [*((p, 1) for p in eq.parts), (eq.total, -1)]:
            if id(cell) in index:
                coef[index[id(cell)]] += sign
            else:
                coef[-1] -= sign * _satang(cell.value)  # type: ignore[arg-type]
        rows.append(coef)
    n = len(unknowns)
    pivot_row = 0
    for col in range(n):
        pick = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pick is None:
            return None  # this cell is not fixed by the equations
        rows[pivot_row], rows[pick] = rows[pick], rows[pivot_row]
        head = rows[pivot_row]
        head[:] = [x / head[col] for x in head]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], head)]
        pivot_row += 1
    if any(row[-1] != 0 for row in rows[n:]):
        return None  # the equations contradict each other
    values = {}
    for k, cell in enumerate(unknowns):
        v = rows[k][-1]
        if v.denominator != 1:
            return None
        values[id(cell)] = int(v)
    return values


def _hitting_sets(failing: list[Constraint], size: int, covered: set[int], reach: int) -> Iterator[frozenset[int]]:
    """Sets of `size` cells (ids) touching every failing equation not yet
    `covered` (by an unreadable cell); no cell is in more than `reach`
    equations."""
    cells_of = {id(eq): [c for c in eq.cells if c.value is not None] for eq in failing}
    seen: set[frozenset[int]] = set()

    def grow(chosen: frozenset[int]) -> Iterator[frozenset[int]]:
        open_eqs = [eq for eq in failing if id(eq) not in covered and not any(id(c) in chosen for c in eq.cells)]
        if not open_eqs:
            if len(chosen) == size and chosen not in seen:
                seen.add(chosen)
                yield chosen
            return
        if len(open_eqs) > (size - len(chosen)) * reach:
            return
        first = min(open_eqs, key=lambda eq: len(cells_of[id(eq)]))
        for cell in cells_of[id(first)]:
            yield from grow(chosen | {id(cell)})

    yield from grow(frozenset())


def explanations(group: list[Constraint], valid: Callable[[Num, float], bool]) -> list[Explanation]:
    """Every smallest set of cells of `group` whose solved values make all its
    equations hold; `valid(cell, value)` rejects values a cell cannot take."""
    failing = [eq for eq in group if eq.fails()]
    if not failing:
        return []
    by_id = {id(c): c for eq in group for c in eq.cells}
    touching: dict[int, list[Constraint]] = {}
    for eq in group:
        for cell in eq.cells:
            touching.setdefault(id(cell), []).append(eq)
    unread = [c for c in by_id.values() if c.value is None]
    covered = {id(eq) for c in unread for eq in touching[id(c)]}
    reach = max(len(eqs) for eqs in touching.values())
    for size in range(MAX_CELLS + 1):
        found = []
        for tried, chosen in enumerate(_hitting_sets(failing, size, covered, reach)):
            if tried >= MAX_SETS:
                return []
            unknowns = [*unread, *(by_id[i] for i in chosen)]
            eqs = list({id(e): e for c in unknowns for e in touching[id(c)]}.values())
            if size >= 2 and len(eqs) <= len(unknowns):
                continue  # two or more changes must leave an equation to confirm them
            if any(sum(id(c) in chosen or c.value is None for c in e.cells) == 1 and not e.fails()
                   for i in chosen for e in touching[i]):
                continue  # it alone would break an equation that holds
            values = _solve(unknowns, eqs)
            if values is None:
                continue
            if any(i in chosen and _satang(by_id[i].value) == v for i, v in values.items()):  # type: ignore[arg-type]
                continue  # not a change: a smaller set explains it
            if not all(valid(by_id[i], v / 100) for i, v in values.items()):
                continue
            found.append(Explanation(unknowns, {i: v / 100 for i, v in values.items()}, eqs))
        if found:
            return found
    return []
