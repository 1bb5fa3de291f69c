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
nearest template; ๙ read as ๔ likewise when ๙ is the runner-up.  The
pairs the nearest template mixed up most on blurred scans get a
discriminant of their own when the two are winner and runner-up and the
template left them close (`_PAIR_GATE`; ungated, the discriminant turned
sure ๑s of Noto Serif at 200 dpi into ๐s): ๑ read as ๐ (its inner curl is
a small share of the glyph), ๒/๖, ๔/๘, ๓/๗ (not ๑/๓: it read Laksaman's
๑ as ๓ at 300 dpi, a plan's number cells 9 wrong against 2).  The reader
alone on 12 Thai-digit plans at 300 and 200 dpi: 640 of 8,850 number cells
wrong, 227 of them a ๑ read as ๐; with the pairs (๑/๓ among them) 483 and
123.  What is left of ๑/๐ the page's own glyphs decide (`PageGlyphs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.ocr.digits import ARABIC_DIGITS, THAI_DIGITS, one_separator_per_run
from pipeline.ocr.glyph_templates import GlyphSet, GlyphTemplates, Segments, Verdict
from pipeline.ocr.specks import speck_masks, without

__all__ = ["LastRead", "PageGlyphs", "ThaiDigitReader", "joined", "leading_slot"]

_DIGIT_LIKE_LETTERS = "กขคงจฉญดตถทธนบปผพฟภมรลวสหอฮะาเแโไ"
_FONT_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/thai",
              "/usr/share/fonts/opentype/tlwg", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
_GLYPHS = GlyphSet("thai_digit", THAI_DIGITS, _DIGIT_LIKE_LETTERS + ARABIC_DIGITS,
                   (("๔", "๕", True), ("๔", "๙", False), ("๐", "๑", False), ("๒", "๖", False), ("๔", "๘", False),
                    ("๓", "๗", False)), round_sides=True)
_PAIR_GATE = 0.5  # a discriminant decides a pair the nearest template left this close (margin)


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
        self.templates = GlyphTemplates(_GLYPHS, _thai_fonts(), cache_dir, pair_gate=_PAIR_GATE)
        self.last: LastRead | None = None
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
        d = t.seg_distances(seg)
        thai = np.where(t.is_digit, d, np.inf).min(axis=1)
        arabic = np.where(self.is_arabic, d, np.inf).min(axis=1)
        letter = np.where(t.is_digit | self.is_arabic, np.inf, d).min(axis=1)
        votes = np.minimum(thai, arabic) <= letter
        return int(np.sum(votes & (thai < arabic))), int(np.sum(votes & (arabic < thai)))

    def read(self, image: np.ndarray, *, letters: float = 0.0) -> tuple[str, float, bool] | None:
        """(text, confidence, clean) or None when the crop is not a Thai-digit
        number (a letter or an Arabic digit wins, nothing inked).  `clean`:
        every glyph has a digit's width (no touching pairs, no broken glyphs).
        The glyphs of the last crop read stay in `last` (`PageGlyphs`).
        `letters`: the share of the glyphs that may lie nearer a letter or
        an Arabic digit and be read as their nearest Thai digit all the same
        (for a page known to print Thai digits: Noto Sans Thai's ๓ lies
        nearer a letter's template than any ๓'s and vetoed whole numbers;
        a header word's glyphs all lie nearer letters).  A glyph that fits
        its digit poorly (`POOR`) may carry a speck of dirt (`specks`): the
        crop is read again with each speck painted out, and that reading
        stands when it has as many glyphs, none farther from its template
        than the worst was, and any glyph it reads otherwise read more
        surely; it is as sure as the first reading at most (scan20b's
        Thai-digit plans: 7 number cells put right, none spoilt; dev seed
        4242, 2 and none)."""
        got = self._read(image, letters)
        first = self.last
        if first is None or max(v.distance for v in first.verdicts) < self.POOR:
            return got
        worst = max(v.distance for v in first.verdicts)
        best = None
        for mask in speck_masks(image):
            alt = self._read(without(image, mask), letters)
            last = self.last
            if alt is None or last is None or len(last.verdicts) != len(first.verdicts):
                continue
            far = max(v.distance for v in last.verdicts)
            if far < worst and (best is None or far < best[0]) and all(
                    a.digit == b.digit or b.margin > a.margin for a, b in zip(first.verdicts, last.verdicts)):
                best = (far, alt, last)
        if best is None:
            self.last = first
            return got
        self.last = best[2]
        # no surer than the reading with the speck: a Garuda letter's solid
        # head painted out read a sure ๕ (0.65, was ๙ at 0.5) and made a
        # row code of a description's first word
        return best[1][0], min(best[1][1], got[1]), best[1][2]

    POOR = 0.15  # a glyph this far from its digit's template may carry a speck

    def _read(self, image: np.ndarray, letters: float) -> tuple[str, float, bool] | None:
        """`read` without the specks' second look."""
        t = self.templates
        self.last = None
        seg = t.segment(image)
        if seg is None:
            return None
        d = t.seg_distances(seg)
        conf = 1.0
        verdicts = []
        allowed = int(letters * len(seg.slots))
        for k, slot in enumerate(seg.slots):
            v = t.classify(seg.feats[k], d[k])
            if v.nearer_letter:
                allowed -= 1
                if allowed < 0:
                    return None
            conf = min(conf, 0.5 + v.margin)
            seg.out[slot] = v.digit
            verdicts.append(v)
        text = joined(seg.out)
        if not text or not any(ch in THAI_DIGITS for ch in text):
            return None
        self.last = LastRead(text, seg, verdicts)
        return text, min(1.0, conf), seg.clean


def leading_slot(seg: Segments) -> int | None:
    """The slot of a number's first glyph when a digit or a comma follows
    it (no such number starts with ๐, so a glyph there read ๐ or ๑ is a
    ๑); None for a lone glyph or one before a point."""
    first = min(seg.slots)
    after = first + 1
    return first if after < len(seg.out) and (after in seg.slots or seg.out[after] == ",") else None


def joined(out: list[str]) -> str:
    """The glyphs and separators as a number's text (no separator at either
    end or doubled: a run of them is one mark, a comma if any is one -- a
    speck above a comma read '.,' and spoilt the number)."""
    return one_separator_per_run("".join(out))


@dataclass
class LastRead:
    """The glyphs of the crop `ThaiDigitReader.read` read last."""

    text: str
    seg: Segments
    verdicts: list[Verdict]


class PageGlyphs:
    """A page's own sure glyphs as templates for its unsure ones.  ๑ is a ๐
    with a small curl inside and a tail; on blurred scans of some faces the
    nearest installed-font template of a clear ๑ is a ๐ (12 Thai-digit plans
    at 300 dpi: 103 of 145 wrong number cells), and a typewriter face's ๑
    lies as near its ๓ (lone ๑s read ๓ at margins of 0.01-0.1).  The page
    prints each digit the same way, so an unsure glyph (margin < `UNSURE`)
    goes to the digit whose glyphs on this page it lies nearest, among its
    sure ones (margin >= `SURE`; the last `KEEP` of each) and its numbers'
    first glyphs read ๐ or ๑ (๑s: no number starts with ๐): a ๐ to ๐ or
    ๑ once the page has shown `MIN_SEEN` of each; any other (a ๑ too: a
    blurred typewriter ๓ reads ๑ with ๓ near) to one of the digits near it
    (`Verdict.near`) that the page has shown `MIN_SEEN` of -- when the
    winner has too few of its own to compare, only a page glyph at half
    the winning template's distance overrules it, else only one whose
    glyphs lie `CLEAR`ly nearer than the winner's (a Kinnari ๔ went to the page's ๕s at 1.1 against 1.17, a
    Norasi ๔ at 0.77 against 1.03: a page shows far more ๕s).  The
    latter only where the digits stand `MIN_PX` or more (in the page's
    pixels; a smaller ๑ goes to ๐ or ๑ alone): smaller, a ๒ and a ๑ differ
    by a pixel or two (a 200-dpi typewriter page's first glyphs read ๑ were
    often its ๒s, and pulled its other ๒s to ๑).  (Two such plans at 300
    dpi, ๐/๑ alone: 31 of 2,730 number cells wrong with the nearest
    template, 25 with the page's sure glyphs, 11 with its first glyphs
    too.)  (18 Thai-digit plans of our own at 300 dpi, the digits of the
    cells the page's glyphs settle: 51 wrong before unsure ๑s went to
    their near digits and `CLEAR` came in, 45 after; a `SURE` of 0.45 made
    30 of them -- a bold totals row's own ๐s then outweighed the page's
    regular ๑s -- but 53 wrong against 40 on two Norasi and Sawasdee
    plans.  Keeping first glyphs read ๑ with other digits near out of the
    page's ๑s took away most of a 200-dpi Laksaman page's ๑s, whose lone
    ๑s then went to ๓: 1,186 -> 1,163 of 1,223 number cells.)  A table's
    cells whose unsure ๐/๑ were read before the page had shown enough of
    its own are settled again once the table is read (`settle_again`).
    An unsure glyph the sure ones leave as it read goes to the page's
    means: every glyph of the page, sure or not, is summed by the digit it
    read as, and a near digit whose mean lies `CLEAR`ly nearer than that
    digit's own takes it (both shown `MIN_SEEN` times).  A face the
    templates misread now and then is pulled back by the many prints of the
    same digit they read right: the ๔/๘ pair discriminant read a third of
    a Tlwg Typist page's ๘s (10 px tall) as ๔, and no ๘ of that page was
    sure enough to compare them with.  (Glyphs of 42 Thai-digit plans at
    300 dpi: 161 of 218 wrong digits put right, 5 right ones spoilt, all
    at ratios above 0.8; number cells of dev seed 2468's 16 plans 43 -> 37
    wrong, scan20b's Typist plan 22 -> 14.)"""

    SURE = 0.6
    UNSURE = 0.5
    CLEAR = 0.6
    KEEP = 50
    MIN_SEEN = 3
    MIN_PX = 11

    def __init__(self) -> None:
        self.seen: dict[str, list[np.ndarray]] = {ch: [] for ch in THAI_DIGITS}
        # every glyph of the page, sure or not, summed by the digit it read
        # as (a number's first ๐ or ๑ as ๑): the page's mean of each digit
        self.sums: dict[str, np.ndarray] = {}
        self.counts: dict[str, int] = dict.fromkeys(THAI_DIGITS, 0)
        # the last `settle`: (glyphs, height, its glyphs as settled), for
        # the table's `split_zero_one`; and the same when it had unsure
        # glyphs, to settle again once the table is read
        self.latest: tuple[LastRead, float, list[str]] | None = None
        self.unsure: tuple[LastRead, float, list[str]] | None = None

    def settle(self, last: LastRead, height: float) -> str:
        """`last`'s text with its unsure glyphs decided by the page's sure
        ones, which it adds to; `height`: the glyphs' in the page's pixels."""
        return joined(self._settle(last, height, list(last.seg.out), True))

    def settle_again(self, read: tuple[LastRead, float, list[str]]) -> list[str]:
        """A reading `settle` left unsure glyphs in (`unsure`): its glyphs
        with its unsure ๐/๑ decided again by all the sure glyphs the page
        has shown since.  A table's first rows are read before the page has
        shown `MIN_SEEN` of each, and their unsure ๐/๑ stayed as the
        nearest template said (a Sawasdee page's first row of lone ๑s, each
        nearest a ๐ template, read ๐)."""
        last, height, out = read
        return self._settle(last, height, list(out), False)

    def _settle(self, last: LastRead, height: float, out: list[str], learn: bool) -> list[str]:
        first = leading_slot(last.seg)
        unsure = False
        for slot, feat, v in zip(last.seg.slots, last.seg.feats, last.verdicts):
            leading = (v.digit in "๐๑" and slot == first
                       and not (v.digit == "๑" and self._other_mean_nearer(v, feat)))
            digit = "๑" if leading else v.digit
            if learn:
                self.sums[digit] = self.sums[digit] + feat if digit in self.sums else feat.copy()
                self.counts[digit] += 1
            if leading or v.margin >= self.SURE:
                if learn:
                    kept = self.seen[digit]
                    kept.append(feat)
                    del kept[: -self.KEEP]
            elif (v.margin <= self.UNSURE if v.digit in "๐๑"
                  else learn and v.margin < self.UNSURE and height >= self.MIN_PX):
                # (a ๐/๑ the pair discriminant decided has a margin of 0.5
                # at most: a Sawasdee ๑ it turned into a ๐ is unsure too)
                out[slot] = self._nearest(v, feat, height >= self.MIN_PX)
                unsure = True
            if v.margin < self.UNSURE and out[slot] == digit:
                out[slot] = self._nearest_mean(v, feat, digit)
                unsure = True
        if learn:
            self.latest = (last, height, list(out))
            self.unsure = self.latest if unsure else None
        return out

    def _nearest_mean(self, v: Verdict, feat: np.ndarray, digit: str) -> str:
        """An unsure glyph still read as `digit` moved to the near digit
        (`Verdict.near`) whose mean on this page lies `CLEAR`ly nearer than
        `digit`'s, among the digits the page has shown `MIN_SEEN` of (see
        the class); else `digit`."""
        chars = {ch for ch in v.near + digit if self.counts[ch] >= self.MIN_SEEN}
        if digit not in chars or len(chars) < 2:
            return digit
        dist = {ch: self._mean_distance(ch, feat) for ch in chars}
        best = min(dist, key=dist.__getitem__)
        return best if dist[best] < self.CLEAR * dist[digit] else digit

    def _mean_distance(self, digit: str, feat: np.ndarray) -> float:
        """How far `feat` lies from the page's mean of `digit`."""
        return float(((self.sums[digit] / self.counts[digit] - feat) ** 2).sum())

    def _other_mean_nearer(self, v: Verdict, feat: np.ndarray) -> bool:
        """Whether a number's first glyph read ๑ lies nearer the page's mean
        of another digit near it (`Verdict.near`, not ๐) than its mean of
        ๑, both shown `MIN_SEEN` times: then it is no sure ๑ (a blurred
        typewriter ๓ reads ๑ with ๓ near, and as a sure ๑ it pulled the
        page's next unsure ๓s to ๑: scan20b's Tlwg Typist ๓,๐๐๐.๕๐ read
        ๑,๐๐๐.๕๐).  Without the page's means to compare it stays sure: a
        200-dpi Laksaman page whose first ๑s all had ๓ near lost them all
        and read its lone ๑s as ๓."""
        others = [ch for ch in v.near if ch not in "๐๑" and self.counts[ch] >= self.MIN_SEEN]
        if not others or self.counts["๑"] < self.MIN_SEEN:
            return False
        return min(self._mean_distance(ch, feat) for ch in others) < self._mean_distance("๑", feat)

    def _nearest(self, v: Verdict, feat: np.ndarray, tall: bool) -> str:
        """An unsure glyph's digit (see the class); `tall`: the digits stand
        `MIN_PX` or more."""
        if v.digit == "๐" or (v.digit == "๑" and not tall):
            if any(len(self.seen[ch]) < self.MIN_SEEN for ch in "๐๑"):
                return v.digit
            chars = "๐๑"
        else:
            chars = "".join(ch for ch in v.near if len(self.seen[ch]) >= self.MIN_SEEN)
        dist = {ch: float(((np.stack(self.seen[ch]) - feat) ** 2).sum(axis=1).min()) for ch in chars}
        if not dist:
            return v.digit
        best = min(dist, key=dist.__getitem__)
        if v.digit in dist:
            return best if v.digit in "๐๑" or dist[best] < self.CLEAR * dist[v.digit] else v.digit
        return best if dist[best] < 0.5 * v.distance else v.digit
