"""One plan's section: its fields, then a card per finding."""

from __future__ import annotations

from html import escape as e

from pipeline.review.cells import cell_boxes
from pipeline.review.context import Context
from pipeline.review.crops import PageImages
from pipeline.review.finding import finding_card
from pipeline.review.formatting import number_text
from pipeline.review.sources import find_source


def plan_section(ctx: Context, plan: dict, findings: list[dict], text_cache: dict) -> str:
    """The plan's fields, then its findings' cards (one render of its pages for all crops)."""
    pid = plan["plan_id"]
    source = find_source(plan["source_file"], pid, ctx.roots) if plan.get("source_file") else None
    status = plan.get("status") or ""
    fy = plan.get("fiscal_year_be")
    fields = [
        ("ไฟล์", plan.get("source_file")),
        ("ชนิด", f"{plan.get('source_kind') or '–'} · {plan.get('pages') or 0} หน้า"),
        ("ปีงบประมาณ", f"{fy} ({plan.get('fiscal_year_ce')})" if fy else None),
        ("ผู้รับผิดชอบ", " · ".join(x for x in (plan.get("officer_name"), plan.get("officer_position")) if x)),
        ("กลุ่มงาน", plan.get("unit")),
        ("กิจกรรมหลัก", plan.get("main_activity")),
        ("งบประมาณที่ได้รับ (5)", number_text(plan.get("budget_received_thb"), True) + " บาท"),
        ("รวมเป้าหมาย (12)", f"{number_text(plan.get('total_work'))} งาน · {number_text(plan.get('total_budget_thb'), True)} บาท"),
    ]
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(str(v)) if v else '–'}</dd>" for k, v in fields)
    where_cells = cell_boxes(source, plan.get("source_kind"))
    with PageImages(source, plan.get("source_kind"), ctx.scan_dpi) as pages:
        cards = [
            finding_card(ctx, plan, f, n, pages, source, text_cache, where_cells)
            for n, f in enumerate(findings, start=1)
        ]
    missing = "" if source else '<p class="muted">ไม่พบไฟล์ต้นฉบับภายใต้โฟลเดอร์ที่ให้มา: ไม่มีภาพตัด</p>'
    return (
        f'<section class="plan" id="p-{pid}"><div class="plan-head">'
        f'<h2>{e(plan.get("office") or plan.get("source_file") or pid)}</h2>'
        f'<span class="badge s-{e(status)}">{e(status)}</span>'
        f'<span class="muted">plan_id {pid} · {len(findings)} ข้อสังเกต</span></div>'
        f'<dl class="fields">{dl}</dl>{missing}{"".join(cards)}</section>'
    )
