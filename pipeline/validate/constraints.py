"""Every sum a correct plan satisfies, as one list of equations over the
plan's `Num` cells: `sum(parts) == total`.

The checks report the equations that fail; repair solves for the cell where
failing equations meet.  Both read this one list, so they can never disagree
about what the form requires."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.model import Activity, Finding, MonthPair, Num, Plan
from pipeline.normalize.codes import parent_of
from pipeline.normalize.months import FISCAL_ABBR

TOL = 0.005  # money is compared to the satang


@dataclass(frozen=True, slots=True)
class Place:
    """Where a cell sits, for findings: the row's code, the month, the field."""

    code: str | None
    month_index: int | None
    field: str  # work | budget | target_work | target_budget | budget_received

    def describe(self) -> str:
        """e.g. "budget of 1.1 in ต.ค." or "budget received of block (5)"."""
        month = f" in {FISCAL_ABBR[self.month_index - 1]}" if self.month_index else ""
        return f"{self.field.replace('_', ' ')} of {self.code or 'block (5)'}{month}"

    def finding(self, num: Num, check: str, severity: str, message: str, **extra: object) -> Finding:
        """A finding about the cell `num` at this place."""
        return Finding(
            check=check,
            severity=severity,
            message=message,
            code=self.code,
            month_index=self.month_index,
            page=num.page,
            box=num.box,
            **extra,  # type: ignore[arg-type]
        )


@dataclass(slots=True)
class Constraint:
    check: str  # row_sum_work | row_sum_budget | children_sum | column_total | grand_total
    code: str | None
    month_index: int | None
    what: str  # a short human label, e.g. "budget in ต.ค."
    parts: list[Num]
    total: Num
    quantity: str = ""  # work | budget, for the equations over the month columns
    # a row whose code was not read stands among the group's rows: it may be
    # one of its children, so the group's sum is checked, never repaired by
    codes_unsure: bool = False

    @property
    def cells(self) -> list[Num]:
        return [*self.parts, self.total]

    @property
    def rests_on_codes(self) -> bool:
        """Whether the equation exists only because of how the row codes were
        read (a misread code puts a row under the wrong parent); a row's own
        sum and block (5) against the totals row do not."""
        return self.check in ("children_sum", "column_total") or (self.check == "grand_total" and self.code == "TOTAL")

    @property
    def known(self) -> bool:
        return all(n.value is not None for n in self.cells)

    def residual(self) -> float:
        """sum(parts) - total; only for known constraints."""
        return sum(n.value for n in self.parts) - self.total.value  # type: ignore[misc]

    def holds(self) -> bool:
        return abs(self.residual()) < TOL

    def fails(self) -> bool:
        """Not known to hold: it misses, or a cell of it is unreadable."""
        return not self.known or not self.holds()

    def solve_for(self, cell: Num) -> float | None:
        """The value `cell` must take for this equation to hold (others fixed)."""
        others_known = all(n.value is not None for n in self.cells if n is not cell)
        if not others_known:
            return None
        rest = sum(n.value for n in self.parts if n is not cell)  # type: ignore[misc]
        if cell is self.total:
            return rest
        return self.total.value - rest  # type: ignore[operator]


def fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(round(value))) if abs(value - round(value)) < TOL else f"{value:.2f}"


def leaves(plan: Plan) -> list[Activity]:
    """Rows whose numbers count towards the totals: rows with figures none of
    whose children carry figures."""
    numbered = [a.code for a in plan.activities if a.has_numbers and a.code]

    def has_counted_descendant(code: str) -> bool:
        return any(other.startswith(code + ".") for other in numbered)

    return [a for a in plan.activities if a.has_numbers and (a.code is None or not has_counted_descendant(a.code))]


def label(activity: Activity) -> str:
    return activity.code or f"row {activity.seq}"


_PICK: dict[str, Callable[[MonthPair], Num]] = {"work": lambda p: p.work, "budget": lambda p: p.budget}


def cells(plan: Plan) -> list[tuple[Num, Place]]:
    """Every number cell of the plan with its place."""
    out: list[tuple[Num, Place]] = []
    rows = [(label(a), a.target_work, a.target_budget, a.months) for a in plan.activities]
    if plan.totals:
        rows.append(("TOTAL", plan.totals.target_work, plan.totals.target_budget, plan.totals.months))
    for code, tw, tb, months in rows:
        if tw is not None:
            out.append((tw, Place(code, None, "target_work")))
        if tb is not None:
            out.append((tb, Place(code, None, "target_budget")))
        for i, pair in enumerate(months or []):
            out.append((pair.work, Place(code, i + 1, "work")))
            out.append((pair.budget, Place(code, i + 1, "budget")))
    if plan.header.budget_received is not None:
        out.append((plan.header.budget_received, Place(None, None, "budget_received")))
    return out


def _groups(code: str) -> set[str]:
    """`code` and every group it is in: 1.2.3 -> 1, 1.2, 1.2.3."""
    parts = code.split(".")
    return {".".join(parts[:n]) for n in range(1, len(parts) + 1)}


