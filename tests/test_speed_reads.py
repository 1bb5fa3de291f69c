"""Reads the scan path saves (outcomes, not timings: speed is measured by
benchmarks/scan.py): a row of header words is read as text once it has
shown itself, numbers beside it stay numbers; the crop helpers give the
same pixels as before; a scanned page is decoded, not rendered, only when
it is nothing but its image at the run's dpi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

pytest.importorskip("tesserocr")
pytest.importorskip("cv2")

FONT = "/usr/share/fonts/truetype/tlwg/Loma.ttf"


def test_percentile_u8_is_numpys():
    from pipeline.ocr.crops import percentile_u8

    rng = np.random.default_rng(7)
    for k in range(300):
        h, w = rng.integers(1, 50, 2)
        img = rng.integers(0, 256, (h, w)).astype(np.uint8)
        if k % 3 == 0:
            img = (img // 64 * 64).astype(np.uint8)  # few distinct tones: ties
        for q in (0, 0.5, 50, 75, 90, 100):
            assert percentile_u8(img, q) == pytest.approx(float(np.percentile(img, q)), abs=1e-9)


def _ruled_table(rows: list[list[str]], cell_w: int = 170, cell_h: int = 90) -> np.ndarray:
    if not Path(FONT).is_file():
        pytest.skip("Loma font not installed")
    font = ImageFont.truetype(FONT, 34)
    n_cols = len(rows[0])
    x0, y0 = 60, 60
    im = Image.new("L", (2 * x0 + n_cols * cell_w, 2 * y0 + len(rows) * cell_h), 238)
    d = ImageDraw.Draw(im)
    for c in range(n_cols + 1):
        d.line([(x0 + c * cell_w, y0), (x0 + c * cell_w, y0 + len(rows) * cell_h)], fill=25, width=3)
    for r in range(len(rows) + 1):
        d.line([(x0, y0 + r * cell_h), (x0 + n_cols * cell_w, y0 + r * cell_h)], fill=25, width=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            d.text((x0 + c * cell_w + 40, y0 + r * cell_h + 22), text, font=font, fill=25)
    return np.asarray(im)


_NUMBERS = ["1,250", "37", "4", "900", "12", "5", "2,000", "15"]


def _read_counted(ocr_engine, monkeypatch, image: np.ndarray) -> tuple[dict, list[int]]:
    """A page image of one ruled table read: each cell's text and the
    Tesseract calls each cell read took, in reading order."""
    import pipeline.extract.scan.table as table
    from pipeline.extract.scan import read_page_image

    calls: list[int] = []
    read_cell = table.read_cell

    def counted(*args, **kwargs):
        before = ocr_engine.calls
        out = read_cell(*args, **kwargs)
        calls.append(ocr_engine.calls - before)
        return out

    monkeypatch.setattr(table, "read_cell", counted)
    page = read_page_image(image, 1, 300, engine=ocr_engine, orientation=False)
    assert len(page.tables) == 1
    return {(c.row, c.col): "".join(c.text.split()) for c in page.tables[0].cells}, calls


def test_row_of_header_words_read_once_each(ocr_engine, monkeypatch):
    words = ["งาน", "งบ"] * 4
    got, calls = _read_counted(ocr_engine, monkeypatch, _ruled_table([words, _NUMBERS, _NUMBERS]))
    assert [got[(0, c)] for c in range(8)] == words
    # the row flag stays in its row: the numbers under it are read as numbers
    assert [got[(1, c)] for c in range(8)] == _NUMBERS
    assert [got[(2, c)] for c in range(8)] == _NUMBERS
    # the first word goes through the number path; the other seven are one
    # text read each at most (a word that looks like one already read takes
    # its reading: `SameWords`)
    assert calls[1:3] == [1, 1] and max(calls[3:8]) <= 1


def test_header_row_stays_words_past_one_value(ocr_engine, monkeypatch):
    """A row of header words with one cell that reads as a value (a header
    word misread as digits, here a printed 12): the words after it are
    still read as text once each, not down the number path."""
    words = ["งาน", "งบ", "12", "งาน", "งบ", "งาน", "งบ", "งาน"]
    got, calls = _read_counted(ocr_engine, monkeypatch, _ruled_table([words, _NUMBERS, _NUMBERS]))
    assert [got[(0, c)] for c in range(8)] == words
    assert [got[(r, c)] for r in (1, 2) for c in range(8)] == _NUMBERS * 2
    assert max(calls[3:8]) <= 1


def test_same_looking_header_words_read_once(ocr_engine, monkeypatch):
    """A real 300-dpi scan's header row (Purisa, scan20b plan 9: months over
    งาน | งบ pairs, then a row of numbers): once two look-alike cells have
    read as the same word, the cells that look like them take that reading
    without a Tesseract call of their own, and every cell still reads right."""
    img = np.asarray(Image.open(Path(__file__).parent / "data" / "cells" / "purisa_header_words_300.png").convert("L"))
    got, calls = _read_counted(ocr_engine, monkeypatch, img)
    rows = sorted({r for r, _ in got})
    words = [got[(rows[1], c)] for c in sorted(c for r, c in got if r == rows[1])]
    assert words == ["งาน", "งบ"] * 5 + ["งาน"]
    numbers = [got[(rows[-1], c)] for c in sorted(c for r, c in got if r == rows[-1])]
    assert numbers == ["4", "800", "1", "550", "2", "800.50", "1", "500", "4", "1,300", "1"]
    # the five months, then the header words: the first one read as a
    # word too, under a merged cell that read as a month (down the number
    # path, before the row had shown a word of its own, it took nine
    # reads); each word read about twice at each of its looks -- the
    # sub-pixel phases of the scan -- before its reading is lent out
    header = calls[5:16]
    assert header[0] == 1 and sum(header) <= 8 and header.count(0) >= 3


def test_speck_banded_header_word_read_as_text(ocr_engine, monkeypatch):
    """A header word with a speck of dirt over it (a band of its own) in a
    row of header words: its glyphs are read as text first too (two reads
    for the cell; down the number path it took ten)."""
    words = ["งาน", "งบ"] * 4
    img = _ruled_table([words, _NUMBERS, _NUMBERS]).copy()
    x0, y0 = 60 + 4 * 170, 60  # cell (0, 4)
    ys, xs = np.nonzero(img[y0 + 5 : y0 + 85, x0 + 5 : x0 + 165] < 128)
    top, left = y0 + 5 + int(ys.min()), x0 + 5 + int(xs.min())
    img[top - 14 : top - 8, left + 10 : left + 16] = 25  # 6 x 6 px, over the glyphs
    got, calls = _read_counted(ocr_engine, monkeypatch, img)
    assert [got[(0, c)] for c in range(8)] == words
    assert [got[(r, c)] for r in (1, 2) for c in range(8)] == _NUMBERS * 2
    assert calls[4] <= 2



def test_word_ending_in_a_digit_read_once(ocr_engine, monkeypatch):
    """A quarter header (ไตรมาส 1, read ไตรมาส1: a digit in its first word)
    is no row code: one text read, no code read of its first glyphs."""
    img = _ruled_table([["ไตรมาส 1", "ไตรมาส 2"], ["1,250", "37"], ["4", "900"]], cell_w=400)
    got, calls = _read_counted(ocr_engine, monkeypatch, img)
    assert [got[(0, 0)], got[(0, 1)]] == ["ไตรมาส1", "ไตรมาส2"]
    assert calls[:2] == [1, 1]

def test_same_crop_read_once(ocr_engine):
    """The same crop read again by the same model is answered from memory,
    the same result."""
    img = _ruled_table([["งาน"]])[70:140, 80:200].copy()
    before = ocr_engine.calls
    first = ocr_engine.read_text(img, single_line=True)
    again = ocr_engine.read_text(img, single_line=True)
    assert ocr_engine.calls - before == 1
    assert again == first and first.text
    ocr_engine.read_text(np.ascontiguousarray(img[:, 4:]), single_line=True)  # other pixels: read afresh
    assert ocr_engine.calls - before == 2

def test_stretch_is_the_per_pixel_formula():
    from pipeline.ocr.crops import stretch

    rng = np.random.default_rng(11)
    for _ in range(50):
        img = rng.integers(0, 256, tuple(rng.integers(1, 40, 2))).astype(np.uint8)
        ink, paper = sorted(float(v) for v in rng.integers(0, 256, 2))
        gain = 255.0 / max(1.0, paper - ink)
        want = np.clip((img.astype(np.float32) - ink) * gain, 0, 255).astype(np.uint8)
        assert np.array_equal(stretch(img, ink, gain), want)


def test_number_crop_cut_once_for_both_borders():
    from pipeline.ocr.crops import NUMBER_PAD, prepare_number

    img = np.full((40, 90), 235, np.uint8)
    img[10:30, 20:26] = 30
    img[10:30, 40:52] = 40
    wide = prepare_number(img)
    narrow = prepare_number(img, pad=4)
    k = NUMBER_PAD - 4
    assert np.array_equal(wide[k:-k, k:-k], narrow)
    # another crop of the same size is cut afresh, not served from memory
    other = img.copy()
    other[10:30, 60:75] = 30
    assert prepare_number(other, pad=4).shape[1] > narrow.shape[1]


def _one_image_pdf(path: Path, img: np.ndarray, dpi: int) -> bytes:
    import io

    from pipeline.generate.degrade import _pdf_from_jpegs

    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    _pdf_from_jpegs([(data, img.shape[1], img.shape[0])], dpi, path)
    return data


def test_scanned_page_decoded_as_its_image(tmp_path):
    """A page that is one JPEG over the whole page at the run's dpi gives
    the JPEG's own pixels (no render); other resolutions are rendered."""
    import cv2
    import pypdfium2 as pdfium

    from pipeline.extract.pdf.render import page_image, render_gray

    # A5 landscape at 300 dpi: 595.44 pt wide, which PDFium's render rounds
    # up a pixel (2481 -> 2482 columns) and stretches the image into
    rng = np.random.default_rng(5)
    img = np.full((1748, 2481), 236, np.uint8)
    for _ in range(60):
        x, y = int(rng.integers(0, 2400)), int(rng.integers(0, 1700))
        img[y : y + 30, x : x + 60] = 20
    path = tmp_path / "scan.pdf"
    data = _one_image_pdf(path, img, 300)
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    got = render_gray(page, 300 / 72)
    jpeg = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert got.shape == img.shape == jpeg.shape
    assert int(np.abs(got.astype(int) - jpeg).max()) <= 2  # the same JPEG, PDFium's decoder
    # at 200 dpi the image is scaled: rendered as before
    assert page_image(page, 200 / 72) is None
    small = render_gray(page, 200 / 72)
    assert abs(small.shape[1] - 2481 * 2 / 3) <= 1.5 and abs(small.shape[0] - 1748 * 2 / 3) <= 1.5
    page.close()
    pdf.close()


