"""The F1 box: each screen's keys, one key and what it does a row, the screens side by side in
as many columns as the screen's width holds, and scrolling when even that is taller than the
screen (large text on a laptop). The keys themselves are made by each screen (``screen_shortcut``);
a test presses the ones listed from every widget of their screen."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from ..base import geometry
from . import page_keys

SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [  # F1: each screen's keys, one key a row
    ("Library", [("Arrow keys", "move between scenarios"), ("Enter", "open"), ("Ctrl+F", "search"),
                 ("Ctrl+C", "copy a file's problems"), ("Down from the search", "to the scenarios"),
                 ("Up from the first row", "back to the search")]),
    ("Briefing", [("Enter", "start"), ("Arrow keys on the mode", "Practice or Assessment"),
                  ("Page Up/Down", "scroll the brief"), ("Esc", "back to the library")]),
    ("Play", [("1-9", "choose a reply"), ("Arrow or Page keys", "move between replies"), ("Enter", "choose"),
              ("Backspace", "step back (Practice)"), ("Ctrl+R", "restart"), ("Esc", "quit to the library")]),
    ("Debrief", [("Page Up/Down", "scroll"), ("Alt+R", "retry"), ("Alt+W", "replay the WOW path"),
                 ("Alt+X", "export to PDF"), ("Esc", "back to the library")]),
    ("Progress", [("Ctrl+Shift+W", "who is practising"), ("Ctrl+Shift+P", "my progress"),
                  ("Ctrl+Shift+O", "class overview")]),
    ("My progress", [("Page Up/Down", "scroll"), ("Arrow keys on the chart", "attempt by attempt"),
                     ("Esc", "back to the library")]),
    ("Class overview", [("Ctrl+F", "find a trainee"), ("Enter", "that trainee's progress"),
                        ("Esc", "back to the library")]),
    ("Text size", [("Ctrl+=", "larger"), ("Ctrl+-", "smaller"), ("Ctrl+0", "reset")]),
    ("Window", [("F11", "full screen")]),
    ("Classroom", [("Ctrl+F5", "presenter mode on/off"),
                   ("Shift+F5", "the three levels side by side"), ("F1 there", "their own keys")]),
]


def section_html(section: str, keys: list[tuple[str, str]]) -> str:
    """One screen's keys: its name over a table of key and action rows (escaped plain text)."""
    rows = [f'<tr><td colspan="2" style="font-size:large;"><b>{escape(section)}</b></td></tr>']
    rows += [f'<tr><td style="padding-right:18px; white-space:nowrap;"><b>{escape(key)}</b></td>'
             f"<td>{escape(action)}</td></tr>" for key, action in keys]
    return '<table cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>"


class KeysHelp(QDialog):
    """The keyboard shortcuts, fitted to the screen: Enter or Esc closes it, Page keys scroll it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("screen")  # the app's background colour
        self.setAccessibleName("Keyboard shortcuts")
        self.labels: list[QLabel] = []
        for section, keys in SHORTCUTS:
            label = QLabel(section_html(section, keys))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAccessibleName(section)
            self.labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        self.columns = QHBoxLayout(page)
        self.columns.setSpacing(max(16, self.fontMetrics().height() * 3 // 2))
        self.scroll.setWidget(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(self.scroll, 1)
        box.addWidget(buttons)
        page_keys(self, self.scroll)
        self._arrange(page, box)

    def _arrange(self, page: QWidget, box: QVBoxLayout) -> None:
        """The sections in order down columns of even height: as few columns as let it all be seen
        without scrolling, and never more than the screen's width holds."""
        room = geometry.room(self)
        margins = box.contentsMargins()
        button_row = box.spacing() + box.itemAt(1).widget().sizeHint().height()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        usable = room.width() - margins.left() - margins.right() - bar
        tall = room.height() - margins.top() - margins.bottom() - button_row
        chosen = [self.labels]
        self._fill(chosen)
        for count in range(2, len(self.labels) + 1):
            if page.sizeHint().height() <= tall:
                break
            columns = _split(self.labels, count)
            self._fill(columns)
            if page.sizeHint().width() > usable:
                self._fill(chosen)
                break
            chosen = columns
        wanted = page.sizeHint()
        geometry.open_at(self, wanted.width() + margins.left() + margins.right() + bar,
                         wanted.height() + margins.top() + margins.bottom() + button_row)

    def _fill(self, columns: list[list[QLabel]]) -> None:
        """Lay the sections out in these columns (the labels stay; the columns are made anew)."""
        while self.columns.count():
            column = self.columns.takeAt(0).layout()
            while column.count():
                column.takeAt(0)
            column.deleteLater()
        gap = self.fontMetrics().height()
        for labels in columns:
            column = QVBoxLayout()
            column.setSpacing(gap)
            for label in labels:
                column.addWidget(label)
            column.addStretch(1)
            self.columns.addLayout(column)


def _split(labels: list[QLabel], count: int) -> list[list[QLabel]]:
    """``labels`` in order, cut into ``count`` runs of about the same height."""
    total = sum(label.sizeHint().height() for label in labels)
    columns: list[list[QLabel]] = [[]]
    height = 0
    for label in labels:
        own = label.sizeHint().height()
        if columns[-1] and height + own / 2 > total * len(columns) / count and len(columns) < count:
            columns.append([])
        columns[-1].append(label)
        height += own
    return columns
