"""Training crops for `pipeline.ocr.number_net`: number strings rendered
from the installed fonts, degraded the way scans and photos degrade them.

    python scripts/number_net/synth.py OUT.pk N SEED [--hold Norasi,Laksaman]

Each crop is drawn at a digit height of 6-34 px (a 100-dpi photo's small
print to a 300-dpi scan's large print), blurred, inked light or dark on
grey paper, noised, JPEG-compressed, upsampled as the scan path upsamples
low-resolution pages, sometimes sharpened; then normalised exactly as the
reader normalises (`number_net.normalise`).  Strings follow the plans'
number formats (counts, amounts with and without thousands commas, two
decimals), half in Thai digits.  `--hold` leaves fonts out (to measure
the network on faces it never saw).
"""

from __future__ import annotations

import argparse
import pickle
import random
from pathlib import Path

import cv2
import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr.number_net import normalise

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_SLANTED = ("oblique", "italic")
_LATIN = ("DejaVuSans", "DejaVuSerif", "NotoSans-", "NotoSerif-", "NotoSansDisplay-", "NotoSerifDisplay-")


def font_files(hold: list[str]) -> tuple[list[str], list[str]]:
    """(Thai fonts, Latin fonts) installed, upright, none of `hold`."""
    root = Path("/usr/share/fonts/truetype")
    thai = sorted(root.glob("tlwg/*.ttf")) + sorted(root.glob("noto/Noto*Thai*.ttf"))
    latin = [f for f in sorted(root.glob("*/*.ttf")) if f.name.startswith(_LATIN) and "Mono" not in f.name
             and "ExtraLight" not in f.name]
    keep = lambda f: not any(k in f.name.lower() for k in _SLANTED) and not any(h.lower() in f.name.lower() for h in hold)  # noqa: E731
    return [str(f) for f in thai if keep(f)], [str(f) for f in latin if keep(f)]


def number(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return str(rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999)]))
    v = rng.choice([rng.randint(1, 99) * 10 ** rng.randint(1, 4), rng.randint(100, 999999), rng.randint(1, 60) * 50])
    s = f"{v:,}" if rng.random() < 0.6 else str(v)
    return s + (rng.choice([".00", ".00", ".50", ".25", ".75"]) if rng.random() < 0.35 else "")


_CMAPS: dict[str, set[int]] = {}


def covers(font: str, text: str) -> bool:
    if font not in _CMAPS:
        _CMAPS[font] = set(TTFont(font, lazy=True).getBestCmap())
    return all(ord(c) in _CMAPS[font] for c in text)


def render(text: str, font: str, rng: random.Random) -> tuple[np.ndarray, int]:
    """The text black on white at 96 px, cut to its ink plus a random
    margin; and the height of the font's 0 (the digit height)."""
    f = ImageFont.truetype(font, 96)
    left, _, right, _ = f.getbbox(text)
    im = Image.new("L", (right - left + 60, 220), 255)
    ImageDraw.Draw(im).text((30 - left, 40), text, font=f, fill=0)
    a = np.array(im)
    ys, xs = np.nonzero(a < 128)
    digit = f.getbbox("0")[3] - f.getbbox("0")[1]
    m = lambda: int(rng.uniform(0.1, 0.5) * digit)  # noqa: E731
    return a[max(0, ys.min() - m()) : ys.max() + m(), max(0, xs.min() - m()) : xs.max() + m()], digit


def degrade(big: np.ndarray, digit: int, rng: random.Random) -> np.ndarray:
    native = rng.choice([rng.uniform(6, 14), rng.uniform(9, 22), rng.uniform(14, 34)])
    s = native / digit
    small = cv2.resize(big.astype(np.float32), None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    img = small
    if rng.random() < 0.3:  # bolder or thinner ink
        k = np.ones((2, 2), np.float32)
        img = 0.5 * (cv2.erode(img, k) if rng.random() < 0.5 else cv2.dilate(img, k)) + 0.5 * small
    sigma = rng.choice([0.0, rng.uniform(0.2, 0.8), rng.uniform(0.5, 1.4)])
    if sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), sigma)
    paper = rng.uniform(170, 255)
    ink = rng.uniform(0, min(140, paper - 40))
    img = ink + (paper - ink) * img / 255.0
    img += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(0, 12), img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(25, 90)])[1], 0)
    up = 300 / rng.choice([300, 300, 200, 150, 110, 100]) if native < 26 else 1.0
    if up > 1:
        img = cv2.resize(img, None, fx=up, fy=up, interpolation=cv2.INTER_CUBIC)
    if rng.random() < 0.3:  # the photo path's unsharp mask
        k = rng.uniform(0.5, 1.5)
        img = np.clip(img.astype(np.float32) * (1 + k) - k * cv2.GaussianBlur(img, (0, 0), up * 0.8), 0, 255).astype(np.uint8)
    return img


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("--hold", default="")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    thai, latin = font_files([h for h in a.hold.split(",") if h])
    xs, ys = [], []
    while len(xs) < a.n:
        text = number(rng)
        in_thai = rng.random() < 0.5
        font = rng.choice(thai) if in_thai or rng.random() < 0.6 else rng.choice(latin)
        if in_thai:
            text = text.translate(_TO_THAI)
        if not covers(font, text):
            continue
        big, digit = render(text, font, rng)
        x = normalise(degrade(big, digit, rng)) if digit > 0 else None
        if x is None or x.shape[1] > 400:
            continue
        xs.append((x * 255).astype(np.uint8))
        ys.append(text)
    Path(a.out).write_bytes(pickle.dumps((xs, ys)))


if __name__ == "__main__":
    main()
