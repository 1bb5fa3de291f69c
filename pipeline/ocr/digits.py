"""The characters a printed number is made of, in the two scripts plans use."""

import re

from pipeline.ocr.medians import median

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
NUMBER_PUNCT = ",.-"
_SEP_RUN = re.compile(r"[.,]{2,}")


def digits_of(text: str) -> str:
    """The digits of a reading, Arabic or Thai, in order (separators,
    signs and letters dropped)."""
    return "".join(ch for ch in text if ch.isdigit())


def one_separator_per_run(text: str) -> str:
    """`text` with no separator at either end and each run of them one
    mark, a comma if any is one: a speck by a comma read as a point
    ('5,.000', '.,') spoils no number."""
    return _SEP_RUN.sub(lambda m: "," if "," in m.group() else ".", text.strip(",."))


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
