"""ำ (sara am) that Tesseract read as า, put back from the image.

ำ is a small ring on the top of the letter before it (under that letter's
tone mark, if any: น้ำ) and the stroke of า.  Tesseract's Thai model often
loses the ring: น้ำฝน reads as น้าฝน (or น้้าฝน, the ring read as a second
tone mark), in a name printed twice as well, so neither reading can mend
the other, and names must not be put right from a word list.  The image
shows it: over a letter the reading follows with า there is a ring (a
closed loop about as wide as tall, a sixth to a half of a letter high,
sitting right on the letter's top), the lowest of the marks stacked there,
and one mark more than the reading's tone marks.  Over a letter followed by
า only tone marks and the ring can stand (ั ิ ึ ็ ์ never come before า);
a tone mark can be a loop too in some faces (Laksaman's ้), which the
count of marks tells apart.

The ring goes to the letter of the reading under it: Tesseract boxes each
Thai letter (a word's letters spread evenly over its box otherwise); the
ring hangs over the right of its letter, so the letter under it or the one
before it.
"""

from __future__ import annotations

import re
from statistics import median

import cv2
import numpy as np

from pipeline.model import Box
from pipeline.ocr.base import OcrWord

__all__ = ["mend_sara_am"]

_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# a consonant, its tone marks (a lost ring is now and then read as a
# second tone mark: น้้า), then า: where the ring may have been lost
_CANDIDATE = re.compile(r"([\u0e01-\u0e2e])([\u0e48-\u0e4b]{0,2})\u0e32")


