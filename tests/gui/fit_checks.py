"""What "fits" means for a screen, checked the same way on every screen of the fit sweep.

Each check returns a list of plain descriptions of what does not fit (empty when it all fits),
so a failing test says which label, button or window is at fault and by how much.
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QApplication, QComboBox, QGraphicsView,
                               QLabel, QLineEdit, QScrollBar, QStyle, QWidget)


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {widget.objectName() or ''}{text[:40]!r}"


def _shown(widget: QWidget, top: QWidget) -> bool:
    """Visible, and not scrolled out of view in a scroll area of ``top`` (those may be cut by design)."""
    return widget.isVisibleTo(top) and widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _plain_shown(label: QLabel) -> str:
    """A plain label's words as drawn: with a buddy, an ``&`` marks the shortcut's letter (drawn
    underlined, taking no room) and ``&&`` is one ``&``; without a buddy every ``&`` is drawn."""
    text = label.text()
    return re.sub("&(.)", r"\1", text) if label.buddy() is not None else text


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
    text = _plain_shown(label)
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


def _scrolled(widget: QWidget) -> bool:
    """``widget`` is a scroll area's viewport: what it holds is cut at its edges by design."""
    owner = widget.parentWidget()
    return isinstance(owner, QAbstractScrollArea) and owner.viewport() is widget


def cut_off_widgets(top: QWidget) -> list[str]:
    """Labels, buttons, fields and drop-down boxes on show that reach past the edge of a widget
    they are in, so that part of them is never drawn (a bar squeezed shorter than what it holds).
    The content of a scroll area is cut at its viewport by design, and is not counted."""
    out = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox)) or not _shown(widget, top):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and not widget.text():
            continue
        rect, parent = widget.geometry(), widget.parentWidget()
        while parent is not None and not _scrolled(parent):
            if not parent.rect().adjusted(-1, -1, 1, 1).contains(rect):
                out.append(f"{_name(widget)} at {rect} is cut by {type(parent).__name__} "
                           f"{parent.objectName()} of {parent.width()}x{parent.height()}")
                break
            if parent is top:
                break
            rect = rect.translated(parent.pos())
            parent = parent.parentWidget()
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
    """Visible horizontal scroll bars, except in views made to pan: the author's map, and a table
    that keeps its first column in view while its other columns scroll (the class overview has a
    column per scenario of the library, which no width can hold; its ``pansSideways`` property says
    so)."""
    out = []
    for bar in top.findChildren(QScrollBar):
        if bar.orientation() != Qt.Orientation.Horizontal or not bar.isVisible():
            continue
        owner = bar.parentWidget()
        while owner is not None and not isinstance(owner, QAbstractScrollArea):
            owner = owner.parentWidget()
        if isinstance(owner, QGraphicsView) or (owner is not None and owner.property("pansSideways")):
            continue  # the author's map; a table whose first column stays in view while the rest scroll
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


# -- widgets that draw their own words: what the words need against what the widget gives them --


def _reply_room(button) -> tuple[QRect, QRect]:
    """(what a reply button's words need wrapped as it draws them, the rectangle it draws them in)."""
    rect = button._text_rect(button.width())
    needed = QFontMetrics(button.font()).boundingRect(rect, int(Qt.TextFlag.TextWordWrap), button.shown_text())
    return needed, rect


def reply_text_fits(button) -> bool:
    """A reply button's wrapped words need no more room than the button gives them."""
    needed, rect = _reply_room(button)
    return needed.height() <= button.height() - 2 * button.PAD and needed.width() <= rect.width()


def reply_problems(buttons) -> list[str]:
    """Reply buttons on show whose words are cut (``ReplyButton`` paints them itself, so the label
    check cannot see them)."""
    out = []
    for button in buttons:
        if button.isVisible() and not reply_text_fits(button):
            needed, rect = _reply_room(button)
            out.append(f"reply {button.number} {button.text()[:40]!r} needs {needed.width()}x{needed.height()} "
                       f"for its words, has {rect.width()}x{button.height() - 2 * button.PAD}")
    return out


