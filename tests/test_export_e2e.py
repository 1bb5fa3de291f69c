"""Text exports of earlier OCR runs end to end: the same contract tables as
the PDF path, month headers mapped by position, invented rows flagged."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.generate.export import write_export
from pipeline.generate.score import Score, score_rows
from pipeline.process import process_file
from pipeline.settings import Settings
from pipeline.tables import result_rows
from tests.conftest import load_truth

N_PLANS = 20


@pytest.fixture(scope="module")
def exports(corpus: Callable[..., Path]) -> Path:
    return corpus("digital", N_PLANS, seed=2026)


def _rows(path: Path, kind: str = "ocr_text") -> dict:
    result = process_file(path, path.parent, Settings())
    assert result.source.source_kind == kind
    return result_rows(result)


def _without_ids(rows: list[dict], drop: tuple[str, ...] = ("plan_id",)) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


def test_every_value_and_header_exact_with_noisy_month_headers(exports: Path) -> None:
    total = Score()
    noisy = 0
    for truth_path in sorted(exports.glob("*.truth.json")):
        txt = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
        rows = _rows(txt)
        total.add(score_rows(rows, load_truth(truth_path)))
        text = txt.read_text(encoding="utf-8")
        noisy += any(v in text for v in ("ค.ค.", "ค.ศ.", "น.บ.", "\tยว", "ตุลาคม", "\tตค"))
        assert {f["severity"] for f in rows["findings"]} <= {"warning"}, rows["findings"]
        # month mapping: monthly rows carry the 12 fiscal months in order
        months = [m["month_th"] for m in rows["monthly"] if m["seq"] == rows["monthly"][0]["seq"]]
        assert months == ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
    assert total.numbers > 5000 and total.wrong == []
    assert noisy >= 5  # the generator really did garble headers


@pytest.mark.parametrize("flavour", ["markdown", "html"])
def test_markdown_and_html_exports_give_the_same_tables(exports: Path, tmp_path: Path, flavour: str) -> None:
    for truth_path in sorted(exports.glob("*.truth.json"))[:4]:
        truth = load_truth(truth_path)
        tab = _rows(truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")))
        other = tmp_path / f"{truth_path.stem}.{ 'md' if flavour == 'markdown' else 'html'}"
        write_export(truth, other, flavour=flavour, rng=random.Random(5))
        got = _rows(other)
        for table in ("activities", "monthly", "totals", "indicators"):
            assert _without_ids(got[table]) == _without_ids(tab[table]), (flavour, table)
        assert score_rows(got, truth).wrong == []


def test_pdf_and_export_of_one_plan_give_identical_tables(exports: Path) -> None:
    for truth_path in sorted(exports.glob("*.truth.json"))[:6]:
        pdf = _rows(truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf")), "pdf_text")
        txt = _rows(truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")))
        # the export does not mark pages, so `page` is the one column that differs
        assert _without_ids(pdf["activities"], ("plan_id", "page", "description")) == _without_ids(
            txt["activities"], ("plan_id", "page", "description")
        )
        for table in ("monthly", "totals"):
            assert _without_ids(pdf[table]) == _without_ids(txt[table]), table


def test_invented_rows_get_month_count_and_the_rest_stays_exact(exports: Path, tmp_path: Path) -> None:
    for i, truth_path in enumerate(sorted(exports.glob("*.truth.json"))[:6]):
        truth = load_truth(truth_path)
        path = tmp_path / f"invented_{i}.txt"
        invented = write_export(truth, path, flavour="tab", rng=random.Random(i), invented_rows=True)
        assert invented
        result = process_file(path, tmp_path, Settings())
        rows = result_rows(result)
        counts = [f for f in result.plan.findings if f.check == "month_count"]
        assert len(counts) == len(invented)
        assert all(18 <= int(f.found) <= 20 for f in counts)
        assert result.plan.status == "flagged"
        flagged_seqs = {a.seq for a in result.plan.activities if a.month_pairs_found not in (None, 12)}
        assert flagged_seqs == {p + 1 for p in invented}
        assert not [m for m in rows["monthly"] if m["seq"] in flagged_seqs]  # no monthly values for them
        # drop the invented rows and renumber: the rest is exactly the truth
        kept = [a for a in rows["activities"] if a["seq"] not in flagged_seqs]
        renumber = {a["seq"]: n + 1 for n, a in enumerate(kept)}
        clean = {
            **rows,
            "activities": [{**a, "seq": renumber[a["seq"]]} for a in kept],
            "monthly": [{**m, "seq": renumber[m["seq"]]} for m in rows["monthly"] if m["seq"] in renumber],
        }
        assert score_rows(clean, truth).wrong == []
