"""The median of a short list of numbers, without numpy's array overhead.

The scan path takes thousands of medians a page of a few widths, heights
or distances (a glyph's cut, a number's pitch): np.median spends some
40 microseconds a call making an array and partitioning it, 3 % of a
page's time.  The standard library's median sorts the list and gives the
same value; it is returned as a float, as np.median's was."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    """np.median(values) of a non-empty list of ints or floats (no NaN)."""
    return float(statistics.median(values))
