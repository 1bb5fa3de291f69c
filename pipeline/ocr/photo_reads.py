"""Number crops and text lines of a phone photo read at two scales.

A photo's page reaches the scan reader upsampled to 300 dpi from the
photo's own ~100-140 dpi, so its strokes are soft ramps a few pixels wide.
Tesseract's LSTM (which normalises every line to a fixed height) read such
crops better at a smaller scale, but not always:

- numbers: on 816 number crops of six photos of seed 7777, 636 read right
  at the height tuned on scans (`NUMBER_HEIGHT`, 48 px), 687 at 24 px (per
  plan from -4 to +21); the more confident of the two readings, 711, no
  plan lower than at 48 px.  A first reading `SURE` or surer kept without
  the second changed none of them and saved half the second reads.
- text lines: on twelve photos of seed 3131, header fields right 118 of
  144 at the working scale, 125 at half scale alone but description
  characters 83.3 -> 79.6 % right; the more confident of the two readings
  124 and 84.5 %.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from pipeline.ocr.base import OcrEngine, OcrResult
from pipeline.ocr.crops import NUMBER_HEIGHT

__all__ = ["PhotoReads", "SOFT_HEIGHT", "SOFT_TEXT_SCALE", "SURE"]

SOFT_HEIGHT = NUMBER_HEIGHT // 2  # the second scale a photo's number crop is read at
SOFT_TEXT_SCALE = 0.5  # the second scale a photo's text line is read at
SURE = 0.95  # a first number reading this sure is not read again


class PhotoReads:
    """`engine` for one photo page: every reading of an Arabic or not yet
    known script's number less than `SURE` is the more confident of the
    engine's readings at its own height and at `SOFT_HEIGHT`; text lines are
    read at `SOFT_TEXT_SCALE` too (the engine keeps the more confident);
    Thai-digit reads (the glyph reader first: no better at other scales)
    and everything else go to `engine` unchanged.  The reading passed over
    rides along (`OcrResult.set_aside`): the more confident one can have
    dropped a digit (a photo's 50 read 0 at 0.86 at 24 px, 50 at 0.74 at
    48 px), which only the ink's width tells."""

    def __init__(self, engine: OcrEngine) -> None:
        self._engine = engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def read_number(self, image: np.ndarray, *, thai_digits: bool | None = None,
                    height: int = NUMBER_HEIGHT) -> OcrResult:
        res = self._engine.read_number(image, thai_digits=thai_digits, height=height)
        if thai_digits is True or height != NUMBER_HEIGHT or res.confidence >= SURE:
            return res
        soft = self._engine.read_number(image, thai_digits=thai_digits, height=SOFT_HEIGHT)
        won, lost = (soft, res) if soft.confidence > res.confidence else (res, soft)
        return replace(won, set_aside=(lost,)) if lost.text != won.text else won

    def read_text(self, image: np.ndarray, *, single_line: bool = False,
                  soft_scale: float | None = SOFT_TEXT_SCALE) -> OcrResult:
        return self._engine.read_text(image, single_line=single_line, soft_scale=soft_scale)

    def read_lines(self, image: np.ndarray, *, soft_scale: float | None = SOFT_TEXT_SCALE) -> list[OcrResult]:
        return self._engine.read_lines(image, soft_scale=soft_scale)
