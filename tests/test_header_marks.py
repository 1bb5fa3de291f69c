"""Header text mended from the image and the form's structure: ำ whose ring
Tesseract lost (`ocr.sara_am`), signature leaders painted out before
reading (`extract.scan.leader_dots`), the words of offices and positions
(`normalize.form_vocab`), the era sign read as Latin letters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.model import PlanHeader
from pipeline.normalize.form_vocab import mend_form_words
from pipeline.normalize.header import parse_header_lines

FONTS = Path("/usr/share/fonts/truetype/tlwg")


def _line_image(text: str, font: str, size: int = 58) -> np.ndarray:
    """One line at about 300 dpi (14 pt), blurred a little like a scan."""
    import cv2

    path = FONTS / font
    if not path.is_file():
        pytest.skip(f"no {font}")
    img = Image.new("L", (1500, 130), 255)
    ImageDraw.Draw(img).text((20, 25), text, font=ImageFont.truetype(str(path), size), fill=0)
    return cv2.GaussianBlur(np.asarray(img), (3, 3), 0.8)


@pytest.mark.parametrize("font", ["Garuda.ttf", "Laksaman.ttf", "Norasi.ttf"])
def test_ring_of_sara_am_put_back_and_plain_sara_aa_left(ocr_engine, font: str) -> None:
    pytest.importorskip("tesserocr")
    from pipeline.ocr.sara_am import mend_sara_am

    for truth in ("นางน้ำฝน ลำดวน", "นางสาวมาลี น้าสาว", "ชำนาญการ ทำนา"):
        gray = _line_image(truth, font)
        (res,) = ocr_engine.read_lines(gray)
        mended = mend_sara_am(res.text, res.words, gray)
        # never a ring the print has not; each one the print has, where the
        # reading kept the letters around it
        assert mended.count("ำ") <= truth.count("ำ")
        if "".join(res.text.split()).replace("ำ", "า").replace("้้", "้") == "".join(truth.split()).replace("ำ", "า"):
            assert "".join(mended.split()) == "".join(truth.split())


def test_leader_dots_painted_out(ocr_engine) -> None:
    pytest.importorskip("tesserocr")
    import cv2

    from pipeline.extract.scan.leader_dots import leader_dots

    label = _line_image("(๑๔) ผู้อนุมัติแผน", "Loma.ttf")
    label_end = int(np.nonzero((label < 128).any(axis=0))[0].max())
    gray = _line_image("(๑๔) ผู้อนุมัติแผน " + "." * 40, "Loma.ttf")
    from pipeline.extract.scan.ruling import outlines

    _, boxes = outlines((gray < 128).astype(np.uint8) * 255)
    dots = leader_dots(boxes, gray.shape, 300)
    cols = np.nonzero(dots.any(axis=0))[0]
    assert cols.size and cols.min() > label_end  # the points, none of the label
    painted = gray.copy()
    painted[dots] = 255
    assert cv2.countNonZero((painted[:, label_end + 1 :] < 128).astype(np.uint8)) == 0
    text = "".join(r.text for r in ocr_engine.read_lines(painted)).replace(" ", "")
    assert text.endswith("ผู้อนุมัติแผน")


@pytest.mark.parametrize("read, meant", [
    ("นักวิชาการเกษตรขำหาญการ", "นักวิชาการเกษตรชำนาญการ"),
    ("นักวิชาการสี่หกรณชำนาญการ", "นักวิชาการสหกรณ์ชำนาญการ"),
    ("สำนักงาน1 ระมงจังหวัดกำแพงเพชร", "สำนักงานประมงจังหวัดกำแพงเพชร"),
    ("นักวิชาการตรวจสอบบีญี่ซีชำนาญการ", "นักวิชาการตรวจสอบบัญชีชำนาญการ"),
    ("ฝ่ายบริหารทั่วปี", "ฝ่ายบริหารทั่วไป"),
    # a stray letter read into a word (seed 3131 plan 11's unit): the stray
    # letter on either side of the slip is one slip away, the text around
    # it tells which
    ("กลุ่มจัดดีตั้งและส่งเสริมสหกรณ์", "กลุ่มจัดตั้งและส่งเสริมสหกรณ์"),
    # two letters too many in a long word (seed 7373 plan 4): the whole
    # stretch is the word, not its front with its tail left beside it
    ("นักวิชาการตรวจสอบบปบัญชีชำนาญการ", "นักวิชาการตรวจสอบบัญชีชำนาญการ"),
    # กลุ่ม read as the word คลุม (seed 9797 plan 16's unit): นักวิชาการ,
    # two slips from งานวิชาการ and left out, kept กลุ่มงาน from its place
    ("คลุมงานวิชาการ", "กลุ่มงานวิชาการ"),
])
def test_form_words_put_back(read: str, meant: str) -> None:
    assert mend_form_words(read) == meant


@pytest.mark.parametrize("text", [
    "เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน",
    "ผู้อำนวยการกลุ่มส่งเสริมและพัฒนาการผลิต รักษาราชการแทนเกษตรและสหกรณ์จังหวัดสระบุรี",
    "ประมาณการรายได้",
    "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
])
def test_form_words_read_right_left_alone(text: str) -> None:
    assert mend_form_words(text) == text


def _blocks_456(entities: str, indicators: str):
    """An OCR'd (4)-(6) table: its heads, then one row of cells."""
    from pipeline.model import Cell, Table

    return Table(1, 2, 3, [
        Cell(0, 0, "(๔) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ", 1, confidence=0.9),
        Cell(0, 1, "(๕) งบประมาณที่ได้รับ", 1, confidence=0.9),
        Cell(0, 2, "(๖) ตัวชี้วัดเป้าหมาย", 1, confidence=0.9),
        Cell(1, 0, entities, 1, confidence=0.9),
        Cell(1, 1, "100,000 บาท", 1, confidence=0.9),
        Cell(1, 2, indicators, 1, confidence=0.9),
    ])


