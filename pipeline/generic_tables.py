"""`thaiplan tables`: every ruled table of any document as a CSV grid, for
Thai forms that are not action plans.  Uses only the extractor output."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipeline.errors import ThaiplanError
from pipeline.extract import extract
from pipeline.model import Table
from pipeline.settings import Settings


def table_grid(table: Table, repeat_merged: bool = True) -> list[list[str]]:
    """The table as rows x columns of text; a merged cell's text fills every
    slot it covers (`repeat_merged`) or only its top-left slot."""
    grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(table.n_rows, cell.row + cell.rowspan)):
            for c in range(cell.col, min(table.n_cols, cell.col + cell.colspan)):
                first = r == cell.row and c == cell.col
                if first or repeat_merged:
                    grid[r][c] = cell.text
    return grid


def safe_stem(path: Path) -> str:
    """An output name that cannot leave the output folder or confuse a shell."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem, flags=re.UNICODE).strip("._") or "file"
    return stem[:80]


def write_tables_csv(
    paths: list[Path], out: Path, settings: Settings, repeat_merged: bool = True
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(CSV files written, (file, reason) for files that could not be read);
    one unreadable file does not stop the others."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failed: list[tuple[Path, str]] = []
    stems: dict[str, int] = {}
    for path in paths:
        try:
            doc = extract(path, settings)
        except ThaiplanError as err:
            failed.append((path, str(err)))
            continue
        stem = safe_stem(path)
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            stem = f"{stem}_{stems[stem]}"  # two inputs with one name
        n = 0
        for page in doc.pages:
            for table in page.tables:
                n += 1
                target = out / f"{stem}_p{page.number}_t{n}.csv"
                with target.open("w", encoding="utf-8-sig", newline="") as fh:
                    csv.writer(fh).writerows(table_grid(table, repeat_merged))
                written.append(target)
    return written, failed
