"""Text sizes by role, relative to the application font (which follows the system font and
the user's Ctrl+= / Ctrl+- scale). Widgets carry a role; ``refresh`` re-applies them all."""

from __future__ import annotations

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
    """Re-apply every role under ``root`` (after the base font changed)."""
    _apply(root)
    for widget in root.findChildren(QWidget):
        _apply(widget)
