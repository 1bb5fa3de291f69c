"""A phone photo's number cells (issue 9), on crops cut from a generated
photo (seed 7777, plan 2: a typewriter face at ~130 dpi, upsampled to the
scan path's 300 dpi): the faint digits the page's threshold drops are
found in the cell's own gray (`cell_ink`'s `faint_glyphs`), and number
crops Tesseract misreads at the scans' working height read right at a
second, smaller scale (`PhotoReads`)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.extract.scan.cell_ink import cell_ink, settle_specks

DATA = Path(__file__).parent / "data" / "photo"

# one body row (columns 1-26: target work and budget, then twelve months'
# work | budget), cells x0, y0, x1, y1 in the strip's pixels, inside the rules
ROW = [(4, 68), (71, 248), (252, 307), (310, 423), (426, 481), (484, 646), (649, 704), (707, 804), (807, 862),
       (865, 978), (981, 1036), (1039, 1200), (1204, 1258), (1261, 1374), (1378, 1433), (1436, 1567), (1570, 1625),
       (1628, 1741), (1744, 1799), (1802, 1915), (1918, 1973), (1977, 2089), (2093, 2147), (2151, 2312),
       (2315, 2370), (2373, 2470)]
# what the row prints (16 | 7,700.50 | 5 | 2,250 | - | ...): n a number, - a dash
VALUES = ["n", "n", "n", "n", "-", "-", "-", "-", "-", "-", "-", "-", "n", "n", "-", "-", "-", "-", "n", "n",
          "-", "-", "n", "n", "-", "-"]


def _kinds(faint_glyphs: bool) -> list[str]:
    gray = cv2.imread(str(DATA / "photo_row_gray.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.imread(str(DATA / "photo_row_ink.png"), cv2.IMREAD_GRAYSCALE)
    found = [(k, cell_ink(ink, gray, x0, 4, x1, 45, 300.0, faint_glyphs)) for k, (x0, x1) in enumerate(ROW)]
    settle_specks(found)
    return [info.kind for _k, info in found]


def test_a_photos_faint_digits_are_found_in_the_cells_own_gray():
    # the page's mask lost three lone digits (a 5, a 1, a 5): their thin
    # strokes lie ~100 levels under the paper, the rules' ~240
    kinds = _kinds(faint_glyphs=True)
    assert ["content" if v == "n" else "dash" for v in VALUES] == kinds


def test_without_faint_glyphs_the_page_mask_alone_decides():
    # (scans: the cell's own gray finds dashes only)
    kinds = _kinds(faint_glyphs=False)
    assert kinds.count("empty") == 3


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("photo_number_*.png")))
def test_a_photos_number_crop_reads_right_at_the_second_scale(name):
    from pipeline.ocr import get_engine
    from pipeline.ocr.photo_reads import PhotoReads

    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    want = name.removeprefix("photo_number_").removesuffix(".png")
    got = PhotoReads(get_engine("tesseract")).read_number(crop, thai_digits=False)
    assert got.text.replace(",", "") == want


# text lines of the same kind of photo (seed 3131, plan 12, ~145 dpi): a
# description cell's line and a header line, each misread at the working
# scale (ส่งแสริมภาร..., ...เข้มแจข็ง) and read right at half scale
DESCRIPTION = "1.3ส่งเสริมการจัดทำบัญชีและการควบคุมภายใน"
PROJECT = "โครงการขับเคลื่อนการพัฒนาสหกรณ์ภาคการเกษตรให้เข้มแข็ง"  # the header line's value


def test_a_photos_text_lines_read_right_at_the_second_scale():
    from pipeline.ocr import get_engine
    from pipeline.ocr.photo_reads import PhotoReads

    engine = get_engine("tesseract")
    description = cv2.imread(str(DATA / "photo_line_description.png"), cv2.IMREAD_GRAYSCALE)
    header = cv2.imread(str(DATA / "photo_line_header.png"), cv2.IMREAD_GRAYSCALE)
    assert engine.read_text(description).text != DESCRIPTION
    assert PhotoReads(engine).read_text(description).text == DESCRIPTION
    assert not engine.read_lines(header)[0].text.endswith(PROJECT)
    lines = PhotoReads(engine).read_lines(header)
    assert len(lines) == 1 and lines[0].text.endswith(PROJECT)
    # word boxes in the crop's pixels, whichever scale read the line
    assert max(w.box.x1 for w in lines[0].words) > 0.9 * header.shape[1] - 20
