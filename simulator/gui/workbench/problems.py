"""The problems panel: every diagnostic of the last load, with its position and hint.

Double-click (or Enter) on a problem opens it in the author's editor when an editor command is
set, else copies ``file:line:col`` to the clipboard. Commands run with QProcess.startDetached,
never through a shell.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QProcess, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (QHeaderView, QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ...core.diagnostics import Diagnostic
from ...core.editor_command import editor_arguments as core_editor_arguments
from ..base import theme
from ..widgets import plain_tip

SEVERITY_COLORS = {"error": "#B8411E", "warning": "#8A5A00"}
SEVERITY_SYMBOLS = {"error": "✖", "warning": "⚠"}
COLUMNS = ("Code", "Problem")  # the code over its line:column; the message over its hint


def location(d: Diagnostic) -> str:
    """``file:line:col`` (just the file when the problem has no position)."""
    return f"{d.file}:{d.line}:{d.column}" if d.line else d.file


def editor_arguments(command: str, d: Diagnostic) -> list[str]:
    """The editor command for a problem (``core.editor_command``: one pass, absolute file path)."""
    return core_editor_arguments(command, d.file, d.line, d.column)


class _Wrapping(QStyledItemDelegate):
    """A row as tall as its words wrapped at their column's width: a tree measures its rows
    unwrapped, which cut a long message or hint in a narrow panel."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        text = str(index.data() or "")
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        width = max(1, view.columnWidth(index.column()) - margin)  # what the delegate paints the words in
        words = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap),
                                                       text)
        return QSize(size.width(), max(size.height(), words.height() + 4))


class _Tree(QTreeWidget):
    enter_pressed = Signal(QTreeWidgetItem)

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(_Wrapping(self))
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())  # heights follow widths

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.enter_pressed.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class ProblemsPanel(QWidget):
    """Lists diagnostics; emits ``message`` with a line for the status bar after opening one."""

    message = Signal(str)
    problem_opened = Signal(object)  # the Diagnostic

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor_command = ""
        self.diagnostics: list[Diagnostic] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 8)
        box.setSpacing(4)
        self.summary = QLabel("No problems")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Problems summary")
        self.summary.setStyleSheet(f"font-weight: 600; color: {theme.MUTED};")
        box.addWidget(self.summary)
        self.tree = _Tree()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)  # the message and the hint wrap in their columns: nothing to scroll sideways to
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAccessibleName("Problems")
        self.tree.setAccessibleDescription("Errors and warnings in the scenario file. Press Enter or "
                                           "double-click to open the problem's line in your editor, "
                                           "or copy file:line:column")
        self.tree.setStyleSheet(f"QTreeWidget {{ background: {theme.CARD}; border: 1px solid {theme.BORDER};"
                                f" border-radius: 6px; }}")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the words wrap in what the width leaves
        self.tree.enter_pressed.connect(self._activated)  # not itemActivated: it also fires on double-click
        self.tree.itemDoubleClicked.connect(self._activated)
        box.addWidget(self.tree, 1)

    # -- content -----------------------------------------------------------------------

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        self.tree.clear()
        for d in self.diagnostics:
            severity = d.severity.value
            where = f"line {d.line}, column {d.column}" if d.line else "the whole file"
            item = QTreeWidgetItem([f"{SEVERITY_SYMBOLS[severity]} {d.code.code}\n{d.line}:{d.column}" if d.line
                                    else f"{SEVERITY_SYMBOLS[severity]} {d.code.code}",
                                    d.message + (f"\nHint: {d.hint}" if d.hint else "")])
            item.setForeground(0, QBrush(QColor(SEVERITY_COLORS[severity])))
            item.setToolTip(0, f"{severity} {d.code.code}, {where}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{severity} {d.code.code}, {where}")
            item.setToolTip(1, plain_tip(d.format()))
            item.setData(0, Qt.ItemDataRole.UserRole, d)
            self.tree.addTopLevelItem(item)
        errors = sum(1 for d in self.diagnostics if d.is_error)
        warnings = len(self.diagnostics) - errors
        if not self.diagnostics:
            text, color = "No problems", theme.MUTED
        else:
            parts = []
            if errors:
                parts.append(f"{errors} error{'s' if errors != 1 else ''}")
            if warnings:
                parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
            text = "Problems: " + ", ".join(parts)
            color = SEVERITY_COLORS["error" if errors else "warning"]
        self.summary.setText(text)
        self.summary.setStyleSheet(f"font-weight: 600; color: {color};")
        if self.diagnostics:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def row_texts(self, row: int) -> list[str]:
        item = self.tree.topLevelItem(row)
        return [item.text(c) for c in range(len(COLUMNS))]

    # -- opening a problem ---------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        d = item.data(0, Qt.ItemDataRole.UserRole)
        if d is not None:
            self.open_problem(d)

    def open_problem(self, d: Diagnostic) -> None:
        args = editor_arguments(self.editor_command, d) if self.editor_command else []
        if args:
            ok, _pid = QProcess.startDetached(args[0], args[1:])
            if ok:
                self.message.emit(f"Opened {location(d)} in {args[0]}")
                self.problem_opened.emit(d)
                return
            self.message.emit(f"Could not start the editor '{args[0]}': copied {location(d)} instead")
        else:
            self.message.emit(f"Copied {location(d)} to the clipboard")
        QGuiApplication.clipboard().setText(location(d))
        self.problem_opened.emit(d)
