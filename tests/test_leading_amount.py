"""An amount and its unit word in one text cell ("577,700 บาท"): the text
model's garbled digits read again by the digit reader; codes and amounts
read right are left alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.scan.leading_amount import _tallest_band, _widest_gap, reread_amount

FONT = "/usr/share/fonts/truetype/tlwg/Norasi.ttf"


def _line(text: str, speck_under: int | None = None) -> np.ndarray:
    font = ImageFont.truetype(FONT, 40) if Path(FONT).is_file() else ImageFont.load_default()
    im = Image.new("L", (40 * len(text), 90), 235)
    draw = ImageDraw.Draw(im)
    draw.text((10, 8), text, font=font, fill=30)
    if speck_under is not None:
        draw.rectangle((speck_under, 70, speck_under + 4, 74), fill=40)
    return np.asarray(im)


def test_the_gap_before_the_unit_word_and_the_band_of_the_digits() -> None:
    img = _line("577,700 บาท", speck_under=60)
    cut = _widest_gap(img)
    assert cut is not None
    left = img[:, :cut]
    assert (left < 100).any() and not (img[:, cut] < 100).any()
    # the digits' band without the speck under them
    assert _tallest_band(left).shape[0] < 60 and (_tallest_band(left) < 100).any()


def test_garbled_amount_read_again(ocr_engine) -> None:
    img = _line("577,700 บาท", speck_under=60)
    assert reread_amount("57 .76700บาท", img, ocr_engine, False) == "577,700 บาท"


def test_codes_and_clean_amounts_are_left_alone(ocr_engine) -> None:
    img = _line("579,350 บาท")
    assert reread_amount("579,350 บาท", img, ocr_engine, False) == "579,350 บาท"
    code = _line("1.1.2 จัดอบรม")
    assert reread_amount("1.1.2 จัดอบรม", code, ocr_engine, False) == "1.1.2 จัดอบรม"
    words = _line("จำนวน 18 แห่ง")
    assert reread_amount("จำนวน 18 แห่ง", words, ocr_engine, False) == "จำนวน 18 แห่ง"


def test_a_photo_amount_the_number_network_reads(ocr_engine) -> None:
    """The budget cells of two phone photos of seed 909 (plans 1 and 11),
    as the scan path cut their lines: Tesseract read ๑๘๕,๔๕๐.๐๐ as
    ๑๔๕,๔๕๐.๐๐ and 225,303.50 as 25,303.50; the number network reads
    both."""
    import cv2

    data = Path(__file__).parent / "data" / "amounts"
    for name, text, want in (("photo_thai_185450.00.png", "๐๘ ๕,๕๕๐.๐๐บาท", "๑๘๕,๔๕๐.๐๐ บาท"),
                             ("photo_225303.50.png", "22 5,303.50 บาท", "225,303.50 บาท")):
        crop = cv2.imread(str(data / name), cv2.IMREAD_GRAYSCALE)
        assert reread_amount(text, crop, ocr_engine, None) == want