def card_problems(library) -> list[str]:
    """Library cards and headings whose drawn words need more room than they get.

    A card is drawn from ``CardLook.layout`` in its item's rectangle less half the gap on each
    side (``CardDelegate.paint``): the card must be as tall as that layout, and every block must
    hold its words at the block's width (a word too long to wrap, or a chip wider than the card,
    would be cut by the card's clip)."""
    from simulator.gui.practice.library import CARD_GAP
    from simulator.gui.practice.library_card import CardLook

    out = []
    view = library.list
    look = library.look
    for row, item in enumerate(library.model.rows):  # every card, scrolled into view or not
        rect = view.visualRect(library.model.index(row))
        card = library.card_at(library.model.index(row))
        if card is None:  # a heading, drawn along the row less the list's inset
            width = QFontMetrics(look.heading).horizontalAdvance(item.text) + CARD_GAP // 2
            if width > rect.width():
                out.append(f"heading {item.text!r} needs {width}, has {rect.width()}")
            continue
        half = CARD_GAP // 2
        inside = rect.adjusted(half, half, -half, -half)
        blocks, height = look.layout(card, inside.width())
        if height > inside.height():
            out.append(f"card {card.title[:40]!r} needs {height} high, has {inside.height()}")
        for block in blocks:
            if block.rect.right() >= inside.width() - 3:  # the clip: the card less its thickest border
                out.append(f"card {card.title[:30]!r}: {block.kind} {block.text[:30]!r} reaches "
                           f"{block.rect.right()} of {inside.width()}")
            if block.kind == "problems":
                continue
            target = block.rect
            needed = QFontMetrics(block.font).boundingRect(target, block.flags, block.text)
            if block.kind == "chip":
                needed.adjust(-CardLook.CHIP_PAD_X, 0, CardLook.CHIP_PAD_X, 0)
            if needed.width() > target.width() + 1 or needed.height() > target.height() + 1:
                out.append(f"card {card.title[:30]!r}: {block.kind} {block.text[:30]!r} needs "
                           f"{needed.width()}x{needed.height()}, has {target.width()}x{target.height()}")
    return out


def _heading_needs(header, section: int) -> int:
    """The width a column heading's words need, with the sort arrow's room on the sorted column only.
    ``sectionSizeFromContents`` adds room for an arrow as wide as the heading is tall to every
    section while sort arrows are shown (Qt's QHeaderView does), though one column at a time
    shows one, a few pixels wide: that room is taken off, and the arrow's own given back where it is."""
    size = header.sectionSizeFromContents(section)
    needed = size.width()
    if header.isSortIndicatorShown():
        style = header.style()
        needed -= size.height() + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        if header.sortIndicatorSection() == section:
            needed += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return needed


def _wrapped_cell_problem(table, index, width: int) -> str:
    """'' when the cell's words, wrapped at its column's width (less the view's text margins), fit
    its row's height and no word alone is wider than that; else what they need."""
    text = str(index.data() or "")
    font = index.data(Qt.ItemDataRole.FontRole) or table.font()
    metrics = QFontMetrics(font)
    room = width - 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    widest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
    if widest > room:
        return f"has a word {widest} wide, the column has room for {room}"
    needed = metrics.boundingRect(QRect(0, 0, room, 100000), int(Qt.TextFlag.TextWordWrap), text).height()
    height = table.rowHeight(index.row())
    return f"needs {needed} high wrapped, has {height}" if needed > height else ""


def table_problems(table, wrapped: tuple[int, ...] = ()) -> list[str]:
    """Cells and column headings of a table on show that need more width than their column has,
    so that the view elides them (measured by the table's own delegate and header), and headings
    shortened with an ellipsis their full text does not have. The cells of the ``wrapped`` columns
    wrap their words instead: those need a row as tall as the wrapped words."""
    out = []
    model, header = table.model(), table.horizontalHeader()
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        width = table.columnWidth(column)
        heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        full = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole) or "")
        if "…" in heading and "…" not in full:
            out.append(f"heading {heading!r} is shortened (full text {full[:50]!r})")
        needed = _heading_needs(header, column)
        if needed > width:
            out.append(f"heading {heading!r} needs {needed}, has {width}")
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(model.data(index) or "")
            if column in wrapped:
                problem = _wrapped_cell_problem(table, index, width)
                if text and problem:
                    out.append(f"cell {text[:40]!r} (row {row}) {problem}")
                continue
            needed = table.sizeHintForIndex(index).width()
            if text and needed > width:
                out.append(f"cell {text[:40]!r} (row {row}) needs {needed}, has {width}")
    return out


def save_shot(widget: QWidget, name: str) -> None:
    """Save ``widget`` as ``name``.png in the folder named by FIT_SHOTS (nothing when it is unset),
    to look at what a sweep checked."""
    folder = os.environ.get("FIT_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        widget.grab().save(os.path.join(folder, f"{name}.png"))


def fit_problems(top: QWidget, skip: tuple[type, ...] = ()) -> list[str]:
    """Everything the sweep checks on one screen."""
    return (clipped_texts(top, skip) + elided_texts(top) + cut_off_widgets(top) + horizontal_scroll_bars(top)
            + off_screen_windows())
