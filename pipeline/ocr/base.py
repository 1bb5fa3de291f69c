"""The OCR engine interface: what the scan extractor asks of any engine.

An engine reads small grayscale crops (numpy uint8, 2-D, dark text on a light
background, any size) and answers with text and a confidence in 0..1.  The
scan extractor cuts the crops (cells, lines); the engine never sees a page
layout.  Tesseract (`pipeline.ocr.tesseract`) is the one engine today; a GPU
model can be another without touching anything else.
"""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.model import Box
from pipeline.ocr.crops import NUMBER_HEIGHT
from pipeline.textdist import levenshtein

__all__ = ["OcrResult", "OcrWord", "OcrEngine", "join_thai", "join_words", "tidy_thai", "closest_word", "moved"]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word/glyph run as the engine found it, box in crop pixels."""

    text: str
    box: Box
    confidence: float


def moved(words: Sequence[OcrWord], dx: float = 0.0, dy: float = 0.0, scale: float = 1.0) -> tuple[OcrWord, ...]:
    """`words` with their boxes scaled by `scale`, then shifted by (dx, dy):
    from the crop the engine read to the crop the caller cut."""
    return tuple(OcrWord(w.text, Box(w.box.x0 * scale + dx, w.box.y0 * scale + dy, w.box.x1 * scale + dx,
                                     w.box.y1 * scale + dy), w.confidence) for w in words)


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    confidence: float  # 0..1; 0.0 when nothing was read
    words: tuple[OcrWord, ...] = field(default=())
    # readings of the same crop the engine passed over for this one (a
    # photo's number read at two scales: `PhotoReads`), for checks that
    # know more than confidence (`width_opinion`: the ink's width)
    set_aside: tuple[OcrResult, ...] = field(default=())
    # the runs of Thai digits in `text`, each with its glyphs' box, in
    # reading order (the text model misreads Thai digits: the number
    # reader reads them again, `pipeline.ocr.thai_digit_runs`)
    digit_runs: tuple[OcrWord, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.text.strip()


class OcrEngine(ABC):
    """One engine per process (see `pipeline.ocr.get_engine`); not thread-safe."""

    name: str = "?"

    @abstractmethod
    def read_number(self, image: np.ndarray, *, thai_digits: bool | None = None, height: int = NUMBER_HEIGHT) -> OcrResult:
        """One line holding a number (digits Arabic or Thai, `,` `.` `-`).
        `thai_digits`: True/False when the caller knows the script, None to
        let the engine decide; `height`: the ink height in pixels the engine
        reads the digits at (engines that rescale crops)."""

    @abstractmethod
    def read_text(self, image: np.ndarray, *, single_line: bool = False,
                  soft_scale: float | None = None) -> OcrResult:
        """Thai (and Latin) text; a block of lines unless `single_line`.
        Lines are separated by "\\n"; spaces inside Thai runs are dropped.
        `soft_scale`: each line not read sure is read again scaled by it,
        the more confident reading kept (an upsampled photo's soft strokes;
        engines that rescale crops)."""

    @abstractmethod
    def read_word(self, image: np.ndarray, choices: Sequence[str]) -> OcrResult:
        """The one of `choices` the crop shows (e.g. month abbreviations);
        the confidence folds in how well the raw reading matched.  `text` is
        "" when nothing was read."""

    def digit_votes(self, image: np.ndarray) -> tuple[int, int]:
        """(Thai, Arabic): how many glyphs of a number crop look like Thai
        digits and how many like Arabic ones, by shape alone (no reading);
        (0, 0) from engines that cannot tell."""
        return 0, 0

    def digit_glyphs(self, image: np.ndarray, features: bool = False, touching: bool = False) -> list[tuple] | None:
        """An Arabic-digit number crop read glyph by glyph by shape alone
        (templates of the installed fonts, `pipeline.ocr.latin_digits`): each
        glyph's digit and margin 0..1, commas and points in place (margin
        1.0; with `features`, each glyph's feature third, see
        `LatinDigitReader.glyphs`); None when nothing glyph-sized is inked
        (or, unless `touching`, glyphs had to be cut apart).
        A second vote next to `read_number`, engine-independent, so every
        engine has it."""
        from pipeline.ocr.crops import prepare_number
        from pipeline.ocr.latin_digits import shared_reader

        reader = shared_reader()
        img = prepare_number(image, pad=4)
        return reader.glyphs(img, features, touching) if reader.ok and img is not None else None

    def net_number(self, image: np.ndarray) -> OcrResult | None:
        """A number crop read whole by the number network
        (`pipeline.ocr.number_net`), or None when it holds no ink: a third
        vote next to `read_number` and `digit_glyphs`, engine-independent."""
        from pipeline.ocr.number_net import shared_net

        got = shared_net().read(image)
        return None if got is None else OcrResult(got.text, got.confidence)

    def read_thai_line(self, image: np.ndarray) -> OcrResult:
        """One short line of Thai (header words such as month abbreviations),
        read without the Latin model; engines without such a mode read it as
        one line of text."""
        return self.read_text(image, single_line=True)

    @abstractmethod
    def read_lines(self, image: np.ndarray, *, soft_scale: float | None = None) -> list[OcrResult]:
        """A block of text as lines, top to bottom; each result's words carry
        boxes in crop pixels (the line box is the union of its words);
        `soft_scale` as for `read_text`."""

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        """(clockwise degrees the page is rotated by: 0/90/180/270, confidence)
        or None when the engine cannot tell."""
        return None


# --------------------------------------------------------------------------
# text helpers shared by engines
# --------------------------------------------------------------------------

_THAI = r"\u0e00-\u0e7f"
_SPACE_IN_THAI = re.compile(rf"(?<=[{_THAI}])[ \u00a0]+(?=[{_THAI}])")
_SPACE_BEFORE_MARK = re.compile(r"[ \u00a0]+(?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])")
_MULTI_SPACE = re.compile(r"[ \u00a0]{2,}")


def join_thai(text: str) -> str:
    """Tesseract spaces Thai letter by letter (upstream issue #2702): drop
    spaces between two Thai characters and before combining marks, keep
    spaces next to Latin/digits/punctuation, fold ํา into ำ, NFC."""
    text = _SPACE_IN_THAI.sub("", text)
    return tidy_thai(text)


def tidy_thai(text: str) -> str:
    """NFC, ํา -> ำ, no space before a combining mark, single spaces (keeps
    the spaces between words)."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    text = _MULTI_SPACE.sub(" ", text)
    return text.strip()


def join_words(words: Sequence[tuple[str, float, float, float]], gap_factor: float = 1.0) -> str:
    """One line of text from Tesseract's word boxes (text, x0, x1, height):
    Tesseract makes nearly every Thai character its own word, so a space is
    kept only where the gap between two boxes is wide (more than
    `gap_factor` x the median box height, about a consonant's height:
    measured gaps inside Thai words stay under ~0.7 of it, spaces over 1.2);
    next to Latin and digit words the bar is 0.6 of that."""
    if not words:
        return ""
    hs = sorted(h for _, _, _, h in words if h > 0)
    height = hs[len(hs) // 2] if hs else 0.0
    out = [words[0][0]]
    prev_x1 = words[0][2]
    prev_thai = _is_thai(words[0][0])
    for text, x0, x1, _h in words[1:]:
        gap = x0 - prev_x1
        thai = _is_thai(text)
        need = gap_factor * height if (thai and prev_thai) else 0.6 * gap_factor * height
        out.append((" " if gap > need else "") + text)
        prev_x1 = max(prev_x1, x1)
        prev_thai = thai
    return tidy_thai("".join(out))


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def closest_word(raw: str, choices: Sequence[str]) -> tuple[str, float]:
    """(best choice, similarity 0..1) for an OCR reading; spaces ignored,
    dots count less than letters."""
    key = "".join(raw.split())
    if not key or not choices:
        return "", 0.0
    best, best_sim = "", -1.0
    for choice in choices:
        c = "".join(choice.split())
        d = levenshtein(key, c)
        # dots are often lost or doubled: compare the letters alone too
        d2 = levenshtein(key.replace(".", ""), c.replace(".", "")) + 0.25 * abs(key.count(".") - c.count("."))
        dist = min(d, d2)
        sim = max(0.0, 1.0 - dist / max(len(c), len(key)))
        if sim > best_sim:
            best, best_sim = choice, sim
    return best, best_sim
