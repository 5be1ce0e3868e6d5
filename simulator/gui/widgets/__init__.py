"""Small building blocks shared by the screens: labels, tool tips and message boxes that never
read HTML, chips, badges, large numbered reply buttons, and keyboard shortcuts that belong to
one screen."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSlider, QFrame, QHBoxLayout, QLabel,
                               QMessageBox, QSizePolicy, QVBoxLayout, QWidget)

from ...core.levels import Level
from ..base import fonts, theme


def plain_tip(text: str) -> str:
    """A tool tip that Qt shows literally. Qt renders a tip as rich text whenever it merely looks
    like HTML (``Qt.mightBeRichText``: a reply saying ``<img src=...>`` would load the file), so
    such text is escaped inside an explicit rich-text paragraph that keeps its spaces and lines;
    other text is returned as it is."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def message(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """A message box that shows ``text`` literally (QMessageBox's static functions guess, and
    render scenario text that looks like HTML as HTML)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    box.exec()


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or No, No by default, with ``text`` shown literally."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)


def button_text(text: str) -> str:
    """Text for a button, with any '&' doubled so that a name is not read as a shortcut key."""
    return text.replace("&", "&&")


def screen_shortcut(keys: QKeySequence | QKeySequence.StandardKey | str, owner: QWidget, slot) -> QShortcut:
    """A shortcut that works only while the keyboard focus is in ``owner`` or a widget inside it,
    so that a screen's keys never fire from a window that holds it next to other panels.
    Made in two steps: PySide6 ignores a context given together with the slot."""
    made = QShortcut(QKeySequence(keys), owner)
    made.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    made.activated.connect(slot)
    return made


def page_keys(owner: QWidget, area: QAbstractScrollArea) -> None:
    """Page Up and Page Down scroll ``area`` a page at a time from any widget of ``owner`` (no
    button or box on such a screen needs them), so a long page reads from the keyboard whatever
    has the focus."""
    bar = area.verticalScrollBar()
    for key, step in ((Qt.Key.Key_PageDown, QAbstractSlider.SliderAction.SliderPageStepAdd),
                      (Qt.Key.Key_PageUp, QAbstractSlider.SliderAction.SliderPageStepSub)):
        screen_shortcut(key, owner, lambda step=step: bar.triggerAction(step))


SOFT_BREAK = "\u200b"  # zero width space: a place a line may break, never drawn
LONGEST_UNBROKEN = 20  # characters of one word that may stand on a line without a break


def soft_breaks(text: str, longest: int = LONGEST_UNBROKEN) -> str:
    """``text`` with an invisible break opportunity after every ``longest`` characters of a word
    longer than that (a long compound, an address), so that a narrow label, card or reply wraps
    it instead of cutting it off or widening the screen. Other text is returned as it is."""
    if len(text) <= longest:
        return text
    return re.sub(rf"[^\s{SOFT_BREAK}]{{{longest}}}(?=[^\s{SOFT_BREAK}])", lambda m: m.group(0) + SOFT_BREAK, text)


class PlainLabel(QLabel):
    """Scenario text shown literally; when it wraps and cannot be selected (so nothing is copied
    from it), a word too long for any line is given places to break (``soft_breaks``)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        breakable = self.wordWrap() and not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        super().setText(soft_breaks(text) if breakable else text)


def plain_label(text: str = "", role: str = "normal", bold: bool = False, italic: bool = False,
                color: str = "", wrap: bool = True, selectable: bool = False) -> QLabel:
    """A label that shows scenario text literally: never as HTML."""
    label = PlainLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    if color:
        label.setStyleSheet(f"color: {color};")
    fonts.set_role(label, role, bold, italic)
    return label


def chip(text: str, color: str = theme.MUTED, background: str = theme.BACKGROUND) -> QLabel:
    label = plain_label(text, "small", bold=True, wrap=False)
    label.setStyleSheet(f"color: {color}; background: {background}; border: 1px solid {theme.BORDER};"
                        f" border-radius: 10px; padding: 2px 10px;")
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return label


def level_badge(level: Level, role: str = "small") -> QLabel:
    """The level's colour with its symbol and name: colour never carries the meaning alone."""
    label = plain_label(theme.level_badge_text(level), role, bold=True, wrap=False)
    label.setStyleSheet(theme.level_badge_style(level))
    label.setAccessibleName(f"Level: {level.label} ({level.meaning})")
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return label


