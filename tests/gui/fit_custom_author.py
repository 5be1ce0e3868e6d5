"""Fit checks for what the author's preview and the classroom draw themselves, beside the
shared ones in fit_checks.py (the reply cards' check and the screenshots are there): each returns
plain descriptions of what does not fit (empty when it all fits)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QScrollArea, QStyle, QTreeWidget, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout


def replies_cut_by_their_area(play) -> list[str]:
    """Reply cards only partly in view in the replies area while it cannot scroll to them."""
    area = play.replies_scroll
    viewport = area.viewport()
    out = []
    for button in play.reply_buttons:
        shown = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
        if not viewport.rect().contains(shown) and not area.verticalScrollBar().isVisible():
            out.append(f"reply {button.number} at {shown} is cut by the replies area {viewport.rect()}")
    return out


def cut_by_scroll_areas(top: QWidget) -> list[str]:
    """What a scroll area on show holds, when it is wider than the area and the area does not
    scroll sideways: its right-hand part is never seen (no scroll bar says so)."""
    out = []
    for area in top.findChildren(QScrollArea):
        inside = area.widget()
        if inside is None or not area.isVisible() or area.horizontalScrollBar().isVisible():
            continue
        if inside.width() > area.viewport().width() + 1:
            out.append(f"{type(area).__name__} {area.accessibleName() or area.objectName()!r} shows "
                       f"{area.viewport().width()} of the {inside.width()} its {type(inside).__name__} is wide")
    return out


def tree_row_problems(tree: QTreeWidget) -> list[str]:
    """Rows of a tree on show whose words, wrapped at their column's width, need more height than
    the row has (a tree measures its rows unwrapped unless told otherwise)."""
    if not tree.isVisible():
        return []
    out = []
    margin = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        height = tree.visualItemRect(item).height()
        for column in range(tree.columnCount()):
            width = tree.columnWidth(column) - margin
            flags = int(Qt.TextFlag.TextWordWrap) if tree.wordWrap() else 0
            needed = QFontMetrics(tree.font()).boundingRect(QRect(0, 0, max(1, width), 100_000), flags,
                                                            item.text(column))
            if needed.height() > height or (not tree.wordWrap() and needed.width() > width):
                out.append(f"problem row {row}, column {column} {item.text(column)[:40]!r} needs "
                           f"{needed.width()}x{needed.height()}, has {width}x{height}")
    return out


def missing_glyphs(label: QLabel, glyphs: str) -> list[str]:
    """Characters of ``glyphs`` that the label's font cannot draw (they would show as boxes)."""
    metrics = QFontMetrics(label.font())
    return [f"{label.accessibleName()[:30]!r}: no glyph for {c!r}" for c in glyphs
            if not c.isspace() and not metrics.inFontUcs4(ord(c))]


def settled_problems(qtbot, check, timeout: int = 2000) -> list[str]:
    """What ``check()`` finds once the layout has settled: a layout finishes over a few turns of
    the event loop (a scroll area sizes what it holds after the rest), so a problem counts only
    if it is still there after ``timeout`` ms."""
    found: list[str] = []

    def fits() -> bool:
        found[:] = check()
        return not found

    try:
        qtbot.waitUntil(fits, timeout=timeout)
    except WaitTimeout:
        pass  # what was found last is what does not fit
    return found

