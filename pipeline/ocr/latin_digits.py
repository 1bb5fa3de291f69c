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

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from pipeline.ocr.digits import ARABIC_DIGITS, NumberHeights
from pipeline.ocr.glyph_templates import GlyphSet, GlyphTemplates, cache_folder, feature_aspect
from pipeline.ocr.medians import median

__all__ = ["CONFUSABLE", "LatinDigitReader", "PageDigits", "latin_fonts", "shared_reader"]

_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
_GLYPHS = GlyphSet("latin_digit", ARABIC_DIGITS, "", (("1", "7", False), ("4", "9", False)), low_marks=True)
# the digits Tesseract's models confuse with confidence, each with its partner
CONFUSABLE = {a + b for a, b, _ in _GLYPHS.pairs} | {b + a for a, b, _ in _GLYPHS.pairs}
_SLANTED = ("oblique", "italic", "slanted", "looped")


def latin_fonts(dirs: tuple[str, ...] = _FONT_DIRS, cache_dir: Path | None = None) -> list[str]:
    """Upright fonts whose digits are their own drawing: a font without
    Latin digits (its '0' the missing-glyph box) and a font whose digits
    render exactly like an earlier one's (Noto's script fonts share Noto
    Sans's) are left out.  Rendering every installed font took 1.6 s a
    process: the answer is kept in the cache folder under the font files'
    names, sizes and times, and worked out again when any of them change."""
    files = [f for d in dirs if Path(d).is_dir() for f in sorted(Path(d).rglob("*"))
             if f.suffix.lower() in (".ttf", ".otf") and not any(k in f.name.lower() for k in _SLANTED)]
    stamp = "\n".join(f"{f}|{st.st_size}|{st.st_mtime_ns}" for f in files if (st := _stat(f)) is not None)
    path = (cache_dir or cache_folder()) / f"latin_fonts_{hashlib.sha1(stamp.encode()).hexdigest()[:12]}.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        pass
    out = _distinct_drawings(files)
    try:
        # the one place written besides the templates (see `GlyphTemplates`)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(out))
        os.replace(tmp, path)
    except OSError:
        pass
    return out


def _stat(f: Path) -> os.stat_result | None:
    try:
        return f.stat()
    except OSError:
        return None


def _distinct_drawings(files: list[Path]) -> list[str]:
    """The fonts of `files` that draw Latin digits, each drawing once (see
    `latin_fonts`)."""
    from PIL import ImageFont

    out, seen = [], set()
    for f in files:
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
        self.templates = GlyphTemplates(_GLYPHS, latin_fonts(cache_dir=cache_dir), cache_dir)
        self.ok = self.templates.ok

    def glyphs(self, image: np.ndarray, features: bool = False, touching: bool = False) -> list[tuple] | None:
        """The crop's characters in order: (digit, margin 0..1) for each
        glyph, (',' or '.', 1.0) for each separator; None when nothing
        glyph-sized is inked or glyphs touch (cut apart by guesswork, they
        are no vote to trust) -- unless `touching`.  With `features`, each
        entry has a third item: the glyph's feature (None for a separator),
        for `PageDigits`."""
        t = self.templates
        seg = t.segment(image)
        if seg is None or (seg.touching and not touching):
            return None
        d = t.seg_distances(seg)
        out: list[tuple] = [(ch, 1.0, None) if features else (ch, 1.0) for ch in seg.out]
        for k, slot in enumerate(seg.slots):
            v = t.classify(seg.feats[k], d[k])
            out[slot] = (v.digit, v.margin, seg.feats[k]) if features else (v.digit, v.margin)
        return out


