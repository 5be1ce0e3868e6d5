"""One library card: what it says (``LibraryCard``) and how it is drawn (``CardLook``).

The library draws its cards itself instead of building a widget tree per card: a library of
hundreds of files then lists as fast as a dozen, and the screen is ready sooner at start.
Measuring and painting share one layout (``CardLook.blocks``), so a card is always as tall as
what it draws.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from ...core.channels import channel_label
from ...core.levels import Level
from ..base import fonts, theme
from ..base.progress_text import domain_name, level_text, plural, when
from ..widgets import soft_breaks

if TYPE_CHECKING:
    from ...core.catalog import CatalogEntry

ORIGINS = {"bundled": "Bundled", "user": "Your folder", "file": "Opened file"}
MAX_PROBLEMS_SHOWN = 6


def progress_text(progress, now: datetime, due: bool) -> str:
    """A card's status line: never played, or best level · attempts · last played · due."""
    if progress is None or progress.never_played:
        return "○ Never played"
    parts = []
    if progress.best_level is not None:
        parts.append(f"Best: {level_text(progress.best_level)}")
    if progress.attempts:
        parts.append(plural(progress.attempts, "attempt"))
    else:
        parts.append("started, not finished")
    parts.append(f"last played {when(progress.last_played, now)}")
    if due:
        parts.append("due for review")
    return " · ".join(parts)


class LibraryCard:
    """One library entry: a playable scenario, or a file with problems, and the trainee's status."""

    def __init__(self, origin: str, entry: "CatalogEntry") -> None:
        self.origin = origin
        self.entry = entry
        self.loaded = entry  # as read; ``entry`` may add the library's own problems (an id another file has)
        self.status = ""  # the trainee's progress line ('' when nobody is signed in)
        self.due = False
        self.look_cache: dict = {}  # CardLook's measurements, by what they depend on

    @property
    def playable(self) -> bool:
        return self.entry.playable

    @property
    def title(self) -> str:
        return self.entry.title

    def domain(self) -> str:
        return self.entry.domain

    def search_text(self) -> str:
        return self.entry.search_text()

    def set_progress(self, progress, now: datetime) -> None:
        """The trainee's ``ScenarioProgress`` for this scenario (None: nobody is signed in)."""
        if not self.playable:
            return
        self.due = bool(progress is not None and progress.is_due(now))
        self.status = "" if progress is None else progress_text(progress, now, self.due)

    def chips(self) -> list[tuple[str, str, str]]:
        """(text, colour, background) of each chip: domain, channel, difficulty and minutes, or the
        number of problems; then where the file comes from, unless it is bundled."""
        e = self.entry
        if self.playable:
            chips = [(t, theme.MUTED, theme.BACKGROUND) for t in (
                domain_name(e.domain) if e.domain else "", channel_label(e.channel), e.difficulty, f"{e.minutes} min" if e.minutes else "") if t]
        else:
            chips = [(f"⚠ Cannot be played: {plural(len(e.errors), 'problem')}", "white", theme.LEVEL_COLORS[Level.LOW])]
        if self.origin != "bundled":
            chips.append((ORIGINS.get(self.origin, self.origin), theme.ACCENT, theme.BACKGROUND))
        return chips

    def summary(self) -> str:
        return " ".join(self.entry.summary.split())

    def customer(self) -> str:
        who = ", ".join(x for x in (self.entry.customer, self.entry.organization) if x)
        return f"Customer: {who}" if who else ""

    def problems_text(self) -> str:
        """file:line:col and message of each problem (with its hint), as the card shows them."""
        if self.playable:
            return ""
        entry = self.entry
        problems = entry.errors or list(entry.diagnostics)
        lines = []
        for d in problems[:MAX_PROBLEMS_SHOWN]:
            where = os.path.basename(d.file or entry.path) + (f":{d.line}" if d.line else "") + \
                (f":{d.column}" if d.line and d.column else "")  # file:line:col, as the command line shows it
            text = f"{where}  {d.message}"
            if d.hint:
                text += f"\n    hint: {d.hint}"
            lines.append(text)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more (run: simulator validate \"{entry.path}\")")
        return "\n".join(lines)

    def shows_path(self) -> bool:
        return self.origin != "bundled" or not self.playable

    def accessible_name(self) -> str:
        return f"Scenario: {self.title}" if self.playable else f"Scenario with problems: {self.title}"

    def accessible_description(self) -> str:
        if not self.playable:
            return self.problems_text()
        e = self.entry
        text = " ".join(x for x in (e.domain, channel_label(e.channel), e.difficulty, f"{e.minutes} minutes",
                                    e.summary) if x)
        return f"{text}. {self.status}" if self.status else text


