"""One ruled grid -> `Table`: every cell's ink judged by shape, the page's
digit script settled, then each cell with content read once."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from pipeline.extract.grid import Grid
from pipeline.extract.scan.cell import is_word, number_shaped, read_cell
from pipeline.extract.scan.cell_ink import Ink, cell_ink, settle_specks
from pipeline.extract.scan.digit_script import DigitScript, vote_script
from pipeline.extract.scan.number_text import NUMBER_RE, strip_number
from pipeline.model import Box, Cell, Table


_DASH = "-"


def read_grid(grid: Grid, gray: np.ndarray, clean: np.ndarray, ink: np.ndarray, page_number: int, dpi: float, engine,
               script: DigitScript, margin: int) -> Table:
    H, W = ink.shape
    found: list[tuple] = []
    for gc in grid.cells:
        b = gc.box
        x0 = int(math.floor(b.x0)) + margin
        y0 = int(math.floor(b.y0)) + margin
        x1 = int(math.ceil(b.x1)) - margin
        y1 = int(math.ceil(b.y1)) - margin
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
        if x1 - x0 < 3 or y1 - y0 < 3:
            info = Ink("empty")
        else:
            info = cell_ink(ink, gray, x0, y0, x1, y1, dpi)
        found.append((gc, info))
    settle_specks(found)
    if script.decided is None:
        vote_script(found, clean, dpi, engine, script)
    cells: list[Cell] = []
    # per row: did its one-column number-shaped cells read as Thai words
    # (True) or as anything else (False) -- see `read_cell`'s words_row
    words: dict[int, bool] = {}
    unsure: list[tuple[int, tuple]] = []  # cells whose Thai glyphs the page's were unsure of
    for gc, info in found:
        b = gc.box
        if info.kind == "empty":
            text, conf = "", 0.99
        elif info.kind == "dash":
            text, conf = _DASH, 0.99
        else:
            script.thai_glyphs.unsure = None
            text, conf = read_cell(gray, clean, ink, info, b.width, gc.colspan, dpi, engine, script,
                                   words_row=words.get(gc.row, False))
            if script.thai_glyphs.unsure is not None:
                unsure.append((len(cells), script.thai_glyphs.unsure))
            if gc.colspan == 1 and number_shaped(info, b.width, dpi):
                words[gc.row] = words.get(gc.row, True) and is_word(text)
        cells.append(Cell(gc.row, gc.col, text, page_number, gc.rowspan, gc.colspan, Box(b.x0, b.y0, b.x1, b.y1), round(conf, 3)))
    for k, read in unsure:
        # settled again by the whole table's sure glyphs (`PageGlyphs.settle_again`),
        # where the cell's text is still the one settled then
        was, now = (strip_number(t) for t in script.thai_glyphs.settle_again(read))
        if now != was and cells[k].text == was and NUMBER_RE.match(now):
            cells[k] = dataclasses.replace(cells[k], text=now)
    script.thai_glyphs.unsure = None
    return Table(page_number, grid.n_rows, grid.n_cols, cells, grid.box)
