"""One ruled grid -> `Table`: every cell's ink judged by shape, the page's
digit script settled, then each cell with content read once."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from pipeline.extract.grid import Grid, GridCell
from pipeline.extract.scan.bold_rows import ThaiCell, thin_bold_rows
from pipeline.extract.scan.cell import NUMBER_COLUMN, number_shaped, read_cell
from pipeline.extract.scan.cell_ink import Ink, cell_ink, settle_specks, table_stroke
from pipeline.extract.scan.decimal_habit import restore_decimals
from pipeline.extract.scan.digit_script import DigitScript, vote_script
from pipeline.extract.scan.number_text import NUMBER_RE, is_word, strip_number
from pipeline.extract.scan.page_prints import SETTLED_CONFIDENCE, Doubt, TablePrints
from pipeline.extract.scan.same_words import SameWords
from pipeline.model import Box, Cell, Table
from pipeline.ocr.thai_digits import joined
from pipeline.ocr.zero_one import split_zero_one


_DASH = "-"
# a table of at least this many dash cells, this many per lone ๐, prints
# its zeros as dashes (`_lone_zeros_as_ones`)
_DASHED_TABLE, _DASHES_PER_ZERO = 10, 5
LONE_ONE_CONFIDENCE = 0.55  # (below `validate.repair.LOW_CONFIDENCE`: doubted)


def read_grid(grid: Grid, gray: np.ndarray, clean: np.ndarray, ink: np.ndarray, page_number: int, dpi: float, engine,
               script: DigitScript, margin: int, faint_glyphs: bool = False, restored: np.ndarray | None = None) -> Table:
    """The grid's cells read; `faint_glyphs`: see `cell_ink`; `restored`:
    see `read_cell`."""
    H, W = ink.shape
    found: list[tuple] = []
    for gc in grid.cells:
        x0, y0, x1, y1 = cell_inside(gc, margin, W, H)
        if x1 - x0 < 3 or y1 - y0 < 3:
            info = Ink("empty")
        else:
            info = cell_ink(ink, gray, x0, y0, x1, y1, dpi, faint_glyphs)
        found.append((gc, info))
    settle_specks(found)
    if script.photo:
        script.prints = TablePrints()
    if script.decided is None:
        vote_script(found, clean, dpi, engine, script)
    if _without_dirt(found, gray, ink, dpi, margin, faint_glyphs):
        # (after the vote: with the cells measured again first, it took a
        # 300-dpi Noto Sans Thai page for Arabic digits)
        settle_specks(found)
    cells: list[Cell] = []
    # per row: how many of its one-column number-shaped cells so far read
    # as Thai words, and how many as anything else (Latin letters aside) --
    # see `read_cell`'s words_row and `_words_row`
    words: dict[int, list[int]] = {}
    same: dict[int, SameWords] = {}  # per row: its sure header words by look (`SameWords`)
    under_header: set[tuple[int, int]] = set()  # (row, col) right under a merged header word (`_sub_headers`)
    # Arabic number cells the page's own glyphs could not settle, read
    # while they knew fewer digits than at the end (see `_read_again`)
    again: list[tuple[int, int, bool]] = []
    unsure: list[tuple[int, tuple]] = []  # cells whose Thai glyphs the page's were unsure of
    settled: list[tuple[int, tuple]] = []  # every Thai-digit cell the page's glyphs settled (`split_zero_one`)
    doubts: list[tuple[int, Doubt]] = []  # a photo's unsure Arabic number cells (`TablePrints`)
    thai: list[ThaiCell] = []  # the Thai-digit number cells the glyph reader read (`thin_bold_rows`)
    for gc, info in found:
        b = gc.box
        if info.kind == "empty":
            text, conf = "", 0.99
        elif info.kind == "dash":
            text, conf = _DASH, 0.99
        else:
            script.settled = None
            script.thai_glyphs.latest = script.thai_glyphs.unsure = None
            script.thai_read = None
            if script.prints is not None:
                script.prints.last = None
            known = script.latin_glyphs.n_known
            words_row = _words_row(words.get(gc.row)) or (gc.row, gc.col) in under_header
            text, conf = read_cell(gray, clean, ink, info, b.width, gc.colspan, dpi, engine, script,
                                   words_row=words_row, same=same.setdefault(gc.row, SameWords()), restored=restored)
            if script.settled is False:
                again.append((len(cells), known, words_row))
            if script.prints is not None and script.prints.last is not None:
                doubts.append((len(cells), script.prints.last))
            if script.thai_glyphs.unsure is not None:
                unsure.append((len(cells), script.thai_glyphs.unsure))
            if script.thai_glyphs.latest is not None:
                settled.append((len(cells), script.thai_glyphs.latest))
            if script.thai_read is not None and NUMBER_RE.match(text):
                thai.append(ThaiCell(len(cells), gc.row, *script.thai_read))
            if gc.colspan == 1 and number_shaped(info, b.width, dpi) and not _latin_letters(text):
                words.setdefault(gc.row, [0, 0])[0 if is_word(text) else 1] += 1
            if gc.colspan >= 2 and number_shaped(info, b.width, dpi) and is_word(text):
                under_header.update(_sub_headers(gc))
        cells.append(Cell(gc.row, gc.col, text, page_number, gc.rowspan, gc.colspan, Box(b.x0, b.y0, b.x1, b.y1), round(conf, 3)))
    _read_again(again, found, cells, gray, clean, ink, dpi, engine, script, restored)
    _settle_thai_again(unsure, cells, script)
    _split_zero_one(settled, cells)
    _settle_by_prints(doubts, cells, script)
    for k, text in thin_bold_rows(thai, [c.text for c in cells], [c.confidence or 0.0 for c in cells], engine).items():
        cells[k] = dataclasses.replace(cells[k], text=text)
    _lone_zeros_as_ones(cells)
    return Table(page_number, grid.n_rows, grid.n_cols, restore_decimals(cells), grid.box)


def _lone_zeros_as_ones(cells: list[Cell]) -> None:
    """A cell read as a lone ๐ in a table that prints its zeros as dashes
    is a ๑ whose small curl the scan blurred (Sawasdee's ๑ is a ring with
    a short tail inside: nine lone ๑s of seed 9797 plan 10 read ๐): the
    table's own habit says no zero is written as a digit.  Read with a
    confidence the checks doubt (`LONE_ONE_CONFIDENCE`), so a row's sums
    can still say otherwise."""
    dashes = sum(c.text == _DASH for c in cells)
    lone = [k for k, c in enumerate(cells) if c.text.strip() == "๐"]
    if not lone or dashes < _DASHED_TABLE or dashes < _DASHES_PER_ZERO * len(lone):
        return
    for k in lone:
        cells[k] = dataclasses.replace(cells[k], text="๑", confidence=min(cells[k].confidence or 1.0, LONE_ONE_CONFIDENCE))


def _without_dirt(found: list[tuple], gray: np.ndarray, ink: np.ndarray, dpi: float, margin: int,
                  faint_glyphs: bool) -> bool:
    """The number-column cells (no wider than `number_shaped`'s) whose ink
    made more than one band measured again with the table's stroke width
    known (`table_stroke`, from the first measure): solid dirt clear of
    their glyphs or dash no longer counts (`cell_ink`'s `stroke`; a
    description's marks below its line stay).  Whether any was measured
    again (its new measure still to settle, `settle_specks`)."""
    stroke = table_stroke(found)
    if stroke is None:
        return False
    H, W = ink.shape
    again = False
    for k, (gc, info) in enumerate(found):
        if info.kind == "content" and info.bands > 1 and gc.box.width <= dpi * NUMBER_COLUMN:
            found[k] = (gc, cell_ink(ink, gray, *cell_inside(gc, margin, W, H), dpi, faint_glyphs, stroke))
            again = True
    return again


def cell_inside(gc: GridCell, margin: int, W: int, H: int) -> tuple[int, int, int, int]:
    """The cell's pixels inside its rules (`margin` off each side), on the page."""
    b = gc.box
    return (max(0, int(math.floor(b.x0)) + margin), max(0, int(math.floor(b.y0)) + margin),
            min(W, int(math.ceil(b.x1)) - margin), min(H, int(math.ceil(b.y1)) - margin))


def _words_row(counts: list[int] | None) -> bool:
    """A row of header words (งาน | งบ): more of its number-shaped cells
    read as Thai words than as anything else.  (All of them, as it was,
    let one header word misread as digits send the rest of the row down
    the number path, three reads a cell instead of one: on scan20b's Noto
    Sans Thai plan, every header row after its first few cells.)"""
    return counts is not None and counts[0] > counts[1]


def _sub_headers(gc: GridCell) -> list[tuple[int, int]]:
    """The cells right under a merged cell that reads as one short word (a
    month over its งาน | งบ pair): the labels of the columns it spans, read
    as a words row from their first cell on (down the number path a row's
    first header word took seven to eleven reads before the row had shown
    itself a words row; a number there still reads as one, one text read
    later)."""
    return [(gc.row + gc.rowspan, c) for c in range(gc.col, gc.col + gc.colspan)]


def _latin_letters(text: str) -> bool:
    """Latin letters alone: what the text model makes of a header word
    now and then (Noto Sans Thai's งบ read 'vu', 'DU'), neither a word nor
    a value for `_words_row`."""
    t = "".join(text.split())
    return bool(t) and t.isascii() and t.isalpha()


def _settle_thai_again(unsure: list[tuple[int, tuple]], cells: list[Cell], script: DigitScript) -> None:
    """The Thai-digit cells whose ๐/๑ the page's glyphs were unsure of,
    settled again by the whole table's sure glyphs (`PageGlyphs.settle_again`:
    a new page's first rows are read before it has shown its own ๑s), where
    the cell's text is still the one settled then."""
    for k, read in unsure:
        _give_glyphs(cells, k, read, script.thai_glyphs.settle_again(read))
    script.thai_glyphs.unsure = None


def _split_zero_one(settled: list[tuple[int, tuple]], cells: list[Cell]) -> None:
    """The Thai-digit cells with their ๐/๑ decided by the table's own
    (`split_zero_one`), where the cell's text is still the one settled."""
    for (k, read), out in zip(settled, split_zero_one([read for _, read in settled])):
        _give_glyphs(cells, k, read, out)


def _give_glyphs(cells: list[Cell], k: int, read: tuple, out: list[str]) -> None:
    """Cell `k` given the Thai glyphs `out` in place of the reading's
    (`read`, whose glyphs then become `out`) -- where the cell's text is
    still that reading's and `out` makes a number."""
    was, now = strip_number(joined(read[2])), strip_number(joined(out))
    if now != was and cells[k].text == was and NUMBER_RE.match(now):
        cells[k] = dataclasses.replace(cells[k], text=now)
        read[2][:] = out


def _settle_by_prints(doubts: list[tuple[int, Doubt]], cells: list[Cell], script: DigitScript) -> None:
    """A photo's unsure Arabic number cells with their digits re-decided
    by the whole table's sure prints (`TablePrints.settle`), where the
    cell's text is still the one noted (`_read_again` may have changed it)."""
    if script.prints is None:
        return
    for k, doubt in doubts:
        now = script.prints.settle(doubt)
        if now != doubt.text and cells[k].text == doubt.text:
            conf = min(cells[k].confidence or 0.0, SETTLED_CONFIDENCE)
            cells[k] = dataclasses.replace(cells[k], text=now, confidence=conf)
    script.prints = None


def _read_again(again: list[tuple[int, int, bool]], found: list[tuple], cells: list[Cell], gray: np.ndarray,
                clean: np.ndarray, ink: np.ndarray, dpi: float, engine, script: DigitScript,
                restored: np.ndarray | None) -> None:
    """The Arabic number cells read before the page had shown its digits
    (`PageDigits`: a handwriting face's first row, read before the page's
    own 7s and 9s were known) read once more, now that it has, when the
    page's glyphs could not settle them then and know more digits now.
    The page's glyphs learn nothing from the second reads (a glyph kept
    twice would look like its own neighbour)."""
    page = script.latin_glyphs
    todo = [(k, words_row) for k, known, words_row in again if known < page.n_known]
    if not todo or script.decided is not False:
        script.first_reads.clear()
        script.glyph_memo.clear()
        return
    page.frozen = True
    try:
        for k, words_row in todo:
            gc, info = found[k]
            text, conf = read_cell(gray, clean, ink, info, gc.box.width, gc.colspan, dpi, engine, script,
                                   words_row=words_row, restored=restored)
            cells[k] = dataclasses.replace(cells[k], text=text, confidence=round(conf, 3))
    finally:
        page.frozen = False
        script.first_reads.clear()
        script.glyph_memo.clear()
