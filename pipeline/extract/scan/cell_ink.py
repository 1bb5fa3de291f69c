"""What a cell holds, from its connected components alone (no OCR): empty,
a dash, a speck, or content with its box and text bands."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.ocr.crops import percentile_u8


@dataclass(slots=True)
class Ink:
    """What a cell holds, from its connected components."""

    # empty | dash | content, or until `settle_specks` decides: speck (a
    # solid dot) | short_dash (a small flat mark) | blot (a round mark) |
    # thick_dash (a flat mark thicker than a dash) | speck_dash (a dash,
    # `box`, with a speck on it, the whole in `main_box`) | square_dash (a
    # small square mark where a dash sits) | faint (a photo's glyphs found
    # in the cell's own gray alone, see `cell_ink`)
    kind: str
    box: tuple[int, int, int, int] | None = None  # x0, y0, x1, y1 in page pixels (exclusive ends)
    bands: int = 0  # text bands separated by blank rows
    n_comp: int = 0
    main_box: tuple[int, int, int, int] | None = None  # the glyph-sized components alone
    main_bands: int = 0
    stroke: float | None = None  # the table's stroke width: its dashes' thickness (`settle_specks`)
    was: Ink | None = None  # faint: what the page's mask made of the cell

    @property
    def glyph_height(self) -> int:
        """The height of the cell's glyphs (`main_box`, else `box`): what a
        number's size is compared by."""
        box = self.main_box or self.box
        return box[3] - box[1] if box else 0


