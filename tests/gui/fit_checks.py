"""What "fits" means for a screen, checked the same way on every screen of the fit sweep.

Each check returns a list of plain descriptions of what does not fit (empty when it all fits),
so a failing test says which label, button or window is at fault and by how much.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QApplication, QGraphicsView, QLabel,
                               QScrollBar, QWidget)


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {widget.objectName() or ''}{text[:40]!r}"


def _shown(widget: QWidget, top: QWidget) -> bool:
    """Visible, and not scrolled out of view in a scroll area of ``top`` (those may be cut by design)."""
    return widget.isVisibleTo(top) and widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _label_needs(label: QLabel) -> tuple[int, int]:
    """(width, height) the label's text needs within its contents rectangle."""
    text = label.text()
    rect = label.contentsRect()
    margin = 2 * label.margin() + 2 * max(label.indent(), 0) if label.indent() > 0 else 2 * label.margin()
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(rect.width() - margin)
        return int(doc.idealWidth()), int(doc.size().height())
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        bound = metrics.boundingRect(QRect(0, 0, max(1, rect.width() - margin), 100_000),
                                     int(Qt.TextFlag.TextWordWrap), text)
        return bound.width(), bound.height()
    bound = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), 0, text)
    return bound.width(), bound.height()


def clipped_texts(top: QWidget, skip: tuple[type, ...] = ()) -> list[str]:
    """Labels and buttons in ``top`` whose text needs more room than they are given.

    Labels: the text's width and height (wrapped at the label's width when it wraps) against the
    contents rectangle. Buttons: their size hint (text, icon and the style's padding) against their
    size. ``skip``: widget types that check themselves (the reply buttons draw their own words).
    """
    out = []
    for widget in top.findChildren(QWidget):
        if skip and isinstance(widget, skip):
            continue
        if not _shown(widget, top):
            continue
        if isinstance(widget, QLabel):
            if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            need_w, need_h = _label_needs(widget)
            rect = widget.contentsRect()
            if need_w > rect.width() + 1 or need_h > rect.height() + 1:
                out.append(f"{_name(widget)} needs {need_w}x{need_h}, has {rect.width()}x{rect.height()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
                out.append(f"{_name(widget)} needs {hint.width()}x{hint.height()}, "
                           f"has {widget.width()}x{widget.height()}")
    return out


def elided_texts(top: QWidget) -> list[str]:
    """Labels showing an ellipsis their full text does not have (text cut by eliding)."""
    out = []
    for label in top.findChildren(QLabel):
        full = label.toolTip() or label.property("fullText") or ""
        if _shown(label, top) and "…" in label.text() and "…" not in str(full) and full:
            out.append(f"{_name(label)} is elided (full text {str(full)[:40]!r})")
    return out


def horizontal_scroll_bars(top: QWidget) -> list[str]:
    """Visible horizontal scroll bars, except in views made to pan (the author's map)."""
    out = []
    for bar in top.findChildren(QScrollBar):
        if bar.orientation() != Qt.Orientation.Horizontal or not bar.isVisible():
            continue
        owner = bar.parentWidget()
        while owner is not None and not isinstance(owner, QAbstractScrollArea):
            owner = owner.parentWidget()
        if isinstance(owner, QGraphicsView):
            continue
        out.append(f"horizontal scroll bar in {type(owner).__name__ if owner else '?'} "
                   f"{owner.objectName() if owner else ''}")
    return out


def off_screen_windows() -> list[str]:
    """Visible top-level windows and dialogs larger than, or reaching beyond, the available screen."""
    out = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible() or window.isHidden():
            continue
        screen = window.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry()
        frame = window.frameGeometry()
        if frame.width() > area.width() or frame.height() > area.height() or not area.contains(frame):
            out.append(f"{type(window).__name__} {window.windowTitle()!r} at {frame} (screen {area})")
    return out


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def fit_problems(top: QWidget, skip: tuple[type, ...] = ()) -> list[str]:
    """Everything the sweep checks on one screen."""
    return clipped_texts(top, skip) + elided_texts(top) + horizontal_scroll_bars(top) + off_screen_windows()
