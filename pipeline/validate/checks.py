"""The arithmetic an action plan must satisfy, as findings.

Nothing here changes a value; repair (issue 5) builds on these checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pipeline.model import Activity, Finding, MonthPair, Num, Plan
from pipeline.normalize.months import FISCAL_ABBR

TOL = 0.005  # money is compared to the satang


def _v(num: Num | None) -> float | None:
    return None if num is None else num.value


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(round(value))) if abs(value - round(value)) < TOL else f"{value:.2f}"


def _equal(a: float, b: float) -> bool:
    return abs(a - b) < TOL


def leaves(plan: Plan) -> list[Activity]:
    """Rows whose numbers count towards the totals: rows with figures none of
    whose children carry figures."""
    with_numbers = {a.code for a in plan.activities if a.has_numbers and a.code}
    parents_with_number_children = {a.parent_code for a in plan.activities if a.code in with_numbers}
    return [a for a in plan.activities if a.has_numbers and (a.code is None or a.code not in parents_with_number_children)]


def _label(activity: Activity) -> str:
    return activity.code or f"row {activity.seq}"


def unreadable_cells(plan: Plan) -> Iterator[Finding]:
    def cells(code: str | None, target_w: Num | None, target_b: Num | None, months: list[MonthPair] | None):
        yield code, None, "target work", target_w
        yield code, None, "target budget", target_b
        for i, pair in enumerate(months or []):
            yield code, i + 1, "work", pair.work
            yield code, i + 1, "budget", pair.budget

    items = [cells(a.code, a.target_work, a.target_budget, a.months) for a in plan.activities]
    if plan.totals:
        t = plan.totals
        items.append(cells("TOTAL", t.target_work, t.target_budget, t.months))
    if plan.header.budget_received is not None:
        items.append(iter([(None, None, "budget received (5)", plan.header.budget_received)]))
    for group in items:
        for code, month, what, num in group:
            if num is not None and num.value is None:
                yield Finding(
                    check="unreadable_cell",
                    severity="error",
                    code=code,
                    month_index=month,
                    found=num.raw,
                    page=num.page,
                    box=num.box,
                    message=f"{what} of {code or 'the plan'}"
                    + (f" in {FISCAL_ABBR[month - 1]}" if month else "")
                    + f" could not be read as a number ('{num.raw}'); check the source",
                )


def _row_sum(code: str, target: Num | None, months: list[MonthPair], pick: Callable[[MonthPair], Num], what: str):
    values = [_v(pick(p)) for p in months]
    total = _v(target)
    if total is None or any(v is None for v in values):
        return None
    found = sum(v for v in values if v is not None)
    if _equal(found, total):
        return None
    return Finding(
        check=f"row_sum_{what}",
        severity="error",
        code=code,
        expected=_fmt(total),
        found=_fmt(found),
        page=target.page if target else None,
        message=f"the 12 monthly {what} values of {code} add up to {_fmt(found)}, its target says {_fmt(total)}",
    )


def row_sums(plan: Plan) -> Iterator[Finding]:
    rows = [(_label(a), a.target_work, a.target_budget, a.months) for a in plan.activities if a.months]
    if plan.totals and plan.totals.months:
        rows.append(("TOTAL", plan.totals.target_work, plan.totals.target_budget, plan.totals.months))
    for code, tw, tb, months in rows:
        for target, pick, what in ((tw, lambda p: p.work, "work"), (tb, lambda p: p.budget, "budget")):
            finding = _row_sum(code, target, months, pick, what)
            if finding:
                yield finding


def children_sums(plan: Plan) -> Iterator[Finding]:
    """A group row that carries numbers equals the sum of its children."""
    children: dict[str, list[Activity]] = {}
    for a in plan.activities:
        if a.parent_code:
            children.setdefault(a.parent_code, []).append(a)
    for parent in plan.activities:
        kids = [k for k in children.get(parent.code or "", []) if k.has_numbers]
        if not parent.has_numbers or not kids:
            continue
        slots: list[tuple[str, int | None, Callable[[Activity], Num | None]]] = [
            ("target work", None, lambda a: a.target_work),
            ("target budget", None, lambda a: a.target_budget),
        ]
        if parent.months and all(k.months for k in kids):
            for m in range(12):
                slots.append(("work", m + 1, lambda a, m=m: a.months[m].work if a.months else None))
                slots.append(("budget", m + 1, lambda a, m=m: a.months[m].budget if a.months else None))
        for what, month, get in slots:
            own = _v(get(parent))
            parts = [_v(get(k)) for k in kids]
            if own is None or any(p is None for p in parts):
                continue
            found = sum(p for p in parts if p is not None)
            if not _equal(own, found):
                yield Finding(
                    check="children_sum",
                    severity="error",
                    code=parent.code,
                    month_index=month,
                    expected=_fmt(found),
                    found=_fmt(own),
                    message=f"{what} of {parent.code}"
                    + (f" in {FISCAL_ABBR[month - 1]}" if month else "")
                    + f" is {_fmt(own)} but its rows below add up to {_fmt(found)}",
                )


def column_totals(plan: Plan) -> Iterator[Finding]:
    """Each month's leaf rows add up to the totals row (12)."""
    if not plan.totals or not plan.totals.months:
        return
    rows = leaves(plan)
    if any(not a.months for a in rows):
        return  # a row without months (month_count) already says why
    for m in range(12):
        for what in ("work", "budget"):
            total = _v(getattr(plan.totals.months[m], what))
            parts = [_v(getattr(a.months[m], what)) for a in rows if a.months]
            if total is None or any(p is None for p in parts):
                continue
            found = sum(p for p in parts if p is not None)
            if not _equal(total, found):
                yield Finding(
                    check="column_total",
                    severity="error",
                    code="TOTAL",
                    month_index=m + 1,
                    expected=_fmt(found),
                    found=_fmt(total),
                    message=f"{what} in {FISCAL_ABBR[m]}: the rows add up to {_fmt(found)}, the totals row (12) says {_fmt(total)}",
                )


