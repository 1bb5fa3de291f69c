"""The digital path end to end on generated PDFs, against ground truth."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pipeline.generate.render_pdf import render_pdf
from pipeline.generate.score import Score, score_rows
from pipeline.generate.truth import random_plan
from pipeline.process import process_file
from pipeline.settings import Settings
from pipeline.tables import result_rows
from tests.conftest import load_truth

N_PLANS = 20


@pytest.fixture(scope="module")
def digital(corpus: Callable[..., Path]) -> Path:
    return corpus("digital", N_PLANS, seed=2026)


def test_generated_corpus_covers_the_variation(digital: Path) -> None:
    truths = [load_truth(p) for p in sorted(digital.glob("*.truth.json"))]
    assert len(truths) == N_PLANS
    assert any(t["style"]["thai_digits"] for t in truths)
    assert len({t["style"]["font"] for t in truths}) >= 5
    assert any(max(a["page"] for a in t["activities"]) >= 2 for t in truths)


def test_every_number_and_header_field_is_exact(digital: Path) -> None:
    total = Score()
    statuses = []
    for truth_path in sorted(digital.glob("*.truth.json")):
        pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        result = process_file(pdf, digital, Settings())
        assert result.source.source_kind == "pdf_text"
        rows = result_rows(result)
        score = score_rows(rows, load_truth(truth_path))
        total.add(score)
        statuses.append((pdf.name, result.plan.status, [f.message for f in result.plan.findings]))
        pages = [a["page"] for a in rows["activities"]]
        assert pages == [a["page"] for a in load_truth(truth_path)["activities"]], pdf.name
    assert total.numbers > 5000
    numeric_wrong = [w for w in total.wrong if "description" not in w and not w.startswith("header")]
    assert numeric_wrong == []
    assert total.header_accuracy == 1.0, [w for w in total.wrong if w.startswith(("header", "indicators"))]
    assert all(status == "ok" and not findings for _, status, findings in statuses), statuses
    assert total.description_accuracy >= 0.99, [w for w in total.wrong if "description" in w]


def test_one_changed_number_is_named_by_code_and_month(tmp_path: Path) -> None:
    import random

    truth = random_plan(random.Random(7))
    leaf = next(a for a in truth["activities"] if a["months"] and a["months"][4][1] > 0)
    printed = copy.deepcopy(truth)
    target = next(a for a in printed["activities"] if a["seq"] == leaf["seq"])
    target["months"][4][1] += 1000  # the PDF says 1,000 baht more in ก.พ. than its sums allow
    pdf = tmp_path / "changed.pdf"
    render_pdf(printed, pdf)
    result = process_file(pdf, tmp_path, Settings())
    named = {(f.check, f.code, f.month_index) for f in result.plan.findings}
    assert result.plan.status == "flagged"
    assert named == {("row_sum_budget", leaf["code"], 5), ("column_total", leaf["code"], 5)}


def test_run_writes_six_tables_byte_identical_on_rerun(digital: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    inputs = tmp_path / "in"
    inputs.mkdir()
    for pdf in sorted(digital.glob("*.pdf"))[:3]:
        (inputs / pdf.name).write_bytes(pdf.read_bytes())
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    for out in (out1, out2):
        res = CliRunner().invoke(app, ["run", str(inputs), "--out", str(out)])
        assert res.exit_code == 0, res.output
    names = ["plans", "activities", "monthly", "totals", "indicators", "findings"]
    for name in names:
        for ext in ("csv", "parquet"):
            assert (out1 / f"{name}.{ext}").read_bytes() == (out2 / f"{name}.{ext}").read_bytes(), name
    csv = (out1 / "plans.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    plans = pd.read_parquet(out1 / "plans.parquet")
    assert len(plans) == 3 and set(plans["status"]) == {"ok"}
    assert str(plans["pages"].dtype) == "Int64" and str(plans["budget_received_thb"].dtype) == "float64"
    monthly = pd.read_csv(out1 / "monthly.csv", encoding="utf-8-sig")
    assert set(monthly["month_index"]) == set(range(1, 13))
    assert not monthly.duplicated(["plan_id", "seq", "month_index"]).any()


def test_a_second_corpus_reads_exact_too(corpus: Callable[..., Path]) -> None:
    """Other seeds, other fonts and layouts: a Thai mark whose glyph reaches
    over a cell border stays with its letter (seed 505 found it)."""
    folder = corpus("digital-505", 20, seed=505, kinds=("pdf",))
    total = Score()
    for truth_path in sorted(folder.glob("*.truth.json")):
        pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        result = process_file(pdf, folder, Settings())
        total.add(score_rows(result_rows(result), load_truth(truth_path)))
        assert result.plan.status == "ok", (pdf.name, [f.message for f in result.plan.findings])
    assert total.wrong == []
