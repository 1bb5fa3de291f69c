"""Run every check over a plan and set its status."""

from __future__ import annotations

from pipeline.model import Plan
from pipeline.validate.checks import CHECKS
from pipeline.validate.pinpoint import pinpoint
from pipeline.validate.status import plan_status


def validate(plan: Plan) -> Plan:
    for check in CHECKS:
        plan.findings.extend(check(plan))
    pinpoint(plan.findings)
    plan.status = plan_status(plan.findings)
    return plan
