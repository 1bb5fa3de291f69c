"""A text cell read as Thai lines, its leading row code read with the digit
whitelist, and the result mended by the word list."""

from __future__ import annotations

import re

import cv2
import numpy as np

from pipeline.extract.scan.cell_ink import Ink
from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.leading_amount import reread_amount
from pipeline.normalize.ocr_spell import correct_thai_ocr, leading_word
from pipeline.normalize.thai_text import clean_thai
from pipeline.ocr.crops import percentile_u8
from pipeline.ocr.latin_in_thai import reread_latin_words
from pipeline.ocr.sara_am import mend_sara_am
from pipeline.ocr.thai_digit_runs import reread_thai_digits
from pipeline.ocr.text_lines import split_lines, without_stray_specks


def read_text_cell(clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, crop: np.ndarray, origin: tuple[int, int],
                   dpi: float, engine, script: DigitScript) -> tuple[str, float]:
    """The cell's text and confidence; `crop` is the padded ink box of
    `clean` whose top-left corner is `origin`."""
    cx0, cy0 = origin
    crop = without_stray_specks(crop)
    ink_h = ink.box[3] - ink.box[1]
    # one line of Thai with its marks is under dpi/7 tall; Tesseract's
    # single-line mode garbles two lines, block mode reads one line fine.
    # Two lines of a small face fit in dpi/7 too (Tlwg Typist: two lines
    # 40 px tall at 300 dpi, read as one line of junk): the lines the crop
    # holds are counted as well
    single = ink_h <= dpi / 7 and len(split_lines(crop)) <= 1
    res = engine.read_text(crop, single_line=single)
    # Thai digits (and now and then a short word) read as Latin letters
    # and Thai digits misread (ร้อยละ ๓๕๕ for ๙๕): the number reader reads them again
    text = reread_thai_digits(reread_latin_words(res, crop, engine), res, crop, engine)
    text, conf = mend_sara_am(text, res.words, crop), res.confidence
    first = text.split(None, 1)[0] if text.strip() else ""
    # (a bracketed block number, "(12) รวมแผน...", is no row code; a clean
    # code run into the text, "9.4ตรวจ", is read right already: a tight
    # space leaves read_code no gap to end the code at)
    glued = _CODE_GLUED.match(first)
    coded_cell = (bool(first) and not CODE_RE.match(first) and not any(ch in "()[]" for ch in first)
                  and not (glued and "." in glued.group(1)) and not _read_point_glued(first))
    thai = True if any("๐" <= ch <= "๙" for ch in first) else script.decided
    if coded_cell and ((any(ch.isdigit() or ch in ":;" for ch in first)
                        and any(ch.isdigit() or ch in ".:;" for ch in first[:_CODE_LEAD]))
                       or _GARBLED_CODE.match(first)):
        # a row code (1.1.2) leads the cell: Thai-trained reads of digits
        # and dots go wrong (บุ1, 9:2:4, ต.อ.๔), so the leading word gets a
        # reading of its own with the digit whitelist, the rest stays Thai
        # text.  (A digit after three letters ends a word, no code: a
        # quarter header's ไตรมาส1 took four reads there, and now and then
        # came back as "๖ รมาส๓", its ไต read as a code)
        coded = read_code(clean, ink_mask, ink, dpi, engine, thai)
        if coded is not None:
            code, code_conf, (lx0, ly0, lx1, ly1) = coded
            rest_img = crop.copy()
            p2 = max(2, int(dpi / 100))
            rest_img[max(0, ly0 - cy0 - p2) : ly1 - cy0 + p2, max(0, lx0 - cx0 - p2) : lx1 - cx0 + p2] = int(percentile_u8(crop, 90))
            rest = engine.read_text(rest_img, single_line=single)
            text = (code + " " + reread_latin_words(rest, rest_img, engine)).strip()
            conf = min(code_conf, rest.confidence) if rest.text else code_conf
    if "\n" not in text:
        text = reread_amount(text, crop, engine, script.decided)
    if coded_cell:
        text = _glued_code(text, res, crop, dpi, engine, thai)
    # Tesseract's typical slips in Thai words (lost tone marks, ำ read as
    # า, ...) put right where the word list is sure (see `ocr_spell`)
    text = "\n".join(correct_thai_ocr(_SPECKS.sub("", clean_thai(line))) for line in text.split("\n"))
    text = strip_leading_junk(text)
    # a rule stub left of a row code reads as a digit of its own ("๖ ๑.๒.๑")
    return _CODE_GLUED.sub(r"\1 ", _STUB_BEFORE_CODE.sub("", text)), conf


