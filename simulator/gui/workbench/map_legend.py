"""The map's legend: what the colours and lines mean, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ...core.levels import Level
from ..base import theme
from .map_items import LOOSE_END, PATH, UNREACHABLE


def _swatch(color: str, dashed: bool = False, box: bool = False) -> QLabel:
    label = QLabel()
    label.setFixedSize(22, 14)
    if box:
        label.setStyleSheet(f"background: {color}; border-radius: 4px;")
    else:
        style = "dashed" if dashed else "solid"
        label.setStyleSheet(f"border: none; border-bottom: 3px {style} {color}; margin-bottom: 5px;")
    return label


class MapLegend(QWidget):
    """What the colours and lines mean, in words: colour never carries the meaning alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(6)

        def text(t: str) -> QLabel:
            label = QLabel(t)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(f"color: {theme.MUTED};")
            return label

        row.addWidget(text("Routes and endings:"))
        for level in (Level.LOW, Level.STANDARD, Level.WOW):
            row.addWidget(_swatch(theme.LEVEL_COLORS[level], box=True))
            row.addWidget(text(theme.level_badge_text(level)))
        row.addSpacing(8)
        row.addWidget(_swatch(theme.LEVEL_COLORS[Level.LOW], dashed=True))
        row.addWidget(text("timeout"))
        row.addWidget(_swatch(PATH))
        row.addWidget(text("path played"))
        row.addWidget(_swatch(UNREACHABLE, dashed=True))
        row.addWidget(text("unreachable"))
        row.addWidget(_swatch(LOOSE_END, dashed=True))
        row.addWidget(text("loose end"))
        row.addStretch(1)
        self.setAccessibleName("Map legend: Low, Standard and WOW colours; dashed route: timeout; purple: the path "
                               "played; dashed grey box: unreachable; dashed orange box: loose end")
