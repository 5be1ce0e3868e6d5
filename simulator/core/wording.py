"""Small wording rules shared by the core's texts and the app's, so that a count reads the same everywhere."""

from __future__ import annotations


def plural(count: int, word: str, words: str = "") -> str:
    """'1 vote', '3 votes', '0 votes'; ``words`` for an irregular plural ('replies')."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
