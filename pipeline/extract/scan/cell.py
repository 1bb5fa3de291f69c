"""One cell's ink -> its text: a merged header's month, a number, or text."""

from __future__ import annotations

import numpy as np

from pipeline.extract.scan.cell_ink import Ink
from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.month_header import read_month_header
from pipeline.extract.scan.number_cell import read_number_cell
from pipeline.extract.scan.number_text import NUMBER_RE, is_word, strip_number
from pipeline.extract.scan.same_words import SameWords
from pipeline.extract.scan.text_cell import read_text_cell


# a text read of a number-shaped cell in a row of words stands from this
# confidence on (the number path keeps a reading with letters only from 0.8)
WORD_CONFIDENCE = 0.8
NUMBER_COLUMN = 1.2  # a number's cell is at most this many inches wide


def number_shaped(ink: Ink, cell_w: float, dpi: float) -> bool:
    """One line of glyphs no wider than a number, in a narrow cell: read as
    a number first."""
    x0, y0, x1, y1 = ink.box
    return ink.bands == 1 and y1 - y0 <= dpi / 5 and cell_w <= dpi * NUMBER_COLUMN and x1 - x0 <= dpi


def ink_crop(clean: np.ndarray, ink: Ink, dpi: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The cell's ink box, padded, cut from `clean` (what its reads see),
    and the crop's top-left corner on the page."""
    h, w = clean.shape
    pad = max(3, int(dpi / 60))
    x0, y0, x1, y1 = ink.box
    cx0, cy0 = max(0, x0 - pad), max(0, y0 - pad)
    return clean[cy0 : min(h, y1 + pad), cx0 : min(w, x1 + pad)], (cx0, cy0)


# how much surer Tesseract must be of a number read with the rule's half
# kept (`_rule_kept`)
RULE_KEPT_MARGIN = 0.2


def _rule_kept(clean: np.ndarray, restored: np.ndarray, crop: np.ndarray, origin: tuple[int, int], engine,
               script: DigitScript) -> tuple[np.ndarray, np.ndarray]:
    """The page image and crop a number cell is read from: `restored`'s
    when the crop holds part of a rule a glyph runs into and Tesseract
    reads a well-formed number there, `RULE_KEPT_MARGIN` surer than in
    `clean`.  A 0 under its rule read 'C' or went unread without the rule
    (24,10C at 0.3, 257.40 at 0.0: 0.96 with it), while a whole 0 that
    only touches it gains a bar (43,150.00 read 43,150,001)."""
    x0, y0 = origin
    other = restored[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]]
    if np.array_equal(other, crop):
        return clean, crop
    now = engine.read_number(crop, thai_digits=script.decided)
    kept = engine.read_number(other, thai_digits=script.decided)
    if (NUMBER_RE.match(strip_number(kept.text)) and kept.confidence >= now.confidence + RULE_KEPT_MARGIN
            and _an_end_glyph_mended(strip_number(now.text), strip_number(kept.text))):
        return restored, other
    return clean, crop


def _an_end_glyph_mended(now: str, kept: str) -> bool:
    """Whether `kept` is the number `now` with a glyph at one end added or
    read otherwise: the only glyph a rule can cut is the one against it
    (24,10 -> 24,100; 14,556 -> 14,550), digits compared (the comma of
    24,10 reads as a decimal point).  A reading with no digit has nothing
    to mend (a dash against its rule read ๑ with the rule's half)."""
    now, kept = "".join(filter(str.isdigit, now)), "".join(filter(str.isdigit, kept))
    if not now:
        return False
    if len(kept) == len(now) + 1:
        return kept.startswith(now) or kept.endswith(now)
    return len(kept) == len(now) and (kept[:-1] == now[:-1] or kept[1:] == now[1:])


def read_cell(gray: np.ndarray, clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, cell_w: float, colspan: int,
              dpi: float, engine, script: DigitScript, words_row: bool = False,
              same: SameWords | None = None, restored: np.ndarray | None = None) -> tuple[str, float]:
    """The cell's text and confidence.  One narrow line is a number (or, in a
    merged cell, a month header); anything else is text.  `words_row`: the
    row's number-shaped cells so far all read as Thai words (a header row
    of งาน | งบ): this one is read as a line of text first, and kept when it
    reads as a confident word (the number path reads such a word five to
    seven times -- whitelist, unrestricted retry, a second scale -- before
    the same text read); `same`: the row's sure words so far, whose reading
    a cell of the same look takes without a read of its own; `restored`:
    `clean` with the rules' halves that glyphs run into kept, which a
    number touching its rule is read from when Tesseract is much surer
    of it there (`_rule_kept`)."""
    crop, (cx0, cy0) = ink_crop(clean, ink, dpi)
    ink_w = ink.box[2] - ink.box[0]
    numberish = number_shaped(ink, cell_w, dpi)
    unsure_number = None  # the glyphs' unsure Thai-digit number, should the text read make no word
    if (not numberish and ink.bands in (2, 3) and ink.main_bands == 1 and script.decided is not None and colspan == 1
            and cell_w <= dpi * NUMBER_COLUMN):
        # one line of glyphs plus a speck above or below it, or both
        # (scanner dirt makes a band of its own): a number when the glyphs
        # alone read as one (with specks both above and below, the text
        # read of the whole cell read Garuda's ๓๐๐๐ '“nooo' and Noto Sans
        # Thai's ๗๕๐ '6๐')
        mx0, my0, mx1, my1 = ink.main_box
        if my1 - my0 <= dpi / 5:
            # (read the way one-line cells are: a lone 1, which Tesseract
            # leaves empty, came back as text -- 'I', 'ว7' -- without them;
            # in a row of header words as text first, as its other cells:
            # down the number path a speck-banded งาน took eight reads)
            glyphs = Ink("content", ink.main_box, 1, ink.n_comp, ink.main_box, 1)
            text, conf = read_cell(gray, clean, ink_mask, glyphs, cell_w, colspan, dpi, engine, script,
                                   words_row=words_row, same=same, restored=restored)
            if NUMBER_RE.match(text):
                if conf >= 0.5:
                    return text, conf
                if script.decided is True:
                    unsure_number = text, conf
    if numberish and colspan >= 2 and ink_w <= dpi * 0.6:
        # a merged cell holding one short line: a header (a month over its
        # งาน | งบ pair), never a body number
        return read_month_header(crop, engine)
    if numberish and words_row:
        known = same.find(crop) if same is not None else None
        if known is not None:
            return known
        res = engine.read_text(crop, single_line=True)
        if is_word(res.text) and res.confidence >= WORD_CONFIDENCE:
            if same is not None:
                same.keep(crop, res.text, res.confidence)
            return res.text, res.confidence
    if numberish:
        if restored is not None:
            clean, crop = _rule_kept(clean, restored, crop, (cx0, cy0), engine, script)
        return read_number_cell(clean, ink_mask, ink, crop, (cx0, cy0), dpi, engine, script)
    got = read_text_cell(clean, ink_mask, ink, crop, (cx0, cy0), dpi, engine, script)
    if (unsure_number is not None and not NUMBER_RE.match(got[0])
            and sum("\u0e01" <= ch <= "\u0e2e" for ch in got[0]) < 2):
        # a lone Thai digit the glyph reader was unsure of (Noto Sans Thai's
        # ๓ lies nearer a letter's template), beside a speck that made a
        # band of its own: the text read of the whole cell made no word of
        # it but a letter, a mark, Latin ('“a', '.ต', 'ซ์', 'Zs')
        return unsure_number
    return got
