"""One file's result as rows of the six contract tables."""

from __future__ import annotations

from pipeline.model import Box, MonthPair, Num, Result
from pipeline.normalize.months import FISCAL_MONTHS
from pipeline.normalize.numbers import as_int, money

TABLES = ("plans", "activities", "monthly", "totals", "indicators", "findings")

Rows = dict[str, list[dict]]


def _box_columns(box: Box | None) -> dict[str, float | None]:
    """Where on its page a finding points (page units: PDF points for text
    layers, pixels of the upright page image for scans)."""
    if box is None:
        return {"box_x0": None, "box_y0": None, "box_x1": None, "box_y1": None}
    return {"box_x0": box.x0, "box_y0": box.y0, "box_x1": box.x1, "box_y1": box.y1}


def _value(num: Num | None) -> float | None:
    return None if num is None else num.value


def _month_rows(months: list[MonthPair], fiscal_year_ce: int | None, base: dict) -> list[dict]:
    rows = []
    for fm, pair in zip(FISCAL_MONTHS, months):
        rows.append(
            {
                **base,
                "month_index": fm.index,
                "month_th": fm.abbr,
                "month": fm.month,
                "year_ce": fm.year_ce(fiscal_year_ce) if fiscal_year_ce else None,
                "quarter": fm.quarter,
                "work": as_int(pair.work.value),
                "budget_thb": money(pair.budget.value),
            }
        )
    return rows


def result_rows(result: Result) -> Rows:
    src, plan, h = result.source, result.plan, result.plan.header
    pid = src.plan_id
    fy_ce = h.fiscal_year_be - 543 if h.fiscal_year_be else None
    totals = plan.totals
    rows: Rows = {name: [] for name in TABLES}
    rows["plans"].append(
        {
            "plan_id": pid,
            "source_file": src.path,
            "source_sha256": src.sha256,
            "source_kind": src.source_kind,
            "pages": src.pages,
            "effective_dpi": round(src.effective_dpi, 1) if src.effective_dpi else None,
            "fiscal_year_be": h.fiscal_year_be,
            "fiscal_year_ce": fy_ce,
            "office": h.office,
            "province": h.province,
            "officer_name": h.officer_name,
            "officer_position": h.officer_position,
            "unit": h.unit,
            "plan_program": h.plan_program,
            "output_project": h.output_project,
            "main_activity": h.main_activity,
            "responsible_entities": h.responsible_entities,
            "budget_received_thb": money(_value(h.budget_received)),
            "total_work": as_int(_value(totals.target_work)) if totals else None,
            "total_budget_thb": money(_value(totals.target_budget)) if totals else None,
            "proposer_name": h.proposer_name,
            "proposer_position": h.proposer_position,
            "approver_name": h.approver_name,
            "approver_position": h.approver_position,
            "status": plan.status,
            "n_findings": len(plan.findings),
        }
    )
    for a in plan.activities:
        rows["activities"].append(
            {
                "plan_id": pid,
                "seq": a.seq,
                "code": a.code,
                "parent_code": a.parent_code,
                "level": a.level,
                "description": a.description,
                "target_work": as_int(_value(a.target_work)),
                "target_budget_thb": money(_value(a.target_budget)),
                "page": a.page,
            }
        )
        if a.months:
            rows["monthly"] += _month_rows(a.months, fy_ce, {"plan_id": pid, "seq": a.seq, "code": a.code})
    if totals and totals.months:
        rows["totals"] += _month_rows(totals.months, fy_ce, {"plan_id": pid})
    for ind in plan.indicators:
        rows["indicators"].append(
            {"plan_id": pid, "number": ind.number, "text": ind.text, "target_percent": ind.target_percent}
        )
    for f in plan.findings:
        rows["findings"].append(
            {
                "plan_id": pid,
                "check": f.check,
                "severity": f.severity,
                "code": f.code,
                "month_index": f.month_index,
                "expected": f.expected,
                "found": f.found,
                "repaired": f.repaired,
                "original_value": f.original_value,
                "repaired_value": f.repaired_value,
                "message": f.message,
                "page": f.page,
                **_box_columns(f.box),
            }
        )
    return rows
