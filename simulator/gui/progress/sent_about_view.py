"""Progress > What is sent about me: every statement about the trainee, as the LRS gets it.

The list says in plain words what each statement tells the organisation and whether it has gone;
the statement picked is shown below exactly as it is sent. "Save a copy…" keeps them all in a
file. The core (``core/xapi/sent_about.py``) reads and words them; this only lays them out.
"""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..base import fonts, geometry
from ..base.progress_text import long_date

_COLUMNS = ("What it says", "When", "State")
_ATTEMPT_LINE = "This line is the attempt: pick one of its statements below it."


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SentAboutDialog(QDialog):
    """The trainee's own view of what the outbox holds about them: attempt by attempt, the newest
    first, each attempt's statements in the order they are sent."""

    def __init__(self, view, trainee_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view, self.trainee_name = view, trainee_name
        self.setWindowTitle(f"What is sent about {trainee_name}")
        self.setObjectName("sentAboutDialog")
        self.headline = fonts.set_role(_label(view.headline(), "sentHeadline"), "body", bold=True)
        self.identity = _label(f"{view.identity()} {view.counts()}", "sentIdentity")
        self.problem = _label(view.settings_problem, "sentProblem")
        self.problem.setVisible(bool(view.settings_problem))

        self.list = self._make_list()
        self.statement = QPlainTextEdit()
        self.statement.setObjectName("sentStatement")
        self.statement.setReadOnly(True)
        self.statement.setTabChangesFocus(True)
        self.statement.setAccessibleName("The statement exactly as it is sent")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(fonts.role_font("small").pointSizeF())  # follows the text size
        self.statement.setFont(fixed)
        caption = QLabel("The statement &picked, exactly as it is sent:")
        caption.setBuddy(self.statement)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(caption)
        lower_layout.addWidget(self.statement)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)  # the list first: the statement below is for a closer look
        splitter.setStretchFactor(1, 2)
        self.empty = QLabel("Nothing has been queued or sent about you.")
        self.empty.setObjectName("sentEmpty")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save a copy…")
        self.save_button.setObjectName("saveSentCopy")
        self.save_button.setEnabled(bool(view.items))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():  # Enter on a line of the list picks it; it closes nothing
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save_copy())
        self.note = _label("", "sentNote")
        self.note.hide()

        layout = QVBoxLayout(self)
        for widget in (self.headline, self.identity, self.problem):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        splitter.setVisible(bool(view.items))
        self.empty.setVisible(not view.items)
        self.list.currentCellChanged.connect(lambda row, *_: self._show(row))
        if view.items:
            self.list.setCurrentCell(1, 0)  # the newest attempt's first statement
            self.list.setFocus()
        geometry.open_at(self, 1100, 700)

    def _make_list(self) -> QTableWidget:
        table = QTableWidget(0, len(_COLUMNS))
        table.setObjectName("sentList")
        table.setHorizontalHeaderLabels(list(_COLUMNS))
        table.verticalHeader().hide()
        table.setWordWrap(True)  # a reply's words wrap in their row, never cut off
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)  # Tab leaves the list for the statement and the buttons
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setAccessibleName("Statements about you, attempt by attempt, the newest first")
        table.setAccessibleDescription("Up and Down move between statements; the one picked is shown below; "
                                       "Tab moves on to it.")
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        bold = fonts.role_font("normal", bold=True)
        for attempt in reversed(self.view.attempts):
            self._add_row(table, [attempt.scenario, _when(attempt.started), attempt.state_words], None, bold)
            for item in attempt.items:
                self._add_row(table, [item.what, _when(item.at), item.state_words], item)
        return table

    def _add_row(self, table: QTableWidget, texts: list[str], item, font=None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, item)
            if font is not None:  # an attempt's own line, above its statements
                cell.setFont(font)
                cell.setBackground(self.palette().alternateBase())
            table.setItem(row, column, cell)

    def item_at(self, row: int):
        """The statement shown on ``row`` (None on an attempt's own line)."""
        cell = self.list.item(row, 0)
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def _show(self, row: int) -> None:
        item = self.item_at(row)
        if item is None:
            self.statement.setPlainText(_ATTEMPT_LINE)
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


def _when(moment) -> str:
    return long_date(moment) if moment else ""


def read_view(store, trainee):
    """What the outbox holds about ``trainee``, under the saved settings; unreadable settings are
    told in the view (sending is off then: the app attaches no recorder), not in place of it."""
    from ...core.xapi import config
    from ...core.xapi.outbox import Outbox
    from ...core.xapi.sent_about import sent_about

    with Outbox.of(store) as outbox:
        rows = outbox.about(trainee.id)
    try:
        settings, problem = config.load(store.data_dir), ""
    except config.SettingsError as exc:
        settings, problem = config.LrsSettings(), f"The LRS settings cannot be read, so nothing is sent: {exc}"
    return sent_about(rows, trainee.id, trainee.name, settings, problem)


def open_dialog(parent: QWidget, store, trainee) -> None:
    """Show what is sent about ``trainee`` (a progress file that fails to read: say so)."""
    from ..widgets import message

    try:
        view = read_view(store, trainee)
    except (sqlite3.Error, OSError) as exc:
        message(parent, "What is sent about me", f"What is sent about you could not be read: {exc}", warning=True)
        return
    SentAboutDialog(view, trainee.name, parent).exec()