def _rings(line: np.ndarray) -> list[tuple[float, int]]:
    """The rings over the letters of one line of text, each the lowest of
    the marks stacked over its letter: (x centre, how many are stacked)."""
    thr, _ = cv2.threshold(line, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (line < thr).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    blobs = [(cv2.boundingRect(c), hierarchy[0][i][2] != -1) for i, c in enumerate(contours) if hierarchy[0][i][3] == -1]
    if not blobs:
        return []
    hs = np.array([b[0][3] for b in blobs], float)
    xh = float(np.median(hs[hs >= 0.5 * np.percentile(hs, 90)]))
    letters = [b for b, _ in blobs if b[3] >= 0.6 * xh]
    if len(letters) < 2:
        return []
    top = float(np.median([y + h for _x, y, _w, h in letters])) - xh
    # marks over the letters, not the line above's marks under its letters
    # (ู is a loop too) nor what the crop's top edge cuts
    over = [(b, holed) for b, holed in blobs
            if top - 1.2 * xh <= b[1] + b[3] <= top + 0.25 * xh and b[3] >= 0.1 * xh and b[1] > 0]
    out = []
    for (x, y, w, h), holed in over:
        # a closed loop about as wide as tall, a sixth to a half of a
        # letter high, sitting right on the letters' top
        if not (holed and 0.15 * xh <= h <= 0.5 * xh and 0.6 <= w / max(1, h) <= 1.7 and y + h >= top - 0.35 * xh):
            continue
        cx = x + w / 2
        stack = [b for b, _ in over if abs(b[0] + b[2] / 2 - cx) < 0.4 * xh]
        if all(b[1] + b[3] <= y + h for b in stack):  # the lowest of its stack
            out.append((cx, len(stack)))
    return out


def _composed(words: tuple[OcrWord, ...]) -> list[OcrWord]:
    """`words` as the text spells them: Tesseract boxes ำ's ring (ํ) and
    its า apart, the text holds one ำ."""
    out: list[OcrWord] = []
    for w in words:
        if out and out[-1].text.endswith("\u0e4d") and w.text.startswith("\u0e32"):
            a = out.pop()
            box = Box(min(a.box.x0, w.box.x0), min(a.box.y0, w.box.y0), max(a.box.x1, w.box.x1), max(a.box.y1, w.box.y1))
            w = OcrWord(a.text + w.text, box, min(a.confidence, w.confidence))
        out.append(OcrWord(w.text.replace("\u0e4d\u0e32", "\u0e33"), w.box, w.confidence))
    return out


def _line_groups(words: list[OcrWord]) -> list[list[OcrWord]]:
    """`words` (in reading order) cut into text lines: a word whose middle
    is under the line's letters starts the next line."""
    groups: list[list[OcrWord]] = []
    bottoms: list[float] = []
    for w in words:
        mid = (w.box.y0 + w.box.y1) / 2
        if groups and mid <= median(bottoms):
            groups[-1].append(w)
            bottoms.append(w.box.y1)
        else:
            groups.append([w])
            bottoms = [w.box.y1]
    return groups


def _spans(text: str, words: list[OcrWord]) -> list[tuple[int, float, float, int]]:
    """(index in `text`, x range, index of its word) of each letter of
    `words` (marks apart), each word found in `text` after the one before
    it."""
    spans: list[tuple[int, float, float, int]] = []
    pos = 0
    for n, w in enumerate(words):
        at = text.find(w.text, pos)
        if at < 0:
            continue
        pos = at + len(w.text)
        letters = [at + i for i, ch in enumerate(w.text) if not _MARK.match(ch)]
        step = (w.box.x1 - w.box.x0) / max(1, len(letters))
        spans += [(k, w.box.x0 + j * step, w.box.x0 + (j + 1) * step, n) for j, k in enumerate(letters)]
    return spans


def _lost_rings(text: str, spans: list[tuple[int, float, float, int]], words: list[OcrWord],
                image: np.ndarray) -> list[re.Match]:
    """The candidates (`_CANDIDATE` matches in `text`) whose letter, one
    of `spans` of the line of `words`, carries a lost ring in `image`."""
    H, W = image.shape[:2]
    y0, y1 = min(w.box.y0 for w in words), max(w.box.y1 for w in words)
    grow = max(2, int((y1 - y0) / 4))  # (a box may leave out the top of a mark)
    x0 = max(0, int(min(w.box.x0 for w in words)) - 2)
    line = image[max(0, int(y0) - grow) : min(H, int(y1) + 2), x0 : min(W, int(max(w.box.x1 for w in words)) + 3)]
    out: list[re.Match] = []
    if line.size == 0 or min(line.shape[:2]) < 8 or not spans:
        return out
    for cx, stacked in _rings(line):
        cx += x0
        i = min(range(len(spans)), key=lambda j: 0.0 if spans[j][1] <= cx < spans[j][2]
                else min(abs(cx - spans[j][1]), abs(cx - spans[j][2])))
        # the ring hangs over the right of its letter, towards the า: the
        # letter under it or the one before
        for k in (spans[i][0], spans[i - 1][0] if i else -1):
            m = _CANDIDATE.match(text, k) if k >= 0 else None
            # one blob more over the letter than the reading's tone marks
            # (a doubled tone mark is one mark and the ring read as one)
            if m and stacked == len(set(m.group(2))) + 1:
                out.append(m)
                break
    return out


def mend_sara_am(text: str, words: tuple[OcrWord, ...], image: np.ndarray) -> str:
    """`text` (OCR of `image`, one line or several, `words` its boxes in
    `image` pixels) with า read where the image shows ำ (see the module
    docstring)."""
    if not _CANDIDATE.search(text) or not words:
        return text
    composed = _composed(words)
    spans = _spans(text, composed)
    found: dict[int, re.Match] = {}
    start = 0
    for line in _line_groups(composed):
        ids = range(start, start + len(line))
        start += len(line)
        mine = [s for s in spans if s[3] in ids]
        found.update((m.start(), m) for m in _lost_rings(text, mine, line, image))
    # right to left: an edit leaves the indices left of it
    for m in sorted(found.values(), key=lambda m: -m.start()):
        text = text[: m.start(2)] + m.group(2)[:1] + "\u0e33" + text[m.end() :]
    return text
