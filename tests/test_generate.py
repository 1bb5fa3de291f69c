"""Tests of the test-plan generator (truth, HTML, PDF text layer, samples)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.generate import vocab
from pipeline.generate.render_html import render_html
from pipeline.generate.truth import check_consistency, leaf_codes, random_plan

THAI_MARKS_WORDS = "กาฬสินธุ์ ที่ น้ำ ผู้ ญี่ปุ่น ฐานะ บุญ สิทธิ์ ฤดู ปู่ ศักดิ์ พันธุ์ สำนัก ซ้ำ ฉ่ำ"


def _plan(seed: int, **style) -> dict:
    truth = random_plan(random.Random(seed), seed=seed)
    truth["style"].update(style)
    return truth


@pytest.mark.parametrize("seed", range(120))
def test_truth_is_consistent(seed):
    truth = random_plan(random.Random(seed), seed=seed)
    assert check_consistency(truth) == []
    leaves = leaf_codes(truth)
    assert 10 <= len(leaves) <= 50
    assert 1 <= len(truth["indicators"]) <= 4
    assert 1 <= len(truth["plan"]["responsible_entities"].split("\n")) <= 3
    assert 2560 <= truth["plan"]["fiscal_year_be"] <= 2568
    for act in truth["activities"]:
        assert act["description"] and act["description"] == " ".join(act["description"].split())
        if act["months"] is not None:
            assert all(isinstance(w, int) and isinstance(b, float) for w, b in act["months"])
    json.dumps(truth, ensure_ascii=False)  # serialisable


def test_truth_is_deterministic_and_varied():
    a = random_plan(random.Random(11), seed=11)
    b = random_plan(random.Random(11), seed=11)
    assert a == b
    styles = [random_plan(random.Random(s))["style"] for s in range(60)]
    assert {s["thai_digits"] for s in styles} == {True, False}
    assert {s["zero"] for s in styles} == {"-", ""}
    assert len({s["font"] for s in styles}) > 8


def test_check_consistency_catches_errors():
    truth = random_plan(random.Random(5))
    leaf = next(a for a in truth["activities"] if a["code"] in leaf_codes(truth))
    leaf["months"][0][1] += 100.0
    problems = check_consistency(truth)
    assert any("budget months" in p for p in problems)
    assert any("totals month 1 budget" in p for p in problems)


def test_html_has_form_parts():
    truth = _plan(3, thai_digits=False, header_numbers=True)
    html = render_html(truth)
    for text in ("(Action Plan)", "(7) กิจกรรม/ขั้นตอนของกิจกรรม", "รวมแผนการใช้งบประมาณ", "<thead>",
                 "ไตรมาส 4", "ก.ย.", "(13) ลายมือชื่อผู้เสนอแผน", "(14) ผู้อนุมัติแผน", "(11)"):
        assert text in html
    thai = render_html(_plan(3, thai_digits=True))
    assert "พ.ศ. ๒๕" in thai and "ไตรมาส ๔" in thai


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One plan per font (a third of them in Thai digits), rendered once."""
    from pipeline.generate.render_pdf import render_pdf

    out = tmp_path_factory.mktemp("pdf")
    result = []
    for i, font in enumerate(vocab.FONTS):
        truth = _plan(300 + i, font=font, thai_digits=(i % 3 == 0))
        path = out / f"f{i:02d}.pdf"
        pages = render_pdf(truth, path)
        result.append((truth, path, pages))
    return result


def test_render_every_font(rendered):
    from pipeline.generate.render_pdf import text_layer_check

    for truth, path, pages in rendered:
        assert pages >= 1 and path.stat().st_size > 5000
        assert all(a["page"] is not None and 1 <= a["page"] <= pages for a in truth["activities"])
        pages_seen = [a["page"] for a in truth["activities"]]
        assert pages_seen == sorted(pages_seen)
        assert text_layer_check(path, truth) == [], truth["style"]["font"]


def test_multi_page_plan(tmp_path):
    from pipeline.generate.render_pdf import render_pdf, text_layer_check

    seed = next(s for s in range(1000) if len(leaf_codes(random_plan(random.Random(s)))) >= 45)
    truth = _plan(seed, thai_digits=True, font="Garuda")
    path = tmp_path / "big.pdf"
    pages = render_pdf(truth, path)
    assert pages >= 2
    assert truth["activities"][-1]["page"] >= 2
    assert text_layer_check(path, truth) == []


def test_tricky_thai_words_every_font(tmp_path):
    """Mark order, ำ and shifted marks come out of the text layer right."""
    import unicodedata

    from weasyprint import HTML

    from pipeline.generate.render_pdf import install_tounicode_fix, normalize_page_text, page_texts

    install_tounicode_fix()
    words = THAI_MARKS_WORDS.split()
    for font in vocab.FONTS:
        path = tmp_path / "w.pdf"
        HTML(string=f"<p style=\"font-family:'{font}'\">{'|'.join(words)}</p>").write_pdf(path)
        got = "".join(normalize_page_text(page_texts(path)[0]).split()).split("|")
        assert got == [unicodedata.normalize("NFC", w) for w in words], font


def test_samples_deterministic(tmp_path):
    from pipeline.generate.samples import write_samples

    a = write_samples(tmp_path / "a", 1, seed=3, kinds=("pdf",))
    b = write_samples(tmp_path / "b", 1, seed=3, kinds=("pdf",))
    assert [p.name for p in a] == ["plan_0001.pdf", "plan_0001.truth.json"]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    truth = json.loads((tmp_path / "a" / "plan_0001.truth.json").read_text(encoding="utf-8"))
    assert truth["activities"][0]["page"] == 1
    assert b"CreationDate" not in a[0].read_bytes()


def test_samples_txt_kind(tmp_path):
    from pipeline.generate.samples import write_samples

    paths = write_samples(tmp_path, 1, seed=1, kinds=("txt",))
    names = [p.name for p in paths]
    assert "plan_0001.truth.json" in names
    try:
        import pipeline.generate.export  # noqa: F401
    except ModuleNotFoundError:
        assert names == ["plan_0001.truth.json"]
    else:
        assert "plan_0001.txt" in names
