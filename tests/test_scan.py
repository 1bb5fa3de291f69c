"""Scan path: OCR engine, page reader on generated degraded pages, images.

Few pages only (each ~3-5 s): a degraded Arabic-digit page with 2 degrees of
skew, a Thai-digit page, a sideways page, an upright page read without an orientation
pass and its upside-down copy; the engine interface; image.py on a
multi-page TIFF and a decompression bomb."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

pytest.importorskip("tesserocr")
pytest.importorskip("cv2")

from pipeline.errors import LimitExceededError  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

FONT = "/usr/share/fonts/truetype/tlwg/Loma.ttf"


def _text_image(text: str, size: int = 40) -> np.ndarray:
    font = ImageFont.truetype(FONT, size) if Path(FONT).is_file() else ImageFont.load_default()
    im = Image.new("L", (int(size * 0.8 * len(text)) + 40, size * 2), 235)
    ImageDraw.Draw(im).text((20, size // 3), text, font=font, fill=30)
    return np.asarray(im)


# --------------------------------------------------------------------------
# engine
# --------------------------------------------------------------------------


def test_engine_is_cached_and_reads(ocr_engine):
    from pipeline.ocr import get_engine

    e = ocr_engine
    assert get_engine() is e
    r = e.read_number(_text_image("12,500"))
    assert r.text == "12,500" and 0.5 < r.confidence <= 1.0
    r = e.read_number(_text_image("๑๒,๕๐๐"), thai_digits=True)
    assert r.text == "๑๒,๕๐๐"
    r = e.read_word(_text_image("ก.พ."), ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค."])
    assert r.text == "ก.พ." and r.confidence > 0.3
    r = e.read_text(_text_image("กิจกรรม"), single_line=True)
    assert "กิจกรรม" in r.text.replace(" ", "")


def test_join_thai_and_closest_word():
    from pipeline.ocr.base import closest_word, join_thai

    assert join_thai("ก ิ จ ก ร ร ม 12 ครั้ง") == "กิจกรรม 12 ครั้ง"
    assert join_thai("สํานักงาน") == "สำนักงาน"
    assert closest_word("กพ", ["ก.พ.", "ก.ค."])[0] == "ก.พ."


def test_separators_by_position():
    from pipeline.extract.scan.number_text import fix_separators, strip_number

    assert fix_separators("1.000") == "1,000"
    assert fix_separators("๕๐๐,๐๐") == "๕๐๐.๐๐"
    assert fix_separators("๒.๕๐๐.๐๐") == "๒,๕๐๐.๐๐"
    assert fix_separators("-12.000") == "-12,000"
    for same in ("1,250", "38150", "12.5", "3.5.2", "12,3456"):
        assert fix_separators(same) == same
    assert strip_number("'1.000:") == "1,000"


def test_number_crop_drops_rule_remnants():
    from pipeline.ocr.crops import NUMBER_HEIGHT, NUMBER_PAD, prepare_number

    img = _text_image("125", 30).copy()
    img[:, :3] = 20  # a vertical rule remnant along the left edge
    img[-2:, :] = 20  # and a horizontal one along the bottom
    out = prepare_number(img)
    assert out.shape[0] == NUMBER_HEIGHT + 2 * NUMBER_PAD
    # the white border is clean on all four sides
    p = NUMBER_PAD
    assert out[:p].min() == 255 and out[-p:].min() == 255 and out[:, :p].min() == 255 and out[:, -p:].min() == 255
    assert prepare_number(np.full((20, 20), 240, np.uint8)) is None


def test_cell_ink_dashes_and_specks():
    from pipeline.extract.scan.cell_ink import cell_ink

    def cell(*rects, gray=None):
        m = np.zeros((32, 80), np.uint8)
        for x, y, w, h in rects:
            m[y : y + h, x : x + w] = 255
        return cell_ink(m, np.where(m > 0, 60, 220).astype(np.uint8) if gray is None else gray, 0, 0, 80, 32, 200).kind

    # 200 dpi: a dash broken in two by the threshold is still a dash
    assert cell((30, 15, 3, 2), (34, 15, 3, 2)) == "short_dash"
    # a dash with a square speck of dirt beside it
    assert cell((60, 15, 7, 3), (20, 4, 5, 5)) == "dash"
    # ... or a smaller flat speck below it
    assert cell((30, 12, 7, 4), (31, 24, 5, 2)) == "dash"
    # a blurred short dash (6 x 4 px at 200 dpi) is left to the table's dashes
    assert cell((30, 14, 6, 4)) == "short_dash"
    # a lone solid speck is no value (the glyph reader took them for ๑/๒)
    assert cell((40, 12, 5, 5)) == "speck"
    # ... but a tiny glyph blurred into a solid blob shows its loop in the
    # gray (Tlwg Mono's ๑ at 300 dpi: 10 px, the middle 60 % as light)
    ring = np.full((32, 80), 220, np.uint8)
    ring[12:19, 40:47] = 100
    ring[14:17, 42:45] = 170
    assert cell((40, 12, 7, 7), gray=ring) == "content"
    # a digit-sized glyph is content
    assert cell((40, 8, 2, 12), (38, 8, 4, 2)) == "content"


def test_small_marks_settled_by_the_table():
    from pipeline.extract.scan.cell_ink import Ink, settle_specks

    def settle(kinds):
        found = [(None, Ink(k, (0, 0, w, h), 1, 1, (0, 0, w, h), 1)) for k, w, h in kinds]
        settle_specks(found)
        return [info.kind for _gc, info in found]

    digits = [("content", 14, 24)] * 6
    long_dashes = [("dash", 12, 3)] * 6
    short_dashes = [("short_dash", 5, 3)] * 6
    # a 5 x 4 speck is no dash where the table's dashes are 12 px long ...
    assert settle(digits + long_dashes + [("short_dash", 5, 4)])[-1] == "empty"
    # ... and is one where they are as short (Waree at 8 pt)
    assert settle(digits + short_dashes + [("short_dash", 5, 4)])[-1] == "dash"
    # ... and a few short marks in a table without dashes are dirt
    assert settle(digits + [("short_dash", 5, 4)] * 3) == ["content"] * 6 + ["empty"] * 3
    # a solid blob as tall as the table's digits is a glyph, a small one dirt
    assert settle([("content", 10, 10)] * 6 + [("speck", 9, 9)])[-1] == "content"
    assert settle(digits + [("speck", 9, 9)])[-1] == "empty"


def test_thai_digit_reader_cache_and_touching_digits(tmp_path):
    from pipeline.ocr.crops import prepare_crop
    from pipeline.ocr.thai_digits import ThaiDigitReader, _thai_fonts

    if not _thai_fonts():
        pytest.skip("no Thai fonts installed")
    cache = tmp_path / "cache" / "thaiplan"
    r = ThaiDigitReader(cache_dir=cache)
    assert r.ok and [p.name for p in cache.iterdir()] and all(p.suffix == ".npz" for p in cache.iterdir())
    assert ThaiDigitReader(cache_dir=cache).ok  # loads from the cache
    res = r.read(prepare_crop(_text_image("๑๒,๓๐๐", 36), pad=0))
    assert res is not None and res[0] == "๑๒,๓๐๐"
    # ๔ / ๕ / ๙ (the ๔-๕ and ๔-๙ discriminants), small and large
    for size in (14, 24, 36):
        res = r.read(prepare_crop(_text_image("๕๔,๙๕๐", size), pad=0))
        assert res is not None and res[0] == "๕๔,๙๕๐", size
    # a speck above or below a digit is noise, not part of it or a point
    img = _text_image("๑๐", 24).copy()
    ys, xs = np.nonzero(img < 128)
    img[ys.min() - 5 : ys.min() - 2, xs.max() - 6 : xs.max() - 3] = 30
    res = r.read(prepare_crop(img, pad=0))
    assert res is not None and res[0] == "๑๐"
    img = _text_image("๕๐๐", 24).copy()
    ys, xs = np.nonzero(img < 128)
    img[ys.max() + 2 : ys.max() + 5, xs.max() - 6 : xs.max() - 3] = 30
    res = r.read(prepare_crop(img, pad=0))
    assert res is not None and res[0] == "๕๐๐"
    # two digits drawn touching read as two digits, not one wide glyph
    img = _text_image("๓๐", 36)
    font = ImageFont.truetype(FONT, 36) if Path(FONT).is_file() else None
    if font is not None:
        im = Image.new("L", (200, 80), 235)
        d = ImageDraw.Draw(im)
        w = d.textlength("๓", font=font)
        d.text((20, 12), "๓", font=font, fill=30)
        d.text((20 + w - 3, 12), "๐", font=font, fill=30)
        img = np.asarray(im)
        res = r.read(prepare_crop(img, pad=0))
        assert res is not None and res[0] == "๓๐"


def test_thai_digit_reader_narrow_glyphs_and_tall_commas(ocr_engine):
    """A ๑ beside a ๗ (0.6 of its height and width) is a digit, not a point;
    Tlwg Mono's comma, half as wide as its tiny digits, is a comma."""
    from pipeline.ocr.crops import prepare_number

    r = ocr_engine.thai_digit_reader
    if not r.ok:
        pytest.skip("no Thai fonts installed")
    for font, size, text in (("Purisa", 36, "๑๐๗"), ("Purisa", 36, "๑๗"), ("TlwgMono", 16, "๔,๘๒๐")):
        path = Path(FONT).with_name(f"{font}.ttf")
        if not path.is_file():
            continue
        im = Image.new("L", (size * len(text) + 40, size * 2), 235)
        ImageDraw.Draw(im).text((20, size // 3), text, font=ImageFont.truetype(str(path), size), fill=40)
        res = r.read(prepare_number(np.asarray(im), pad=4))
        assert res is not None and res[0] == text, (font, size, text, res)


def test_minus_sign_by_shape():
    from pipeline.extract.scan.number_cell import leads_with_minus

    def ink(*rects):
        m = np.zeros((40, 120), np.uint8)
        for x, y, w, h in rects:
            m[y : y + h, x : x + w] = 255
        return m

    digits = [(40, 8, 14, 24), (58, 8, 14, 24)]
    assert leads_with_minus(ink((20, 18, 12, 3), *digits), (0, 0, 120, 40), 300)
    # a square speck of dirt left of the number is no minus sign
    assert not leads_with_minus(ink((24, 18, 5, 5), *digits), (0, 0, 120, 40), 300)


# --------------------------------------------------------------------------
# generated degraded pages
# --------------------------------------------------------------------------


def _scan(tmp_path: Path, i: int, *, thai: bool, **opts):
    pytest.importorskip("weasyprint")
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth

    truth = make_truth(5, i)
    truth["style"]["thai_digits"] = thai
    pdf = tmp_path / "plan.pdf"
    render_pdf(truth, pdf)
    out = tmp_path / "plan.png"
    info = write_scan(truth, pdf, out, "png", random.Random(i), dpi=300, **opts)
    return truth, out, info


def _check_numbers(truth, doc, min_acc: float) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from scan import compare  # benchmarks/scan.py

    r = compare(truth, doc.pages, first_page_only=True)
    assert r["rows_got"] >= r["rows_want"], r
    acc = r["ok"] / r["cells"]
    assert acc >= min_acc, (acc, r["errors"])


def test_degraded_arabic_page_with_skew(tmp_path):
    from pipeline.extract.image import extract_image

    truth, path, info = _scan(tmp_path, 3, thai=False, rotation=2.0, sideways=0)
    doc = extract_image(path, Settings())
    assert len(doc.pages) == 1 and doc.pages[0].tables
    _check_numbers(truth, doc, 0.95)  # target 0.998: see the report


def test_degraded_thai_digit_page(tmp_path):
    from pipeline.extract.image import extract_image

    truth, path, info = _scan(tmp_path, 2, thai=True, rotation=-0.8, sideways=0)
    doc = extract_image(path, Settings())
    _check_numbers(truth, doc, 0.97)


def test_sideways_page(tmp_path):
    from pipeline.extract.image import extract_image

    truth, path, info = _scan(tmp_path, 4, thai=False, rotation=0.5, sideways=90)
    doc = extract_image(path, Settings())
    page = doc.pages[0]
    assert page.width > page.height  # turned back to landscape
    _check_numbers(truth, doc, 0.95)


def test_orientation_pass_only_where_tables_do_not_read_upright(tmp_path):
    """An upright page's tables read upright as they stand: reading it
    takes no more Tesseract recognitions than reading it with orientation
    off (no word-blob orientation pass; the cells its check reads are the
    table's own, answered from memory).  The same page upside down is still
    turned and read right."""
    from pipeline.extract.image import extract_image
    from pipeline.extract.scan import read_page_image
    from pipeline.ocr.tesseract import TesseractEngine

    truth, path, info = _scan(tmp_path, 3, thai=False, rotation=0.5, sideways=0)
    gray = np.asarray(Image.open(path).convert("L"))
    calls = {}
    for orientation in (True, False):
        engine = TesseractEngine()  # each its own memory of recent reads
        read_page_image(gray, 1, 300, engine=engine, orientation=orientation)
        calls[orientation] = engine.calls
    assert calls[True] == calls[False], calls
    flipped = tmp_path / "flipped.png"
    Image.open(path).rotate(180).save(flipped, dpi=(300, 300))
    doc = extract_image(flipped, Settings())
    _check_numbers(truth, doc, 0.95)


# --------------------------------------------------------------------------
# image.py
# --------------------------------------------------------------------------


def _table_image(values: list[str]) -> Image.Image:
    im = Image.new("L", (900, 400), 240)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, 36) if Path(FONT).is_file() else ImageFont.load_default()
    xs = [50, 350, 600, 850]
    ys = [50, 150, 250, 350]
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=20, width=3)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=20, width=3)
    for k, v in enumerate(values):
        r, c = divmod(k, 3)
        d.text((xs[c] + 30, ys[r] + 25), v, font=font, fill=20)
    return im


