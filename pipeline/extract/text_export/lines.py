"""The line-based flavours (tab, markdown): runs of tabular lines -> tables,
the other lines -> text lines."""

from __future__ import annotations

import re

from pipeline.extract.text_export.flavour import is_md_row
from pipeline.extract.text_export.markup import cell_text
from pipeline.extract.text_export.pages import Pages, page_marker

_CODE_ROW = re.compile(r"^\s*[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*\s+\S")
_MD_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _split_md(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return [p.replace("\\|", "|") for p in parts]


def parse_lines(text: str, flavour: str, pages: Pages) -> None:
    raw_lines = text.split("\n")
    is_row = (lambda s: "\t" in s) if flavour == "tab" else is_md_row
    split = (lambda s: s.split("\t")) if flavour == "tab" else _split_md

    # (line_no, text) items and page breaks (None, page)
    events: list[tuple[int | None, str | int | None]] = []
    for no, line in enumerate(raw_lines):
        line = line.rstrip("\r")
        parts = line.split("\f")
        for k, part in enumerate(parts):
            if k:
                events.append((None, None))
            marker = page_marker(part)
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
