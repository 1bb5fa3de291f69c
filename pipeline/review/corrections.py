"""Corrections a person typed on the review page, fed back into the next run.

`corrections.csv` (as the review page downloads it; UTF-8, BOM optional):

    plan_id,code,month_index,field,value
    1d4a3cdea7fa56bb,1.4.1,3,budget,2800
    1d4a3cdea7fa56bb,TOTAL,,target_work,62
    1d4a3cdea7fa56bb,,,budget_received,152000

* `field` is one of work, budget (a month cell: month_index 1..12, fiscal
  order, 1 = ต.ค.), target_work, target_budget (the row's targets) or
  budget_received (block (5); code empty or TOTAL); month_index is empty for
  all but work/budget.
* `code` is the activity code as the tables show it (`1.2.3`, Thai digits
  accepted), `TOTAL` for the totals row (12), or `row N` for an unnumbered
  row (its seq).
* `value` is a plain number (commas, Thai digits and `-` for zero accepted).
* A later row for the same cell replaces an earlier one; blank lines are
  skipped; extra columns (e.g. a note) are ignored.

`apply_corrections` runs between normalize and validate: the corrected cell
gets the corrected value with `confidence=None`, so repair (which changes
only OCR-read cells) never touches it again and the plan's checks see the
corrected number.  Every applied correction is an `info` finding
`manual_correction` (not `repaired`, so a plan whose only changes are manual
corrections is `ok`); a correction that names no cell of the plan is a
`warning` finding `manual_correction`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ExitCode, ThaiplanError
from pipeline.model import Finding, Num, Plan
from pipeline.normalize.numbers import parse_number, to_arabic
from pipeline.validate.constraints import Place, cells, fmt

__all__ = [
    "COLUMNS",
    "FIELDS",
    "Correction",
    "CorrectionsError",
    "apply_corrections",
    "load_corrections",
    "write_corrections",
]

COLUMNS = ("plan_id", "code", "month_index", "field", "value")
MONTH_FIELDS = ("work", "budget")
TARGET_FIELDS = ("target_work", "target_budget", "budget_received")
FIELDS = MONTH_FIELDS + TARGET_FIELDS
CHECK = "manual_correction"


class CorrectionsError(ThaiplanError):
    """The corrections file cannot be used as it is (bad argument: exit 2)."""

    exit_code = ExitCode.BAD_ARGS


@dataclass(frozen=True, slots=True)
class Correction:
    plan_id: str
    code: str | None  # None only for budget_received
    month_index: int | None
    field: str
    value: float
    row: int = 0  # line of the corrections file (1 = header), for messages

    @property
    def key(self) -> tuple[str, str | None, int | None, str]:
        return (self.plan_id, self.code, self.month_index, self.field)


def norm_code(code: str | None) -> str | None:
    """`๑.๒` -> `1.2`, ` total ` -> `TOTAL`, `` -> None."""
    s = to_arabic(code or "").strip()
    if not s:
        return None
    if s.upper() == "TOTAL":
        return "TOTAL"
    return " ".join(s.split())


def _parse_row(rec: dict[str, str], line: int, where: str) -> Correction:
    def bad(msg: str) -> CorrectionsError:
        return CorrectionsError(f"{where} row {line}: {msg}; fix or delete that row and run again")

    plan_id = (rec.get("plan_id") or "").strip().lower()
    if not plan_id:
        raise bad("plan_id is empty")
    field = (rec.get("field") or "").strip().lower()
    if field not in FIELDS:
        raise bad(f"field {field!r} is not one of {', '.join(FIELDS)}")
    code = norm_code(rec.get("code"))
    if field == "budget_received":
        code = None  # block (5) belongs to the plan, not to a row
    elif code is None:
        raise bad(f"code is empty (an activity code such as 1.2, or TOTAL) for field {field}")
    month_text = to_arabic(rec.get("month_index") or "").strip()
    month: int | None = None
    if field in MONTH_FIELDS:
        try:
            month = int(float(month_text))
        except ValueError:
            raise bad(f"month_index {month_text!r} must be 1..12 (1 = ต.ค.) for field {field}") from None
        if not 1 <= month <= 12 or float(month_text) != month:
            raise bad(f"month_index {month_text!r} must be 1..12 (1 = ต.ค.) for field {field}")
    elif month_text:
        raise bad(f"month_index must be empty for field {field} (it has no month), not {month_text!r}")
    value_text = (rec.get("value") or "").strip()
    value = parse_number(value_text)
    if not value_text or value is None:
        raise bad(f"value {value_text!r} is not a number")
    if value < 0:
        raise bad(f"value {value_text!r} is negative")
    if field in ("work", "target_work") and abs(value - round(value)) > 1e-9:
        raise bad(f"value {value_text!r} must be a whole number for field {field}")
    return Correction(plan_id, code, month, field, round(value, 2), line)


def parse_corrections(text: str, where: str = "corrections") -> dict[str, list[Correction]]:
    """`load_corrections` on a string (for tests and the CLI)."""
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip().lower().lstrip("\ufeff") for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CorrectionsError(
            f"{where}: missing column(s) {', '.join(missing)}; the header must be {','.join(COLUMNS)}"
        )
    reader.fieldnames = header
    latest: dict[tuple, Correction] = {}
    for rec in reader:
        line = reader.line_num
        if None in rec:  # more cells than header columns
            raise CorrectionsError(f"{where} row {line}: more values than columns; is a value's comma unquoted?")
        if not any((v or "").strip() for v in rec.values()):
            continue
        corr = _parse_row(rec, line, where)
        latest.pop(corr.key, None)  # a later row wins, and keeps its place
        latest[corr.key] = corr
    out: dict[str, list[Correction]] = {}
    for corr in latest.values():
        out.setdefault(corr.plan_id, []).append(corr)
    return out


def load_corrections(path: Path) -> dict[str, list[Correction]]:
    """Read a corrections CSV; raise `CorrectionsError` (a `ThaiplanError`,
    exit code 2) naming the row of the first bad line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorrectionsError(f"cannot read the corrections file {path}: {err.strerror or err}") from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorrectionsError(f"{path}: not UTF-8 text (byte {err.start}); save it as CSV UTF-8") from err
    return parse_corrections(text, where=str(path))


