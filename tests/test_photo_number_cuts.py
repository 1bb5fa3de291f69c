"""A phone photo's number cells of readable size that lost or changed a
digit (issue 9): crops cut from generated photos (photo benchmark, dev seed
8686: plan 7 at ~103 dpi, plan 8 at ~110 dpi; digits 24-29 px tall on the
300-dpi working page)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

DATA = Path(__file__).parent / "data" / "photo"

# plan 7's sure numbers before the 50 and their ink widths, as the page
# measured them (`NumberWidths.add`): lone 5s, then numbers without
# separators (a pitch of about 20 px) and with one
PLAN7_SURE = [("5", 15), ("5", 17), ("5", 16), ("5", 16), ("6", 17), ("1", 10), ("10", 32), ("10", 31),
              ("600", 52), ("110", 49), ("61", 29), ("14", 32), ("20,000", 94), ("12,600", 92)]

# plan 8's cells read surely before its 4250, as Tesseract read them: they
# teach the page its own 1s, 4s and 0s (`PageDigits`)
PLAN8_SURE = [("photo_page_11.png", "11", 0.94), ("photo_page_1a.png", "1", 0.96), ("photo_page_1b.png", "1", 0.96),
              ("photo_page_300.png", "300", 0.96), ("photo_page_400.png", "400", 0.96),
              ("photo_page_4a.png", "4", 0.97), ("photo_page_4b.png", "4", 0.97), ("photo_page_4c.png", "4", 0.97),
              ("photo_page_1150.png", "1150", 0.96), ("photo_page_1c.png", "1", 0.96), ("photo_page_1d.png", "1", 0.96),
              ("photo_page_1e.png", "1", 0.96), ("photo_page_18000.png", "18000", 0.96)]


@pytest.fixture(scope="module")
def engine():
    from pipeline.ocr import get_engine
    from pipeline.ocr.photo_reads import PhotoReads

    return PhotoReads(get_engine("tesseract"))


def _crop(name: str):
    return cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)


def test_a_digit_the_surer_scale_dropped_comes_back_by_the_inks_width(engine):
    # a photo's 50 (its 5 and 0 touch): 0 at 0.86 at half height, 50 at
    # 0.74 at the working height; 0 is a digit short of the 33-px ink
    from pipeline.extract.scan.digit_script import DigitScript
    from pipeline.extract.scan.number_cell import width_opinion

    crop = _crop("photo_dropped_50.png")
    res = engine.read_number(crop, thai_digits=False)
    assert res.text == "0" and [o.text for o in res.set_aside] == ["50"]
    script = DigitScript()
    for text, width in PLAN7_SURE:
        script.widths.add(text, width)
    assert width_opinion(crop, res, engine, script, 33).text == "50"


def test_a_first_digit_the_glyph_reader_cut_apart_keeps_its_reading(engine):
    # the 4's thin bar broke off: the glyph reader sees a point and then a
    # stem as near the page's own 1s as can be; a sure 4250 stays 4250
    from pipeline.extract.scan.digit_script import DigitScript
    from pipeline.extract.scan.number_cell import glyph_vote

    script = DigitScript()
    for name, text, conf in PLAN8_SURE:
        glyph_vote(_crop(name), text, conf, engine, script)
    crop = _crop("photo_broken_4250.png")
    assert [ch for ch, *_ in engine.digit_glyphs(crop, features=True)] == [".", "1", "2", "5", "0"]
    text, vouched, _ = glyph_vote(crop, "4250", 0.96, engine, script)
    assert text == "4250" and not vouched
