"""Which files a run reads: inputs given as files or folders (recursive)."""

from __future__ import annotations

from pathlib import Path

SKIP_SUFFIXES = {".json", ".parquet", ".csv", ".jsonl", ".lock", ".tmp"}


def collect(inputs: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs in a stable order; the root is what `source_file`
    is relative to.  Ground-truth JSON and our own outputs are not inputs."""
    found: dict[Path, tuple[Path, Path]] = {}
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                if path.is_file() and not path.name.startswith(".") and path.suffix.lower() not in SKIP_SUFFIXES:
                    found.setdefault(path.resolve(), (path, item))
        elif item.exists():
            found.setdefault(item.resolve(), (item, item.parent))
        else:
            raise FileNotFoundError(f"input not found: {item}")
    return sorted(found.values(), key=lambda pair: pair[0].relative_to(pair[1]).as_posix())
