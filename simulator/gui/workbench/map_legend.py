"""The map's legend: what the colours and lines mean, in words.

One label whose entries wrap onto as many lines as the map's width needs, so the legend never
sets the window's width nor needs to scroll sideways on a small screen or at a large text size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core.levels import Level
from ..base import theme
from .map_items import LOOSE_END, PATH, UNREACHABLE

BOX, LINE, DASHES = "■", "━━", "╍╍"  # glyphs of the common fonts (DejaVu, Noto, Segoe UI Symbol)


def _entry(mark: str, color: str, words: str) -> str:
    """One entry, kept on one line: its coloured mark and its words."""
    return (f'<span style="white-space: nowrap;"><span style="color: {color};">{mark}</span>'
            f'&nbsp;{words}</span>')


def legend_html() -> str:
    entries = [_entry(BOX, theme.LEVEL_COLORS[level], theme.level_badge_text(level))
               for level in (Level.LOW, Level.STANDARD, Level.WOW)]
    entries += [_entry(DASHES, theme.LEVEL_COLORS[Level.LOW], "timeout"), _entry(LINE, PATH, "path played"),
                _entry(DASHES, UNREACHABLE, "unreachable"), _entry(DASHES, LOOSE_END, "loose end")]
    return f'<span style="color: {theme.MUTED};">Routes and endings: {" &nbsp; ".join(entries)}</span>'


class MapLegend(QLabel):
    """What the colours and lines mean, in words: colour never carries the meaning alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)  # our own markup: no scenario text in it
        self.setWordWrap(True)
        self.setText(legend_html())
        self.setContentsMargins(4, 2, 4, 2)
        self.setAccessibleName("Map legend: Low, Standard and WOW colours; dashed route: timeout; purple: the path "
                               "played; dashed grey box: unreachable; dashed orange box: loose end")
