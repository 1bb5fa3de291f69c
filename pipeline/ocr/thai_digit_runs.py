"""Thai digits inside a line of text, read again with the number reader.

Debian's `tha` text model reads Thai digits badly: in the header blocks of
fresh 300-dpi scans it read ร้อยละ ๙๕ as ร้อยละ ๓๕๕, ๘๕ as ๕๕, จำนวน ๖ as
จำนวน ๒ (the number cells, read by the glyph reader first, get them
right).  Tesseract's symbol boxes place each run of Thai digits in the
line; the run's glyphs are cut out on the line's band and read again, by
the number network when it is sure and reads as many digits as the run
and the crop hold (it read a phone photo's ร้อยละ ๙๐ and ๘๕ the number
reader read ๓๐ and ๕๕), else by the number reader (glyph reader first,
`tha` with the digit whitelist to confirm).  A reading replaces the
text's run only when it is sure, all Thai digits, and of as many glyphs
as the crop holds, and of as many as the run unless the run stands clear
of other ink.  A run of Arabic digits in text that holds Thai ones is
read again too, when the glyph reader takes each of its glyphs for a Thai
digit (Noto Sans Thai's ๑๐๐ read as 900).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import cv2
import numpy as np

from pipeline.model import Box
from pipeline.ocr.base import OcrResult, OcrWord
from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS
from pipeline.ocr.number_net import SURE_ALONE

__all__ = ["has_runs", "reread_thai_digits", "thai_digit_runs"]

_THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")
# a run holding a Thai digit (a percentage's first digit read as a letter,
# ร้อยละฒ๕ for ๗๕: after ร้อยละ stands a number, the letter is the run's,
# and so is a letter with its mark between its digits, ร้อยละ๗ฒ่๕ for a ๗
# touching its ๕; Arabic digits in it are the run's: Purisa's ๘๐ read
# ๕6๐, the ๘'s tail a 6, จำนวน ๖ read 5๖ -- read as two runs, their crops
# overlapped and ๘๐ became ๘๘๐๐)
_PERCENT = "(?:(?<=ร้อยละ)|(?<=ร้อยละ\\s))"
_THAI_RUN = (f"{_PERCENT}(?:[\u0e01-\u0e2e](?=[{THAI_DIGITS}]))?[{THAI_DIGITS}]"
             f"(?:,?[{THAI_DIGITS}{ARABIC_DIGITS}]|[\u0e01-\u0e2e][\u0e31-\u0e4e]?(?=[{THAI_DIGITS}]))*"
             f"|(?<![{ARABIC_DIGITS}])(?:[{ARABIC_DIGITS}],?)*[{THAI_DIGITS}](?:,?[{THAI_DIGITS}{ARABIC_DIGITS}])*")
# ... or Arabic digits alone (`tha+eng` read a Noto Sans Thai ร้อยละ ๑๐๐ as
# ร้อยละ 900), read again only in text that holds Thai digits and when the
# glyph reader takes every glyph of it for a Thai digit (`reread_thai_digits`);
# one touching Thai digits is a Thai run's, which is tried first
_ARABIC_RUN = f"[{ARABIC_DIGITS}](?:,?[{ARABIC_DIGITS}])*"
_RUN = re.compile(f"{_THAI_RUN}|{_ARABIC_RUN}")
_THAI_NUMBER = re.compile(f"[{THAI_DIGITS}](?:,?[{THAI_DIGITS}])*")  # a reading that may replace a run
_DECIMAL = re.compile(f"\\.[{THAI_DIGITS}0-9]")  # a point with a digit after it: a decimal's or a code's
SURE = 0.75  # the number reader's confidence a changed run needs


def _runs_in(text: str) -> list[re.Match]:
    """The runs of digits in `text` (commas inside kept), but a run
    next to a point or opening a line words follow (`_opens_line`): a row
    code's, an item's number, a decimal's (๑.๒, ๓., ๒.๕, a top row's ๑),
    which their own readers read;
    and a run in brackets: a block's or a column's number ((๔), (๑๒)),
    which the form knows by its place.  A point after a run that no digit
    follows is a speck or a full stop (ร้อยละ๕๕. at a line's end: its ๘๕
    went unread)."""
    return [m for m in _RUN.finditer(text)
            if text[m.start() - 1 : m.start()] != "." and not _DECIMAL.match(text, m.end())
            and not _opens_line(text, m)
            and not (text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")")]


def _opens_line(text: str, m: re.Match) -> bool:
    """Whether run `m` opens a line of `text` as an item's number or a
    row's code does: words follow it.  A run that is a line of its own is
    the end of a line above, wrapped (ร้อยละ / ๘๕, each line read on its
    own: read ๕๕, and ๙๐ read ๙๙๐, went unread)."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return not text[start : m.start()].strip() and bool(text[m.end() : end if end >= 0 else len(text)].strip())


