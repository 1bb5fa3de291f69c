"""Text exports of earlier OCR runs -> `Document` (source kind OCR_TEXT).

The flavour is detected from the content, never from the file name:

* ``html``     the text holds ``<table``, ``<tr``, ``<html`` or ``<body``: every top-level
               ``<table>`` is one `Table`; ``colspan``/``rowspan`` are
               respected (``col`` is the grid slot, spans are set); the text
               outside tables becomes `TextLine`s, one per source line or
               per ``<p>``/``<br>``/``<div>``-like block.
* ``markdown`` at least two lines look like ``| a | b |`` rows: those lines
               are table rows (``|---|`` separator lines are skipped,
               ``\\|`` is a literal bar).
* ``tab``      otherwise: lines with a tab are table rows.

In the two line-based flavours a table is a run of non-blank lines from the
first tabular line to the last one; a line inside that run without
separators (the sample's group rows ``1 สหกรณ์...``) is a one-cell row; so
is a line that starts with an activity code (``3``, ``3.1`` + space) right
before the first or after the last tabular line of the run (a group row at
a page break).
Lines outside tables are `TextLine`s (stripped; blank lines dropped).  A
blank line ends a table, so the (4)(5)(6) block and the activity table are
separate tables.

Cells: ``row`` is the table row (0-based, in order), ``col`` the position in
the row as printed (an empty cell is a cell with text ""); ``text`` is
stripped, with ``<p>...</p>`` runs (and ``<br>``) turned into
"\\n"-separated items, other tags dropped and HTML entities unescaped.
Boxes are in "text units": ``Box(col, line, col + colspan, line + 1)`` for
cells, ``Box(indent, line, indent + len(text), line + 1)`` for lines, where
``line`` is the 0-based source line (for HTML a running counter of rendered
lines, so reading order holds even when the markup sits on one line).

Pages: everything is page 1 unless the export marks pages with

* a form feed (``\\f``): the next page;
* a line ``--- page N ---`` (any run of 2+ ``-`` or ``=``; ``page``,
  ``Page``, ``หน้า``; Arabic or Thai digits): page N;
* ``<!-- page N -->`` (any flavour, also inside HTML): page N.

A page marker also ends a table (one `Table` per page).  Nothing here reads
months or numbers: that is the normalizer's job.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pipeline.errors import EmptyFileError, LimitExceededError, UnsupportedFileError
from pipeline.model import Box, Cell, Document, Page, SourceKind, Table, TextLine
from pipeline.settings import Settings

__all__ = [
    "extract_text_export", "parse_text_export", "decode_bytes", "looks_like_text", "detect_flavour", "cell_text",
]

_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PAGE_LINE = re.compile(
    r"^\s*(?:-{2,}|={2,})\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*(?:-{2,}|={2,})\s*$", re.IGNORECASE
)
_PAGE_COMMENT = re.compile(r"^\s*<!--\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*-->\s*$", re.IGNORECASE)
_PAGE_COMMENT_BODY = re.compile(r"^\s*(?:page|หน้า)\s*([0-9๐-๙]+)\s*$", re.IGNORECASE)
_CODE_ROW = re.compile(r"^\s*[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*\s+\S")
_MD_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_BREAK_TAGS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
_MARKUP_HINT = re.compile(r"<\s*/?\s*[a-zA-Z]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


# --------------------------------------------------------------------------
# bytes -> str
# --------------------------------------------------------------------------


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else TIS-620/cp874; binary ->
    `UnsupportedFileError`."""
    if not data:
        raise EmptyFileError()
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnsupportedFileError("undecodable UTF-16") from err
    if b"\x00" in data:
        raise UnsupportedFileError("binary content")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        for enc in ("cp874", "tis-620"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 100):
            raise UnsupportedFileError("binary content")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(3, len(text) // 50):
        raise UnsupportedFileError("binary content")
    return text


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file decode as a text export (UTF-8,
    UTF-16 with BOM, or TIS-620/cp874).  A multi-byte character cut at the
    end of `head` is tolerated.  For `pipeline.extract.detect_kind`."""
    if not head:
        return False
    for cut in range(4):
        try:
            decode_bytes(head[: len(head) - cut] if cut else head)
            return True
        except UnsupportedFileError:
            continue
        except EmptyFileError:
            return False
    return False


# --------------------------------------------------------------------------
# cell and line text
# --------------------------------------------------------------------------


def cell_text(raw: str) -> str:
    """Printed cell text -> clean text: ``<p>``/``<br>`` runs become
    "\\n"-separated items, other tags go, entities are unescaped."""
    if not _MARKUP_HINT.search(raw):
        return raw.strip()

    def repl(m: re.Match[str]) -> str:
        return "\n" if m.group(2).lower() in _BREAK_TAGS else ""

    text = html.unescape(_TAG.sub(repl, raw))
    items = [" ".join(part.split()) for part in text.split("\n")]
    return "\n".join(i for i in items if i)


def _to_int(text: str) -> int | None:
    try:
        return int(text.translate(_THAI_TO_ARABIC))
    except ValueError:
        return None


def _page_marker(line: str) -> int | None:
    m = _PAGE_LINE.match(line) or _PAGE_COMMENT.match(line)
    return _to_int(m.group(1)) if m else None


# --------------------------------------------------------------------------
# collecting pages
# --------------------------------------------------------------------------


@dataclass
class _PageAcc:
    number: int
    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class _Pages:
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


# --------------------------------------------------------------------------
# flavour detection
# --------------------------------------------------------------------------


def _is_md_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def detect_flavour(text: str) -> str:
    """``html``, ``markdown`` or ``tab`` from the content."""
    low = text.lower()
    if re.search(r"<\s*(table|tr|html|body)\b", low):
        return "html"
    if sum(1 for line in text.split("\n") if _is_md_row(line)) >= 2:
        return "markdown"
    return "tab"


# --------------------------------------------------------------------------
# tab / markdown
# --------------------------------------------------------------------------


def _split_md(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return [p.replace("\\|", "|") for p in parts]


def _parse_lines(text: str, flavour: str, pages: _Pages) -> None:
    raw_lines = text.split("\n")
    is_row = (lambda s: "\t" in s) if flavour == "tab" else _is_md_row
    split = (lambda s: s.split("\t")) if flavour == "tab" else _split_md

    # (line_no, text) items and page breaks (None, page)
    events: list[tuple[int | None, str | int | None]] = []
    for no, line in enumerate(raw_lines):
        line = line.rstrip("\r")
        parts = line.split("\f")
        for k, part in enumerate(parts):
            if k:
                events.append((None, None))
            marker = _page_marker(part)
            if marker is not None:
                events.append((None, marker))
            else:
                events.append((no, part))

    run: list[tuple[int, str]] = []

    def flush_run() -> None:
        if not run:
            return
        rows_idx = [i for i, (_, s) in enumerate(run) if is_row(s)]
        first, last = (rows_idx[0], rows_idx[-1]) if rows_idx else (len(run), -1)
        if rows_idx:
            # a group row ("3 กลุ่ม...", no separators) just before the first
            # or after the last tabular line, e.g. at a page break
            while first > 0 and _CODE_ROW.match(run[first - 1][1]):
                first -= 1
            while last < len(run) - 1 and _CODE_ROW.match(run[last + 1][1]):
                last += 1
        table_rows: list[list[tuple[int, int, int, str]]] = []
        ys: list[float] = []
        for i, (no, s) in enumerate(run):
            if first <= i <= last:
                if flavour == "markdown" and _MD_SEP.match(s):
                    continue
                cells = split(s) if is_row(s) else [s]
                table_rows.append([(c, 1, 1, cell_text(t)) for c, t in enumerate(cells)])
                ys.append(float(no))
            else:
                if i == last + 1 and table_rows:
                    pages.add_table(table_rows, ys)
                    table_rows, ys = [], []
                stripped = s.strip()
                pages.add_line(cell_text(stripped), float(no), float(len(s) - len(s.lstrip())))
        if table_rows:
            pages.add_table(table_rows, ys)
        run.clear()

    for no, item in events:
        if no is None:
            flush_run()
            pages.goto(item if isinstance(item, int) else None)
            continue
        assert isinstance(item, str)
        if not item.strip() and not is_row(item):  # a line of bare tabs is a row of empty cells
            flush_run()
            continue
        run.append((no, item))
    flush_run()


# --------------------------------------------------------------------------
# html
# --------------------------------------------------------------------------


def _span(value: str | None) -> int:
    n = _to_int((value or "1").strip().strip("'\"")) if value else 1
    return min(max(n or 1, 1), 1000)


class _HtmlExport(HTMLParser):
    """Tolerant event parser: tables -> rows of cells, the rest -> lines."""

    _SKIP = {"script", "style", "title", "head"}

    def __init__(self, pages: _Pages) -> None:
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
            marker = _page_marker(t)
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
        if tag not in _BREAK_TAGS:
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
            self._page_break(_to_int(m.group(1)))

    def close(self) -> None:
        super().close()
        if self.depth:
            self._close_table()
        self._flush_line()


def _parse_html(text: str, pages: _Pages) -> None:
    parser = _HtmlExport(pages)
    parser.feed(text)
    parser.close()


# --------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------


def parse_text_export(text: str) -> Document:
    """Parse an already decoded export (see the module doc)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    pages = _Pages()
    flavour = detect_flavour(text)
    if flavour == "html":
        _parse_html(text, pages)
    else:
        _parse_lines(text, flavour, pages)
    return pages.document()


def extract_text_export(path: Path, settings: Settings) -> Document:
    """Read a text export (.txt/.tsv/.md/.html of an earlier OCR run)."""
    data = Path(path).read_bytes()
    if len(data) > settings.max_bytes:
        raise LimitExceededError("bytes per file", len(data), "--max-bytes", settings.max_bytes)
    text = decode_bytes(data)
    doc = parse_text_export(text)
    if len(doc.pages) > settings.max_pages:
        raise LimitExceededError("pages per file", len(doc.pages), "--max-pages", settings.max_pages)
    return doc
