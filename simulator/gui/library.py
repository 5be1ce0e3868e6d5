"""The library screen: every scenario as a card, filtered by domain and free text.

Broken files stay in the list as cards that show their problems (file:line and message).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QProgressBar, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ..core.levels import Level

if TYPE_CHECKING:
    from ..core.catalog import CatalogEntry
from . import theme
from .progress_text import domain_name, level_text, plural, when
from .widgets import Card, chip, plain_label

ORIGINS = {"bundled": "Bundled", "user": "Your folder", "file": "Opened file"}
MAX_PROBLEMS_SHOWN = 6
CARD_MIN_WIDTH = 460


def progress_text(progress, now: datetime) -> str:
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
    if progress.is_due(now):
        parts.append("due for review")
    return " · ".join(parts)


class ScenarioCard(Card):
    """One library entry: a playable scenario, or a file with problems."""

    def __init__(self, origin: str, entry: "CatalogEntry", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.origin = origin
        self.entry = entry
        self.due = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        title = entry.title
        self.title_label = plain_label(title, "title", bold=True)
        layout.addWidget(self.title_label)
        chips = QHBoxLayout()
        chips.setSpacing(8)
        if entry.playable:
            for text in (domain_name(entry.domain) if entry.domain else "", entry.difficulty,
                         f"{entry.minutes} min" if entry.minutes else ""):
                if text:
                    chips.addWidget(chip(text))
        else:
            errors = len(entry.errors)
            chips.addWidget(chip(f"⚠ Cannot be played: {plural(errors, 'problem')}",
                                 "white", theme.LEVEL_COLORS[Level.LOW]))
        if origin != "bundled":
            chips.addWidget(chip(ORIGINS.get(origin, origin), theme.ACCENT))
        chips.addStretch(1)
        layout.addLayout(chips)
        self.progress_label = None
        if entry.playable:
            if entry.summary:
                layout.addWidget(plain_label(" ".join(entry.summary.split()), "body", color=theme.MUTED))
            who = ", ".join(x for x in (entry.customer, entry.organization) if x)
            if who:
                layout.addWidget(plain_label(f"Customer: {who}", "small", color=theme.MUTED))
            self.progress_label = plain_label("", "small", bold=True, color=theme.TEXT)
            self.progress_label.setAccessibleName("Your progress")
            self.progress_label.hide()
            layout.addWidget(self.progress_label)
            self.setAccessibleName(f"Scenario: {title}")
            self._description = " ".join(x for x in (entry.domain, entry.difficulty, f"{entry.minutes} minutes",
                                                     entry.summary) if x)
            self.setAccessibleDescription(self._description)
        else:
            self.setAccessibleName(f"Scenario with problems: {title}")
            problems = entry.errors or list(entry.diagnostics)
            lines = []
            for d in problems[:MAX_PROBLEMS_SHOWN]:
                where = os.path.basename(d.file or entry.path) + (f":{d.line}" if d.line else "")
                text = f"{where}  {d.message}"
                if d.hint:
                    text += f"\n    hint: {d.hint}"
                lines.append(text)
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more (run: simulator validate \"{entry.path}\")")
            self.problems_label = plain_label("\n".join(lines), "small", selectable=True)
            self.problems_label.setStyleSheet(
                f"font-family: 'DejaVu Sans Mono', monospace; background: {theme.BACKGROUND}; "
                f"border: 1px solid {theme.BORDER}; border-radius: 8px; padding: 10px;")
            layout.addWidget(self.problems_label)
            self.setAccessibleDescription("\n".join(lines))
            self.setCursor(Qt.CursorShape.ArrowCursor)
        if origin != "bundled" or not entry.playable:
            layout.addWidget(plain_label(entry.path, "small", color=theme.MUTED))
        layout.addStretch(1)

    @property
    def playable(self) -> bool:
        return self.entry.playable

    def search_text(self) -> str:
        return self.entry.search_text()

    def domain(self) -> str:
        return self.entry.domain

    def set_progress(self, progress, now: datetime) -> None:
        """Show the trainee's status for this scenario (``ScenarioProgress`` or None: no trainee)."""
        if self.progress_label is None:
            return
        self.due = bool(progress is not None and progress.is_due(now))
        if progress is None:
            self.progress_label.hide()
            self.setAccessibleDescription(self._description)
            return
        text = progress_text(progress, now)
        self.progress_label.setText(text)
        self.progress_label.setStyleSheet(f"color: {theme.ACCENT if self.due else theme.TEXT};")
        self.progress_label.show()
        self.setAccessibleDescription(f"{self._description}. {text}")


