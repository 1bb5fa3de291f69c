"""Specks of dirt at a line's middle height, right beside its letters
(`pipeline.ocr.text_lines.without_stray_specks`): too close to the line
for the stray-speck rule, they were read as points or quotes.  Real
crops of 300-dpi scans: fresh seed 9999 plan 19 (Tlwg Typewriter,
"สหกรณ์· 2" read "สหกรณ์. 2" in the approver's position), seed 9898 plan 6
(Purisa: "=·" read "=.", "·จำกัด" read "“did").  A point on the line
(ธ.ก.ส., seed 9393 plan 2, Garuda) stays."""

from __future__ import annotations

from pathlib import Path

import cv2

CROPS = Path(__file__).parent / "data" / "free_text"


def _lines(name: str) -> list[str]:
    from pipeline.extract.scan.free_text import _read_crop
    from pipeline.ocr import get_engine

    crop = cv2.imread(str(CROPS / name), cv2.IMREAD_GRAYSCALE)
    return [line.text for line in _read_crop(crop, (0, 0), 1, get_engine())]


def test_a_speck_at_mid_height_after_a_word_is_no_point() -> None:
    (line,) = _lines("tlwg_typewriter_position_mid_speck.png")
    assert "สหกรณ์ 2" in line
    assert "." not in line


def test_specks_beside_a_sign_and_a_word_are_no_marks() -> None:
    (line,) = _lines("purisa_entities_mid_specks.png")
    assert "= สหกรณ์ประมงลำทับ" in line
    assert "." not in line and "“" not in line


def test_points_on_the_line_stay() -> None:
    assert "ธ.ก.ส." in _lines("garuda_entities_abbreviation_points.png")[0]


def test_the_loops_of_sara_a_stay() -> None:
    # seed 9393 plan 8: ะ of และ, its upper loop a speck by size at mid
    # height, its lower one larger than a speck (read "แล..")
    from pipeline.ocr.text_lines import without_stray_specks

    crop = cv2.imread(str(CROPS / "sara_a_loops_description.png"), cv2.IMREAD_GRAYSCALE)
    assert (without_stray_specks(crop) == crop).all()


def test_a_codes_points_stay() -> None:
    # seed 9292 plan 9 (Norasi): the second point of 6.1.5, measured
    # against the next line's letters as well as its own, was painted out
    from pipeline.ocr.text_lines import without_stray_specks

    crop = cv2.imread(str(CROPS / "norasi_code_points_description.png"), cv2.IMREAD_GRAYSCALE)
    code = (slice(0, crop.shape[0] // 2), slice(0, 120))  # "6.1.5" on the first line
    assert (without_stray_specks(crop)[code] == crop[code]).all()


def test_a_dot_over_a_letter_is_no_tone_mark() -> None:
    # seed 5353 plan 13 (Loma): a dot of dirt over the ว of นิ่มนวล was read
    # as a tone mark (นิ่มนว่ล, the officer's and the proposer's name)
    (line,) = _lines("loma_name_dot_over_wo.png")
    assert "นิ่มนวล" in line


def test_the_tone_marks_beside_it_stay() -> None:
    from pipeline.ocr.text_lines import without_stray_specks

    crop = cv2.imread(str(CROPS / "loma_name_dot_over_wo.png"), cv2.IMREAD_GRAYSCALE)
    changed = without_stray_specks(crop) != crop
    assert changed[:, 440:452].any()  # the dot over ว
    assert not changed[:, :440].any() and not changed[:, 452:].any()  # ่ of นิ่ม, of แหน่ง


def test_a_pixel_on_a_letter_and_a_marks_cut_piece_stay() -> None:
    # seed 5353 plans 8 and 11: a one-pixel speck right over แ (painted with
    # its rim, the letter's top went: "ผลการไคดำเนินงาน") and the foot of
    # the tone mark of ที่ that the cell's top rule cut (over ี, no letter)
    from pipeline.ocr.text_lines import without_stray_specks

    for name, (x, y) in (("tlwg_pixel_over_sara_ae_description.png", (385, 11)),
                         ("tone_mark_cut_by_rule_description.png", (438, 5))):
        crop = cv2.imread(str(CROPS / name), cv2.IMREAD_GRAYSCALE)
        around = (slice(max(0, y - 4), y + 6), slice(x - 4, x + 6))
        assert (without_stray_specks(crop)[around] == crop[around]).all(), name
