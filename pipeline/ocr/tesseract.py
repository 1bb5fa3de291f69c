"""Tesseract through tesserocr: in-process, one set of APIs per process.

`PyTessBaseAPI`s made once and reused for every crop:

* numbers: the crop is cut to its ink, rule remnants along its edges
  dropped, scaled to 48 px of ink with 12 px of white around
  (`_prepare_number`); `--psm 7` and a whitelist of digits, comma, point,
  dash.  Arabic-digit pages: `eng` (on the prepared crop it no longer reads
  Umpush's 1 as 4: 2 errors in 622 number cells against 19 on the plain
  crop); pages whose script is not known yet: `tha+eng`; Thai-digit pages:
  the glyph reader below first (Debian's fast `tha` model reads Thai digits
  badly: 61 % of non-empty cells on Waree scans, the glyph reader 92 %),
  `tha` to confirm or stand in; an unrestricted retry when a reading is empty;
* text: `tha+eng`, `--psm 6` (blocks) or `--psm 7` (one line);
* words: `tha` alone, `--psm 7`, for short Thai words such as month
  abbreviations (`tha+eng` reads ก.พ. as `A.W.`).

`OMP_THREAD_LIMIT=1` is set before tesserocr is imported: Tesseract's own
threads fight a process pool (upstream issues #898, #3109).
"""

from __future__ import annotations

import math
import os
import time

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from pipeline.errors import MissingDependencyError  # noqa: E402
from pipeline.model import Box  # noqa: E402
from pipeline.ocr.base import OcrEngine, OcrResult, OcrWord, closest_word, join_thai, join_words  # noqa: E402

__all__ = ["TesseractEngine", "find_tessdata"]

_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata/",
    "/usr/share/tesseract-ocr/4.00/tessdata/",
    "/usr/share/tessdata/",
    "/usr/local/share/tessdata/",
    "/opt/homebrew/share/tessdata/",
)
_NEEDED = ("tha", "eng")

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
NUMBER_PUNCT = ",.-"
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

# the height (pixels) Tesseract's LSTM reads best: small glyphs are scaled up
_TARGET_HEIGHT = 40
_PAD = 10
# number crops: ink height and white border (see `_prepare_number`)
_NUMBER_HEIGHT = 48
_NUMBER_PAD = 12


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


def _prepare(image: np.ndarray, pad: int = _PAD, target_height: int | None = None) -> np.ndarray:
    """uint8 2-D, white padding, scaled so the ink is about `target_height`
    tall when it is smaller than that."""
    import cv2

    img = np.asarray(image)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY if img.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.size:
        # stretch paper to white and ink to black: padding with white around a
        # grey crop would otherwise draw a box that the OCR reads as a glyph
        paper = float(np.percentile(img, 75))
        ink = float(img.min())
        if paper - ink >= 24:
            img = np.clip((img.astype(np.float32) - ink) * (255.0 / (paper - ink)), 0, 255).astype(np.uint8)
    if target_height and 0 < img.shape[0] < target_height:
        f = target_height / img.shape[0]
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    if pad:
        img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return np.ascontiguousarray(img)


