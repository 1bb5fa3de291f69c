"""Pages/second of the digital path (text-layer PDFs) on one core, and the
share of time spent inside the PDF library.

    .venv/bin/python benchmarks/digital.py [--n 20] [--seed 2026]

Generates N plans (cached under /tmp), then reads every PDF through
`process_file` (extract -> normalize -> validate -> rows) in this one process,
timing the whole and profiling where the time goes."""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from pipeline.generate.samples import write_samples  # noqa: E402
from pipeline.process import process_file  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.tables import result_rows  # noqa: E402

PDF_LIBS = ("pypdfium2",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    folder = Path(f"/tmp/thaiplan-bench/digital-{args.seed}-{args.n}")
    if not (folder / ".done").exists():
        write_samples(folder, args.n, seed=args.seed, kinds=("pdf",))
        (folder / ".done").write_text("ok")
    pdfs = sorted(folder.glob("*.pdf"))
    settings = Settings()
    process_file(pdfs[0], folder, settings)  # warm imports and fonts

    started = time.perf_counter()
    pages = 0
    for pdf in pdfs:
        result = process_file(pdf, folder, settings)
        result_rows(result)
        pages += result.source.pages
    wall = time.perf_counter() - started

    profiler = cProfile.Profile()
    profiler.enable()
    for pdf in pdfs:
        result_rows(process_file(pdf, folder, settings))
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    inside = sum(v[2] for k, v in stats.stats.items() if any(lib in k[0] for lib in PDF_LIBS))  # type: ignore[attr-defined]

    print(f"plans: {len(pdfs)}  pages: {pages}")
    print(f"seconds: {wall:.2f}  pages/s: {pages / wall:.1f}  s/page: {wall / pages * 1000:.0f} ms")
    print(f"share of time inside the PDF library ({', '.join(PDF_LIBS)}): {inside / total:.0%}")


if __name__ == "__main__":
    main()
