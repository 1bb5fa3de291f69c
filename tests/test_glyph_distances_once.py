"""A crop's glyph distances worked out once and shared (issue 3, speed):
the lighter-threshold check and the reader ask for the same ones, and the
shared ones are the same to the last bit as those worked out anew.  Real
number crops of generated scans (tests/data/digits)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.ocr.crops import percentile_u8, percentiles_u8
from pipeline.ocr.glyph_templates import GlyphTemplates
from pipeline.ocr.latin_digits import shared_reader
from pipeline.ocr.thai_digits import ThaiDigitReader

DATA = Path(__file__).parent / "data" / "digits"
CROPS = sorted(DATA.glob("*.png"))


def _crops() -> list[np.ndarray]:
    crops = [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in CROPS]
    return [c for c in crops if c is not None and c.ndim == 2]


@pytest.mark.parametrize("reader", [ThaiDigitReader, shared_reader])
def test_shared_distances_are_those_worked_out_anew(reader):
    t = reader().templates
    if not t.ok:
        pytest.skip("no fonts installed")
    seen = 0
    for crop in _crops():
        seg = t.segment(crop)
        if seg is None:
            continue
        d = t.seg_distances(seg)
        assert t.seg_distances(seg) is d
        assert d.tobytes() == t.distances(seg.feats).tobytes()
        assert d[:, t.digit_at].tobytes() == t.distances(seg.feats, digits_only=True).tobytes()
        seen += 1
    assert seen >= 20


class _Counted(GlyphTemplates):
    """The Thai templates, counting the glyphs whose distances are worked out."""

    rows = 0

    def distances(self, feats, digits_only=False):
        type(self).rows += len(feats)
        return super().distances(feats, digits_only)


def test_reading_a_crop_works_out_no_distances_beyond_its_segmentation():
    r = ThaiDigitReader()
    if not r.ok:
        pytest.skip("no fonts installed")
    t = r.templates
    r.templates = counted = _Counted.__new__(_Counted)
    counted.__dict__.update(t.__dict__)
    # a clean crop: each glyph stands alone at Otsu's threshold; the check
    # for glyphs broken at it asks for their distances, the reader then
    # takes the same ones
    crop = cv2.imread(str(DATA / "garuda_2500.png"), cv2.IMREAD_GRAYSCALE)
    _Counted.rows = 0
    seg = counted.segment(crop)
    assert seg is not None and seg.clean and not seg.touching
    segmenting = _Counted.rows
    _Counted.rows = 0
    assert r.read(crop)[0] == "๒,๕๐๐"
    assert _Counted.rows == segmenting


def test_percentiles_from_one_histogram():
    for crop in _crops():
        got = percentiles_u8(crop, (90, 3, 50, 75))
        assert got == tuple(percentile_u8(crop, q) for q in (90, 3, 50, 75))
        assert np.allclose(got, np.percentile(crop, (90, 3, 50, 75)))
