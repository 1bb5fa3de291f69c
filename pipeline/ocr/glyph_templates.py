"""Digit glyphs told apart by their shapes: templates rendered from the fonts
installed on the machine, nearest neighbour on grayscale features.

Shared by the Thai-digit reader (`pipeline.ocr.thai_digits`) and the
Arabic-digit check (`pipeline.ocr.latin_digits`); each gives its own glyph
set (digits plus look-alikes that reject a glyph), fonts and confusable
pairs.  A crop is cut into glyphs (connected components; parts stacked
vertically are one glyph; small ones are commas or points by size and
baseline, a comma run into the digit before it split off at its foot;
touching digits cut at the locally thinnest columns into the pieces that
lie nearest to digit templates), each glyph a size-normalised grayscale
feature so faint strokes count.  Templates: three sizes, sharp and blurred, PCA-projected and cached
in ~/.cache/thaiplan (a few seconds to build once, ~10 ms to load).  Pairs
the nearest template confuses on scans are decided by a linear
discriminant trained on the two glyphs alone (shrinkage LDA, rendered at
12-40 px with three blurs).
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.ocr.crops import percentiles_u8
from pipeline.ocr.medians import median

__all__ = ["GlyphSet", "GlyphTemplates", "Segments", "Verdict", "feature_aspect", "glyph_feature", "two_class_lda"]

_GLYPH_SIZE = 24
_TEMPLATE_VERSION = 7
_TEMPLATE_SIZES = (16, 26, 40)  # features are size-normalised: three sizes cover the rendering differences
_PAIR_SIZES = (12, 14, 16, 20, 26, 40)
_PAIR_BLURS = (0.0, 1 / 18, 1 / 12, 1 / 8)
_DARKER = (0.6, 0.4)  # thresholds tried on blurred glyphs, as fractions of the way from ink to Otsu's
_MAX_CUT = 6  # touching glyphs cut into at most this many digits
_MORE_PIECES = 0.85  # a cut into more pieces stands when its mean distance is below this share of a cut into fewer's
_POOR_FIT = 0.15  # a glyph this far from every digit template may be a broken one (`_closed_at_lighter`)
_LIGHTER = (0.2, 0.3, 0.5)  # thresholds tried then, as fractions of the way from Otsu's to the paper
_CLOSED_GAIN = 0.8  # ... one stands when its glyphs' mean distance is below this share of Otsu's
_PIECE = 0.7  # ... and only for a glyph narrower than this share of the crop's median glyph (a broken one)


@dataclass(frozen=True)
class GlyphSet:
    """What a reader tells apart: `digits` (read), `others` (a glyph nearer
    to one of these is no digit of ours), `pairs` (a, b, always): confusable
    digit pairs decided by their own discriminant when the nearest template
    is a or b and (unless `always`) the runner-up is the other, nearer
    than the templates' `pair_gate` (margin).  `low_marks`: a short group
    of ink whose top lies in the lower half of the digits' height is a
    comma or a point whatever its width (no Arabic digit starts there; a
    handwriting face's comma is as wide as its 1, and its point as wide as
    half a 0).  `round_sides`: every digit's ink reaches its left and
    right sides above its lowest third (Thai digits: bowls and rising
    tails), so ink at a glyph's side that lies all lower is a comma or a
    point run into it (`_joined_marks`)."""

    name: str
    digits: str
    others: str
    pairs: tuple[tuple[str, str, bool], ...]
    low_marks: bool = False
    round_sides: bool = False


@dataclass
class Segments:
    """A crop cut into glyphs: `out` holds the separators read by size and
    position and an empty slot for each glyph to classify (`slots`: their
    indices in `out`, `feats` their features); `clean`: every glyph has a
    digit's width (no touching pairs, no broken glyphs); `touching`: some
    glyphs were cut apart; `spans`: each entry of `out`'s columns (x0, x1);
    `blobs`: the columns of the touching glyphs cut apart; `dist`: the
    glyphs' distances to all templates once worked out
    (`GlyphTemplates.seg_distances`)."""

    out: list[str]
    feats: list[np.ndarray]
    slots: list[int]
    clean: bool
    touching: bool
    spans: list[tuple[int, int]]
    blobs: list[tuple[int, int]]
    dist: np.ndarray | None = field(default=None, repr=False, compare=False)

    def broken_by(self, other: Segments) -> bool:
        """Whether `other` (the same crop cut at a darker threshold) has a
        separator inside one of our glyphs that was whole, not cut apart,
        or two glyphs sharing half the columns of the narrower: a faint
        glyph broken into pieces (a 200-dpi Laksaman ๖'s ascender parted
        from its bowl and read ๒๖), not a comma parted from a blob."""
        whole = [self.spans[i] for i in self.slots
                 if not any(b0 <= self.spans[i][0] and self.spans[i][1] <= b1 for b0, b1 in self.blobs)]
        glyphs = sorted(other.spans[i] for i in other.slots)
        return (any(s0 <= (a + b) / 2 <= s1 for k, (a, b) in enumerate(other.spans) if k not in other.slots
                    for s0, s1 in whole)
                or any(min(b1, c1) - c0 > 0.5 * min(b1 - b0, c1 - c0) for (b0, b1), (c0, c1) in zip(glyphs, glyphs[1:])))

    def add(self, text: str, span: tuple[int, int], feat: np.ndarray | None = None) -> None:
        """A separator (`text`) or, with `feat`, a glyph to classify."""
        if feat is not None:
            self.feats.append(feat)
            self.slots.append(len(self.out))
        self.out.append(text)
        self.spans.append(span)

    def with_marks_of(self, other: Segments) -> Segments:
        """These glyphs with `other`'s separators put in wherever no glyph or
        separator of ours stands between the same two glyphs (a darker
        threshold that parts touching glyphs thins a faint comma or point
        into a speck or nothing: Umpush's ๔,๐๐๐.๐๐ read ๔๐๐๐๐๐)."""
        out, spans = list(self.out), list(self.spans)
        sep = [i not in self.slots for i in range(len(out))]
        for ch, (a, b) in zip(other.out, other.spans):
            if not ch:
                continue
            mid = (a + b) / 2
            k = sum((s0 + s1) / 2 < mid for s0, s1 in spans)
            if any(s0 <= mid <= s1 for s0, s1 in spans) or (k > 0 and sep[k - 1]) or (k < len(out) and sep[k]):
                continue
            out.insert(k, ch)
            spans.insert(k, (a, b))
            sep.insert(k, True)
        slots = [i for i, s in enumerate(sep) if not s]
        return Segments(out, self.feats, slots, self.clean, self.touching, spans, self.blobs, self.dist)


@dataclass(frozen=True)
class Verdict:
    """One glyph classified: the digit; margin 0..1 (how much nearer the
    winner is than the nearest other digit, or the pair discriminant's word
    when it overrode the nearest template); the distance to it and to the
    nearest non-digit; `near`: the digits whose nearest template lies within
    twice the winner's distance (the winner among them)."""

    digit: str
    margin: float
    distance: float
    letter: float
    near: str = ""

    @property
    def nearer_letter(self) -> bool:
        """A letter's (or an Arabic digit's) template clearly nearer than
        the winning digit's: the glyph is no Thai digit, by shape alone."""
        return self.letter * 1.3 < self.distance


def glyph_feature(ink: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """ink: 0..1 (1 = ink) over the glyph's box; mask: the glyph's pixels
    (bool).  Called for every glyph and every trial cut: no copies beyond
    the one padded square."""
    import cv2

    k = cv2.dilate(mask.view(np.uint8), _GROW)
    a = np.multiply(ink, k, dtype=np.float32)
    h, w = a.shape
    side = max(h, w)
    top, left = (side - h) // 2, (side - w) // 2
    sq = cv2.copyMakeBorder(a, top, side - h - top, left, side - w - left, cv2.BORDER_CONSTANT, value=0)
    f = cv2.resize(sq, (_GLYPH_SIZE, _GLYPH_SIZE), interpolation=cv2.INTER_AREA).ravel()
    out = np.empty(f.size + 1, np.float32)
    np.divide(f, np.linalg.norm(f) + 1e-6, out=out[:-1])
    out[-1] = np.log(w / max(h, 1)) * 0.5
    return out


_GROW = np.ones((3, 3), np.uint8)


def feature_aspect(feat: np.ndarray) -> float:
    """The width / height of the glyph a `glyph_feature` was made from."""
    return float(np.exp(2.0 * feat[-1]))


def rendered_feature(font, ch: str, px: int, blur: float) -> np.ndarray | None:
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
    return glyph_feature(a[sl], m[sl])


def _fonts_at(fonts: Sequence[str], sizes: Sequence[int]):
    """(font object, px) for each font and size PIL can load."""
    from PIL import ImageFont

    for f in fonts:
        for px in sizes:
            try:
                yield ImageFont.truetype(f, px), px
            except OSError:
                break


def _render(fonts: Sequence[str], chars: str) -> tuple[np.ndarray, np.ndarray]:
    feats, labels = [], []
    for font, px in _fonts_at(fonts, _TEMPLATE_SIZES):
        for blur in (0.0, px / 18):
            for ch in chars:
                feature = rendered_feature(font, ch, px, blur)
                if feature is not None:
                    feats.append(feature)
                    labels.append(ch)
    return np.array(feats, np.float32), np.array(labels)


def _pair_discriminants(fonts: Sequence[str], pairs: Sequence[tuple[str, str, bool]]) -> np.ndarray:
    """One row (w, b) per pair: w @ feature + b > 0 reads the pair's second
    glyph.  Shrinkage LDA (0.3) on the two glyphs rendered at 12-40 px,
    sharp and with three blurs."""
    chars = sorted({ch for a, b, _ in pairs for ch in (a, b)})
    X, y = [], []
    for font, px in _fonts_at(fonts, _PAIR_SIZES):
        for blur in _PAIR_BLURS:
            for ch in chars:
                feature = rendered_feature(font, ch, px, blur * px)
                if feature is not None:
                    X.append(feature)
                    y.append(ch)
    Xa, ya = np.array(X, np.float64), np.array(y)
    rows = []
    for a, b, _ in pairs:
        pos, neg = Xa[ya == b], Xa[ya == a]
        if len(pos) == 0 or len(neg) == 0:
            return np.zeros((0, 0), np.float32)
        rows.append(two_class_lda(pos, neg, 0.3))
    return np.array(rows, np.float32)


def two_class_lda(pos: np.ndarray, neg: np.ndarray, shrink: float) -> np.ndarray:
    """(w, b) as one row: w @ feature + b > 0 sides with `pos`.  Shrinkage
    LDA: the pooled covariance pulled by `shrink` towards its mean
    variance, so a few hundred glyphs of 577 features still give a stable
    direction."""
    m1, m0 = pos.mean(axis=0), neg.mean(axis=0)
    Xc = np.concatenate([pos - m1, neg - m0])
    S = Xc.T @ Xc / len(Xc)
    S = (1 - shrink) * S + shrink * np.trace(S) / len(S) * np.eye(len(S))
    w = np.linalg.solve(S, m1 - m0)
    return np.concatenate([w, [-w @ (m1 + m0) / 2]])


def _cut_columns(mask: np.ndarray, width: float) -> list[int]:
    """Where touching glyphs may part: the columns where the ink is thinnest
    locally (a plateau's middle), a third of a digit or more from either
    end, and the thinnest column near each evenly spaced boundary of two to
    four glyphs (`width`: one digit's)."""
    w = mask.shape[1]
    prof = mask.sum(axis=0)
    edge = max(2, int(width / 3))
    cols = set()
    c = edge
    while c < w - edge:
        if prof[c] <= prof[c - 1]:
            e = c
            while e + 1 < w - edge and prof[e + 1] == prof[c]:
                e += 1
            if e + 1 < w and prof[e + 1] > prof[c] and prof[c - 1] > prof[c]:
                cols.add((c + e) // 2)
            c = e + 1
        else:
            c += 1
    r = max(1, int(0.3 * width))
    for k in (2, 3, 4):
        for i in range(1, k):
            mid = int(round(i * w / k))
            lo, hi = max(edge, mid - r), min(w - edge, mid + r)
            if lo < hi:
                cols.add(lo + int(np.argmin(prof[lo:hi])))
    return sorted(cols)


def _wide(w: float, h: float, width: float) -> bool:
    """A group of ink `w` x `h` that may be touching digits (`width`: one
    digit's, as the crop measures it): wider than 1.6 digits, or wider than
    any one digit is tall (1.42 at most in the installed faces)."""
    return w > 1.6 * width or w > 1.45 * h


def _piece(mask: np.ndarray, ink: np.ndarray, a: int, b: int) -> np.ndarray | None:
    """The glyph feature of columns a..b of a blob, cut to their ink's rows."""
    part = mask[:, a:b]
    rows = np.nonzero(part.any(axis=1))[0]
    if len(rows) == 0 or b - a < 2:
        return None
    r0, r1 = int(rows[0]), int(rows[-1]) + 1
    return glyph_feature(ink[r0:r1, a:b], part[r0:r1])


def cache_folder() -> Path:
    """Where the templates (and `latin_digits.latin_fonts`) are kept between runs."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "thaiplan"


class _Tones:
    """A uint8 crop's paper tone (90th percentile), ink tone (3rd) and each
    pixel's `share` of ink: 0 at the paper's tone or lighter, 1 at the
    ink's or darker -- from one histogram, once per crop, for every
    threshold tried."""

    def __init__(self, g: np.ndarray) -> None:
        self.paper, self.ink = percentiles_u8(g, (90, 3))
        self.share = np.clip((self.paper - g.astype(np.float32)) / max(1.0, self.paper - self.ink), 0, 1)


def _of(labels: np.ndarray, ids: list[int]) -> np.ndarray:
    """Where `labels` is one of the few `ids` (a glyph's parts): np.isin's
    sorting costs ten times these comparisons on a glyph-sized crop."""
    mask = labels == ids[0]
    for i in ids[1:]:
        mask |= labels == i
    return mask


class GlyphTemplates:
    """The templates of one `GlyphSet` rendered from `fonts` (see above);
    `ok` is False when no font could be used."""

    def __init__(self, glyphs: GlyphSet, fonts: Sequence[str], cache_dir: Path | None = None,
                 pair_gate: float = math.inf) -> None:
        self.glyphs = glyphs
        self.pair_gate = pair_gate
        self.ok = False
        if not fonts:
            return
        key = hashlib.sha1(("\n".join(fonts) + f"|{glyphs}|{_TEMPLATE_VERSION}|{_GLYPH_SIZE}").encode())
        key = key.hexdigest()[:12]
        cache_dir = cache_dir or cache_folder()
        path = cache_dir / f"{glyphs.name}_templates_{key}.npz"
        data = None
        try:
            if path.is_file():
                with np.load(path) as z:
                    data = (z["mean"], z["proj"], z["P"], z["y"], z["pairs"])
        except (OSError, ValueError, KeyError):
            data = None
        if data is None:
            X, y = _render(fonts, glyphs.digits + glyphs.others)
            if len(X) == 0:
                return
            # PCA to 64 dimensions: nearest neighbours stay the same, 9x cheaper
            mean = X.mean(axis=0)
            _, _, vt = np.linalg.svd(X[:: max(1, len(X) // 4000)] - mean, full_matrices=False)
            proj = vt[:64].T.astype(np.float32)
            pairs = _pair_discriminants(fonts, glyphs.pairs) if glyphs.pairs else np.zeros((0, 0), np.float32)
            data = (mean, proj, ((X - mean) @ proj).astype(np.float32), y, pairs)
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
        self.mean, self.proj, self.P, self.y, self.pairs = data
        self.P_sq = (self.P**2).sum(axis=1)
        self.is_digit = np.isin(self.y, list(glyphs.digits))
        # the digit templates alone, for the many trial cuts that ask only
        # how near digits a piece lies; and where each digit's templates are
        self.P_digit, self.P_digit_sq = self.P[self.is_digit], self.P_sq[self.is_digit]
        self.at_digit = {ch: np.nonzero(self.y == ch)[0] for ch in glyphs.digits}
        self.digit_at, self.letter_at = np.nonzero(self.is_digit)[0], np.nonzero(~self.is_digit)[0]
        self.other_digits_at = {ch: self.digit_at[self.y[self.digit_at] != ch] for ch in glyphs.digits}
        self.ok = True

    def distances(self, feats: list[np.ndarray], digits_only: bool = False) -> np.ndarray:
        """Squared distances (glyphs x templates) in the projected space;
        with `digits_only`, to the digit templates alone."""
        # einsum, not BLAS: OpenBLAS threads these products (a few glyphs x
        # ~9,000 templates) and on a busy machine each call took 10-20 ms
        # instead of 1-2
        q = np.einsum("ij,jk->ik", np.stack(feats) - self.mean, self.proj)
        P, P_sq = (self.P_digit, self.P_digit_sq) if digits_only else (self.P, self.P_sq)
        return P_sq[None, :] - 2 * np.einsum("ij,kj->ik", q, P) + (q**2).sum(axis=1)[:, None]

    def seg_distances(self, seg: Segments) -> np.ndarray:
        """`distances` of a crop's glyphs to all templates, worked out once:
        the check of a lighter threshold and the reader ask for the same
        ones.  Each entry is the same to the last bit as `distances` with
        `digits_only` gives for the digit templates (the products of one
        glyph and one template are summed alike whatever else is stacked)."""
        if seg.dist is None:
            seg.dist = self.distances(seg.feats)
        return seg.dist

    def classify(self, feat: np.ndarray, dk: np.ndarray) -> Verdict:
        """One glyph's digit from its feature and template distances `dk`
        (see `Verdict`)."""
        # (over the templates' index arrays: whole-array masks and a string
        # comparison over all ~9,000 templates cost five times as much)
        j = int(self.digit_at[np.argmin(dk[self.digit_at])])
        best = str(self.y[j])
        others = self.other_digits_at[best]
        k = int(np.argmin(dk[others])) if len(others) else -1
        other_digit = float(dk[others[k]]) if k >= 0 else math.inf
        letter = float(dk[self.letter_at].min()) if len(self.letter_at) else math.inf
        margin = max(0.0, (other_digit - dk[j]) / max(other_digit, 1e-6))
        second = str(self.y[others[k] if k >= 0 else 0])
        near = "".join(ch for ch, at in self.at_digit.items() if len(at) and float(dk[at].min()) <= 2 * dk[j])
        for p, (a, b, always) in enumerate(self.glyphs.pairs[: len(self.pairs)]):
            if best in (a, b) and (always or (second in (a, b) and margin < self.pair_gate)):
                sp = float(feat @ self.pairs[p, :-1] + self.pairs[p, -1])
                pick = b if sp > 0 else a
                if pick != best:
                    best = pick
                    margin = min(0.5, abs(sp) / 4)
        return Verdict(best, margin, float(dk[j]), letter, near + best)

    def segment(self, image: np.ndarray) -> Segments | None:
        """The crop's glyphs (see `Segments`), or None when nothing
        glyph-sized is inked.  Ink is split from paper at Otsu's threshold;
        where that leaves glyphs touching or of odd widths (a blurred scan
        runs ๓๐๐ into one blob and a comma into the digit before it), also
        at darker thresholds, and the cut whose glyphs lie nearest to digit
        templates on average wins; where a glyph fits poorly, also at
        lighter ones (`_closed_at_lighter`)."""
        import cv2

        g = np.asarray(image)
        if not self.ok or g.ndim != 2 or g.size == 0:
            return None
        thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        tones = _Tones(g)
        seg = self._segment_darker(g, thr, tones)
        return None if seg is None else self._closed_at_lighter(g, thr, tones, seg)

    def _closed_at_lighter(self, g: np.ndarray, thr: float, tones: _Tones, seg: Segments) -> Segments:
        """`seg` read again at thresholds lighter than Otsu's (`thr`) when a
        glyph narrower than `_PIECE` of the crop's median glyph lies
        `_POOR_FIT` or farther from every digit template: a ring whose faint
        sides fall short of Otsu's threshold parts into two glyphs of half
        a digit's width each (a Norasi ๑,๐๐๐ read ๑,๔๕๐๐, its ๐ two
        arcs), which a lighter threshold closes.  A lighter threshold
        stands with fewer glyphs, each nearer a digit than `_POOR_FIT` and
        clearly nearer (`_CLOSED_GAIN`) on average (a row code's ๕ and the
        letter cut off at the crop's edge after it ran together into ๕๒);
        its separators are put back where it lost them."""
        d = self.seg_distances(seg)[:, self.digit_at].min(axis=1)
        widths = [seg.spans[i][1] - seg.spans[i][0] for i in seg.slots]
        wide = _PIECE * median(widths)
        if not any(dk >= _POOR_FIT and w < wide for dk, w in zip(d, widths)):
            return seg
        paper, gi = tones.paper, tones.share
        best, best_d = seg, float(d.mean())
        for f in _LIGHTER:
            ink = g < thr + f * (paper - thr)
            other = self._segment_at(gi, ink, ink)
            if other is None or len(other.feats) >= len(seg.feats):
                continue
            od = self.distances(other.feats, digits_only=True).min(axis=1)
            if od.max() < _POOR_FIT and od.mean() < _CLOSED_GAIN * best_d:
                best, best_d = other, float(od.mean())
        return seg if best is seg else best.with_marks_of(seg)

    def _segment_darker(self, g: np.ndarray, thr: float, tones: _Tones) -> Segments | None:
        """`segment` at Otsu's threshold (`thr`) and, where that leaves
        glyphs touching or of odd widths, at darker ones."""
        otsu = g < thr
        gi = tones.share
        seg = self._segment_at(gi, otsu, otsu)
        if seg is None or (seg.clean and not seg.touching):
            return seg
        inkv = tones.ink
        best, best_d = seg, self._fit(seg.feats)
        for f in _DARKER:
            # parting glyphs adds glyphs: a darker threshold with fewer, or
            # with a separator inside a glyph Otsu found whole, broke faint
            # ones into pieces (Typist's ๐ rings at 200 dpi: its ๒๗๕๐.๐๐
            # read ๒๗๕, the three glyphs left fitting best)
            other = self._segment_at(gi, g < inkv + f * (thr - inkv), otsu)
            if (other is not None and len(other.feats) >= len(seg.feats) and not seg.broken_by(other)
                    and (d := self._fit(other.feats)) < best_d):
                best, best_d = other, d
        return best if best is seg else best.with_marks_of(seg)

    def _fit(self, feats: list[np.ndarray]) -> float:
        """How far the glyphs lie from digit templates, on average."""
        return float(self.distances(feats, digits_only=True).min(axis=1).mean())

    def _segment_at(self, gi: np.ndarray, ink: np.ndarray, otsu: np.ndarray) -> Segments | None:
        """`segment` with the glyphs found in the `ink` mask (`gi`: the crop's
        `_Tones.share`, the same for every mask tried); each glyph's
        shape is taken from the `otsu` mask over its columns (a darker
        threshold parts glyphs but thins the faint strokes that tell ๕ from
        ๔)."""
        import cv2

        n, lab, st, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
        comps = [(i, x, y, w, h) for i, (x, y, w, h, area) in enumerate(st[1:n].tolist(), 1) if area >= 2]
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
        W = median(single) if single else float(H)
        # the baseline: the glyph-sized groups' median bottom (Garuda's ๐ is
        # short of its ๒ and ๕; with the tall ones alone a comma run into
        # the ๒ set the baseline) -- not a narrow one's (a typewriter's
        # comma is half a digit tall), each counted once per digit it is wide
        # (a 200-dpi Noto Sans Thai ๕ with its comma run in beside a blob
        # of ๐๐๐ set a baseline halfway down the comma's tail)
        base = median([gr[4] for gr in groups if gr[4] - gr[2] >= 0.45 * H and gr[3] - gr[1] >= 0.6 * W
                          for _ in range(max(1, round((gr[3] - gr[1]) / W)))] or [gr[4] for gr in tall])
        # the digits' top: the tall groups' median top (see `low_marks`)
        top = median([gr[2] for gr in tall])
        if self.glyphs.round_sides:
            groups = [part for gr in groups for part in self._joined_marks(gr, lab, gi, base - 0.4 * (base - top), W)]
            tall = [gr for gr in groups if gr[4] - gr[2] >= 0.7 * H] or groups
        seg = Segments([], [], [], True, False, [], [])
        for gr in groups:
            ids, x0, y0, x1, y1 = gr
            h, w = y1 - y0, x1 - x0
            # (a separator is narrow, small or hangs below the baseline: a ๑
            # beside a ๗ is 0.6 of the ๗'s height and width, 0.35 of its box,
            # on the baseline; a comma 0.3 of a digit's width, 0.1-0.25 of its
            # box, but Tlwg Mono's is 0.5 wide next to its tiny digits)
            low = self.glyphs.low_marks and h < 0.75 * H and y0 > top + 0.5 * H
            if low or h < 0.45 * H or (h < 0.75 * H and w < 0.6 * W
                                       and (w < 0.4 * W or h * w < 0.2 * H * W or y1 > base + 0.12 * H)):
                if h * w < 0.02 * H * W:
                    continue  # a speck
                if any(min(x1, b[3]) - max(x0, b[1]) > 0.5 * w for b in tall if b is not gr):
                    continue  # above or below a digit: noise, not a point
                if y1 < base - 0.3 * H:
                    continue  # up among the digits' tops: a speck, no comma or point
                if y0 > base:
                    # all below the line the digits stand on: a speck (a
                    # comma's head and a point sit on that line; scan20b's
                    # Tlwg Typist ๕๐๐ read ๕.๐๐ with one under its ๕)
                    continue
                seg.add("," if (y1 > base + 0.12 * H or h > 1.3 * w) else ".", (x0, x1))
                continue
            sl = (slice(y0, y1), slice(x0, x1))
            mask = _of(lab[sl], ids)
            comma = None
            c = self._comma_foot(gi[sl], mask, base - y0, H, W) if y1 > base + 0.06 * H else None
            if c is not None:
                # a comma run into the digit before it (blur): Thai digits
                # stand on the baseline, ink below it at the glyph's right foot
                # is the comma's tail (Garuda's ๒,๕๐๐ read ๒๕๐๐)
                rows = np.nonzero(mask[:, :c].any(axis=1))[0]
                comma = (x0 + c, x1)
                y0, y1, x1 = y0 + int(rows[0]), y0 + int(rows[-1]) + 1, x0 + c
                h, w = y1 - y0, x1 - x0
                sl = (slice(y0, y1), slice(x0, x1))
                mask = _of(lab[sl], ids)
            if _wide(w, h, W):
                # digits that touch (blur, bold type), or a glyph wider than
                # any one digit is tall (a cell's lone blob, Garuda's ๑๕,
                # gives W itself): cut where
                # the pieces match digits best -- or not at all when the
                # whole matches a digit better (Kinnari's ๓ is 1.6 of its
                # narrow digits and was read as ๕๓)
                parts = self._best_cut(mask, gi[sl], min(W, h))
                if parts:
                    seg.touching = True
                    seg.blobs.append((x0, x1))
                    for k, f in enumerate(parts):
                        seg.add("", (x0 + k * w // len(parts), x0 + (k + 1) * w // len(parts)), f)
                    if comma:
                        seg.add(",", comma)
                    continue
            if w > 1.45 * W or w < 0.45 * W:
                seg.clean = False
            if ink is not otsu:
                grow = max(2, int(0.08 * H))
                sl = (slice(max(0, y0 - grow), y1 + grow), slice(x0, x1))
                mask = otsu[sl]
                rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
                sl = (slice(sl[0].start + rows[0], sl[0].start + rows[-1] + 1), slice(x0 + cols[0], x0 + cols[-1] + 1))
                mask = otsu[sl]
            seg.add("", (x0, x1), glyph_feature(gi[sl], mask))
            if comma:
                seg.add(",", comma)
        return seg if seg.feats else None

    def _joined_marks(self, gr: list, lab: np.ndarray, gi: np.ndarray, low: float, width: float) -> list[list]:
        """Group `gr` ([ids, x0, y0, x1, y1]) parted where a comma or point
        run into a digit (blur) stands at its left or right end: a run of
        columns whose ink lies all below row `low` (the digits' lowest
        third, see `GlyphSet.round_sides`), 0.15-0.6 of a digit wide
        (`width`), when the glyphs left lie nearer digits than the whole
        did (a 200-dpi Noto Sans Thai ๕๐.๕๐ read ๕๔๕๐, its ๐ and point one
        glyph); else [gr].  Not between two digits of the group, and only
        a mark that narrows to a neck where it meets the digit: two bowls
        touching at their feet are joined by such columns too, thickening
        into the bowl (Garuda's ๒๘๐๐ read ๒๘๐.๐)."""
        ids, x0, y0, x1, y1 = gr
        mask = _of(lab[y0:y1, x0:x1], ids)
        cut = int(low) - y0
        if cut <= 0 or cut >= mask.shape[0]:
            return [gr]
        lowly = mask.any(axis=0) & ~mask[:cut].any(axis=0)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], lowly.astype(np.int8), [0]])))
        prof = mask.sum(axis=0)
        runs = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])
                if 0.15 * width <= b - a <= 0.6 * width and (a == 0 or b == mask.shape[1])
                and prof[b - 1 if a == 0 else a] < prof[a:b].max()]
        if not runs:
            return [gr]
        bounds = sorted({0, mask.shape[1], *(c for run in runs for c in run)})
        parts = []
        for a, b in zip(bounds, bounds[1:]):
            rows = np.flatnonzero(mask[:, a:b].any(axis=1))
            if len(rows):
                parts.append(((a, b) in runs, a, b, int(rows[0]), int(rows[-1]) + 1))
        glyphs = [self._blob_fit(gi[y0 + r0 : y0 + r1, x0 + a : x0 + b], mask[r0:r1, a:b], width)
                  for mark, a, b, r0, r1 in parts if not mark]
        if not glyphs or np.mean(glyphs) >= self._blob_fit(gi[y0:y1, x0:x1], mask, width):
            return [gr]
        return [[ids, x0 + a, y0 + r0, x0 + b, y0 + r1] for _mark, a, b, r0, r1 in parts]

    def _comma_foot(self, ink: np.ndarray, mask: np.ndarray, base: float, height: float, width: float) -> int | None:
        """The column where a comma joined to a glyph's right foot begins: the
        ink below the baseline (row `base` of the mask, `height` the digits')
        lies in the glyph's right half, no wider than a comma, and the
        glyphs left of it are nearer digits than the whole's (a blot under a
        ๐ is no comma; each side cut apart where it is a few digits wide,
        `width` one digit's); None when there is no such foot."""
        below = mask[min(mask.shape[0], int(base + 0.06 * height)) :, :]
        cols = np.nonzero(below.any(axis=0))[0]
        w = mask.shape[1]
        if len(cols) == 0 or cols[0] < 0.5 * w or cols[-1] - cols[0] > 0.4 * height:
            return None
        prof = mask.sum(axis=0)
        lo = max(1, int(cols[0] - 0.15 * height))
        c = lo + int(np.argmin(prof[lo : int(cols[0]) + 1]))
        rows = np.nonzero(mask[:, :c].any(axis=1))[0]
        if len(rows) == 0:
            return None
        r0, r1 = int(rows[0]), int(rows[-1]) + 1
        return c if self._blob_fit(ink[r0:r1, :c], mask[r0:r1, :c], width) < self._blob_fit(ink, mask, width) else None

    def _blob_fit(self, ink: np.ndarray, mask: np.ndarray, width: float) -> float:
        """`_fit` of a group of ink read whole or, where `_best_cut` cuts it,
        as its pieces."""
        h, w = mask.shape
        parts = self._best_cut(mask, ink, min(width, h)) if _wide(w, h, width) else []
        return self._fit(parts or [glyph_feature(ink, mask)])

    def _best_cut(self, mask: np.ndarray, ink: np.ndarray, width: float) -> list[np.ndarray]:
        """The features of the pieces of a wide glyph: of every way to cut it
        into 2-`_MAX_CUT` pieces at the columns `_cut_columns` offers, each
        piece 0.4-1.8 digits wide (`width`: one digit's), the one whose
        pieces lie nearest to digit templates on average (more pieces only
        when clearly nearer); [] when the uncut glyph lies nearer still.
        The count is not taken from the width: where the cell has no lone
        glyph to measure a digit by, its height stands in, and wide faces'
        digits are 1.3-1.4 times as wide as tall (Garuda's ๓๓ read ๓๐๕).
        Cuts evenly spaced by the width alone split a wide glyph and its
        neighbour in the wrong place (Kinnari's ๓ is 1.4 of its ๐: ๓๐ read
        ๕๓, Garuda's ๓๗ read ๙๗)."""
        w = mask.shape[1]
        cols = [0, *_cut_columns(mask, width), w]
        spans, feats = [], []
        for i in range(len(cols)):
            for j in range(i + 1, len(cols)):
                if 0.4 * width <= cols[j] - cols[i] <= 1.8 * width and (f := _piece(mask, ink, cols[i], cols[j])) is not None:
                    spans.append((i, j))
                    feats.append(f)
        whole = glyph_feature(ink, mask)
        d = self.distances([whole, *feats], digits_only=True).min(axis=1)
        cost = {span: (float(dk), k) for k, (span, dk) in enumerate(zip(spans, d[1:]))}
        # best[j][m]: the least summed distance of m pieces covering cols[0]..cols[j], and its last piece
        last = len(cols) - 1
        best: list[dict[int, tuple[float, int]]] = [{} for _ in cols]
        best[0][0] = (0.0, -1)
        for (i, j), (dk, k) in sorted(cost.items()):
            for m, (total, _) in list(best[i].items()):
                if m < _MAX_CUT and (m + 1 not in best[j] or total + dk < best[j][m + 1][0]):
                    best[j][m + 1] = (total + dk, k)
        pick, pick_d = [], float(d[0])
        for m in range(2, _MAX_CUT + 1):
            # a cut into more pieces must fit clearly better: smaller
            # pieces fit something more easily
            if m in best[last] and best[last][m][0] / m < (pick_d if not pick else _MORE_PIECES * pick_d):
                pieces, j, mm = [], last, m
                while mm > 0:
                    k = best[j][mm][1]
                    pieces.append(feats[k])
                    j, mm = spans[k][0], mm - 1
                pick, pick_d = pieces[::-1], best[last][m][0] / m
        return pick
