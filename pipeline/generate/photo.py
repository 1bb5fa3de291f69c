"""Digital plan PDF -> phone photo of the printed page 1 (JPEG).

numpy/OpenCV/PIL only.  The page (rendered with pypdfium2) is printed on
slightly off-white paper and photographed on a desk:

* desk: a textured background (wood grain, laminate or cloth tones);
* the page as a quadrilateral: rotation up to +-6 degrees, keystone
  perspective up to ~8 degrees (one edge shorter than the opposite one),
  corner jitter, filling 72-92 % of the frame's long side;
* light: a warm / cool / neutral colour cast, a linear gradient, a
  vignette, a soft shadow across one side (a hand or the phone);
* optics: defocus blur, sensor noise, 1.5-3 megapixels, JPEG quality 60-85.

`blur=` forces the defocus (Gaussian sigma in photo pixels; ~3 is a photo
nobody can read) and `megapixels=` the frame size (0.3 is a tiny photo).

    write_photo(truth, pdf_path, out_path, rng) -> parameters applied
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

__all__ = ["write_photo", "photograph"]

_DESKS = (
    (118, 82, 52),  # wood
    (150, 110, 70),  # light wood
    (86, 88, 94),  # grey laminate
    (60, 62, 70),  # dark desk
    (70, 95, 80),  # green blotter
    (160, 150, 135),  # beige laminate
)
_CASTS = {
    "warm": (1.0, 0.88, 0.70),
    "cool": (0.86, 0.93, 1.0),
    "neutral": (1.0, 1.0, 1.0),
}


def _render_page1(pdf_path: Path, dpi: int) -> np.ndarray:
    from pipeline.generate.degrade import render_pages

    return np.asarray(render_pages(Path(pdf_path), dpi, first_only=True)[0].convert("L"))


def _smooth_noise(nrng: np.random.Generator, h: int, w: int, cells: tuple[int, int]) -> np.ndarray:
    f = nrng.normal(0, 1, cells).astype(np.float32)
    f = cv2.resize(f, (w, h), interpolation=cv2.INTER_CUBIC)
    return f / max(1e-6, float(np.abs(f).max()))


def _desk(nrng: np.random.Generator, rng: random.Random, h: int, w: int) -> tuple[np.ndarray, str]:
    base = np.array(rng.choice(_DESKS), dtype=np.float32)
    kind = rng.choice(["grain", "blotch"])
    if kind == "grain":  # streaks along one axis
        tex = _smooth_noise(nrng, h, w, (max(2, h // 6), 6)) * 0.6 + _smooth_noise(nrng, h, w, (max(2, h // 40), 3)) * 0.4
    else:
        tex = _smooth_noise(nrng, h, w, (8, 10))
    amp = rng.uniform(10, 28)
    desk = base[None, None, :] + (amp * tex)[:, :, None] * np.array([1.0, 0.85, 0.7], np.float32)
    desk += nrng.normal(0, 3, (h, w, 1)).astype(np.float32)
    return desk, kind


def _page_quad(rng: random.Random, pw: int, ph: int, W: int, H: int, fill: float, persp_deg: float,
               rot_deg: float) -> np.ndarray:
    """Where the page's corners land in the photo (tl, tr, br, bl)."""
    aspect = pw / ph
    # projected page size: its long side spans `fill` of the frame's matching side
    if aspect >= W / H:
        w = fill * W
        h = w / aspect
    else:
        h = fill * H
        w = h * aspect
    x = np.array([-w / 2, w / 2, w / 2, -w / 2])
    y = np.array([-h / 2, -h / 2, h / 2, h / 2])
    # keystone: the far edge is shorter (camera tilted towards it)
    k = math.tan(math.radians(persp_deg)) * 0.9
    side = rng.choice(["top", "bottom", "left", "right"])
    if side == "top":
        x[:2] *= 1 - k
    elif side == "bottom":
        x[2:] *= 1 - k
    elif side == "left":
        y[[0, 3]] *= 1 - k
    else:
        y[[1, 2]] *= 1 - k
    # a second, smaller tilt about the other axis
    k2 = k * rng.uniform(0, 0.4)
    if side in ("top", "bottom"):
        y[[0, 3] if rng.random() < 0.5 else [1, 2]] *= 1 - k2
    else:
        x[[0, 1] if rng.random() < 0.5 else [2, 3]] *= 1 - k2
    a = math.radians(rot_deg)
    xr = x * math.cos(a) - y * math.sin(a)
    yr = x * math.sin(a) + y * math.cos(a)
    # keep the page inside the frame with a little slack, jitter corners
    jit = 0.006 * min(W, H)
    cx = W / 2 + rng.uniform(-0.03, 0.03) * W
    cy = H / 2 + rng.uniform(-0.03, 0.03) * H
    pts = np.stack([xr + cx, yr + cy], axis=1) + np.array([[rng.uniform(-jit, jit), rng.uniform(-jit, jit)] for _ in range(4)])
    # shift back inside if a corner left the frame
    for ax, lim in ((0, W), (1, H)):
        lo, hi = pts[:, ax].min(), pts[:, ax].max()
        m = 0.015 * lim
        if lo < m:
            pts[:, ax] += m - lo
        if hi > lim - m:
            pts[:, ax] -= hi - (lim - m)
    return pts.astype(np.float32)


