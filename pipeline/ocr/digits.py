"""The characters a printed number is made of, in the two scripts plans use."""

from pipeline.ocr.medians import median

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
NUMBER_PUNCT = ",.-"


class NumberHeights:
    """The heights (in the page's pixels) of a page's surely read numbers:
    a lone glyph standing near their median is no speck.  The last `KEEP`
    are kept; `median` is None before `MIN_SEEN`."""

    KEEP = 40
    MIN_SEEN = 3

    def __init__(self) -> None:
        self.seen: list[int] = []

    def add(self, height: int) -> None:
        self.seen.append(int(height))
        del self.seen[: -self.KEEP]

    @property
    def median(self) -> float | None:
        return median(self.seen) if len(self.seen) >= self.MIN_SEEN else None
