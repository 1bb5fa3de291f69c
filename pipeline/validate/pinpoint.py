"""Name the cell a pair of failed checks meets in.

When exactly one row misses its target and exactly one month misses its
column total, for the same quantity, the wrong number sits where they cross:
both findings then name that row and month."""

from __future__ import annotations

from pipeline.model import Finding
from pipeline.validate.constraints import Constraint


def pinpoint(failed: list[tuple[Constraint, Finding]]) -> None:
    for quantity in ("work", "budget"):
        rows = [f for c, f in failed if c.check == f"row_sum_{quantity}" and c.code != "TOTAL"]
        cols = [f for c, f in failed if c.check == "column_total" and c.quantity == quantity]
        if len(rows) == 1 and len(cols) == 1:
            rows[0].month_index = cols[0].month_index
            cols[0].code = rows[0].code
