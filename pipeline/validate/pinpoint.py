"""Name the cell a pair of failed checks meets in.

When exactly one row misses its target and exactly one month misses its
column total, for the same quantity, the wrong number sits where they cross:
both findings then name that row and month."""

from __future__ import annotations

from pipeline.model import Finding


def pinpoint(findings: list[Finding]) -> None:
    for what in ("work", "budget"):
        rows = [f for f in findings if f.check == f"row_sum_{what}" and f.code != "TOTAL"]
        cols = [f for f in findings if f.check == "column_total" and f.message.startswith(what)]
        if len(rows) == 1 and len(cols) == 1:
            rows[0].month_index = cols[0].month_index
            cols[0].code = rows[0].code
