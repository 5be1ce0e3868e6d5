"""Progress > What is sent about me: every statement about the trainee, as the LRS gets it.

The list says in plain words what each statement tells the organisation and whether it has gone;
the statement picked is shown below exactly as it is sent. "Save a copy…" keeps them all in a
file. The core (``core/xapi/sent_about.py``) reads and words them; this only lays them out.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..base import fonts, geometry

_COLUMNS = ("What it says", "When", "State")


def _when(moment) -> str:
    return moment.astimezone().strftime("%d %b %Y %H:%M") if moment else ""


class SentAboutDialog(QDialog):
    """The trainee's own view of what the outbox holds about them: attempt by attempt, the newest
    first, each attempt's statements in the order they are sent."""

    def __init__(self, view, trainee_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view, self.trainee_name = view, trainee_name
        self.setWindowTitle(f"What is sent about {trainee_name}")
        self.setObjectName("sentAboutDialog")
        self.headline = QLabel(view.headline())
        self.headline.setObjectName("sentHeadline")
        fonts.set_role(self.headline, "body", bold=True)
        self.identity = QLabel(f"{view.identity()} {view.counts()}")
        self.identity.setObjectName("sentIdentity")
        for label in (self.headline, self.identity):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list = QTableWidget(0, len(_COLUMNS))
        self.list.setObjectName("sentList")
        self.list.setHorizontalHeaderLabels(list(_COLUMNS))
        self.list.verticalHeader().hide()
        self.list.setWordWrap(True)  # a reply's words wrap in their column, never cut off
        self.list.setShowGrid(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Statements about you, attempt by attempt, the newest first")
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        bold = fonts.role_font("normal", bold=True)
        for attempt in reversed(view.attempts):
            self._add_row([attempt.scenario, _when(attempt.started), attempt.state_words()], None, bold)
            for item in attempt.items:
                self._add_row([item.what, _when(item.at), item.state_words], item)

        self.statement = QPlainTextEdit()
        self.statement.setObjectName("sentStatement")
        self.statement.setReadOnly(True)
        self.statement.setAccessibleName("The statement exactly as it is sent")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(fonts.role_font("small").pointSizeF())  # follows the text size
        self.statement.setFont(fixed)
        caption = QLabel("The statement picked, exactly as it is sent (pick a line above):")
        caption.setBuddy(self.statement)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(caption)
        lower_layout.addWidget(self.statement)
        self.empty = QLabel("Nothing has been queued or sent about you.")
        self.empty.setObjectName("sentEmpty")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)  # the list first: the statement below is for a closer look
        splitter.setStretchFactor(1, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save a copy…")
        self.save_button.setObjectName("saveSentCopy")
        self.save_button.setEnabled(bool(view.items))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save_copy())

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.identity)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty, 1)
        splitter.setVisible(bool(view.items))
        self.empty.setVisible(not view.items)
        self.note = QLabel()
        self.note.setObjectName("sentNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.list.currentCellChanged.connect(lambda row, *_: self._show(row))
        if view.items:
            self.list.setCurrentCell(1, 0)  # the newest attempt's first statement
            self.list.setFocus()
        geometry.open_at(self, 1100, 700)

    def _add_row(self, texts: list[str], item, font=None) -> None:
        row = self.list.rowCount()
        self.list.insertRow(row)
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, item)
            if font is not None:  # an attempt's own line, above its statements
                cell.setFont(font)
                cell.setBackground(self.palette().alternateBase())
            self.list.setItem(row, column, cell)

    def item_at(self, row: int):
        """The statement shown on ``row`` (None on an attempt's own line)."""
        cell = self.list.item(row, 0)
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def _show(self, row: int) -> None:
        item = self.item_at(row)
        if item is None:
            self.statement.setPlainText("This line is the attempt: pick one of its statements below it.")
        elif item.statement is None:
            self.statement.setPlainText(item.what)
        else:
            self.statement.setPlainText(json.dumps(item.statement, ensure_ascii=False, indent=2))

    def save_copy(self, path: str | None = None) -> None:
        from .progress_actions import save_sent_copy

        outcome = save_sent_copy(self, self.view, self.trainee_name, path=path, notify=False)
        if outcome is not None:
            self.note.setText(outcome.message)
            self.note.show()


def open_dialog(parent: QWidget, store, trainee) -> None:
    """Read what the outbox holds about ``trainee`` and show it (a store that fails to read: say so)."""
    from ...core.xapi import config
    from ...core.xapi.outbox import Outbox
    from ...core.xapi.sent_about import sent_about
    from ..widgets import message

    try:
        with Outbox.of(store) as outbox:
            rows = outbox.about(trainee.id)
        view = sent_about(rows, trainee.id, trainee.name, config.load(store.data_dir))
    except Exception as exc:  # a damaged file or settings: the trainee gets a sentence, not a traceback
        message(parent, "What is sent about me", f"What is sent about you could not be read: {exc}", warning=True)
        return
    SentAboutDialog(view, trainee.name, parent).exec()
