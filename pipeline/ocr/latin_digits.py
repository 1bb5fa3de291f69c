"""Arabic digits by their shapes: a second vote on Tesseract's reading.

Tesseract's `eng` and `tha+eng` models both read some faces' digits wrong
with confidence: a handwriting face's 7 (a 1 with a flag) as 1 and its open
9 as 4.  The glyph reader (`pipeline.ocr.glyph_templates`, templates of the
ten digits rendered from every upright font installed on the machine that
has them, one template set per distinct drawing of the digits) reads each
glyph of the crop; the caller decides what its vote is worth.  1/7 and 4/9
have discriminants of their own (see `glyph_templates`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.ocr.digits import ARABIC_DIGITS
from pipeline.ocr.glyph_templates import GlyphSet, GlyphTemplates

__all__ = ["CONFUSABLE", "LatinDigitReader", "latin_fonts", "shared_reader"]

_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
_GLYPHS = GlyphSet("latin_digit", ARABIC_DIGITS, "", (("1", "7", False), ("4", "9", False)))
# the digits Tesseract's models confuse with confidence, each with its partner
CONFUSABLE = {a + b for a, b, _ in _GLYPHS.pairs} | {b + a for a, b, _ in _GLYPHS.pairs}
_SLANTED = ("oblique", "italic", "slanted", "looped")


def latin_fonts(dirs: tuple[str, ...] = _FONT_DIRS) -> list[str]:
    """Upright fonts whose digits are their own drawing: a font without
    Latin digits (its '0' the missing-glyph box) and a font whose digits
    render exactly like an earlier one's (Noto's script fonts share Noto
    Sans's) are left out."""
    from PIL import ImageFont

    out, seen = [], set()
    for d in dirs:
        p = Path(d)
        if not p.is_dir():
            continue
        for f in sorted(p.rglob("*")):
            if f.suffix.lower() not in (".ttf", ".otf") or any(k in f.name.lower() for k in _SLANTED):
                continue
            try:
                font = ImageFont.truetype(str(f), 20)
                digits = font.getmask(ARABIC_DIGITS)
                missing = font.getmask("\U0010fffd" * len(ARABIC_DIGITS))
            except OSError:
                continue
            drawing = (digits.size, bytes(digits))
            if not digits.getbbox() or drawing == (missing.size, bytes(missing)) or drawing in seen:
                continue
            seen.add(drawing)
            out.append(str(f))
    return out


class LatinDigitReader:
    """Each glyph of an Arabic-digit number crop by its nearest template."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.templates = GlyphTemplates(_GLYPHS, latin_fonts(), cache_dir)
        self.ok = self.templates.ok

    def glyphs(self, image: np.ndarray) -> list[tuple[str, float]] | None:
        """The crop's characters in order: (digit, margin 0..1) for each
        glyph, (',' or '.', 1.0) for each separator; None when nothing
        glyph-sized is inked or glyphs touch (cut apart by guesswork, they
        are no vote to trust)."""
        t = self.templates
        seg = t.segment(image)
        if seg is None or seg.touching:
            return None
        d = t.distances(seg.feats)
        out: list[tuple[str, float]] = [(ch, 1.0) for ch in seg.out]
        for k, slot in enumerate(seg.slots):
            v = t.classify(seg.feats[k], d[k])
            out[slot] = (v.digit, v.margin)
        return out


_SHARED: list[LatinDigitReader] = []


def shared_reader() -> LatinDigitReader:
    """The process's reader, made on first use (templates load once)."""
    if not _SHARED:
        _SHARED.append(LatinDigitReader())
    return _SHARED[0]
