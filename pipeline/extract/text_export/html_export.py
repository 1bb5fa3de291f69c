"""The HTML flavour: top-level tables (with their spans) -> tables, the text
around them -> lines, read by a tolerant event parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pipeline.extract.text_export.markup import BREAK_TAGS
from pipeline.extract.text_export.pages import Pages, page_marker, to_int

_PAGE_COMMENT_BODY = re.compile(r"^\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*$", re.IGNORECASE)


def _span(value: str | None) -> int:
    n = to_int((value or "1").strip().strip("'\"")) if value else 1
    return min(max(n or 1, 1), 1000)


class _HtmlExport(HTMLParser):
    """Tolerant event parser: tables -> rows of cells, the rest -> lines."""

    _SKIP = {"script", "style", "title", "head"}

    def __init__(self, pages: Pages) -> None:
        super().__init__(convert_charrefs=True)
        self.pages = pages
        self.y = 0  # running rendered-line counter
        self.skip = 0
        self.depth = 0  # <table> nesting
        self.line: list[str] = []
        # table state
        self.rows: list[list[tuple[int, int, int, str]]] = []
        self.ys: list[float] = []
        self.row: list[tuple[int, int, int, str]] | None = None
        self.row_y = 0.0
        self.occupied: set[tuple[int, int]] = set()
        self.col = 0
        self.cell: list[str] | None = None  # items of the open cell
        self.cell_buf: list[str] = []
        self.cell_span = (1, 1)
        self.cell_col = 0

    # ---- free text
    def _flush_line(self) -> None:
        text = "".join(self.line)
        self.line = []
        for part in text.split("\n"):
            t = " ".join(part.replace("\f", " ").split())
            if not t:
                continue
            marker = page_marker(t)
            if marker is not None:
                self._page_break(marker)
                continue
            self.pages.add_line(t, float(self.y))
            self.y += 1

    def _page_break(self, number: int | None) -> None:
        if self.depth:
            self._close_table()
            self.pages.goto(number)
            self.depth = 1  # keep reading the same table on the new page
        else:
            self._flush_line()
            self.pages.goto(number)

    # ---- cells
    def _cell_item(self) -> None:
        t = " ".join("".join(self.cell_buf).split())
        self.cell_buf = []
        if t and self.cell is not None:
            self.cell.append(t)

    def _open_cell(self, attrs: list[tuple[str, str | None]]) -> None:
        if self.row is None:
            self._open_row()
        self._close_cell()
        a = dict(attrs)
        colspan, rowspan = _span(a.get("colspan")), _span(a.get("rowspan"))
        r = len(self.rows)
        while (r, self.col) in self.occupied:
            self.col += 1
        self.cell_col = self.col
        self.cell_span = (colspan, rowspan)
        for dr in range(rowspan):
            for dc in range(colspan):
                self.occupied.add((r + dr, self.col + dc))
        self.col += colspan
        self.cell = []
        self.cell_buf = []

    def _close_cell(self) -> None:
        if self.cell is None:
            return
        self._cell_item()
        assert self.row is not None
        colspan, rowspan = self.cell_span
        self.row.append((self.cell_col, colspan, rowspan, "\n".join(self.cell)))
        self.cell = None

    def _open_row(self) -> None:
        self._close_row()
        self.row = []
        self.row_y = float(self.y)
        self.y += 1
        self.col = 0

    def _close_row(self) -> None:
        self._close_cell()
        if self.row is None:
            return
        self.rows.append(self.row)
        self.ys.append(self.row_y)
        self.row = None

    def _close_table(self) -> None:
        self._close_row()
        # drop rows without any cell at their start (e.g. only rowspan slots)
        rows = [(r, y) for r, y in zip(self.rows, self.ys) if r]
        if rows:
            # renumber rows: spans keep their own counts
            self.pages.add_table([r for r, _ in rows], [y for _, y in rows])
        self.rows, self.ys, self.occupied = [], [], set()
        self.depth = 0

    # ---- HTMLParser hooks
    def parse_html_declaration(self, i: int) -> int:
        """`<!...` constructs.  The standard library's parser raises
        AssertionError on some malformed ones (`<![00...`, found by
        fuzzing); such a `<!` is text, as a browser would show it."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.handle_data(self.rawdata[i : i + 2])
            return i + 2

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in self._SKIP:
            self.skip += 1
            return
        if tag == "table":
            if self.depth == 0:
                self._flush_line()
                self.depth = 1
            else:
                self.depth += 1
            return
        if self.depth == 1 and tag == "tr":
            self._open_row()
        elif self.depth == 1 and tag in ("td", "th"):
            self._open_cell(attrs)
        else:
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() in self._SKIP:
            self.skip = max(0, self.skip - 1)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "table":
            if self.depth == 1:
                self._close_table()
            elif self.depth > 1:
                self.depth -= 1
            return
        if self.depth == 1 and tag == "tr":
            self._close_row()
        elif self.depth == 1 and tag in ("td", "th"):
            self._close_cell()
        else:
            self._break(tag)

    def _break(self, tag: str) -> None:
        """A <p>/<br>/<div> boundary: a new item inside a cell, a new line
        outside tables."""
        if tag not in BREAK_TAGS:
            return
        if self.depth >= 1:
            if self.cell is not None:
                self._cell_item()
        else:
            self._flush_line()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.depth:
            if "\f" in data and self.depth == 1:
                before, _, after = data.partition("\f")
                self.handle_data(before)
                self._page_break(None)
                self.handle_data(after)
                return
            if self.cell is not None:
                self.cell_buf.append(data)
            return  # text between cells is layout whitespace
        if "\f" in data:
            before, _, after = data.partition("\f")
            self.line.append(before)
            self._page_break(None)
            self.handle_data(after)
            return
        self.line.append(data)

    def handle_comment(self, data: str) -> None:
        m = _PAGE_COMMENT_BODY.match(data)
        if m:
            self._page_break(to_int(m.group(1)))

    def close(self) -> None:
        super().close()
        if self.depth:
            self._close_table()
        self._flush_line()


def parse_html(text: str, pages: Pages) -> None:
    parser = _HtmlExport(pages)
    parser.feed(text)
    parser.close()
