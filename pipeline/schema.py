"""The six contract tables, declared once: columns, dtypes, ranges, keys.

`check_frame` runs before anything is written; a violation is a bug in
thaiplan, not in the input, so it raises."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

STR = "string"
INT = "Int64"
FLOAT = "float64"
BOOL = "boolean"


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: dict[str, str]
    key: tuple[str, ...]
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)


_MONTH_COLS = {
    "month_index": INT,
    "month_th": STR,
    "month": INT,
    "year_ce": INT,
    "quarter": INT,
    "work": INT,
    "budget_thb": FLOAT,
}
_MONTH_RANGES = {
    "month_index": (1, 12),
    "month": (1, 12),
    "quarter": (1, 4),
    "work": (0, 1e12),
    "budget_thb": (0, 1e15),
}

SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        TableSchema(
            "plans",
            {
                "plan_id": STR,
                "source_file": STR,
                "source_sha256": STR,
                "source_kind": STR,
                "pages": INT,
                "fiscal_year_be": INT,
                "fiscal_year_ce": INT,
                "office": STR,
                "province": STR,
                "officer_name": STR,
                "officer_position": STR,
                "unit": STR,
                "plan_program": STR,
                "output_project": STR,
                "main_activity": STR,
                "responsible_entities": STR,
                "budget_received_thb": FLOAT,
                "total_work": INT,
                "total_budget_thb": FLOAT,
                "proposer_name": STR,
                "proposer_position": STR,
                "approver_name": STR,
                "approver_position": STR,
                "status": STR,
                "n_findings": INT,
                "effective_dpi": FLOAT,
            },
            key=("plan_id",),
            ranges={"pages": (0, 1e6), "budget_received_thb": (0, 1e15), "total_work": (0, 1e12),
                    "total_budget_thb": (0, 1e15), "n_findings": (0, 1e9)},
            allowed={
                "status": ("ok", "repaired", "flagged", "failed"),
                "source_kind": ("pdf_text", "pdf_scan", "image", "ocr_text"),
            },
        ),
        TableSchema(
            "activities",
            {
                "plan_id": STR,
                "seq": INT,
                "code": STR,
                "parent_code": STR,
                "level": INT,
                "description": STR,
                "target_work": INT,
                "target_budget_thb": FLOAT,
                "page": INT,
            },
            key=("plan_id", "seq"),
            ranges={"seq": (1, 1e9), "level": (1, 10), "target_work": (0, 1e12), "target_budget_thb": (0, 1e15),
                    "page": (1, 1e6)},
        ),
        TableSchema(
            "monthly",
            {"plan_id": STR, "seq": INT, "code": STR, **_MONTH_COLS},
            key=("plan_id", "seq", "month_index"),
            ranges=_MONTH_RANGES,
        ),
        TableSchema("totals", {"plan_id": STR, **_MONTH_COLS}, key=("plan_id", "month_index"), ranges=_MONTH_RANGES),
        TableSchema(
            "indicators",
            {"plan_id": STR, "number": INT, "text": STR, "target_percent": FLOAT},
            key=(),
            ranges={"target_percent": (0, 1e6)},  # targets above 100 % exist (growth)
        ),
        TableSchema(
            "findings",
            {
                "plan_id": STR,
                "check": STR,
                "severity": STR,
                "code": STR,
                "month_index": INT,
                "expected": STR,
                "found": STR,
                "repaired": BOOL,
                "original_value": STR,
                "repaired_value": STR,
                "message": STR,
                "page": INT,
                "box_x0": FLOAT,
                "box_y0": FLOAT,
                "box_x1": FLOAT,
                "box_y1": FLOAT,
            },
            key=(),
            ranges={"month_index": (1, 12)},
            allowed={"severity": ("error", "warning", "info")},
        ),
    )
}


class SchemaViolation(AssertionError):
    """Raised when thaiplan is about to write a table that breaks the contract."""


def to_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A typed frame with exactly the declared columns, in order."""
    schema = SCHEMAS[name]
    frame = pd.DataFrame(rows, columns=list(schema.columns))
    for col, dtype in schema.columns.items():
        if dtype == FLOAT:
            frame[col] = pd.to_numeric(frame[col], errors="raise").astype(FLOAT).round(2)
        else:
            frame[col] = frame[col].astype(dtype)
    return frame


def check_frame(name: str, frame: pd.DataFrame) -> None:
    schema = SCHEMAS[name]
    if list(frame.columns) != list(schema.columns):
        raise SchemaViolation(f"{name}: columns {list(frame.columns)} != {list(schema.columns)}")
    for col, dtype in schema.columns.items():
        if str(frame[col].dtype) != dtype:
            raise SchemaViolation(f"{name}.{col}: dtype {frame[col].dtype}, declared {dtype}")
    for col, (lo, hi) in schema.ranges.items():
        values = frame[col].dropna()
        bad = values[(values < lo) | (values > hi)]
        if len(bad):
            raise SchemaViolation(f"{name}.{col}: {len(bad)} values outside {lo}..{hi}, e.g. {bad.iloc[0]}")
    for col, allowed in schema.allowed.items():
        bad = frame[col].dropna()[~frame[col].dropna().isin(allowed)]
        if len(bad):
            raise SchemaViolation(f"{name}.{col}: unexpected value {bad.iloc[0]!r}")
    if schema.key and frame.duplicated(list(schema.key)).any():
        dup = frame[frame.duplicated(list(schema.key), keep=False)].head(2)
        raise SchemaViolation(f"{name}: duplicate key {schema.key}:\n{dup}")
