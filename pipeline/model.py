"""The typed data that passes between stages.

Extractors produce a `Document` (pages of text lines and table cells, nothing
about months or sums).  Normalizers turn a `Document` into a `Plan`.
Validators add `Finding`s to the plan and set its status.  Writers turn plans
into the contract tables.  Everything here is plain dataclasses so that results
pickle cheaply across worker processes and Dask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SourceKind(str, Enum):
    PDF_TEXT = "pdf_text"
    PDF_SCAN = "pdf_scan"
    IMAGE = "image"
    OCR_TEXT = "ocr_text"


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page, origin top-left, in the page's own units
    (PDF points for text layers, pixels for images, line numbers for text
    exports)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


# --------------------------------------------------------------------------
# Extractor output: a neutral picture of the document
# --------------------------------------------------------------------------


@dataclass(slots=True)
class TextLine:
    """A line of free text outside any table."""

    text: str
    page: int
    box: Box | None = None
    confidence: float | None = None  # 0..1 where the source has one


@dataclass(slots=True)
class Cell:
    """One cell of a table grid.  `row`/`col` index the grid's top-left slot
    of the cell; merged cells span `rowspan` x `colspan` slots."""

    row: int
    col: int
    text: str
    page: int
    rowspan: int = 1
    colspan: int = 1
    box: Box | None = None
    confidence: float | None = None  # 0..1 where the source has one


@dataclass(slots=True)
class Table:
    """A ruled table found on one page.  A table that continues over pages is
    one `Table` per page; joining them is the normalizer's business."""

    page: int
    n_rows: int
    n_cols: int
    cells: list[Cell]
    box: Box | None = None

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the grid row they start in, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


@dataclass(slots=True)
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    dpi: float | None = None  # pixels per inch for scanned pages
    # what the reader saw of the page itself (a photo whose text is small),
    # passed on to the plan's findings by the normalizer
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """What every extractor returns."""

    source_kind: SourceKind
    pages: list[Page]

    def blocks(self) -> list[TextLine | Table]:
        """Lines and tables of all pages in reading order (page, then top)."""
        items: list[tuple[int, float, int, TextLine | Table]] = []
        for page in self.pages:
            for i, line in enumerate(page.lines):
                items.append((page.number, line.box.y0 if line.box else i, 0, line))
            for table in page.tables:
                top = table.box.y0 if table.box else 0.0
                items.append((page.number, top, 1, table))
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        return [t[3] for t in items]


# --------------------------------------------------------------------------
# Normalizer output: the plan in the form's own terms
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Num:
    """A number read from the document, with where it came from.

    `value` is None when the cell could not be read.  `raw` keeps the text as
    read so repairs and the review page can show it."""

    value: float | None
    raw: str = ""
    confidence: float | None = None
    page: int | None = None
    box: Box | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(slots=True)
class MonthPair:
    work: Num
    budget: Num


@dataclass(slots=True)
class Activity:
    seq: int
    code: str | None
    parent_code: str | None
    level: int | None
    description: str
    page: int
    target_work: Num | None = None
    target_budget: Num | None = None
    months: list[MonthPair] | None = None  # exactly 12 when present
    month_pairs_found: int | None = None  # how many pairs the source row had
    text_confidence: float | None = None  # OCR confidence of the description cell

    @property
    def has_numbers(self) -> bool:
        return self.target_work is not None or self.target_budget is not None or bool(self.months)


@dataclass(slots=True)
class TotalsRow:
    target_work: Num | None
    target_budget: Num | None
    months: list[MonthPair] | None
    page: int | None = None


@dataclass(slots=True)
class Indicator:
    number: int
    text: str
    target_percent: float | None


@dataclass(slots=True)
class Finding:
    check: str
    severity: str  # error | warning | info
    message: str
    code: str | None = None
    month_index: int | None = None
    expected: str | None = None
    found: str | None = None
    repaired: bool = False
    original_value: str | None = None
    repaired_value: str | None = None
    page: int | None = None
    box: Box | None = None


@dataclass(slots=True)
class PlanHeader:
    fiscal_year_be: int | None = None
    office: str | None = None
    province: str | None = None
    officer_name: str | None = None
    officer_position: str | None = None
    unit: str | None = None
    plan_program: str | None = None
    output_project: str | None = None
    main_activity: str | None = None
    responsible_entities: str | None = None
    budget_received: Num | None = None
    proposer_name: str | None = None
    proposer_position: str | None = None
    approver_name: str | None = None
    approver_position: str | None = None


@dataclass(slots=True)
class Plan:
    header: PlanHeader = field(default_factory=PlanHeader)
    activities: list[Activity] = field(default_factory=list)
    totals: TotalsRow | None = None
    indicators: list[Indicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    status: str = "ok"


@dataclass(slots=True)
class SourceInfo:
    """Facts about the source file, owned by the runner."""

    path: str  # relative to the input root
    sha256: str
    source_kind: str | None = None
    pages: int = 0
    effective_dpi: float | None = None  # lowest resolution any page was read at (scans, photos)

    @property
    def plan_id(self) -> str:
        return self.sha256[:16]


@dataclass(slots=True)
class Result:
    """One file's outcome: what the writers need."""

    source: SourceInfo
    plan: Plan
    seconds: float = 0.0
