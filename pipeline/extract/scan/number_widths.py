"""How wide a page prints its numbers, measured on its own sure readings:
a reading with a digit too many or too few does not fit its ink's width."""

from __future__ import annotations

from pipeline.ocr.digits import digits_of
from pipeline.ocr.medians import median


class NumberWidths:
    """A page's digit pitch, separator width and lone digits' ink widths
    (in the page's pixels), from the numbers it read surely (`add`).
    Digits of a face stand a fixed pitch apart (tabular figures), so a
    number of n digits and s separators spans (n - 1) pitches, s separator
    widths and half of its first and last digits' own ink.  Tesseract's
    English model drops or doubles a digit of a handwriting face at 200
    dpi (Purisa's 15 read 5, 27 read 217) where its mixed model reads the
    right count (`fits_better`)."""

    KEEP = 60
    MIN_SEEN = 3

    def __init__(self) -> None:
        self.lone: dict[str, list[int]] = {}  # a lone digit's ink widths, by digit
        self.runs: list[tuple[str, int, int]] = []  # (digits, separators, ink width) of longer numbers
        # medians measured since the last `add` (a misfit asks for the
        # pitch, which takes a median of lone widths for each end of each
        # run: hundreds of medians a cell on a page of many numbers)
        self._known: dict[tuple, float | None] = {}

    def add(self, text: str, width: int) -> None:
        """A surely read number `text` whose ink is `width` wide."""
        self._known.clear()
        digits = [ch for ch in text if ch.isdigit()]
        if not digits or len(digits) + sum(ch in ",." for ch in text) != len(text):
            return
        if len(text) == 1:
            kept = self.lone.setdefault(text, [])
            kept.append(int(width))
            del kept[: -self.KEEP]
        else:
            self.runs.append(("".join(digits), len(text) - len(digits), int(width)))
            del self.runs[: -self.KEEP]

    def _ink(self, digit: str) -> float | None:
        """A lone `digit`'s ink width: its own median, else all lone digits'."""
        if ("ink", digit) not in self._known:
            self._known[("ink", digit)] = self._measured_ink(digit)
        return self._known[("ink", digit)]

    def _measured_ink(self, digit: str) -> float | None:
        own = self.lone.get(digit, [])
        if len(own) >= 2:
            return median(own)
        every = [w for ws in self.lone.values() for w in ws]
        return median(every) if len(every) >= self.MIN_SEEN else None

    def _ends(self, digits: str) -> float | None:
        first, last = self._ink(digits[0]), self._ink(digits[-1])
        return None if first is None or last is None else (first + last) / 2

    def pitch(self) -> float | None:
        """The distance from one digit to the next, from the page's sure
        numbers without separators; None before `MIN_SEEN` of them."""
        if ("pitch",) not in self._known:
            self._known[("pitch",)] = self._measured_pitch()
        return self._known[("pitch",)]

    def _measured_pitch(self) -> float | None:
        got = [(w - ends) / (len(d) - 1) for d, s, w in self.runs
               if s == 0 and len(d) >= 2 and (ends := self._ends(d)) is not None]
        return median(got) if len(got) >= self.MIN_SEEN else None

    def _separator(self, pitch: float) -> float | None:
        got = [(w - ends - (len(d) - 1) * pitch) / s for d, s, w in self.runs
               if s > 0 and (ends := self._ends(d)) is not None]
        return median(got) if len(got) >= self.MIN_SEEN else None

    def misfit(self, text: str, width: int) -> float | None:
        """How far (in pitches) `text` printed on this page would be from
        `width`; None while the page has not shown enough to tell."""
        digits = digits_of(text)
        seps = sum(ch in ",." for ch in text)
        pitch = self.pitch()
        if not digits or pitch is None or pitch <= 0 or (ends := self._ends(digits)) is None:
            return None
        sep = self._separator(pitch) if seps else 0.0
        if sep is None:
            return None
        return abs(width - ((len(digits) - 1) * pitch + seps * sep + ends)) / pitch

    def fits_better(self, ours: str, theirs: str, width: int) -> bool:
        """`theirs` fits `width` (within `FITS` pitches) where `ours` does
        not (off by `MISFITS` or more): a digit count of theirs is the ink's."""
        a, b = self.misfit(ours, width), self.misfit(theirs, width)
        return a is not None and b is not None and a >= self.MISFITS and b <= self.FITS

    FITS = 0.35
    MISFITS = 0.6
