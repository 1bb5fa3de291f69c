"""Batch throughput and memory of `thaiplan run`.

    .venv/bin/python benchmarks/batch.py [--kind pdf|scan_pdf] [--n-speed 40]
        [--mem-sizes 20,200] [--dpi 300] [--work DIR]

1. files/s and pages/s with 1 and 2 workers over the same `--n-speed`
   generated plans (each a fresh output folder, so every file is read);
2. peak memory (RSS of the runner + all its child processes, sampled every
   20 ms with psutil or /proc) for each size in `--mem-sizes`: memory must
   not grow with the number of files.

Inputs: `pipeline.generate.samples.write_samples` of `--kind` (default
`pdf`, digital PDFs; `scan_pdf` = generated scans, read by OCR - about a
minute per file per core at 300 dpi).  Larger sets reuse the generated
plans as byte-different copies (a PDF comment appended after %%EOF), so
generating 200 plans is not part of the cost; every copy is a distinct file
(own sha256) that is read in full.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

THAIPLAN = str(Path(sys.executable).parent / "thaiplan")


def tree_rss(pid: int) -> int:
    try:
        import psutil

        proc = psutil.Process(pid)
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total
    except ImportError:  # /proc fallback: the process group (workers inherit it)
        total = 0
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(stat[2]) == pid or int(entry.name) == pid:  # pgrp
                        total += int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    pass
        return total
    except Exception:  # noqa: BLE001 - the process just ended
        return 0


def make_inputs(work: Path, kind: str, n: int, base_n: int, dpi_note: str = "") -> Path:
    from pipeline.generate.samples import write_samples

    base = work / f"base-{kind}-{base_n}"
    if not (base / ".done").exists():
        shutil.rmtree(base, ignore_errors=True)
        write_samples(base, base_n, seed=2024, kinds=(kind,))
        (base / ".done").write_text("ok")
    sources = sorted(p for p in base.iterdir() if p.suffix == ".pdf")
    folder = work / f"in-{kind}-{n}"
    if (folder / ".done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(n):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        data = src.read_bytes() + (f"\n% thaiplan benchmark copy {copy}\n".encode() if copy else b"")
        (folder / f"f{i:05d}_{src.name}").write_bytes(data)
    (folder / ".done").write_text("ok")
    return folder


def run(inputs: Path, out: Path, workers: int, dpi: int) -> tuple[dict, int]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [THAIPLAN, "run", str(inputs), "--out", str(out), "--workers", str(workers), "--dpi", str(dpi)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    stop.set()
    sampler.join()
    if code not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    summary = json.loads((out / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    return summary, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", default="pdf", choices=("pdf", "scan_pdf"))
    ap.add_argument("--n-speed", type=int, default=100)
    ap.add_argument("--mem-sizes", default="20,200")
    ap.add_argument("--base", type=int, default=20, help="distinct generated plans (copies fill the rest)")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--work", type=Path, default=Path("/tmp/thaiplan-bench"))
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    label = "digital PDFs (pdf_text)" if args.kind == "pdf" else f"generated scans (scan_pdf, OCR at {args.dpi} dpi)"
    print(f"inputs: {label}; {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")

    speed_in = make_inputs(args.work, args.kind, args.n_speed, min(args.base, args.n_speed))
    rates = {}
    for workers in (1, 2):
        s, peak = run(speed_in, args.work / f"out-speed-{workers}", workers, args.dpi)
        secs = s["seconds"]
        rates[workers] = s["files"]["total"] / secs
        worker_s = sum(
            json.loads(f.open(encoding="utf-8").readline())["seconds"]
            for f in (args.work / f"out-speed-{workers}" / ".thaiplan" / "results").glob("*.json")
        )
        print(
            f"workers={workers}: {s['files']['total']} files, {s['pages_read']} pages in {secs:.1f} s -> "
            f"{rates[workers]:.2f} files/s, {s['pages_read'] / secs:.2f} pages/s, peak RSS {peak / 2**20:.0f} MiB "
            f"(sum of per-file seconds {worker_s:.1f}; load average now {os.getloadavg()[0]:.2f})"
        )
    print(f"speed-up 2 vs 1 worker: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")

    for n in (int(x) for x in args.mem_sizes.split(",") if x):
        mem_in = make_inputs(args.work, args.kind, n, min(args.base, n))
        s, peak = run(mem_in, args.work / f"out-mem-{n}", 2, args.dpi)
        print(
            f"memory: {n} files, 2 workers: peak RSS (runner + children) {peak / 2**20:.0f} MiB; "
            f"{s['files']['total'] / s['seconds']:.2f} files/s"
        )


if __name__ == "__main__":
    main()
