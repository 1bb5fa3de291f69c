"""Pages of an export: its page markers, and the lines and tables collected
per page into a `Document`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Box, Cell, Document, Page, SourceKind, Table, TextLine

_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PAGE_LINE = re.compile(
    r"^\s*(?:-{2,}|={2,})\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*(?:-{2,}|={2,})\s*$", re.IGNORECASE
)
_PAGE_COMMENT = re.compile(r"^\s*<!--\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*-->\s*$", re.IGNORECASE)


def to_int(text: str) -> int | None:
    """Arabic or Thai digits -> int; None when it is no number."""
    try:
        return int(text.translate(_THAI_TO_ARABIC))
    except ValueError:
        return None


def page_marker(line: str) -> int | None:
    m = _PAGE_LINE.match(line) or _PAGE_COMMENT.match(line)
    return to_int(m.group(1)) if m else None


@dataclass
class _PageAcc:
    number: int
    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class Pages:
    """Lines and tables go to the current page; a page marker moves on."""

    def __init__(self) -> None:
        self.pages: dict[int, _PageAcc] = {}
        self.current = 1

    def page(self) -> _PageAcc:
        acc = self.pages.get(self.current)
        if acc is None:
            acc = self.pages[self.current] = _PageAcc(self.current)
        return acc

    def goto(self, number: int | None) -> None:
        self.current = number if number is not None and number > 0 else self.current + 1

    def add_line(self, text: str, y: float, indent: float = 0.0) -> None:
        for k, item in enumerate(i for i in text.split("\n") if i):
            self.page().lines.append(
                TextLine(text=item, page=self.current, box=Box(indent + k, y, indent + k + len(item), y + 1))
            )

    def add_table(self, rows: list[list[tuple[int, int, int, str]]], ys: list[float]) -> None:
        """rows: per row a list of (col, colspan, rowspan, text); ys: row lines."""
        if not rows:
            return
        cells: list[Cell] = []
        n_cols = 1
        for r, (row, y) in enumerate(zip(rows, ys)):
            for col, colspan, rowspan, text in row:
                y1 = ys[min(r + rowspan - 1, len(ys) - 1)] + 1
                cells.append(
                    Cell(
                        row=r, col=col, text=text, page=self.current, rowspan=rowspan, colspan=colspan,
                        box=Box(col, y, col + colspan, y1),
                    )
                )
                n_cols = max(n_cols, col + colspan)
        table = Table(
            page=self.current, n_rows=len(rows), n_cols=n_cols, cells=cells,
            box=Box(0, ys[0], n_cols, ys[-1] + 1),
        )
        self.page().tables.append(table)

    def document(self) -> Document:
        out: list[Page] = []
        for number in sorted(self.pages):
            acc = self.pages[number]
            if not acc.lines and not acc.tables:
                continue
            boxes = [line.box for line in acc.lines if line.box] + [t.box for t in acc.tables if t.box]
            width = max((b.x1 for b in boxes), default=1.0)
            height = max((b.y1 for b in boxes), default=1.0)
            out.append(Page(number=number, width=float(width), height=float(height), lines=acc.lines, tables=acc.tables))
        if not out:
            out.append(Page(number=1, width=1.0, height=1.0))
        return Document(source_kind=SourceKind.OCR_TEXT, pages=out)