def test_entity_words_put_back_places_left_alone() -> None:
    from pipeline.normalize.header import parse_blocks_456

    table = _blocks_456("สหกรณ์ 1 แห่ง = สหกรณ์ผู้ใช้นำบ้านโพธิ์ จำคัด )\nกลมเกษตรกร จำนวน 6 กลุ่ม\n"
                        "กลุ่มเกษตรกร 2 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ลำทับ กลุ่มเกษตรกรผู้!ลูกผักสันทราย",
                        "1. สมาชิกมีความรู้เพิ่มขึ้นไม่น้อยกว่าร้อยละ'๑๐๐")
    header = PlanHeader()
    (indicator,) = parse_blocks_456(table, header)
    assert header.responsible_entities == (
        "สหกรณ์ 1 แห่ง = สหกรณ์ผู้ใช้น้ำบ้านโพธิ์ จำกัด\nกลุ่มเกษตรกร จำนวน 6 กลุ่ม\n"
        "กลุ่มเกษตรกร 2 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ลำทับ กลุ่มเกษตรกรผู้ปลูกผักสันทราย")
    assert (indicator.text, indicator.target_percent) == ("สมาชิกมีความรู้เพิ่มขึ้นไม่น้อยกว่าร้อยละ๑๐๐", 100.0)


def test_era_sign_read_as_latin_and_bent_title() -> None:
    header = PlanHeader()
    lines = [
        "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ W.A. 2561 (Action Plan)",
        "ของสำนักงานประมงจังหวัดชัยนาท 0",
        "น่างปิยนุช แสงทอง ตำแหน่งนักวิชาการเกษตรขำหาญการ สังกัดกลุ่มส่งเสริมสหกรณ์ 4.",
        "(2) ผลผลิต/โครงการ : .: โครงการยกระดับมาตรฐานการผลิตสินค้าเกษตร",
    ]
    parse_header_lines(lines, header, ocr=True)
    assert header.fiscal_year_be == 2561
    assert header.office == "สำนักงานประมงจังหวัดชัยนาท"
    assert header.officer_name == "นางปิยนุช แสงทอง"
    assert header.officer_position == "นักวิชาการเกษตรชำนาญการ"
    assert header.unit == "กลุ่มส่งเสริมสหกรณ์ 4"
    assert header.output_project == "โครงการยกระดับมาตรฐานการผลิตสินค้าเกษตร"
    garbled = PlanHeader()
    parse_header_lines(["แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ W.@. ๒๕๖๓ (Action Plan)"], garbled, ocr=True)
    assert garbled.fiscal_year_be == 2563


def _entities_read(entities: str, header: PlanHeader | None = None) -> str | None:
    """Block (4) as parsed from an OCR'd table holding `entities` (and one
    indicator): the responsible entities field."""
    from pipeline.normalize.header import parse_blocks_456

    header = header or PlanHeader()
    parse_blocks_456(_blocks_456(entities, "1. รายงานผลการปฏิบัติงานส่งตรงตามกำหนดเวลา"), header)
    return header.responsible_entities


def test_a_counts_one_and_equals_sign_read_as_marks() -> None:
    # photos of seed 3131, plans 10 and 11: "1 แห่ง" read "! แห่ง", "2 แห่ง ="
    # read "2 แห่ง©"
    read = _entities_read("กลุ่มเกษตรกร ! แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ควนขนุน\n"
                          "กลุ่มเกษตรกร 2 แห่ง© กลุ่มเกษตรกรทำสวนยางบ้านโพธิ์\nกลุ่มเกษตรกรจำนวน | กลุ่ม")
    assert read == ("กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ควนขนุน\n"
                    "กลุ่มเกษตรกร 2 แห่ง = กลุ่มเกษตรกรทำสวนยางบ้านโพธิ์\nกลุ่มเกษตรกรจำนวน 1 กลุ่ม")


