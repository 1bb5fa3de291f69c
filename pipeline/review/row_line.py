"""The table row a finding is about, as the run read it."""

from __future__ import annotations

from html import escape as e

from pipeline.normalize.months import FISCAL_ABBR
from pipeline.review.cells import CellRef
from pipeline.review.context import Context
from pipeline.review.corrections import FIELDS
from pipeline.review.formatting import number_text, plain


def row_line(ctx: Context, plan: dict, ref: CellRef) -> str:
    """The row of the table the finding is about, as the run read it, with
    the named cell highlighted."""
    if ref.field not in FIELDS or ref.field == "budget_received" or not ref.code:
        return ""
    pid = plan["plan_id"]
    what = "work" if ref.field in ("work", "target_work") else "budget"
    money = what == "budget"
    if ref.code == "TOTAL":
        months = ctx.totals.get(pid, {})
        target = plan.get("total_work") if what == "work" else plan.get("total_budget_thb")
        desc = "รวมแผนการใช้งบประมาณ (12)"
    else:
        act = ctx.activities.get((pid, ref.code))
        months = ctx.monthly.get((pid, ref.code), {})
        if act is None and not months:
            return ""
        target = (act or {}).get("target_work" if what == "work" else "target_budget_thb")
        desc = plain((act or {}).get("description")) or ""
    col = "work" if what == "work" else "budget_thb"
    head = "".join(f"<th>{m}</th>" for m in FISCAL_ABBR)
    cells = []
    for i in range(1, 13):
        rec = months.get(i)
        hit = ' class="hit"' if ref.field == what and ref.month_index == i else ""
        cells.append(f"<td{hit}>{number_text(rec[col], money) if rec else ''}</td>")
    hit = ' class="hit"' if ref.field == f"target_{what}" else ""
    label = "งาน" if what == "work" else "งบ"
    return (
        (f'<div class="desc">{e(ref.code)} {e(desc)}</div>' if desc else "")
        + f'<table class="rowline"><tr><th>{label}</th><th>เป้าหมาย</th>{head}</tr>'
        f"<tr><th>{e(ref.code)}</th><td{hit}>{number_text(target, money)}</td>{''.join(cells)}</tr></table>"
    )
