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

from pathlib import Path

from pipeline.errors import LimitExceededError
from pipeline.extract.text_export.decoding import decode_bytes, looks_like_text
from pipeline.extract.text_export.flavour import detect_flavour
from pipeline.extract.text_export.html_export import parse_html
from pipeline.extract.text_export.lines import parse_lines
from pipeline.extract.text_export.markup import cell_text
from pipeline.extract.text_export.pages import Pages
from pipeline.model import Document
from pipeline.settings import Settings

__all__ = [
    "extract_text_export", "parse_text_export", "decode_bytes", "looks_like_text", "detect_flavour", "cell_text",
]


def parse_text_export(text: str) -> Document:
    """Parse an already decoded export (see the module doc)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    pages = Pages()
    flavour = detect_flavour(text)
    if flavour == "html":
        parse_html(text, pages)
    else:
        parse_lines(text, flavour, pages)
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
