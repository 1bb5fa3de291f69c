"""The summary at the top: plans by status, findings by check, the budget chart."""

from __future__ import annotations

from collections import Counter
from html import escape as e

import pandas as pd

from pipeline.review.chart import budget_chart
from pipeline.review.formatting import SEVERITY_ORDER, STATUS_ORDER


def summary(plans: pd.DataFrame, findings: pd.DataFrame, totals: pd.DataFrame) -> str:
    """The panels above the plan sections."""
    status = Counter(plans["status"].dropna()) if len(plans) else Counter()
    stat = "".join(
        f'<div><span class="badge s-{s}">{s}</span><b>{status.get(s, 0)}</b></div>' for s in STATUS_ORDER
    )
    rows = []
    if len(findings):
        tab = findings.groupby(["check", "severity"]).size().unstack(fill_value=0)
        for sev in SEVERITY_ORDER:
            if sev not in tab.columns:
                tab[sev] = 0
        tab["total"] = tab[list(SEVERITY_ORDER)].sum(axis=1)
        tab = tab.sort_values(["error", "warning", "total"], ascending=False)
        for check, r in tab.iterrows():
            rows.append(
                f"<tr><td>{e(str(check))}</td>"
                + "".join(f'<td class="n">{int(r[s]) or ""}</td>' for s in SEVERITY_ORDER)
                + f'<td class="n"><b>{int(r["total"])}</b></td></tr>'
            )
    checks = (
        '<table><tr><th>check</th><th class="n">error</th><th class="n">warning</th><th class="n">info</th>'
        f'<th class="n">รวม</th></tr>{"".join(rows)}</table>'
        if rows
        else '<p class="muted">ไม่มีข้อสังเกต</p>'
    )
    total_budget = float(totals["budget_thb"].sum()) if len(totals) else 0.0
    return (
        '<div class="summary">'
        f'<div class="panel"><h3>แผนตามสถานะ ({len(plans)} แผน)</h3><div class="stat">{stat}</div></div>'
        f'<div class="panel"><h3>ข้อสังเกตตามการตรวจ ({len(findings)})</h3>{checks}</div>'
        f'<div class="panel wide"><h3>งบประมาณรายเดือน รวมทุกแผน (แถวรวม 12) · {total_budget:,.2f} บาท</h3>'
        f"{budget_chart(totals)}</div></div>"
    )
