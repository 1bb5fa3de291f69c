"""Tesseract through tesserocr: in-process, one set of APIs per process.

`PyTessBaseAPI`s made once and reused for every crop:

* numbers: the crop is cut to its ink, rule remnants along its edges
  dropped, scaled to 48 px of ink with 12 px of white around
  (`prepare_number`); `--psm 7` and a whitelist of digits, comma, point,
  dash.  Arabic-digit pages: `eng` (on the prepared crop it no longer reads
  Umpush's 1 as 4: 2 errors in 622 number cells against 19 on the plain
  crop); pages whose script is not known yet: `tha+eng`; Thai-digit pages:
  the glyph reader (`pipeline.ocr.thai_digits`) first (Debian's fast `tha` model reads Thai digits
  badly: 61 % of non-empty cells on Waree scans, the glyph reader 92 %),
  `tha` to confirm or stand in; an unrestricted retry when a reading is empty;
* text: `tha+eng`, `--psm 6` (blocks) or `--psm 7` (one line);
* words: `tha` alone, `--psm 7`, for short Thai words such as month
  abbreviations (`tha+eng` reads ก.พ. as `A.W.`).

`OMP_THREAD_LIMIT=1` is set before tesserocr is imported: Tesseract's own
threads fight a process pool (upstream issues #898, #3109).
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from collections import OrderedDict  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from pipeline.errors import MissingDependencyError  # noqa: E402
from pipeline.model import Box  # noqa: E402
from pipeline.ocr.base import OcrEngine, OcrResult, OcrWord, closest_word, join_thai, join_words, moved  # noqa: E402
from pipeline.ocr.crops import NUMBER_HEIGHT, NUMBER_PAD, PAD, TARGET_HEIGHT, prepare_crop, prepare_number  # noqa: E402
from pipeline.ocr.digits import ARABIC_DIGITS, NUMBER_PUNCT, THAI_DIGITS  # noqa: E402
from pipeline.ocr.latin_in_thai import latin_among_thai  # noqa: E402
from pipeline.ocr.line_choice import OTHER_SCALES, choose_reading, wants_other_scales  # noqa: E402
from pipeline.ocr.thai_digit_runs import has_runs, thai_digit_runs  # noqa: E402
from pipeline.ocr.thai_digits import ThaiDigitReader  # noqa: E402

__all__ = ["TesseractEngine", "find_tessdata"]

_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata/",
    "/usr/share/tesseract-ocr/4.00/tessdata/",
    "/usr/share/tessdata/",
    "/usr/local/share/tessdata/",
    "/opt/homebrew/share/tessdata/",
)
_NEEDED = ("tha", "eng")
_MEMO_KEPT = 64  # recognitions remembered (`TesseractEngine._recognize`)
# Tesseract's `thresholding_method`: its own global Otsu (the default) and
# Leptonica's adaptive Otsu, tile by tile
_GLOBAL_OTSU, _ADAPTIVE_OTSU = "0", "1"
ADAPTIVE_SURE = 0.75  # a line read only when binarized adaptively is kept this sure
THAI_ONLY_SLACK = 0.01  # the Thai model's reading of a line stands this much less sure
SURE_LINE = 0.95  # a line read this sure is not read again at `soft_scale`


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def find_tessdata() -> str:
    """The folder holding tha/eng.traineddata, or MissingDependencyError."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = ([env, str(Path(env) / "tessdata")] if env else []) + list(_TESSDATA_CANDIDATES)
    for folder in candidates:
        if folder and all((Path(folder) / f"{lang}.traineddata").is_file() for lang in _NEEDED):
            return folder.rstrip("/") + "/"
    raise MissingDependencyError(
        "Tesseract's Thai and English models (tha.traineddata, eng.traineddata)",
        "apt-get install tesseract-ocr tesseract-ocr-tha (or set TESSDATA_PREFIX to the folder holding them)",
    )


