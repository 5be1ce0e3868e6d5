"""The library screen: every scenario as a card, filtered by domain and free text.

Broken files stay in the list as cards that show their problems (file:line and message).
The cards are items of one list view, drawn by ``CardLook``: Qt gives the list keyboard
movement and accessibility, and no widgets are built per card.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLineEdit, QListView, QProgressBar,
                               QPushButton, QStyledItemDelegate, QVBoxLayout, QWidget)

from ..base import fonts, theme
from ..base.progress_text import domain_name, plural
from ..widgets import chip, plain_label, screen_shortcut
from .library_card import CardLook, LibraryCard

if TYPE_CHECKING:
    from ...core.catalog import CatalogEntry

CARD_MIN_WIDTH = 460
CARD_GAP = 18      # between cards (half on each side of a card's item)
MAX_COLUMNS = 4
ORIGIN_ORDER = {"bundled": 0, "user": 1}
MOVES = {Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp, Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
         Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
         Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight,
         Qt.Key.Key_PageUp: QAbstractItemView.CursorAction.MoveUp,
         Qt.Key.Key_PageDown: QAbstractItemView.CursorAction.MoveDown}


class Heading(NamedTuple):
    """A section title in the list ('Due for review (2)', 'All scenarios')."""

    text: str
    color: str


class LibraryModel(QAbstractListModel):
    """The list as shown: section headings and cards, in order."""

    def __init__(self, view: "LibraryView") -> None:
        super().__init__(view)
        self.view = view
        self.rows: list[LibraryCard | Heading] = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        item = self.rows[index.row()]
        heading = isinstance(item, Heading)
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text if heading else item.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return item.text if heading else item.accessible_name()
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "" if heading else item.accessible_description()
        if role == Qt.ItemDataRole.ToolTipRole and not heading and not item.playable:
            return "Ctrl+C copies the problems"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], LibraryCard):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags


class CardDelegate(QStyledItemDelegate):
    def __init__(self, view: "LibraryView") -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        return self.view.item_size(index.row())

    def paint(self, painter, option, index: QModelIndex) -> None:
        item = self.view.model.rows[index.row()]
        if isinstance(item, Heading):
            self.view.look.paint_heading(painter, option.rect, item.text, item.color, CARD_GAP // 2)
            return
        half = CARD_GAP // 2
        view = self.view.list
        self.view.look.paint(painter, option.rect.adjusted(half, half, -half, -half), item,
                             hovered=index.row() == view.hover_row,
                             focused=index == view.currentIndex() and view.hasFocus())


class LibraryList(QListView):
    """The cards, laid out left to right in rows. A click, Enter or Space opens a card; the arrow
    keys move on the grid as drawn; Up from the first row goes back to the search field."""

    def __init__(self, view: "LibraryView") -> None:
        super().__init__()
        self.view = view
        self.setObjectName("library")
        self.setAccessibleName("Scenarios")
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.hover_row = -1
        self.clicked.connect(self.view.activate_index)
        self.verticalScrollBar().valueChanged.connect(self.update_hover)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.view.activate_index(self.currentIndex())
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.view.copy_current()
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            shown = self.view.shown_cards()
            if shown:
                self.view.select_card(shown[0] if key == Qt.Key.Key_Home else shown[-1])
        elif key in MOVES:
            self._move(MOVES[key], event.modifiers(), up=key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp))
        else:
            super().keyPressEvent(event)

    def _move(self, action, modifiers, up: bool) -> None:
        """To the card that way on the grid as drawn (Page keys move a row, as the arrows do);
        up from the first row, back to the search field."""
        before = self.currentIndex()
        target = self.moveCursor(action, modifiers)
        if self.view.card_at(target) is not None and target != before:
            self.setCurrentIndex(target)
        elif up:
            self.view.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusInEvent(self, event) -> None:
        """Tabbing in makes the first card in view current; a click makes the clicked one current."""
        if self.view.current_card() is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            area = self.viewport().rect()
            for row, item in enumerate(self.view.model.rows):
                index = self.view.model.index(row)
                if isinstance(item, LibraryCard) and self.visualRect(index).intersects(area):
                    self.setCurrentIndex(index)
                    break
        super().focusInEvent(event)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        self.update_hover()

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.update_hover()

    def update_hover(self) -> None:
        """The card under the mouse gets a coloured border (and a pointing hand if it opens);
        called when the mouse moves and when the cards move under it."""
        row = -1
        if self.viewport().underMouse():
            index = self.indexAt(self.viewport().mapFromGlobal(QCursor.pos()))
            card = self.view.card_at(index)
            if card is not None:
                row = index.row()
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if card is not None and card.playable
                                      else Qt.CursorShape.ArrowCursor)
        if row != self.hover_row:
            self.hover_row = row
            self.viewport().update()

    def resizeEvent(self, event) -> None:
        self.view.measure()
        super().resizeEvent(event)


class LibraryView(QWidget):
    """Signals ``scenario_chosen(CatalogEntry)`` when a playable card is activated.

    With a trainee's progress set, each card shows its status and the scenarios due for review
    come first, under their own heading."""

    scenario_chosen = Signal(object)
    switch_trainee_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.cards: list[LibraryCard] = []
        self._progress: dict | None = None
        self._now = datetime.now(timezone.utc)
        self._columns, self._column_width = 1, CARD_MIN_WIDTH
        self._row_heights: dict[int, int] = {}  # first model row of a row of cards -> its height
        self._row_starts: list[int] = []  # model row -> first model row of its row of cards
        outer = QVBoxLayout(self)
        half = CARD_GAP // 2  # the list's cards are inset by half a gap: the rest is inset to match
        outer.setContentsMargins(40 - half, 28, 40 - half, 12)
        outer.setSpacing(16)
        top = QVBoxLayout()
        top.setContentsMargins(half, 0, half, 0)
        top.setSpacing(16)
        outer.addLayout(top)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(plain_label("Scenario library", "display", bold=True))
        self.count_label = plain_label("Loading scenarios…", "normal", color=theme.MUTED)
        titles.addWidget(self.count_label)
        self.presenting_label = chip("▶ Presenter mode: a scenario opens on the projector · Ctrl+F5 turns it off",
                                     "white", theme.ACCENT)
        self.presenting_label.setAccessibleName("Presenter mode is on")
        self.presenting_label.hide()
        titles.addWidget(self.presenting_label, 0, Qt.AlignmentFlag.AlignLeft)
        header.addLayout(titles, 1)
        self.trainee_label = plain_label("", "normal", bold=True, wrap=False)
        self.trainee_label.setAccessibleName("Who is practising")
        self.trainee_button = QPushButton("&Who is practising?")
        self.trainee_button.setAccessibleName("Who is practising?")
        self.trainee_button.setToolTip("Choose whose progress is kept (Alt+W)")
        self.trainee_button.clicked.connect(self.switch_trainee_requested)
        self.trainee_button.setAutoDefault(True)  # Enter presses it while it has the focus
        self.trainee_label.hide()
        self.trainee_button.hide()
        header.addWidget(self.trainee_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.trainee_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addLayout(header)

        bar = QHBoxLayout()
        bar.setSpacing(12)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, summaries, customers…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search scenarios")
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.focus_first)
        self.search.installEventFilter(self)  # Down goes on to the cards
        bar.addWidget(self.search, 3)
        self.domain_box = QComboBox()
        self.domain_box.setAccessibleName("Filter by domain")
        self.domain_box.addItem("All domains", "")
        self.domain_box.currentIndexChanged.connect(self.apply_filter)
        self.domain_box.setMinimumContentsLength(14)
        bar.addWidget(self.domain_box, 1)
        top.addLayout(bar)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Loading the library")
        top.addWidget(self.progress)

        self.look = CardLook()
        self.model = LibraryModel(self)
        self.list = LibraryList(self)
        self.list.setItemDelegate(CardDelegate(self))
        self.list.setModel(self.model)
        outer.addWidget(self.list, 1)
        self.empty_label = plain_label("", "heading", color=theme.MUTED)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        outer.addWidget(self.empty_label, 1)
        screen_shortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._relayout = QTimer(self, singleShot=True, interval=0, timeout=self._layout_cards)
        fonts.set_role(self, "normal")  # so that a change of the text size reaches changeEvent

    # -- content -------------------------------------------------------------------------

    def clear(self) -> None:
        self.cards = []
        self.progress.show()
        self.count_label.setText("Loading scenarios…")
        self._layout_cards()

    def add_entry(self, origin: str, entry: "CatalogEntry") -> LibraryCard:
        path = os.path.abspath(entry.path)
        card = LibraryCard(origin, entry)
        if self._progress is not None:
            card.set_progress(self._progress.get(entry.id), self._now)
        again = [i for i, c in enumerate(self.cards) if os.path.abspath(c.entry.path) == path]  # a file read again
        if again:
            self.cards[again[0]] = card
            self.cards = [c for i, c in enumerate(self.cards) if i not in again[1:]]
        else:
            self.cards.append(card)
        self._mark_duplicate_ids()
        domain = card.domain()
        if domain and self.domain_box.findData(domain) < 0:
            self._insert_domain(domain)
        self._relayout.start()
        return card

    def _mark_duplicate_ids(self) -> None:
        """A scenario id that an earlier card's file already has: the later card shows the problem and
        cannot be played (progress is kept by id, so the two would share one record and count twice)."""
        from ...core.catalog import duplicate_ids, with_duplicate_id

        taken = duplicate_ids([(c.loaded.path, c.loaded.id if c.loaded.playable else "") for c in self.cards])
        for i, card in enumerate(self.cards):
            entry = with_duplicate_id(card.loaded, taken[i]) if i in taken else card.loaded
            if entry is card.entry or entry == card.entry:
                continue
            card.entry, card.due, card.status = entry, False, ""
            card.look_cache.clear()
            if self._progress is not None:
                card.set_progress(self._progress.get(entry.id), self._now)

    def _insert_domain(self, domain: str) -> None:
        labels = [self.domain_box.itemData(i) for i in range(1, self.domain_box.count())]
        position = 1 + sum(1 for d in labels if d < domain)
        self.domain_box.insertItem(position, domain_name(domain), domain)

    def finish_loading(self) -> None:
        self.progress.hide()
        self._layout_cards()

    def _update_count(self) -> None:
        playable = sum(c.playable for c in self.cards)
        broken = len(self.cards) - playable
        text = plural(playable, "scenario")
        if self.filtering():
            text = f"{sum(c.playable for c in self.shown_cards())} of {text}"
        if broken:
            text += f" · {plural(broken, 'file')} with problems"
        due = sum(c.due for c in self.cards)
        if due:
            text += f" · {due} due for review"
        if self.progress.isVisible():
            text += " · loading…"
        self.count_label.setText(text)

    # -- filtering and order ----------------------------------------------------------------

    def visible_cards(self) -> list[LibraryCard]:
        return [c for c in self.cards if self._matches(c)]

    def _matches(self, card: LibraryCard) -> bool:
        domain = self.domain_box.currentData() or ""
        if domain and card.domain() != domain:
            return False
        words = self.search.text().lower().split()
        haystack = card.search_text()
        return all(w in haystack for w in words)

    def filtering(self) -> bool:
        """Whether a search or a domain hides some of the cards."""
        return bool(self.search.text().split() or self.domain_box.currentData())

    def apply_filter(self) -> None:
        """A new search or domain: the matches from the top (the first one's title in view)."""
        self._layout_cards()
        self.list.verticalScrollBar().setValue(0)

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

    def set_presenting(self, on: bool) -> None:
        """Say on the library itself that presenter mode is on: opening a card shows it to the room."""
        self.presenting_label.setVisible(on)

    def due_cards(self) -> list[LibraryCard]:
        return [c for c in self.cards if c.due]

    def shown_cards(self) -> list[LibraryCard]:
        """The cards on screen, in the order drawn (the ones due for review first)."""
        return [r for r in self.model.rows if isinstance(r, LibraryCard)]

    def headings(self) -> list[str]:
        return [r.text for r in self.model.rows if isinstance(r, Heading)]

    def _layout_cards(self) -> None:
        """Order, section headings and the list's rows; the current card (by its file) and the
        scroll position stay as they were."""
        self._relayout.stop()  # a relayout still pending is this one
        current = self.current_card()
        current_path = current.entry.path if current is not None else None
        scrolled = self.list.verticalScrollBar().value()
        order = sorted(self.visible_cards(), key=lambda c: (not c.due, not c.playable,
                                                             ORIGIN_ORDER.get(c.origin, 2), c.title.lower()))
        due = sum(c.due for c in order)
        rows: list[LibraryCard | Heading] = list(order)
        if due:
            rows.insert(0, Heading(f"Due for review ({due})", theme.ACCENT))
            if len(order) > due:
                rows.insert(due + 1, Heading("All scenarios", theme.TEXT))
        self.model.set_rows(rows)
        self._group_rows()
        self.list.doItemsLayout()
        again = next((c for c in order if c.entry.path == current_path), None)
        if again is not None:
            self.list.setCurrentIndex(self._index_of(again))
        self.list.verticalScrollBar().setValue(scrolled)
        self.list.hover_row = -1  # the rows changed: the next mouse move finds the card under it
        if not self.cards:
            self.empty_label.setText("" if self.progress.isVisible() else "No scenarios yet. Use File > Scenario folder…")
        else:
            self.empty_label.setText("" if order else "No scenario matches the search.")
        self.empty_label.setVisible(bool(self.empty_label.text()))
        self.list.setVisible(not self.empty_label.isVisible())
        self._update_count()

    # -- sizes: cards in a row of the grid share its height ---------------------------------

    def measure(self) -> None:
        """Columns and their width from the list's width (the scroll bar's room always kept, so
        that its showing up never changes the layout)."""
        width = self.list.contentsRect().width() - self.list.verticalScrollBar().sizeHint().width()
        columns = max(1, min(MAX_COLUMNS, width // (CARD_MIN_WIDTH + CARD_GAP)))
        column_width = max(CARD_MIN_WIDTH // 2, (width - 1) // columns)  # the list wraps a row that fills it
        if (columns, column_width) != (self._columns, self._column_width):
            self._columns, self._column_width = columns, column_width
            self._group_rows()

    def _group_rows(self) -> None:
        """Which row of the grid each item is on (by the model row that starts it)."""
        starts, start, in_row = [], 0, 0
        for i, item in enumerate(self.model.rows):
            if isinstance(item, Heading):
                starts.append(i)
                start, in_row = i + 1, 0
                continue
            if in_row == self._columns:
                start, in_row = i, 0
            starts.append(start)
            in_row += 1
        self._row_starts = starts
        self._row_heights = {}

    def changeEvent(self, event) -> None:
        """The cards' text follows the text size: ``fonts.refresh`` sets this screen's font."""
        if event.type() == QEvent.Type.FontChange:
            self.look.refresh()
            self._row_heights = {}
            self.list.doItemsLayout()
        super().changeEvent(event)

    def item_size(self, row: int) -> QSize:
        item = self.model.rows[row]
        if isinstance(item, Heading):
            return QSize(self._columns * self._column_width, self.look.heading_height())
        start = self._row_starts[row]
        height = self._row_heights.get(start)
        if height is None:
            inner = self._column_width - CARD_GAP
            same_row = self.model.rows[start:start + self._columns]
            height = max(self.look.layout(c, inner)[1] for c in same_row if isinstance(c, LibraryCard)) + CARD_GAP
            self._row_heights[start] = height
        return QSize(self._column_width, height)

    # -- focus and activation ----------------------------------------------------------------

    def card_at(self, index: QModelIndex) -> LibraryCard | None:
        if not index.isValid():
            return None
        item = self.model.rows[index.row()]
        return item if isinstance(item, LibraryCard) else None

    def current_card(self) -> LibraryCard | None:
        return self.card_at(self.list.currentIndex())

    def _index_of(self, card: LibraryCard) -> QModelIndex:
        if self._relayout.isActive():  # cards added a moment ago are not in the list yet
            self._layout_cards()
        for i, item in enumerate(self.model.rows):
            if item is card:
                return self.model.index(i)
        return QModelIndex()

    def select_card(self, card: LibraryCard) -> None:
        index = self._index_of(card)
        if index.isValid():
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def focus_card(self, card: LibraryCard) -> None:
        """Make ``card`` the current one and give the list the keyboard focus."""
        self.select_card(card)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        shown = self.shown_cards()
        if shown:
            self.focus_card(shown[0])

    def focus_current(self) -> None:
        """Back on the library: the current card (the one just played) keeps the focus; the
        first card when none is current."""
        card = self.current_card()
        if card is not None:
            self.focus_card(card)
        else:
            self.focus_first()

    def loaded(self) -> None:
        """The library is listed: a card is current and, unless someone has already begun a
        search, has the keyboard focus, so the arrows and Enter work straight away."""
        if self.current_card() is None and self.shown_cards():
            self.select_card(self.shown_cards()[0])
        if not self.filtering() and self.isVisible():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.shown_cards()):
            self.focus_first()  # the top row, just under the field (Up from there comes back)
            return True
        return super().eventFilter(watched, event)

    def card_rect(self, card: LibraryCard) -> QRect:
        """Where ``card`` is drawn, in the list's viewport (an empty rect if it is not shown)."""
        index = self._index_of(card)
        return self.list.visualRect(index) if index.isValid() else QRect()

    def activate_index(self, index: QModelIndex) -> None:
        card = self.card_at(index)
        if card is not None and card.playable:
            self.scenario_chosen.emit(card.entry)

    def copy_current(self) -> None:
        """Ctrl+C on a card: its problems (a broken file) or its title and summary."""
        card = self.current_card()
        if card is not None:
            text = card.problems_text() if not card.playable else f"{card.title}\n{card.summary()}"
            QGuiApplication.clipboard().setText(text)
