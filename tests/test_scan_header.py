"""Header fields of a generated degraded Thai-digit scan: the title's bold
Thai-digit year read again by the number reader (`ocr.year_digits`), Thai
digits in text cells not left as Latin letters (`ocr.latin_in_thai`)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

pytest.importorskip("tesserocr")
pytest.importorskip("cv2")

from pipeline.settings import Settings  # noqa: E402

BOLD = "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf"


def test_bold_thai_year_after_the_sign(ocr_engine) -> None:
    """A bold title line at 300 dpi: the year cut out after "พ.ศ." reads as
    the number it is, whatever the text model made of it."""
    if not Path(BOLD).is_file():
        pytest.skip("no Loma Bold")
    from pipeline.ocr.year_digits import reread_year

    engine = ocr_engine
    font = ImageFont.truetype(BOLD, 50)
    text = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖๓ (Action Plan)"
    img = Image.new("L", (1500, 110), 255)
    ImageDraw.Draw(img).text((20, 20), text, font=font, fill=0)
    gray = np.asarray(img)
    (res,) = engine.read_lines(gray)
    assert re.search(r"พ\.ศ\. ๒๕๖๓", reread_year(res.text, res.words, gray, engine))


def test_thai_digit_scan_header(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from pipeline.extract.image import extract_image
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth
    from pipeline.normalize.form import normalize_document

    truth = make_truth(11, 6)
    truth["style"]["thai_digits"] = True
    pdf = tmp_path / "plan.pdf"
    render_pdf(truth, pdf)
    out = tmp_path / "plan.png"
    write_scan(truth, pdf, out, "png", random.Random(6), dpi=300, rotation=0.5, sideways=0)
    plan = normalize_document(extract_image(out, Settings()))
    assert plan.header.fiscal_year_be == truth["plan"]["fiscal_year_be"]
    assert not re.search(r"[A-Za-z]", plan.header.responsible_entities or "")


def test_bold_point_after_the_sign_is_no_part_of_the_year(ocr_engine) -> None:
    """The title line of a fresh 300-dpi scan (seed 2727 plan 9, as cut
    out): the text model read ๒๕๖๔ as ๒๕“๕, and the bold point after ศ,
    half a letter tall, was taken for the year's first glyph, so the year
    was read again from the point alone and lost."""
    import cv2

    from pipeline.ocr.year_digits import reread_year

    gray = cv2.imread(str(Path(__file__).parent / "data" / "lines" / "title_year_bold_point.png"), cv2.IMREAD_GRAYSCALE)
    (res,) = ocr_engine.read_lines(gray)
    assert re.search(r"พ\.ศ\. ?๒๕๖๔", reread_year(res.text, res.words, gray, ocr_engine))


def test_a_speck_after_the_sign_read_as_a_second_point(ocr_engine) -> None:
    """The title of a fresh 300-dpi Tlwg Typewriter scan (seed 9292 plan 12,
    as cut out): a speck after the sign read as a second point ("W.A.."
    in the page, "พ .ศ .." here) and the year ๒๕๖๒๐ for ๒๕๖๐; the sign was
    not known for the extra point, or the speck was taken for the year's
    first glyph, and the narrow ๖ and ๐ 10 px apart for a word space."""
    import cv2

    from pipeline.ocr.year_digits import reread_year

    gray = cv2.imread(str(Path(__file__).parent / "data" / "lines" / "title_year_sign_two_points.png"),
                      cv2.IMREAD_GRAYSCALE)
    (res,) = ocr_engine.read_lines(gray)
    assert re.search(r"[ศA][ .]*๒๕๖๐(?![๐-๙])", reread_year(res.text, res.words, gray, ocr_engine))


def test_a_year_tesseract_cannot_read_goes_to_the_number_network(ocr_engine) -> None:
    """The title of a fresh 300-dpi Noto Sans Thai scan (seed 6161 plan
    12, its header block as cut out): the text model read ๒๕๖๓ as ๒๕ว๓,
    the number reader as ๒๕๓ and ๒๕5๓, so the plan had no fiscal year; the
    number network reads the same crop ๒๕๖๓."""
    import cv2

    from pipeline.ocr.year_digits import reread_year

    gray = cv2.imread(str(Path(__file__).parent / "data" / "lines" / "title_year_noto_six.png"), cv2.IMREAD_GRAYSCALE)
    res = ocr_engine.read_lines(gray)[0]
    assert re.search(r"พ\.ศ\. ๒๕ว๓", res.text)
    assert re.search(r"พ\.ศ\. ๒๕๖๓ \(Action", reread_year(res.text, res.words, gray, ocr_engine))
