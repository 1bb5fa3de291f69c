"""The checks of the contract, as findings.  Arithmetic checks come from the
shared equations in `constraints`; nothing here changes a value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.model import Activity, Finding, Plan
from pipeline.normalize.person_names import given_name_alone
from pipeline.validate.constraints import Constraint, cells, fmt, label


def arithmetic(constraints: list[Constraint]) -> Iterator[tuple[Constraint, Finding]]:
    """One error per equation that fails, with its equation (equations with
    an unreadable cell are left to `unreadable_cell`)."""
    for c in constraints:
        if not c.known or c.holds():
            continue
        found = sum(n.value for n in c.parts)  # type: ignore[misc]
        expected, found_s = (fmt(c.total.value), fmt(found))
        if c.check == "column_total" or c.check == "grand_total":
            expected, found_s = fmt(found), fmt(c.total.value)
            message = f"{c.what}: the rows add up to {expected}, the document says {found_s}"
        elif c.check == "children_sum":
            expected, found_s = fmt(found), fmt(c.total.value)
            message = f"{c.what} is {found_s} but its rows below add up to {expected}"
        else:
            message = f"the 12 monthly values ({c.what}) add up to {found_s}, the target says {expected}"
        yield c, Finding(
            check=c.check,
            severity="error",
            code=c.code,
            month_index=c.month_index,
            expected=expected,
            found=found_s,
            page=c.total.page,
            box=c.total.box,
            message=message,
        )


def unreadable_cells(plan: Plan) -> Iterator[Finding]:
    for num, place in cells(plan):
        if num.value is None:
            yield place.finding(
                num,
                "unreadable_cell",
                "error",
                f"{place.describe()} could not be read as a number ('{num.raw}'); check the source",
                found=num.raw,
            )


def missing_totals(plan: Plan) -> Iterator[Finding]:
    if plan.totals is None:
        yield Finding(check="grand_total", severity="error", code="TOTAL", message="no totals row (12) was found; check the last page")


def duplicate_rows(plan: Plan) -> Iterator[Finding]:
    """Rows that repeat an earlier row word for word: OCR tools invent them."""
    seen: dict[tuple, Activity] = {}
    for a in plan.activities:
        months = tuple((p.work.value, p.budget.value) for p in a.months or [])
        key = (a.description, _value(a.target_work), _value(a.target_budget), a.month_pairs_found, months)
        if not a.has_numbers:
            continue  # a group row may share its only child's name
        if a.description and key in seen:
            yield Finding(
                check="duplicate_row",
                severity="warning",
                code=a.code,
                found=a.description[:80],
                message=f"row {label(a)} repeats row {label(seen[key])} word for word; check whether the source has it twice",
            )
        seen.setdefault(key, a)


def indicator_percents(plan: Plan) -> Iterator[Finding]:
    """An indicator's ร้อยละ above 100: a misread digit more often than a real
    target ("ร้อยละ ๓๕๕" for ๙๕), kept as read and pointed out."""
    for ind in plan.indicators:
        if ind.target_percent is not None and ind.target_percent > 100:
            yield Finding(
                check="indicator_percent",
                severity="warning",
                found=f"{ind.target_percent:g}",
                message=f"indicator {ind.number} names ร้อยละ {ind.target_percent:g}, more than 100; check the source",
            )


# ร้อยละ whose number has a letter inside it ("ร้อยละ ๘ณ๕") or no number at
# all ("ร้อยละ ove!"): which digit the letter stands for cannot be told
_DOUBTFUL_PERCENT = re.compile(r"ร้อยละ\s*(?:[0-9๐-๙]+[^\s0-9๐-๙.,]{1,2}[0-9๐-๙]|[^\s0-9๐-๙])")


def indicator_numbers(plan: Plan) -> Iterator[Finding]:
    """An indicator whose ร้อยละ number was read with a letter inside it or
    without digits: the percent is kept as read (the digits before the
    letter, or none) and pointed out, as dropping the letter would guess."""
    for ind in plan.indicators:
        m = _DOUBTFUL_PERCENT.search(ind.text)
        if m:
            yield Finding(
                check="indicator_number",
                severity="warning",
                found=m.group(0),
                message=f"indicator {ind.number} reads '{m.group(0)}', not a plain number; check the source",
            )


# block (4)'s "จำนวน N แห่ง/กลุ่ม" with letters where the count should be, or
# nothing ("จำนวนจีแห่ง", "จำนวน แห่ง"): a count OCR could not read
_DOUBTFUL_COUNT = re.compile(r"จำนวน\s*(?:[^\s0-9๐-๙]{1,3}\s*)?(?=แห่ง|กลุ่ม)")


def entity_counts(plan: Plan) -> Iterator[Finding]:
    """A responsible entities' count read as letters or lost: the line is
    kept as read and pointed out (which digit the letters stand for cannot
    be told)."""
    for line in (plan.header.responsible_entities or "").split("\n"):
        m = _DOUBTFUL_COUNT.search(line)
        if m:
            yield Finding(
                check="entity_count",
                severity="warning",
                found=line,
                message=f"responsible entities read '{line}', its count is not a number; check the source",
            )


# Latin letters run into Thai ones, or across a bracket from them
# ("ทฤษฎี)via", "รัชนีnase"): OCR debris, as the form's Latin words
# (OTOP, Smart Farmer) stand apart from Thai words
_GLUED_LATIN = re.compile(r"[\u0e01-\u0e4e][()\[\]]?[A-Za-z]|[A-Za-z][()\[\]]?[\u0e01-\u0e4e]")
_TEXT_FIELDS = ("office", "province", "officer_name", "officer_position", "unit", "plan_program",
                "output_project", "main_activity", "responsible_entities", "proposer_name",
                "proposer_position", "approver_name", "approver_position")


def stray_latin(plan: Plan) -> Iterator[Finding]:
    """A header text with Latin letters glued to Thai ones: a Thai word
    misread, kept as read and pointed out."""
    for field in _TEXT_FIELDS:
        text = getattr(plan.header, field)
        if text and _GLUED_LATIN.search(text):
            yield Finding(
                check="stray_latin",
                severity="warning",
                found=text,
                message=f"{field} reads '{text}', Latin letters run into Thai ones; part of it was misread, check the source",
            )


_PEOPLE = {"officer_name": "the officer's name", "proposer_name": "the proposer's name (13)",
           "approver_name": "the approver's name (14)"}


def person_names(plan: Plan) -> Iterator[Finding]:
    """A name read without its family name, kept as read and pointed out
    (see `given_name_alone`)."""
    for field, what in _PEOPLE.items():
        name = getattr(plan.header, field)
        if given_name_alone(name):
            yield Finding(
                check="person_name",
                severity="warning",
                found=name,
                message=f"{what} reads {name} with no family name; the family name could not be read, check the source",
            )


def _value(num):
    return None if num is None else num.value

