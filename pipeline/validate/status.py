"""The plan's status, exactly as the contract defines it."""

from __future__ import annotations

from pipeline.model import Finding

FAILING_CHECKS = {"read_error"}


def plan_status(findings: list[Finding], readable: bool = True) -> str:
    if not readable or any(f.check in FAILING_CHECKS for f in findings):
        return "failed"
    if any(f.severity == "error" for f in findings):
        return "flagged"
    if any(f.repaired for f in findings):
        return "repaired"
    return "ok"