def grand_totals(plan: Plan) -> Iterator[Finding]:
    t = plan.totals
    if t is None:
        yield Finding(check="grand_total", severity="error", code="TOTAL", message="no totals row (12) was found")
        return
    rows = leaves(plan)
    for what, total, get in (
        ("target work", _v(t.target_work), lambda a: _v(a.target_work)),
        ("target budget", _v(t.target_budget), lambda a: _v(a.target_budget)),
    ):
        parts = [get(a) for a in rows]
        if total is None or any(p is None for p in parts):
            continue
        found = sum(p for p in parts if p is not None)
        if not _equal(total, found):
            yield Finding(
                check="grand_total",
                severity="error",
                code="TOTAL",
                expected=_fmt(found),
                found=_fmt(total),
                message=f"{what}: the rows add up to {_fmt(found)}, the totals row (12) says {_fmt(total)}",
            )
    received = _v(plan.header.budget_received)
    total_budget = _v(t.target_budget)
    if received is not None and total_budget is not None and not _equal(received, total_budget):
        yield Finding(
            check="grand_total",
            severity="error",
            code=None,
            expected=_fmt(total_budget),
            found=_fmt(received),
            message=f"budget received (5) is {_fmt(received)} but the totals row (12) plans {_fmt(total_budget)}",
        )


def duplicate_rows(plan: Plan) -> Iterator[Finding]:
    """Rows that repeat an earlier row word for word: OCR tools invent them."""
    seen: dict[tuple, Activity] = {}
    for a in plan.activities:
        key = (a.description, _v(a.target_work), _v(a.target_budget), a.month_pairs_found)
        if a.description and key in seen:
            yield Finding(
                check="duplicate_row",
                severity="warning",
                code=a.code,
                found=a.description[:80],
                message=f"row {_label(a)} repeats row {_label(seen[key])} word for word; check whether the source really has it twice",
            )
        seen.setdefault(key, a)


CHECKS = (unreadable_cells, row_sums, children_sums, column_totals, grand_totals, duplicate_rows)
