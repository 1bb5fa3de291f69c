"""A text page: characters placed into the cells of the ruled grids become
`Table`s, the rest become `TextLine`s."""

from __future__ import annotations

import numpy as np

from pipeline.extract.grid import Grid
from pipeline.extract.pdf.chars import Chars
from pipeline.extract.pdf.frame import Frame
from pipeline.extract.pdf.text import join_chars, text_lines
from pipeline.extract.pdf.thai_marks import marks_follow_their_base
from pipeline.model import Cell, Page, Table


def text_page(page_no: int, frame: Frame, chars: Chars, grids: list[Grid]) -> Page:
    """Tables first: the characters they hold are not read again as lines."""
    tables, used = _tables(chars, grids, page_no)
    free = np.nonzero(~used)[0]
    lines = text_lines(chars, free, page_no)
    return Page(number=page_no, width=float(frame.width), height=float(frame.height), lines=lines, tables=tables)


def _tables(chars: Chars, grids: list[Grid], page_no: int) -> tuple[list[Table], np.ndarray]:
    """Tables from grids; returns them and the mask of characters placed."""
    used = np.zeros(len(chars), dtype=bool)
    tables: list[Table] = []
    real = ~chars.gen
    for grid in grids:
        re_ = np.asarray(grid.row_edges)
        ce = np.asarray(grid.col_edges)
        n_r, n_c = len(re_) - 1, len(ce) - 1
        slot = np.full((n_r, n_c), -1, dtype=int)
        for k, gc in enumerate(grid.cells):
            slot[gc.row : gc.row + gc.rowspan, gc.col : gc.col + gc.colspan] = k
        r = np.searchsorted(re_, chars.cy, side="right") - 1
        c = np.searchsorted(ce, chars.cx, side="right") - 1
        inside = (r >= 0) & (r < n_r) & (c >= 0) & (c < n_c) & ~used
        owner = np.full(len(chars), -1, dtype=int)
        owner[inside] = slot[r[inside], c[inside]]
        marks_follow_their_base(chars.text, owner, inside)
        # generated characters sit on their neighbour's box, so they land in
        # its cell (and are skipped when the text is assembled)
        placed = owner >= 0
        used |= placed
        members: list[list[int]] = [[] for _ in grid.cells]
        for i in np.nonzero(placed & real)[0].tolist():
            members[owner[i]].append(i)
        cells: list[Cell] = []
        for k, gc in enumerate(grid.cells):
            text = (
                join_chars(chars, np.array(members[k], dtype=int), strict_thai=True, cell=gc.box)
                if members[k]
                else ""
            )
            cells.append(
                Cell(
                    row=gc.row,
                    col=gc.col,
                    text=text,
                    page=page_no,
                    rowspan=gc.rowspan,
                    colspan=gc.colspan,
                    box=gc.box,
                    confidence=None,
                )
            )
        tables.append(Table(page=page_no, n_rows=n_r, n_cols=n_c, cells=cells, box=grid.box))
    return tables, used
