"""Thai digits: a glyph classifier next to Tesseract.

Debian's fast `tha` model reads small Thai digits badly whatever the crop
(measured on degraded 300 dpi pages: 47 % of number cells; ๔ -> ๕, ๙ -> ๓,
๑ -> empty, with confidences of 0.9+).  Thai digits are 10 shapes, each one
connected component, so number cells of Thai-digit pages are also read glyph
by glyph (`pipeline.ocr.glyph_templates`): templates rendered from the Thai
fonts installed on the machine -- digits plus digit-like letters and Arabic
digits, which reject the cell; the Arabic ones also vote on a page's digit
script.  Templates: upright fonts only, three sizes, sharp and blurred
(~7,700, 2 MB); built on the first Thai-digit page (~3 s), cached.  ๕ is ๔
plus a small hook curling into the top of the bowl: at 12 px of scan the
nearest template is often a ๔ (19 of 219 ๕ on Waree/Loma scans), so when
the winner is ๔ or ๕ a linear discriminant trained on the two digits alone
decides: 304/304 of the ๔/๕ glyphs of those scans, against 285/304 for the
nearest template; ๙ read as ๔ likewise when ๙ is the runner-up.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS
from pipeline.ocr.glyph_templates import GlyphSet, GlyphTemplates

__all__ = ["ThaiDigitReader"]

_DIGIT_LIKE_LETTERS = "กขคงจฉญดตถทธนบปผพฟภมรลวสหอฮะาเแโไ"
_FONT_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/thai",
              "/usr/share/fonts/opentype/tlwg", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
_GLYPHS = GlyphSet("thai_digit", THAI_DIGITS, _DIGIT_LIKE_LETTERS + ARABIC_DIGITS,
                   (("๔", "๕", True), ("๔", "๙", False)))


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


class ThaiDigitReader:
    """Nearest-template reader of Thai-digit numbers (see above)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.templates = GlyphTemplates(_GLYPHS, _thai_fonts(), cache_dir)
        self.ok = self.templates.ok
        if self.ok:
            self.is_arabic = np.isin(self.templates.y, list(ARABIC_DIGITS))

    def script_votes(self, image: np.ndarray) -> tuple[int, int]:
        """(Thai, Arabic): how many of the crop's glyphs look more like a
        Thai digit than an Arabic one and the other way round (by the
        nearest template of each; a glyph whose nearest is a letter casts no
        vote).  Tesseract's mixed model read half the Thai digits of a Loma
        page as Arabic ones (๑๐ -> 90, ๒ -> 4) and outvoted them."""
        t = self.templates
        seg = t.segment(image)
        if seg is None:
            return 0, 0
        d = t.distances(seg.feats)
        thai = np.where(t.is_digit, d, np.inf).min(axis=1)
        arabic = np.where(self.is_arabic, d, np.inf).min(axis=1)
        letter = np.where(t.is_digit | self.is_arabic, np.inf, d).min(axis=1)
        votes = np.minimum(thai, arabic) <= letter
        return int(np.sum(votes & (thai < arabic))), int(np.sum(votes & (arabic < thai)))

    def read(self, image: np.ndarray) -> tuple[str, float, bool] | None:
        """(text, confidence, clean) or None when the crop is not a Thai-digit
        number (a letter or an Arabic digit wins, nothing inked).  `clean`:
        every glyph has a digit's width (no touching pairs, no broken glyphs)."""
        t = self.templates
        seg = t.segment(image)
        if seg is None:
            return None
        d = t.distances(seg.feats)
        conf = 1.0
        out = seg.out
        for k, slot in enumerate(seg.slots):
            v = t.classify(seg.feats[k], d[k])
            if v.letter * 1.3 < v.distance:
                return None
            conf = min(conf, 0.5 + v.margin)
            out[slot] = v.digit
        text = "".join(out).strip(".,")
        while ",," in text or ".." in text:
            text = text.replace(",,", ",").replace("..", ".")
        if not text or not any(ch in THAI_DIGITS for ch in text):
            return None
        return text, min(1.0, conf), seg.clean