def _hollow(patch: np.ndarray) -> bool:
    """The middle of a small blob is clearly lighter than its darkest ring
    (a loop of a glyph, not a solid speck)."""
    h, w = patch.shape
    if h < 3 or w < 3:
        return False
    lo, hi = float(patch.min()), float(patch.max())
    mid = float(patch[h // 3 : h - h // 3, w // 3 : w - w // 3].mean())
    return hi - lo >= 24 and mid - lo > 0.3 * (hi - lo)


def _solid(k: tuple[int, int, int, int, int], gray: np.ndarray, x0: int, y0: int) -> bool:
    """Component `k` (x, y, w, h, area in the cell at x0, y0) is a solid
    blob: nearly all of its box inked, no loop in the gray (a small ๐ or o
    has one)."""
    x, y, w, h, a = k
    return a >= 0.8 * w * h and not _hollow(gray[y0 + y : y0 + y + h, x0 + x : x0 + x + w])


def _solid_speck(k: tuple[int, int, int, int, int], gray: np.ndarray, x0: int, y0: int, dpi: float) -> bool:
    """Component `k` is a solid square blob no longer than dpi/30."""
    _x, _y, w, h, _a = k
    return max(w, h) <= dpi / 30 and w <= 1.2 * h and h <= 1.2 * w and _solid(k, gray, x0, y0)


def _blot(k: tuple[int, int, int, int, int], gray: np.ndarray, x0: int, y0: int, dpi: float) -> bool:
    """Component `k` is a round or flat blot no taller than dpi/25, mostly
    inked and without a loop: a dash whose ends a phone photo's blur has
    rounded (8-11 x 7-9 px at 300 dpi, 0.6-0.85 of its box inked: an
    ellipse fills 0.79) -- or a small glyph (see `settle_specks`)."""
    x, y, w, h, a = k
    return (h <= dpi / 25 and h <= w <= 2 * h and a >= 0.6 * w * h
            and not _hollow(gray[y0 + y : y0 + y + h, x0 + x : x0 + x + w]))


def _is_dash(k: tuple[int, int, int, int, int], bh: int, dpi: float, flat: float = 1.25) -> bool:
    """Component `k` (x, y, w, h, area) is flat (`flat` x as wide as tall),
    filled and mid-cell: a short dash or a flat speck (small fonts: 7 x 4
    px at 300 dpi; Waree at 8 pt: 5 x 3 px, sometimes 5 x 4)."""
    _x, y, w, h, a = k
    return w >= dpi / 75 and w >= flat * h and h <= dpi / 35 and a >= 0.5 * w * h and 0.2 * bh <= y + h / 2 <= 0.8 * bh


def _dash_among(flat: list[tuple[int, int, int, int, int]],
                every: list[tuple[int, int, int, int, int]]) -> tuple[int, int, int, int, int] | None:
    """The largest of the `flat` marks (each already of a dash's shape, as
    flat as a lone mark must be to pass for one) when the rest of `every`
    is dirt: square specks, or flat ones of half its ink or less; else
    None.  (A blurred short dash is no flatter beside a speck than alone:
    a Noto Sans Thai plan's 7 x 5 px dashes by 8 px ones, read empty where
    a 4 x 3 px speck lay near -- one that long alone is a short dash,
    which the table's own dashes then judge, `settle_specks`.)"""
    if not flat:
        return None
    dash = max(flat, key=lambda k: k[4])
    return dash if all(k[2] < 1.6 * k[3] or 2 * k[4] <= dash[4] for k in every if k is not dash) else None


def _stands_on(k: tuple[int, int, int, int, int], dash: tuple[int, int, int, int, int], dpi: float) -> bool:
    """Mark `k` is an upright stroke standing on (or hanging from) the flat
    mark `dash`, over its middle: a digit's stem by its foot or its flag,
    no dirt beside a dash (Tlwg Typo's faint lone 1: the threshold broke
    its 4 x 9 px stem from its 7 x 2 px foot serif, or its 7 x 9 px stem
    and foot from its 4 x 2 px flag, and the two read '-').  Upright:
    half again as tall as wide, or taller than wide and hollow (a stem
    with its foot; a square speck of dirt is solid)."""
    x, y, w, h, a = k
    dx, dy, dw, dh, _da = dash
    gap = max(2.0, dpi / 100)
    upright = h >= 1.5 * w or (h > w and a < 0.6 * w * h)
    return (upright and dx <= x + w / 2 <= dx + dw
            and (-1 <= dy - (y + h) <= gap or -1 <= y - (dy + dh) <= gap))


def _dash_under_speck(k: tuple[int, int, int, int, int], crop: np.ndarray, dpi: float) -> tuple[int, int, int, int] | None:
    """The dash of component `k` (x, y, w, h, area in the cell's mask
    `crop`) when it is a dash with a square speck of dirt sitting on it or
    hanging under it (Waree at 300 dpi: a 10 x 3 px dash under a 5 x 5 px
    speck, read ๕): one band of rows nearly as wide as the whole, a dash's
    thickness, at one end (a row of its rounded end beyond it at most); a
    solid square no longer than dpi/30, narrower than the dash and at
    least as tall as it is thick, beyond the row next to the band (a
    digit's bar -- a 2's foot, a 1's serif -- has a stroke there, no solid
    square; Tlwg Typist's lone ๑ blurs into a 10 x 9 px blob whose six
    full rows left a pixel over, read '-').  The dash's box in the cell,
    or None."""
    x, y, w, h, _a = k
    if w > dpi / 12 or h > dpi / 15:
        return None
    piece = crop[y : y + h, x : x + w] > 0
    full = np.nonzero(piece.sum(axis=1) >= 0.75 * w)[0]
    if len(full) == 0 or len(full) != full[-1] - full[0] + 1:
        return None
    top, bottom = int(full[0]), int(full[-1]) + 1
    if bottom - top > dpi / 35 or w < 1.6 * (bottom - top):
        return None
    if h - bottom <= 1:
        rest = piece[: max(0, top - 1)]
    elif top <= 1:
        rest = piece[bottom + 1 :]
    else:
        return None
    ys, xs = np.nonzero(rest)
    if len(ys) == 0:
        return None
    bw, bh = int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
    if (len(ys) >= 0.8 * bw * bh and bottom - top <= bh <= dpi / 30 and bw <= dpi / 30 and bw <= 0.75 * w
            and bw <= 1.5 * bh and bh <= 1.5 * bw):
        return x, y + top, x + w, y + bottom
    return None


def _faint_mask(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, dpi: float, bare: bool,
                share: float = 0.5) -> tuple[np.ndarray, float] | None:
    """The cell's ink found in its own gray, for a cell the page's mask
    left without a glyph: a light typewriter face at 200 dpi prints dashes
    (8 x 3 px) only 25-35 levels below the paper, under the page
    threshold (which the ruling lines' contrast sets), and tables lost
    their dashes or kept 3 x 1 px of them.  Ink here: darker
    than the cell's own paper by six times its grain (smoothed 3 x 3, so
    single noisy pixels stay out), taken where it is at least `share` as
    dark as at its darkest (half: a faint dash measures as long as a dark one); a
    margin along the cell's sides stays out (the rules' edges).  With how
    far its darkest ink lies below the paper; None when nothing is that
    dark.  `bare`: the page's mask holds nothing here."""
    m = max(2, int(dpi / 50))
    g = gray[y0:y1, x0:x1]
    if g.shape[0] < 2 * m + 5 or g.shape[1] < 2 * m + 5:
        return None
    blurred = cv2.blur(g[m:-m, m:-m], (3, 3))
    sm = blurred.astype(np.float32)
    paper = percentile_u8(blurred, 50)  # np.median's value, from the histogram
    grain = 1.4826 * float(np.median(np.abs(sm - paper)))
    if bare:
        # a flattened photo's paper is clipped white: its brighter side has
        # no spread, and the whole paper's (1.5 levels) let a faint texture
        # 12-17 levels below it make dashes in blank cells; where the page
        # mask holds nothing, no ink inflates the darker side's spread
        darker = paper - sm[sm < paper]
        grain = max(grain, 1.4826 * float(np.median(darker)) if darker.size else 0.0)
    deepest = float(sm.min())
    if deepest >= paper - max(8.0, 6.0 * grain):
        return None
    out = np.zeros(g.shape, np.uint8)
    out[m:-m, m:-m] = (sm < paper - share * (paper - deepest)) * 255
    return out, paper - deepest


# a phone photo's faint glyphs (`cell_ink`'s `faint_glyphs`): the darkest
# ink at least this far below the paper, as a share of the page's contrast
# (a photo's page reaches the reader with its ink black and its paper white,
# `pipeline.extract.photo.to_work_resolution`): seed 7777, digits the page's
# mask lost lie 89-124 levels deep, smudges in empty cells 41 at most; ink
# taken down to `FAINT_SHARE` of that depth (half keeps only a 2's bottom
# bar, a dash).  Content the page's mask found no deeper than that is a
# smudge (seed 2718: rules' ghosts in empty cells 32-52 deep, digits 89+)
FAINT_GLYPH_DEPTH = 0.25 * 255
FAINT_SHARE = 0.3


def cell_ink(ink: np.ndarray, gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, dpi: float,
             faint_glyphs: bool = False, stroke: float | None = None) -> Ink:
    """Empty / dash / content from the cell's connected components in the
    page's ink mask; where that found nothing of a glyph's size, a dash in
    the cell's own mask (`_faint_mask`).  (Glyphs found there too, kept
    when as tall as the table's: +34 number cells of a Tlwg Typist plan at
    200 dpi, but smudges of the paper read as digits in empty cells of most
    other plans.)  `faint_glyphs` (a phone photo's page, whose thin strokes
    the page's threshold drops -- its local mean pulled down by the thick
    rules beside each cell): one line of glyphs there is a "faint" mark
    that `settle_specks` measures against the table's glyphs
    (`_faint_glyphs`).  `stroke`: the table's stroke width (`table_stroke`),
    once known: solid blots clear of the cell's glyphs, thicker than that
    or on a rule, are dirt (`_dirt`)."""
    info = _mask_ink(ink[y0:y1, x0:x1], gray, x0, y0, x1, y1, dpi, stroke)
    if faint_glyphs and info.kind == "content" and _depth(gray, x0, y0, x1, y1, info.box) < FAINT_GLYPH_DEPTH:
        # a photo's smudge: the page's mask took a pale trace for ink (a
        # rule's ghost a few pixels inside an empty cell, read as 1)
        info = Ink("empty")
    if info.kind in ("empty", "short_dash"):
        bare = info.kind == "empty" and not ink[y0:y1, x0:x1].any()
        if faint_glyphs and (glyphs := _faint_glyphs(gray, x0, y0, x1, y1, dpi, bare)) is not None:
            glyphs.was = info
            return glyphs
        found = _faint_mask(gray, x0, y0, x1, y1, dpi, bare)
        if found is not None:
            again = _mask_ink(found[0], gray, x0, y0, x1, y1, dpi)
            if again.kind in ("dash", "short_dash"):
                # the longer of the two measures (a faint dash's mask keeps
                # a piece of it), checked against the table's dashes
                longer = max((k for k in (info, again) if k.box), key=lambda k: k.box[2] - k.box[0])
                return Ink("short_dash", longer.box, 1, 1)
    return info


def _depth(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, box: tuple[int, int, int, int]) -> float:
    """How far the darkest ink of `box` (smoothed 3 x 3: a lone dark pixel
    is noise) lies below the paper of the cell x0, y0, x1, y1 (its median)."""
    bx0, by0, bx1, by1 = box
    ink = gray[max(by0 - 1, 0):by1 + 1, max(bx0 - 1, 0):bx1 + 1]
    if ink.size == 0:
        return 0.0
    return float(np.median(gray[y0:y1, x0:x1])) - float(cv2.blur(ink, (3, 3)).min())


def _faint_glyphs(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, dpi: float, bare: bool) -> Ink | None:
    """One line of glyphs in the cell's own gray (`_faint_mask` taken down
    to `FAINT_SHARE`), its darkest ink `FAINT_GLYPH_DEPTH` deep: a "faint"
    mark; else None."""
    found = _faint_mask(gray, x0, y0, x1, y1, dpi, bare, share=FAINT_SHARE)
    if found is None or found[1] < FAINT_GLYPH_DEPTH:
        return None
    got = _mask_ink(found[0], gray, x0, y0, x1, y1, dpi)
    if got.kind != "content" or got.main_bands != 1:
        return None
    return Ink("faint", got.box, got.bands, got.n_comp, got.main_box, got.main_bands)


def _mask_ink(crop: np.ndarray, gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, dpi: float,
              stroke: float | None = None) -> Ink:
    """Empty / dash / content from the connected components of `crop`, the
    ink mask of the cell x0, y0, x1, y1.  Specks
    (smaller than a glyph) do not count, nor do ruling-line remnants along
    the border, nor (with the table's `stroke` known) dirt (`_dirt`);
    marks near the main ink (Thai vowels and tone marks)
    join the content box."""
    if crop.size == 0 or not crop.any():
        return Ink("empty")
    n, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    st = stats[1:]
    min_area = max(3, int((dpi / 300) ** 2 * 6))
    st = st[st[:, 4] >= min_area]
    if len(st) == 0:
        return Ink("empty")
    bw, bh = x1 - x0, y1 - y0
    glyph = dpi / 40  # a glyph (or a dash) is at least this long one way
    edge = max(1, int(dpi / 150))
    main, small = [], []
    for x, y, w, h, a in st.tolist():
        touches = x <= 0 or y <= 0 or x + w >= bw or y + h >= bh
        thin = (h <= dpi / 60 and w > bw * 0.6) or (w <= dpi / 60 and h > bh * 0.6)
        # a hairline along a side: the edge of a rule that a photo's warp
        # bent off the rule mask (read as 1 or |); a glyph's stroke is never
        # one pixel thin and that close to the rule
        hair = ((w == 1 and h >= dpi / 30 and min(x, bw - x - w) <= edge)
                or (h == 1 and w >= dpi / 30 and min(y, bh - y - h) <= edge))
        if (touches and thin) or hair:
            continue
        (main if max(w, h) >= glyph else small).append((x, y, w, h, a))
    if stroke is not None and len(main) + len(small) > 1:
        dirt = _dirt(main, small, gray, x0, y0, bh, stroke)
        main = [k for k in main if k not in dirt]
        small = [k for k in small if k not in dirt]
    if not main:
        # a short dash is below a glyph's size; specks are round, a dash is
        # flat and sits mid-cell (`_is_dash`); at 200 dpi the threshold can
        # break a thin dash in two (3x2 + 3x1 px side by side): pieces on
        # one level a pixel or two apart join
        small = sorted(small)
        joined: list[tuple[int, int, int, int, int]] = []
        for x, y, w, h, a in small:
            if joined:
                jx, jy, jw, jh, ja = joined[-1]
                if x - (jx + jw) <= max(2, dpi / 100) and y < jy + jh and jy < y + h:
                    nx0, ny0 = min(jx, x), min(jy, y)
                    nx1, ny1 = max(jx + jw, x + w), max(jy + jh, y + h)
                    joined[-1] = (nx0, ny0, nx1 - nx0, ny1 - ny0, ja + a)
                    continue
            joined.append((x, y, w, h, a))
        dashes = [k for k in joined if _is_dash(k, bh, dpi)]
        # (a square speck beside a short dash passes `_is_dash` too -- 4 x 3
        # px by a dash of 6 x 3 at 300 dpi: the dash is the flat one)
        dash = dashes[0] if len(dashes) == 1 else _dash_among(dashes, joined)
        stem = [] if dash is None else [k for k in joined if k is not dash and _stands_on(k, dash, dpi)]
        if stem:
            # a faint lone 1 the threshold broke into pieces smaller than a
            # glyph (Tlwg Typo: a 2 x 6 px stem over its 7 x 2 px foot): the
            # foot and the stem are the glyph
            main, small = [dash, *stem], [k for k in joined if k is not dash and k not in stem]
        elif dash is not None:
            # a dash, or a flat speck of dirt (5 x 4 px at 300 dpi) where the
            # table's dashes are twice as long (see `settle_specks`)
            x, y, w, h, a = dash
            return Ink("short_dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        elif len(joined) == 1 and _is_dash(joined[0], bh, dpi, flat=1.0):
            # a dash blur made as tall as long (Norasi, Laksaman at 200 dpi:
            # 5 x 5 and 6 x 5 px by the table's 6-7 x 4) -- or a square speck:
            # the table's own dashes decide
            x, y, w, h, a = joined[0]
            return Ink("square_dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        else:
            return Ink("empty")
    if len(main) == 1:
        x, y, w, h, a = main[0]
        # (a faint 200 dpi dash is 7 x 3 px with 8-10 px inked: 0.4 of its box)
        if w >= 1.6 * h and h <= dpi / 35 and w <= dpi / 4 and a >= 0.38 * w * h:
            return Ink("dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        if w >= 1.25 * h and h <= dpi / 35 and w <= dpi / 12 and a >= 0.5 * w * h:
            # a blurred short dash (Kinnari at 200 dpi: 6 x 4 px), which the
            # glyph reader took for ๑/๒/๙ -- or a flat speck: the table's
            # own dashes decide (`settle_specks`)
            return Ink("short_dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
        if not small and w >= 1.6 * h and h <= dpi / 20 and w <= dpi / 4 and a >= 0.5 * w * h:
            # a dash alone that a phone photo's blur made a pixel or two
            # thicker than dpi/35 (Purisa at 104 dpi: 23 x 9 px by the
            # table's 23 x 8) -- or a flat glyph (merged digits): the
            # table's own dashes decide
            box = (x0 + x, y0 + y, x0 + x + w, y0 + y + h)
            return Ink("thick_dash", box, 1, 1, box, 1)
    if len(main) + len(small) > 1 and all(max(k[2], k[3]) <= dpi / 4 for k in main):
        # a dash plus scanner dirt (square specks of 5-6 px at 200 dpi, below
        # a digit's height) read as '' or '.': the dash alone counts
        every = main + small
        flat = [k for k in every if k[2] >= 1.6 * k[3] and k[3] <= dpi / 35 and dpi / 75 <= k[2] <= dpi / 4
                and k[4] >= 0.38 * k[2] * k[3]]
        dash = _dash_among(flat, every)
        if dash is not None and all(max(k[2], k[3]) <= dpi / 28 and not _stands_on(k, dash, dpi)
                                    for k in every if k is not dash):
            x, y, w, h, a = dash
            return Ink("dash", (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1, 1)
    # one solid mark: a square speck (5-6 px at 200 dpi, 0.9-1.0 of its box
    # inked; a dash with a speck on it is 0.65 inked) that the glyph reader
    # took for ๑ or ๒, or a blot -- unless the page's digits are that small
    # (see `settle_specks`); a loop in the gray is a glyph
    lone = main[0] if len(main) == 1 else None
    band = None if lone is None else _dash_under_speck(lone, crop, dpi)
    if band is not None:
        x, y, w, h, a = lone
        return Ink("speck_dash", (x0 + band[0], y0 + band[1], x0 + band[2], y0 + band[3]), 1, 1,
                   (x0 + x, y0 + y, x0 + x + w, y0 + y + h), 1)
    kind = None if lone is None else (
        "speck" if _solid_speck(lone, gray, x0, y0, dpi) else "blot" if _blot(lone, gray, x0, y0, dpi) else None)
    if kind is not None:
        x, y, w, h, a = lone
        box = (x0 + x, y0 + y, x0 + x + w, y0 + y + h)
        return Ink(kind, box, 1, 1, box, 1)
    if len(main) > 1:
        # solid blobs of scanner dirt (7-9 px at 200 dpi, square or flat)
        # well below the glyphs' height and clear of the row of glyphs
        # (a fifth of its height above or below it: Thai marks sit closer)
        # are no glyphs: they made a second band over or under a number and
        # sent it to the text reader ('300' -> 're'); they count as small
        # marks (kept in the box when near the glyphs)
        tallest = max(k[3] for k in main)
        band = [k for k in main if k[3] >= 0.6 * tallest]
        top, bottom = min(k[1] for k in band), max(k[1] + k[3] for k in band)
        gap = 0.2 * tallest

        def is_dirt(k: tuple[int, int, int, int, int]) -> bool:
            _x, y, w, h, _a = k
            return ((y >= bottom + gap or y + h <= top - gap) and max(w, h) <= min(dpi / 30, 0.5 * tallest)
                    and _solid(k, gray, x0, y0))

        dirt = [k for k in main if is_dirt(k)]
        if dirt:
            main = [k for k in main if k not in dirt]
            small += dirt
    kx0 = min(k[0] for k in main)
    ky0 = min(k[1] for k in main)
    kx1 = max(k[0] + k[2] for k in main)
    ky1 = max(k[1] + k[3] for k in main)
    main_box = (x0 + kx0, y0 + ky0, x0 + kx1, y0 + ky1)
    mrows = np.zeros(ky1 - ky0, bool)
    for x, y, w, h, a in main:
        mrows[y - ky0 : y - ky0 + h] = True
    main_bands = int(np.count_nonzero(mrows[1:] & ~mrows[:-1])) + int(mrows[0])
    near = dpi / 20
    for x, y, w, h, a in small:
        if x + w >= kx0 - near and x <= kx1 + near and y + h >= ky0 - near and y <= ky1 + near:
            kx0, ky0, kx1, ky1 = min(kx0, x), min(ky0, y), max(kx1, x + w), max(ky1, y + h)
    box = (x0 + kx0, y0 + ky0, x0 + kx1, y0 + ky1)
    rows = crop[ky0:ky1, kx0:kx1].any(axis=1)
    bands = int(np.count_nonzero(rows[1:] & ~rows[:-1])) + int(rows[0])
    return Ink("content", box, bands, len(main), main_box, main_bands)


THICK_DIRT = 1.6  # a solid blot this many times the table's stroke width, both ways, is no stroke of it


def _dirt(main: list[tuple[int, int, int, int, int]], small: list[tuple[int, int, int, int, int]],
          gray: np.ndarray, x0: int, y0: int, height: int, stroke: float) -> list[tuple[int, int, int, int, int]]:
    """The components (x, y, w, h, area in the cell at x0, y0, `height`
    tall; `main`: those of a glyph's size, `small` the rest) that are
    scanner dirt: solid blots (`_solid`) whose rows lie clear of the rest
    of `main` (a fifth of its height above or below its band), and either
    `THICK_DIRT` times as thick as the table's strokes both ways (a dash
    is a stroke thick, a glyph is strokes, a point or a comma's head
    about one stroke across) or hugging the cell's top or
    bottom side within a stroke's width (dirt on a rule, the rule's mask
    took the rest of it).  A 200-dpi scan's dirt in a cell beside its dash
    or its digits made a second band of glyphs and the cell read empty
    (dev seed 4242: 12 cells of 3 plans).  A blot in the rest's rows stays:
    a bold face's blurred solid digits print there.  None when nothing
    of a glyph's size is left (a 200-dpi Tlwg Typist ๑ blurs into a solid
    blob: beside a speck smaller than a glyph it is the cell's value)."""
    def dirt(k: tuple[int, int, int, int, int]) -> bool:
        _x, y, w, h, _a = k
        thick = min(w, h) >= THICK_DIRT * stroke
        hugs = h <= THICK_DIRT * stroke and min(y, height - y - h) <= stroke
        return (thick or hugs) and _solid(k, gray, x0, y0)

    found = [k for k in main + small if dirt(k)]
    rest = [k for k in main if k not in found]
    if not found or not rest:
        return []
    tallest = max(k[3] for k in rest)
    band = [k for k in rest if k[3] >= 0.6 * tallest]
    top, bottom = min(k[1] for k in band), max(k[1] + k[3] for k in band)
    gap = 0.2 * tallest
    return [k for k in found if k[1] >= bottom + gap or k[1] + k[3] <= top - gap]


def table_stroke(found: list[tuple]) -> float | None:
    """The table's stroke width: its dashes' median height, where
    glyph-sized dashes fill a good share of the cells without a value (at
    200 dpi most measure as short marks, and the few glyph-sized ones are
    odd pieces 1-5 px tall); None otherwise."""
    dashes = [info.box[3] - info.box[1] for _gc, info in found if info.kind == "dash"]
    blank = sum(info.kind != "content" for _gc, info in found)
    return float(np.median(dashes)) if len(dashes) >= max(5, 0.25 * blank) else None


LEVEL_DASH = 0.55  # a short mark level with its row's dashes is one at this share of their length
LEVEL_ROW = 3  # ... when the row shows this many others


def _dash_levels(found: list[tuple]) -> dict[int, list[float]]:
    """Per grid row, the middle heights of its dashes (their box centres),
    for rows with any (cells given without a grid cell have no row)."""
    ys: dict[int, list[float]] = {}
    for gc, info in found:
        row = getattr(gc, "row", None)
        if row is not None and info.kind in ("dash", "short_dash"):
            ys.setdefault(row, []).append((info.box[1] + info.box[3]) / 2)
    return ys


def _level_with(gc, info: Ink, rows_dashes: dict[int, list[float]]) -> int:
    """How many other dashes of its row a mark stands level with (their
    median centre, within half its height): 0 when it does not, or its row
    has no other (nothing to be level with)."""
    others = list(rows_dashes.get(getattr(gc, "row", None), []))
    cy = (info.box[1] + info.box[3]) / 2
    if info.kind in ("dash", "short_dash") and cy in others:
        others.remove(cy)  # its own
    level = bool(others) and abs(cy - float(np.median(others))) <= max(2.0, (info.box[3] - info.box[1]) / 2)
    return len(others) if level else 0


def _placed(gc) -> bool:
    """Whether `gc` names the cell's row and column (a grid's cell does)."""
    return getattr(gc, "row", None) is not None and getattr(gc, "col", None) is not None


def _number_lines(found: list[tuple]) -> tuple[dict[int, float], dict[int, float]]:
    """The one-line glyphs' median bottom per grid row (their baseline) and
    median right end per grid column (right-aligned figures); cells that
    name no row and column (a bare row of cells measured alone) count in
    neither."""
    bottoms: dict[int, list[int]] = {}
    rights: dict[int, list[int]] = {}
    for gc, info in found:
        if _placed(gc) and info.kind == "content" and info.main_bands == 1:
            bottoms.setdefault(gc.row, []).append(info.main_box[3])
            rights.setdefault(gc.col, []).append(info.main_box[2])
    return ({r: float(np.median(v)) for r, v in bottoms.items() if len(v) >= 2},
            {c: float(np.median(v)) for c, v in rights.items() if len(v) >= 3})


LINE_UP = 0.25  # (of the glyphs' height) a mark this near its row's baseline and its column's right end is in line


def _in_line(gc, info: Ink, lines: tuple[dict[int, float], dict[int, float]], near: float) -> bool:
    """A small solid mark standing on its row's baseline and ending where its
    column's figures end, both within `near` pixels: a glyph (Tlwg Typist's
    lone ๑ at 300 dpi, a solid blob 9 px tall by digits 12 px tall), which
    dirt rarely does both."""
    bottoms, rights = lines
    return (_placed(gc) and gc.row in bottoms and gc.col in rights
            and abs(info.box[3] - bottoms[gc.row]) <= near
            and abs(info.box[2] - rights[gc.col]) <= near)


def settle_specks(found: list[tuple]) -> None:
    """Small marks measured against the table's own: a solid blob the size of
    its one-line glyphs is a glyph (Tlwg Mono prints Thai digits 9-10 px tall
    at 300 dpi, blurred solid), a smaller one a speck: empty; a short flat
    mark is a dash when the table's dashes are that short (Waree at 8 pt:
    5 x 3 px), a speck where they are longer (most fonts: 10-14 px) or
    where the table prints no dashes.  A speck or short mark standing at
    least twice as tall as the table's dashes and near its glyphs' height
    is a glyph (Tlwg Typist at 300 dpi: a lone ๑ or ๓ blurs into a solid
    9-10 x 8 px blob by dashes of 9 x 3 px and digits 11 px tall); where
    the table shows too few dashes to measure, a short mark near its
    glyphs' height is (the same plan printing zero as a blank: its bold
    ๑s and ๓s, 10-11 x 8 px by digits 9-13 px tall, read '-' in 77 of 650
    number cells)."""
    heights = [info.main_box[3] - info.main_box[1] for _gc, info in found if info.kind == "content" and info.main_bands == 1]
    glyph_h = float(np.median(heights)) if len(heights) >= 5 else math.inf
    for k, (gc, info) in enumerate(found):
        # a photo's faint glyphs as tall as a small glyph of the table's
        # stand; else the cell is what the page's mask made of it
        if info.kind == "faint":
            if info.main_box[3] - info.main_box[1] >= 0.6 * glyph_h:
                info.kind = "content"
            else:
                found[k] = (gc, info.was)
    dashes = [info.box[2] - info.box[0] for _gc, info in found if info.kind == "dash"]
    short = [info.box[2] - info.box[0] for _gc, info in found if info.kind == "short_dash"]
    blank = sum(info.kind != "content" for _gc, info in found)
    stroke = table_stroke(found)
    dash_h = math.inf if stroke is None else stroke
    # the table's own dashes: the glyph-sized ones, with the short marks
    # when those are a good share of the cells without a value (a table
    # printing dashes has them in a third to a half of its cells; dirt in a
    # few).  (Waree at 200 dpi: 213 dashes of 5-7 px measured short, 5 of
    # 7-8 px glyph-sized; by those 5 alone the 5-px dashes were specks,
    # 29 cells read empty)
    if len(short) >= max(5, 0.1 * blank):
        dash_w = float(np.median(dashes + short))
    elif len(dashes) >= 5:
        dash_w = float(np.median(dashes))
    else:
        dash_w = math.inf
    rows_dashes = _dash_levels(found)
    lines = _number_lines(found)
    # blur shortened the table's dashes: short marks outnumber glyph-sized
    # dashes three to one (a 200-dpi Norasi page: 153 to 2; a phone photo's
    # specks and rule ends by its dashes, 124 to 46, 120 to 186)
    blurred = len(short) >= max(5, 0.1 * blank, 3 * len(dashes))
    for gc, info in found:
        h = info.box[3] - info.box[1] if info.box else 0
        # (where the table shows no dashes to compare with, a flat mark's
        # height against the glyphs' alone: a dash is never 0.6 of it
        # thick; a speck keeps the 0.8 below -- a 200-dpi Typist page's
        # dirt stands 0.6 of its digits' height)
        tall = h >= 2 * dash_h or (info.kind == "short_dash" and not math.isfinite(dash_h))
        if info.kind in ("speck", "short_dash") and tall and h >= 0.6 * glyph_h:
            info.kind, info.main_box, info.main_bands = "content", info.box, 1
        elif info.kind == "speck":
            in_line = h >= 0.6 * glyph_h and _in_line(gc, info, lines, LINE_UP * glyph_h)
            info.kind = "content" if h >= 0.8 * glyph_h or in_line else "empty"
        elif info.kind == "blot":
            # a photo's rounded dash stands 0.3-0.5 of the digits' height,
            # a small glyph (a Thai digit by Latin ones, a 200 dpi ๙) 0.7+
            info.kind = "content" if h >= 0.6 * glyph_h else "empty"
        elif info.kind == "speck_dash" and info.main_box[3] - info.main_box[1] >= 0.8 * glyph_h:
            # as tall as the table's glyphs: a glyph (Tlwg Typist's lone ๑
            # blurs into a blob with a flat foot and a square top)
            info.kind, info.box = "content", info.main_box
        elif info.kind in ("short_dash", "speck_dash", "square_dash"):
            # as long as the table's dashes; where blur shortened those
            # (`blurred`), a little shorter when level with `LEVEL_ROW`
            # dashes of its own row (blur eats a 200-dpi dash's ends:
            # Norasi's 4 x 4 px by 6-7 x 4, 36 cells of a plan read empty;
            # by glyph-sized dashes of 9 px a 300-dpi square speck of 5-6
            # px stays one); a square mark only when level (a square speck
            # in a group row, which prints no figures, by Waree's 300-dpi
            # dashes of 7 x 4 px: 5 x 5)
            level = _level_with(gc, info, rows_dashes)
            w = info.box[2] - info.box[0]
            long_enough = w >= (LEVEL_DASH if blurred and level >= LEVEL_ROW else 0.7) * dash_w
            info.kind = "dash" if long_enough and (level or info.kind != "square_dash") else "empty"
        elif info.kind == "thick_dash":
            # as long as the table's dashes and at most a quarter thicker
            w = info.box[2] - info.box[0]
            dash = h <= dash_h + max(2.0, 0.25 * dash_h) and 0.7 * dash_w <= w <= 1.4 * dash_w
            info.kind = "dash" if dash else "content"
        if info.kind == "content" and math.isfinite(dash_h):
            # a lone upright stroke no wider than this is a bare 1 (blur
            # widens a photo's strokes: Purisa at 104 dpi, 7 x 15 px by
            # dashes 8 px thick)
            info.stroke = dash_h
