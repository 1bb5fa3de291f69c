"""Whether a page's ruled tables read upright as the page stands, from a
few of their own text cells: then the page needs no orientation pass
(`orientation.quarter_turns`: its blob search and reads cost 0.12-0.15 CPU
s on each upright page, 5-7 % of a scan page's time, and nearly every page
is upright)."""

from __future__ import annotations

import numpy as np

from pipeline.extract.grid import Grid
from pipeline.extract.scan.cell import ink_crop, number_shaped
from pipeline.extract.scan.cell_ink import cell_ink
from pipeline.extract.scan.table import cell_inside

# the bar `quarter_turns` holds two upright lines to: on scan20b the first
# such cells of upright pages read 0.90-0.95, but for one cell of 0.81-0.89
# among the first two on 4 of 41 pages; the same pages upside down
# 0.37-0.82 (their title lines 0.0-0.85)
SURE_UPRIGHT = 0.9
CELLS = 2  # cells that must read that sure ...
MISSES = 1  # ... while no more than this many read below it
# cells with content looked at: a table's heading rows come first and hold
# such lines (scan20b's upright pages: found among the first 3-10); on a
# sideways page none qualifies, and measuring all its cells cost 0.1-0.3 s
LOOKED_AT = 24


def cells_read_upright(grids: list[Grid], gray: np.ndarray, clean: np.ndarray, ink: np.ndarray, dpi: float,
                       margin: int, engine) -> bool:
    """The page's tables read upright: of their text cells that hold one
    line of words running across (ink at least three times as wide as tall,
    a text column's, not a number's), among the first `LOOKED_AT` cells
    with content, `CELLS` read at `SURE_UPRIGHT` or better before more than
    `MISSES` read below it.  On a sideways page such lines run down and no
    cell qualifies; upside down they read below the bar.  The crops are the
    ones the table's own reads take (`ink_crop`): the engine answers those
    from memory when the table reads them soon after."""
    H, W = ink.shape
    sure = seen = misses = 0
    for grid in grids:
        for gc in grid.cells:
            x0, y0, x1, y1 = cell_inside(gc, margin, W, H)
            if x1 - x0 < 3 or y1 - y0 < 3:
                continue
            info = cell_ink(ink, gray, x0, y0, x1, y1, dpi)
            if info.kind != "content":
                continue
            seen += 1
            if seen > LOOKED_AT:
                return False
            if info.bands != 1 or number_shaped(info, gc.box.width, dpi):
                continue
            bx0, by0, bx1, by1 = info.box
            if by1 - by0 > dpi / 7 or bx1 - bx0 < 3 * (by1 - by0):
                continue
            if engine.read_text(ink_crop(clean, info, dpi)[0], single_line=True).confidence < SURE_UPRIGHT:
                misses += 1
                if misses > MISSES:
                    return False
                continue
            sure += 1
            if sure == CELLS:
                return True
    return False