def groups_around_unsure_codes(activities: list[Activity], inferred: set[str]) -> set[str]:
    """The groups a row whose code was not read may belong to: the row
    above it and every group that row is in (a 200-dpi scan's lost "1.3"
    under group 1: its children then summed short by that row's numbers,
    and repair set group 1's right targets to the sum of the rest).  A row
    whose code was put back from the rows around it (`inferred`) may stand
    in the wrong group too, where that code closes groups of the row above
    or opens new ones: those groups (a photo's garbled 1.1.2 numbered "2"
    after 1.1.1 left group 1.1 one child short, and repair set 1.1's right
    target to the rest; a lost 1.2.3 numbered between 1.2.2 and 1.2.4
    leaves every group as it was).  So may a row whose code, as read, hangs
    under a group no row numbers (a 200-dpi scan's 8.2 read "65.2" after
    8.1.4 took group 8's third child away, and repair set 8's right target
    to the rest)."""
    out: set[str] = set()
    above: str | None = None
    seen: set[str] = set()
    for activity in activities:
        parent = parent_of(activity.code)
        orphan = parent is not None and parent not in seen
        if (activity.code in inferred or orphan) and above:
            out |= _groups(above) ^ _groups(activity.code)
        elif not activity.code and activity.has_numbers and above:
            out |= _groups(above)
        above = activity.code or above
        seen.add(activity.code or "")
    return out


def build(plan: Plan) -> list[Constraint]:
    out: list[Constraint] = []
    rows = [(label(a), a.target_work, a.target_budget, a.months) for a in plan.activities if a.months]
    totals = plan.totals
    if totals and totals.months:
        rows.append(("TOTAL", totals.target_work, totals.target_budget, totals.months))
    # a row's 12 months add up to its target
    for code, tw, tb, months in rows:
        for what, target in (("work", tw), ("budget", tb)):
            if target is not None:
                parts = [_PICK[what](p) for p in months]
                out.append(Constraint(f"row_sum_{what}", code, None, f"{what} of {code}", parts, target, what))
    # a group row that carries numbers equals the sum of its children
    children: dict[str, list[Activity]] = {}
    for a in plan.activities:
        if a.parent_code:
            children.setdefault(a.parent_code, []).append(a)
    # without a totals row (12) the table may go on past the last row read (a
    # phone photo of page 1): the groups holding that row may have more rows
    # below it, so their sums are not known to hold
    cut_off: set[str] = set()
    code = plan.activities[-1].code if totals is None and plan.activities else None
    while code and "." in code:
        code = code.rsplit(".", 1)[0]
        cut_off.add(code)

    inferred = {f.code for f in plan.findings if f.check == "code_sequence" and f.repaired and f.code}
    unsure = groups_around_unsure_codes(plan.activities, inferred)

    def counted_below(code: str) -> list[Activity]:
        """The nearest rows below `code` that carry numbers (a group row
        without numbers passes its children's numbers up)."""
        out: list[Activity] = []
        for kid in children.get(code, []):
            out += [kid] if kid.has_numbers else counted_below(kid.code or "")
        return out

    for parent in plan.activities:
        kids = counted_below(parent.code) if parent.code else []
        if not parent.has_numbers or not kids or parent.code in cut_off:
            continue
        for field in ("target_work", "target_budget"):
            own = getattr(parent, field)
            parts = [getattr(k, field) for k in kids]
            if own is not None and all(p is not None for p in parts):
                out.append(Constraint("children_sum", parent.code, None, f"{field.replace('_', ' ')} of {parent.code}", parts, own,
                                      codes_unsure=parent.code in unsure))
        if parent.months and all(k.months for k in kids):
            for m in range(12):
                for what in ("work", "budget"):
                    parts = [_PICK[what](k.months[m]) for k in kids if k.months]
                    out.append(
                        Constraint("children_sum", parent.code, m + 1, f"{what} of {parent.code} in {FISCAL_ABBR[m]}",
                                   parts, _PICK[what](parent.months[m]), codes_unsure=parent.code in unsure)
                    )
    if totals is None:
        return out
    leaf_rows = leaves(plan)
    # each month's leaf rows add up to the totals row (12); a row without its
    # months (month_count) leaves the columns unchecked
    if totals.months and all(a.months for a in leaf_rows):
        for m in range(12):
            for what in ("work", "budget"):
                parts = [_PICK[what](a.months[m]) for a in leaf_rows if a.months]
                out.append(Constraint("column_total", "TOTAL", m + 1, f"{what} in {FISCAL_ABBR[m]}", parts, _PICK[what](totals.months[m]), what))
    # the totals row's targets are the sums of the leaf targets
    for field, total in (("target_work", totals.target_work), ("target_budget", totals.target_budget)):
        parts = [getattr(a, field) for a in leaf_rows]
        if total is not None and all(p is not None for p in parts):
            out.append(Constraint("grand_total", "TOTAL", None, field.replace("_", " "), parts, total))
    # ... and its budget is the budget received, block (5)
    if plan.header.budget_received is not None and totals.target_budget is not None:
        out.append(Constraint("grand_total", None, None, "budget received (5)", [totals.target_budget], plan.header.budget_received))
    return out
