"""Digital plan PDF -> degraded "scan" (image-only PDF, PNG or multi-page TIFF).

numpy/PIL only (augraphy would add ~950 MB and replace OpenCV).  Per page:
render with pypdfium2 at 200 or 300 dpi, then

* an occasional sideways page (turned 90 degrees, either way);
* rotation by 0.3-2 degrees either way;
* ink tone and paper tone, low-frequency paper texture (blotches) and grain;
* Gaussian blur, Gaussian noise, dark specks;
* JPEG at quality 50-85 (every kind goes through one JPEG round trip; the
  scan PDF embeds that JPEG as is, one per page).

`write_scan` returns what it applied, per page, so benchmarks can report
accuracy by degradation.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

__all__ = ["write_scan", "degrade_image", "render_pages", "KINDS"]

KINDS = ("scan_pdf", "png", "tiff")


def render_pages(pdf_path: Path, dpi: int, first_only: bool = False) -> list[Image.Image]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        n = 1 if first_only else len(pdf)
        out = []
        for k in range(n):
            page = pdf[k]
            try:
                bitmap = page.render(scale=dpi / 72.0, grayscale=True)
                out.append(bitmap.to_pil().convert("L"))
                bitmap.close()
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def degrade_image(
    img: Image.Image,
    rng: random.Random,
    *,
    rotation: float | None = None,
    sideways: int | None = None,
    strength: float = 1.0,
) -> tuple[Image.Image, bytes, dict[str, Any]]:
    """Degrade one grayscale page.  Returns (decoded degraded image, its JPEG
    bytes, parameters).  `sideways`: 0, 90 or 270 (counter-clockwise degrees)
    or None for the random choice (1 page in 12); `strength` scales blur,
    noise and texture."""
    seed = rng.getrandbits(32)
    nrng = np.random.default_rng(seed)
    p: dict[str, Any] = {}
    if sideways is None:
        sideways = rng.choice([90, 270]) if rng.random() < 1 / 12 else 0
    if rotation is None:
        rotation = rng.uniform(0.3, 2.0) * rng.choice([-1, 1])
    p["sideways"] = sideways
    p["rotation_deg"] = round(rotation, 3)
    img = img.convert("L")
    if rotation:
        img = img.rotate(rotation, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if sideways:
        img = img.transpose(Image.ROTATE_90 if sideways == 90 else Image.ROTATE_270)
    a = np.asarray(img, dtype=np.float32) / 255.0  # 1 = paper, 0 = ink
    h, w = a.shape

    paper = rng.uniform(205, 245)
    ink = rng.uniform(10, 70)
    texture = rng.uniform(2, 14) * strength
    # low-frequency blotches: a coarse random field, upscaled smoothly
    cells = (max(2, h // 96), max(2, w // 96))
    field = nrng.normal(0, 1, cells).astype(np.float32)
    field = np.array(Image.fromarray(field, mode="F").resize((w, h), Image.BICUBIC), dtype=np.float32)
    field /= max(1e-6, float(np.abs(field).max()))
    paper_map = paper + texture * field
    grain = rng.uniform(1.0, 5.0) * strength
    paper_map += nrng.normal(0, grain, (h, w)).astype(np.float32)
    out = ink + (paper_map - ink) * a
    p.update(paper=round(paper, 1), ink=round(ink, 1), texture=round(texture, 2), grain=round(grain, 2))

    blur = rng.uniform(0.3, 1.1) * strength
    im = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), mode="L")
    if blur > 0.05:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    out = np.array(im, dtype=np.float32)
    noise = rng.uniform(2.0, 9.0) * strength
    out += nrng.normal(0, noise, (h, w)).astype(np.float32)
    n_specks = int(rng.randint(30, 400) * strength * (h * w) / (2480 * 3508))
    ys = nrng.integers(0, h, n_specks)
    xs = nrng.integers(0, w, n_specks)
    rs = nrng.integers(0, 3, n_specks)
    for y, x, r in zip(ys.tolist(), xs.tolist(), rs.tolist()):
        out[max(0, y - r) : y + r + 1, max(0, x - r) : x + r + 1] = ink + rng.uniform(0, 60)
    p.update(blur=round(blur, 2), noise=round(noise, 2), specks=n_specks)

    quality = rng.randint(50, 85)
    p["jpeg_quality"] = quality
    im = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), mode="L")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    data = buf.getvalue()
    return Image.open(io.BytesIO(data)).convert("L"), data, p


def _pdf_from_jpegs(jpegs: list[tuple[bytes, int, int]], dpi: int, out_path: Path) -> None:
    """An image-only PDF, each page one embedded JPEG (DCTDecode), as is."""
    try:
        import pikepdf
    except ImportError:  # PIL re-encodes, but the page is still one JPEG
        ims = [Image.open(io.BytesIO(d)) for d, _, _ in jpegs]
        ims[0].save(out_path, "PDF", resolution=dpi, save_all=True, append_images=ims[1:], quality=95)
        return
    pdf = pikepdf.new()
    for data, w, h in jpegs:
        wpt, hpt = w * 72.0 / dpi, h * 72.0 / dpi
        image = pikepdf.Stream(pdf, data)
        image.Type = pikepdf.Name.XObject
        image.Subtype = pikepdf.Name.Image
        image.Width, image.Height = w, h
        image.ColorSpace = pikepdf.Name.DeviceGray
        image.BitsPerComponent = 8
        image.Filter = pikepdf.Name.DCTDecode
        content = f"q {wpt:.3f} 0 0 {hpt:.3f} 0 0 cm /Im0 Do Q".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, wpt, hpt],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pikepdf.Stream(pdf, content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(out_path)


def write_scan(
    truth: dict[str, Any],
    pdf_path: Path,
    out_path: Path,
    kind: str,
    rng: random.Random,
    dpi: int | None = None,
    **opts: Any,
) -> dict[str, Any]:
    """Render `pdf_path` (the digital rendering of `truth`) and write a
    degraded scan of kind "scan_pdf" (image-only PDF), "png" (page 1 only) or
    "tiff" (multi-page).  Returns {"kind", "dpi", "pages": [params per page]}.
    `opts` go to `degrade_image` (rotation=, sideways=, strength=)."""
    if kind not in KINDS:
        raise ValueError(f"unknown scan kind {kind!r}; known: {KINDS}")
    if dpi is None:
        dpi = rng.choice([200, 300])
    pages = render_pages(Path(pdf_path), dpi, first_only=kind == "png")
    out_path = Path(out_path)
    done: list[tuple[Image.Image, bytes, dict[str, Any]]] = []
    for i, page in enumerate(pages, start=1):
        im, data, params = degrade_image(page, rng, **opts)
        params["page"] = i
        done.append((im, data, params))
    if kind == "scan_pdf":
        _pdf_from_jpegs([(d, im.width, im.height) for im, d, _ in done], dpi, out_path)
    elif kind == "png":
        done[0][0].save(out_path, "PNG", dpi=(dpi, dpi))
    else:
        ims = [im for im, _, _ in done]
        ims[0].save(out_path, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=ims[1:], compression="tiff_deflate")
    return {"kind": kind, "dpi": dpi, "pages": [p for _, _, p in done]}
