"""The "Who is practising?" dialog: pick, add, rename or remove a trainee on a shared computer.

The list shows this computer's trainees, the most recently active first, so the person at the
keyboard usually only presses Enter. Typing a letter jumps to a matching name (type-ahead).
Typing a new name and pressing Enter adds it and selects it; Enter again starts. Problems with a
name (empty, already taken, ignoring case) are shown under the field, never as an error box.
Removing someone asks first and says their progress will be deleted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from ...core.levels import Level
from ...core.progress import MAX_NAME, ProgressError, ProgressStore, Trainee, clean_name, name_key
from ..base import fonts, geometry, theme
from ..base.progress_text import plural, when
from ..widgets import button_text, plain_label

ID_ROLE = Qt.ItemDataRole.UserRole


class TraineePicker(QDialog):
    """Modal: ``exec()`` returns Accepted with ``chosen`` set to the Trainee who is practising.

    ``current_id`` (say, the last trainee, from the settings) is selected first when present.
    ``trainee_removed`` tells the main window, which may have that person signed in.
    """

    trainee_removed = Signal(str)  # the removed trainee's id

    def __init__(self, store: ProgressStore, parent: QWidget | None = None, current_id: str | None = None,
                 now: datetime | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.chosen: Trainee | None = None
        self._now = now
        self._trainees: dict[str, Trainee] = {}
        self._activity: dict[str, tuple[datetime | None, int]] = {}
        self.setObjectName("screen")  # the app's background colour
        self.setStyleSheet(f"QPushButton#primary:disabled {{ background: {theme.BORDER}; border-color: {theme.BORDER};"
                           f" color: {theme.MUTED}; }}")
        self.setWindowTitle("Who is practising?")
        self.setAccessibleName("Who is practising?")
        self.setModal(True)

        title = plain_label("Who is practising?", "title", bold=True)
        intro = plain_label("Pick your name so that your progress is kept apart from everyone else's. "
                            "Type a letter to jump to a name.", "normal", color=theme.MUTED)

        self.list = QListWidget()
        self.list.setAccessibleName("Trainees on this computer")
        self.list.setAccessibleDescription("Arrow keys or a letter to move, Enter to start, F2 to rename.")
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed)
        self.list.setUniformItemSizes(True)
        self.list.setStyleSheet(
            f"QListWidget {{ background: {theme.CARD}; border: 1px solid {theme.BORDER}; border-radius: 8px;"
            f" padding: 4px; outline: none; }}"
            f" QListWidget:focus {{ border: 2px solid {theme.ACCENT}; }}"
            f" QListWidget::item {{ padding: 6px 10px; border-radius: 6px; }}"
            f" QListWidget::item:selected {{ background: {theme.ACCENT}; color: white; }}"
            f" QListWidget QLineEdit {{ padding: 0 8px; min-height: 0; border-radius: 4px; }}")
        fonts.set_role(self.list, "body")
        self.detail = plain_label("", "small", color=theme.MUTED)
        self.detail.setAccessibleName("About the selected trainee")
        self.empty_label = plain_label("Nobody yet: type your name below and press Enter.", "normal",
                                       color=theme.MUTED)

        self.start_button = QPushButton("&Start practising")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start practising as the selected trainee")
        self.start_button.setDefault(True)
        self.rename_button = QPushButton("&Rename")
        self.rename_button.setAccessibleName("Rename the selected trainee")
        self.rename_button.setToolTip("Change the selected name (F2)")
        self.remove_button = QPushButton("Re&move…")
        self.remove_button.setAccessibleName("Remove the selected trainee and their progress")
        self.remove_button.setToolTip("Delete this person and all their progress on this computer (Delete)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("A new name, e.g. Ana")
        self.name_edit.setAccessibleName("New trainee's name")
        self.name_edit.setMaxLength(MAX_NAME)
        fonts.set_role(self.name_edit, "normal")
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add this name")
        self.message = plain_label("", "small", bold=True, color=theme.LEVEL_COLORS[Level.LOW])
        self.message.setAccessibleName("Problem with the name")
        self.message.hide()
        for button in (self.start_button, self.rename_button, self.remove_button, self.cancel_button,
                       self.add_button):
            fonts.set_role(button, "normal")
            if button is not self.start_button:
                button.setAutoDefault(False)

        new_label = plain_label("Someone new?", "normal", bold=True)
        new_label.setBuddy(self.name_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 22)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.detail)
        manage = QHBoxLayout()
        manage.addWidget(self.rename_button)
        manage.addWidget(self.remove_button)
        manage.addStretch(1)
        layout.addLayout(manage)
        layout.addSpacing(8)
        layout.addWidget(new_label)
        add_row = QHBoxLayout()
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)

        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self.choose_selected())
        self.list.itemChanged.connect(self._item_edited)
        self.start_button.clicked.connect(self.choose_selected)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self.add_from_field)
        self.name_edit.installEventFilter(self)  # Enter there adds the name (see eventFilter)
        self.name_edit.textEdited.connect(lambda _text: self._show_message(""))
        self.rename_button.clicked.connect(self.start_rename)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.installEventFilter(self)  # Delete there removes (after asking)

        self.list.setMinimumHeight(self.list.fontMetrics().height() * 5)
        # The width it opens at, fitted to the screen: the height for it is worked out from it.
        self._width = geometry.fitted(self, QSize(max(520, self.list.fontMetrics().height() * 22), 1)).width()
        self._layout = layout
        self.reload(current_id)
        self._fit_to_text()
        (self.list if self.list.count() else self.name_edit).setFocus()

    def _fit_to_text(self) -> None:
        """Tall enough for every line at its width, but never taller than the screen (the list
        gives up height first). Wrapped labels (and a message that appears) need height for
        width, which a top-level window does not work out by itself."""
        layout = self._layout
        width = self.width() if self.isVisible() else self._width
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        height = min(height, geometry.room(self).height())
        self.setMinimumHeight(height)
        if not self.isVisible() or self.height() < height:
            self.resize(width, max(height, self.height() if self.isVisible() else 0))
        if self.isVisible():
            geometry.keep_within(self)  # grown (a message, the list appearing): still all on screen

    # -- contents ----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the trainees again, most recently active first, and select ``select_id`` (or the first)."""
        trainees = self.store.trainees("local")
        self._trainees = {t.id: t for t in trainees}
        self._activity = {o.trainee.id: (o.last_played, o.finished_attempts)
                          for o in self.store.class_overview(None, origin="local")}

        def recent(t: Trainee) -> datetime:
            last = self._activity.get(t.id, (None, 0))[0]
            return max(last, t.created_at) if last is not None else t.created_at

        ordered = sorted(trainees, key=recent, reverse=True)
        self.list.blockSignals(True)
        self.list.clear()
        for trainee in ordered:
            item = QListWidgetItem(trainee.name)
            item.setData(ID_ROLE, trainee.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{trainee.name}, {self._activity_text(trainee.id)}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, t in enumerate(ordered) if t.id == select_id), 0) if ordered else -1
        self.list.setCurrentRow(row)
        self._selection_changed()

    def names(self) -> list[str]:
        """The names in the order shown."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def selected(self) -> Trainee | None:
        item = self.list.currentItem()
        return self._trainees.get(item.data(ID_ROLE)) if item is not None else None

    def _activity_text(self, trainee_id: str) -> str:
        last, finished = self._activity.get(trainee_id, (None, 0))
        if last is None:
            return "has not practised yet"
        return f"last practised {when(last, self._now)}, {plural(finished, 'finished attempt')}"

    def _selection_changed(self, *_args) -> None:
        trainee = self.selected()
        has = trainee is not None
        for button in (self.start_button, self.rename_button, self.remove_button):
            button.setEnabled(has)
        for button in (self.rename_button, self.remove_button):
            button.setVisible(self.list.count() > 0)
        self.list.setVisible(self.list.count() > 0)
        self.empty_label.setVisible(self.list.count() == 0)
        self.detail.setText(f"{trainee.name}: {self._activity_text(trainee.id)}." if has else "")
        self.detail.setVisible(has)
        if hasattr(self, "_layout"):
            self._fit_to_text()
        self.start_button.setText(f"&Start as {button_text(trainee.name)}" if has else "&Start practising")

    # -- actions -------------------------------------------------------------------------------

    def choose_selected(self) -> None:
        trainee = self.selected()
        if trainee is None or self.chosen is not None:
            return
        self.chosen = trainee
        self.accept()

    def add_from_field(self) -> Trainee | None:
        """Add the typed name; on a problem, say it under the field and keep the text for correcting."""
        name = clean_name(self.name_edit.text())
        problem = self.name_problem(name)
        if problem:
            self._show_message(problem)
            self.name_edit.setFocus()
            return None
        try:
            trainee = self.store.add_trainee(name)
        except ProgressError as exc:
            self._show_message(str(exc))
            return None
        self.name_edit.clear()
        self._show_message("")
        self.reload(trainee.id)
        self.list.setFocus()
        return trainee

    def name_problem(self, name: str, except_id: str | None = None) -> str:
        """Why ``name`` cannot be used ('' when it can): the store's own rule (``name_key``)."""
        if not name:
            return "Please type a name."
        key = name_key(name)
        for trainee in self._trainees.values():
            if trainee.id != except_id and name_key(trainee.name) == key:
                return (f"There is already someone called {trainee.name}. Pick that name from the list, "
                        f"or add something to tell you apart (an initial, a surname).")
        return ""

    def _show_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))
        self.message.setAccessibleDescription(text)
        self._fit_to_text()

    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def rename(self, trainee_id: str, new_name: str) -> bool:
        """Rename after the same checks as adding; a problem is shown under the name field."""
        name = clean_name(new_name)
        trainee = self._trainees.get(trainee_id)
        if trainee is None:
            return False
        if name == trainee.name:
            return True
        problem = self.name_problem(name, except_id=trainee_id)
        if not problem:
            try:
                self.store.rename_trainee(trainee_id, name)
            except ProgressError as exc:
                problem = str(exc)
        self._show_message(problem and f"Not renamed: {problem}")
        self.reload(trainee_id)
        return not problem

    def _item_edited(self, item: QListWidgetItem) -> None:
        trainee_id, text = item.data(ID_ROLE), item.text()
        if trainee_id in self._trainees and text != self._trainees[trainee_id].name:
            # After the editor has closed: reloading the list inside its own change signal is unsafe.
            QTimer.singleShot(0, lambda: self._finish_rename(trainee_id, text))

    def _finish_rename(self, trainee_id: str, text: str) -> None:
        self.rename(trainee_id, text)
        self.list.setFocus()

    def remove_selected(self) -> bool:
        trainee = self.selected()
        if trainee is None or not self.confirm_remove(trainee):
            return False
        try:
            self.store.remove_trainee(trainee.id)
        except ProgressError as exc:
            self._show_message(str(exc))
            return False
        self._show_message("")
        self.reload()
        self.trainee_removed.emit(trainee.id)
        (self.list if self.list.count() else self.name_edit).setFocus()
        return True

    def confirm_remove(self, trainee: Trainee) -> bool:
        """Ask before deleting; the answer defaults to keeping the person."""
        finished = self._activity.get(trainee.id, (None, 0))[1]
        progress = (f"all of {trainee.name}'s progress on this computer ({plural(finished, 'finished attempt')})"
                    if finished else f"anything {trainee.name} has started on this computer")
        box = QMessageBox(QMessageBox.Icon.Warning, "Remove a trainee",
                          f"Remove {trainee.name}?\n\nThis also deletes {progress}. It cannot be undone. "
                          f"To keep a copy, use Export my history first.", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        remove = box.addButton(f"Remove {button_text(trainee.name)}", QMessageBox.ButtonRole.DestructiveRole)
        remove.setAccessibleName(f"Remove {trainee.name} and their progress")
        keep = box.addButton("Keep", QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName(f"Keep {trainee.name}")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is remove

    # -- Qt ------------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        # Enter in the name field adds the name and is used up there: left to travel on, it would
        # also press the default button and start with the name just added, unasked.
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if watched is self.name_edit and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add_from_field()
                return True
            if watched is self.list and event.key() == Qt.Key.Key_Delete and self.list.state() != \
                    QListWidget.State.EditingState:
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)


def pick_trainee(store: ProgressStore, parent: QWidget | None = None, current_id: str | None = None,
                 on_removed: Callable[[str], None] | None = None) -> Trainee | None:
    """Show the picker; the chosen Trainee, or None when it was cancelled. ``on_removed`` hears of
    each trainee removed meanwhile (the caller may have them signed in)."""
    dialog = TraineePicker(store, parent, current_id)
    if on_removed is not None:
        dialog.trainee_removed.connect(on_removed)
    try:
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
