"""A merged header cell's one short line read as a fiscal month."""

from __future__ import annotations

import numpy as np

from pipeline.normalize.months import FISCAL_ABBR
from pipeline.ocr.base import closest_word


def read_month_header(crop: np.ndarray, engine) -> tuple[str, float]:
    """A month over its งาน | งบ pair: Thai alone reads these best; a reading
    close to one abbreviation becomes that abbreviation."""
    res = engine.read_thai_line(crop)
    text, conf, sim = snap_month(res.text, res.confidence)
    if sim < 0.7:
        alt = engine.read_text(crop, single_line=True)
        text2, conf2, sim2 = snap_month(alt.text, alt.confidence)
        if sim2 > sim or (sim2 == sim and not text):
            text, conf = text2, conf2
    return text, conf


def snap_month(text: str, conf: float) -> tuple[str, float, float]:
    """A header reading close to one month abbreviation becomes that
    abbreviation (OCR drops or doubles dots, reads ุ for a dot)."""
    squashed = "".join(text.split())
    if not squashed or len(squashed) > 8:
        return text, conf, 0.0
    best, sim = closest_word(squashed.replace("\u0e38", ".").replace("\u0e39", "."), FISCAL_ABBR)
    if best and sim >= 0.7:
        return best, conf * sim, sim
    return text, conf, sim