def _prepare_number(image: np.ndarray, height: int = _NUMBER_HEIGHT, pad: int = _NUMBER_PAD) -> np.ndarray | None:
    """A number crop as Tesseract reads it best: ink found by Otsu, pieces
    that touch the crop's edge and look like rule remnants (thin, or spanning
    the crop) dropped, cut to the ink, contrast stretched with everything
    away from the ink painted white, scaled so the ink is `height` px tall,
    `pad` px of white around.  Measured on Umpush scans: eng + whitelist
    read '1' as '4' on the plain crop (19/622 cells), not on this one.
    None when no ink is left."""
    import cv2

    g = np.asarray(image)
    if g.ndim != 2 or g.size == 0 or min(g.shape) < 3:
        return None
    if g.dtype != np.uint8:
        g = np.clip(g, 0, 255).astype(np.uint8)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    b = (g < thr).astype(np.uint8)
    n, lab, st, _ = cv2.connectedComponentsWithStats(b, connectivity=8)
    if n <= 1:
        return None
    hh, ww = b.shape
    x, y, w, h, a = (st[1:, i] for i in range(5))
    edge = (x == 0) | (y == 0) | (x + w == ww) | (y + h == hh)
    remnant = edge & ((h < 0.3 * hh) | (w > 0.9 * ww) | (h > 0.9 * hh))
    keep = np.concatenate([[False], (a >= 2) & ~remnant])  # a 200 dpi point is 2-3 px
    m = keep[lab]
    ys, xs = np.nonzero(m)
    if len(ys) == 0:
        return None
    sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    m = m[sl]
    paper = float(np.percentile(g, 75))
    ink = float(g.min())
    gc = np.clip((g[sl].astype(np.float32) - ink) * (255.0 / max(1.0, paper - ink)), 0, 255)
    gc[cv2.dilate(m.astype(np.uint8), np.ones((3, 3), np.uint8)) == 0] = 255
    img = gc.astype(np.uint8)
    f = height / img.shape[0]
    if abs(f - 1) > 0.05:
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return np.ascontiguousarray(img)


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
        self.calls = 0  # Tesseract recognitions so far (for benchmarks)
        self.seconds = 0.0  # time spent inside Tesseract (SetImage + Recognize + results)

    # -- plumbing --------------------------------------------------------

    def _set(self, api, img: np.ndarray) -> None:
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(300)

    def _recognize(self, api, img: np.ndarray, psm: int | None = None) -> tuple[str, float, tuple[OcrWord, ...]]:
        t0 = time.perf_counter()
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
        conf = max(0, api.MeanTextConf()) / 100.0 if text.strip() else 0.0
        self.seconds += time.perf_counter() - t0
        return text, conf, tuple(words)

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

    def read_number(self, image: np.ndarray, *, thai_digits: bool | None = None) -> OcrResult:
        img = _prepare_number(image)
        if img is None:
            img = _prepare(image, target_height=_TARGET_HEIGHT)
        if thai_digits is not True:
            # the page's script not known yet: the mixed model (the glyph
            # reader waits for a page the caller has seen to print Thai digits)
            api = self._num_ar if thai_digits is False else self._num
            res = self._tess_number(api, img)
            if res.confidence < 0.3:
                # the LSTM can drop a glyph and say so only by a confidence
                # near 0 ('51' -> '5' at 0.0 on Sawasdee scans): at another
                # scale the crop reads whole
                alt = _prepare_number(image, height=_NUMBER_HEIGHT * 2 // 3)
                again = self._tess_number(api, alt) if alt is not None else res
                if again.confidence > res.confidence:
                    res = again
            if not res.text and img.shape[1] - 2 * _NUMBER_PAD < 0.6 * (img.shape[0] - 2 * _NUMBER_PAD):
                # a lone narrow glyph (a '1') can come back empty from the
                # tight crop; the plain one reads it
                res = self._tess_number(api, _prepare(image, target_height=_TARGET_HEIGHT))
            if res.text == "4" and img.shape[1] - 2 * _NUMBER_PAD < 0.5 * (img.shape[0] - 2 * _NUMBER_PAD):
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
        small = _prepare_number(image, pad=4)
        cls = self.thai_digit_reader.read(small if small is not None else _prepare(image, pad=0))
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
        return self.thai_digit_reader.script_votes(_prepare(image, pad=0))

    def read_text(self, image: np.ndarray, *, single_line: bool = False) -> OcrResult:
        if not single_line:
            # block mode takes a row of Thai marks for a line of its own:
            # the lines are cut apart first and read one by one (see
            # `pipeline.ocr.text_lines`)
            return self._read_line_by_line(image)
        img = _prepare(image)
        raw, conf, words = self._recognize(self._text, img, self._t.PSM.SINGLE_LINE)
        self._text.SetPageSegMode(self._t.PSM.SINGLE_BLOCK)
        # word boxes from the padded image to the crop's pixels
        words = tuple(OcrWord(w.text, Box(w.box.x0 - _PAD, w.box.y0 - _PAD, w.box.x1 - _PAD, w.box.y1 - _PAD), w.confidence)
                      for w in words)
        if self._lines:
            # spaces from the gaps between word boxes (see `join_words`)
            lines = [join_words(line) for line in self._lines]
        else:
            lines = [join_thai(line) for line in raw.splitlines()]
        return OcrResult("\n".join(x for x in lines if x), conf, words)

    def _read_line_by_line(self, image: np.ndarray) -> OcrResult:
        """`read_text` of a block: each line cut out and read on its own;
        the confidence is the lines' mean weighted by their length."""
        from pipeline.ocr.text_lines import split_lines

        texts: list[str] = []
        words: list[OcrWord] = []
        weighted = 0.0
        for line, top in split_lines(_prepare(image, pad=0)):
            res = self.read_text(line, single_line=True)
            if not res.text:
                continue
            texts.append(res.text)
            weighted += res.confidence * len(res.text)
            words += [OcrWord(w.text, Box(w.box.x0, w.box.y0 + top, w.box.x1, w.box.y1 + top), w.confidence)
                      for w in res.words]
        n = sum(len(t) for t in texts)
        return OcrResult("\n".join(texts), weighted / n if n else 0.0, tuple(words))

    def read_thai_line(self, image: np.ndarray) -> OcrResult:
        img = _prepare(image, target_height=_TARGET_HEIGHT)
        raw, conf, words = self._recognize(self._word, img)
        return OcrResult(join_thai(raw), conf, words)

    def read_word(self, image: np.ndarray, choices: Sequence[str]) -> OcrResult:
        img = _prepare(image, target_height=_TARGET_HEIGHT)
        raw, conf, words = self._recognize(self._word, img)
        best, sim = closest_word(join_thai(raw), choices)
        if not best:
            return OcrResult("", 0.0, words)
        return OcrResult(best, conf * sim, words)

    def read_lines(self, image: np.ndarray) -> list[OcrResult]:
        """Lines cut apart first (see `pipeline.ocr.text_lines`: block mode
        reads a row of Thai marks as a line of junk), pieces of a line far
        apart (side-by-side blocks) as lines of their own, each read in
        single-line mode; each result's words are Tesseract's, boxes in
        crop pixels."""
        from pipeline.ocr.text_lines import split_lines, split_wide_gaps

        out: list[OcrResult] = []
        for line, top in split_lines(_prepare(image, pad=0)):
            for piece, x0, x1 in split_wide_gaps(line):
                res = self.read_text(piece, single_line=True)
                if not any(ch.isalnum() for ch in res.text):
                    continue  # a speck or a rule stub read as punctuation
                # word boxes from the piece to the crop
                dx, dy = x0, top
                words = tuple(OcrWord(w.text, Box(w.box.x0 + dx, w.box.y0 + dy, w.box.x1 + dx, w.box.y1 + dy), w.confidence)
                              for w in res.words)
                out.append(OcrResult(res.text, res.confidence, words))
        return out

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        """Tesseract OSD: (clockwise rotation of the page content, confidence)."""
        t = self._t
        if self._osd is None:
            if not (Path(self.tessdata) / "osd.traineddata").is_file():
                return None
            self._osd = t.PyTessBaseAPI(path=self.tessdata, lang="osd", psm=t.PSM.OSD_ONLY)
        img = _prepare(image, pad=0)
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


def to_arabic(text: str) -> str:
    return text.translate(_TO_ARABIC)


# --------------------------------------------------------------------------
# Thai digits: a glyph classifier next to Tesseract
# --------------------------------------------------------------------------
#
# Debian's fast `tha` model reads small Thai digits badly whatever the crop
# (measured on degraded 300 dpi pages: 47 % of number cells; ๔ -> ๕, ๙ -> ๓,
# ๑ -> empty, with confidences of 0.9+).  Thai digits are 10 shapes, each one
# connected component, so number cells of Thai-digit pages are also read glyph
# by glyph: components -> glyphs (parts stacked vertically are one glyph),
# small ones -> comma/point by size and baseline, the rest -> nearest
# neighbour among templates rendered from the Thai fonts installed on the
# machine (digits plus digit-like letters and Arabic digits, which reject the
# cell; the Arabic ones also vote on a page's digit script), with grayscale
# features so faint strokes (the tail that tells ๓ from ๑) count.
# Digits that touch (blur, bold type: ๑๕ drawn as one blob) are cut at the
# thinnest column near each expected boundary.  Templates: upright fonts
# only, three sizes, sharp and blurred (~7,700, 2 MB); built on the first
# Thai-digit page (~3 s), cached projected in ~/.cache/thaiplan (~10 ms to
# load).  ๕ is ๔ plus a small hook curling into the top of the bowl: at 12 px
# of scan the nearest template is often a ๔ (19 of 219 ๕ on Waree/Loma
# scans), so when the winner is ๔ or ๕ a linear discriminant trained on the
# two digits alone (rendered from the same fonts at 12-40 px, sharp and
# blurred; shrinkage LDA on the full feature) decides: 304/304 of the ๔/๕
# glyphs of those scans, against 285/304 for the nearest template; ๙ read as
# ๔ likewise (`_PAIRS`).

_GLYPH_SIZE = 24
_DIGIT_LIKE_LETTERS = "กขคงจฉญดตถทธนบปผพฟภมรลวสหอฮะาเแโไ"
_FONT_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/thai",
              "/usr/share/fonts/opentype/tlwg", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
_TEMPLATE_VERSION = 6
_TEMPLATE_SIZES = (16, 26, 40)  # features are size-normalised: three sizes cover the rendering differences


def _glyph_feature(ink: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """ink: 0..1 (1 = ink) over the glyph's box; mask: the glyph's pixels."""
    import cv2

    k = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    a = ink.astype(np.float32) * k
    h, w = a.shape
    side = max(h, w)
    sq = np.zeros((side, side), np.float32)
    sq[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = a
    f = cv2.resize(sq, (_GLYPH_SIZE, _GLYPH_SIZE), interpolation=cv2.INTER_AREA).ravel()
    f /= np.linalg.norm(f) + 1e-6
    return np.concatenate([f, [np.log(w / max(h, 1)) * 0.5]]).astype(np.float32)


def _thai_fonts() -> list[str]:
    out = []
    for d in _FONT_DIRS:
        p = Path(d)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in (".ttf", ".otf") and _has_thai_digits(f))
    return out


def _has_thai_digits(path: Path) -> bool:
    """Upright Thai fonts (plans are not set in italics; slanted variants only
    cost build time and blur the neighbours)."""
    name = path.name.lower()
    if any(k in name for k in ("looped", "ui", "oblique", "italic")):
        return False
    return "thai" in name or path.parent.name in ("tlwg", "thai")


def _render_templates(fonts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from PIL import ImageFont

    feats, labels = [], []
    for f in fonts:
        for px in _TEMPLATE_SIZES:
            try:
                font = ImageFont.truetype(f, px)
            except OSError:
                break
            for blur in (0.0, px / 18):
                for ch in THAI_DIGITS + _DIGIT_LIKE_LETTERS + ARABIC_DIGITS:
                    feature = _rendered_feature(font, ch, px, blur)
                    if feature is not None:
                        feats.append(feature)
                        labels.append(ch)
    return np.array(feats, np.float32), np.array(labels)


def _rendered_feature(font, ch: str, px: int, blur: float) -> np.ndarray | None:
    """The glyph feature of `ch` drawn in `font` at `px`, blurred by `blur` px."""
    from PIL import Image, ImageDraw, ImageFilter

    im = Image.new("L", (px * 3, px * 3), 255)
    ImageDraw.Draw(im).text((px, px // 2), ch, font=font, fill=0)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    a = 1.0 - np.asarray(im, np.float32) / 255.0
    m = a > 0.5
    ys, xs = np.nonzero(m)
    if len(ys) == 0:
        return None
    sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    return _glyph_feature(a[sl], m[sl])


# digit pairs the nearest template confuses on scans, each decided by its own
# linear discriminant: ๕ read as ๔ (the hook at the top lost), ๙ read as ๔
_PAIRS = ("๔๕", "๔๙")


def _pair_discriminants(fonts: list[str]) -> np.ndarray:
    """One row (w, b) per pair of `_PAIRS`: w @ feature + b > 0 reads the
    pair's second digit.  Shrinkage LDA (0.3) on the two digits rendered at
    12-40 px, sharp and with three blurs."""
    from PIL import ImageFont

    chars = sorted(set("".join(_PAIRS)))
    X, y = [], []
    for f in fonts:
        for px in (12, 14, 16, 20, 26, 40):
            try:
                font = ImageFont.truetype(f, px)
            except OSError:
                break
            for blur in (0.0, 1 / 18, 1 / 12, 1 / 8):
                for ch in chars:
                    feature = _rendered_feature(font, ch, px, blur * px)
                    if feature is not None:
                        X.append(feature)
                        y.append(ch)
    Xa, ya = np.array(X, np.float64), np.array(y)
    rows = []
    for a, b in _PAIRS:
        pos, neg = Xa[ya == b], Xa[ya == a]
        if len(pos) == 0 or len(neg) == 0:
            return np.zeros((0, 0), np.float32)
        m1, m0 = pos.mean(axis=0), neg.mean(axis=0)
        Xc = np.concatenate([pos - m1, neg - m0])
        S = Xc.T @ Xc / len(Xc)
        lam = 0.3
        S = (1 - lam) * S + lam * np.trace(S) / len(S) * np.eye(len(S))
        w = np.linalg.solve(S, m1 - m0)
        rows.append(np.concatenate([w, [-w @ (m1 + m0) / 2]]))
    return np.array(rows, np.float32)


def _cut_glyphs(mask: np.ndarray, ink: np.ndarray, k: int, width: float) -> list[np.ndarray]:
    """Features of `k` touching glyphs cut apart at the thinnest column near
    each expected boundary (`width`: one digit's)."""
    w = mask.shape[1]
    prof = mask.sum(axis=0)
    cuts = [0]
    for i in range(1, k):
        c = int(round(i * w / k))
        r = max(1, int(0.3 * width))
        lo, hi = max(cuts[-1] + 1, c - r), min(w - 1, c + r)
        if lo >= hi:
            break
        cuts.append(lo + int(np.argmin(prof[lo:hi])))
    cuts.append(w)
    out = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        part = mask[:, a:b]
        rows = np.nonzero(part.any(axis=1))[0]
        if len(rows) == 0 or b - a < 2:
            continue
        r0, r1 = int(rows[0]), int(rows[-1]) + 1
        out.append(_glyph_feature(ink[r0:r1, a:b], part[r0:r1]))
    return out


class ThaiDigitReader:
    """Nearest-template reader of Thai-digit numbers (see above).  Templates
    are rendered once from the installed Thai fonts and cached in
    ~/.cache/thaiplan/ (a few seconds the first time)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.ok = False
        fonts = _thai_fonts()
        if not fonts:
            return
        import hashlib

        key = hashlib.sha1(("\n".join(fonts) + f"|{_TEMPLATE_VERSION}|{_GLYPH_SIZE}").encode()).hexdigest()[:12]
        cache_dir = cache_dir or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "thaiplan"
        path = cache_dir / f"thai_digit_templates_{key}.npz"
        data = None
        try:
            if path.is_file():
                with np.load(path) as z:
                    data = (z["mean"], z["proj"], z["P"], z["y"], z["pairs"])
        except (OSError, ValueError, KeyError):
            data = None
        if data is None:
            X, y = _render_templates(fonts)
            if len(X) == 0:
                return
            # PCA to 64 dimensions: nearest neighbours stay the same, 9x cheaper
            mean = X.mean(axis=0)
            _, _, vt = np.linalg.svd(X[:: max(1, len(X) // 4000)] - mean, full_matrices=False)
            proj = vt[:64].T.astype(np.float32)
            data = (mean, proj, ((X - mean) @ proj).astype(np.float32), y, _pair_discriminants(fonts))
            try:
                # the one place written: a cache folder of our own (made if
                # missing); when it cannot be written the templates are
                # simply rebuilt next time
                cache_dir.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
                np.savez(tmp, mean=data[0], proj=data[1], P=data[2], y=data[3], pairs=data[4])
                os.replace(tmp, path)
            except OSError:
                pass
        self.mean, self.proj, self.P, y, self.pairs = data
        self.P_sq = (self.P**2).sum(axis=1)
        self.y = y
        self.is_digit = np.isin(y, list(THAI_DIGITS))
        self.is_arabic = np.isin(y, list(ARABIC_DIGITS))
        self.ok = True

    def _distances(self, feats: list[np.ndarray]) -> np.ndarray:
        """Squared distances (glyphs x templates) in the projected space."""
        q = (np.stack(feats) - self.mean) @ self.proj
        # einsum, not BLAS: OpenBLAS threads this product (a few glyphs x
        # ~9,000 templates) and on a busy machine each call took 10-20 ms
        # instead of 1-2
        return self.P_sq[None, :] - 2 * np.einsum("ij,kj->ik", q, self.P) + (q**2).sum(axis=1)[:, None]

    def script_votes(self, image: np.ndarray) -> tuple[int, int]:
        """(Thai, Arabic): how many of the crop's glyphs look more like a
        Thai digit than an Arabic one and the other way round (by the
        nearest template of each; a glyph whose nearest is a letter casts no
        vote).  Tesseract's mixed model read half the Thai digits of a Loma
        page as Arabic ones (๑๐ -> 90, ๒ -> 4) and outvoted them."""
        seg = self._segment(image) if self.ok else None
        if seg is None:
            return 0, 0
        d = self._distances(seg[1])
        thai = np.where(self.is_digit, d, np.inf).min(axis=1)
        arabic = np.where(self.is_arabic, d, np.inf).min(axis=1)
        letter = np.where(self.is_digit | self.is_arabic, np.inf, d).min(axis=1)
        votes = np.minimum(thai, arabic) <= letter
        return int(np.sum(votes & (thai < arabic))), int(np.sum(votes & (arabic < thai)))

    def _segment(self, image: np.ndarray) -> tuple[list[str], list[np.ndarray], list[int], bool] | None:
        """The crop's glyphs: (out, features, slots, clean) where `out` holds
        the separators read by size and position and an empty slot for each
        glyph to classify (`slots`: their indices, `features` theirs), or
        None when nothing glyph-sized is inked."""
        import cv2

        g = np.asarray(image)
        if g.ndim != 2 or g.size == 0:
            return None
        thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        b = (g < thr).astype(np.uint8)
        n, lab, st, _ = cv2.connectedComponentsWithStats(b, connectivity=8)
        comps = [(i, *st[i][:4]) for i in range(1, n) if st[i][4] >= 2]
        if not comps:
            return None
        comps.sort(key=lambda c: c[1])
        groups: list[list] = []  # [ids, x0, y0, x1, y1]
        # specks (scan noise, a point) are never stacked onto a glyph: a dot
        # above or below a ๐ turned it into ๖/๒/๑ (10 of 16 glyph errors
        # left on Waree scans)
        h0 = max(c[4] for c in comps)
        big: list[list] = []  # the groups of glyph-sized parts
        for i, x, y, w, h in comps:
            small = h <= 0.3 * h0 and w <= 0.3 * h0
            if big and not small:
                gr = big[-1]
                ov = min(gr[3], x + w) - max(gr[1], x)
                yov = min(gr[4], y + h) - max(gr[2], y)
                if ov >= 0.5 * min(w, gr[3] - gr[1]) and yov <= 0.3 * min(h, gr[4] - gr[2]):
                    gr[0].append(i)
                    gr[1], gr[2], gr[3], gr[4] = min(gr[1], x), min(gr[2], y), max(gr[3], x + w), max(gr[4], y + h)
                    continue
            groups.append([[i], x, y, x + w, y + h])
            if not small:
                big.append(groups[-1])
        H = max(gr[4] - gr[2] for gr in groups)
        if H < 5:
            return None
        tall = [gr for gr in groups if gr[4] - gr[2] >= 0.7 * H] or groups
        # a digit's width: the median of the tall groups that are not
        # touching pairs (wider than 1.6 x their height), else the height
        single = [gr[3] - gr[1] for gr in tall if gr[3] - gr[1] <= 1.6 * (gr[4] - gr[2])]
        W = float(np.median(single)) if single else float(H)
        base = float(np.median([gr[4] for gr in tall]))
        paper = float(np.percentile(g, 90))
        inkv = float(np.percentile(g, 3))
        gi = np.clip((paper - g.astype(np.float32)) / max(1.0, paper - inkv), 0, 1)
        out: list[str] = []
        feats = []
        slots = []
        clean = True
        for gr in groups:
            ids, x0, y0, x1, y1 = gr
            h, w = y1 - y0, x1 - x0
            # (a separator is narrow, small or hangs below the baseline: a ๑
            # beside a ๗ is 0.6 of the ๗'s height and width, 0.35 of its box,
            # on the baseline; a comma 0.3 of a digit's width, 0.1-0.25 of its
            # box, but Tlwg Mono's is 0.5 wide next to its tiny digits)
            if h < 0.45 * H or (h < 0.75 * H and w < 0.6 * W
                                and (w < 0.4 * W or h * w < 0.2 * H * W or y1 > base + 0.12 * H)):
                if h * w < 0.02 * H * W:
                    continue  # a speck
                if any(min(x1, b[3]) - max(x0, b[1]) > 0.5 * w for b in tall if b is not gr):
                    continue  # above or below a digit: noise, not a point
                out.append("," if (y1 > base + 0.12 * H or h > 1.3 * w) else ".")
                continue
            sl = (slice(y0, y1), slice(x0, x1))
            mask = np.isin(lab[sl], ids)
            if w > 1.6 * W:
                # digits that touch (blur, bold type): cut at the thinnest
                # column near each expected boundary, into 2-4 pieces by the
                # width (the count whose pieces match digits best when the
                # width is half way: Waree's ๒๗ blob is 2.5 of its narrow
                # ๐s) -- or none when the whole matches a digit better
                # (Kinnari's ๓ is 1.6 digits wide and was read as ๕๓)
                parts = self._best_cut(mask, gi[sl], w / W, W)
                if parts:
                    for f in parts:
                        feats.append(f)
                        slots.append(len(out))
                        out.append("")
                    continue
            if w > 1.45 * W or w < 0.45 * W:
                clean = False
            feats.append(_glyph_feature(gi[sl], mask))
            slots.append(len(out))
            out.append("")
        if not feats:
            return None
        return out, feats, slots, clean

    def _best_cut(self, mask: np.ndarray, ink: np.ndarray, n: float, width: float) -> list[np.ndarray]:
        """The features of the pieces of a wide glyph (`n` digits wide) cut
        into the count whose pieces lie nearest to digit templates on
        average; [] when the uncut glyph lies nearer still."""
        best: list[np.ndarray] = []
        best_d = float(np.where(self.is_digit, self._distances([_glyph_feature(ink, mask)]), np.inf).min())
        # the count by the width, both neighbours when it is half way
        counts = {math.floor(n), math.ceil(n)} if 0.35 <= n % 1 <= 0.65 else {round(n)}
        for k in sorted(counts & {2, 3, 4}):
            parts = _cut_glyphs(mask, ink, k, width)
            if not parts:
                continue
            d = float(np.where(self.is_digit, self._distances(parts), np.inf).min(axis=1).mean())
            if d < best_d:
                best, best_d = parts, d
        return best

    def read(self, image: np.ndarray) -> tuple[str, float, bool] | None:
        """(text, confidence, clean) or None when the crop is not a Thai-digit
        number (a letter or an Arabic digit wins, nothing inked).  `clean`:
        every glyph has a digit's width (no touching pairs, no broken glyphs)."""
        seg = self._segment(image) if self.ok else None
        if seg is None:
            return None
        out, feats, slots, clean = seg
        d = self._distances(feats)
        conf = 1.0
        for k, slot in enumerate(slots):
            dk = d[k]
            dig = np.where(self.is_digit, dk, np.inf)
            j = int(np.argmin(dig))
            best = self.y[j]
            other_digit = float(np.min(np.where(self.y == best, np.inf, dig)))
            letter = float(np.min(np.where(self.is_digit, np.inf, dk)))
            if letter * 1.3 < dk[j]:
                return None
            margin = max(0.0, (other_digit - dk[j]) / max(other_digit, 1e-6))
            if len(self.pairs):
                # confusable pairs: their own discriminant decides (see above);
                # ๔/๙ only when the runner-up is the other one, ๔/๕ always
                second = self.y[int(np.argmin(np.where(self.y == best, np.inf, dig)))]
                for p, (a, b) in enumerate(_PAIRS):
                    if best in (a, b) and (p == 0 or second in (a, b)):
                        sp = float(feats[k] @ self.pairs[p, :-1] + self.pairs[p, -1])
                        pick = b if sp > 0 else a
                        if pick != best:
                            best = pick
                            margin = min(0.5, abs(sp) / 4)
            conf = min(conf, 0.5 + margin)
            out[slot] = best
        text = "".join(out).strip(".,")
        while ",," in text or ".." in text:
            text = text.replace(",,", ",").replace("..", ".")
        if not text or not any(ch in THAI_DIGITS for ch in text):
            return None
        return text, min(1.0, conf), clean
