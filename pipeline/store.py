"""The content-addressed result store under the output folder.

Layout (all under `OUT/.thaiplan/`):

    results/<sha256>.json   one source file's result, JSON Lines:
                            line 1  meta: format, stamp (pipeline version +
                                    hash of the code that makes results +
                                    result-affecting settings), sha256,
                                    source path, kind, pages, status, seconds,
                                    failure (None | "timeout" | "crash"),
                                    limit_seconds
                            line 2..7  {"table": name, "rows": [...]} for the
                                    six tables, in `TABLES` order (so assembly
                                    parses only the table it is building)
    index.json              {source path (relative to its input root): sha256}
                            for every file the tables are made of
    staging/                the next six tables (12 files) while they are
                            being swapped in; `staging/COMPLETE` marks a
                            staging area that is whole and must be rolled
                            forward

Every file is written to a temporary name, fsynced and renamed, so a reader
sees the old file or the new one.  The tables are swapped in by a small
roll-forward journal: write all 12 files to `staging/`, write `COMPLETE`,
rename each into OUT, delete `COMPLETE`.  A crash before `COMPLETE` leaves the
old tables (staging is discarded on the next run); after it, the next run
finishes the renames before doing anything else.  So after any crash the
tables are either the old ones or the new ones, never a mix.

Reuse: a stored result is current when its stamp matches; a result that ran
out of time is read again only when `--max-seconds` is raised; a result
whose worker crashed is read again on every run (crashes are often the
machine's, e.g. the kernel's out-of-memory killer).

One plan per sha256: when the same bytes sit under several names, the first
path in sorted order owns the plan; the plan gets a `duplicate_file` warning
finding naming each other path (and `n_findings` counts it).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pipeline
from pipeline.settings import Settings
from pipeline.tables import TABLES, Rows
from pipeline.write import atomic_write_bytes

STORE_DIR = ".thaiplan"
FORMAT = 1

# modules that do not change what a file's result is
_NOT_RESULT_CODE = {"cli.py", "runner.py", "store.py", "executors.py", "lock.py", "write.py", "files.py"}
_code_hash_cache: str | None = None


def code_hash() -> str:
    """sha256 over the pipeline's own source files that make results
    (extract, normalize, validate, tables, ...; not the generator or the
    runner), so results made by other code are read again."""
    global _code_hash_cache
    if _code_hash_cache is None:
        root = Path(pipeline.__file__).parent
        digest = hashlib.sha256()
        for path in sorted(root.rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel.startswith("generate/") or rel in _NOT_RESULT_CODE:
                continue
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        _code_hash_cache = digest.hexdigest()[:16]
    return _code_hash_cache


def result_stamp(settings: Settings) -> str:
    """What a stored result must match to be reused.  `max_seconds` is not
    part of it: a result that ran out of time is retried only when the limit
    is raised (see `Store.is_current`)."""
    s = asdict(settings)
    s.pop("max_seconds", None)
    opts = ",".join(f"{k}={s[k]}" for k in sorted(s))
    return f"{pipeline.__version__}+{code_hash()}+{hashlib.sha256(opts.encode()).hexdigest()[:8]}"


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Store:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = out / STORE_DIR
        self.results = self.root / "results"
        self.index_path = self.root / "index.json"
        self.staging = self.root / "staging"

    # ------------------------------------------------------------------ setup
    def open(self) -> Store:
        """Call with the output lock held: make the folders, finish or discard
        a table swap that a crash interrupted, drop stale temporary files."""
        self.results.mkdir(parents=True, exist_ok=True)
        self.recover()
        for tmp in self.results.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        for tmp in self.root.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        return self

    # ---------------------------------------------------------------- results
    def entry_path(self, sha256: str) -> Path:
        return self.results / f"{sha256}.json"

    def put(self, meta: dict, rows: Rows) -> None:
        meta = {"format": FORMAT, **meta}
        lines = [_dumps(meta)] + [_dumps({"table": name, "rows": rows.get(name, [])}) for name in TABLES]
        atomic_write_bytes(self.entry_path(meta["sha256"]), ("\n".join(lines) + "\n").encode("utf-8"))

    def meta(self, sha256: str) -> dict | None:
        try:
            with self.entry_path(sha256).open("r", encoding="utf-8") as fh:
                meta = json.loads(fh.readline())
        except (OSError, ValueError):
            return None
        return meta if meta.get("format") == FORMAT else None

    def is_current(self, meta: dict | None, stamp: str, settings: Settings) -> bool:
        if meta is None or meta.get("stamp") != stamp:
            return False
        if meta.get("failure") == "timeout" and settings.max_seconds > (meta.get("limit_seconds") or 0):
            return False  # the limit was raised: try again
        if meta.get("failure") == "crash":
            return False  # crashes are often the machine's (out of memory): try again next run
        return True

    def table_rows(self, sha256: str, table: str) -> list[dict]:
        with self.entry_path(sha256).open("r", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        part = json.loads(lines[1 + TABLES.index(table)])
        assert part["table"] == table
        return part["rows"]

    # ------------------------------------------------------------------ index
    def read_index(self) -> dict[str, str]:
        try:
            return json.loads(self.index_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def write_index(self, index: dict[str, str]) -> None:
        data = json.dumps(dict(sorted(index.items())), ensure_ascii=False, indent=0)
        atomic_write_bytes(self.index_path, data.encode("utf-8"))

    def collect_garbage(self, index: dict[str, str]) -> int:
        """Delete results no path of the index refers to."""
        keep = set(index.values())
        removed = 0
        for path in self.results.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    # --------------------------------------------------------------- assembly
    @staticmethod
    def owners(index: dict[str, str]) -> dict[str, list[str]]:
        """sha256 -> its paths in sorted order (the first owns the plan)."""
        by_sha: dict[str, list[str]] = {}
        for path in sorted(index):
            by_sha.setdefault(index[path], []).append(path)
        return by_sha

    def iter_table(self, index: dict[str, str], table: str, done: set[str] | None = None) -> Iterator[dict]:
        """The rows of one table for every plan of the index, plans in
        sorted order of their owning path.  Reads the store one file at a
        time.  `done`: the shas with a stored result (computed if None)."""
        by_sha = self.owners(index)
        for sha, paths in sorted(by_sha.items(), key=lambda kv: kv[1][0]):
            if (sha not in done) if done is not None else (self.meta(sha) is None):
                continue  # never finished (interrupted run): not in the tables
            rows = self.table_rows(sha, table)
            dups = paths[1:]
            if table == "plans":
                for row in rows:
                    row["source_file"] = paths[0]  # the result may have been made under another name
                    row["n_findings"] = (row.get("n_findings") or 0) + len(dups)
            yield from rows
            if table == "findings" and dups:
                pid = sha[:16]
                for other in dups:
                    yield {
                        "plan_id": pid, "check": "duplicate_file", "severity": "warning", "code": None,
                        "month_index": None, "expected": "one file per plan", "found": other, "repaired": False,
                        "original_value": None, "repaired_value": None, "page": None,
                        "message": f"{other} has the same bytes as {paths[0]}; the plan is listed once, "
                        f"under {paths[0]}: delete one copy",
                    }

    def build_frames(self, index: dict[str, str], chunk: int = 20_000):
        """The six typed, schema-checked frames, plus status/check counters
        for the summary.  One table at a time, rows turned into typed frames
        every `chunk` rows, so memory holds the (compact) tables, not a
        dict per row."""
        import pandas as pd

        from pipeline.schema import SCHEMAS, check_frame, to_frame

        done = {sha for sha in set(index.values()) if self.meta(sha) is not None}
        frames = {}
        status: Counter = Counter()
        checks: Counter = Counter()
        for name in TABLES:
            parts: list = []
            rows: list[dict] = []
            for row in self.iter_table(index, name, done):
                rows.append(row)
                if name == "plans":
                    status[row["status"]] += 1
                elif name == "findings":
                    checks[row["check"]] += 1
                if len(rows) >= chunk:
                    parts.append(to_frame(name, rows))
                    rows = []
            if rows or not parts:
                parts.append(to_frame(name, rows))
            del rows
            frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
            del parts
            keys = [k for k in SCHEMAS[name].key] or ["plan_id"]
            frame = frame.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
            check_frame(name, frame)
            frames[name] = frame
        return frames, status, checks

    def publish(self, frames) -> None:
        """Swap the tables in as one unit (see the module docstring)."""
        import shutil

        from pipeline.write import write_frames

        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        write_frames(frames, self.staging)
        atomic_write_bytes(self.staging / "COMPLETE", b"ok\n")
        self.recover()

    def recover(self) -> None:
        """Roll a complete staging area forward; discard an incomplete one."""
        import shutil

        if not self.staging.exists():
            return
        marker = self.staging / "COMPLETE"
        if marker.exists():
            self.out.mkdir(parents=True, exist_ok=True)
            for path in sorted(self.staging.iterdir()):
                if path.name != "COMPLETE" and not path.name.startswith("."):
                    os.replace(path, self.out / path.name)
            dir_fd = os.open(self.out, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
            marker.unlink()
        shutil.rmtree(self.staging, ignore_errors=True)
