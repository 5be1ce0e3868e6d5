"""F1 in the main window: the keyboard shortcuts as key and action rows, not one run-on paragraph."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication, QDialog

from simulator.gui.widgets.keys_help import SHORTCUTS


def table_rows(html: str) -> list[list[str]]:
    doc = QTextDocument()
    doc.setHtml(html)
    table = next(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable))
    def text(r: int, c: int) -> str:  # a heading spans both columns: its text once
        cell = table.cellAt(r, c)
        return cell.firstCursorPosition().block().text().replace("\xa0", " ") if cell.column() == c else ""

    return [[text(r, c) for c in range(table.columns())] for r in range(table.rows())]


def test_f1_lists_each_key_on_its_own_row_with_its_action(qtbot, main_window):
    seen: list[QDialog] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box)
        box.accept()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(main_window, Qt.Key.Key_F1)  # opens the box; the timer reads it and closes it
    qtbot.waitUntil(lambda: bool(seen))
    box = seen[0]
    assert isinstance(box, QDialog) and box.windowTitle() == "Keyboard shortcuts"
    assert all(label.textFormat() == Qt.TextFormat.RichText for label in box.labels)
    rows = [row for label in box.labels for row in table_rows(label.text())]  # a table per screen, in order
    expected = []
    for section, keys in SHORTCUTS:
        expected.append([section, ""])
        expected += [[key, action] for key, action in keys]
    assert rows == expected
    assert ["Ctrl+F", "search"] in rows and ["Esc", "back to the library"] in rows
    assert all("·" not in action for _, action in rows)  # one key a row, no run-on lists
    assert all(label.isVisibleTo(box) and "<table" in label.text() for label in box.labels)  # shown as tables