# specks before a line's first word read as quotes, after its last word as
# points, commas, quotes, stars, carets, degree signs, guillemets
_SPECKS = re.compile(r"^['\"`\u2018\u2019\u201c\u201d]+(?=[\u0e01-\u0e4e])|(?:\s+[.,:;'\"`~_|*^°«»\-]+)+$")


# before the cell's first word (after its row code, if one was read): a
# bullet or specks read as signs ("«", "> ", "©"), or a row code in small
# Thai digits that the text model made Latin letters of and ran into the
# word ("Yoloส่งเสริม" for ๒.๒ ส่งเสริม, "oo. ตรวจ" for ๖.๔ ตรวจ); an
# acronym (OTOP, GAP) or a Latin word before a Latin word stays.  The row's
# code is then inferred from its neighbours (`normalize.codes`).
_LEAD_JUNK = re.compile(r"^((?:[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*\.?\s+)?)"
                        r"(?:[«»<>@©•*\"'“”`‘’|~^°]+\s*|(?![A-Z]{2})[A-Za-z]{1,4}\.?\s?(?=[\u0e01-\u0e2e\u0e40-\u0e44]))"
                        r"(?=[0-9๐-๙\u0e01-\u0e2e\u0e40-\u0e44])")


def strip_leading_junk(text: str) -> str:
    """`text` without the signs or Latin debris before its first word (see
    `_LEAD_JUNK`)."""
    return _LEAD_JUNK.sub(r"\1", text, count=1)


