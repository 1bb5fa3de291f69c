"""Digits by their shapes: the Arabic-digit glyph vote next to Tesseract
(a handwriting face's 7 read as 1 and its 9 as 4 by both models), blurred
Thai digits parted at a darker threshold, dirt over a number kept out of
its glyphs, a ๑'s curl told from a ๐, a faint dash found in the gray."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.number_cell import glyph_vote
from pipeline.settings import Settings

TLWG = Path("/usr/share/fonts/truetype/tlwg")
DATA = Path(__file__).parent / "data" / "digits"


def _render(text: str, font: str, size: int, blur: float = 0.0) -> np.ndarray:
    path = TLWG / font
    if not path.is_file():
        pytest.skip(f"{font} not installed")
    f = ImageFont.truetype(str(path), size)
    im = Image.new("L", (int(size * 0.8 * len(text)) + 30, size * 2), 235)
    ImageDraw.Draw(im).text((12, size // 3), text, font=f, fill=30)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(im)


def test_latin_fonts_are_distinct_upright_drawings():
    from pipeline.ocr.latin_digits import latin_fonts

    fonts = latin_fonts()
    if not fonts:
        pytest.skip("no fonts installed")
    names = [Path(f).name.lower() for f in fonts]
    assert not any(k in n for n in names for k in ("oblique", "italic"))
    assert len(set(names)) == len(names)


def test_glyph_vote_puts_a_handwritten_seven_right(ocr_engine):
    # Purisa's 7 is a 1 with a flag, its 9 an open loop: Tesseract's eng and
    # tha+eng read them as 1 and 4; the glyph reader does not
    assert glyph_vote(_render("750", "Purisa.ttf", 28, 0.6), "150", 0.96, ocr_engine, DigitScript())[0] == "750"
    assert glyph_vote(_render("9,490", "Purisa.ttf", 28, 0.6), "4,490", 0.9, ocr_engine, DigitScript())[0] == "9,490"
    # ... lets a right reading of a plain face stand, and a sure reading
    # change only in the pairs Tesseract confuses (1/7, 4/9)
    assert glyph_vote(_render("1,250", "Loma.ttf", 28, 0.6), "1,350", 0.95, ocr_engine, DigitScript())[0] == "1,350"
    assert glyph_vote(_render("1,250", "Loma.ttf", 28, 0.6), "1,250", 0.9, ocr_engine, DigitScript())[0] == "1,250"


def test_glyph_vote_unheard_where_it_often_disagrees(ocr_engine):
    # a page whose digits the templates read unlike Tesseract (a font not
    # installed) gives the glyph reader no say
    script = DigitScript()
    script.glyphs_seen, script.glyphs_differ = 200, 20
    assert glyph_vote(_render("750", "Purisa.ttf", 28, 0.6), "150", 0.96, ocr_engine, script)[0] == "150"


def test_glyph_vote_takes_a_sure_reading_when_tesseract_splits_a_glyph(ocr_engine):
    # the LSTM reads Purisa's 9 as two digits (9850 -> 94850)
    assert glyph_vote(_render("9850", "Purisa.ttf", 28, 0.6), "94850", 0.69, ocr_engine, DigitScript())[0] == "9850"


@pytest.mark.parametrize("name, text", [("garuda_300.png", "๓๐๐"), ("garuda_13450.png", "๑๓,๔๕๐")])
def test_blurred_thai_digits_are_parted(name: str, text: str):
    # number cells cut from a generated Garuda plan scanned at 300 dpi with
    # heavy blur: Otsu's threshold runs ๓๐๐ into one blob (read ๑๓๐); a
    # darker threshold parts the glyphs
    import cv2

    from pipeline.ocr.crops import prepare_number
    from pipeline.ocr.thai_digits import ThaiDigitReader

    r = ThaiDigitReader()
    if not r.ok:
        pytest.skip("no Thai fonts installed")
    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    res = r.read(prepare_number(crop, pad=4))
    assert res is not None and res[0] == text


def test_typewriter_one_with_its_curl_is_no_zero():
    # a lone ๑ cut from a generated Tlwg Typewriter plan scanned at 300 dpi:
    # the nearest template was a ๐ (by 0.001); the ๐/๑ discriminant reads
    # the curl
    import cv2

    from pipeline.ocr.crops import prepare_number
    from pipeline.ocr.thai_digits import ThaiDigitReader

    r = ThaiDigitReader()
    if not r.ok:
        pytest.skip("no Thai fonts installed")
    crop = cv2.imread(str(DATA / "typewriter_1.png"), cv2.IMREAD_GRAYSCALE)
    res = r.read(prepare_number(crop, pad=4))
    assert res is not None and res[0] == "๑"


def test_faint_dash_found_in_the_cells_gray():
    # a Tlwg Typist dash of a generated plan scanned at 200 dpi (8 x 3 px,
    # 25-35 levels below the paper): the page's ink mask kept 3 px of it
    import cv2

    from pipeline.extract.scan.cell_ink import cell_ink, settle_specks

    gray = cv2.imread(str(DATA / "typist_dash_200.png"), cv2.IMREAD_GRAYSCALE)
    mask = cv2.imread(str(DATA / "typist_dash_200.ink.png"), cv2.IMREAD_GRAYSCALE)
    h, w = gray.shape
    ink = cell_ink(mask, gray, 4, 4, w - 4, h - 4, 200)
    assert ink.kind in ("dash", "short_dash") and ink.box[2] - ink.box[0] >= 5
    # bare paper of the same scan stays empty
    paper = np.full_like(gray, int(np.median(gray)))
    noise = np.random.default_rng(1).normal(0, 2, gray.shape)
    paper = np.clip(paper + noise, 0, 255).astype(np.uint8)
    assert cell_ink(np.zeros_like(mask), paper, 4, 4, w - 4, h - 4, 200).kind == "empty"
    found = [(None, cell_ink(mask, gray, 4, 4, w - 4, h - 4, 200)) for _ in range(6)]
    settle_specks(found)
    assert all(info.kind == "dash" for _, info in found)


def test_dirt_over_a_number_is_no_band():
    from pipeline.extract.scan.cell_ink import cell_ink

    m = np.zeros((60, 120), np.uint8)
    m[25:50, 30:44] = 255  # three digit-sized glyphs
    m[25:50, 50:64] = 255
    m[25:50, 70:84] = 255
    m[12:15, 60:69] = 255  # a 9 x 3 px flat blob of dirt above them
    gray = np.where(m > 0, 40, 225).astype(np.uint8)
    ink = cell_ink(m, gray, 0, 0, 120, 60, 300)
    assert ink.kind == "content" and ink.main_bands == 1 and ink.main_box[1] >= 25
    # a minus sign level with the digits stays a glyph
    m[12:15, 60:69] = 0
    m[36:39, 14:24] = 255
    ink = cell_ink(m, np.where(m > 0, 40, 225).astype(np.uint8), 0, 0, 120, 60, 300)
    assert ink.main_box[0] == 14


def test_scanned_handwriting_face_page(tmp_path):
    pytest.importorskip("weasyprint")
    import sys

    from pipeline.extract.image import extract_image
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth

    truth = make_truth(7331, 3)
    truth["style"].update(thai_digits=False, font="Purisa")
    pdf, png = tmp_path / "plan.pdf", tmp_path / "plan.png"
    render_pdf(truth, pdf)
    write_scan(truth, pdf, png, "png", random.Random(2), dpi=300, rotation=0.0, sideways=0)
    doc = extract_image(png, Settings())
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from scan import compare  # benchmarks/scan.py

    r = compare(truth, doc.pages, first_page_only=True)
    assert r["rows_got"] >= r["rows_want"], r
    assert r["ok"] / r["cells"] >= 0.995, r["errors"]  # 0.990 without the glyph vote