def write_corrections(corrections: list[Correction], path: Path) -> Path:
    """The inverse of `load_corrections` (UTF-8 with BOM, like the page)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for c in corrections:
            code = "" if c.code is None else c.code
            w.writerow([c.plan_id, code, "" if c.month_index is None else c.month_index, c.field, fmt(c.value)])
    return Path(path)


def _create(plan: Plan, corr: Correction) -> Num | None:
    """A cell the document lacks but the plan has room for: a row's or the
    totals row's target, block (5).  Month cells are never invented."""
    new = Num(value=None)
    if corr.field == "budget_received":
        plan.header.budget_received = new
        return new
    if corr.field not in ("target_work", "target_budget"):
        return None
    if corr.code == "TOTAL":
        rows = [plan.totals] if plan.totals is not None else []
    else:
        rows = [a for a in plan.activities if norm_code(a.code) == corr.code or f"row {a.seq}" == corr.code]
    if len(rows) != 1:
        return None
    setattr(rows[0], corr.field, new)
    return new


def apply_corrections(plan: Plan, corrections: list[Correction]) -> list[Finding]:
    """Set the cells the corrections name (before `validate`); return one
    `manual_correction` finding per correction.  The caller adds them to
    `plan.findings`."""
    if not corrections:
        return []
    index: dict[tuple[str | None, int | None, str], list[Num]] = {}
    for num, place in cells(plan):
        code = None if place.field == "budget_received" else norm_code(place.code)
        index.setdefault((code, place.month_index, place.field), []).append(num)
    out: list[Finding] = []
    for corr in corrections:
        place = Place(corr.code, corr.month_index, corr.field)
        where = place.describe()
        targets = index.get((corr.code, corr.month_index, corr.field))
        if not targets:
            made = _create(plan, corr)
            targets = [made] if made is not None else []
        if not targets:
            out.append(
                Finding(
                    check=CHECK,
                    severity="warning",
                    code=corr.code,
                    month_index=corr.month_index,
                    expected=fmt(corr.value),
                    message=f"the correction for {where} (corrections row {corr.row}) names no cell of this plan; "
                    "check its code, month and field",
                )
            )
            continue
        for num in targets:
            before = num.raw if num.value is None else fmt(num.value)
            num.value = corr.value
            num.raw = fmt(corr.value)
            num.confidence = None  # a person's value: repair must leave it alone
            out.append(
                place.finding(
                    num,
                    CHECK,
                    "info",
                    f"{where} set to {fmt(corr.value)} by a manual correction (read as '{before}')",
                    expected=fmt(corr.value),
                    found=before,
                    original_value=before,
                    repaired_value=fmt(corr.value),
                )
            )
    return out

