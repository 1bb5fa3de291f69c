"""Facts about the Thai script that several stages need."""

from __future__ import annotations


def is_thai_letter(ch: str) -> bool:
    """A Thai consonant, vowel or mark: text that is written without spaces
    between words.  Thai digits (๐-๙) are not: they behave like numbers."""
    return "\u0e01" <= ch <= "\u0e4e"