def thai_digit_runs(symbols: Sequence[tuple[str, tuple[int, int, int, int], bool, float]]) -> tuple[OcrWord, ...]:
    """The runs of Thai digits (`_runs_in`) among Tesseract's `symbols`
    (text, box, opens a line, confidence), each with its glyphs' box."""
    pieces, starts, pos = [], [], 0
    for k, (ch, _box, opens, _conf) in enumerate(symbols):
        if opens and k:
            pieces.append("\n")
            pos += 1
        starts.append(pos)
        pieces.append(ch)
        pos += len(ch)
    runs = []
    for m in _runs_in("".join(pieces)):
        inside = [s for s, at in zip(symbols, starts) if m.start() <= at < m.end()]
        boxes = np.array([s[1] for s in inside], dtype=float)
        # a symbol's box far taller than the run's others is left out of
        # the run's height (the middle ๐ of ร้อยละ ๑๐๐ boxed from the
        # line's marks down, 66 px for glyphs of 21: the ๐s then fell
        # under the glyph height `_run_crop` looks for, and ๑ alone was
        # read for the run)
        heights = boxes[:, 3] - boxes[:, 1]
        level = boxes[heights <= 1.5 * np.median(heights)]
        runs.append(OcrWord(m.group(0), Box(boxes[:, 0].min(), level[:, 1].min(), boxes[:, 2].max(), level[:, 3].max()),
                            min(s[3] for s in inside) / 100.0))
    return tuple(runs)


def has_runs(text: str) -> bool:
    """Whether `text` (as Tesseract gave it) holds a run that may be read
    again: Arabic runs too, which only the whole cell's text can say
    (a line "๑. ... ร้อยละ 900" read "9. ... ร้อยละ 900", its Thai digits on
    the next line; see `reread_thai_digits`)."""
    return bool(_runs_in(text))


def _run_crop(image: np.ndarray, box: Box) -> tuple[np.ndarray, int, bool] | None:
    """The run's glyphs, how many there are, and whether other ink stands
    close by (a letter the run is set against, or a glyph of the run the
    box missed).  Tesseract's symbol boxes are rough (half a glyph cut off,
    a neighbour's edge let in), so the glyphs are the whole pieces of ink
    on the run's band whose middles fall inside the box grown by a quarter
    of its height, or that hold the box's middle; any other ink in the
    crop is painted paper."""
    h = box.y1 - box.y0
    if h < 4:
        return None
    H, W = image.shape[:2]
    y0, y1 = max(0, int(box.y0 - 0.15 * h)), min(H, int(box.y1 + 0.15 * h) + 1)
    bx0, bx1 = max(0, int(box.x0 - h)), min(W, int(box.x1 + h) + 1)
    band = image[y0:y1, bx0:bx1]
    if band.size == 0:
        return None
    thr, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    n, labels, st, _ = cv2.connectedComponentsWithStats((band < thr).astype(np.uint8), connectivity=8)
    lo, hi = box.x0 - bx0 - 0.25 * h, box.x1 - bx0 + 0.25 * h
    mid = (box.x0 + box.x1) / 2 - bx0
    tall = [k for k in range(1, n) if st[k, 3] >= 0.3 * h]
    # (or the piece the box's middle falls in: a box a few pixels wide
    # round the right edge of a lone ๑)
    glyphs = [k for k in tall if lo <= st[k, 0] + st[k, 2] / 2 <= hi or st[k, 0] <= mid <= st[k, 0] + st[k, 2]]
    if not glyphs:
        return None
    left = min(int(st[k, 0]) for k in glyphs)
    right = max(int(st[k, 0] + st[k, 2]) for k in glyphs)
    # (by the glyphs' own height: a box can reach up to a mark or a speck;
    # half of it: the digits of a number stand a quarter of their height
    # apart, the words around them three quarters -- "จำนวน ๑๔ แห่ง", whose
    # ๑๔ read ๑๐๕ was kept for the น before it)
    reach = 0.5 * float(np.median([st[k, 3] for k in glyphs]))
    close = any(st[k, 0] + st[k, 2] > left - reach and st[k, 0] < right + reach for k in tall if k not in glyphs)
    pad = max(2, int(h / 6))
    gx0, gx1 = max(0, left - pad), min(band.shape[1], right + pad)
    crop = band[:, gx0:gx1].copy()
    crop[~np.isin(labels[:, gx0:gx1], glyphs) & (crop < thr)] = 255
    return crop, len(glyphs), close


