"""Which flavour an export is, from its content (never its file name)."""

from __future__ import annotations

import re


def is_md_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def detect_flavour(text: str) -> str:
    """``html``, ``markdown`` or ``tab`` from the content."""
    low = text.lower()
    if re.search(r"<\s*(table|tr|html|body)\b", low):
        return "html"
    if sum(1 for line in text.split("\n") if is_md_row(line)) >= 2:
        return "markdown"
    return "tab"
