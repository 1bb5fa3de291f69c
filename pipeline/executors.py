"""Where per-file tasks run: a local process pool (default) or a Dask cluster.

Both take an iterator of `Task`s (pulled lazily, so at most a few tasks are
in flight whatever the number of files) and yield `(task, payload)` as each
file finishes, in completion order.  A payload is plain JSON-able data
(`{"meta": {...}, "rows": {table: [row, ...]}}`) that the runner writes to
the result store at once; the executor never keeps it.

Failures never stop the batch:
- local pool: each worker is a long-lived process fed one task at a time over
  a pipe.  A task that runs past `max_seconds` gets its worker SIGKILLed; a
  worker that dies (segfault, os._exit, OOM kill) is noticed by its pipe/
  sentinel.  Either way the file becomes a `failed` plan with a `read_error`
  finding and a fresh worker takes its place.
- Dask: the file is read in a thread of the Dask worker and waited for with
  the limit; past it the task returns the `failed` result (the stuck thread
  cannot be killed from inside the worker; it keeps one core until the worker
  is restarted - prefer the local pool for inputs that may hang).  A task
  that kills its worker ends as `KilledWorker` after the scheduler's
  `allowed-failures` retries and becomes a `failed` plan.

Test hooks (documented, minimal): the runner copies the environment
variables `THAIPLAN_TEST_HANG_ON` / `THAIPLAN_TEST_CRASH_ON` (a file name)
into each task; the worker then sleeps forever / calls `os._exit(70)` on that
file instead of reading it.  Nothing else reads them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from pipeline.errors import ThaiplanError
from pipeline.settings import Settings


@dataclass(frozen=True, slots=True)
class Task:
    path: str  # as given (absolute or relative to the runner's cwd)
    root: str  # what source_file is relative to
    rel: str  # source_file
    sha256: str  # as hashed by the runner (the worker hashes again)
    settings: Settings
    stamp: str
    hang_on: str | None = None
    crash_on: str | None = None
    corrections: tuple = ()  # this plan's rows of corrections.csv


class WorkerFatal(ThaiplanError):
    """A pipeline error that must stop the run (e.g. a missing dependency),
    raised in a worker and re-raised in the runner."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self):
        return (WorkerFatal, (str(self), self.exit_code))


# ----------------------------------------------------------------------------
# the per-file task (runs in a worker)
# ----------------------------------------------------------------------------


def make_payload(result, stamp: str, failure: str | None = None, limit: float | None = None) -> dict:
    from pipeline.tables import result_rows

    rows = result_rows(result)
    meta = {
        "stamp": stamp,
        "sha256": result.source.sha256,
        "source_path": result.source.path,
        "source_kind": result.source.source_kind,
        "pages": result.source.pages,
        "status": result.plan.status,
        "seconds": round(result.seconds, 3),
        "failure": failure,
        "limit_seconds": limit,
        "checks": dict(Counter(f.check for f in result.plan.findings)),
    }
    return {"meta": meta, "rows": rows}


def failed_payload(task: Task, failure: str, message: str, seconds: float = 0.0) -> dict:
    from pipeline.model import Result, SourceInfo
    from pipeline.process import failed_plan

    result = Result(SourceInfo(path=task.rel, sha256=task.sha256), failed_plan("read_error", message), seconds)
    return make_payload(result, task.stamp, failure, task.settings.max_seconds if failure == "timeout" else None)


def timeout_message(settings: Settings) -> str:
    return (
        f"reading this file took longer than the {settings.max_seconds:g} s limit per file and was stopped: "
        "raise it with --max-seconds if the file is genuine"
    )


def crash_message(detail: str) -> str:
    return (
        f"the worker process reading this file crashed ({detail}): it is tried again on the next run; "
        "if it keeps crashing the file may be damaged: please report it"
    )


