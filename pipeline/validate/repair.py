"""Repair a number only when the arithmetic pins it down.

A cell is a repair candidate when every equation that touches it agrees on
one new value for it (a passing equation agrees only with the value it has,
so a cell in any passing equation is never changed).  A candidate is accepted
only when no other candidate could explain the same failing equations;
otherwise the plan is flagged, never guessed.  A cell that one equation
alone pins is taken only when that equation's other cells are vouched for
by equations of their own that hold (a phone photo of page 1 has no totals
row: a row's sum alone cannot say which of its cells is wrong).  Ties
between candidates are broken only by OCR evidence: if exactly one of them
has a new value that is a typical misreading of its printed text (a
changed, dropped or doubled digit, a lost comma), that one is taken.

Before that, `solve` looks for the smallest set of cells whose values make
every equation of an area hold, taken only when it is the only such set: it
also pins what one cell cannot explain (two wrong months in one row, a wrong
month and a wrong target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Finding, Num, Plan
from pipeline.normalize.numbers import to_arabic
from pipeline.validate.constraints import TOL, Constraint, Place, cells, fmt
from pipeline.validate.solve import Explanation, components, explanations

MAX_ROUNDS = 20
LOW_CONFIDENCE = 0.6


@dataclass(slots=True)
class Candidate:
    cell: Num
    place: Place
    value: float
    equations: list[Constraint]
    plausible: bool


def repairable(cell: Num, policy: str) -> bool:
    """`ocr` repairs only what an OCR engine read (a digital text layer says
    exactly what the author typed: a wrong sum there is the author's, so it is
    flagged, not changed); `all` repairs any cell; `none` nothing."""
    if policy == "all":
        return True
    return policy == "ocr" and cell.confidence is not None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", to_arabic(text).split(".")[0])


def plausible_misread(raw: str, value: float) -> bool:
    """Could OCR have printed `raw` for the true `value`?  One digit changed,
    dropped or added, the right digits among specks ("-4", "ฯ7"), a
    thousands comma read as a point ("23 . 50" for 2,350), or the cell
    empty/unreadable."""
    read = _digits(raw)
    true = _digits(fmt(value))
    if not read:
        # nothing legible was read; a clean dash, though, is a clear zero
        return raw.strip() not in ("-", "–", "—", "")
    if read == true or (value == int(value) and re.sub(r"\D", "", to_arabic(raw)) == true):
        return True
    if len(read) == len(true):
        return sum(a != b for a, b in zip(read, true)) == 1
    short, long_ = sorted((read, true), key=len)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _seen_empty(cell: Num) -> bool:
    """The reader saw a blank or a dash and was sure of it (a text layer
    always is): sums that happen to agree on a number for it are weaker
    evidence than that, so such a cell is never filled in."""
    return not _doubted(cell) and cell.value == 0 and cell.raw.strip() in ("", "-", "–", "—")


def _doubted(cell: Num) -> bool:
    return cell.confidence is not None and cell.confidence < LOW_CONFIDENCE


def _valid(value: float, place: Place) -> bool:
    if value < -TOL:
        return False
    if place.field in ("work", "target_work"):
        return abs(value - round(value)) < TOL
    return abs(value * 100 - round(value * 100)) < 0.01


def _touching(equations: list[Constraint]) -> dict[int, list[Constraint]]:
    """id(cell) -> the equations the cell is part of."""
    out: dict[int, list[Constraint]] = {}
    for eq in equations:
        for cell in eq.cells:
            out.setdefault(id(cell), []).append(eq)
    return out


def _candidates(
    plan_cells: list[tuple[Num, Place]], touching: dict[int, list[Constraint]], policy: str
) -> list[Candidate]:
    out = []
    for cell, place in plan_cells:
        eqs = touching.get(id(cell))
        if not eqs or not repairable(cell, policy) or _seen_empty(cell):
            continue
        if cell.value is not None and not any(e.fails() for e in eqs):
            continue
        values = [e.solve_for(cell) for e in eqs]
        if any(v is None for v in values):
            continue
        value = values[0]
        if not all(abs(v - value) < TOL for v in values):  # type: ignore[operator]
            continue
        if not _valid(value, place) or (cell.value is not None and abs(cell.value - value) < TOL):  # type: ignore[arg-type]
            continue
        out.append(Candidate(cell, place, round(value, 2), eqs, plausible_misread(cell.raw, value)))  # type: ignore[arg-type]
    return out


def _unconfirmed(cand: Candidate, touching: dict[int, list[Constraint]]) -> bool:
    """A cell one equation alone pins, while another cell of that equation
    is vouched for by no other equation that holds: the error may as well be
    there (a phone photo of page 1 has no totals row, so a row's sum is its
    cells' only check, and a fill would be a guess).  Where the equation
    rests on the row codes (a misread code makes a false one), a cell that
    fails elsewhere is not vouched for either."""
    if len(cand.equations) != 1:
        return False
    (eq,) = cand.equations

    def vouched(other: Num) -> bool:
        theirs = [e for e in touching.get(id(other), []) if e is not eq]
        if eq.rests_on_codes and any(e.fails() for e in theirs):
            return False
        return any(e.known and e.holds() for e in theirs)

    return any(other is not cand.cell and not vouched(other) for other in eq.cells)


def _choose(cands: list[Candidate], touching: dict[int, list[Constraint]]) -> list[Candidate]:
    """Candidates that alone explain their failing equations: no rival
    explains as many of them (or others besides), and the cell is not left
    unconfirmed.  Ties between rivals that explain exactly the same
    equations are broken only by one-sided OCR evidence: the winner is a
    typical misreading and was read with the lowest confidence of all."""
    by_equation: dict[int, list[Candidate]] = {}
    for cand in cands:
        for eq in cand.equations:
            by_equation.setdefault(id(eq), []).append(cand)
    chosen = []
    for cand in cands:
        if _unconfirmed(cand, touching):
            continue
        mine = {id(e) for e in cand.equations}
        rivals = {id(c): c for e in cand.equations for c in by_equation[id(e)] if c is not cand}.values()
        theirs = [(c, {id(e) for e in c.equations}) for c in rivals]
        if any(not t < mine and t != mine for _, t in theirs):
            continue  # a rival explains more, or other failures besides
        equal = [c for c, t in theirs if t == mine]
        if not equal:
            chosen.append(cand)
            continue
        group = [cand, *equal]
        plausible = [c for c in group if c.plausible]
        lowest = min(group, key=lambda c: c.cell.confidence if c.cell.confidence is not None else 1.0)
        if len(plausible) == 1 and plausible[0] is cand and lowest is cand:
            chosen.append(cand)
    return chosen


def _finding(cand: Candidate, original: Num, together: int = 1) -> Finding:
    rules = sorted({e.check for e in cand.equations})
    before = original.raw if original.value is None else fmt(original.value)
    why = (f"the only value that makes {' and '.join(rules)} hold" if together == 1 else
           f"with {together - 1} other cell(s), the only set of {together} cells whose values make every check hold")
    return cand.place.finding(
        original,
        rules[0] if len(rules) == 1 else next((r for r in rules if r.startswith("row_sum")), rules[0]),
        "info",
        f"{cand.place.describe()} read as '{original.raw}' was set to {fmt(cand.value)}: {why}",
        expected=fmt(cand.value),
        found=before,
        repaired=True,
        original_value=before,
        repaired_value=fmt(cand.value),
    )


def _apply(cand: Candidate, together: int = 1) -> Finding:
    original = Num(cand.cell.value, cand.cell.raw, cand.cell.confidence, cand.cell.page, cand.cell.box)
    cand.cell.value = cand.value
    return _finding(cand, original, together)


def _as_candidates(exp: Explanation, places: dict[int, Place]) -> list[Candidate]:
    return [
        Candidate(cell, places[id(cell)], round(exp.values[id(cell)], 2),
                  [e for e in exp.equations if any(c is cell for c in e.cells)],
                  plausible_misread(cell.raw, exp.values[id(cell)]))
        for cell in exp.cells
    ]


def _only_explanation(exps: list[list[Candidate]]) -> list[Candidate] | None:
    """The one explanation, or among several the only one whose every change
    is a typical misreading and which holds the least confident cell.  Two
    or more changes must each be a typical misreading or of a reading the
    OCR itself doubted: k wrong cells can mimic k-1 others, and OCR
    evidence is what tells them apart."""
    plausible = [e for e in exps if all(c.plausible for c in e)]
    if len(exps) == 1:
        (only,) = exps
        return only if len(only) == 1 or all(c.plausible or _doubted(c.cell) for c in only) else None
    if len(plausible) != 1:
        return None

    def confidence(c: Candidate) -> float:
        return c.cell.confidence if c.cell.confidence is not None else 1.0

    mine = min(confidence(c) for c in plausible[0])
    others = [confidence(c) for e in exps if e is not plausible[0] for c in e if all(c.cell is not m.cell for m in plausible[0])]
    return plausible[0] if all(mine < x for x in others) else None


def _solve_sets(plan_cells: list[tuple[Num, Place]], equations: list[Constraint], policy: str) -> list[Finding]:
    """The smallest set of cells that explains each area's failing
    equations, when only one set does (a lone cell, only when confirmed:
    one equation whose other cells nothing else checks is often explained
    by one cell only because the others would turn negative)."""
    places = {id(cell): place for cell, place in plan_cells}
    touching = _touching(equations)
    done: list[Finding] = []
    for group in components(equations):
        if not any(e.fails() for e in group):
            continue
        found = explanations(group, lambda c, v: _valid(v, places[id(c)]) and not _seen_empty(c))
        exps = [_as_candidates(e, places) for e in found]
        chosen = _only_explanation(exps)
        if chosen and len(chosen) == 1 and _unconfirmed(chosen[0], touching):
            continue
        if chosen and all(repairable(c.cell, policy) for c in chosen):
            done += [_apply(c, len(chosen)) for c in chosen]
    return done


def repair(plan: Plan, equations: list[Constraint], policy: str = "ocr") -> list[Finding]:
    """Change the cells the equations pin down; return one `info` finding
    per change."""
    if policy == "none":
        return []
    plan_cells = cells(plan)
    touching = _touching(equations)
    # sets first, on the values as read: after a one-cell repair that was
    # wrong, a set could only complete a wrong picture; a group's sum whose
    # rows may be more or fewer than those read pins nothing there
    done = _solve_sets(plan_cells, [e for e in equations if not e.codes_unsure], policy)
    for _ in range(MAX_ROUNDS):
        # ... and alone pins no cell either: it may only agree with a sum
        # that does not rest on the codes read
        cands = [c for c in _candidates(plan_cells, touching, policy) if not all(e.codes_unsure for e in c.equations)]
        chosen = _choose(cands, touching)
        if not chosen:
            break
        done += [_apply(cand) for cand in chosen]
    return done


def low_confidence(plan: Plan, equations: list[Constraint]) -> list[Finding]:
    """Numbers no equation covers are only as good as their OCR confidence."""
    covered = {id(cell) for eq in equations for cell in eq.cells}
    out = []
    for cell, place in cells(plan):
        if id(cell) in covered or cell.confidence is None or cell.confidence >= LOW_CONFIDENCE:
            continue
        out.append(
            place.finding(
                cell,
                "low_confidence",
                "warning",
                f"{place.describe()} was read with low confidence ({cell.confidence:.2f}) and no sum checks it; "
                "confirm it against the source",
                found=cell.raw,
            )
        )
    return out
