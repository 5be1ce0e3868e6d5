"""Text for a spreadsheet cell that a spreadsheet program cannot run as a formula.

A cell that starts with = + - @ is read as a formula by Excel, LibreOffice and Google Sheets,
and so is one that starts with a tab or a carriage return, one whose formula sign comes after
leading spaces, and one that starts with the full-width forms some programs also accept
(＝ ＋ － ＠) (CSV injection). Every CSV the app writes (the progress exports and the
classroom summary) passes every cell through ``spreadsheet_safe`` or ``safe_cells``: ids and
digests too, since an imported export can put any text there.
"""

from __future__ import annotations

from typing import Iterable

FORMULA_STARTS = frozenset("=+-@\t\r\n" "\uff1d\uff0b\uff0d\uff20" "\ufe66\ufe62\ufe63\ufe6b")
_LEADING_BLANKS = " \u00a0\u3000"


def spreadsheet_safe(value: object) -> object:
    """``value``, with an apostrophe in front when a spreadsheet would run it as a formula.
    Numbers and None are returned as they are (a number is never read as a formula)."""
    if not isinstance(value, str):
        return value
    first = value.lstrip(_LEADING_BLANKS)[:1]
    return "'" + value if first in FORMULA_STARTS and first else value


def safe_cells(row: Iterable[object]) -> list[object]:
    """A CSV row with every text cell made ``spreadsheet_safe``."""
    return [spreadsheet_safe(cell) for cell in row]