def run_task(task: Task) -> dict:
    """One file -> payload.  Ordinary problems are already `failed` plans
    inside `process_file`; only pipeline-fatal errors raise."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # before anything imports tesserocr
    name = Path(task.path).name
    if task.hang_on and name == task.hang_on:
        while True:
            time.sleep(3600)
    if task.crash_on and name == task.crash_on:
        os._exit(70)
    from pipeline.process import process_file

    result = process_file(Path(task.path), Path(task.root), task.settings, task.corrections)
    if result.source.path != task.rel:
        result.source.path = task.rel
    return make_payload(result, task.stamp)


# ----------------------------------------------------------------------------
# local pool of killable worker processes
# ----------------------------------------------------------------------------


def _worker_main(conn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner handles Ctrl-C and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the runner is gone
        if task is None:
            return
        try:
            out = ("ok", run_task(task))
        except ThaiplanError as err:
            out = ("fatal", (str(err), int(getattr(err, "exit_code", 1))))
        except BaseException as err:  # noqa: BLE001 - report, keep serving
            out = ("error", f"{type(err).__name__}: {err}")
        try:
            conn.send(out)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True, name="thaiplan-worker")
        self.proc.start()
        child.close()
        self.conn = parent
        self.task: Task | None = None
        self.deadline = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _context():
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by the fork server and every worker
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.process", "pipeline.tables", "pipeline.executors"])
    except ValueError:  # no forkserver on this platform
        ctx = mp.get_context("spawn")
    return ctx


class LocalExecutor:
    name = "local"

    def __init__(self, workers: int, settings: Settings) -> None:
        self.n = max(1, workers)
        self.settings = settings
        self._workers: list[_Worker] = []

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(graceful=exc[0] is None)

    def shutdown(self, graceful: bool = True) -> None:
        for w in self._workers:
            if graceful and w.task is None and w.proc.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self._workers:
            if graceful and w.task is None:
                w.proc.join(2)
            w.kill()
        self._workers = []

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, dict]]:
        ctx = _context()
        it = iter(tasks)
        exhausted = False
        limit = self.settings.max_seconds
        self._workers = [_Worker(ctx) for _ in range(self.n)]
        while True:
            for w in self._workers:
                if w.task is None and not exhausted:
                    task = next(it, None)
                    if task is None:
                        exhausted = True
                        break
                    w.task, w.deadline = task, time.monotonic() + limit
                    w.conn.send(task)
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            timeout = max(0.0, min(w.deadline for w in busy) - now)
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=min(timeout, 5.0))
            now = time.monotonic()
            for i, w in enumerate(self._workers):
                task = w.task
                if task is None:
                    continue
                outcome: tuple[str, object] | None = None
                replace = False
                if w.conn.poll():
                    try:
                        outcome = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        outcome = ("crash", _exit_detail(w.proc.exitcode))
                        replace = True
                elif not w.proc.is_alive():
                    outcome = ("crash", _exit_detail(w.proc.exitcode))
                    replace = True
                elif now >= w.deadline:
                    outcome = ("timeout", None)
                    replace = True
                if outcome is None:
                    continue
                w.task = None
                if replace:
                    w.kill()
                    self._workers[i] = _Worker(ctx)
                kind, value = outcome
                if kind == "ok":
                    yield task, value  # type: ignore[misc]
                elif kind == "timeout":
                    yield task, failed_payload(task, "timeout", timeout_message(self.settings), limit)
                elif kind == "crash":
                    yield task, failed_payload(task, "crash", crash_message(str(value)))
                elif kind == "error":
                    yield task, failed_payload(task, "crash", f"unexpected error in the worker: {value} (please report this file)")
                elif kind == "fatal":
                    message, code = value  # type: ignore[misc]
                    raise WorkerFatal(message, code)


def _exit_detail(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


# ----------------------------------------------------------------------------
# Dask
# ----------------------------------------------------------------------------


def dask_task(task: Task) -> dict:
    """The Dask-side wrapper: `run_task` with the per-file time limit."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = run_task(task)
        except ThaiplanError as err:
            box["fatal"] = (str(err), int(getattr(err, "exit_code", 1)))
        except BaseException as err:  # noqa: BLE001
            box["error"] = f"{type(err).__name__}: {err}"

    started = time.monotonic()
    thread = threading.Thread(target=target, daemon=True, name=f"thaiplan {task.rel}")
    thread.start()
    thread.join(task.settings.max_seconds)
    if thread.is_alive():
        return failed_payload(task, "timeout", timeout_message(task.settings), time.monotonic() - started)
    if "fatal" in box:
        return {"fatal": box["fatal"]}
    if "error" in box:
        return failed_payload(task, "crash", f"unexpected error in the worker: {box['error']} (please report this file)")
    return box["value"]


class DaskExecutor:
    name = "dask"

    def __init__(self, workers: int, settings: Settings, scheduler: str | None = None) -> None:
        self.n = max(1, workers)
        self.settings = settings
        self.scheduler = scheduler
        self.client = None
        self.cluster = None

    def __enter__(self) -> DaskExecutor:
        import dask
        from distributed import Client, LocalCluster

        os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by the local cluster's worker processes
        if self.scheduler:
            self.client = Client(self.scheduler, timeout="30s")
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
                self.cluster = LocalCluster(
                    n_workers=self.n, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=40,  # logging.ERROR
                )
                self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.client is not None:
                self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()

    def _slots(self) -> int:
        try:
            info = self.client.scheduler_info()["workers"]
            threads = sum(w.get("nthreads", 1) for w in info.values())
        except Exception:  # noqa: BLE001
            threads = 0
        return max(threads, self.n, 1)

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, dict]]:
        from distributed import as_completed

        client = self.client
        in_flight_max = 2 * self._slots()  # enough to keep every thread busy, bounded
        it = iter(tasks)
        pending: dict = {}
        ac = as_completed()

        def submit_next() -> bool:
            task = next(it, None)
            if task is None:
                return False
            fut = client.submit(dask_task, task, pure=False)
            pending[fut] = task
            ac.add(fut)
            return True

        try:
            while len(pending) < in_flight_max and submit_next():
                pass
            for fut in ac:
                task = pending.pop(fut)
                try:
                    value = fut.result()
                except Exception as err:  # noqa: BLE001 - KilledWorker and friends
                    name = type(err).__name__
                    what = "killed its worker" if name == "KilledWorker" else f"{name}: {err}"
                    value = failed_payload(task, "crash", crash_message(what))
                fut.release()
                if "fatal" in value:
                    message, code = value["fatal"]
                    raise WorkerFatal(message, code)
                yield task, value
                while len(pending) < in_flight_max and submit_next():
                    pass
        finally:
            for fut in list(pending):
                fut.cancel()


def make_executor(kind: str, workers: int, settings: Settings, scheduler: str | None = None):
    if kind == "local":
        return LocalExecutor(workers, settings)
    if kind == "dask":
        return DaskExecutor(workers, settings, scheduler)
    raise ValueError(f"unknown executor {kind!r}: use local or dask")
