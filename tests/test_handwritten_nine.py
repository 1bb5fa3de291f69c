"""A handwriting face's lone 9 (Purisa, a 300-dpi scan: seed 6161, plan 5):
the digit whitelist leaves it empty and the text model reads 'q' at 0.9.
In a number cell of an Arabic-digit page it is a 9."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "digits" / "purisa_nine"


def test_lone_nine_read_as_q_is_a_nine(ocr_engine) -> None:
    cv2 = pytest.importorskip("cv2")
    from pipeline.extract.scan.cell import read_cell
    from pipeline.extract.scan.cell_ink import cell_ink
    from pipeline.extract.scan.digit_script import DigitScript

    gray, clean, ink = (cv2.imread(str(DATA / f"cell_{k}.png"), cv2.IMREAD_GRAYSCALE) for k in ("gray", "clean", "ink"))
    h, w = gray.shape
    info = cell_ink(ink, gray, 0, 0, w, h, 300, False)
    script = DigitScript()
    script.forced = False
    assert "".join(ocr_engine.read_text(clean, single_line=True).text.split()) == "q"
    assert read_cell(gray, clean, ink, info, w, 1, 300, ocr_engine, script)[0] == "9"
