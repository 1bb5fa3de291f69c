"""Which digits a page prints (Arabic or Thai), decided once per page so every
number cell is read with the right model."""

from __future__ import annotations

import numpy as np

from pipeline.extract.scan.cell_ink import Ink
from pipeline.extract.scan.number_text import NUMBER_RE, strip_number
from pipeline.extract.scan.number_widths import NumberWidths
from pipeline.extract.scan.page_prints import TablePrints
from pipeline.ocr.digits import NumberHeights
from pipeline.ocr.latin_digits import PageDigits
from pipeline.ocr.thai_digits import PageGlyphs


class DigitScript:
    """Which digits the page prints, learned from the first confident reads."""

    def __init__(self, photo: bool = False) -> None:
        self.photo = photo  # a phone photo's page: its tables' own prints re-decide unsure digits (`TablePrints`)
        self.prints: TablePrints | None = None  # the table's being read, on a photo (`table.read_grid`)
        self.thai = 0
        self.arabic = 0
        self.forced: bool | None = None  # decided by `vote_script`
        self.checked = 0  # Arabic-digit cells given a second opinion (`second_opinion`)
        self.overruled: set[str] = set()  # ... the digits of ours it changed
        self.glyphs_seen = 0  # Arabic digits compared with the glyph reader's (`glyph_vote`)
        self.glyphs_differ = 0  # ... where the two differed
        self.thai_glyphs = PageGlyphs()  # the page's sure Thai glyphs (`settle_thai_glyphs`)
        self.thai_heights = NumberHeights()  # the page's sure Thai-digit numbers' (`lone_thai_glyph`)
        # the last Thai-digit number cell the glyph reader read: its crop
        # and glyph count (`bold_rows`)
        self.thai_read: tuple[np.ndarray, int] | None = None
        self.latin_glyphs = PageDigits()  # the page's sure Arabic glyphs (`glyph_vote`)
        self.widths = NumberWidths()  # how wide the page prints its Arabic-digit numbers (`width_opinion`)
        self.first_reads: dict[tuple, tuple[str, float]] = {}  # Arabic number cells' readings before the glyph check
        self.glyph_memo: dict[tuple, list | None] = {}  # their glyphs (`number_cell._digit_glyphs`)
        # the last Arabic number cell past change by more of the page's glyphs
        self.settled: bool | None = None

    def note(self, text: str) -> None:
        for ch in text:
            if "0" <= ch <= "9":
                self.arabic += 1
            elif "๐" <= ch <= "๙":
                self.thai += 1

    @property
    def decided(self) -> bool | None:
        if self.forced is not None:
            return self.forced
        n = self.thai + self.arabic
        if n < 12:
            return None
        if self.thai >= 0.9 * n:
            return True
        if self.arabic >= 0.9 * n:
            return False
        return None


_VOTE_CELLS = 12


def vote_script(found: list[tuple], clean: np.ndarray, dpi: float, engine, script: DigitScript) -> None:
    """Decide the page's digit script before reading it: a few one-line
    number-sized cells from the lower half of the table (body rows, not the
    header), read with the mixed model; the majority of the confident
    readings' digits settles it.  Without it the first rows were read before
    the script was known, and the mixed model misreads Thai digits (๔ -> ๕)."""
    n_rows = max((gc.row + gc.rowspan for gc, _ in found), default=0)
    cands = [(gc, info) for gc, info in found
             if info.kind == "content" and info.bands == 1 and gc.colspan == 1 and gc.row >= n_rows // 2
             and info.box[3] - info.box[1] <= dpi / 5 and info.box[2] - info.box[0] <= dpi * 0.6]
    if len(cands) < 3:
        return
    pad = max(3, int(dpi / 60))

    def crop(info: Ink) -> np.ndarray:
        x0, y0, x1, y1 = info.box
        return clean[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]

    # by the glyphs' shapes first (no OCR): the mixed model reads many Thai
    # digits as Arabic ones (Loma: ๑๐ -> 90, ๒ -> 4) and tied the vote
    step = max(1, len(cands) // (2 * _VOTE_CELLS))
    thai = arabic = 0
    for gc, info in cands[::step][: 2 * _VOTE_CELLS]:
        t, a = engine.digit_votes(crop(info))
        thai, arabic = thai + t, arabic + a
    if thai + arabic >= 8 and max(thai, arabic) >= 0.8 * (thai + arabic):
        script.forced = thai > arabic
        return
    step = max(1, len(cands) // _VOTE_CELLS)
    thai = arabic = 0
    for gc, info in cands[::step][:_VOTE_CELLS]:
        res = engine.read_number(crop(info), thai_digits=None)
        text = strip_number(res.text)
        if res.confidence >= 0.6 and NUMBER_RE.match(text):
            thai += sum("๐" <= ch <= "๙" for ch in text)
            arabic += sum("0" <= ch <= "9" for ch in text)
    if thai + arabic >= 3:
        script.forced = thai > arabic
