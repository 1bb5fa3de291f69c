"""Number crops read by a small convolutional network: a vote beside Tesseract.

Tesseract's LSTM and the installed fonts' glyph templates both lose small,
blurred digits: a phone photo's Norasi 15000 read 18000, 1000 or 0 at
every scale (the two 0s of each pair run into one blob), a 200-dpi scan's
faint Thai ๐ read ๗ by the templates.  The network reads the whole crop
as one sequence (CTC), so touching glyphs need no cutting.  It is fully
convolutional (no recurrence) so that OpenCV's dnn module runs it: no new
runtime dependency, about 2 ms a crop.  It was trained on number strings
rendered from the fonts installed here and degraded the way scans and
photos are (`scripts/number_net/`); the weights ship with the package
(`models/numbers.onnx`), nothing is downloaded.

The crop is normalised the same way for training and reading
(`normalise`): tones stretched (ink 1, paper 0), the ink's box scaled to
`INK_HEIGHT` inside a `HEIGHT`-pixel line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from pipeline.ocr.crops import percentiles_u8
from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS

__all__ = ["ALPHABET", "HEIGHT", "MODEL", "SURE_ALONE", "NetRead", "NumberNet", "decode", "normalise", "shared_net"]

ALPHABET = ARABIC_DIGITS + THAI_DIGITS + ",.-"  # class k + 1; class 0 is CTC's blank
HEIGHT = 32
INK_HEIGHT = 24
PAD_X = 6
MODEL = Path(__file__).with_name("models") / "numbers.onnx"
# how sure the network must be where its reading stands with no other reader's
# vote: an amount or a year in a text line, a run of Thai digits in text
SURE_ALONE = 0.9
_MIN_CONTRAST = 20  # grey levels between ink and paper below which a crop holds nothing to read
_INK = 0.45  # normalised darkness counted as ink when finding the ink's box
_SEPARATORS = ",."
_RIGHT_PAPER = 8  # columns of paper added right of the crop before reading


@dataclass(frozen=True, slots=True)
class NetRead:
    """The network's reading of one crop; `confidence`: the least sure of
    its characters (each at its surest step)."""

    text: str
    confidence: float


def normalise(crop: np.ndarray) -> np.ndarray | None:
    """A grey crop (dark ink on light paper) as the network sees it:
    float32, `HEIGHT` rows, ink 1 and paper 0, the ink's box `INK_HEIGHT`
    tall; None when the crop is blank."""
    g = np.ascontiguousarray(crop, dtype=np.uint8)
    if g.ndim != 2 or g.size == 0:
        return None
    lo, hi = percentiles_u8(g, (1.0, 95.0))
    if hi - lo < _MIN_CONTRAST:
        return None
    ink = np.clip((hi - g.astype(np.float32)) / (hi - lo), 0.0, 1.0)
    mask = ink > _INK
    rows = np.flatnonzero(mask.sum(axis=1) >= 2)
    cols = np.flatnonzero(mask.sum(axis=0) >= 2)
    if rows.size == 0 or cols.size == 0:
        return None
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    pad = max(1, round(0.08 * (y1 - y0)))
    ink = ink[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    scale = INK_HEIGHT / ink.shape[0]
    width = max(4, round(ink.shape[1] * scale))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    out = np.zeros((HEIGHT, width + 2 * PAD_X), np.float32)
    top = (HEIGHT - INK_HEIGHT) // 2
    out[top : top + INK_HEIGHT, PAD_X : PAD_X + width] = np.clip(cv2.resize(ink, (width, INK_HEIGHT), interpolation=interp), 0, 1)
    return out


def decode(log_probs: np.ndarray) -> NetRead:
    """Greedy CTC decoding of (time, class) log-probabilities.  A separator
    read at either end is dropped (no number starts or ends with one; the
    network reads one into a rule's stub or a speck at a crop's edge) and
    does not count towards the confidence."""
    best = log_probs.argmax(axis=1)
    sure = np.exp(log_probs.max(axis=1))
    read: list[tuple[str, float]] = []
    prev = 0
    for t, k in enumerate(best):
        if k and k != prev:
            read.append((ALPHABET[k - 1], float(sure[t])))
        elif k and read:  # the character's surest step (the steps beside it share it with the blank)
            read[-1] = (read[-1][0], max(read[-1][1], float(sure[t])))
        prev = int(k)
    while read and read[0][0] in _SEPARATORS:
        read.pop(0)
    while read and read[-1][0] in _SEPARATORS:
        read.pop()
    return NetRead("".join(ch for ch, _ in read), min((p for _, p in read), default=0.0))


class NumberNet:
    """The network, loaded once per process (`shared_net`; an OpenCV net
    is not thread-safe, and workers are processes, as for the engines)."""

    def __init__(self, path: Path = MODEL) -> None:
        self._net = cv2.dnn.readNetFromONNX(str(path))

    def read(self, crop: np.ndarray) -> NetRead | None:
        """The crop's number, or None when it holds no ink."""
        x = normalise(crop)
        if x is None:
            return None
        # as in training: paper on the right up to a multiple of 4 and
        # beyond, and only the crop's own columns' steps decoded (without the
        # paper the network read a point into the last column)
        width = x.shape[1]
        padded = np.zeros((HEIGHT, (width + _RIGHT_PAPER + 3) // 4 * 4), np.float32)
        padded[:, :width] = x
        self._net.setInput(padded[None, None])
        logits = self._net.forward()[0, :, 0, : width // 4].T.astype(np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        return decode(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)))


_SHARED: NumberNet | None = None


def shared_net() -> NumberNet:
    """The process's network, loaded on first use (~10 ms)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = NumberNet()
    return _SHARED
