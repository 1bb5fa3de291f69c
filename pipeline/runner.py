"""The batch runner: files -> results -> the six tables, with progress and
a summary.  One bad file never stops the rest."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from pipeline.errors import ExitCode
from pipeline.files import collect
from pipeline.model import Result
from pipeline.process import process_file
from pipeline.settings import Settings
from pipeline.tables import result_rows
from pipeline.write import merge_rows, write_tables


def run_batch(inputs: list[Path], out: Path, settings: Settings, console: Console) -> int:
    started = time.perf_counter()
    files = collect(inputs)
    results: list[Result] = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task("reading", total=len(files))
        for path, root in files:
            progress.update(task, description=f"reading {path.name[:40]}")
            result = process_file(path, root, settings)
            for f in result.plan.findings:
                if f.check in ("read_error", "unparsed") and result.plan.status == "failed":
                    progress.console.print(f"[red]{result.source.path}[/red]: {f.message}")
            results.append(result)
            progress.advance(task)
    write_tables(merge_rows(result_rows(r) for r in results), out)
    _summary(results, time.perf_counter() - started, out, console)
    unreadable = any(r.plan.status == "failed" for r in results)
    return ExitCode.SOME_FILES_FAILED if unreadable else ExitCode.OK


def _summary(results: list[Result], seconds: float, out: Path, console: Console) -> None:
    status = Counter(r.plan.status for r in results)
    checks = Counter(f.check for r in results for f in r.plan.findings)
    pages = sum(r.source.pages for r in results)
    table = RichTable(title=f"thaiplan: {len(results)} files, {pages} pages, {seconds:.1f} s -> {out}")
    table.add_column("plans by status")
    table.add_column("n", justify="right")
    for name in ("ok", "repaired", "flagged", "failed"):
        table.add_row(name, str(status.get(name, 0)))
    for name, n in sorted(checks.items()):
        table.add_row(f"findings: {name}", str(n))
    console.print(table)
