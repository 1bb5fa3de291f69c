"""How the run's values read on the review page: missing values, numbers,
fiscal months, a finding's place, and the order statuses and severities are
listed in."""

from __future__ import annotations

import pandas as pd

from pipeline.normalize.months import FISCAL_ABBR

STATUS_ORDER = {"flagged": 0, "failed": 1, "repaired": 2, "ok": 3}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def plain(v):
    """None for pandas' missing values, else the plain Python value."""
    if v is None or v is pd.NA:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v.item() if hasattr(v, "item") else v


def number_text(v, money: bool = False) -> str:
    """Thousands separators; money keeps satang unless they are zero."""
    v = plain(v)
    if v is None:
        return "–"
    if money:
        return f"{v:,.2f}".removesuffix(".00")
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def _month_name(m) -> str:
    m = plain(m)
    return f"{FISCAL_ABBR[int(m) - 1]}" if m else ""


def where_text(code, month) -> str:
    """Where a finding sits, as a reader of the form names it."""
    code, month = plain(code), plain(month)
    parts = []
    if code == "TOTAL":
        parts.append("รวม (12)")
    elif code:
        parts.append(f"แถว {code}")
    if month:
        parts.append(_month_name(month))
    return " · ".join(parts)
