"""`thaiplan tables`: every ruled table of any document as a CSV grid."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app


def test_tables_writes_each_table_as_a_grid(corpus: Callable[..., Path], tmp_path: Path) -> None:
    folder = corpus("digital", 20, seed=2026)
    pdf = sorted(folder.glob("*.pdf"))[0]
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    out = tmp_path / "tables"
    result = CliRunner().invoke(app, ["tables", str(pdf), str(bad), "--out", str(out)])
    assert result.exit_code == 3, result.output  # the broken file is named, the good one written
    grids = sorted(out.glob("*.csv"))
    assert len(grids) >= 2  # the (4)-(6) table and the activity table (one per page)
    activity = [list(csv.reader(g.open(encoding="utf-8-sig"))) for g in grids]
    widest = max(activity, key=lambda rows: len(rows[0]))
    assert len(widest[0]) == 27
    # the merged ไตรมาส 1 header is repeated over its six columns
    quarter_row = next(r for r in widest if any("ไตรมาส" in c for c in r))
    assert sum(1 for c in quarter_row if "ไตรมาส 1" in c or "ไตรมาส ๑" in c) == 6

    blank = tmp_path / "blank"
    CliRunner().invoke(app, ["tables", str(pdf), "--out", str(blank), "--blank-merged"])
    first = [list(csv.reader(g.open(encoding="utf-8-sig"))) for g in sorted(blank.glob("*.csv"))]
    quarter_row = next(r for rows in first for r in rows if any("ไตรมาส" in c for c in r))
    assert sum(1 for c in quarter_row if "ไตรมาส" in c) == 4
