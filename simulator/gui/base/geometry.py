"""Windows and dialogs open within the screen's available area (what the task bar and panels
leave), and a remembered size is used only while it still fits there. One rule for every window:
a small laptop screen (1366x768) or a larger text size must never push a title bar, a field or
a button off the screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager adds around a window (title bar, borders) before the window has been
# shown and its real frame is known.
FRAME_GUESS = QMargins(8, 34, 8, 8)


def available_area(widget: QWidget | None = None) -> QRect:
    """The available geometry of the screen ``widget`` (or its parent window) is on, else of the
    primary screen."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def _frame(widget: QWidget) -> QMargins:
    if widget.isVisible():
        outer, inner = widget.frameGeometry(), widget.geometry()
        margins = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                           outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if margins != QMargins():
            return margins
    return FRAME_GUESS


def room(widget: QWidget) -> QSize:
    """The largest inner size of ``widget`` whose frame still fits the available area."""
    area, frame = available_area(widget), _frame(widget)
    return QSize(max(1, area.width() - frame.left() - frame.right()),
                 max(1, area.height() - frame.top() - frame.bottom()))


def fitted(widget: QWidget, size: QSize) -> QSize:
    """``size`` made no larger than the room on the screen."""
    return size.boundedTo(room(widget))


def fits(widget: QWidget) -> bool:
    """Whether the whole window, frame included, lies within the available area."""
    if widget.isMaximized() or widget.isFullScreen():
        return True
    frame = _frame(widget)
    outer = widget.geometry().marginsAdded(frame)
    return available_area(widget).contains(outer)


def open_at(widget: QWidget, width: int, height: int) -> None:
    """Size a window about to open: ``width`` x ``height`` where it fits, less where it does not.
    Its minimum size is only known for sure once it is shown (styled): it is fitted again then."""
    widget.resize(QSize(width, height).boundedTo(room(widget)))
    if not widget.isVisible():
        if widget.parentWidget() is None:
            centre_in_area(widget)
        _FitOnShow(widget, QSize(width, height))


class _FitOnShow(QObject):
    """Once, when the window is shown: back within the screen if its styled minimum pushed it out."""

    def __init__(self, widget: QWidget, wanted: QSize) -> None:
        super().__init__(widget)
        self._wanted = wanted
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fit)  # once the layout has taken the style into account
        return False

    def _fit(self) -> None:
        widget = self.parent()
        if isinstance(widget, QWidget) and not fits(widget):
            widget.resize(self._wanted.boundedTo(room(widget)).expandedTo(widget.minimumSizeHint()))
            if widget.parentWidget() is None:
                centre_in_area(widget)
        self.deleteLater()


def keep_within(widget: QWidget) -> None:
    """Move a window that grew (or was placed) past an edge of the available area back inside it."""
    area, frame = available_area(widget), _frame(widget)
    outer = widget.geometry().marginsAdded(frame)
    dx = max(area.left() - outer.left(), min(0, area.right() - outer.right()))
    dy = max(area.top() - outer.top(), min(0, area.bottom() - outer.bottom()))
    if dx or dy:
        widget.move(widget.pos().x() + dx, widget.pos().y() + dy)


def centre_in_area(widget: QWidget) -> None:
    """Place a window (about to open) in the middle of the available area."""
    area, frame = available_area(widget), _frame(widget)
    outer = QSize(widget.width() + frame.left() + frame.right(), widget.height() + frame.top() + frame.bottom())
    x = area.left() + max(0, (area.width() - outer.width()) // 2)
    y = area.top() + max(0, (area.height() - outer.height()) // 2)
    widget.move(x, y)


def restore(widget: QWidget, saved: QByteArray | None, width: int, height: int) -> bool:
    """Restore a remembered geometry if it still fits the screen (the screen may be smaller now,
    or another one); otherwise open at ``width`` x ``height``, fitted. True when restored."""
    if saved is not None and not saved.isEmpty() and widget.restoreGeometry(saved):
        if fits(widget):
            return True
    open_at(widget, width, height)
    return False


def remembered(widget: QWidget) -> QByteArray | None:
    """The geometry to remember, or None when the window does not fit the screen (it is not
    worth opening like that again)."""
    return widget.saveGeometry() if fits(widget) else None
