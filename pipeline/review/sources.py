"""A plan's source file: found again under the run's inputs by its hash, and
quoted line by line for text exports (which have no page image to crop)."""

from __future__ import annotations

from html import escape as e
from pathlib import Path

from pipeline.files import sha256_of

_TEXT_SUFFIXES = {".txt", ".tsv", ".md", ".markdown", ".csv"}


def find_source(source_file: str, plan_id: str, roots: list[Path]) -> Path | None:
    """The source file of a plan under one of the input roots (a root may be a
    folder or the file itself); the file whose bytes hash to `plan_id` wins."""
    candidates: list[Path] = []
    for root in roots:
        root = Path(root)
        if root.is_file():
            if root.name == Path(source_file).name:
                candidates.append(root)
            candidates.append(root.parent / source_file)
        else:
            candidates.append(root / source_file)
    existing = [c for c in dict.fromkeys(candidates) if c.is_file()]
    for c in existing:
        try:
            if sha256_of(c)[:16] == plan_id:
                return c
        except OSError:
            continue
    return None


def source_lines(path: Path | None, boxes: list[tuple], cache: dict) -> str:
    """For text exports: the source line(s) the box names (boxes count lines)."""
    if path is None or not boxes or path.suffix.lower() not in _TEXT_SUFFIXES:
        return ""
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8-sig", errors="replace").replace("\f", "\n").split("\n")
        except OSError:
            cache[path] = []
    lines = cache[path]
    wanted = sorted({y for box in boxes for y in range(int(box[1]), max(int(box[1]) + 1, int(box[3])))})
    chunk = [lines[y] for y in wanted if 0 <= y < len(lines)]
    if not chunk:
        return ""
    return "<pre>" + e("\n".join(chunk)) + "</pre>"
