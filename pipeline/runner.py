"""The batch runner: files -> result store -> the six tables, with a lock,
progress, a summary and `runs.jsonl`.

Flow of `run_batch` (see `pipeline.store` for the store layout):

1. take `OUT/.thaiplan.lock` (a second run on the same folder exits LOCKED);
   finish a table swap a crash interrupted;
2. walk the inputs in sorted order, hash each file, and skip it when the store
   already holds a current result for those bytes (same pipeline stamp);
   otherwise hand it to the executor (local process pool or Dask) - lazily,
   so only a few tasks are in flight, whatever the number of files;
3. write each result to the store the moment it arrives (atomic, one file per
   sha256), never keeping results in memory;
4. write the index (source path -> sha256): this run's files, plus the files
   of earlier runs unless `--prune`; then assemble the six tables from the
   store and swap them in as one unit; delete results nothing refers to;
5. print the summary and append it to `OUT/runs.jsonl`.

Ctrl-C (or SIGTERM) stops the workers, keeps every finished result, and
still does steps 4-5 with what is done (files not finished keep their old
rows), then returns `ExitCode.INTERRUPTED`.  SIGKILL at any moment loses at
most the files in flight; the next run skips everything already stored and
rebuilds the tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

import pipeline
from pipeline.errors import ExitCode
from pipeline.executors import Task, make_executor
from pipeline.files import collect, printable
from pipeline.lock import OutputLock
from pipeline.files import sha256_of
from pipeline.settings import Settings
from pipeline.store import Store, result_stamp

RUNS_LOG = "runs.jsonl"


def run_batch(
    inputs: list[Path],
    out: Path,
    settings: Settings,
    console: Console,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    prune: bool = False,
    corrections: dict[str, list] | None = None,
) -> int:
    """`corrections`: plan_id -> corrections from the review page; a plan's
    corrections are part of its result's stamp, so a corrected file is read
    again and stays corrected on every later run."""
    started_wall = time.time()
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    if scheduler and executor != "dask":
        executor = "dask"
    files = collect(  # FileNotFoundError -> the CLI's BAD_ARGS
        inputs, on_skip=lambda rel, why: console.print(f"[yellow]{rel}[/yellow]: {escape(why)}"), exclude=[out]
    )
    out.mkdir(parents=True, exist_ok=True)
    with OutputLock(out), _sigterm_as_interrupt():
        store = Store(out).open()
        old_index = store.read_index()
        stamp = result_stamp(settings)
        hooks = {k: os.environ.get(f"THAIPLAN_TEST_{k.upper()}") for k in ("hang_on", "crash_on")}

        counts: Counter = Counter()  # new / changed / reread / skipped / duplicate / unreadable
        seen: dict[str, str] = {}  # rel path -> sha256, this run
        status_of: dict[str, str] = {}  # sha256 -> plan status, for this run's files
        in_flight: set[str] = set()
        pages_read = 0
        interrupted = False
        fatal: BaseException | None = None

        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=False,
        ) as progress:
            bar = progress.add_task("reading", total=len(files))

            def tasks() -> Iterator[Task]:
                for path, root in files:
                    rel = path.relative_to(root).as_posix()
                    try:
                        sha = sha256_of(path)
                    except OSError as err:
                        counts["unreadable"] += 1
                        progress.console.print(f"[red]{printable(rel)}[/red]: cannot open ({escape(str(err.strerror or err))}); left out")
                        progress.advance(bar)
                        continue
                    seen[rel] = sha
                    if sha in in_flight or sha in status_of:
                        counts["duplicate"] += 1  # same bytes as a file earlier in this run
                        progress.advance(bar)
                        continue
                    meta = store.meta(sha)
                    fixes = tuple((corrections or {}).get(sha[:16], ()))
                    file_stamp = f"{stamp}+c{_digest(fixes)}" if fixes else stamp
                    if store.is_current(meta, file_stamp, settings):
                        counts["skipped"] += 1
                        status_of[sha] = meta["status"]
                        progress.advance(bar)
                        continue
                    old = old_index.get(rel)
                    counts["new" if old is None else ("changed" if old != sha else "reread")] += 1
                    in_flight.add(sha)
                    progress.update(bar, description=f"reading {printable(path.name[:40])}")
                    yield Task(str(path), str(root), rel, sha, settings, file_stamp, **hooks, corrections=fixes)

            try:
                with make_executor(executor, workers, settings, scheduler) as pool:
                    for task, payload in pool.map(tasks()):
                        meta, rows = payload["meta"], payload["rows"]
                        store.put(meta, rows)
                        in_flight.discard(task.sha256)
                        if meta["sha256"] != task.sha256:  # the file changed while we read it
                            seen[task.rel] = meta["sha256"]
                        status_of[meta["sha256"]] = meta["status"]
                        pages_read += meta.get("pages") or 0
                        if meta["status"] == "failed":
                            why = next((r["message"] for r in rows["findings"]), "")
                            progress.console.print(f"[red]{printable(task.rel)}[/red]: {escape(why)}")
                        del payload, rows
                        progress.advance(bar)
                progress.update(bar, description="read")
            except KeyboardInterrupt:
                interrupted = True
                progress.console.print("[yellow]interrupted: keeping the files already read[/yellow]")
            except Exception as err:  # a pipeline-fatal error (e.g. missing dependency): keep what is done
                fatal = err

        # 4. index -> tables.  Files whose result never reached the store keep their old rows.
        complete = not interrupted and fatal is None
        index = {} if (prune and complete) else dict(old_index)
        for rel, sha in seen.items():
            if store.meta(sha) is not None:
                index[rel] = sha
        pruned = sorted(set(old_index) - set(index))
        store.write_index(index)
        frames, status, checks = store.build_frames(index)
        store.publish(frames)
        store.collect_garbage(index)
        del frames

        failed = sorted(rel for rel, sha in seen.items() if status_of.get(sha) == "failed")
        if interrupted:
            code = ExitCode.INTERRUPTED
        elif failed or counts["unreadable"]:
            code = ExitCode.SOME_FILES_FAILED
        else:
            code = ExitCode.OK
        summary = {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started_wall)),
            "seconds": round(time.perf_counter() - started, 2),
            "version": pipeline.__version__,
            "stamp": stamp,
            "inputs": [str(p) for p in inputs],
            "out": str(out),
            "executor": executor,
            "workers": workers,
            "scheduler": scheduler,
            "prune": prune,
            "files": {
                "total": len(files),
                "new": counts["new"],
                "changed": counts["changed"],
                "reread": counts["reread"],
                "skipped": counts["skipped"],
                "duplicate": counts["duplicate"],
                "failed": len(failed),
                "unreadable": counts["unreadable"],
                "pruned": len(pruned),
                "not_finished": len(in_flight) if not complete else 0,
            },
            "failed_files": failed[:100],
            "pages_read": pages_read,
            "plans": sum(status.values()),
            "plans_by_status": {k: status.get(k, 0) for k in ("ok", "repaired", "flagged", "failed")},
            "findings_by_check": dict(sorted(checks.items())),
            "interrupted": interrupted,
            "error": str(fatal) if fatal else None,
            "exit_code": int(getattr(fatal, "exit_code", code)) if fatal else int(code),
        }
        _append_jsonl(out / RUNS_LOG, summary)
        _print_summary(summary, console)
        if fatal is not None:
            raise fatal
        return code


class _sigterm_as_interrupt:
    """cron/systemd stop a job with SIGTERM: treat it like Ctrl-C."""

    def __enter__(self):
        self._old = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGTERM, self._handler)
        return self

    @staticmethod
    def _handler(signum, frame):
        raise KeyboardInterrupt

    def __exit__(self, *exc):
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


def _digest(items: tuple) -> str:
    return hashlib.sha256(repr(items).encode("utf-8")).hexdigest()[:12]


def _append_jsonl(path: Path, record: dict) -> None:
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _print_summary(s: dict, console: Console) -> None:
    f = s["files"]
    title = (
        f"thaiplan: {f['total']} files, {s['pages_read']} pages read, {s['seconds']:.1f} s -> {s['out']}"
        + (" [yellow](interrupted)[/yellow]" if s["interrupted"] else "")
    )
    table = RichTable(title=title)
    table.add_column("")
    table.add_column("n", justify="right")
    for name in ("new", "changed", "reread", "skipped", "duplicate", "failed", "unreadable", "pruned", "not_finished"):
        if f[name] or name in ("new", "changed", "skipped", "failed"):
            table.add_row(f"files {name}", str(f[name]))
    table.add_row("plans in tables", str(s["plans"]))
    for name, n in s["plans_by_status"].items():
        table.add_row(f"plans {name}", str(n))
    for name, n in s["findings_by_check"].items():
        table.add_row(f"findings: {name}", str(n))
    console.print(table)
    if s["failed_files"]:
        console.print(f"[red]could not read {f['failed']} file(s)[/red]; see findings.csv (check read_error)")
