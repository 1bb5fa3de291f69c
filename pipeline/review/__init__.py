"""The review page for people, and the corrections they type fed back.

    from pipeline.review import write_review, load_corrections, apply_corrections

    write_review(Path("data/clean"), [Path("data/raw")])   # -> data/clean/review/index.html
    corrections = load_corrections(Path("corrections.csv"))  # {plan_id: [Correction, ...]}
    findings = apply_corrections(plan, corrections.get(plan_id, []))  # before validate()

`remember_inputs` keeps a run's input roots so `thaiplan review OUT` finds
the sources again.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.review.corrections import (
    Correction,
    CorrectionsError,
    apply_corrections,
    load_corrections,
    parse_corrections,
    write_corrections,
)
from pipeline.review.page import write_review

__all__ = [
    "Correction",
    "CorrectionsError",
    "apply_corrections",
    "load_corrections",
    "parse_corrections",
    "remember_inputs",
    "remembered_inputs",
    "write_corrections",
    "write_review",
]


def remember_inputs(out: Path, inputs: list[Path]) -> None:
    """Keep the run's input roots so `thaiplan review OUT` finds the sources."""
    from pipeline.write import atomic_write_bytes

    folder = Path(out) / ".thaiplan"
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps([str(Path(p).resolve()) for p in inputs], ensure_ascii=False)
    atomic_write_bytes(folder / "inputs.json", data.encode("utf-8"))


def remembered_inputs(out: Path) -> list[Path]:
    try:
        return [Path(p) for p in json.loads((Path(out) / ".thaiplan" / "inputs.json").read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        return []
