"""A phone photo of small print whose numbers were guessed, not read.

Text size alone does not say whether a photo can be read (at the same 4.9 px
one photo read 95 % of its number cells, another 29 %: faces differ), but a
plan checks itself: each row's 12 months add up to its target.  Where the
print is small (a `photo_quality` warning) and hardly any row adds up, the
numbers are guesses, and the plan is refused like a photo too small to read
(`failed`, its table dropped) rather than handed out as a table of them.
Rows whose digits were read all but a few still add up now and then: on the
generated photos, small print read 80 % right kept 20-31 % of its row sums,
read 29-63 % right 4-12 %.
"""

from __future__ import annotations

from pipeline.model import Finding, Plan
from pipeline.validate.constraints import Constraint

__all__ = ["guessed_small_print"]

MIN_SHARE_HOLDING = 0.15  # of the rows' sums, as read (before any repair)
MIN_SUMS = 6  # fewer rows' sums than this say too little to refuse a page by


def guessed_small_print(plan: Plan, constraints: list[Constraint]) -> Finding | None:
    """A `read_error` finding when `plan` is small print whose rows' sums,
    as read, mostly fail; None otherwise."""
    small = next((f for f in plan.findings if f.check == "photo_quality"), None)
    if small is None:
        return None
    sums = [c for c in constraints if c.check.startswith("row_sum")]
    if len(sums) < MIN_SUMS:
        return None
    holding = sum(c.known and c.holds() for c in sums)
    if holding >= MIN_SHARE_HOLDING * len(sums):
        return None
    return Finding(
        check="read_error",
        severity="error",
        page=small.page,
        message=f"photo too small to read: its text is about {small.found} tall and only {holding} of its "
        f"{len(sums)} row sums add up (needs >= {MIN_SHARE_HOLDING:.0%}): its numbers would be guesses; "
        "retake it closer or at a higher resolution",
    )
