"""Header reading that holds beyond the plans it was tuned on: the month
header row, and OCR slips in the header blocks and names."""

from __future__ import annotations

from pipeline.normalize.form import normalize_document
from tests.handmade import small_plan_doc


def test_quarter_row_is_no_month_row() -> None:
    """A table whose month cells are blank (or unreadable) has only its
    quarter row (ไตรมาส 1..4) over the numbers: that row names no month, so
    the months are taken by position with one warning, not four warnings
    calling each quarter a month out of place."""
    plan = normalize_document(small_plan_doc(months=[""] * 12))
    warnings = [f.message for f in plan.findings if f.check == "month_header"]
    assert warnings == ["no month headers could be read; months were taken by column position (Oct..Sep)"]
    assert [m.work.value for m in plan.activities[1].months[:4]] == [1, 1, 1, 0]
