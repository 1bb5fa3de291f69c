"""A phone photo's Arabic digits re-decided by the table's own sure prints.

On a small-print photo (digits 5-8 px before upsampling) the installed
fonts' templates fit the blurred glyphs so badly that they and Tesseract
seldom agree, so `PageDigits` (which keeps a glyph only when both do)
learns next to nothing, and Tesseract's unsure reads stand: a 0 read 6 or 8,
a 5 read 3 (seed 3131, a 104-dpi photo: 78 of 429 number cells wrong).  Yet
Tesseract reads many of the table's numbers surely, and the same photo
prints every 0 alike, in its own font, blur and size.  So each glyph of a
number Tesseract was sure of (`SURE`) is kept as a print of its digit
(`PageDigits` as the store, fed without the templates' say), and when the
table is read, the digits of each unsure number go to the digit whose
prints they lie among beyond doubt (`PageDigits.CLOSE`) and clearly nearer
than any other's (`MARGIN`) -- a digit the table has not shown sure
only where the templates read the prints' digit too -- and the number
stays doubtful (`SETTLED_CONFIDENCE`).  Seeds 3131 / 8686 / 6464, number
cells before repair: 3332 -> 3333, 3394 -> 3397, 3570 -> 3571, no silent
error.  A number Tesseract read with a digit more or fewer than its crop
has glyphs (a Purisa 1 dropped, a 2 doubled) is read from its glyphs by
the same prints, when they place every glyph and Tesseract's digits are
found among them in order (`TablePrints._recount`): seeds 3131 / 6464
3333 -> 3334, 3571 -> 3572; 8686 and 4848 unchanged.  Scans never come
here (`DigitScript.prints` is None off photos): their templates fit and
their reads stand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.extract.scan.number_text import NUMBER_RE
from pipeline.ocr.latin_digits import PageDigits

SURE = 0.9  # a Tesseract reading this sure lends its glyphs to the prints
MARGIN = 0.5  # how much nearer one digit's prints must be than any other's to change a digit
SETTLED_CONFIDENCE = 0.5  # a number the prints changed stays doubtful: Tesseract read otherwise


@dataclass
class Doubt:
    """An unsure number cell's reading with its glyphs' features, in order."""

    text: str
    feats: list[np.ndarray]
    glyphs: str  # the templates' reading of the same glyphs (`engine.digit_glyphs`)
    recount: bool = False  # Tesseract read more or fewer digits than the crop has glyphs (`TablePrints.note`)


class TablePrints:
    """The sure glyphs of one table's Arabic numbers, and its doubtful numbers."""

    def __init__(self) -> None:
        self.prints = PageDigits()
        self.last: Doubt | None = None  # the cell just read, when doubtful (`table.read_grid` collects it)

    def note(self, text: str, confidence: float, glyphs: list[tuple] | None) -> None:
        """A number cell read as `text`: its glyphs (`engine.digit_glyphs`
        with features) kept as prints when Tesseract was sure, else the
        cell kept as `last` for `settle`.  A cell whose glyphs do not line
        up with its characters one for one, digits with digits, separators
        with separators, is neither: touching glyphs, a dropped 1, a 4
        whose thin bar broke off as a point (its stem went to the table's
        1s: 2,450 -> 2,150)."""
        self.last = None
        feats = [f for _ch, _m, f in glyphs or [] if f is not None]
        at = [i for i, ch in enumerate(text) if "0" <= ch <= "9"]
        read = "".join(ch for ch, _m, _f in glyphs or [])
        if not at or not NUMBER_RE.match(text):
            return
        if [ch.isdigit() for ch in read] != [ch.isdigit() for ch in text]:
            if confidence < SURE and NUMBER_RE.match(read) and len(feats) != len(at) and feats:
                self.last = Doubt(text, feats, read, recount=True)
            return
        if confidence >= SURE:
            for i, f in zip(at, feats):
                self.prints.add(text[i], f)
        else:
            self.last = Doubt(text, feats, read)

    def settle(self, doubt: Doubt) -> str:
        """The doubtful reading with each digit the table's prints place
        beyond doubt put to theirs -- where they know the digit read too,
        or else the templates read theirs as well (two readers against
        Tesseract): against a digit the table has not shown, nearness to
        another's prints proves little (a 110-dpi photo's 8s went to its
        2s, its 9s to 4s, its 7s to 1s: 276 -> 272 of 287 cells)."""
        if doubt.recount:
            return self._recount(doubt)
        out = list(doubt.text)
        at = [i for i, ch in enumerate(doubt.text) if "0" <= ch <= "9"]
        for i, f in zip(at, doubt.feats):
            near = self.prints.nearest(f, within=self.prints.CLOSE)
            if (near is not None and near[1] >= MARGIN
                    and (self.prints.known(doubt.text[i]) or doubt.glyphs[i] == near[0])):
                out[i] = near[0]
        return "".join(out)

    def _recount(self, doubt: Doubt) -> str:
        """A doubtful reading with a digit more or fewer than its crop's
        glyphs (Tesseract dropped a Purisa 1 -- 1,000 for 111,000 -- or
        doubled a digit, 272 for 22) read from the glyphs instead: every
        glyph put to the digit whose table prints it lies among beyond
        doubt, clearly nearer than any other's, and Tesseract's digits
        found in that reading in order (only a glyph dropped or added, none
        read otherwise); else the reading stands."""
        out = list(doubt.glyphs)
        at = [i for i, ch in enumerate(doubt.glyphs) if "0" <= ch <= "9"]
        for i, f in zip(at, doubt.feats):
            near = self.prints.nearest(f, within=self.prints.CLOSE)
            if near is None or near[1] < MARGIN:
                return doubt.text
            out[i] = near[0]
        mine = [ch for ch in out if ch.isdigit()]
        theirs = [ch for ch in doubt.text if ch.isdigit()]
        short, long = sorted((mine, theirs), key=len)
        rest = iter(long)
        if not all(ch in rest for ch in short):
            return doubt.text
        return "".join(out)
