"""A short Latin word among Thai read again by the Thai model: its reading
stands when sure, or, a little less sure, when it is dictionary words
alone.  Crops from a 300-dpi Noto Sans Thai scan (seed 7373): ร้อยละ read
"Saga:" by the mixed model (the Thai model: "ร้อยละ." at 0.83, its colon a
point), วัน read "du" (the Thai model: "วัพ" at 0.82, no word)."""

from __future__ import annotations

from pathlib import Path

import cv2

from pipeline.ocr import get_engine
from pipeline.ocr.base import Box, OcrResult, OcrWord
from pipeline.ocr.latin_in_thai import reread_latin_words

DATA = Path(__file__).parent / "data" / "latin_words"


def _reread(name: str, word: str) -> str:
    img = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    h, w = img.shape
    res = OcrResult(f"ภายใน {word}", 0.9, (OcrWord(word, Box(0, 0, w, h), 0.4),))
    return reread_latin_words(res, img, get_engine())


def test_a_word_read_as_latin_letters_and_a_colon_is_put_back() -> None:
    assert _reread("roiyla_read_Saga.png", "Saga:") == "ภายใน ร้อยละ"


def test_an_unsure_reading_that_is_no_word_leaves_the_latin_as_read() -> None:
    assert _reread("wan_read_du.png", "du") == "ภายใน du"