class LibraryView(QWidget):
    """Signals ``scenario_chosen(CatalogEntry)`` when a playable card is activated.

    With a trainee's progress set, each card shows its status and the scenarios due for review
    come first, under their own heading."""

    scenario_chosen = Signal(object)
    switch_trainee_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.cards: list[ScenarioCard] = []
        self._columns = 0
        self._progress: dict | None = None
        self._now = datetime.now(timezone.utc)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 12)
        outer.setSpacing(16)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(plain_label("Scenario library", "display", bold=True))
        self.count_label = plain_label("Loading scenarios…", "normal", color=theme.MUTED)
        titles.addWidget(self.count_label)
        header.addLayout(titles, 1)
        self.trainee_label = plain_label("", "normal", bold=True, wrap=False)
        self.trainee_label.setAccessibleName("Who is practising")
        self.trainee_button = QPushButton("&Who is practising?")
        self.trainee_button.setAccessibleName("Who is practising?")
        self.trainee_button.setToolTip("Choose whose progress is kept (Alt+W)")
        self.trainee_button.clicked.connect(self.switch_trainee_requested)
        self.trainee_label.hide()
        self.trainee_button.hide()
        header.addWidget(self.trainee_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.trainee_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(header)

        bar = QHBoxLayout()
        bar.setSpacing(12)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, summaries, customers…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search scenarios")
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.focus_first)
        bar.addWidget(self.search, 3)
        self.domain_box = QComboBox()
        self.domain_box.setAccessibleName("Filter by domain")
        self.domain_box.addItem("All domains", "")
        self.domain_box.currentIndexChanged.connect(self.apply_filter)
        self.domain_box.setMinimumContentsLength(14)
        bar.addWidget(self.domain_box, 1)
        outer.addLayout(bar)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Loading the library")
        outer.addWidget(self.progress)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setAccessibleName("Scenarios")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        holder = QWidget()
        self.grid = QGridLayout(holder)
        self.grid.setContentsMargins(2, 2, 2, 2)
        self.grid.setSpacing(18)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.due_heading = plain_label("", "heading", bold=True, color=theme.ACCENT)
        self.due_heading.setAccessibleName("Due for review")
        self.all_heading = plain_label("All scenarios", "heading", bold=True)
        for heading in (self.due_heading, self.all_heading):
            heading.setParent(holder)
            heading.hide()
        self.empty_label = plain_label("", "heading", color=theme.MUTED)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.scroll.setWidget(holder)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.empty_label)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._relayout = QTimer(self, singleShot=True, interval=0, timeout=self._layout_cards)

    # -- content -------------------------------------------------------------------------

    def clear(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        self.progress.show()
        self.count_label.setText("Loading scenarios…")
        self._columns = 0

    def add_entry(self, origin: str, entry: "CatalogEntry") -> ScenarioCard:
        for card in self.cards:  # a file opened again replaces its card
            if os.path.abspath(card.entry.path) == os.path.abspath(entry.path):
                self.cards.remove(card)
                card.setParent(None)
                card.deleteLater()
                break
        card = ScenarioCard(origin, entry)  # built unparented: adding its labels is cheaper off-screen
        card.setParent(self.grid.parentWidget())
        if self._progress is not None:
            card.set_progress(self._progress.get(entry.id), self._now)
        card.hide()
        card.activated.connect(lambda c=card: self._activate(c))
        card.installEventFilter(self)
        self.cards.append(card)
        domain = card.domain()
        if domain and self.domain_box.findData(domain) < 0:
            self._insert_domain(domain)
        self._columns = 0
        self._relayout.start()
        return card

    def _insert_domain(self, domain: str) -> None:
        labels = [self.domain_box.itemData(i) for i in range(1, self.domain_box.count())]
        position = 1 + sum(1 for d in labels if d < domain)
        self.domain_box.insertItem(position, domain_name(domain), domain)

    def finish_loading(self) -> None:
        self.progress.hide()
        self._relayout.stop()
        self._layout_cards()

    def _update_count(self) -> None:
        playable = sum(c.playable for c in self.cards)
        broken = len(self.cards) - playable
        text = plural(playable, "scenario")
        if broken:
            text += f" · {plural(broken, 'file')} with problems"
        due = sum(c.due for c in self.cards)
        if due:
            text += f" · {due} due for review"
        if self.progress.isVisible():
            text += " · loading…"
        self.count_label.setText(text)

    # -- filtering and layout --------------------------------------------------------------

    def visible_cards(self) -> list[ScenarioCard]:
        return [c for c in self.cards if self._matches(c)]

    def _matches(self, card: ScenarioCard) -> bool:
        domain = self.domain_box.currentData() or ""
        if domain and card.domain() != domain:
            return False
        words = self.search.text().lower().split()
        haystack = card.search_text()
        return all(w in haystack for w in words)

    def apply_filter(self) -> None:
        self._columns = 0
        self._layout_cards()

    def set_progress(self, progress: dict | None, now: datetime | None = None) -> None:
        """The trainee's ``ScenarioProgress`` by scenario id (None: nobody is signed in)."""
        if progress is None and self._progress is None:
            return  # nobody was signed in either: every card already shows no progress
        self._progress = progress
        self._now = now or datetime.now(timezone.utc)
        for card in self.cards:
            card.set_progress(None if progress is None else progress.get(card.entry.id), self._now)
        self._layout_cards()

    def set_trainee_name(self, name: str, saving: bool = True) -> None:
        """'Practising: Ann' with a button to switch; or say that progress is not being saved."""
        if not saving:
            self.trainee_label.setText("Progress is not being saved")
        else:
            self.trainee_label.setText(f"Practising: {name}" if name else "Nobody chosen: progress is not saved")
        self.trainee_label.show()
        self.trainee_button.setText("S&witch…" if name else "&Who is practising?")
        self.trainee_button.setVisible(saving)

    def due_cards(self) -> list[ScenarioCard]:
        return [c for c in self.cards if c.due]

    def _layout_cards(self) -> None:
        columns = max(1, (self.scroll.viewport().width() - 4) // (CARD_MIN_WIDTH + 18))
        visible = self.visible_cards()
        while self.grid.count():
            self.grid.takeAt(0)
        order = sorted(visible, key=lambda c: (not c.due, not c.playable,
                                                {"bundled": 0, "user": 1}.get(c.origin, 2),
                                                c.title_label.text().lower()))
        due = sum(c.due for c in order)
        self._positions: dict[ScenarioCard, tuple[int, int]] = {}
        row = 0
        sections = [(self.due_heading, order[:due]), (self.all_heading, order[due:])] if due else [(None, order)]
        self.due_heading.setVisible(bool(due))
        self.all_heading.setVisible(bool(due) and len(order) > due)
        for heading, cards in sections:
            if heading is not None and cards:
                heading.setText(f"Due for review ({len(cards)})" if heading is self.due_heading else "All scenarios")
                self.grid.addWidget(heading, row, 0, 1, columns)
                row += 1
            for i, card in enumerate(cards):
                self._positions[card] = (row + i // columns, i % columns)
                self.grid.addWidget(card, *self._positions[card])
            row += (len(cards) + columns - 1) // columns
        for card in self.cards:
            card.setVisible(card in visible)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self._columns = columns
        self._order = order
        if not self.cards:
            self.empty_label.setText("" if self.progress.isVisible() else "No scenarios yet. Use File > Scenario folder…")
        else:
            self.empty_label.setText("" if visible else "No scenario matches the search.")
        self.empty_label.setVisible(bool(self.empty_label.text()))
        self._update_count()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = max(1, (self.scroll.viewport().width() - 4) // (CARD_MIN_WIDTH + 18))
        if columns != self._columns:
            self._relayout.start()

    def focus_first(self) -> None:
        order = getattr(self, "_order", [])
        if order:
            order[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent

        if isinstance(obj, ScenarioCard):
            if event.type() == QEvent.Type.FocusIn:
                self.scroll.ensureWidgetVisible(obj, 20, 20)
            elif event.type() == QEvent.Type.KeyPress and event.key() in (
                    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
                    Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._move_focus(obj, event.key())
                return True
        return super().eventFilter(obj, event)

    def _move_focus(self, card: ScenarioCard, key) -> None:
        """Arrow keys move on the grid as drawn (the due section has its own rows)."""
        order = getattr(self, "_order", [])
        if card not in order:
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            i = order.index(card) + (1 if key == Qt.Key.Key_Right else -1)
            order[max(0, min(len(order) - 1, i))].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        row, col = self._positions[card]
        rows = sorted({r for r, _ in self._positions.values()})
        at = rows.index(row) + (1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
        if at < 0:
            self.search.setFocus()
            return
        if at >= len(rows):
            return
        in_row = [c for c, (r, _) in self._positions.items() if r == rows[at]]
        target = min(in_row, key=lambda c: abs(self._positions[c][1] - col))
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activate(self, card: ScenarioCard) -> None:
        if card.playable:
            self.scenario_chosen.emit(card.entry)
