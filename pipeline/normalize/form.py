"""The action-plan form: which blocks of a `Document` are the header, the
(4)-(6) table, the activity table (over all its pages) and the signatures."""

from __future__ import annotations

import re

from pipeline.errors import NotAPlanError
from pipeline.model import Activity, Document, Finding, Plan, Table, TextLine
from pipeline.normalize import activity_table as at
from pipeline.normalize.codes import code_level, infer_ocr_codes, parent_of, split_code
from pipeline.normalize.header import (
    is_blocks_456_table,
    parse_blocks_456,
    parse_header_lines,
    parse_signatures,
)
from pipeline.normalize.thai_text import clean_thai, strip_ocr_debris


_LEADING_DEBRIS = re.compile(r"^\S*[0-9๐-๙A-Za-z:;]\S*\s+")


def normalize_document(doc: Document) -> Plan:
    """The plan a document states.  Raises `NotAPlanError` when there is no
    activity table at all."""
    plan = Plan()
    plan.findings.extend(f for page in doc.pages for f in page.findings)
    blocks = doc.blocks()
    first_activity = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Table) and at.is_activity_table(b)), None
    )
    if first_activity is None:
        raise NotAPlanError("no table with เป้าหมาย/ไตรมาส/month columns")
    before = blocks[:first_activity]
    after_tables = [b for b in blocks[first_activity:] if isinstance(b, Table)]
    last_activity = max(i for i, b in enumerate(blocks) if isinstance(b, Table) and at.is_activity_table(b))
    after = blocks[last_activity + 1 :]

    head = [b for b in before if isinstance(b, TextLine)]
    parse_header_lines([_text_of(b) for b in head], plan.header, ocr=any(b.confidence is not None for b in head))
    for table in (b for b in before + after if isinstance(b, Table)):
        if is_blocks_456_table(table):
            plan.indicators = parse_blocks_456(table, plan.header)
    widths = {page.number: page.width for page in doc.pages}
    parse_signatures([b for b in after if isinstance(b, TextLine)], widths, plan.header)

    _read_activity_tables([t for t in after_tables if at.is_activity_table(t)], plan)
    _link_hierarchy(plan)
    _drop_specks_of_group_rows(plan)
    return plan


def _text_of(line: TextLine) -> str:
    """A free-text line; OCR'd lines lose the debris at their ends."""
    return line.text if line.confidence is None else strip_ocr_debris(clean_thai(line.text))


def _read_activity_tables(tables: list[Table], plan: Plan) -> None:
    layout: at.ColumnLayout | None = None
    seq = 0
    header_checked = False
    for table in tables:
        rows = table.rows()
        n_head = 0
        while n_head < len(rows) and at.is_header_row(rows[n_head]):
            n_head += 1
        if n_head:
            found = at.find_layout(rows[:n_head], table.n_cols)
            layout = found or layout
            if found and not header_checked:
                plan.findings += at.month_header_findings(found)
                header_checked = True
        if layout is None:
            layout = at.find_layout([], table.n_cols) or at.ColumnLayout(list(range(1, 1 + at.N_NUMBER_COLS)))
        for row in rows[n_head:]:
            body = at.read_body_row(row, layout)
            if body is None:
                continue
            if body.is_totals:
                plan.totals = at.to_totals(body)
                continue
            if plan.totals is not None:
                plan.findings.append(
                    Finding(
                        check="unparsed",
                        severity="warning",
                        page=body.page,
                        found=body.description[:80],
                        message="a row after the totals row (12) was not read as an activity",
                    )
                )
                continue
            seq += 1
            activity, findings = at.to_activity(body, seq)
            plan.activities.append(activity)
            plan.findings += findings


def _link_hierarchy(plan: Plan) -> None:
    """Levels and parents from the codes; OCR-read codes the outline pins
    down are put right first (a typed code is kept as written)."""
    acts = plan.activities
    hints = [split_code(_LEADING_DEBRIS.sub("", a.description))[0] if a.code is None else None for a in acts]
    inferred = infer_ocr_codes([a.code for a in acts], [a.text_confidence is not None for a in acts], hints)
    for activity, code in zip(acts, inferred):
        if code != activity.code:
            plan.findings.append(
                Finding(
                    check="code_sequence",
                    severity="info",
                    code=code,
                    expected=code,
                    found=activity.code,
                    repaired=True,
                    original_value=activity.code,
                    repaired_value=code,
                    page=activity.page,
                    message=f"row code read as {activity.code or 'nothing'} cannot stand there; the rows around it "
                    f"number it {code}",
                )
            )
            if activity.code is None:  # the misread code, and the code behind it
                activity.description = split_code(_LEADING_DEBRIS.sub("", activity.description))[1]
            activity.code = code
        activity.level = code_level(activity.code)
        activity.parent_code = parent_of(activity.code)


def _drop_specks_of_group_rows(plan: Plan) -> None:
    """An OCR-read group row (one with rows below it) whose targets show no
    digit carries no figures: a stray digit in its month cells is a speck.
    A group row that does carry figures always states its targets."""
    below: Activity | None = None  # the nearest numbered row below
    for a in reversed(plan.activities):
        # a group row by the row numbered below it (its first child), not by a
        # child anywhere: a misread code ("3" for 1) has "children" far down
        group = a.code is not None and below is not None and below.parent_code == a.code
        below = a if a.code else below
        if a.text_confidence is None or not group or not a.has_numbers:
            continue
        targets = [n for n in (a.target_work, a.target_budget) if n is not None]
        if not any(re.search(r"[0-9๐-๙]", n.raw) for n in targets):
            a.target_work = a.target_budget = None
            a.months = None
            a.month_pairs_found = None
