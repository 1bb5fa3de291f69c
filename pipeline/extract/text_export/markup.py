"""Markup inside printed text: what an export's cells and lines read as."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
BREAK_TAGS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
_MARKUP_HINT = re.compile(r"<\s*/?\s*[a-zA-Z]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def cell_text(raw: str) -> str:
    """Printed cell text -> clean text: ``<p>``/``<br>`` runs become
    "\\n"-separated items, other tags go, entities are unescaped."""
    if not _MARKUP_HINT.search(raw):
        return raw.strip()

    def repl(m: re.Match[str]) -> str:
        return "\n" if m.group(2).lower() in BREAK_TAGS else ""

    text = html.unescape(_TAG.sub(repl, raw))
    items = [" ".join(part.split()) for part in text.split("\n")]
    return "\n".join(i for i in items if i)
