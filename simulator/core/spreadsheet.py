"""Text for a spreadsheet cell that a spreadsheet program cannot run as a formula.

A cell that starts with = + - @ is read as a formula by Excel, LibreOffice and Google Sheets,
and so is one that starts with a tab or a carriage return followed by one (CSV injection).
Every CSV export of scenario text or people's names passes its cells through here.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """``value``, with an apostrophe in front when a spreadsheet would run it as a formula."""
    return "'" + value if value[:1] in FORMULA_STARTS else value