def test_page_with_more_than_its_image_is_rendered(tmp_path):
    import pypdfium2 as pdfium

    from pipeline.extract.pdf.render import page_image

    img = np.full((300, 400), 240, np.uint8)
    path = tmp_path / "scan.pdf"
    _one_image_pdf(path, img, 300)
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    assert page_image(page, 300 / 72) is not None
    # a second object on the page (a stamp, a text layer): rendered
    stamp = pdfium.PdfImage.new(pdf)
    stamp.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (10, 10), 0)))
    stamp.set_matrix(pdfium.PdfMatrix().scale(10, 10))
    page.insert_obj(stamp)
    page.gen_content()
    assert page_image(page, 300 / 72) is None
    page.close()
    pdf.close()


def test_skew_found_on_the_scaled_page():
    """The skew is measured on the page scaled to 1600 px wide: a ruled
    table turned by a known angle at 300 dpi (2,480 px wide) is put back to
    within a step of the search."""
    import cv2

    from pipeline.extract.scan.prepare import skew_angle

    table = _ruled_table([["งาน", "1,250", "37"]] * 12, cell_w=700)
    page = np.full((3508, 2480), 238, np.uint8)
    page[200 : 200 + table.shape[0], 100 : 100 + table.shape[1]] = table
    for deg in (1.3, -0.7):
        m = cv2.getRotationMatrix2D((1240, 1754), -deg, 1.0)  # clockwise by deg: lines run down to the right
        turned = cv2.warpAffine(page, m, (2480, 3508), flags=cv2.INTER_LINEAR, borderValue=238)
        assert abs(skew_angle(turned, 300) - deg) <= 0.05
