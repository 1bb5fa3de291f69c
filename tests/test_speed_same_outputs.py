"""The cheaper ways the scan path measures glyphs give what the plain ways
gave (speed itself is measured by benchmarks/scan.py): a glyph's parts
picked by comparison, not np.isin; a crop's ink share from histogram
percentiles; a page's kept Arabic digits measured against a glyph in one
array op.  Real crops: number cells of a generated plan scanned at 300 and
200 dpi (tests/data/digits)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

DATA = Path(__file__).parent / "data" / "digits"
_CROPS = ["garuda_13450.png", "garuda_2800_feet_touching.png", "purisa_11950.png", "purisa_111801.png",
          "purisa_450_50.png", "purisa_12000_blot.png"]


def _gray(name: str) -> np.ndarray:
    return cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)


@pytest.mark.parametrize("name", _CROPS)
def test_glyph_parts_are_isins(name: str):
    from pipeline.ocr.glyph_templates import _of

    g = _gray(name)
    thr, _ = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    n, lab, _, _ = cv2.connectedComponentsWithStats((g < thr).astype(np.uint8), connectivity=8)
    assert n > 2
    for ids in ([1], [1, n - 1], list(range(1, n, 2))):
        assert np.array_equal(_of(lab, ids), np.isin(lab, ids))


@pytest.mark.parametrize("name", _CROPS)
def test_ink_share_is_the_percentiles(name: str):
    from pipeline.ocr.glyph_templates import _Tones

    g = _gray(name)
    paper, ink = float(np.percentile(g, 90)), float(np.percentile(g, 3))
    want = np.clip((paper - g.astype(np.float32)) / max(1.0, paper - ink), 0, 1)
    tones = _Tones(g)
    assert (tones.paper, tones.ink) == (paper, ink)
    assert np.array_equal(tones.share, want)


def test_page_digits_measured_all_at_once():
    from pipeline.ocr.latin_digits import PageDigits, shared_reader

    reader = shared_reader()
    if not reader.ok:
        pytest.skip("no fonts installed")
    page = PageDigits()
    feats = []
    for name in _CROPS:
        for entry in reader.glyphs(_gray(name), features=True, touching=True) or []:
            if entry[2] is not None:
                feats.append((entry[0], entry[2]))
    assert len(feats) >= 20
    for digit, feat in feats[::2]:
        page.add(digit, feat)
    known = "".join(ch for ch in "0123456789" if page.known(ch))
    assert len(known) >= 2
    for _digit, feat in feats[1::2]:
        got = page._nearest_each(feat, known)
        want = {ch: float(((np.stack(page.seen[ch]) - feat) ** 2).sum(axis=1).min()) for ch in known}
        assert got == want
