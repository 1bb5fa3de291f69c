"""The number a finding is about: which cell of the corrections file it
names (to prefill its form), and where every number cell of a plan sits on
its pages (to crop the named cell, not only the sum that was checked)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.review.corrections import norm_code

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CellRef:
    code: str | None
    month_index: int | None
    field: str | None  # one of corrections.FIELDS, None when no single number


_PREFIXES = (
    ("budget received", "budget_received"),
    ("target work", "target_work"),
    ("target budget", "target_budget"),
    ("work", "work"),
    ("budget", "budget"),
)


def guess_cell(check: str, code: str | None, month_index: int | None, message: str) -> CellRef:
    """The number a finding is about, as (code, month, field) of the
    corrections file, from the check and the message's first words."""
    msg = (message or "").strip().lower()
    if check in ("row_sum_work", "row_sum_budget"):
        what = check.removeprefix("row_sum_")
        return CellRef(code, month_index, what if month_index else f"target_{what}")
    if check in ("read_error", "unparsed", "month_header", "month_count", "duplicate_row"):
        return CellRef(code, month_index, None)
    field = None
    for prefix, f in _PREFIXES:
        if msg.startswith(prefix):
            field = f
            break
    if field is None and "budget received" in msg:
        field = "budget_received"
    if field is None:
        return CellRef(code, month_index, None)
    if field in ("work", "budget") and not month_index:
        field = f"target_{field}"
    if field.startswith("target_") or field == "budget_received":
        month_index = None
    if field == "budget_received":
        code = None
    return CellRef(code, month_index, field)


CellBoxes = dict[tuple[str | None, int | None, str], tuple[int, tuple[float, float, float, float]]]


def cell_boxes(source: Path | None, kind: str | None) -> CellBoxes:
    """Where every number cell of a plan sits, by (code, month, field), for
    sources that are cheap to read again (text layers, text exports): a
    finding's box is the sum it checked, the cell it names may sit elsewhere.
    Scans are not read again (OCR is slow): their findings show their own box."""
    if source is None or kind not in ("pdf_text", "ocr_text"):
        return {}
    try:
        from pipeline.extract import extract
        from pipeline.normalize.form import normalize_document
        from pipeline.settings import Settings
        from pipeline.validate.constraints import cells

        plan = normalize_document(extract(source, Settings()))
    except Exception as err:  # noqa: BLE001 - only a nicety of the page
        log.info("review: cannot re-read %s for cell boxes: %s", source, err)
        return {}
    out: CellBoxes = {}
    for num, place in cells(plan):
        if num.box is None or num.page is None:
            continue
        code = None if place.field == "budget_received" else norm_code(place.code)
        b = num.box
        out.setdefault((code, place.month_index, place.field), (num.page, (b.x0, b.y0, b.x1, b.y1)))
    return out
