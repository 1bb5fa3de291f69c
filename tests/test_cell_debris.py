"""Debris Tesseract reads into a description cell of a 300-dpi scan: the
row of marks over a line of a face with tall marks (Garuda) taken for a
line of its own, and signs or Latin letters before the cell's first word
(a bullet, specks, a row code in small Thai digits read as "Yolo")."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.extract.scan.text_cell import strip_leading_junk
from pipeline.ocr.text_lines import split_lines

LINES = Path(__file__).parent / "data" / "lines"


def test_a_row_of_tall_marks_is_no_line_of_its_own() -> None:
    from pipeline.ocr import get_engine

    # ๒.๒.๒ รวบรวมหน่วยงานที่เกี่ยวข้องในพื้นที่ ให้เป็นไปตามกฎหมาย / และระเบียบที่เกี่ยวข้อง
    crop = cv2.imread(str(LINES / "garuda_marks_row.png"), cv2.IMREAD_GRAYSCALE)
    assert len(split_lines(crop)) == 2
    first = get_engine().read_text(crop).text.split("\n")[0]
    assert first.startswith("๒.๒.๒"), first


@pytest.mark.parametrize("read, meant", [
    ("Yoloส่งเสริมการรวบรวมผลผลิตทางการเกษตร", "ส่งเสริมการรวบรวมผลผลิตทางการเกษตร"),
    ("oo. ตรวจเยี่ยมผลผลิตทางการเกษตรของสมาชิก", "ตรวจเยี่ยมผลผลิตทางการเกษตรของสมาชิก"),
    ("> พัฒนาศักยภาพคณะกรรมการและฝ่ายจัดการ", "พัฒนาศักยภาพคณะกรรมการและฝ่ายจัดการ"),
    ("“๒.๑.๔ชี้แจงการใช้จ่ายเงินกู้", "๒.๑.๔ชี้แจงการใช้จ่ายเงินกู้"),
    ("๔ « จัดอบรมคณะกรรมการกลุ่มเกษตรกร", "๔ จัดอบรมคณะกรรมการกลุ่มเกษตรกร"),
    # words of the text stay
    ("OTOP ส่งเสริมการตลาด", "OTOP ส่งเสริมการตลาด"),
    ("GAPส่งเสริมการผลิต", "GAPส่งเสริมการผลิต"),
    ("Smart Farmer ส่งเสริม", "Smart Farmer ส่งเสริม"),
    ("๑.๒ ส่งเสริมการตลาด", "๑.๒ ส่งเสริมการตลาด"),
    ("e-Commerce ส่งเสริม", "e-Commerce ส่งเสริม"),
])
def test_debris_before_the_first_word_is_dropped(read: str, meant: str) -> None:
    assert strip_leading_junk(read) == meant
