"""A lone Thai ๑ or ๓ in a cell of a Tlwg Typist plan scanned at 300 dpi
blurs into a solid blob about a dash's width (9-10 x 8 px): it is a glyph,
not a dash nor a speck, because it stands far taller than the table's own
dashes (`cell_ink.settle_specks`).  Plan 12 of the scan benchmark's corpus
(seed 11) lost 51 such cells to '' or '-'."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from pipeline.settings import Settings


def scanned_first_page(tmp_path: Path, seed: int, index: int) -> tuple[dict, list[tuple[str, str]]]:
    """Plan `index` of `seed`, printed with Thai digits, scanned at 300 dpi
    (page 1, as a PNG) and read: its truth, and each number cell of page 1
    as printed beside its reading."""
    pytest.importorskip("weasyprint")
    from pipeline.extract.image import extract_image
    from pipeline.generate.degrade import write_scan
    from pipeline.generate.render_html import row_cells
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from scan import activity_rows  # benchmarks/scan.py

    truth = make_truth(seed, index)
    truth["style"]["thai_digits"] = True
    pdf, png = tmp_path / "plan.pdf", tmp_path / "plan.png"
    render_pdf(truth, pdf)
    write_scan(truth, pdf, png, "png", random.Random(seed * 1000 + index), dpi=300)
    got = activity_rows(extract_image(png, Settings()).pages)
    acts = [a for a in truth["activities"] if a.get("page") in (None, 1)]
    pairs = []
    for i, act in enumerate(acts):
        read = got[i][1:] if i < len(got) else [None] * 26
        pairs += [(want, "".join((text or "").split())) for want, text in zip(row_cells(act, truth["style"]), read)]
    return truth, pairs


def test_lone_thai_digits_are_no_dashes(tmp_path):
    truth, pairs = scanned_first_page(tmp_path, 11, 12)
    assert truth["style"]["font"] == "Tlwg Typist"
    lone = [text for want, text in pairs if want in ("๑", "๓")]
    lost = sum(text in ("", "-") for text in lone)
    assert len(lone) >= 20
    assert lost <= 1, (lost, len(lone))
