"""What the page's sections share: where crops go, the run's inputs, and the
run's rows indexed by plan and activity code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.review.formatting import plain


@dataclass(slots=True)
class Context:
    """Built once per page; `written` collects the crops this page uses, so
    the stale ones of an earlier page can be removed."""

    crops_dir: Path
    roots: list[Path]
    scan_dpi: float
    activities: dict[tuple[str, str], dict]
    monthly: dict[tuple[str, str], dict[int, dict]]
    totals: dict[str, dict[int, dict]]
    written: set[str]


def index_rows(frames: dict[str, pd.DataFrame]) -> tuple[dict, dict, dict]:
    """Activities and month rows by (plan, code), totals rows by plan, each
    month row by its month; an activity without a code is keyed by its row."""
    acts: dict[tuple[str, str], dict] = {}
    for rec in _records(frames["activities"]):
        acts.setdefault((rec["plan_id"], _row_code(rec)), rec)
    monthly: dict[tuple[str, str], dict[int, dict]] = {}
    for rec in _records(frames["monthly"]):
        monthly.setdefault((rec["plan_id"], _row_code(rec)), {}).setdefault(int(rec["month_index"]), rec)
    totals: dict[str, dict[int, dict]] = {}
    for rec in _records(frames["totals"]):
        totals.setdefault(rec["plan_id"], {})[int(rec["month_index"])] = rec
    return acts, monthly, totals


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records") if len(frame) else []


def _row_code(rec: dict) -> str:
    return plain(rec["code"]) or f"row {plain(rec['seq'])}"