def _light(nrng: np.random.Generator, rng: random.Random, H: int, W: int, p: dict[str, Any]) -> np.ndarray:
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    u, v = xx / W - 0.5, yy / H - 0.5
    # gradient: a lamp off to one side
    ang = rng.uniform(0, 2 * math.pi)
    grad = rng.uniform(0.10, 0.35)
    t = u * math.cos(ang) + v * math.sin(ang)  # -0.7..0.7
    light = 1.0 - grad * (t + 0.7) / 1.4
    # vignette
    vig = rng.uniform(0.15, 0.40)
    light *= 1.0 - vig * (u * u + v * v) / 0.5
    # soft shadow across one side: a half-plane with a blurred edge
    shadow = 0.0
    if rng.random() < 0.85:
        shadow = rng.uniform(0.25, 0.50)
        sang = rng.uniform(0, 2 * math.pi)
        d = u * math.cos(sang) + v * math.sin(sang)
        edge = rng.uniform(0.15, 0.35)  # how far from the centre the shadow starts
        soft = rng.uniform(0.03, 0.08)
        mask = 1.0 / (1.0 + np.exp(-(d - edge) / soft))
        light *= 1.0 - shadow * mask
    p.update(gradient=round(grad, 3), vignette=round(vig, 3), shadow=round(shadow, 3))
    return light


def photograph(page: np.ndarray, rng: random.Random, *, blur: float | None = None,
               megapixels: float | None = None) -> tuple[bytes, dict[str, Any]]:
    """Grayscale page image -> (JPEG bytes of the phone photo, parameters)."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    p: dict[str, Any] = {}
    ph, pw = page.shape
    mp = megapixels if megapixels is not None else rng.uniform(1.5, 3.0)
    landscape = pw >= ph
    W = int(round(math.sqrt(mp * 1e6 * 4 / 3)))
    H = int(round(W * 3 / 4))
    if not landscape:
        W, H = H, W
    p.update(megapixels=round(W * H / 1e6, 2), size=[W, H])

    fill = rng.uniform(0.72, 0.92)
    persp = rng.uniform(1.0, 8.0)
    rot = rng.uniform(-6.0, 6.0)
    quad = _page_quad(rng, pw, ph, W, H, fill, persp, rot)
    p.update(fill=round(fill, 3), perspective_deg=round(persp, 2), rotation_deg=round(rot, 2), quad=quad.round(1).tolist())

    desk, desk_kind = _desk(nrng, rng, H, W)
    p["desk"] = desk_kind
    paper_tint = np.array([rng.uniform(240, 250), rng.uniform(238, 248), rng.uniform(228, 242)], np.float32)
    src = np.array([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    # ink darkness scales with 1 - page/255; the page is shrunk with area interpolation first
    scale = min(1.0, 1.2 * max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3])) / pw)
    small = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else page
    s = np.array([[scale, 0, 0], [0, scale, 0], [0, 0, 1]], np.float64) if scale < 1 else np.eye(3)
    m2 = m @ np.linalg.inv(s)
    warped = cv2.warpPerspective(small.astype(np.float32) / 255.0, m2, (W, H), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=1.0)
    mask = cv2.warpPerspective(np.ones(small.shape, np.float32), m2, (W, H), flags=cv2.INTER_LINEAR)
    ink_rgb = np.array([rng.uniform(15, 45)] * 3, np.float32)
    paper = ink_rgb + (paper_tint - ink_rgb)[None, None, :] * warped[:, :, None]
    # a faint contact shadow of the page on the desk
    halo = cv2.GaussianBlur(mask, (0, 0), max(2.0, 0.006 * W))
    desk = desk * (1.0 - 0.35 * np.clip(halo - mask, 0, 1))[:, :, None]
    img = paper * mask[:, :, None] + desk * (1.0 - mask[:, :, None])

    light = _light(nrng, rng, H, W, p)
    cast_name = rng.choice(list(_CASTS))
    cast = np.array(_CASTS[cast_name], np.float32)
    exposure = rng.uniform(0.92, 1.04)
    img = img * (light * exposure)[:, :, None] * cast[None, None, :]
    p.update(cast=cast_name, exposure=round(exposure, 3))

    sigma = blur if blur is not None else rng.uniform(0.3, 0.8)
    if sigma > 0.05:
        img = cv2.GaussianBlur(img, (0, 0), sigma)
    noise = rng.uniform(1.5, 4.0)
    img = img + nrng.normal(0, noise, img.shape).astype(np.float32)
    quality = rng.randint(60, 85)
    p.update(blur=round(sigma, 2), noise=round(noise, 2), jpeg_quality=quality)
    # the page's mean top/bottom edge length in photo pixels
    top = (np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    p["page_px_wide"] = round(float(top), 1)
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), mode="RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return buf.getvalue(), p


def write_photo(truth: dict[str, Any] | None, pdf_path: Path, out_path: Path, rng: random.Random, *,
                blur: float | None = None, megapixels: float | None = None) -> dict[str, Any]:
    """Render page 1 of `pdf_path` (the digital rendering of `truth`) and
    write a phone photo of it to `out_path` (JPEG).  Returns the parameters
    applied, with "effective_dpi": the page's pixels per inch in the photo."""
    render_dpi = 200
    page = _render_page1(Path(pdf_path), render_dpi)
    data, p = photograph(page, rng, blur=blur, megapixels=megapixels)
    page_in = max(page.shape) / render_dpi
    long_px = p["page_px_wide"] if page.shape[1] >= page.shape[0] else None
    if long_px is None:
        q = np.array(p["quad"])
        long_px = (np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2
    p["effective_dpi"] = round(float(long_px) / page_in, 1)
    p["kind"] = "photo"
    Path(out_path).write_bytes(data)
    return p
