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
    dpi: Annotated[int, typer.Option(help="Render resolution for scanned PDF pages")] = 300,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Pages per file before it is refused")] = 200,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Bytes per file before it is refused")] = 200 * 2**20,
    max_pixels: Annotated[int, typer.Option("--max-pixels", help="Pixels per page image")] = 200_000_000,
    max_seconds: Annotated[float, typer.Option("--max-seconds", help="Seconds per file")] = 600.0,
) -> None:
    """Read plans and write plans/activities/monthly/totals/indicators/findings."""
    from pipeline.runner import run_batch

    settings = Settings(dpi=dpi, max_pages=max_pages, max_bytes=max_bytes, max_pixels=max_pixels, max_seconds=max_seconds)
    try:
        code = run_batch(inputs, out, settings, console)
    except ThaiplanError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(err.exit_code) from err
    except FileNotFoundError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(ExitCode.BAD_ARGS) from err
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


def main() -> None:
    app()
