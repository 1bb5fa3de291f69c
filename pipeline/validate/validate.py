"""Run every check over a plan, repair what the arithmetic pins down, and
set the plan's status."""

from __future__ import annotations

from pipeline.model import Plan
from pipeline.validate import checks
from pipeline.validate.constraints import build
from pipeline.validate.pinpoint import pinpoint
from pipeline.validate.repair import low_confidence, repair
from pipeline.validate.small_print import guessed_small_print
from pipeline.validate.status import plan_status


def validate(plan: Plan, repair_policy: str = "ocr") -> Plan:
    """`repair_policy`: `ocr` (repair OCR-read cells only), `all`, `none`."""
    constraints = build(plan)
    guessed = guessed_small_print(plan, constraints)
    if guessed is not None:
        plan.activities, plan.totals = [], None
        plan.findings = [guessed]
        plan.status = plan_status(plan.findings)
        return plan
    repairs = repair(plan, constraints, repair_policy)
    failed = list(checks.arithmetic(constraints))
    pinpoint(failed)
    found = [
        *checks.unreadable_cells(plan),
        *(finding for _, finding in failed),
        *checks.missing_totals(plan),
        *checks.duplicate_rows(plan),
        *checks.indicator_percents(plan),
        *checks.person_names(plan),
        *checks.indicator_numbers(plan),
        *checks.entity_counts(plan),
        *checks.stray_latin(plan),
        *low_confidence(plan, constraints),
    ]
    plan.findings.extend(repairs + found)
    plan.status = plan_status(plan.findings)
    return plan
