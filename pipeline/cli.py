"""The `thaiplan` command: a thin typer layer over the runner."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.errors import ExitCode, ThaiplanError
from pipeline.settings import Settings

app = typer.Typer(help="Turn Thai action plans (scanned or digital) into clean, validated tables.", no_args_is_help=True)
console = Console(stderr=True)


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the six tables")] = Path("data/clean"),
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", help="Worker processes (default: one per core)", min=1)
    ] = None,
    executor: Annotated[str, typer.Option(help="local (process pool) or dask")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://HOST:8786 (implies --executor dask)")
    ] = None,
    prune: Annotated[bool, typer.Option("--prune", help="Drop the rows of files no longer among the inputs")] = False,
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned PDF pages")] = 300,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Pages per file before it is refused")] = 200,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Bytes per file before it is refused")] = 200 * 2**20,
    max_pixels: Annotated[int, typer.Option("--max-pixels", help="Pixels per page image")] = 200_000_000,
    max_seconds: Annotated[float, typer.Option("--max-seconds", help="Seconds per file before it is stopped")] = 600.0,
    corrections: Annotated[
        Path | None, typer.Option("--corrections", help="corrections.csv downloaded from the review page", dir_okay=False)
    ] = None,
    review: Annotated[bool, typer.Option("--review/--no-review", help="Write OUT/review/index.html after the run")] = True,
) -> None:
    """Read plans into plans/activities/monthly/totals/indicators/findings.

    Files already read (same bytes, same pipeline) are skipped; safe to run
    from cron (one run per output folder at a time)."""
    from pipeline.review import load_corrections, remember_inputs, write_review
    from pipeline.runner import run_batch

    if executor not in ("local", "dask"):
        console.print(f"[red]error:[/red] --executor must be local or dask, not {executor!r}")
        raise typer.Exit(ExitCode.BAD_ARGS)
    settings = Settings(dpi=dpi, max_pages=max_pages, max_bytes=max_bytes, max_pixels=max_pixels, max_seconds=max_seconds)
    try:
        fixes = load_corrections(corrections) if corrections else None
        code = run_batch(
            inputs,
            out,
            settings,
            console,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            prune=prune,
            corrections=fixes,
        )
        remember_inputs(out, inputs)
        if review:
            console.print(f"review page: {write_review(out, inputs, scan_dpi=dpi)}")
    except ThaiplanError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(err.exit_code) from err
    except FileNotFoundError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(ExitCode.BAD_ARGS) from err
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    raise typer.Exit(code)


@app.command()
def sample(
    n: Annotated[int, typer.Option("--n", help="How many plans")] = 5,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the generated plans")] = Path("data/raw"),
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same files)")] = 0,
    kinds: Annotated[str, typer.Option(help="Comma-separated: pdf,txt,scan_pdf,png,tiff")] = "pdf,txt",
) -> None:
    """Generate test plans with their ground truth (<name>.truth.json)."""
    from pipeline.generate.samples import write_samples

    paths = write_samples(out, n, seed=seed, kinds=tuple(k.strip() for k in kinds.split(",") if k.strip()))
    console.print(f"wrote {len(paths)} files to {out}")


@app.command()
def review(
    out: Annotated[Path, typer.Argument(help="Output folder of a run")] = Path("data/clean"),
    inputs: Annotated[
        list[Path] | None, typer.Option("--input", "-i", help="Inputs the run read (default: those it remembered)")
    ] = None,
    dpi: Annotated[int, typer.Option(help="The --dpi the run used for scanned PDFs")] = 300,
) -> None:
    """Write OUT/review/index.html: doubted numbers beside their page crops.

    Type the right values, download corrections.csv, then run again with
    `thaiplan run ... --corrections corrections.csv`."""
    from pipeline.review import remembered_inputs, write_review

    try:
        page = write_review(out, inputs or remembered_inputs(out), scan_dpi=dpi)
    except FileNotFoundError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(ExitCode.BAD_ARGS) from err
    console.print(f"review page: {page}")


@app.command()
def tables(
    files: Annotated[list[Path], typer.Argument(help="Documents of any kind: PDF, image, text export")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the CSV grids")] = Path("tables"),
    repeat_merged: Annotated[
        bool, typer.Option("--repeat-merged/--blank-merged", help="Repeat a merged cell's text in every slot it covers")
    ] = True,
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned PDF pages")] = 300,
) -> None:
    """Write every ruled table of any document as a CSV grid.

    One file per table, for Thai forms that are not action plans."""
    from pipeline.generic_tables import write_tables_csv

    written, failed = write_tables_csv(files, out, Settings(dpi=dpi), repeat_merged)
    for path, message in failed:
        console.print(f"[red]{path}[/red]: {message}")
    console.print(f"wrote {len(written)} tables to {out}")
    raise typer.Exit(ExitCode.SOME_FILES_FAILED if failed else ExitCode.OK)


def main() -> None:
    app()
