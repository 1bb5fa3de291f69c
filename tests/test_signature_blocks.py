"""Signature blocks (13) and (14) side by side whose lines do not line up
(the left label wraps, so every left line sits half a line below its right
neighbour): each block is read on its own, and a speck read as a letter
between them does not decide where the right column begins."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.model import Box, PlanHeader, TextLine
from pipeline.normalize.header import parse_signatures

FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"


def test_a_speck_between_the_columns_is_no_column_edge() -> None:
    """seed 2020 plan 8 as read: a speck at a third of the gap left the
    widest gap between left edges under a fifth of the page, and the right
    column (which starts left of 0.4 of the width) went to the left."""
    lines = [
        TextLine("(๑๓)ลายมือชื่อผู้เสนอ", 3, Box(205, 220, 646, 295), 0.94),
        TextLine("(๑๔)ผู้อนุมัติแผน", 3, Box(1317, 232, 1668, 295), 0.91),
        TextLine("แผน", 3, Box(206, 324, 291, 352), 0.95),
        TextLine("ฒ", 3, Box(654, 345, 664, 354), 0.39),
        TextLine("ชื่อ-สกุล(นางสาวกัญญารัตน์ ผลบุญ)", 3, Box(1315, 293, 2092, 368), 0.93),
        TextLine("ชื่อ-สกุล(นายสุรชัย ศักดิ์ดี)", 3, Box(203, 360, 779, 443), 0.93),
        TextLine("ตำแหน่งผู้อำนวยการกลุ่มส่งเสริมสหกรณ์", 3, Box(1316, 377, 3173, 444), 0.94),
        TextLine("ตำแหน่งเจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน", 3, Box(204, 439, 1189, 516), 0.94),
    ]
    header = PlanHeader()
    parse_signatures(lines, {3: 3508.0}, header)
    assert header.proposer_name == "นายสุรชัย ศักดิ์ดี"
    assert header.approver_name == "นางสาวกัญญารัตน์ ผลบุญ"


def _page(left: list[str], right: list[str], right_x: int, size: int = 50) -> np.ndarray:
    """A 300-dpi landscape strip: `left` lines from x=200, `right` lines from
    `right_x`, the right block half a line higher."""
    font = ImageFont.truetype(FONT, size)
    img = Image.new("L", (3508, 900), 255)
    draw = ImageDraw.Draw(img)
    step = int(size * 1.6)
    for i, text in enumerate(left):
        draw.text((200, 200 + i * step), text, font=font, fill=0)
    for i, text in enumerate(right):
        draw.text((right_x, 200 - step // 2 + i * step), text, font=font, fill=0)
    return np.asarray(img)


def test_offset_signature_blocks_read_block_by_block(tmp_path: Path, ocr_engine) -> None:
    """The right block's wrapped last word (มหาสารคาม) stands a third of an
    inch right of the left block's last line, at its height: read across,
    it ended the proposer's position."""
    if not Path(FONT).is_file():
        pytest.skip("no Garuda font")
    pytest.importorskip("cv2")
    from pipeline.extract.image import extract_image
    from pipeline.settings import Settings

    left = ["(๑๓) ลายมือชื่อผู้เสนอ", "แผน", "ชื่อ - สกุล (นายสุรชัย ศักดิ์ดี)", "ตำแหน่ง เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน"]
    right = ["(๑๔) ผู้อนุมัติแผน", "ชื่อ - สกุล (นางสาวกัญญารัตน์ ผลบุญ)",
             "ตำแหน่ง ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์ รักษาราชการแทนสหกรณ์จังหวัด", "มหาสารคาม"]
    font = ImageFont.truetype(FONT, 50)
    left_end = 200 + int(font.getlength(left[-1]))
    page = _page(left, right, left_end + 120)
    path = tmp_path / "signatures.png"
    Image.fromarray(page).save(path, dpi=(300, 300))
    doc = extract_image(path, Settings())
    header = PlanHeader()
    lines = [line for p in doc.pages for line in p.lines]
    parse_signatures(lines, {p.number: p.width for p in doc.pages}, header)
    assert header.proposer_position == "เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน"
    assert header.approver_position is not None and header.approver_position.endswith("มหาสารคาม")


def test_a_lone_glyph_a_wide_space_after_the_words_is_kept(tmp_path: Path, ocr_engine) -> None:
    """A group's number after its name ("สหกรณ์ ๔", seed 2020 plan 7): one
    glyph a wide word gap from the run of text made too short a smear to
    count as text, and was painted out as a speck."""
    if not Path(FONT).is_file():
        pytest.skip("no Garuda font")
    pytest.importorskip("cv2")
    from pipeline.extract.image import extract_image
    from pipeline.settings import Settings

    font = ImageFont.truetype(FONT, 50)
    img = Image.new("L", (2480, 400), 255)
    draw = ImageDraw.Draw(img)
    text = "ตำแหน่ง ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์"
    draw.text((200, 150), text, font=font, fill=0)
    draw.text((200 + int(font.getlength(text)) + 34, 150), "๔", font=font, fill=0)
    path = tmp_path / "position.png"
    img.save(path, dpi=(300, 300))
    (line,) = [line for p in extract_image(path, Settings()).pages for line in p.lines]
    assert line.text.replace(" ", "").endswith("สหกรณ์๔"), line.text


def test_the_right_blocks_wrapped_word_stays_right_in_a_text_pdf(tmp_path: Path) -> None:
    """seed 3131 plan 23 (Loma, blocks side by side): the approver's
    province wrapped under his position, beside the proposer's long
    position with no wide gap between, and had ended the proposer's."""
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth
    from pipeline.process import process_file
    from pipeline.settings import Settings

    truth = make_truth(3131, 23)
    pdf = tmp_path / "plan.pdf"
    render_pdf(truth, pdf)
    header = process_file(pdf, tmp_path, Settings()).plan.header
    assert header.proposer_position == truth["plan"]["proposer_position"]
    assert header.approver_position == truth["plan"]["approver_position"]