@dataclass
class Block:
    """One piece of a card: text in a font and colour, a chip, or the problems box."""

    kind: str  # 'text', 'chip', 'problems'
    rect: QRect
    text: str
    font: QFont
    color: str
    flags: int
    background: str = ""


class CardLook:
    """The fonts, spacing and colours of library cards; lays out and paints one card in a rect.

    Fonts follow the application font (the system font and Ctrl+= / Ctrl+-): call ``refresh``
    when it changes."""

    PAD_X, PAD_Y, GAP = 22, 18, 10
    CHIP_PAD_X, CHIP_PAD_Y, CHIP_GAP = 10, 3, 8
    BOX_PAD = 10
    RADIUS = 14
    WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    SINGLE_LINE = int(Qt.TextFlag.TextSingleLine | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    WRAP_ANYWHERE = int(Qt.TextFlag.TextWrapAnywhere | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def __init__(self) -> None:
        self.generation = 0
        self.refresh()

    def refresh(self) -> None:
        self.generation += 1
        self.title = fonts.role_font("title", bold=True)
        self.body = fonts.role_font("body")
        self.small = fonts.role_font("small")
        self.small_bold = fonts.role_font("small", bold=True)
        self.heading = fonts.role_font("heading", bold=True)
        self.mono = QFont(self.small)
        self.mono.setFamilies(["DejaVu Sans Mono", "monospace"])
        self.mono.setStyleHint(QFont.StyleHint.Monospace)

    def heading_height(self) -> int:
        return QFontMetrics(self.heading).height() + 2 * self.GAP

    def layout(self, card: LibraryCard, width: int) -> tuple[list[Block], int]:
        """The card's blocks, relative to its top-left corner, and its height at ``width``.

        Everything above the status line is measured once per width and text size: a new status
        (the trainee's progress) measures only itself and what follows."""
        key = (width, self.generation)
        cache = card.look_cache
        whole = cache.get("whole")
        if whole and whole[0] == key and whole[1] == card.status:
            return whole[2], whole[3]
        head = cache.get("head")
        if not head or head[0] != key:
            head = cache["head"] = (key, *self._head(card, width))
        blocks, y = list(head[1]), head[2]
        inner = max(80, width - 2 * self.PAD_X)
        if card.playable:
            y = self._text(blocks, card.status, self.small_bold, theme.ACCENT if card.due else theme.TEXT, y, inner)
        if card.shows_path():
            y = self._text(blocks, card.entry.path, self.small, theme.MUTED, y, inner, self.WRAP_ANYWHERE)
        height = y - self.GAP + self.PAD_Y
        cache["whole"] = (key, card.status, blocks, height)
        return blocks, height

    def _head(self, card: LibraryCard, width: int) -> tuple[list[Block], int]:
        """Title, chips, then the summary and customer, or the problems box: (blocks, next y)."""
        inner = max(80, width - 2 * self.PAD_X)
        blocks: list[Block] = []
        y = self._text(blocks, card.title, self.title, theme.TEXT, self.PAD_Y, inner)
        y = self._chips(card, self.PAD_X, y, inner, blocks) + self.GAP
        if card.playable:
            y = self._text(blocks, card.summary(), self.body, theme.MUTED, y, inner)
            y = self._text(blocks, card.customer(), self.small, theme.MUTED, y, inner)
        else:
            problems = card.problems_text()
            inside = QFontMetrics(self.mono).boundingRect(
                QRect(0, 0, inner - 2 * self.BOX_PAD, 1 << 20), self.WRAP, problems)
            box = QRect(self.PAD_X, y, inner, inside.height() + 2 * self.BOX_PAD)
            blocks.append(Block("problems", box, problems, self.mono, theme.TEXT, self.WRAP, theme.BACKGROUND))
            y = box.bottom() + 1 + self.GAP
        return blocks, y

    def _text(self, blocks: list[Block], value: str, font: QFont, color: str, y: int, inner: int,
              flags: int = WRAP) -> int:
        """A wrapped text block at ``y`` (none for empty text); returns the y below it."""
        if not value:
            return y
        if flags == self.WRAP:
            value = soft_breaks(value)
        metrics = QFontMetrics(font)
        if "\n" not in value and metrics.horizontalAdvance(value) <= inner:  # one line: no wrapping to work out
            rect = QRect(self.PAD_X, y, inner, metrics.height())
            flags = self.SINGLE_LINE
        else:
            rect = metrics.boundingRect(QRect(self.PAD_X, y, inner, 1 << 20), flags, value)
            rect.setWidth(inner)
        blocks.append(Block("text", rect, value, font, color, flags))
        return rect.bottom() + 1 + self.GAP

    def _chips(self, card: LibraryCard, x0: int, y: int, inner: int, blocks: list[Block]) -> int:
        """Lays the chips out in a row (wrapping if they do not fit); returns the y below them."""
        metrics = QFontMetrics(self.small_bold)
        height = metrics.height() + 2 * self.CHIP_PAD_Y
        chips = card.chips()
        x = x0
        for value, color, background in chips:
            width = metrics.horizontalAdvance(value) + 2 * self.CHIP_PAD_X + 2
            if x > x0 and x + width > x0 + inner:
                x, y = x0, y + height + self.CHIP_GAP
            blocks.append(Block("chip", QRect(x, y, width, height), value, self.small_bold, color,
                                int(Qt.AlignmentFlag.AlignCenter), background))
            x += width + self.CHIP_GAP
        return y + height if chips else y - self.GAP

    def paint(self, painter: QPainter, rect: QRect, card: LibraryCard, hovered: bool, focused: bool) -> None:
        """The card in ``rect``: a rounded panel whose border shows hover (thin) and focus (thick)."""
        blocks, _height = self.layout(card, rect.width())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = 3 if focused else 1
        frame = QRectF(rect).adjusted(border / 2, border / 2, -border / 2, -border / 2)
        painter.setPen(QPen(QColor(theme.ACCENT if focused or hovered else theme.BORDER), border))
        painter.setBrush(QColor(theme.CARD))
        painter.drawRoundedRect(frame, self.RADIUS, self.RADIUS)
        painter.setClipRect(rect.adjusted(border, border, -border, -border))  # an unbreakable word stays inside
        painter.translate(rect.topLeft())
        for block in blocks:
            target = block.rect
            if block.kind != "text":  # a chip (round ends) or the problems box, on its own background
                radius = block.rect.height() / 2 if block.kind == "chip" else 8
                painter.setPen(QPen(QColor(theme.BORDER), 1))
                painter.setBrush(QColor(block.background))
                painter.drawRoundedRect(QRectF(block.rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                if block.kind == "problems":
                    target = block.rect.adjusted(self.BOX_PAD, self.BOX_PAD, -self.BOX_PAD, -self.BOX_PAD)
            painter.setFont(block.font)
            painter.setPen(QColor(block.color))
            painter.drawText(target, block.flags, block.text)
        painter.restore()

    def paint_heading(self, painter: QPainter, rect: QRect, text: str, color: str, inset: int) -> None:
        painter.save()
        painter.setFont(self.heading)
        painter.setPen(QColor(color))
        painter.drawText(rect.adjusted(inset, 0, 0, -self.GAP // 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text)
        painter.restore()