def test_the_plans_province_in_its_cooperatives_names_gets_its_marks_back() -> None:
    # photos of seeds 3131 (plan 7) and 4848 (plan 3): the office's province
    # ตรัง read ตรง (its ั lost) in the cooperatives named after it; a word
    # whose letters hold the name inside another word is no place
    read = _entities_read("สหกรณ์ 2 แห่ง = สหกรณ์ออมทรัพย์ตำรวจภูธรจังหวัดตรง จำกัด "
                          "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. ตรงจำกัด", PlanHeader(province="ตรัง"))
    assert read == ("สหกรณ์ 2 แห่ง = สหกรณ์ออมทรัพย์ตำรวจภูธรจังหวัดตรัง จำกัด "
                    "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. ตรังจำกัด")
    assert (_entities_read("กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์บ้านนา", PlanHeader(province="เลย"))
            == "กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์บ้านนา")


def test_a_counts_point_and_bent_word() -> None:
    # 300-dpi scans of seed 9595, plans 4 and 8: "1 แห่ง" read "1.แห่ง",
    # "๔ กลุ่ม" read "๔คลุม"; a word after a count that is no count's word
    # stays as read
    read = _entities_read("กลุ่มเกษตรกร 1.แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ควนขนุน\n"
                          "กลุ่มเกษตรกรจำนวน๔คลุม\nสหกรณ์ 2 แห่ง = สหกรณ์การเกษตร 3 ตำบล จำกัด")
    assert read == ("กลุ่มเกษตรกร 1 แห่ง = กลุ่มเกษตรกรเลี้ยงสัตว์ควนขนุน\n"
                    "กลุ่มเกษตรกรจำนวน๔กลุ่ม\nสหกรณ์ 2 แห่ง = สหกรณ์การเกษตร 3 ตำบล จำกัด")


def test_a_counts_word_with_a_space_inside() -> None:
    # seed 9696 plan 1: "5 กลุ่ม" read "5 ก ลุ่ม"
    read = _entities_read("สหกรณ์ภาคการเกษตรจำนวน 23 แห่ง\nกลุ่มเกษตรกร จำนวน 5 ก ลุ่ม")
    assert read.endswith("จำนวน 5 กลุ่ม"), read


def test_a_counts_word_with_a_letter_too_many() -> None:
    # seed 9494 plan 9: "5 แห่ง" read "5 แหนง" (its tone mark read as น)
    read = _entities_read("สหกรณ์ 2 แห่ง= สหกรณ์ผู้ใช้น้ำเขาชัยสนจำกัด\nสหกรณ์ภาคการเกษตรจำนวน 5 แหนง")
    assert read.endswith("จำนวน 5 แห่ง"), read


def test_specks_read_as_points_and_quotes_by_counts_and_initials() -> None:
    # 300-dpi scans of seed 8181: a point after a kind's word (plan 4), a
    # quote after a count (plan 15), the bank's initials read apart (plan
    # 17) or with specks under them run on into the place (plan 3); an
    # abbreviation's point (no vowel in its letters) stays
    assert (_entities_read("กลุ่มเกษตรกร. จำนวน 1 กลุ่ม\nกลุ่มเกษตรกร จำนวน ๙” กลุ่ม\nสพฐ. จำนวน 2 แห่ง")
            == "กลุ่มเกษตรกร จำนวน 1 กลุ่ม\nกลุ่มเกษตรกร จำนวน ๙ กลุ่ม\nสพฐ. จำนวน 2 แห่ง")
    assert (_entities_read("สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ . ก . ส . ปทุมธานีจำกัด\n"
                           "สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธุ.ุก.ส.อุตรดิตถ์จำกัด")
            == "สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ส. ปทุมธานีจำกัด\n"
               "สหกรณ์การเกษตรเพื่อการตลาดลูกค้าธ.ก.ส.อุตรดิตถ์จำกัด")


def test_a_point_after_an_indicators_word() -> None:
    # seed 7171 plan 19 (300 dpi): "มาตรฐาน" read "มาตรชาน่." before a space
    from pipeline.normalize.header import parse_blocks_456

    table = _blocks_456("สหกรณ์ภาคการเกษตร จำนวน 9 แห่ง",
                        "1. สหกรณ์ผ่านเกณฑ์การจัดมาตรชาน่. ไม่น้อยกว่าร้อยละ 75")
    (item,) = parse_blocks_456(table, PlanHeader())
    assert item.text == "สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ไม่น้อยกว่าร้อยละ 75"


def test_a_garbled_item_number_in_the_indicators_cell_is_read_back_before_debris_goes() -> None:
    # seed 6161 plan 5: item 2's number read "Le", which went as debris
    # at the line's start, and item 2 ran into item 1
    from pipeline.normalize.header import parse_blocks_456

    table = _blocks_456("สหกรณ์ภาคการเกษตร จำนวน 9 แห่ง",
                        "1. สหกรณ์ผ่านเกณฑ์การจัดมาตรฐาน ไม่น้อยกว่าร้อยละ 50\n"
                        "Le สหกรณ์ที่ได้รับการส่งเสริมมีปริมาณธุรกิจเพิ่มขึ้นร้อยละ 90\n"
                        "3. สหกรณ์ไม่มีข้อบกพร่องใหม่เกิดขึ้น")
    items = parse_blocks_456(table, PlanHeader())
    assert [(i.number, i.target_percent) for i in items] == [(1, 50.0), (2, 90.0), (3, None)]
