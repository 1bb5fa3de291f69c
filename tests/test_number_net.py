"""The number network (`pipeline.ocr.number_net`) and its vote on a number
cell (`pipeline.extract.scan.net_vote`), on real crops the scan path cut:

- photo_norasi_*: a generated phone photo (seed 909, plan 6: Norasi, ~105
  dpi) whose blurred serif 0s run together; Tesseract read 15000 as 18000
  (0.82) and 1008 (0.0), 500 as 0, 100 as 10.
- scan200_norasi_thai_*: a 200-dpi scan (seed 4141, plan 8: Norasi, Thai
  digits ~9 px tall) whose faint ๐s the cell reader read ๗ or ๑ and whose
  ๘ it read ๔.
- scan200_notosans_thai_*: a 200-dpi scan (seed 4747, plan 12: Noto Sans
  Thai) whose ๑๐ the cell reader read ๑๑ at 0.94.
- scan300_sawasdee_thai_*: a 300-dpi scan (seed 8181, plan 2: Sawasdee)
  whose decimal point the cell reader lost.

File names hold the value (Arabic digits, no commas)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.extract.scan.digit_script import DigitScript
from pipeline.extract.scan.net_vote import KEEP, KEEP_THAI, TAKE, net_vote
from pipeline.ocr.number_net import HEIGHT, normalise

DATA = Path(__file__).parent / "data" / "net"
CROPS = sorted(p.name for p in DATA.glob("*.png"))
NORASI_PHOTO_RIGHT = 238  # of 261 (see the last test)
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _want(name: str) -> str:
    value = name.rsplit("_", 1)[0].rsplit("_", 1)[1]
    return value.translate(_THAI) if "_thai_" in name else value


@pytest.fixture(scope="module")
def engine():
    from pipeline.ocr import get_engine

    return get_engine("tesseract")


def _script(thai: bool) -> DigitScript:
    script = DigitScript()
    script.forced = thai
    return script


@pytest.mark.parametrize("name", CROPS)
def test_the_network_reads_what_the_cell_reader_misread(name, engine):
    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    got = engine.net_number(crop)
    assert got is not None and got.text.replace(",", "") == _want(name)
    assert got.confidence >= TAKE


@pytest.mark.parametrize("name", CROPS)
def test_an_unsure_misreading_goes_to_the_network(name, engine):
    crop = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    want = _want(name)
    wrong = want[:-1] if len(want) > 1 else ("๔" if "_thai_" in name else "4")
    text, _ = net_vote(crop, wrong, 0.5, engine, _script("_thai_" in name))
    assert text.replace(",", "") == want


def test_a_sure_reading_is_not_put_to_the_vote(engine):
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    assert net_vote(crop, "18000", KEEP, engine, _script(False)) == ("18000", KEEP)


def test_on_a_thai_digit_page_a_reading_must_be_surer_to_stand(engine):
    """A 0.94 reading stands on an Arabic-digit page; on a Thai-digit one
    it goes to the vote (Noto Sans Thai's ๑๐ read ๑๑ at 0.94)."""
    crop = cv2.imread(str(DATA / "scan200_notosans_thai_10_a.png"), cv2.IMREAD_GRAYSCALE)
    thai = _script(True)
    assert KEEP < 0.94 < KEEP_THAI
    assert net_vote(crop, "๑๑", 0.94, engine, thai)[0] == "๑๐"
    assert net_vote(crop, "๑๑", KEEP_THAI, engine, thai) == ("๑๑", KEEP_THAI)


def test_on_a_photo_every_number_is_put_to_the_vote(engine):
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    script = _script(False)
    script.photo = True
    assert net_vote(crop, "18000", 0.99, engine, script)[0] == "15000"


def test_a_reading_in_the_other_script_is_refused(engine):
    """On a page known to print Thai digits an Arabic reading is no number
    of ours, however sure."""
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    assert net_vote(crop, "๑๘๐๐๐", 0.3, engine, _script(True)) == ("๑๘๐๐๐", 0.3)


def test_words_and_sure_dashes_are_left_alone(engine):
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    assert net_vote(crop, "งบ", 0.2, engine, _script(False)) == ("งบ", 0.2)
    assert net_vote(crop, "-", 0.6, engine, _script(False)) == ("-", 0.6)


def test_an_unsure_dash_or_a_number_read_with_letters_goes_to_the_network(engine):
    """A 200-dpi number read '-' at 0.3, or with letters among its digits
    (๓,๗๐๐.๕๐ read ๓ต,ญ๐๐.๕๐), is read by the network when it is sure."""
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    assert net_vote(crop, "-", 0.3, engine, _script(False))[0] == "15000"
    assert net_vote(crop, "1S00O", 0.8, engine, _script(False))[0] == "15000"


def test_normalise_scales_the_ink_to_the_line_and_refuses_blank_paper():
    assert normalise(np.full((30, 60), 230, np.uint8)) is None
    assert normalise(np.zeros((0, 5), np.uint8)) is None
    crop = cv2.imread(str(DATA / "photo_norasi_15000_a.png"), cv2.IMREAD_GRAYSCALE)
    x = normalise(crop)
    assert x is not None and x.shape[0] == HEIGHT and x.dtype == np.float32
    rows = np.flatnonzero(x.max(axis=1) > 0.45)
    assert rows[0] >= 2 and rows[-1] <= HEIGHT - 3


def test_a_norasi_photo_reads_its_number_cells(tmp_path):
    """The whole photo of seed 909's plan 6 (the benchmark's own photo:
    Norasi, Arabic digits, ~105 dpi), read through the pipeline, number
    cells of page 1 scored against the generator's truth before repair:
    225 of 261 right without the network."""
    import copy
    import random

    from pipeline.extract import extract
    from pipeline.generate.photo import write_photo
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth, plan_seed
    from pipeline.generate.score import score_first_page
    from pipeline.model import Result, SourceInfo
    from pipeline.normalize.form import normalize_document
    from pipeline.settings import Settings
    from pipeline.tables import result_rows
    from pipeline.validate.validate import validate

    truth = make_truth(909, 6)
    assert truth["style"]["font"] == "Norasi" and not truth["style"]["thai_digits"]
    pdf, photo = tmp_path / "plan.pdf", tmp_path / "plan.photo.jpg"
    pages = render_pdf(truth, pdf)
    write_photo(truth, pdf, photo, random.Random(plan_seed(909, 6) ^ 0x9407))
    doc = extract(photo, Settings())
    plan = validate(normalize_document(copy.deepcopy(doc)), "none")
    info = SourceInfo(path=photo.name, sha256="0" * 64, source_kind=doc.source_kind.value, pages=1)
    score = score_first_page(result_rows(Result(info, plan)), truth, pages)
    assert score.numbers == 261
    assert score.numbers_right >= NORASI_PHOTO_RIGHT, score.wrong


def test_training_crops_are_normalised_like_the_cells_read():
    """`scripts/number_net/synth.py` renders its strings from the installed
    fonts and hands back crops the way `normalise` makes them."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts" / "number_net"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    from pipeline.ocr.number_net import ALPHABET

    rng = random.Random(7)
    thai, latin = synth.font_files(["Norasi"])
    assert thai and latin and not any("Norasi" in f for f in thai + latin)
    for _ in range(20):
        text = synth.number(rng)
        assert text and set(text) <= set(ALPHABET)
        font = rng.choice(thai)
        big, digit = synth.render(text.translate(_THAI), font, rng)
        x = normalise(synth.degrade(big, digit, rng))
        assert x is not None and x.shape[0] == HEIGHT


POINT_DATA = Path(__file__).parent / "data" / "net_point"


@pytest.mark.parametrize("name", sorted(p.name for p in POINT_DATA.glob("*.png")))
def test_a_comma_the_network_reads_before_two_last_digits_is_the_point(name, engine):
    """Seed 4141's 200-dpi Norasi plan (Thai digits ~9 px): the cell reader
    read ๓๐๐.๐๐ as ๑๐๐ (0.17) and ๑,๒๐๐.๐๐ as ๑,๒๗๐.๗๐ (0.46); the
    network reads every digit but takes the small point for a comma,
    a reading no number has, so its vote was refused."""
    crop = cv2.imread(str(POINT_DATA / name), cv2.IMREAD_GRAYSCALE)
    want = _want(name)
    got = engine.net_number(crop)
    assert got is not None and got.text.replace(",", "") == want.replace(".", "")
    text, _ = net_vote(crop, "๑๐๐", 0.2, engine, _script(True))
    assert text.replace(",", "") == want


def test_only_a_comma_no_thousands_group_can_be_is_taken_for_the_point():
    from pipeline.extract.scan.net_vote import _point_for_last_comma

    assert _point_for_last_comma("๓๐๐,๐๐") == "๓๐๐.๐๐"
    assert _point_for_last_comma("๑,๐๐๐,๐๐") == "๑,๐๐๐.๐๐"
    assert _point_for_last_comma("50,50") == "50.50"
    # a thousands group that lost a digit is as likely after one digit
    for text in ("1,60", "๒,๕๐๐", "๒,๕๐๐.๐๐", "๑๒๐"):
        assert _point_for_last_comma(text) == text


def test_a_point_the_cell_reader_lost_is_the_networks(engine):
    """A 300-dpi Sawasdee scan (seed 8181 plan 2): the cell reader read
    ๕๒๕๐.๕๐ as ๕๒๕๐๕๐ (0.76), a hundred times the amount; the network
    reads the same digits with the point.  A separator it reads where the
    cell reader read another one is still the cell reader's."""
    from pipeline.extract.scan.net_vote import _point_lost

    crop = cv2.imread(str(DATA / "scan300_sawasdee_thai_5250.50_a.png"), cv2.IMREAD_GRAYSCALE)
    assert net_vote(crop, "๕๒๕๐๕๐", 0.76, engine, _script(True))[0] == "๕๒๕๐.๕๐"
    assert not _point_lost("๗,๕๐๐", "๗.๕๐๐") and not _point_lost("๕๒๕๐,๕๐", "๕๒๕๐.๕๐")
    assert _point_lost("๕๒๕๐๕๐", "๕,๒๕๐.๕๐")


def test_a_network_reading_that_opens_with_a_zero_is_refused(engine):
    """A 300-dpi Sawasdee scan (seed 8181 plan 2): the cell reader read
    ๑๒๐๐๐ right but unsure (0.50); the network, its ๑ and ๒ run together,
    read ๐๐๐๖๐ (0.6), a number no plan writes, and it stood."""
    crop = cv2.imread(str(Path(__file__).parent / "data" / "net_lead_zero" / "scan300_sawasdee_thai_12000_a.png"),
                      cv2.IMREAD_GRAYSCALE)
    got = engine.net_number(crop)
    assert got is not None and got.text.startswith("๐") and got.confidence >= TAKE
    assert net_vote(crop, "๑๒๐๐๐", 0.5, engine, _script(True))[0] == "๑๒๐๐๐"
