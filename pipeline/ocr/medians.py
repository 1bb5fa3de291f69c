"""The median of a short list of numbers, without numpy's array overhead.

The scan path takes thousands of medians a page of a few widths, heights
or distances (a glyph's cut, a number's pitch): np.median spends some
40 microseconds a call making an array and partitioning it, 3 % of a
page's time.  Sorting the list gives the same value (the middle one, or
the mean of the middle two, summed and halved as numpy does)."""

from __future__ import annotations

from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    """np.median(values) of a non-empty list of ints or floats (no NaN)."""
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return float(s[mid]) if n % 2 else (float(s[mid - 1]) + float(s[mid])) / 2