class TesseractEngine(OcrEngine):
    name = "tesseract"

    def __init__(self, tessdata: str | None = None) -> None:
        try:
            import tesserocr
        except ImportError as err:  # pragma: no cover - depends on the install
            raise MissingDependencyError("tesserocr (Python binding of Tesseract)", "pip install tesserocr") from err
        self._t = tesserocr
        self.tessdata = tessdata or find_tessdata()
        PSM, OEM = tesserocr.PSM, tesserocr.OEM
        mk = lambda lang, psm: tesserocr.PyTessBaseAPI(path=self.tessdata, lang=lang, psm=psm, oem=OEM.LSTM_ONLY)  # noqa: E731
        try:
            self._num = mk("tha+eng", PSM.SINGLE_LINE)
            self._num.SetVariable("tessedit_char_whitelist", ARABIC_DIGITS + THAI_DIGITS + NUMBER_PUNCT)
            self._num_ar = mk("eng", PSM.SINGLE_LINE)
            self._num_ar.SetVariable("tessedit_char_whitelist", ARABIC_DIGITS + NUMBER_PUNCT)
            self._num_th = mk("tha", PSM.SINGLE_LINE)
            self._num_th.SetVariable("tessedit_char_whitelist", THAI_DIGITS + NUMBER_PUNCT)
            self._text = mk("tha+eng", PSM.SINGLE_BLOCK)
            self._word = mk("tha", PSM.SINGLE_LINE)
        except RuntimeError as err:
            raise MissingDependencyError(
                f"Tesseract could not load its models from {self.tessdata} ({err})",
                "apt-get install tesseract-ocr tesseract-ocr-tha",
            ) from err
        self._osd = None
        self._thai_reader: ThaiDigitReader | None = None
        for api in (self._num, self._num_ar, self._num_th, self._text, self._word):
            api.SetVariable("debug_file", "/dev/null")
        self._lines: list = []
        self._digit_runs: tuple[OcrWord, ...] = ()
        # the last few recognitions by (API, mode, pixels): the scan path
        # reads the same crop with the same API now and then (a Thai number
        # read again by a later check, a row code again for a glued code)
        self._memo: OrderedDict[tuple, tuple] = OrderedDict()
        self.calls = 0  # Tesseract recognitions so far (for benchmarks)
        self.seconds = 0.0  # time spent inside Tesseract (SetImage + Recognize + results)
        self.cpu_seconds = 0.0  # the same in CPU time (a shared machine stretches the wall clock)

    # -- plumbing --------------------------------------------------------

    def _set(self, api, img: np.ndarray) -> None:
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(300)

    def _recognize(self, api, img: np.ndarray, psm: int | None = None, *,
                   adaptive: bool = False) -> tuple[str, float, tuple[OcrWord, ...]]:
        """(text, mean confidence, words) of one crop; the same crop read
        by the same API in the same mode again is answered from memory
        (Tesseract gives the same answer; on two plans of scan20b 4 and
        13 of ~500 calls were such repeats).  `adaptive`: Tesseract
        binarizes by Leptonica's adaptive Otsu instead of its global one."""
        key = (id(api), psm, adaptive, img.shape, img.tobytes())
        if key in self._memo:
            self._memo.move_to_end(key)
            out, self._lines, self._digit_runs = self._memo[key]
            return out
        if adaptive:
            api.SetVariable("thresholding_method", _ADAPTIVE_OTSU)
        try:
            out = self._run(api, img, psm)
        finally:
            if adaptive:
                api.SetVariable("thresholding_method", _GLOBAL_OTSU)
        self._memo[key] = out, self._lines, self._digit_runs
        if len(self._memo) > _MEMO_KEPT:
            self._memo.popitem(last=False)
        return out

    def _run(self, api, img: np.ndarray, psm: int | None) -> tuple[str, float, tuple[OcrWord, ...]]:
        t0, c0 = time.perf_counter(), time.process_time()
        self._set(api, img)
        if psm is not None:
            api.SetPageSegMode(psm)
        self.calls += 1
        api.Recognize()
        words = []
        it = api.GetIterator()
        RIL = self._t.RIL
        level = RIL.WORD
        lines: list[list[tuple[str, float, float, float]]] = []
        if it is not None:
            for w in self._t.iterate_level(it, level):
                try:
                    txt = w.GetUTF8Text(level)
                except RuntimeError:
                    continue
                bb = w.BoundingBox(level)
                if not txt or bb is None:
                    continue
                if not lines or w.IsAtBeginningOf(RIL.TEXTLINE):
                    lines.append([])
                lines[-1].append((txt, float(bb[0]), float(bb[2]), float(bb[3] - bb[1])))
                words.append(OcrWord(txt, Box(*map(float, bb)), max(0.0, w.Confidence(level)) / 100.0))
        self._lines = lines
        text = api.GetUTF8Text() or ""
        # (the Thai model's too: its reading stands for the mixed model's
        # when that read Latin among Thai, and it misreads Thai digits as
        # well: ร้อยละ ๙๕ read "we" by one and ๓๕ by the other)
        self._digit_runs = self._thai_digit_runs(api) if api in (self._text, self._word) and has_runs(text) else ()
        conf = max(0, api.MeanTextConf()) / 100.0 if text.strip() else 0.0
        self.seconds += time.perf_counter() - t0
        self.cpu_seconds += time.process_time() - c0
        return text, conf, tuple(words)

    def _thai_digit_runs(self, api) -> tuple[OcrWord, ...]:
        """The runs of Thai digits (commas between them kept) in the last
        recognition, each with the box of its glyphs (see
        `thai_digit_runs`)."""
        RIL = self._t.RIL
        symbols = []
        it = api.GetIterator()
        if it is not None:
            for s in self._t.iterate_level(it, RIL.SYMBOL):
                ch, bb = s.GetUTF8Text(RIL.SYMBOL), s.BoundingBox(RIL.SYMBOL)
                if ch and bb is not None:
                    symbols.append((ch, bb, s.IsAtBeginningOf(RIL.TEXTLINE), s.Confidence(RIL.SYMBOL)))
        return thai_digit_runs(symbols)

    # -- the interface ---------------------------------------------------

    def _tess_number(self, api, img: np.ndarray) -> OcrResult:
        text, conf, words = self._recognize(api, img)
        text = "".join(text.split())
        if not text:
            # some fonts' 4 reads as q under the whitelist: unrestricted retry
            raw, conf, words = self._recognize(self._text, img, self._t.PSM.SINGLE_LINE)
            self._text.SetPageSegMode(self._t.PSM.SINGLE_BLOCK)
            text = "".join(ch for ch in "".join(raw.split()) if ch in ARABIC_DIGITS + THAI_DIGITS + NUMBER_PUNCT)
            if not text:
                return OcrResult("", 0.0, words)
            conf *= 0.8
        return OcrResult(text, conf, words)

    @property
    def thai_digit_reader(self) -> ThaiDigitReader:
        if self._thai_reader is None:
            self._thai_reader = ThaiDigitReader()
        return self._thai_reader

    def read_number(self, image: np.ndarray, *, thai_digits: bool | None = None,
                    height: int = NUMBER_HEIGHT) -> OcrResult:
        img = prepare_number(image, height=height)
        if img is None:
            img = prepare_crop(image, target_height=TARGET_HEIGHT)
        if thai_digits is not True:
            # the page's script not known yet: the mixed model (the glyph
            # reader waits for a page the caller has seen to print Thai digits)
            api = self._num_ar if thai_digits is False else self._num
            res = self._tess_number(api, img)
            if res.confidence < 0.3:
                # the LSTM can drop a glyph and say so only by a confidence
                # near 0 ('51' -> '5' at 0.0 on Sawasdee scans): at another
                # scale the crop reads whole
                alt = prepare_number(image, height=height * 2 // 3)
                again = self._tess_number(api, alt) if alt is not None else res
                if again.confidence > res.confidence:
                    res = again
            if not res.text and img.shape[1] - 2 * NUMBER_PAD < 0.6 * (img.shape[0] - 2 * NUMBER_PAD):
                # a lone narrow glyph (a '1') can come back empty from the
                # tight crop; the plain one reads it
                res = self._tess_number(api, prepare_crop(image, target_height=TARGET_HEIGHT))
            if res.text == "4" and img.shape[1] - 2 * NUMBER_PAD < 0.5 * (img.shape[0] - 2 * NUMBER_PAD):
                # Umpush's 1 at 200 dpi (14 px tall, blurred flag) reads as 4
                # at 0.7-0.95; its ink is 6-8 px wide for 18 tall, a 4's 12
                res = OcrResult("1", min(res.confidence, 0.7), res.words)
            return res
        # Thai digits: Debian's fast `tha` model reads them badly (61 % of
        # non-empty number cells on Waree scans, the glyph reader 92 %, both
        # together 93 %, in a quarter of the time): the glyph reader first,
        # Tesseract to confirm or stand in
        # the reader sees the digits at Tesseract's size too: Tlwg Mono's
        # digits are 9-10 px tall at 300 dpi, too few pixels to tell ๑ from ๐
        # (88.9 % of the Thai number cells of six plans read, 92.3 % scaled)
        small = prepare_number(image, pad=4)
        cls = self.thai_digit_reader.read(small if small is not None else prepare_crop(image, pad=0))
        if cls is not None and cls[2] and cls[1] >= 0.6:
            return OcrResult(cls[0], cls[1])
        tess = self._tess_number(self._num_th, img)
        if cls is None:
            return OcrResult(tess.text, tess.confidence * 0.6, tess.words)
        text, conf, clean = cls
        if text == tess.text:
            return OcrResult(text, max(conf, tess.confidence), tess.words)
        if clean:
            return OcrResult(text, conf * 0.9)
        return OcrResult(tess.text, min(tess.confidence, 0.5), tess.words)

    def digit_votes(self, image: np.ndarray) -> tuple[int, int]:
        return self.thai_digit_reader.script_votes(prepare_crop(image, pad=0))

    def read_text(self, image: np.ndarray, *, single_line: bool = False,
                  soft_scale: float | None = None) -> OcrResult:
        if not single_line:
            # block mode takes a row of Thai marks for a line of its own:
            # the lines are cut apart first and read one by one (see
            # `pipeline.ocr.text_lines`)
            return self._read_line_by_line(image, soft_scale)
        res = self._read_one_line(image)
        if latin_among_thai(res.text):
            res = self._thai_if_as_sure(image, res)
        if soft_scale is None:
            return res
        readings = [(res, 1.0)]
        if res.confidence < SURE_LINE:
            readings.append((self._read_scaled(image, soft_scale), soft_scale))
        if wants_other_scales(readings):
            readings += [(self._read_scaled(image, s), s) for s in OTHER_SCALES]
        best, scale = choose_reading(readings)
        back = 1.0 / scale
        return OcrResult(best.text, best.confidence, moved(best.words, scale=back),
                         digit_runs=moved(best.digit_runs, scale=back))

    def _thai_if_as_sure(self, image: np.ndarray, res: OcrResult) -> OcrResult:
        """The line read by the Thai model alone when that is as sure as
        the mixed model's reading `res` and keeps every digit: the mixed
        model's Latin letters among Thai words are mostly Thai it misread
        ("วงศ์ng", "ชื่อ-ana" for ชื่อ-สกุล, "(om)" for (๑๓)); the Thai
        model reads Thai digits as letters now and then (๗ as ฆ)."""
        thai = self._read_one_line(image, thai_only=True)
        if thai.confidence >= res.confidence - THAI_ONLY_SLACK and _digits(thai.text) >= _digits(res.text):
            return thai
        return res

    def _read_scaled(self, image: np.ndarray, scale: float) -> OcrResult:
        """`_read_one_line` of the line scaled by `scale` (word boxes in the
        scaled crop's pixels; empty when too small to read)."""
        small = cv2.resize(np.asarray(image), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return self._read_one_line(small) if min(small.shape[:2]) >= 2 else OcrResult("", 0.0)

    def _read_one_line(self, image: np.ndarray, *, thai_only: bool = False) -> OcrResult:
        """One line in single-line mode, spaces from the word gaps, word
        boxes in the crop's pixels; `thai_only`: by the Thai model alone."""
        img = prepare_crop(image)
        api, psm = (self._word, None) if thai_only else (self._text, self._t.PSM.SINGLE_LINE)
        raw, conf, words = self._recognize(api, img, psm)
        if not raw.strip():
            # a soft grey line (a 200-dpi scan read at 300) that Tesseract's
            # global Otsu turns to nothing reads whole when binarized tile
            # by tile (Laksaman's description cells: '' against '๑.๒.๒
            # ให้คำปรึกษางบการเงินประจำปี'); a reading less sure than
            # `ADAPTIVE_SURE` is the junk such a binarization makes of a
            # blotch or a shadow, where nothing was right
            kept = self._lines, self._digit_runs
            again = self._recognize(api, img, psm, adaptive=True)
            if again[1] >= ADAPTIVE_SURE:
                raw, conf, words = again
            else:
                self._lines, self._digit_runs = kept
        if psm is not None:
            self._text.SetPageSegMode(self._t.PSM.SINGLE_BLOCK)
        # word boxes from the padded image to the crop's pixels
        words = moved(words, -PAD, -PAD)
        runs = moved(self._digit_runs, -PAD, -PAD)
        if self._lines:
            # spaces from the gaps between word boxes (see `join_words`)
            lines = [join_words(line) for line in self._lines]
        else:
            lines = [join_thai(line) for line in raw.splitlines()]
        return OcrResult("\n".join(x for x in lines if x), conf, words, digit_runs=runs)

    def _read_line_by_line(self, image: np.ndarray, soft_scale: float | None) -> OcrResult:
        """`read_text` of a block: each line cut out and read on its own;
        the confidence is the lines' mean weighted by their length."""
        from pipeline.ocr.text_lines import split_lines

        texts: list[str] = []
        words: list[OcrWord] = []
        runs: list[OcrWord] = []
        weighted = 0.0
        for line, top in split_lines(prepare_crop(image, pad=0)):
            res = self.read_text(line, single_line=True, soft_scale=soft_scale)
            if not res.text:
                continue
            texts.append(res.text)
            weighted += res.confidence * len(res.text)
            words += moved(res.words, dy=top)
            runs += moved(res.digit_runs, dy=top)
        n = sum(len(t) for t in texts)
        return OcrResult("\n".join(texts), weighted / n if n else 0.0, tuple(words), digit_runs=tuple(runs))

    def read_thai_line(self, image: np.ndarray) -> OcrResult:
        img = prepare_crop(image, target_height=TARGET_HEIGHT)
        raw, conf, words = self._recognize(self._word, img)
        return OcrResult(join_thai(raw), conf, words)

    def read_word(self, image: np.ndarray, choices: Sequence[str]) -> OcrResult:
        img = prepare_crop(image, target_height=TARGET_HEIGHT)
        raw, conf, words = self._recognize(self._word, img)
        best, sim = closest_word(join_thai(raw), choices)
        if not best:
            return OcrResult("", 0.0, words)
        return OcrResult(best, conf * sim, words)

    def read_lines(self, image: np.ndarray, *, soft_scale: float | None = None) -> list[OcrResult]:
        """Lines cut apart first (see `pipeline.ocr.text_lines`: block mode
        reads a row of Thai marks as a line of junk), pieces of a line far
        apart (side-by-side blocks) as lines of their own, each read in
        single-line mode; each result's words are Tesseract's, boxes in
        crop pixels."""
        from pipeline.ocr.text_lines import split_lines, split_wide_gaps

        out: list[OcrResult] = []
        for line, top in split_lines(prepare_crop(image, pad=0)):
            for piece, x0, x1 in split_wide_gaps(line):
                res = self.read_text(piece, single_line=True, soft_scale=soft_scale)
                if latin_among_thai(res.text, alone_too=True):
                    res = self._thai_if_as_sure(piece, res)
                if not any(ch.isalnum() for ch in res.text):
                    continue  # a speck or a rule stub read as punctuation
                # word boxes from the piece to the crop
                out.append(OcrResult(res.text, res.confidence, moved(res.words, x0, top),
                                     digit_runs=moved(res.digit_runs, x0, top)))
        return out

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        """Tesseract OSD: (clockwise rotation of the page content, confidence)."""
        t = self._t
        if self._osd is None:
            if not (Path(self.tessdata) / "osd.traineddata").is_file():
                return None
            self._osd = t.PyTessBaseAPI(path=self.tessdata, lang="osd", psm=t.PSM.OSD_ONLY)
        img = prepare_crop(image, pad=0)
        self._set(self._osd, img)
        self.calls += 1
        try:
            res = self._osd.DetectOrientationScript()
        except RuntimeError:
            return None
        if not res:
            return None
        return int(res["orient_deg"]) % 360, float(res["orient_conf"])

    def close(self) -> None:
        for api in (self._num, self._num_ar, self._num_th, self._text, self._word, self._osd):
            if api is not None:
                api.End()