def _paired(found: list[re.Match], runs: Sequence[OcrWord]) -> list[tuple[re.Match, OcrWord]]:
    """The text's runs (`found`) paired with the runs Tesseract boxed.  As
    many, each as long as its own: in order.  Otherwise (a line mended
    from a reading at another scale holds a run the boxes lack, or lacks
    one they hold: ๑๕๐วันร้อยละ ๘๐ where the boxes saw ๑๕๐ alone) the
    runs that agree in length from the start and from the end.  A run
    both ends claim, or whose box both claim, goes to the claim that
    kept Tesseract's very text, if one alone did (ร้อยละฒ๐ ... ร้อยละ๕๐
    where one box, ฒ๐, stands for both); else it is left as it is.  A
    pair may differ in digits (the mended line's ๒ for the box's ๑): the
    glyphs under the box decide."""
    if [len(m.group(0)) for m in found] == [len(r.text) for r in runs]:
        return list(zip(found, runs))
    n = min(len(found), len(runs))
    head = next((i for i in range(n) if len(found[i].group(0)) != len(runs[i].text)), n)
    tail = next((j for j in range(n) if len(found[-1 - j].group(0)) != len(runs[-1 - j].text)), n)
    claims = {(i, i) for i in range(head)} | {(len(found) - 1 - j, len(runs) - 1 - j) for j in range(tail)}
    kept = _unique(claims)
    contested = claims - kept
    kept |= _unique({(i, k) for i, k in contested if found[i].group(0) == runs[k].text}
                    - {(i, k) for i, k in contested if any(i == a or k == b for a, b in kept)})
    return [(found[i], runs[k]) for i, k in sorted(kept)]


def _unique(claims: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The claims (text run, boxed run) no other claim shares a run with."""
    return {(i, k) for i, k in claims
            if sum(a == i for a, _ in claims) == 1 and sum(b == k for _, b in claims) == 1}


def _sure(again: OcrResult, run: OcrWord, glyphs: int, close: bool) -> str | None:
    """The number reader's reading of a run's crop of `glyphs` pieces of
    ink, when it is sure and places a digit on each glyph.  A reading of
    another length than the run only where the run stands clear of other
    ink: by a letter, the glyphs the box took in may be too few (๑๐ read
    as ๑) or too many.  Fewer pieces than digits are glyphs that touch
    (๗๕ printed as one piece), read only when Tesseract saw as many."""
    digits = "".join(again.text.split())
    count = len(digits.replace(",", ""))
    length = len(run.text.replace(",", ""))
    if again.confidence < SURE or not _THAI_NUMBER.fullmatch(digits):
        return None
    if count == glyphs and (count == length or not close) or glyphs < count == length:
        return digits
    return None


def _net_sure(got: OcrResult | None, run: OcrWord, glyphs: int) -> str | None:
    """The number network's reading of a run's crop, when it is sure
    (`SURE_ALONE`) and of as many digits as the run and the crop's glyphs: it
    reads a phone photo's percentages the text model and the number
    reader misread (๙๐ read ๓๐, ๘๕ read ๕๕), but a lone ๑ the run's box
    cut from its ๐ it read ๒."""
    if got is None or got.confidence < SURE_ALONE:
        return None
    digits = "".join(got.text.split())
    count = len(digits.replace(",", ""))
    return digits if _THAI_NUMBER.fullmatch(digits) and count == glyphs == len(run.text.replace(",", "")) else None


def _all_thai(votes: tuple[int, int]) -> bool:
    """The glyph reader's script votes (Thai, Arabic) on a run Tesseract
    read as Arabic digits: all Thai."""
    return votes[0] > 0 and votes[1] == 0


def reread_thai_digits(text: str, res: OcrResult, image: np.ndarray, engine) -> str:
    """`text` (what became of `res.text`) with each of `res`'s Thai digit
    runs -- and, in text that holds Thai digits, each Arabic run whose
    glyphs the glyph reader takes for Thai ones (`_all_thai`) -- read
    again from `image` (the crop `res` boxes are in) by the
    number reader, where that reading is sure (`_sure`), for the runs of
    `text` that stand for them (`_paired`).  (All the runs, or none when
    they differed, was too strict: a count's digits read again on their
    own, จำนวน ๕ -> ๗, kept a cell's every other run from being read
    again.)"""
    if not _THAI_DIGIT.search(text):
        return text  # (Arabic runs only among Thai digits)
    pairs = _paired(_runs_in(text), res.digit_runs)
    out, last = [], 0
    for m, run in pairs:
        # (no sure reading: the boxed run's own text, not the line's mended
        # from another scale -- seeds 9898 and 9393, description CER 0.625
        # and 0.567 % against 0.628 and 0.570 % keeping the line's)
        new = run.text
        cut = _run_crop(image, run.box)
        if cut is not None and (_THAI_DIGIT.search(run.text) or _all_thai(engine.digit_votes(cut[0]))):
            crop, glyphs, close = cut
            new = (_net_sure(engine.net_number(crop), run, glyphs)
                   or _sure(engine.read_number(crop, thai_digits=True), run, glyphs, close) or new)
        out += [text[last : m.start()], new]
        last = m.end()
    return "".join(out) + text[last:]
