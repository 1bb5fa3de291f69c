"""Number crops of a phone photo read at two scales.

A photo's page reaches the scan reader upsampled to 300 dpi from the
photo's own ~100-140 dpi, so its digits' strokes are soft ramps a few
pixels wide.  Tesseract's LSTM (which normalises every line to a fixed
height) read such crops better scaled to half the working ink height than
at the height tuned on scans (`NUMBER_HEIGHT`), but not always: on six
photos of seed 7777, 636 number crops of 816 read right at 48 px, 677 at
24 px (seven of those plans: from -4 to +21 each); the more confident of the two readings
kept, 690 -- no plan lost."""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.ocr.base import OcrEngine, OcrResult
from pipeline.ocr.crops import NUMBER_HEIGHT

__all__ = ["PhotoNumbers", "SOFT_HEIGHT"]

SOFT_HEIGHT = NUMBER_HEIGHT // 2  # the second scale a photo's number crop is read at


class PhotoNumbers:
    """`engine` for one photo page: every reading of an Arabic or not yet
    known script's number is the more confident of the engine's readings at
    its own height and at `SOFT_HEIGHT`; Thai-digit reads (the glyph reader
    first) and everything else go to `engine` unchanged."""

    def __init__(self, engine: OcrEngine) -> None:
        self._engine = engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def read_number(self, image: np.ndarray, *, thai_digits: bool | None = None,
                    height: int = NUMBER_HEIGHT) -> OcrResult:
        res = self._engine.read_number(image, thai_digits=thai_digits, height=height)
        if thai_digits is True or height != NUMBER_HEIGHT:
            return res
        soft = self._engine.read_number(image, thai_digits=thai_digits, height=SOFT_HEIGHT)
        return soft if soft.confidence > res.confidence else res
