"""The 12 fiscal months and how OCR misprints their headers."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from difflib import SequenceMatcher

from pythainlp.util.date import thai_abbr_months, thai_full_months

# pythainlp lists months January first; the Thai fiscal year starts in October.
FISCAL_ABBR: list[str] = thai_abbr_months[9:] + thai_abbr_months[:9]
FISCAL_FULL: list[str] = thai_full_months[9:] + thai_full_months[:9]
CALENDAR_MONTH: list[int] = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]

# Misreadings seen in real OCR exports (domain.md), keyed by dot-less form.
_KNOWN_VARIANTS: dict[str, int] = {"คค": 1, "คศ": 1, "นบ": 2}


@dataclass(frozen=True, slots=True)
class FiscalMonth:
    index: int  # 1..12, October first
    abbr: str
    month: int  # calendar month
    quarter: int

    def year_ce(self, fiscal_year_ce: int) -> int:
        return fiscal_year_ce - 1 if self.month >= 10 else fiscal_year_ce


FISCAL_MONTHS: list[FiscalMonth] = [
    FiscalMonth(i + 1, FISCAL_ABBR[i], CALENDAR_MONTH[i], i // 3 + 1) for i in range(12)
]


def _bare(text: str) -> str:
    return re.sub(r"[\s.\u200b]", "", text)


_ABBR_BARE = [_bare(a) for a in FISCAL_ABBR]


@lru_cache(maxsize=4096)
def match_month(text: str) -> int | None:
    """The fiscal index a header cell names, or None if it names none
    clearly.  Exact abbreviations and full names first, then known OCR
    variants, then the closest abbreviation if it is clearly closest."""
    bare = _bare(text)
    if not bare:
        return None
    if bare in _ABBR_BARE:
        return _ABBR_BARE.index(bare) + 1
    for i, full in enumerate(FISCAL_FULL):
        if bare.startswith(full[:4]) and SequenceMatcher(None, bare, full).ratio() > 0.75:
            return i + 1
    if bare in _KNOWN_VARIANTS:
        return _KNOWN_VARIANTS[bare]
    scores = sorted(
        ((SequenceMatcher(None, bare, abbr).ratio(), i + 1) for i, abbr in enumerate(_ABBR_BARE)),
        reverse=True,
    )
    best, second = scores[0], scores[1]
    if best[0] >= 0.75 and best[0] - second[0] >= 0.2:
        return best[1]
    return None
