"""The button bar along the bottom of a screen (as on the debrief), sized from the screen's font.

The font size is written into the bar's style sheet, not set with ``setFont``: under a style
sheet, buttons keep their old size hint when only their font changes, and a Ctrl+= would clip
their text. Call ``restyle`` when the screen's font changes. The size stops growing at
``MAX_POINTS``; when the bar's buttons and notes still do not fit its width on one row, the group
after the row's stretch (or, without one, the second half of the row) moves onto a second row
below, right-aligned, and moves back once the bar is wide enough again: a button never clips.
A button in the bar is pressed by Enter while it has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLayoutItem, QPushButton, QVBoxLayout, QWidget

from ..base import fonts, theme

MAX_POINTS = 22.0


class ScreenBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenbar")
        fonts.sized_by_style_sheet(self)
        self._rows = QVBoxLayout(self)
        self.box = QHBoxLayout()  # the bar's row: screens add their buttons here
        self.box.setContentsMargins(0, 0, 0, 0)
        self.second = QHBoxLayout()  # the overflow row, filled only while the first does not fit
        self.second.setContentsMargins(0, 0, 0, 0)
        self._rows.addLayout(self.box)
        self._rows.addLayout(self.second)
        self._reflowing = False

    @property
    def wrapped(self) -> bool:
        """Whether part of the bar has moved onto its second row."""
        return self.second.count() > 0

    def one_row_width(self) -> int:
        """The width the bar's visible items take on a single row, margins included."""
        widths = [item.sizeHint().width() for item in _items(self.box) + _items(self.second)
                  if item.widget() is not None and not item.isEmpty()]
        margins = self._rows.contentsMargins()
        return sum(widths) + self.box.spacing() * max(0, len(widths) - 1) + margins.left() + margins.right()

    def reflow(self) -> None:
        """Put the trailing group on the second row when one row is wider than the bar, else back."""
        if self._reflowing:
            return
        self._reflowing = True
        try:
            wrap = self.one_row_width() > self.width()
            if wrap and not self.wrapped:
                items = _items(self.box)
                spacers = [i for i, item in enumerate(items) if item.spacerItem() is not None]
                start = spacers[0] + 1 if spacers else (len(items) + 1) // 2
                moved = [(self.box.stretch(i), items[i].widget()) for i in range(start, len(items))
                         if items[i].widget() is not None]
                if moved:
                    self.second.addStretch(1)
                    for stretch, widget in moved:
                        self.box.removeWidget(widget)
                        self.second.addWidget(widget, stretch)
            elif not wrap and self.wrapped:
                moved = [(self.second.stretch(i), item.widget()) for i, item in enumerate(_items(self.second))]
                while self.second.count():
                    self.second.takeAt(0)
                for stretch, widget in moved:
                    if widget is not None:
                        self.box.addWidget(widget, stretch)
        finally:
            self._reflowing = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.reflow()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and isinstance(event.child(), QPushButton):
            event.child().setAutoDefault(True)  # Enter presses the focused button, as its border says
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a button's or note's text changed
            self.reflow()
        return handled

    def restyle(self, font: QFont) -> None:
        font = QFont(font)
        if font.pointSizeF() > MAX_POINTS:
            font.setPointSizeF(MAX_POINTS)
        unit = max(8, QFontMetrics(font).height())
        self._rows.setContentsMargins(unit * 3 // 2, unit * 2 // 3, unit * 3 // 2, unit * 2 // 3)
        self._rows.setSpacing(unit // 2)
        for row in (self.box, self.second):
            row.setSpacing(unit * 2 // 3)
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
        self.reflow()


def _items(layout: QBoxLayout) -> list[QLayoutItem]:
    return [layout.itemAt(i) for i in range(layout.count())]


def page_above_bar(screen: QWidget, page: QWidget, bar: ScreenBar) -> None:
    """A screen's layout: its (scrolling) page takes the room, the bar stays in view below it."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(page, 1)
    outer.addWidget(bar)
