"""Text sizes by role, relative to the application font (which follows the system font and
the user's Ctrl+= / Ctrl+- scale). Widgets carry a role; ``refresh`` brings a whole window to
the new size, and ``FollowsTextSize`` lets a screen that lays itself out again do so once it is
on show."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

# Multiples of the base size. The base is already enlarged for readability (see app.py).
ROLES = {
    "display": 2.2,   # screen titles
    "title": 1.6,     # card titles, the customer's name
    "heading": 1.25,  # section headings
    "body": 1.15,     # transcript, brief text, replies
    "normal": 1.0,
    "small": 0.9,     # captions, file paths
}
READABLE = 1.35  # the base text is this much larger than the system's default


def base_point_size(system_point_size: float, scale: float) -> float:
    return max(6.0, system_point_size * READABLE * scale)


def system_point_size() -> float:
    """The system font size, remembered before the app enlarged it."""
    app = QApplication.instance()
    size = app.property("systemPointSize")
    if not size:
        size = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
        app.setProperty("systemPointSize", size)
    return float(size)


def set_text_scale(scale: float) -> QFont:
    """Make the application font the readable base size at ``scale`` (1.0: 100%); return it."""
    font = QFont(QApplication.font())
    font.setPointSizeF(base_point_size(system_point_size(), scale))
    QApplication.setFont(font)
    return font


def set_role(widget: QWidget, role: str, bold: bool = False, italic: bool = False) -> QWidget:
    widget.setProperty("textRole", role)
    widget.setProperty("textBold", bold)
    widget.setProperty("textItalic", italic)
    _apply(widget)
    return widget


def role_font(role: str, bold: bool = False, italic: bool = False) -> QFont:
    """The application font at the size of ``role``."""
    base = QApplication.font()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * ROLES.get(role, 1.0))
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _apply(widget: QWidget) -> None:
    role = widget.property("textRole")
    if role:
        widget.setFont(role_font(role, bool(widget.property("textBold")), bool(widget.property("textItalic"))))


def refresh(root: QWidget) -> None:
    """After the base font changed: re-apply every role under ``root``, and let widgets with
    neither a role nor a font of their own (menus, fields, buttons) inherit their parent's font
    again: under the app's style sheet Qt does not pass a new application font down to them by
    itself. Widgets sized by their own style sheet (``sized_by_style_sheet``) are left to it,
    with what they hold."""
    if root.property("textRole"):
        _apply(root)
    elif root.property("sizedByStyleSheet"):
        return
    elif not root.testAttribute(Qt.WidgetAttribute.WA_SetFont):
        root.setFont(QFont())  # an empty font: inherit the parent's again
    for child in root.children():
        if child.isWidgetType():
            refresh(child)


def sized_by_style_sheet(widget: QWidget) -> None:
    """``widget`` and what it holds take their text size from its own style sheet, which it
    rewrites when the font changes: ``refresh`` leaves them alone."""
    widget.setProperty("sizedByStyleSheet", True)


class FollowsTextSize:
    """For a screen that lays itself out again when its text size changes (``text_size_changed``):
    while it is hidden, that waits until it is shown, so a Ctrl+= on one screen never rebuilds
    the others. Put it before the Qt class in the bases."""

    _text_size_stale = False

    def text_size_changed(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            if self.isVisible():
                self.text_size_changed()
            else:
                self._text_size_stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._text_size_stale:
            self._text_size_stale = False
            self.text_size_changed()