def centred_column(page: QWidget, unit: int, max_units: int) -> QVBoxLayout:
    """The layout of a column at most ``max_units`` wide, centred on ``page``: lines across a
    whole wide screen are hard to read."""
    outer = QHBoxLayout(page)
    outer.setContentsMargins(unit * 2, unit * 3 // 2, unit * 2, unit * 2)
    column = QWidget()
    column.setMaximumWidth(unit * max_units)
    outer.addStretch(1)
    outer.addWidget(column, 100)
    outer.addStretch(1)
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(unit * 3 // 2)
    return box


class Panel(QFrame):
    """A titled block of a scrolling page (debrief, progress): ``box`` holds its content,
    spaced from the screen's text unit so that it grows with Ctrl+=."""

    def __init__(self, unit: int, name: str = "") -> None:
        super().__init__()
        self.setObjectName("panel")
        if name:
            self.setAccessibleName(name)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(unit * 3 // 2, unit, unit * 3 // 2, unit * 3 // 2)
        self.box.setSpacing(unit // 2)


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (a new line, the feedback, the level): Qt 6.8 and
    later send an announcement; older releases have none, and nothing is sent."""
    try:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
    except ImportError:
        return
    if not text:
        return
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class ReplyButton(QAbstractButton):
    """A large reply: a number badge (the key that picks it) and the reply's wrapped text."""

    PAD = 14

    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.setText(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        fonts.set_role(self, "body")
        self.setAccessibleName(f"{number}: {text}")
        self.setAccessibleDescription(f"Press {number} to choose this reply" if number <= 9 else "")
        self.setToolTip(f"Press {number}" if number <= 9 else "")

    def _badge(self) -> int:
        return QFontMetrics(self.font()).height() + 10

    def _text_rect(self, width: int) -> QRect:
        left = self.PAD + self._badge() + self.PAD
        return QRect(left, self.PAD, max(40, width - left - self.PAD), 10000)

    def hasHeightForWidth(self) -> bool:
        return True

    def shown_text(self) -> str:
        """The words as drawn: a word too long for a line is given places to break."""
        return soft_breaks(self.text())

    def heightForWidth(self, width: int) -> int:
        rect = self._text_rect(width)
        flags = int(Qt.TextFlag.TextWordWrap)
        text = QFontMetrics(self.font()).boundingRect(rect, flags, self.shown_text())
        return max(self._badge(), text.height()) + 2 * self.PAD

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._badge() + 2 * self.PAD)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.animateClick()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        hovered = self.underMouse() and self.isEnabled()
        focused = self.hasFocus()
        background = QColor(theme.CARD)
        if self.isDown():
            background = QColor("#EEEAF8")
        elif hovered or focused:
            background = QColor("#F7F5FC")
        border = QColor(theme.ACCENT) if (focused or hovered) else QColor(theme.BORDER)
        p.setPen(QPen(border, 3 if focused else 1.5))
        p.setBrush(background)
        p.drawRoundedRect(rect, 12, 12)
        badge = self._badge()
        circle = QRectF(self.PAD, self.PAD, badge, badge)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.ACCENT) if self.isEnabled() else QColor(theme.BORDER))
        p.drawEllipse(circle)
        p.setPen(QColor("white"))
        font = self.font()
        font.setBold(True)
        p.setFont(font)
        p.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(self.number) if self.number <= 9 else "•")
        p.setFont(self.font())
        p.setPen(QColor(theme.TEXT if self.isEnabled() else theme.MUTED))
        text_rect = self._text_rect(self.width())
        text_rect.setHeight(self.height() - 2 * self.PAD)
        shown = self.shown_text()
        bounding = p.fontMetrics().boundingRect(text_rect, int(Qt.TextFlag.TextWordWrap), shown)
        # centre short texts on the badge, start long ones at the top
        top = self.PAD + max(0, (badge - bounding.height()) // 2)
        text_rect.moveTop(top)
        p.drawText(text_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                   shown)
        p.end()
