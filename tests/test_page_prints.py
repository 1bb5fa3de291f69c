"""A small-print phone photo's unsure Arabic numbers re-decided by the
table's own sure prints (issue 9, `pipeline.extract.scan.page_prints`):
crops cut from a generated photo (seed 3131, plan 11: ~104 dpi, digits
about 20 px tall on the 300-dpi working page), the cells Tesseract read at
0.9 or more (`sure_*`, named by that reading) and three it read unsure with
a 0 taken for a 6 or a 9 (`doubt_*`, named by the reading and the truth).
The installed fonts' templates read most of these glyphs wrong (the 0s of
4,000 as 6, 4, 4), so the page's template-vouched glyphs (`PageDigits`)
never learn them; the table's own sure prints do."""

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


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("doubt_*.png")))
def test_an_unsure_number_goes_to_the_tables_sure_prints(name, prints):
    table, engine = prints
    _, _, read, want = Path(name).stem.split("_")
    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    glyphs = engine.digit_glyphs(crop, features=True)
    assert "".join(ch for ch, _m, _f in glyphs) != _text(want)  # the templates alone do not read it
    table.note(_text(read), 0.8, glyphs)
    assert table.last is not None
    assert table.settle(table.last) == _text(want)


def test_a_sure_number_is_a_print_not_a_doubt(prints):
    table, engine = prints
    crop = cv2.imread(str(next(DATA.glob("sure_*_250.png"))), cv2.IMREAD_GRAYSCALE)
    table.note("250", 0.95, engine.digit_glyphs(crop, features=True))
    assert table.last is None