class PageDigits:
    """A page's own sure Arabic digits as templates for its doubtful ones.
    The installed fonts' templates and Tesseract each misread a handwriting
    face (Purisa: Tesseract reads its 7 as 1 and its open 9 as 4 at 0.9,
    the templates a few 7s as 1 and lone 1s as specks), and a page where
    the two disagree often lost the templates' vote altogether.  But the
    page prints each digit the same way: a glyph both read as the same digit,
    the templates by a clear margin (`SURE`), is kept (the first `KEEP`
    of each digit), and a glyph the two disagree on goes to the digit whose
    kept glyphs it lies nearest -- when the page has shown `MIN_SEEN` of
    it and the glyph lies near enough to be one of them (`fits`).  The
    height of the page's sure numbers (in the page's pixels) is kept too:
    a lone digit is no speck when it stands that tall."""

    SURE = 0.6
    KEEP = 40
    MIN_SEEN = 3
    FIT = 6.0  # a glyph fits a digit when within this many times that digit's own spread (or the page's typical one)
    CLOSE = 3.0  # ... and is one of its prints beyond doubt within this many

    def __init__(self) -> None:
        self.seen: dict[str, list[np.ndarray]] = {ch: [] for ch in ARABIC_DIGITS}
        self.spread: dict[str, float] = {}
        self.heights = NumberHeights()
        self.frozen = False  # while cells are read again: a glyph is kept once
        self._stacks: dict[str, np.ndarray] = {}
        self._joined: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # (`_nearest_each`)

    @property
    def n_known(self) -> int:
        """How many digits the page has shown `MIN_SEEN` of."""
        return sum(self.known(ch) for ch in ARABIC_DIGITS)

    def add(self, digit: str, feat: np.ndarray) -> None:
        """A sure glyph of `digit`; past `KEEP` of it the page has shown
        enough (it prints a digit the same way throughout)."""
        kept = self.seen[digit]
        if self.frozen or len(kept) >= self.KEEP:
            return
        kept.append(feat)
        self.spread.pop(digit, None)
        self._stacks.pop(digit, None)
        self._joined.clear()

    def _stack(self, digit: str) -> np.ndarray:
        if digit not in self._stacks:
            self._stacks[digit] = np.stack(self.seen[digit])
        return self._stacks[digit]

    def add_height(self, height: int) -> None:
        if not self.frozen:
            self.heights.add(height)

    @property
    def height(self) -> float | None:
        """The median height of the page's sure numbers, None before a few."""
        return self.heights.median

    def known(self, digit: str) -> bool:
        return len(self.seen[digit]) >= self.MIN_SEEN

    def aspect(self, digit: str) -> float | None:
        """The median width / height of the page's sure glyphs of `digit`,
        None before `MIN_SEEN` of them."""
        if not self.known(digit):
            return None
        return median([feature_aspect(f) for f in self.seen[digit]])

    def _spread(self, digit: str) -> float:
        """The median distance from each kept glyph of `digit` to its nearest
        other kept one: how much the page's own prints of it differ (a glyph
        of the digit lies within a few times that; another digit's, tens of
        times)."""
        if digit not in self.spread:
            X = self._stack(digit)
            sq = (X**2).sum(axis=1)
            d = sq[:, None] + sq[None, :] - 2 * np.einsum("ij,kj->ik", X, X)
            np.fill_diagonal(d, np.inf)
            self.spread[digit] = float(np.median(d.min(axis=1)))
        return self.spread[digit]

    def _nearest_each(self, feat: np.ndarray, digits: str) -> dict[str, float]:
        """The squared distance from `feat` to the nearest kept glyph of
        each of `digits`, over all their glyphs at once (a glyph's ten
        small array ops cost five times as much)."""
        if not digits:
            return {}
        if digits not in self._joined:
            stacks = [self._stack(ch) for ch in digits]
            self._joined[digits] = np.concatenate(stacks), np.cumsum([0] + [len(x) for x in stacks[:-1]])
        glyphs, starts = self._joined[digits]
        return dict(zip(digits, np.minimum.reduceat(((glyphs - feat) ** 2).sum(axis=1), starts).tolist()))

    def nearest(self, feat: np.ndarray, digits: str = ARABIC_DIGITS, fit: bool = True,
                within: float = FIT) -> tuple[str, float] | None:
        """The one of `digits` whose kept glyphs `feat` lies nearest, among
        those the page has shown `MIN_SEEN` of, with how much nearer it is
        than the next (0..1, as `Verdict.margin`); None when no digit is
        known or (with `fit`) the glyph fits none (a letter, a blot): lies
        farther than `within` times the digit's spread from it."""
        dist = self._nearest_each(feat, "".join(ch for ch in digits if self.known(ch)))
        if not dist:
            return None
        best = min(dist, key=dist.__getitem__)
        typical = median([self._spread(ch) for ch in dist])
        if fit and dist[best] > within * max(self._spread(best), typical, 1e-3):
            return None
        rest = [d for ch, d in dist.items() if ch != best]
        margin = max(0.0, (min(rest) - dist[best]) / max(min(rest), 1e-6)) if rest else 0.0
        return best, margin


_SHARED: list[LatinDigitReader] = []


def shared_reader() -> LatinDigitReader:
    """The process's reader, made on first use (templates load once)."""
    if not _SHARED:
        _SHARED.append(LatinDigitReader())
    return _SHARED[0]
