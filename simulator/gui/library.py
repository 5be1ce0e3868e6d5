"""The library screen: every scenario as a card, filtered by domain and free text.

Broken files stay in the list as cards that show their problems (file:line and message).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QScrollArea, QVBoxLayout, QWidget)

from ..core.levels import Level
from ..core.loader import LoadResult
from . import theme
from .widgets import Card, chip, plain_label

ORIGINS = {"bundled": "Bundled", "user": "Your folder", "file": "Opened file"}
MAX_PROBLEMS_SHOWN = 6
CARD_MIN_WIDTH = 460


class ScenarioCard(Card):
    """One library entry: a playable scenario, or a file with problems."""

    def __init__(self, origin: str, result: LoadResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.origin = origin
        self.result = result
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        scenario = result.scenario
        title = scenario.title if scenario else (result.title or os.path.basename(result.path))
        self.title_label = plain_label(title, "title", bold=True)
        layout.addWidget(self.title_label)
        chips = QHBoxLayout()
        chips.setSpacing(8)
        if scenario is not None:
            for text in (scenario.domain, scenario.difficulty, f"{scenario.minutes} min" if scenario.minutes else ""):
                if text:
                    chips.addWidget(chip(text.replace("_", " ").capitalize() if text == scenario.domain else text))
        else:
            chips.addWidget(chip(f"⚠ Cannot be played: {len(result.errors)} problem{'s' * (len(result.errors) != 1)}",
                                 "white", theme.LEVEL_COLORS[Level.LOW]))
        if origin != "bundled":
            chips.addWidget(chip(ORIGINS.get(origin, origin), theme.ACCENT))
        chips.addStretch(1)
        layout.addLayout(chips)
        if scenario is not None:
            if scenario.summary:
                layout.addWidget(plain_label(" ".join(scenario.summary.split()), "body", color=theme.MUTED))
            who = ", ".join(x for x in (scenario.customer.name, scenario.customer.organization) if x)
            if who:
                layout.addWidget(plain_label(f"Customer: {who}", "small", color=theme.MUTED))
            self.setAccessibleName(f"Scenario: {title}")
            self.setAccessibleDescription(" ".join(x for x in (scenario.domain, scenario.difficulty,
                                                               f"{scenario.minutes} minutes", scenario.summary) if x))
        else:
            self.setAccessibleName(f"Scenario with problems: {title}")
            problems = result.errors or result.diagnostics
            lines = []
            for d in problems[:MAX_PROBLEMS_SHOWN]:
                where = os.path.basename(d.file or result.path) + (f":{d.line}" if d.line else "")
                text = f"{where}  {d.message}"
                if d.hint:
                    text += f"\n    hint: {d.hint}"
                lines.append(text)
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more (run: simulator validate \"{result.path}\")")
            self.problems_label = plain_label("\n".join(lines), "small", selectable=True)
            self.problems_label.setStyleSheet(
                f"font-family: 'DejaVu Sans Mono', monospace; background: {theme.BACKGROUND}; "
                f"border: 1px solid {theme.BORDER}; border-radius: 8px; padding: 10px;")
            layout.addWidget(self.problems_label)
            self.setAccessibleDescription("\n".join(lines))
            self.setCursor(Qt.CursorShape.ArrowCursor)
        if origin != "bundled" or scenario is None:
            layout.addWidget(plain_label(result.path, "small", color=theme.MUTED))
        layout.addStretch(1)

    @property
    def playable(self) -> bool:
        return self.result.scenario is not None

    def search_text(self) -> str:
        s = self.result.scenario
        if s is None:
            return f"{self.result.title} {self.result.path}".lower()
        return " ".join([s.title, s.summary, s.domain, s.difficulty, " ".join(s.tags), s.customer.name,
                         s.customer.organization, s.id]).lower()

    def domain(self) -> str:
        return self.result.scenario.domain if self.result.scenario else ""


class LibraryView(QWidget):
    """Signals ``scenario_chosen(LoadResult)`` when a playable card is activated."""

    scenario_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.cards: list[ScenarioCard] = []
        self._columns = 0
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

    def add_result(self, origin: str, result: LoadResult) -> ScenarioCard:
        for card in self.cards:  # a file opened again replaces its card
            if os.path.abspath(card.result.path) == os.path.abspath(result.path):
                self.cards.remove(card)
                card.setParent(None)
                card.deleteLater()
                break
        card = ScenarioCard(origin, result, self.grid.parentWidget())
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
        self.domain_box.insertItem(position, domain.replace("_", " ").capitalize(), domain)

    def finish_loading(self) -> None:
        self.progress.hide()
        self._relayout.stop()
        self._layout_cards()

    def _update_count(self) -> None:
        playable = sum(c.playable for c in self.cards)
        broken = len(self.cards) - playable
        text = f"{playable} scenario{'s' * (playable != 1)}"
        if broken:
            text += f" · {broken} file{'s' * (broken != 1)} with problems"
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

    def _layout_cards(self) -> None:
        columns = max(1, (self.scroll.viewport().width() - 4) // (CARD_MIN_WIDTH + 18))
        visible = self.visible_cards()
        while self.grid.count():
            self.grid.takeAt(0)
        order = sorted(visible, key=lambda c: (not c.playable, {"bundled": 0, "user": 1}.get(c.origin, 2),
                                                c.title_label.text().lower()))
        for i, card in enumerate(order):
            self.grid.addWidget(card, i // columns, i % columns)
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
        order = getattr(self, "_order", [])
        if card not in order:
            return
        i = order.index(card)
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self._columns,
                Qt.Key.Key_Down: self._columns, Qt.Key.Key_PageUp: -self._columns,
                Qt.Key.Key_PageDown: self._columns}[key]
        if i + step < 0 and key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.search.setFocus()
            return
        order[max(0, min(len(order) - 1, i + step))].setFocus(Qt.FocusReason.OtherFocusReason)

    def _activate(self, card: ScenarioCard) -> None:
        if card.playable:
            self.scenario_chosen.emit(card.result)
