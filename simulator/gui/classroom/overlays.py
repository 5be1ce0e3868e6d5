"""Layers drawn over a classroom screen: the black 'blank' screen and the F1 key help."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from . import presenter_theme as pt


class _Cover(QFrame):
    """A child that always covers its parent exactly."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def cover(self, visible: bool) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.setVisible(visible)
        if visible:
            self.raise_()


class BlankOverlay(_Cover):
    """Black: the projector shows nothing while the room talks."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("blank")
        self.setAccessibleName("Blank screen")
        self.setAccessibleDescription("Press B, '.' or an arrow key to show the picture again")
        self.setStyleSheet(f"QFrame#blank {{ background: {pt.BLANK}; }}")


class HelpOverlay(_Cover):
    """The keys, large enough to read from the back of the room."""

    def __init__(self, parent: QWidget, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setAccessibleName(title)
        self.setStyleSheet(f"QFrame#help {{ background: {pt.OVERLAY}; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        outer.addStretch(1)
        self.title = pt.text_label(title, "title", bold=True, color="white")
        outer.addWidget(self.title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(10)
        self.rows: list[tuple[str, str]] = list(keys)
        for row, (key, action) in enumerate(keys):
            k = pt.text_label(key, "body", bold=True, color="#FFE08A", wrap=False)
            a = pt.text_label(action, "body", color="white")
            k.setAccessibleName(f"{key}: {action}")
            grid.addWidget(k, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(a, row, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        outer.addWidget(pt.text_label("Esc or F1 closes this help", "small", color="#D0D0D0"))
        outer.addStretch(1)

    def apply_size(self, body: int) -> None:
        pt.apply_fonts(self, body)
        margin = max(20, body * 2)
        self.layout().setContentsMargins(margin, body, margin, body)
