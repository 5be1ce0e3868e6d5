"""The one rule for trainees' names as they are kept and shown (typed in the picker, read from an
import). Qt-free; the store applies it wherever a name is written."""

from __future__ import annotations

import unicodedata

MAX_NAME = 60  # characters the picker's field takes


def clean_name(name: str) -> str:
    """A trainee's name as it is kept and shown: control characters, bidirectional overrides and
    other invisible format characters removed (U+202E could make "Ana" show as another name, and a
    newline could forge a second line in a message), spaces collapsed. Zero-width (non-)joiners
    stay: Persian and emoji sequences need them."""
    kept = []
    for char in str(name):
        if char.isspace():
            kept.append(" ")
        elif char in _KEPT_FORMAT or unicodedata.category(char) not in _DROPPED_CATEGORIES:
            kept.append(char)
    return " ".join("".join(kept).split())


_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEPT_FORMAT = frozenset({"\u200c", "\u200d"})


def name_key(name: str) -> str:
    """What makes two trainee names "the same": spaces collapsed, case folded in every alphabet
    (``str.casefold``: "ÅSA" ~ "åsa", "STRASSE" ~ "straße") and Unicode NFC, so an "é" typed as one
    character or as "e" plus an accent matches. SQLite's NOCASE folds only A-Z."""
    folded = unicodedata.normalize("NFC", " ".join(str(name).split())).casefold()
    return unicodedata.normalize("NFC", folded)
