"""Reading the activity table (7): which rows are headers, which columns hold
targets and months, and what each body row says.

Columns are found from the table's own header words (งาน/งบ under เป้าหมาย
and under each month), never from positions our generator happens to use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Activity, Cell, Finding, MonthPair, Num, Table, TotalsRow
from pipeline.normalize.codes import split_code
from pipeline.normalize.months import FISCAL_ABBR, match_month
from pipeline.normalize.numbers import read_num
from pipeline.normalize.thai_text import clean_thai, join_wrapped, strip_ocr_debris

N_NUMBER_COLS = 26  # target work, target budget, 12 x (work, budget)

_SUBHEADER = re.compile(r"^(งาน|งบ|ยว|งบฯ|งบประมาณ|บาท|งบ\(บาท\)|ผล|ปริมาณ)$")
_DIGIT = re.compile(r"[0-9๐-๙]")
_SUBHEADER_PAIR = re.compile(r"^(งาน|ผล|ปริมาณ)(งบ|ยว|งบฯ|งบประมาณ|บาท)$")
_COLUMN_NO = re.compile(r"^\(\s*[0-9๐-๙]{1,2}\s*\)$")
# the totals row "(12) รวม...": OCR drops a parenthesis ("(12 รวม") or reads
# a speck or rule stub as a glyph of its own ("5 (12) รวม", "(12) .รวม"); a
# bare number before รวม stays a row code
# its closing parenthesis read as a bracket or a rule stub ("(12] รวม",
# "(12| รวม"); a bare "12]" before รวม is still no more than a row code
_CLOSE = r"[)\]}|]"
_TOTALS = re.compile(
    rf"^\s*(?:\S{{1,2}}\s+(?=\())?(?:\(\s*[0-9๐-๙]{{2}}\s*{_CLOSE}?\s*|[0-9๐-๙]{{2}}\s*\)\s*)?[\s.,:;'`]*รวม")
# ... and at 200 dpi its รวม read as another short word ("(12) ราษแผนการใช้งบ
# ประมาณ", "(12) รีวณแผน..."): the form's column number and the rest of the
# label still tell it
_TOTALS_MISREAD = re.compile(rf"^\s*(?:\(\s*[0-9๐-๙]{{2}}\s*{_CLOSE}?|[0-9๐-๙]{{2}}\s*\))\s*\S{{1,4}}แผนการใช้งบ")
# ... or its column number read as Latin letters, the closing parenthesis
# kept, the label's head whole ("foe)รวมแผนการใช้งบประมาณ", "(ole)รวมแผนการ
# ใช่รบประมาณ": 200-dpi Sawasdee and Purisa ๑๒): no activity is named so
_TOTALS_NUMBER_GARBLED = re.compile(rf"^\s*[^\u0e00-\u0e7f\s]{{0,5}}{_CLOSE}\s*รวมแผนการใช")
_TABLE_WORDS = ("เป้าหมาย", "ไตรมาส", "ขั้นตอน")
QUARTER_COLUMNS = 6  # a quarter's three months, each a งาน | งบ pair


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_header_token(text: str) -> bool:
    t = _squash(text)
    if not t:
        return False
    return bool(
        _SUBHEADER.match(t)
        or _COLUMN_NO.match(t)
        or (("(" in t or ")" in t) and re.fullmatch(r"[()0-9๐-๙]{1,4}", t))
        or any(w in t for w in _TABLE_WORDS)
        or (len(t) <= 8 and match_month(t) is not None)
    )


def is_activity_table(table: Table) -> bool:
    """A table that carries the activity grid: it names เป้าหมาย/ไตรมาส or
    month headers, or is as wide as one (continuation pages may repeat no
    header at all)."""
    if table.n_cols >= N_NUMBER_COLS:
        return True
    texts = [_squash(c.text) for c in table.cells[:200]]
    months = sum(1 for t in texts if t and len(t) <= 8 and match_month(t) is not None)
    return months >= 6 or any("ไตรมาส" in t for t in texts)


def is_header_row(row: list[Cell]) -> bool:
    """A row of the table's head: by its words, or by the grid's shape (the
    description column's head cell spans the header rows, so a header row
    has no description cell of its own; a body row always has one)."""
    if row and (row[0].col > 0 or row[0].rowspan > 1):
        return True
    nonempty = [c for c in row if c.text.strip()]
    if not nonempty:
        return True
    first = _squash(nonempty[0].text)
    if "ขั้นตอน" in first or first.startswith("กิจกรรม/"):
        return True
    if nonempty[0].col == row[0].col and re.fullmatch(r"\(?[0-9๐-๙]{1,2}\)?", first):
        return True  # the column-number row (8) (9) (10) (11): a description is never a bare number
    tokens = sum(1 for c in nonempty if _is_header_token(c.text))
    if tokens >= 2 and tokens >= len(nonempty) / 2:
        return True
    # the column-number row misread (a photo, a 200-dpi scan): its cells
    # span the target pair and the month columns, a body row's number cells
    # never do, and it holds no description (a speck beside a number makes
    # it longer: "ซ่ 4 (๑๑)"; a cell over a quarter's months or more may
    # be read as a long run of debris, "SSS itis eS", but not of digits:
    # those would be figures a lost rule joined)
    merged = [c for c in row[1:] if c.colspan >= 2]
    return (len(merged) >= 2 and 2 * len(merged) >= len(row) - 1 and len(_squash(row[0].text)) <= 6
            and all(len(_squash(c.text)) <= 8 or _wide_debris(c) for c in row[1:]))


def _wide_debris(cell: Cell) -> bool:
    """A head cell over a quarter's months or more, read as letters and
    marks: no run of figures a lost rule joined (those hold digits)."""
    return cell.colspan >= QUARTER_COLUMNS and not _DIGIT.search(cell.text)


@dataclass(slots=True)
class ColumnLayout:
    """Where the numbers of a body row are: 26 column indices in order."""

    number_cols: list[int]
    month_header_texts: dict[int, str] = field(default_factory=dict)  # month index -> text

    @property
    def first_number_col(self) -> int:
        return self.number_cols[0]


def find_layout(header_rows: list[list[Cell]], n_cols: int) -> ColumnLayout | None:
    """Number columns from the sub-headers งาน/งบ; month texts from the row
    with the most month-like cells, placed by their columns."""
    sub: set[int] = set()
    target_col: int | None = None
    for row in header_rows:
        for cell in row:
            text = _squash(cell.text)
            if _SUBHEADER.match(text) and cell.colspan == 1:
                sub.add(cell.col)
            elif cell.colspan == 2 and _SUBHEADER_PAIR.match(text):
                sub.update((cell.col, cell.col + 1))  # a rule between งาน and งบ was lost
            elif "เป้าหมาย" in text and target_col is None:
                target_col = cell.col
    cols = sorted(sub)
    if len(cols) != N_NUMBER_COLS:
        if not header_rows or n_cols < N_NUMBER_COLS + 1:
            return None
        # the numbers start under เป้าหมาย; failing that, they are the last 26 columns
        first = target_col if target_col is not None and target_col + N_NUMBER_COLS <= n_cols else n_cols - N_NUMBER_COLS
        cols = list(range(first, first + N_NUMBER_COLS))
    layout = ColumnLayout(number_cols=cols)
    def months_named(row: list[Cell]) -> int:
        return sum(1 for c in row if c.col >= cols[2] and _squash(c.text) and match_month(c.text))

    # (a row that names no month, such as the quarter row above blank or
    # unreadable month cells, is no month row: its texts would be reported
    # as months out of place)
    month_row = max(header_rows, key=months_named, default=None)
    if month_row is not None and months_named(month_row):
        for cell in month_row:
            text = cell.text.strip()
            if not text or cell.col < cols[2]:
                continue
            pair = (cols.index(cell.col) - 2) // 2 + 1 if cell.col in cols else None
            if pair is not None and 1 <= pair <= 12:
                layout.month_header_texts.setdefault(pair, text)
    return layout


def month_header_findings(layout: ColumnLayout) -> list[Finding]:
    """Headers are evidence, not truth: columns are the 12 months in order.
    Report every header text that contradicts or cannot confirm its place."""
    findings = []
    if not layout.month_header_texts:
        return [
            Finding(
                check="month_header",
                severity="warning",
                message="no month headers could be read; months were taken by column position (Oct..Sep)",
            )
        ]
    for index in range(1, 13):
        text = layout.month_header_texts.get(index)
        if text is None:
            continue
        got = match_month(text)
        if got != index:
            read = "unreadable" if got is None else f"reads as {FISCAL_ABBR[got - 1]}"
            findings.append(
                Finding(
                    check="month_header",
                    severity="warning",
                    month_index=index,
                    expected=FISCAL_ABBR[index - 1],
                    found=text,
                    message=f"month header '{text}' ({read}) stands where {FISCAL_ABBR[index - 1]} belongs; mapped by position",
                )
            )
    return findings


@dataclass(slots=True)
class BodyRow:
    description: str
    code: str | None
    page: int
    numbers: list[Cell] | None  # cells in number-column order, None if the row has none
    printed_cells: int = 0  # number cells the row really has (OCR tools invent or drop some)
    is_totals: bool = False
    text_confidence: float | None = None  # OCR confidence of the description


def read_body_row(row: list[Cell], layout: ColumnLayout) -> BodyRow | None:
    first_num = layout.first_number_col
    desc_cells = [c for c in row if c.col < first_num]
    num_cells = [c for c in row if c.col >= first_num]
    raw_desc = " ".join(c.text for c in desc_cells if c.text.strip())
    description = clean_thai(join_wrapped(raw_desc.split("\n")))
    if any(c.confidence is not None for c in desc_cells):
        description = strip_ocr_debris(description)
    if not description and not any(c.text.strip() for c in num_cells) and not any(ch.isalnum() for ch in raw_desc):
        # a row with nothing read in it; a description read as debris only
        # ("Psionander" for a blurred Thai line) is still the grid's row:
        # dropping it would shift every row after it by one
        return None
    page = row[0].page
    is_totals = any(p.match(description) for p in (_TOTALS, _TOTALS_MISREAD, _TOTALS_NUMBER_GARBLED))
    code, text = (None, description) if is_totals else split_code(description)
    by_col = {c.col: c for c in num_cells}
    if not any(_DIGIT.search(c.text) for c in num_cells):
        numbers = None  # blanks, dashes or specks only: a row without figures
    else:
        numbers = [by_col.get(col) or Cell(row=row[0].row, col=col, text="", page=page) for col in layout.number_cols]
    confidences = [c.confidence for c in desc_cells if c.confidence is not None]
    return BodyRow(
        text,
        code,
        page,
        numbers,
        printed_cells=len(num_cells),
        is_totals=is_totals,
        text_confidence=min(confidences) if confidences else None,
    )


def _pairs(nums: list[Num]) -> list[MonthPair]:
    return [MonthPair(work=nums[i], budget=nums[i + 1]) for i in range(2, N_NUMBER_COLS, 2)]


def to_activity(row: BodyRow, seq: int) -> tuple[Activity, list[Finding]]:
    """An `Activity` from a body row, with a `month_count` finding when the
    row does not hold exactly 12 month pairs."""
    findings: list[Finding] = []
    activity = Activity(
        seq=seq,
        code=row.code,
        parent_code=None,
        level=None,
        description=row.description,
        page=row.page,
        text_confidence=row.text_confidence,
    )
    if row.numbers is None:
        return activity, findings
    nums = [read_num(c) for c in row.numbers]
    activity.target_work, activity.target_budget = nums[0], nums[1]
    pairs = (row.printed_cells - 2) // 2
    if pairs <= 0 or all(not c.text.strip() for c in row.numbers[2:]):
        return activity, findings  # a row that states only its targets (group rows often do)
    activity.month_pairs_found = pairs
    if pairs != 12:
        findings.append(
            Finding(
                check="month_count",
                severity="error",
                code=row.code,
                expected="12",
                found=str(pairs),
                message=f"row {row.code or row.description[:30]} has {pairs} month pairs, not 12; its targets are kept "
                "but its monthly values are not written",
                page=row.page,
            )
        )
        return activity, findings
    activity.months = _pairs(nums)
    return activity, findings


def to_totals(row: BodyRow) -> TotalsRow:
    if row.numbers is None:
        return TotalsRow(None, None, None, page=row.page)
    nums = [read_num(c) for c in row.numbers]
    return TotalsRow(nums[0], nums[1], _pairs(nums), page=row.page)
