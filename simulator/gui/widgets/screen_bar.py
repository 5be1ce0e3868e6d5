"""The button bar along the bottom of a screen (as on the debrief), sized from the screen's font.

The font size is written into the bar's style sheet, not set with ``setFont``: under a style
sheet, buttons keep their old size hint when only their font changes, and a Ctrl+= would clip
their text. Call ``restyle`` when the screen's font changes. The size stops growing at
``MAX_POINTS`` so that, at the largest text scale, the buttons still fit a 1280-pixel window.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ..base import fonts, theme

MAX_POINTS = 22.0


class ScreenBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenbar")
        fonts.sized_by_style_sheet(self)
        self.box = QHBoxLayout(self)

    def restyle(self, font: QFont) -> None:
        font = QFont(font)
        if font.pointSizeF() > MAX_POINTS:
            font.setPointSizeF(MAX_POINTS)
        unit = max(8, QFontMetrics(font).height())
        self.box.setContentsMargins(unit * 3 // 2, unit * 2 // 3, unit * 3 // 2, unit * 2 // 3)
        self.box.setSpacing(unit * 2 // 3)
        size = font.pointSizeF()
        font_size = f"font-size: {size:.1f}pt;" if size > 0 else f"font-size: {font.pixelSize()}px;"
        t = theme
        self.setStyleSheet(f"""
            QFrame#screenbar {{ background: {t.CARD}; border-top: 1px solid {t.BORDER}; }}
            QLabel {{ {font_size} color: {t.MUTED}; background: transparent; }}
            QPushButton {{ {font_size} padding: 0.45em 1.1em; border: 1px solid {t.BORDER}; border-radius: 0.4em;
                           background: {t.CARD}; color: {t.TEXT}; }}
            QPushButton:hover {{ background: {t.BACKGROUND}; border-color: {t.ACCENT}; }}
            QPushButton:focus {{ border: 2px solid {t.ACCENT}; }}
            QPushButton:checked {{ background: #ECE8F7; border-color: {t.ACCENT}; }}
            QPushButton:disabled {{ color: #8C959F; background: {t.BACKGROUND}; }}
            QPushButton#primary {{ background: {t.ACCENT}; color: white; border-color: {t.ACCENT}; font-weight: 600; }}
            QPushButton#primary:hover {{ background: #5A40A3; }}
            QPushButton#primary:focus {{ border: 2px solid {t.TEXT}; }}
        """)


def page_above_bar(screen: QWidget, page: QWidget, bar: ScreenBar) -> None:
    """A screen's layout: its (scrolling) page takes the room, the bar stays in view below it."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(page, 1)
    outer.addWidget(bar)