def test_multipage_tiff(tmp_path, ocr_engine):
    from pipeline.extract.image import extract_image
    from pipeline.model import SourceKind

    a = _table_image(["1,250", "-", "37", "", "4", "900", "12", "-", "5"])
    b = _table_image(["8", "", "-", "2,000", "6", "-", "", "15", "3"])
    path = tmp_path / "two.tiff"
    a.save(path, save_all=True, append_images=[b], dpi=(300, 300))
    doc = extract_image(path, Settings())
    assert doc.source_kind == SourceKind.IMAGE
    assert [p.number for p in doc.pages] == [1, 2]
    t = doc.pages[0].tables[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert [c.text for c in sorted(t.cells, key=lambda c: (c.row, c.col))] == ["1,250", "-", "37", "", "4", "900", "12", "-", "5"]
    assert [c.text for c in doc.pages[1].tables[0].rows()[1]] == ["2,000", "6", "-"]


def test_decompression_bomb_and_page_limit(tmp_path):
    from pipeline.extract.image import extract_image

    path = tmp_path / "big.png"
    Image.new("L", (400, 300), 255).save(path)
    with pytest.raises(LimitExceededError, match="pixels per page"):
        extract_image(path, Settings(max_pixels=10_000))
    tif = tmp_path / "many.tiff"
    im = Image.new("L", (20, 20), 255)
    im.save(tif, save_all=True, append_images=[im, im])
    with pytest.raises(LimitExceededError, match="pages per file"):
        extract_image(tif, Settings(max_pages=2))
