"""A one-line number cell read with the page's digit script, and the checks
that keep specks, merged glyphs and a handwriting face's 7/1 out of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import cv2
import numpy as np

from pipeline.extract.scan.cell_ink import Ink
from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.net_vote import net_vote
from pipeline.extract.scan.number_text import NUMBER_CHARS, NUMBER_RE, fix_separators, is_word, strip_number
from pipeline.ocr.crops import NUMBER_HEIGHT
from pipeline.ocr.digits import digits_of
from pipeline.ocr.glyph_templates import feature_aspect
from pipeline.ocr.latin_digits import CONFUSABLE


def read_number_cell(clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, crop: np.ndarray, origin: tuple[int, int],
                     dpi: float, engine, script: DigitScript) -> tuple[str, float]:
    """The cell's text and confidence; `crop` is the padded ink box of
    `clean` whose top-left corner is `origin`.  On an Arabic-digit page a
    number is checked glyph by glyph at the end (`glyph_vote`); an unsure
    number is put to the number network's vote (`net_vote`), on the crop
    without the specks before the digits (a speck left of a ๘๐๐ had been
    read as its ๑ by the network)."""
    # no part of a number lies left of its first digit or above the
    # digits' tops: specks there (read as '.', 'ฯ' or a glyph of their
    # own) stay out of the number reads; a comma's tail below stays in
    # (the text reads below keep them: a short word's marks sit there)
    digits = crop
    if ink.box[0] < ink.main_box[0] or ink.box[1] < ink.main_box[1]:
        mask = ink_mask[origin[1] : origin[1] + crop.shape[0], origin[0] : origin[0] + crop.shape[1]]
        digits = blank_before_digits(crop, mask, ink.main_box[0] - origin[0], ink.main_box[1] - origin[1],
                                     ink.glyph_height)
    text, conf = _read_number_cell(clean, ink_mask, ink, crop, digits, origin, dpi, engine, script)
    return net_vote(digits, text, conf, engine, script)


def _read_number_cell(clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, crop: np.ndarray, digits: np.ndarray,
                      origin: tuple[int, int], dpi: float, engine, script: DigitScript) -> tuple[str, float]:
    """`read_number_cell` before the network's vote; `digits`: `crop`
    without the specks before the digits."""
    first = script.first_reads.get((origin, crop.shape)) if script.latin_glyphs.frozen else None
    if script.decided is False and not first and (sure := page_sure_number(digits, engine, script)):
        # the page's own glyphs and the templates agree on every digit:
        # no Tesseract read (see `page_sure_number`)
        script.note(sure)
        script.settled = True
        _learn_size(sure, PAGE_SURE_CONFIDENCE, ink, script)
        _note_prints(digits, sure, PAGE_SURE_CONFIDENCE, engine, script)
        return sure, PAGE_SURE_CONFIDENCE
    text, conf = first or _read(clean, ink_mask, ink, crop, digits, dpi, engine, script)
    if text in ("", "-") and script.decided is False and not first:
        text, conf = _unread_digits(digits, ink, text, conf, engine, script)
    if script.decided is False:
        if text not in ("", "-") and not script.latin_glyphs.frozen:
            # kept for `table._read_again`, which asks the page's glyphs
            # again, not Tesseract
            script.first_reads[(origin, crop.shape)] = (text, conf)
        text, conf = arabic_page_number(digits, text, conf, engine, script, ink)
        _note_prints(digits, text, conf, engine, script)
    if script.decided is True and _foreign(text):
        text, conf = thai_page_number(digits, text, conf, engine)
    if script.decided is True and text != "-" and not any(ch.isdigit() for ch in text):
        text, conf = lone_thai_glyph(digits, text, conf, engine, script, ink)
    return text, conf


def _note_prints(digits: np.ndarray, text: str, confidence: float, engine, script: DigitScript) -> None:
    """An Arabic number cell of a photo's table shown to its prints
    (`TablePrints.note`), once: not while the page is read again."""
    if script.prints is not None and not script.latin_glyphs.frozen:
        script.prints.note(text, confidence, _digit_glyphs(digits, engine, script))


def lone_thai_glyph(crop: np.ndarray, text: str, confidence: float, engine, script: DigitScript,
                    ink: Ink) -> tuple[str, float]:
    """A cell on a Thai-digit page that every reader left without a digit
    read as the glyph reader's nearest Thai digit, nearer a letter or not,
    when it holds one glyph standing as tall as the page's sure numbers
    (`DigitScript.thai_heights`, a speck at half their height is no
    digit): a 200-dpi Noto Sans Thai page's lone ๓s (nearer a letter's
    template than any ๓'s) came out empty, six cells of one plan.  A
    header word has two glyphs or more."""
    tall = script.thai_heights.median
    if tall is None or ink.glyph_height < 0.8 * tall:
        return text, confidence
    got, conf = thai_glyphs_only(crop, engine, letters=1.0)
    last = engine.thai_digit_reader.last
    if not _thai_number(got) or last is None or len(last.verdicts) != 1:
        return text, confidence
    return got, min(float(conf), 0.5)


def _foreign(text: str) -> bool:
    """Whether `text` holds a character no Thai-digit number or Thai word
    has: a Latin letter, an Arabic digit, a sign other than ,.-"""
    return any(not ("\u0e00" <= ch <= "\u0e7f" or ch in ",.-" or ch.isspace()) for ch in text)


def thai_page_number(crop: np.ndarray, text: str, confidence: float, engine) -> tuple[str, float]:
    """A reading with Latin letters, Arabic digits or signs on a page that
    prints Thai digits (`_foreign`: a fallback reading's mixed model takes
    Thai digits for Arabic ones of other values, ๗๕๐ -> 6๐, ๓๐,๐๐๐ ->
    90,000; the text model read Garuda's ๓๐๐๐ '“nooo'): the first of
    `_thai_readings` that makes a number of Thai digits, else the reading
    marked unsure for validation to flag."""
    for th in _thai_readings(crop, text, engine):
        if _thai_number(th):
            return th, min(confidence, 0.5)
    return text, min(confidence, 0.3)


def _thai_readings(crop: np.ndarray, text: str, engine) -> Iterator[str]:
    """The crop read again as Thai digits, each reading only when the one
    before makes no number: with Arabic digits read, Tesseract's Thai model;
    a lone Latin letter (Noto Sans Thai's ๓ reads 'a': its nearest template
    is a letter's, so the glyph reader gave way to the text model), the
    glyph reader's one glyph, nearer a letter or not; then the glyph reader
    told the page prints Thai digits (`thai_glyphs_only`: where Tesseract's
    Thai model drops one of a run of ๐, ๓,๐๐๐.๐๐ -> ๓,๐.๐๐)."""
    if any("0" <= ch <= "9" for ch in text):
        yield strip_number(engine.read_number(crop, thai_digits=True).text)
    if len(text) == 1 and text.isascii() and text.isalpha():
        lone = thai_glyphs_only(crop, engine, letters=1.0)[0]
        if len(lone) == 1:
            yield lone
    yield thai_glyphs_only(crop, engine)[0]


def thai_glyphs_only(crop: np.ndarray, engine, letters: float = 0.5) -> tuple[str, float]:
    """The crop read glyph by glyph as Thai digits, up to the share
    `letters` of its glyphs read as their nearest Thai digit though they lie
    nearer a letter or an Arabic digit (a header word's glyphs all do: Noto
    Sans Thai's งบ read 0, then ๑๐); '' without a glyph reader, past that
    share, or when a glyph lacks a digit's width (two touching, one
    broken); with the reader's confidence."""
    from pipeline.ocr.crops import prepare_crop, prepare_number

    reader = getattr(engine, "thai_digit_reader", None)
    if reader is None or not reader.ok:
        return "", 0.0
    small = prepare_number(crop, pad=4)
    got = reader.read(small if small is not None else prepare_crop(crop, pad=0), letters=letters)
    return (strip_number(got[0]), got[1]) if got is not None and got[2] else ("", 0.0)


def _thai_number(text: str) -> bool:
    return bool(NUMBER_RE.match(text)) and not any("0" <= ch <= "9" for ch in text)


_NINE_AS_LETTER = ("q", "g")  # what the text model makes of a lone handwritten 9


def _read(clean: np.ndarray, ink_mask: np.ndarray, ink: Ink, crop: np.ndarray, digits: np.ndarray, dpi: float,
          engine, script: DigitScript) -> tuple[str, float]:
    """`read_number_cell` but the glyph check; `digits`: the crop with the
    specks before the digits painted out."""
    x0, y0, x1, y1 = ink.box
    ink_w, ink_h = x1 - x0, y1 - y0
    res = engine.read_number(digits, thai_digits=script.decided)
    if script.decided is None and any("๐" <= ch <= "๙" for ch in res.text):
        # before the page's script is settled, a Thai-digit reading is
        # read again the way Thai digits read best (the mixed model
        # confuses ๔/๕ and drops ๑)
        th = engine.read_number(digits, thai_digits=True)
        if th.text:
            res = th
    if script.decided is True:
        res = glyphs_nearer_letters(digits, res, engine)
        height = ink.glyph_height
        res = settle_thai_glyphs(res, engine, script, height)
        if res.confidence >= SURE_READ and _thai_number(strip_number(res.text)):
            script.thai_heights.add(height)
        last = getattr(getattr(engine, "thai_digit_reader", None), "last", None)
        if last is not None:
            script.thai_read = (digits, len(last.seg.slots))
    if script.decided is False and second_opinion_due(res.text, script):
        res = second_opinion(digits, res, engine, script)
    if script.decided is False and ink.main_box is not None:
        res = width_opinion(digits, res, engine, script, ink.main_box[2] - ink.main_box[0])
        res = dropped_one(digits, res, engine, script, ink_mask, ink.main_box, dpi)
    text = strip_number(res.text)
    if len(text) > 1 and text.startswith("-") and not leads_with_minus(ink_mask, ink.box, dpi):
        # a speck of dirt left of the number read as a minus sign
        text = text[1:]
    if (text in ("-", "") and script.decided is False and ink.n_comp == 1
            and (tall := script.latin_glyphs.height) is not None and ink_h >= 0.8 * tall):
        # ink as tall as the page's digits is no speck (a handwriting
        # face's lone 1 stands under dpi / 12 and read as ',')
        got = page_glyph_number(digits, engine, script)
        if got:
            return got, 0.6
    if text in ("-", "") and res.text.strip() and max(ink_w, ink_h) < dpi / 12:
        # a dash the shape test missed, or a speck read as a point
        return ("-" if "-" in res.text and ink_w > ink_h else ""), 0.6
    if (not NUMBER_RE.match(text) and script.decided is False and ink.n_comp == 1
            and ink_w <= max(0.4 * ink_h, 1.15 * (ink.stroke or 0.0)) and ink_h >= dpi / 30):
        # one upright bar on an Arabic-digit page: a '1' in fonts whose
        # 1 has hardly a flag (Sawasdee), which Tesseract leaves empty; a
        # phone photo widens every stroke, so a bar no wider than the
        # table's own strokes (`Ink.stroke`) counts too
        return "1", 0.6
    if script.decided is False and res.confidence < 0.3:
        # the LSTM merges twin glyphs ('11' -> '1' at 0.0 in Norasi)
        # and drops a 1 after another digit ('41' -> '4'): read glyph
        # by glyph when that finds more digits
        apart = read_glyphs(clean, ink_mask, ink.box, dpi, engine)
        if apart and sum(ch.isdigit() for ch in apart) > sum(ch.isdigit() for ch in text):
            return apart, 0.6
    if NUMBER_RE.match(text) and (res.confidence >= 0.6 or script.decided):
        # on a page whose digits are known, a well-formed reading stands:
        # the unrestricted text model reads Thai digits worse still
        script.note(text)
        return text, res.confidence
    alt = engine.read_text(crop, single_line=True)
    alt_text = "".join(alt.text.split())
    if not text and script.decided is False and alt_text in _NINE_AS_LETTER:
        # a handwriting face's lone 9 (Purisa), which the digit whitelist
        # leaves empty and the text model reads as the letter it looks like
        return "9", 0.6
    if alt_text and set(alt_text) <= set("=-–—_~"):
        return "-", alt.confidence * 0.8
    has_letters = any(ch.isalpha() and ch not in NUMBER_CHARS for ch in alt_text)
    if NUMBER_RE.match(text) and not has_letters:
        return text, res.confidence
    if not has_letters and NUMBER_RE.match(strip_number(alt_text)):
        return strip_number(alt_text), alt.confidence * 0.9
    if len(alt_text) == 1 and is_word(alt_text) and NUMBER_RE.match(text):
        # one glyph read as a Thai letter is no header word (those are
        # งาน, งบ): the digits' reading stands, unsure (a photo's Purisa 1
        # read 'จ' or 'ง' at 0.81-0.88)
        return text, res.confidence * 0.7
    if has_letters and alt.confidence < 0.8:
        # noise around a dash or a digit reads as letters at low confidence
        if NUMBER_RE.match(text) or text == "-":
            return text, res.confidence * 0.7
        return ("-" if ink_w > 1.6 * ink_h else ""), 0.3
    if alt_text and not text and not any(ch.isalnum() for ch in alt_text):
        # a speck read as '.' or ',' (200 dpi scanner dirt): no value
        return ("-" if ink_w > 1.6 * ink_h and ink_h <= dpi / 35 else ""), 0.5
    if alt.text and (alt.confidence >= res.confidence or not text):
        return alt.text, alt.confidence
    return text, res.confidence * 0.8


SURE_NEARER = 0.5  # a glyph nearer a letter this sure of its digit stands against a longer Tesseract reading


def glyphs_nearer_letters(crop: np.ndarray, res, engine):
    """On a Thai-digit page, a number the glyph reader gave up because a
    glyph lay nearer a letter's template (Noto Sans Thai's ๓) read by the
    glyph reader all the same, when it reads as many digits as Tesseract's
    Thai model, which stood in, and those glyphs as Tesseract did: that
    model reads ๔ as ๕ (๓๔ -> ๓๕; one Noto Sans plan: 10 of 22 wrong
    number cells), but a glyph nearer a letter may be a comma or a faint ๐
    (Tlwg Typewriter's ๓,๐๐๐ read ๓๕๐๐๐, Tlwg Typist's ๕๐๐ read ๕๔๐).
    Fewer digits than Tesseract read stand too when no glyph was cut out
    of touching ones and the glyphs nearer letters are sure of their digit
    (`SURE_NEARER`): Tesseract split a bold glyph in two (scan20b's Noto
    Sans Thai totals row: ๑๘,๓๕๐.๐๐ read ๑๑๕,๓๕๐.๐๐)."""
    reader = getattr(engine, "thai_digit_reader", None)
    if reader is None or reader.last is not None:
        return res
    text, conf = thai_glyphs_only(crop, engine)
    ours = [ch for ch in strip_number(res.text) if ch.isdigit()]
    last = reader.last
    if not _thai_number(text) or last is None or len(last.verdicts) > len(ours):
        return res
    if len(last.verdicts) < len(ours):
        sure = not last.seg.touching and all(v.margin >= SURE_NEARER for v in last.verdicts if v.nearer_letter)
        return type(res)(text, conf, ()) if sure else res
    if all(ch == t for v, ch, t in zip(last.verdicts, last.text.replace(",", "").replace(".", ""), ours)
           if v.nearer_letter):
        return type(res)(text, conf, ())
    return res


def settle_thai_glyphs(res, engine, script: DigitScript, height: int):
    """A Thai-digit reading whose unsure glyphs the page's own sure ones
    decide (`PageGlyphs`; `height`: the glyphs' in the page's pixels) --
    when the glyph reader's reading is the one that stood (its glyphs are
    the reading's)."""
    last = getattr(getattr(engine, "thai_digit_reader", None), "last", None)
    if last is None or last.text != res.text:
        return res
    text = script.thai_glyphs.settle(last, height)
    return res if text == res.text else type(res)(text, res.confidence, res.words)


def blank_before_digits(crop: np.ndarray, mask: np.ndarray, left: int, top: int, height: int) -> np.ndarray:
    """The crop painted paper-white left of column `left` and above row
    `top` (a pixel short of each), and with them the rest of each speck
    above (a piece of ink in `mask`, the page's ink over the crop) that
    ends within half the digits' `height` below that row: a speck
    straddling the digits' tops otherwise kept a sliver below it, which
    the glyph reader joined to the digit under it (scan20b's Norasi ๗๐๐
    read ๗๐๖, then ๑๐).  (Not so left of the digits: on a 200-dpi Norasi
    page that took whole 3s, 300 read 00.)"""
    out = crop.copy()
    paper = int(np.percentile(crop, 90))
    top, left = max(0, top - 1), max(0, left - 1)
    out[:, :left] = paper
    out[:top, :] = paper
    n, lab, st, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    for k in range(1, n):
        _x, y, _w, h, _a = st[k]
        if y < top and y + h <= top + height / 2:
            out[cv2.dilate((lab == k).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = paper
    return out


SECOND_OPINIONS = 40  # cells checked on a page before a page that never needed it stops
SUSPECT_DIGITS = frozenset("".join(CONFUSABLE))  # the digits Tesseract's models confuse with confidence


def second_opinion_due(text: str, script: DigitScript) -> bool:
    """Whether an Arabic-digit reading is checked by the mixed model
    (`second_opinion`): the page's first `SECOND_OPINIONS` cells all are;
    after them, on a page where the check changed a reading, those holding
    a digit it changed there or one of the digits Tesseract confuses with
    confidence (`CONFUSABLE`) -- the check on every cell of a handwriting
    face's page (Purisa) read each number twice, but what it put right
    there was a 1 or a 4 (a 7 or a 9): 19 readings of 279 checked on a
    scan20b plan, all holding one."""
    if script.checked < SECOND_OPINIONS:
        return True
    return bool(script.overruled) and any(ch in script.overruled or ch in SUSPECT_DIGITS for ch in text)


def mixed_reading(crop: np.ndarray, engine):
    """The crop as the mixed Thai+English model reads it: its number in
    Arabic digits, and the engine's result (for its confidence and words)."""
    from pipeline.normalize.numbers import to_arabic

    mixed = engine.read_number(crop, thai_digits=None)
    return strip_number(to_arabic(mixed.text)), mixed


def second_opinion(crop: np.ndarray, res, engine, script: DigitScript):
    """An Arabic-digit reading checked against the mixed Thai+English model:
    the English model reads some faces' digits wrong with confidence 0.9+
    (a handwriting face's 7 as 1 and 9 as 4: 29 of 375 number cells of one
    plan), where the mixed model reads them right (3 of those wrong cells
    in 375); elsewhere the two agree but for commas the mixed model takes
    for points.  When both read a well-formed number of as many digits (two
    or more: on a lone glyph the mixed model was as often wrong) and the
    numbers differ, the mixed model's reading stands, and the digits of
    ours it changed are kept (`DigitScript.overruled`, for
    `second_opinion_due`)."""
    script.checked += 1
    ours = strip_number(res.text)
    if not NUMBER_RE.match(ours) or sum(ch.isdigit() for ch in ours) < 2:
        return res  # no reading of the mixed model could stand (see below): it is not asked
    theirs, mixed = mixed_reading(crop, engine)
    if (ours.replace(",", "") != theirs.replace(",", "") and NUMBER_RE.match(ours) and NUMBER_RE.match(theirs)
            and sum(ch.isdigit() for ch in ours) == sum(ch.isdigit() for ch in theirs) >= 2):
        script.overruled |= {a for a, b in zip(filter(str.isdigit, ours), filter(str.isdigit, theirs)) if a != b}
        return type(res)(theirs, mixed.confidence, mixed.words)
    return res


def width_opinion(crop: np.ndarray, res, engine, script: DigitScript, width: int):
    """An Arabic-digit reading whose digit count does not fit its ink's
    width on this page (`NumberWidths`) checked against the mixed
    Thai+English model: where the English model drops or doubles a digit
    (a 200-dpi Purisa page: 15 read 5, 150 read 60, 27,100 read 217,100)
    the mixed model often reads as many digits as the ink is wide, and
    `second_opinion` only hears it on as many digits.  Its reading stands
    when it fits the width and ours does not; so, asked first, does a
    reading of ours the engine set aside (`OcrResult.set_aside`)."""
    ours = strip_number(res.text)
    miss = script.widths.misfit(ours, width) if NUMBER_RE.match(ours) else None
    if miss is None or miss < script.widths.MISFITS:
        return res
    for other in res.set_aside:
        if NUMBER_RE.match(theirs := strip_number(other.text)) and script.widths.fits_better(ours, theirs, width):
            return type(res)(theirs, other.confidence, other.words)
    theirs, mixed = mixed_reading(crop, engine)
    if NUMBER_RE.match(theirs) and script.widths.fits_better(ours, theirs, width):
        return type(res)(theirs, mixed.confidence, mixed.words)
    return res


def dropped_one(crop: np.ndarray, res, engine, script: DigitScript, ink_mask: np.ndarray,
                box: tuple[int, int, int, int], dpi: float):
    """An Arabic-digit reading that lost its leading 1: Tesseract's English
    model drops a 1 before another digit (Norasi's 14 read 4, Purisa's
    15,000 read 5,000 -- a 1's ink is too narrow for the width check,
    `width_opinion`, to tell one digit from two).  When the leftmost of the
    number's separate glyphs (`ink_columns` of the ink in `box`, measured
    only for a reading that could have lost a 1) is an upright
    bar as tall as the page's digits (`PageDigits.height`), the glyphs as
    tall outnumber our reading's digits, and the mixed Thai+English model
    reads our digits with a 1 before them, its reading stands."""
    ours = strip_number(res.text)
    tall = script.latin_glyphs.height
    if tall is None or not NUMBER_RE.match(ours):
        return res
    columns = ink_columns(ink_mask, box, dpi)
    if not columns:
        return res
    glyphs = [c for c in columns if c[3] - c[1] >= 0.8 * tall]
    x0, y0, x1, y1 = columns[0]
    ours_digits = digits_of(ours)
    if (not glyphs or glyphs[0] is not columns[0] or len(glyphs) <= len(ours_digits)
            or y1 - y0 > 1.25 * tall or x1 - x0 > 0.6 * (y1 - y0)):
        return res
    theirs, mixed = mixed_reading(crop, engine)
    if NUMBER_RE.match(theirs) and digits_of(theirs) == "1" + ours_digits:
        return type(res)(theirs, mixed.confidence, mixed.words)
    return res


def arabic_page_number(crop: np.ndarray, text: str, confidence: float, engine, script: DigitScript,
                       ink: Ink) -> tuple[str, float]:
    """A reading on an Arabic-digit page checked glyph by glyph
    (`glyph_vote`); one that is no number (letters: a handwriting face's 9
    read 'q' or 'ๆ', its 600 'nee') read from the glyphs alone when each
    lies near the page's own prints of its digit (`page_glyph_number`), a
    mix of digits and letters otherwise marked doubtful; a number the
    page's glyphs vouch for, digit by digit, is no less than 0.6 sure (the
    caller reads an unsure one again as text).  `script.settled` tells the
    table whether the page's glyphs could still change the reading.  A sure number of digits
    alone lends its height to `PageDigits.height`."""
    script.settled = False
    if NUMBER_RE.match(text):
        text, vouched, settled = glyph_vote(crop, text, confidence, engine, script)
        # (an unsure reading the page's glyphs may yet vouch for is not settled)
        script.settled = settled and (vouched or confidence >= 0.6)
        if vouched:
            confidence = max(confidence, 0.6)
        _learn_size(text, confidence, ink, script)
        return text, confidence
    if any(ch.isalpha() and ch not in NUMBER_CHARS for ch in text) and not (is_word(text) and confidence >= 0.8):
        # (a sure Thai word is a header's งาน or งบ, not a number)
        got = page_glyph_number(crop, engine, script)
        if got:
            script.settled = True
            return got, 0.6
        if any(ch.isdigit() for ch in text):
            return text, min(confidence, 0.3)
    return text, confidence


def _learn_size(text: str, confidence: float, ink: Ink, script: DigitScript) -> None:
    """A sure number's height (digits alone) and width kept as the page's
    (`PageDigits.height`, `NumberWidths`)."""
    if confidence < SURE_READ or ink.main_box is None:
        return
    x0, y0, x1, y1 = ink.main_box
    if text.isdigit():
        script.latin_glyphs.add_height(y1 - y0)
    if not script.latin_glyphs.frozen:
        script.widths.add(text, x1 - x0)


PAGE_SURE_CONFIDENCE = 0.9  # a number read from glyphs the page and the templates agree on (`page_sure_number`)


def page_sure_number(crop: np.ndarray, engine, script: DigitScript) -> str:
    """The crop's number read from its glyphs alone, before any Tesseract
    read, when every glyph is a digit the installed fonts' templates are
    sure of (`PageDigits.SURE`) and lies among the page's own sure prints
    of that digit beyond doubt (`PageDigits.CLOSE`), clearly nearer them
    than any other digit's (`PAGE_MARGIN`); '' otherwise, and while the
    page is read again (`table._read_again`).  Tesseract's reads, the
    mixed model's checks and `glyph_vote` came to the same number on all
    but one of such cells (scan20b's Arabic plans: 1698 of 2990 number
    cells; the other a speck that no longer reads as a minus sign), so the
    page's well-printed numbers take no Tesseract read (its first rows,
    read before it has shown its digits, still do).  A lone digit still
    goes to Tesseract: a 200-dpi 3 passed every test as a 5 (seed 7717),
    and repair, trusting it, changed a right month of its row instead."""
    page = script.latin_glyphs
    if page.frozen or not page.n_known:
        return ""
    glyphs = _digit_glyphs(crop, engine, script)
    if not glyphs or sum(feat is not None for _, _, feat in glyphs) < 2:
        return ""
    for ch, margin, feat in glyphs:
        if feat is None:
            continue
        near = page.nearest(feat, within=page.CLOSE) if margin >= page.SURE else None
        if near is None or near[0] != ch or near[1] < PAGE_MARGIN:
            return ""
    return _glyphs_number(glyphs)


def page_glyph_number(crop: np.ndarray, engine, script: DigitScript) -> str:
    """The crop read from its glyphs alone: each glyph's digit by the
    installed fonts' templates, where the page's own glyphs agree
    (`PageDigits.nearest`); '' when a glyph is doubtful or the whole is no
    number."""
    glyphs = _digit_glyphs(crop, engine, script)
    if not glyphs:
        return ""
    page = script.latin_glyphs
    for ch, _margin, feat in glyphs:
        if feat is not None and ((near := page.nearest(feat)) is None or near[0] != ch):
            return ""
    return _glyphs_number(glyphs)


def _glyphs_number(glyphs: list[tuple]) -> str:
    """The glyph reader's characters as a number's text; '' when they make
    no number."""
    whole = fix_separators("".join(ch for ch, _, _ in glyphs).strip(",."))
    return whole if NUMBER_RE.match(whole) and any(ch.isdigit() for ch in whole) else ""


def _unread_digits(crop: np.ndarray, ink: Ink, text: str, confidence: float, engine,
                   script: DigitScript) -> tuple[str, float]:
    """An Arabic-digit cell every reader left empty or a dash, though its
    ink stands as tall as the page's digits (`PageDigits.height`: no speck,
    no dash): read from the crop sharpened (`sharpened_number`), unsure;
    else as it was."""
    tall = script.latin_glyphs.height
    if tall is None or ink.box[3] - ink.box[1] < 0.8 * tall:
        return text, confidence
    got = sharpened_number(crop, engine, script, tall)
    if not got:
        # the mixed Thai+English model reads some a handwriting face's
        # digits the English one leaves empty (Purisa's 16 at 200 dpi)
        mixed = mixed_reading(crop, engine)[0]
        got = mixed if NUMBER_RE.match(mixed) and _glyphs_agree(crop, mixed, engine, script) else ""
    return (got, 0.5) if got else (text, confidence)


SHARP_HEIGHTS = (NUMBER_HEIGHT, NUMBER_HEIGHT * 2 // 3, NUMBER_HEIGHT // 2)  # the scales a sharpened crop is read at


def sharpened_number(crop: np.ndarray, engine, script: DigitScript, tall: float) -> str:
    """A number Tesseract left empty, read from the crop sharpened: a
    phone photo's small digits reach the reader as soft blots (the photo
    upsampled, then the page deskewed), which Tesseract reads as nothing at
    every scale; an unsharp mask at a tenth of the page's digit height
    (`tall`, measured on the page) gives their holes and strokes back.  The
    reading stands when two of the three scales (`SHARP_HEIGHTS`) agree on
    it and the installed fonts' templates (`engine.digit_glyphs`), where
    they read the glyphs at all, count as many digits (a 16 whose 1 the
    sharpened crop loses reads 6); '' otherwise.  Only a last resort:
    asked before the cell's other readers, it took right readings from
    them (a 104-dpi Purisa photo: 4 cells lost); so, one ~120 dpi photo's
    right number cells went from 599 to 608 of 677 (an 800.00 read 200.00
    among the new ones: hence unsure)."""
    f = crop.astype(np.float32)
    sharp = np.clip(f + 1.5 * (f - cv2.GaussianBlur(f, (0, 0), tall / 10)), 0, 255).astype(np.uint8)
    reads = Counter(strip_number(engine.read_number(sharp, thai_digits=False, height=h).text) for h in SHARP_HEIGHTS)
    text, n = reads.most_common(1)[0]
    if n < 2 or not NUMBER_RE.match(text) or not any(ch.isdigit() for ch in text):
        return ""
    return text if _glyphs_agree(crop, text, engine, script, unread=True) else ""


def _glyphs_agree(crop: np.ndarray, text: str, engine, script: DigitScript, unread: bool = False) -> bool:
    """Whether the installed fonts' templates (`engine.digit_glyphs`) count
    as many digits in the crop as `text` has (with `unread`, also when
    they read no glyph at all)."""
    glyphs = _digit_glyphs(crop, engine, script)
    mine = sum(ch.isdigit() for ch, *_ in glyphs or [])
    return (unread and not mine) or (mine > 0 and mine == sum(ch.isdigit() for ch in text))


def _digit_glyphs(crop: np.ndarray, engine, script: DigitScript) -> list[tuple] | None:
    """`engine.digit_glyphs` with features, remembered for the page's
    second reads (`table._read_again`: cutting touching glyphs apart is
    the glyph reader's dearest step)."""
    import hashlib

    key = (crop.shape, hashlib.blake2b(crop.tobytes(), digest_size=16).digest())
    if key in script.glyph_memo:
        return script.glyph_memo[key]
    glyphs = engine.digit_glyphs(crop, features=True)
    if not script.latin_glyphs.frozen:
        script.glyph_memo[key] = glyphs
    return glyphs


def _separators_for_digits(text: str, glyphs: list[tuple]) -> str:
    """`text` with a comma or point put where the glyph reader found one
    (by its size and place) and Tesseract read a digit (a handwriting
    face's comma read 7 or 5: 11,950 -> 117950), when the two readings
    agree in length and differ nowhere else in kind; else `text`."""
    mine = [ch for ch, *_ in glyphs]
    if len(mine) != len(text):
        return text
    out = list(text)
    for i, (a, b) in enumerate(zip(text, mine)):
        if b in ",." and a.isdigit():
            out[i] = b
        elif (b in ",.") != (a in ",."):
            return text
    fixed = fix_separators("".join(out))
    return fixed if NUMBER_RE.match(fixed) else text


GLYPH_MARGIN = 0.5  # how much nearer the glyph reader's digit must be than any other digit to stand
GLYPH_TRUST = 0.03  # the share of a page's digits the two may differ on before the glyph reader is not heard
SURE_READ = 0.9  # a reading Tesseract is this sure of changes only in the pairs it confuses (`CONFUSABLE`)


def glyph_vote(crop: np.ndarray, text: str, confidence: float, engine,
               script: DigitScript) -> tuple[str, bool, bool]:
    """Tesseract's Arabic digits checked glyph by glyph against the shapes
    of the installed fonts' digits (`engine.digit_glyphs`): both Tesseract
    models read a handwriting face's 7 (a 1 with a flag) as 1 and its open 9
    as 4 at 0.9+, where the nearest templates tell them apart.  A digit is
    put right only when the crop splits into as many glyphs as the reading
    has digits (after separators the glyph reader placed by size where
    Tesseract read digits, `_separators_for_digits`) and either the
    page's own sure glyphs (`PageDigits`) side with the glyph reader, or
    the glyph reader's choice clearly beats every other digit
    (`GLYPH_MARGIN`), on this page the two have agreed so far on all but
    `GLYPH_TRUST` of the digits (a font the templates do not know -- real
    plans' Sarabun, Angsana... -- disagrees often and then gets no say),
    and, where Tesseract was sure (`SURE_READ`), the two digits are a pair
    it confuses (a speck on a 3 made a sure '4' of the glyph reader).  A
    glyph both read alike, the templates by a clear margin, joins the
    page's sure glyphs.  Returns the text, whether the page's glyphs
    vouch for every digit of it, and whether it is settled: each glyph
    vouched for or one both read alike, the templates by a clear margin
    (more of the page's glyphs could change nothing else)."""
    glyphs = _digit_glyphs(crop, engine, script)
    if not any("0" <= ch <= "9" for ch in text):
        return text, False, False
    if glyphs is None:
        return page_vouched_cuts(crop, text, engine, script), False, False
    page = script.latin_glyphs
    votes = [(ch, margin, feat) for ch, margin, feat in glyphs if ch.isdigit()]
    at = [i for i, ch in enumerate(text) if "0" <= ch <= "9"]
    if len(votes) != len(at):
        text = _separators_for_digits(text, glyphs)
        at = [i for i, ch in enumerate(text) if "0" <= ch <= "9"]
    trusted = script.glyphs_differ <= GLYPH_TRUST * script.glyphs_seen
    sure = confidence >= SURE_READ
    if len(votes) != len(at):
        # the LSTM also splits that face's 9 into two digits (9850 ->
        # 94850) and drops a glyph (1100 -> 100): the glyphs' reading
        # stands instead when the page's glyphs vouch for every one, or on
        # a page where the two agree, when every glyph is a sure digit
        whole = fix_separators("".join(ch for ch, *_ in glyphs).strip(",."))
        if NUMBER_RE.match(whole) and votes:
            if all((near := page.nearest(f)) is not None and near[0] == ch for ch, _, f in votes):
                return whole, True, True
            if trusted and not sure and min(m for _, m, _ in votes) >= GLYPH_MARGIN:
                return whole, False, False
        return text, False, False
    out = list(text)
    vouched = settled = True
    mixed: list[str] | None = None
    for k, (i, (ch, margin, feat)) in enumerate(zip(at, votes)):
        script.glyphs_seen += 1
        read = text[i]
        if k == 0 and glyphs[0][0] in ",." and ch != read:
            # no number starts with a separator: the glyph reader cut its
            # first digit apart (a photo's 4 whose thin bar broke off: a
            # point, then a stem the page's 1s vouched for -- a sure 4250
            # made 1250), so that digit's reading stands, unvouched
            vouched = settled = False
            continue
        near = page.nearest(feat)
        if ch == read:
            if margin >= page.SURE and confidence >= 0.6:
                page.add(read, feat)
            elif (near is not None and near[0] != read and read + near[0] in CONFUSABLE
                  and margin < page.SURE and near[1] >= PAGE_MARGIN):
                # both read a 7 as 1 (the templates unsure): the page's own
                # 7s and 1s decide
                out[i] = near[0]
            ok = near is not None and near[0] == out[i]
            vouched, settled = vouched and ok, settled and (ok or margin >= page.SURE)
            continue
        script.glyphs_differ += 1
        if read == "1" and read + ch in CONFUSABLE and _wider_than_ones(feat, page):
            # a handwriting face's 7 that both Tesseract models read as 1
            # (its flag as long as the 7's bar at 200 dpi): the templates'
            # 7 stands where the glyph is clearly wider than the page's own
            # sure 1s (the page's glyphs hold no 7 to side with: Tesseract
            # never read one); one the templates are sure of joins the
            # page's 7s (without them a 300-dpi Purisa totals row's 79 and
            # 72 read 19 and 12)
            out[i] = ch
            if margin >= page.SURE:
                page.add(ch, feat)
            vouched = settled = False
            continue
        if near is not None and near[0] in (ch, read) and (
                near[0] == read or page.known(read) or page.nearest(feat, within=page.CLOSE) is not None):
            # (against a digit they do not know, the page's glyphs side with
            # the glyph reader only where the glyph lies close to its prints:
            # a 200-dpi Purisa page had shown no sure 7, 9 or 3, and its 1s
            # and 5s, 4-5.5 spreads away, drew the 7s, 9s and 3s Tesseract
            # read right; a Tlwg Typewriter page's 0s read 9 or 6 lie within
            # 2 spreads of its own)
            out[i] = near[0]
            continue
        pair = page.nearest(feat, read + ch, fit=False) if page.known(read) and page.known(ch) else None
        if pair is not None and pair[1] >= PAIR_MARGIN:
            # a blot on the glyph: it fits no digit of the page's, but lies
            # far nearer one of the two readings' than the other's
            out[i] = pair[0]
            vouched = settled = False
            continue
        if mixed is None and margin >= MIXED_MARGIN:
            mixed = _mixed_digits(crop, engine, len(at))
        if mixed and mixed[k] == ch and (not sure or read + ch in CONFUSABLE):
            # the mixed model sides with the glyph reader: two readers of
            # three (a sure reading, as below, only in a pair Tesseract
            # confuses), and the glyph one of the page's sure ones when the
            # templates were clear (Tesseract's English model reads every
            # Purisa 7 as 1: without it the page learns no 7)
            out[i] = ch
            if margin >= page.SURE:
                page.add(ch, feat)
        elif trusted and margin >= GLYPH_MARGIN and (not sure or read + ch in CONFUSABLE):
            out[i] = ch
        ok = near is not None and near[0] == out[i]
        vouched, settled = vouched and ok, settled and ok
    return "".join(out), vouched, settled


ONE_WIDER = 1.15  # a glyph this much wider (width / height) than the page's sure 1s is no 1


def _wider_than_ones(feat: np.ndarray, page) -> bool:
    """Whether the glyph (`feat`) is `ONE_WIDER` than the median of the
    page's own sure 1s (`PageDigits.aspect`): a 1 is a bare stroke, the
    narrowest digit of a face, and the page prints it the same way
    throughout."""
    ones = page.aspect("1")
    return ones is not None and feature_aspect(feat) >= ONE_WIDER * ones


def page_vouched_cuts(crop: np.ndarray, text: str, engine, script: DigitScript) -> str:
    """`text` where the glyph reader had to cut touching glyphs apart (no
    vote to trust, `glyph_vote` does not hear it): a digit changed only to
    the glyph reader's where the page's own sure prints place that piece
    among that digit's beyond doubt (`PageDigits.CLOSE`) and clearly
    nearer them than any other digit's (`PAGE_MARGIN`) -- a 200-dpi Tlwg
    Typewriter page's dotted 0s, run together at the decimals, read 6 or 9
    (100.00 -> 100.06)."""
    glyphs = engine.digit_glyphs(crop, features=True, touching=True)
    votes = [(ch, feat) for ch, _margin, feat in glyphs or [] if ch.isdigit()]
    at = [i for i, ch in enumerate(text) if "0" <= ch <= "9"]
    if len(votes) != len(at):
        return text
    page = script.latin_glyphs
    out = list(text)
    for i, (ch, feat) in zip(at, votes):
        if (ch != text[i] and (near := page.nearest(feat, within=page.CLOSE)) is not None and near[0] == ch
                and near[1] >= PAGE_MARGIN):
            out[i] = ch
    return "".join(out)


def _mixed_digits(crop: np.ndarray, engine, n: int) -> list[str]:
    """The crop's digits as the mixed Thai+English model reads them, when it
    reads `n` of them; else []."""
    from pipeline.normalize.numbers import to_arabic

    got = [ch for ch in to_arabic(strip_number(engine.read_number(crop, thai_digits=None).text)) if ch.isdigit()]
    return got if len(got) == n else []


PAGE_MARGIN = 0.3  # how much nearer the page's glyphs of one digit must be to overrule two readers that agree
PAIR_MARGIN = 0.5  # ... to decide between two readers' digits for a glyph that fits neither
MIXED_MARGIN = 0.3  # the glyph reader's margin for a digit Tesseract read otherwise before the mixed model is asked


def read_glyphs(clean: np.ndarray, ink_mask: np.ndarray, box: tuple[int, int, int, int], dpi: float,
                 engine) -> str | None:
    """An Arabic-digit number read one glyph at a time: pieces of ink side by
    side, a full-height bar as 1 (Tesseract reads a lone 1 as nothing), other
    full-height pieces read alone (one digit each, else None), small ones as
    separators put right by position.  None when a piece will not read."""
    x0, y0, x1, y1 = box
    cols = ink_columns(ink_mask, box, dpi)
    if len(cols) < 2:
        return None
    tall = max(c[3] - c[1] for c in cols)
    pad = max(3, int(dpi / 60))
    out = []
    for cx0, cy0, cx1, cy1 in cols:
        w, h = cx1 - cx0, cy1 - cy0
        if h >= 0.6 * tall:
            if w <= 0.4 * h:
                out.append("1")
                continue
            crop = clean[max(0, y0 + cy0 - pad) : y0 + cy1 + pad, max(0, x0 + cx0 - pad) : x0 + cx1 + pad]
            res = engine.read_number(crop, thai_digits=False)
            digit = strip_number(res.text)
            if len(digit) != 1 or not digit.isdigit() or res.confidence < 0.5:
                return None
            out.append(digit)
        elif h < 0.45 * tall and w < 0.6 * tall:
            out.append(".")
        else:
            return None
    return fix_separators("".join(out).strip("."))


def ink_columns(ink_mask: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> list[list[int]]:
    """The pieces of ink in `box` (specks below a few pixels aside) grouped
    where they overlap in x, left to right: [x0, y0, x1, y1] each, relative
    to the box -- a number's glyphs and separators, one each unless touching."""
    x0, y0, x1, y1 = box
    _n, _lab, st, _ = cv2.connectedComponentsWithStats(ink_mask[y0:y1, x0:x1], connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= max(3, int((dpi / 300) ** 2 * 6))]
    cols: list[list[int]] = []
    for x, y, w, h, _a in sorted(st.tolist()):
        if cols and x < cols[-1][2]:
            c = cols[-1]
            c[1], c[2], c[3] = min(c[1], y), max(c[2], x + w), max(c[3], y + h)
        else:
            cols.append([x, y, x + w, y + h])
    return cols


def leads_with_minus(ink_mask: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> bool:
    """The leftmost piece of ink is flat and a third of a glyph's height
    long (a minus sign), not a square speck (5 x 5 px of dirt read as '-')."""
    x0, y0, x1, y1 = box
    _n, _lab, st, _ = cv2.connectedComponentsWithStats(ink_mask[y0:y1, x0:x1], connectivity=8)
    st = st[1:]
    st = st[st[:, 4] >= 3]
    if len(st) < 2:
        return True
    x, _y, w, h, _a = st[int(np.argmin(st[:, 0]))]
    return bool(w >= 1.5 * h and w >= 0.3 * st[:, 3].max() and h <= dpi / 35)
