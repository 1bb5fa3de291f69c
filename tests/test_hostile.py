"""Issue 8: hostile and broken input, in one batch.

`thaiplan run` (a subprocess, 2 workers) reads the corpus of
`tests/hostile_corpus.py` together with 3 good generated plans.  Checked:
each bad file gives its finding and its console line; every plan that must
read (the 3 good ones, and the broken-xref, owner-only-encrypted, rotated
and oddly named copies) is exact (`score_rows` -> nothing wrong); the exit
code is 3; the process tree stays under 2 GB; nothing outside --out is
touched; and a run killed mid-way leaves the previous tables readable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from pipeline.errors import ExitCode
from pipeline.files import printable
from pipeline.generate.score import score_rows
from pipeline.tables import TABLES
from tests.hostile_corpus import build

THAIPLAN = str(Path(sys.executable).parent / "thaiplan")
MAX_RSS = 2 * 1024**3
MAX_BYTES = 5_000_000  # oversize.tsv is 6 MB (sparse); every plan is < 100 kB
MAX_SECONDS = 12  # hangs.txt hangs (test hook); everything else takes < 2 s


def snapshot(folder: Path, skip: Path) -> dict[str, tuple]:
    """Every path under `folder` (but `skip`) with its type, size, mtime."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        if here == skip or skip in here.parents:
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            p = here / name
            if p == skip:
                continue
            st = p.lstat()
            out[str(p.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def run_watched(cmd: list[str], env: dict, cwd: Path, kill_after: float | None = None):
    """Run `cmd`, polling the RSS of its whole process tree; optionally
    SIGKILL the tree after `kill_after` s (a run that dies)."""
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    root = psutil.Process(proc.pid)
    peak = 0
    import threading

    out: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda: out.__setitem__("stdout", proc.stdout.read())),
        threading.Thread(target=lambda: out.__setitem__("stderr", proc.stderr.read())),
    ]
    for t in readers:
        t.start()
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        if kill_after is not None and time.monotonic() - started > kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            break
        if time.monotonic() - started > 150:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError("thaiplan run did not finish in 150 s")
        time.sleep(0.05)
    for t in readers:
        t.join()
    try:  # workers left behind by a killed run
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.returncode, out["stdout"].decode("utf-8", "replace") + out["stderr"].decode("utf-8", "replace"), peak, time.monotonic() - started


def plan_rows(frames: dict[str, pd.DataFrame], plan_id: str) -> dict[str, list[dict]]:
    rows = {}
    for name, frame in frames.items():
        part = frame[frame.plan_id == plan_id].astype(object)
        rows[name] = part.where(part.notna(), None).to_dict("records")
    return rows


@pytest.fixture(scope="module")
def good(corpus) -> Path:
    return corpus("hostile-good", 3, seed=808)


def test_hostile_batch(good, tmp_path):
    area = tmp_path / "area"
    inbox, outside, out, cwd = area / "inbox", area / "outside", area / "out", area / "cwd"
    cases = build(inbox, good, outside)
    cwd.mkdir()
    before = snapshot(area, skip=out)
    env = {**os.environ, "THAIPLAN_TEST_HANG_ON": "hangs.txt", "COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"}
    cmd = [
        THAIPLAN, "run", str(inbox), "--out", str(out), "--workers", "2",
        "--max-bytes", str(MAX_BYTES), "--max-seconds", str(MAX_SECONDS),
    ]
    code, console, peak, seconds = run_watched(cmd, env, cwd)
    print(console)
    print(f"hostile batch: exit {code}, {seconds:.1f} s, peak RSS of the process tree {peak / 2**20:.0f} MB")

    assert code == ExitCode.SOME_FILES_FAILED, console
    assert peak < MAX_RSS, f"peak RSS {peak / 2**20:.0f} MB"
    assert seconds < 90, seconds

    # nothing outside --out changed: the inputs, their parent, the cwd
    assert snapshot(area, skip=out) == before
    assert not any(cwd.iterdir())
    # output names come from the program, never from the inputs
    allowed = {f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")} | {
        "runs.jsonl", ".thaiplan", ".thaiplan.lock", "review",
    }
    assert {p.name for p in out.iterdir()} <= allowed, sorted(p.name for p in out.iterdir())
    for p in (out / ".thaiplan" / "results").iterdir():
        assert len(p.stem) == 64 and set(p.stem) <= set("0123456789abcdef"), p.name

    frames = {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}
    plans = frames["plans"].set_index("source_file")
    findings = frames["findings"]
    console_flat = " ".join(console.split())  # rich may wrap long lines

    def shown(text: str) -> bool:
        return " ".join(text.split()) in console_flat

    for case in cases:
        label = repr(case.name)
        for word in case.console:
            assert shown(word), f"{label}: console does not say {word!r}"
        if case.expect == "skipped":
            assert case.name not in plans.index, label
            assert shown(printable(case.name).replace("\\[", "[")), f"{label}: no console line"
            continue
        if case.expect == "duplicate":
            assert case.name not in plans.index, label
            dup = findings[(findings.check == "duplicate_file") & (findings.found == case.name)]
            assert len(dup) == 1 and case.needle in dup.message.item(), label
            continue
        assert case.name in plans.index, f"{label}: no plan row"
        plan = plans.loc[case.name]
        mine = findings[findings.plan_id == plan.plan_id]
        if case.expect in ("read_error", "unparsed"):
            assert plan.status == "failed", label
            hit = mine[mine.check == case.expect]
            assert len(hit) == 1, f"{label}: {mine[['check', 'message']].values.tolist()}"
            message = hit.message.item()
            assert case.needle in message, f"{label}: {message}"
            # the console line: the file's name, then the finding's message
            assert shown(f"{printable(case.name).replace(chr(92) + '[', '[')}: {message}"), f"{label}: {message}"
        else:  # a plan that must be read exactly
            assert plan.status in ("ok", "repaired"), f"{label}: {plan.status} {mine.message.tolist()}"
            truth = json.loads(Path(case.truth).read_text(encoding="utf-8"))
            score = score_rows(plan_rows(frames, plan.plan_id), truth)
            assert not score.wrong, f"{label}: {score.wrong[:5]}"
    limits = {"--max-pages": "200", "--max-pixels": "200000000", "--max-bytes": str(MAX_BYTES), "--max-seconds": str(MAX_SECONDS)}
    messages = " ".join(findings[findings.check == "read_error"].message)
    for flag, value in limits.items():
        assert flag in messages and value in messages, flag

    # a run that dies mid-way leaves the previous tables whole and readable
    tables = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix in (".csv", ".parquet")}
    cmd_again = [*cmd[:-1], str(MAX_SECONDS * 5)]  # a raised --max-seconds: hangs.txt is read again (and hangs)
    code2, console2, _, _ = run_watched(cmd_again, env, cwd, kill_after=4.0)
    assert code2 == -signal.SIGKILL, console2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix in (".csv", ".parquet")} == tables
    for t in TABLES:
        pd.read_parquet(out / f"{t}.parquet")
        pd.read_csv(out / f"{t}.csv", encoding="utf-8-sig")
    assert snapshot(area, skip=out) == before