# an item's number and point run into its first word ("1.รายงานผล..."):
# read right already when a word of the dictionary (of two letters or more:
# no digit read as a letter) starts right after the point; the code reader,
# finding no gap, would take the word's first letters for digits
# ("1.99 ยงานผล...")
_POINT_GLUED = re.compile(r"^[0-9๐-๙]{1,2}\.(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


def _read_point_glued(first: str) -> bool:
    m = _POINT_GLUED.match(first)
    return bool(m) and len(leading_word(first[m.end() :])) >= 2


_CODE_LEAD = 3  # a row code shows a digit, point or colon among this many first characters (`read_text_cell`)


# a leading word of one to three signs and no Thai letter ("«", "€.>",
# "ek", "a.m"): what the text model makes of a row code in small Thai
# digits; read again as a code (a word that is none stays as it is)
_GARBLED_CODE = re.compile(r"^[^\s\u0e01-\u0e2e\u0e40-\u0e44]{1,3}$")


_STUB_BEFORE_CODE = re.compile(r"^[0-9๐-๙]{1,2}\s+(?=[0-9๐-๙]{1,2}\.[0-9๐-๙])")


_CODE_GLUED = re.compile(r"^([0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2}){0,4})(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


CODE_RE = re.compile(r"^[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2}){0,4}\.?$")
# a row code run into the text after it, its Thai digits read as letters
# ("ฒ.๒.๑รวบรวม" for ๔.๒.๑ รวบรวม): groups of one or two characters
# between points, then a Thai word
_GLUED_CODE = re.compile(r"^([^\s.]{1,2}(?:\.[^\s.]{1,2}){1,4})(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


def _glued_code(text: str, res, crop: np.ndarray, dpi: float, engine, thai_digits: bool | None) -> str:
    """`text` with a garbled row code run into its first word (no gap for
    `read_code` to cut at) read again from the boxes of the words it was
    read from, with the digit reader; as it was when those words do not
    make up the code exactly or the reading is no code."""
    m = _GLUED_CODE.match(text)
    if m is None:
        return text
    prefix = m.group(1)
    if not any(ch.isdigit() for ch in prefix) and any(len(g) > 1 for g in prefix.split(".")):
        return text  # letters in twos: Thai words with points, no code
    boxes, n = [], 0
    for word in res.words:
        if n >= len(prefix):
            break
        boxes.append(word.box)
        n += len(word.text)
    if n != len(prefix) or not boxes:
        return text
    pad = max(3, int(dpi / 60))
    x0, y0 = int(min(b.x0 for b in boxes)), int(min(b.y0 for b in boxes))
    x1, y1 = int(max(b.x1 for b in boxes)), int(max(b.y1 for b in boxes))
    img = crop[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    if img.size == 0:
        return text
    again = engine.read_number(img, thai_digits=thai_digits)
    code = again.text.replace(",", ".").strip("-.")
    if not CODE_RE.match(code) or "." not in code or again.confidence < 0.5:
        return text
    return code + " " + text[m.end() :]


def read_code(clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, dpi: float, engine,
               thai_digits: bool | None) -> tuple[str, float, tuple[int, int, int, int]] | None:
    """The leading word of a text cell read as a row code: the components of
    the first text line from the left, up to the first gap wider than ~0.8
    of a glyph's height (inside a code, between digit and dot, gaps stay
    under half of it; a space is over one), with the digit whitelist.  None
    when that word does not read as a code."""
    x0, y0, x1, y1 = ink.box
    crop = ink_mask[y0:y1, x0:x1]
    n, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= max(3, int((dpi / 300) ** 2 * 6))]
    if len(st) == 0:
        return None
    tall = st[st[:, 3] >= dpi / 40]
    if len(tall) == 0:
        return None
    h = float(np.median(tall[:, 3]))
    # the first line: letters (not the marks above them: a tone mark or ั
    # is as tall as dpi/40 at 300 dpi, and the row of marks would pass for
    # the first line) whose bottom is near the highest bottom
    hs = tall[:, 3]
    letters = tall[hs >= 0.7 * float(np.median(hs[hs >= 0.5 * np.percentile(hs, 75)]))]
    bottoms = letters[:, 1] + letters[:, 3]
    base = float(bottoms.min())
    line = letters[bottoms <= base + 0.4 * h]
    top = float(line[:, 1].min())
    # every component inside that line's band (dots and commas included)
    cy = st[:, 1] + st[:, 3] / 2
    in_line = st[(cy >= top - 0.2 * h) & (cy <= base + 0.3 * h)]
    in_line = in_line[np.argsort(in_line[:, 0])]
    gap_min = 0.8 * h
    lx0 = int(in_line[0, 0])
    lx1 = int(in_line[0, 0] + in_line[0, 2])
    ly0, ly1 = int(in_line[0, 1]), int(in_line[0, 1] + in_line[0, 3])
    found_gap = False
    # a code is groups of one or two digits between points: after a digit
    # comes a point, or the group's second digit close by; a third glyph
    # in a row, or one a space away after the code's points, is the text's
    # first letter (some fonts set the space after a code narrower than 0.8
    # of a glyph; a point too faint to be a component leaves a gap as wide)
    lh = float(np.median(letters[:, 3]))
    run, after_point, points = 1, False, 0
    for x, y, w, hh, _a in in_line[1:].tolist():
        gap = x - lx1
        # small, on the baseline, close after a digit (something small a
        # space away is the text's first mark or letter)
        point = hh < 0.6 * lh and y >= top + 0.4 * lh and gap <= 0.3 * lh
        if gap >= gap_min or (not point and not after_point and (run >= 2 or (points and gap > 0.3 * lh))):
            found_gap = True
            break
        run = 0 if point else run + 1
        after_point = point
        points += point
        lx1 = max(lx1, x + w)
        ly0, ly1 = min(ly0, y), max(ly1, y + hh)
    if not found_gap or lx1 - lx0 > 6 * h:
        return None
    pad = max(3, int(dpi / 60))
    lx0, lx1, ly0, ly1 = x0 + lx0, x0 + lx1, y0 + ly0, y0 + ly1
    img = clean[max(0, ly0 - pad) : ly1 + pad, max(0, lx0 - pad) : lx1 + pad]
    res = engine.read_number(img, thai_digits=thai_digits)
    code = res.text.replace(",", ".").strip("-")
    while ".." in code:
        code = code.replace("..", ".")
    if not CODE_RE.match(code) or res.confidence < 0.5:
        return None
    return code.rstrip("."), res.confidence, (lx0, ly0, lx1, ly1)
