"""A small-print phone photo's unsure Arabic numbers re-decided by the
table's own sure prints (issue 9, `pipeline.extract.scan.page_prints`):
crops cut from a generated photo (seed 3131, plan 11: ~104 dpi, digits
about 20 px tall on the 300-dpi working page) -- the cells Tesseract read
at 0.9 or more (`sure_*`, named by that reading) and four it read unsure
(`doubt_*`, named by the reading and the truth; two with a digit Tesseract
doubled or dropped).  The installed fonts' templates fit this photo so
badly that they and Tesseract seldom agree, and the page's template-vouched
glyphs (`PageDigits`) learn one digit of it; the table's own sure prints
know six."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

DATA = Path(__file__).parent / "data" / "page_prints"


def _text(part: str) -> str:
    return part.replace("c", ",").replace("p", ".")


@pytest.fixture(scope="module")
def prints():
    from pipeline.extract.scan.page_prints import TablePrints
    from pipeline.ocr import get_engine

    engine = get_engine("tesseract")
    table = TablePrints()
    for path in sorted(DATA.glob("sure_*.png")):
        crop = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        table.note(_text(path.stem.split("_")[2]), 0.95, engine.digit_glyphs(crop, features=True))
    return table, engine


def _settled(name: str, prints) -> str:
    table, engine = prints
    _, _, read, _want = Path(name).stem.split("_")
    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    table.note(_text(read), 0.8, engine.digit_glyphs(crop, features=True))
    assert table.last is not None
    return table.settle(table.last)


def test_a_lone_digit_read_1_goes_to_the_tables_2s(prints):
    # Tesseract (0.8) and the templates both read 1; its glyph lies among
    # the table's sure 2s, clearly nearer than its sure 1s
    assert _settled("doubt_163_1_2.png", prints) == "2"


def test_a_digit_the_table_never_showed_sure_stays(prints):
    # the table showed too few sure 6s to weigh this 6 against; its glyph
    # lies nearest the table's 4s, but the templates read 6 with Tesseract
    assert not prints[0].prints.known("6")
    assert _settled("doubt_046_6c000_6c000.png", prints) == "6,000"


def test_a_sure_number_is_a_print_not_a_doubt(prints):
    table, engine = prints
    crop = cv2.imread(str(next(DATA.glob("sure_*_250.png"))), cv2.IMREAD_GRAYSCALE)
    table.note("250", 0.95, engine.digit_glyphs(crop, features=True))
    assert table.last is None


def test_a_doubled_digit_goes_when_the_glyphs_are_fewer(prints):
    # Tesseract (0.79) read the table's 22 as 272; the crop holds two
    # glyphs, both among the table's sure 2s
    assert _settled("doubt_102_272_22.png", prints) == "22"


def test_a_dropped_1_comes_back_from_the_glyphs(prints):
    # Tesseract (0.6) read 1,000 as 000: the 1 is a glyph of its own,
    # lying among the table's sure 1s
    assert _settled("doubt_149_000_1c000.png", prints) == "1,000"
