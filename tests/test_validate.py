"""Checks, repair and status on a small hand-built plan: each rule, and the
ambiguous case that must be flagged, not repaired."""

from __future__ import annotations

from pipeline.model import Plan
from pipeline.normalize.form import normalize_document
from pipeline.validate.validate import validate
from tests.handmade import small_plan_doc

# rows of the hand-built table: 3 header rows, then "1", "1.1", "1.2", totals
R_11, R_12, R_TOTAL = 4, 5, 6
TW, TB = 1, 2


def budget_col(month: int) -> int:
    return 4 + 2 * (month - 1)


def work_col(month: int) -> int:
    return 3 + 2 * (month - 1)


def plan_of(*tampers: tuple[int, int, str], policy: str = "all", confidence: float | None = None) -> Plan:
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    for r, c, text in tampers:
        cell = next(x for x in table.cells if x.row == r and x.col == c)
        cell.text = text
    if confidence is not None:
        for cell in table.cells:
            cell.confidence = confidence
    return validate(normalize_document(doc), policy)


def checks(plan: Plan) -> set[tuple[str, str | None, int | None]]:
    return {(f.check, f.code, f.month_index) for f in plan.findings}


def test_consistent_plan_is_ok() -> None:
    plan = plan_of()
    assert plan.status == "ok" and plan.findings == []


def test_changed_number_is_named_by_row_and_column_and_flagged() -> None:
    plan = plan_of((R_12, budget_col(7), "1,900"), policy="none")
    assert plan.status == "flagged"
    assert checks(plan) == {("row_sum_budget", "1.2", 7), ("column_total", "1.2", 7)}


def test_digital_text_is_never_repaired_by_default() -> None:
    plan = plan_of((R_12, budget_col(7), "1,900"), policy="ocr")
    assert plan.status == "flagged" and not any(f.repaired for f in plan.findings)


def test_cell_where_row_and_column_meet_is_repaired() -> None:
    plan = plan_of((R_12, budget_col(7), "1,900"), confidence=0.9, policy="ocr")
    assert plan.status == "repaired"
    (fix,) = plan.findings
    assert (fix.severity, fix.repaired, fix.code, fix.month_index) == ("info", True, "1.2", 7)
    assert (fix.original_value, fix.repaired_value) == ("1900", "1000")
    assert plan.activities[2].months is not None and plan.activities[2].months[6].budget.value == 1000


def test_row_target_is_repaired_when_months_agree_with_totals() -> None:
    plan = plan_of((R_11, TW, "8"))
    (fix,) = plan.findings
    assert (fix.code, fix.month_index, fix.original_value, fix.repaired_value) == ("1.1", None, "8", "3")
    assert plan.status == "repaired"


def test_totals_cell_and_budget_received_are_repaired() -> None:
    plan = plan_of((R_TOTAL, work_col(2), "7"))
    assert [(f.code, f.month_index, f.repaired_value) for f in plan.findings] == [("TOTAL", 2, "1")]
    doc = small_plan_doc()
    six = doc.pages[0].tables[0]
    next(c for c in six.cells if c.row == 1 and c.col == 1).text = "6,800 บาท"
    plan = validate(normalize_document(doc), "all")
    assert [(f.code, f.original_value, f.repaired_value) for f in plan.findings] == [(None, "6800", "6300")]


def test_unreadable_cell_is_filled_when_pinned_and_flagged_when_not_repairable() -> None:
    plan = plan_of((R_11, budget_col(1), "l0O"))
    assert [(f.code, f.month_index, f.repaired_value) for f in plan.findings] == [("1.1", 1, "100")]
    plan = plan_of((R_11, budget_col(1), "l0O"), policy="none")
    assert ("unreadable_cell", "1.1", 1) in checks(plan) and plan.status == "flagged"


def test_two_symmetric_errors_are_ambiguous_and_flagged_not_repaired() -> None:
    # 1.1 in Oct and 1.2 in Apr both 50 short: raising the crossing cells
    # 1.1/Apr and 1.2/Oct by 50 would satisfy the same checks just as well
    plan = plan_of((R_11, budget_col(1), "50"), (R_12, budget_col(7), "950"))
    assert plan.status == "flagged"
    assert not any(f.repaired for f in plan.findings)
    assert {("row_sum_budget", "1.1", None), ("row_sum_budget", "1.2", None)} <= checks(plan)
    assert {("column_total", "TOTAL", 1), ("column_total", "TOTAL", 7)} <= checks(plan)


def test_negative_crossing_values_do_not_make_a_case_ambiguous() -> None:
    # both 500 too high: lowering the crossing cells would make them negative
    plan = plan_of((R_11, budget_col(1), "600"), (R_12, budget_col(4), "500"))
    assert plan.status == "repaired"
    assert sorted((f.code, f.month_index, f.repaired_value) for f in plan.findings) == [("1.1", 1, "100"), ("1.2", 4, "0")]


def test_two_errors_in_one_row_are_flagged() -> None:
    plan = plan_of((R_11, budget_col(1), "200"), (R_11, budget_col(2), "300"))
    assert plan.status == "flagged" and not any(f.repaired for f in plan.findings)


def test_group_row_numbers_must_equal_children() -> None:
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    group = [c for c in table.cells if c.row == 3]
    group[0].text = "1 ส่งเสริมสหกรณ์"
    from pipeline.model import Cell

    for col, text in ((TW, "15"), (TB, "6,300")):
        table.cells.append(Cell(3, col, text, 1, box=group[0].box))
    assert validate(normalize_document(doc), "none").status == "ok"  # a group row with its children's sums
    table.cells[-1].text = "6,500"
    plan = validate(normalize_document(doc), "none")
    assert checks(plan) == {("children_sum", "1", None)}
    (finding,) = plan.findings
    assert (finding.expected, finding.found) == ("6300", "6500")


def test_low_confidence_number_no_check_covers_is_a_warning() -> None:
    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    totals = [c for c in table.cells if c.row == R_TOTAL]
    table.cells = [c for c in table.cells if c.row != R_TOTAL]  # no totals row: months of 1.1 stay covered by rows only
    six = doc.pages[0].tables[0]
    budget = next(c for c in six.cells if c.row == 1 and c.col == 1)
    budget.confidence = 0.3
    plan = validate(normalize_document(doc), "ocr")
    assert ("low_confidence", None, None) in checks(plan)
    assert totals  # the totals row was really removed


def test_the_cell_that_explains_most_failures_wins_over_one_that_explains_one() -> None:
    # the totals row's target budget wrong: its row sum, the grand total and
    # block (5) all fail; changing block (5) would explain only one of them
    plan = plan_of((R_TOTAL, TB, "6,309"))
    assert [(f.code, f.original_value, f.repaired_value) for f in plan.findings] == [("TOTAL", "6309", "6300")]


def test_a_group_total_is_not_changed_to_absorb_errors_in_its_rows() -> None:
    from pipeline.model import Cell

    doc = small_plan_doc()
    table = doc.pages[0].tables[1]
    group = next(c for c in table.cells if c.row == 3)
    for col, text in ((TW, "15"), (TB, "6,300")):
        table.cells.append(Cell(3, col, text, 1, box=group.box))
    next(c for c in table.cells if c.row == R_11 and c.col == TB).text = "308"
    next(c for c in table.cells if c.row == R_12 and c.col == TB).text = "5,990"
    plan = validate(normalize_document(doc), "all")
    assert plan.activities[0].target_budget is not None and plan.activities[0].target_budget.value == 6300
    assert not any(f.repaired and f.code == "1" for f in plan.findings)
    assert plan.status == "flagged"
