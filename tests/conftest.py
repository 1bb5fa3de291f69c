"""Generated plans shared by the tests: made once per run, even under
pytest-xdist (a file lock lets one worker generate while the others wait)."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.generate.samples import write_samples


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    base = tmp_path_factory.getbasetemp()
    # under xdist each worker has base/popen-gwN: share the run's folder above it
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "thaiplan-corpus"
    shared.mkdir(exist_ok=True)

    def make(name: str, n: int, seed: int, kinds: tuple[str, ...] = ("pdf", "txt")) -> Path:
        folder = shared / name
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (folder / ".done").exists():
                write_samples(folder, n, seed=seed, kinds=kinds)
                (folder / ".done").write_text("ok")
        return folder

    return make


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def ocr_engine():
    """The process's OCR engine; the test is skipped where it cannot start."""
    from pipeline.errors import MissingDependencyError
    from pipeline.ocr import get_engine

    try:
        return get_engine()
    except MissingDependencyError as err:
        pytest.skip(str(err))
