"""Thai digits: a glyph classifier next to Tesseract.

Debian's fast `tha` model reads small Thai digits badly whatever the crop
(measured on degraded 300 dpi pages: 47 % of number cells; ๔ -> ๕, ๙ -> ๓,
๑ -> empty, with confidences of 0.9+).  Thai digits are 10 shapes, each one
connected component, so number cells of Thai-digit pages are also read glyph
by glyph: components -> glyphs (parts stacked vertically are one glyph),
small ones -> comma/point by size and baseline, the rest -> nearest
neighbour among templates rendered from the Thai fonts installed on the
machine (digits plus digit-like letters and Arabic digits, which reject the
cell; the Arabic ones also vote on a page's digit script), with grayscale
features so faint strokes (the tail that tells ๓ from ๑) count.
Digits that touch (blur, bold type: ๑๕ drawn as one blob) are cut at the
thinnest column near each expected boundary.  Templates: upright fonts
only, three sizes, sharp and blurred (~7,700, 2 MB); built on the first
Thai-digit page (~3 s), cached projected in ~/.cache/thaiplan (~10 ms to
load).  ๕ is ๔ plus a small hook curling into the top of the bowl: at 12 px
of scan the nearest template is often a ๔ (19 of 219 ๕ on Waree/Loma
scans), so when the winner is ๔ or ๕ a linear discriminant trained on the
two digits alone (rendered from the same fonts at 12-40 px, sharp and
blurred; shrinkage LDA on the full feature) decides: 304/304 of the ๔/๕
glyphs of those scans, against 285/304 for the nearest template; ๙ read as
๔ likewise (`_PAIRS`).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS

__all__ = ["ThaiDigitReader"]

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
