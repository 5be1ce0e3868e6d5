"""The class view for trainers: every trainee (imported or on this computer) against the library.

One row per trainee: finished attempts, scenarios played, how many at WOW, when they last played,
where they are stuck, then the best level per scenario (symbol, name and colour). The trainee's
name stays in view while the scenario columns scroll sideways. Sort by clicking a heading or with
the "Sort by" box; Enter on a row emits ``trainee_activated`` (to open that trainee's progress).
Figures come from ``ProgressStore.class_overview``, or from the LRS (``show_lrs_class``, rows
rebuilt by ``core.xapi.class_from_lrs``, with a line saying when they were fetched); this module
only lays them out.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Iterable, Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...core.progress import ProgressStore, TraineeOverview
from ..base import fonts, theme
from ..base.progress_text import NOT_PLAYED, plural
from ..widgets import plain_label, plain_tip, screen_shortcut
from ..widgets.screen_bar import ScreenBar, page_above_bar
from .class_model import (FINISHED, FIXED_HEADINGS, LAST, NAME, ORIGIN, PLAYED, SORT_ROLE, STUCK, STUCK_RULE,
                          TRAINEE_ROLE, WOW, ClassModel)
from .frozen_table import FrozenNameTable

if TYPE_CHECKING:  # pragma: no cover
    from .progress_actions import Outcome

EMPTY_TEXT = {False: "No trainees yet. Trainees use Export my history on their own computer; import their files "
                     "here with Import histories…",
              True: "No attempts of this organisation to show from the LRS (see the line above)."}


class ClassView(fonts.FollowsTextSize, QWidget):
    """``show_class`` fills it; Back to library (or Esc) emits ``library_requested``."""

    library_requested = Signal()
    trainee_activated = Signal(object)  # Trainee: show their progress
    store_changed = Signal()  # histories were imported

    SORT_CHOICES = (("Name", NAME, Qt.SortOrder.AscendingOrder),
                    ("Finished attempts", FINISHED, Qt.SortOrder.DescendingOrder),
                    ("Scenarios played", PLAYED, Qt.SortOrder.DescendingOrder),
                    ("At WOW", WOW, Qt.SortOrder.DescendingOrder),
                    ("Last played", LAST, Qt.SortOrder.DescendingOrder),
                    ("Stuck on most", STUCK, Qt.SortOrder.DescendingOrder),
                    ("From", ORIGIN, Qt.SortOrder.AscendingOrder))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAccessibleName("Class overview")
        self.store: ProgressStore | None = None
        self._scenarios: list = []
        self._now: datetime | None = None
        self.lrs_rows: list[TraineeOverview] | None = None  # None: the rows come from the store

        self.model = ClassModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(NAME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.title_label = plain_label("Class overview", "display", bold=True)
        self.subtitle_label = plain_label("", "normal", color=theme.MUTED)
        self.subtitle_label.setAccessibleName("Class summary")
        self.source_label = plain_label("", "normal", color=theme.MUTED)
        self.source_label.setAccessibleName("Where the class comes from")
        self.source_label.hide()

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Find a trainee…  (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Find a trainee by name")
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self.focus_first_row)  # then Enter opens that trainee
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort trainees by")
        for text, _column, _order in self.SORT_CHOICES:
            self.sort_box.addItem(text)
        self.sort_box.currentIndexChanged.connect(self._sort_chosen)
        sort_label = plain_label("Sort by", "normal", color=theme.MUTED, wrap=False)
        sort_label.setBuddy(self.sort_box)
        self.import_button = QPushButton("&Import histories…")
        self.import_button.setAccessibleName("Import trainees' histories")
        self.import_button.setToolTip("Add the history files your trainees exported (Alt+I)")
        self.export_button = QPushButton("E&xport CSV…")
        self.export_button.setAccessibleName("Export all attempts as CSV")
        self.export_button.setToolTip("Every attempt of every trainee, one row each, for a spreadsheet (Alt+X)")
        for widget in (self.filter_edit, self.sort_box):
            fonts.set_role(widget, "normal")
        self.import_button.clicked.connect(self.import_histories)
        self.export_button.clicked.connect(self.export_csv)

        self.table = FrozenNameTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Trainees and their best level per scenario")
        self.table.setAccessibleDescription("Arrow keys move between cells; Enter shows the trainee's progress; "
                                            "Tab leaves the table.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        for view in (self.table, self.table.frozen):
            fonts.set_role(view, "normal")
        self.table.activated.connect(self._activated)  # Enter, or a double click

        self.legend = plain_label(f"★ WOW   ● Standard   ▼ Low   {NOT_PLAYED} not finished yet   "
                                  f"⚠ stuck: {STUCK_RULE}", "small", color=theme.MUTED)
        self.legend.setAccessibleName("Legend")
        self.empty_label = plain_label(EMPTY_TEXT[False], "heading", color=theme.MUTED)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.back_button = QPushButton("Back to &library")
        self.back_button.setObjectName("primary")
        self.back_button.setAccessibleName("Back to library")
        self.back_button.setToolTip("Return to the scenario library (Esc)")
        self.back_button.clicked.connect(self.library_requested)
        self.status = plain_label()  # wraps: the bar grows for a long message (a file's path) rather than cut it
        self.status.setAccessibleName("Import and export status")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        top = QVBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.title_label)
        top.addWidget(self.subtitle_label)
        top.addWidget(self.source_label)
        controls = QHBoxLayout()
        controls.setSpacing(12)
        controls.addWidget(self.filter_edit, 2)
        controls.addWidget(sort_label)
        controls.addWidget(self.sort_box, 1)
        controls.addStretch(2)
        # The page scrolls as a whole only when very large text leaves the table no room; at
        # ordinary sizes the table fills the screen and scrolls by itself.
        page = QWidget()
        page.setObjectName("classPage")
        page.setStyleSheet(f"QWidget#classPage {{ background: {theme.BACKGROUND}; }}")
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_scroll.setWidget(page)
        body = QVBoxLayout(page)
        body.setContentsMargins(40, 28, 40, 16)
        body.setSpacing(14)
        body.addLayout(top)
        body.addLayout(controls)
        body.addWidget(self.table, 1)
        body.addWidget(self.empty_label, 1)
        body.addWidget(self.legend)
        body.addStretch(0)
        self.bar = bar = ScreenBar()
        bar.box.addWidget(self.back_button)
        bar.box.addWidget(self.status, 1)
        bar.box.addWidget(self.import_button)
        bar.box.addWidget(self.export_button)
        page_above_bar(self, self.page_scroll, bar)

        QWidget.setTabOrder(self.filter_edit, self.sort_box)
        QWidget.setTabOrder(self.sort_box, self.table)
        QWidget.setTabOrder(self.table, self.back_button)
        QWidget.setTabOrder(self.back_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.export_button)
        screen_shortcut(Qt.Key.Key_Escape, self, self.library_requested.emit)
        screen_shortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)
        self._fit_timer = QTimer(self, singleShot=True, interval=0, timeout=self.fit_columns)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sync_sort_box)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self._restyle()

    # -- public interface --------------------------------------------------------------------

    def show_class(self, store: ProgressStore, scenarios: Sequence, now: datetime | None = None) -> None:
        """Show every trainee in ``store`` against ``scenarios`` (objects with ``id`` and ``title``)."""
        self.store, self._scenarios, self._now, self.lrs_rows = store, list(scenarios), now, None
        self.refresh()

    def show_lrs_class(self, rows: list[TraineeOverview], scenarios: Sequence, source: str,
                       now: datetime | None = None) -> None:
        """Show ``rows`` rebuilt from the LRS; ``source`` says when they were fetched (or why not)."""
        self._scenarios, self._now, self.lrs_rows = list(scenarios), now, list(rows)
        self.source_label.setText(source)
        self.refresh()

    def refresh(self) -> None:
        """Read the store again (after an import); the LRS's rows stay as fetched."""
        from_lrs = self.lrs_rows is not None
        if self.store is None and not from_lrs:
            return
        rows = self.lrs_rows if from_lrs else self.store.class_overview(self._scenarios)
        titles = [(s.id, getattr(s, "title", "") or s.id) for s in self._scenarios]
        self.model.set_overview(rows, titles, self._now)
        imported = sum(1 for r in rows if r.trainee.origin == "imported")
        only_lrs = sum(1 for r in rows if r.trainee.origin == "lrs")
        self.title_label.setText("Class from the LRS" if from_lrs else "Class overview")
        self.subtitle_label.setText(
            (f"{plural(len(rows), 'trainee')} in the LRS: {len(rows) - only_lrs} known on this computer"
             if from_lrs else f"{plural(len(rows), 'trainee')}: {imported} imported, {len(rows) - imported} on "
                              f"this computer") + f" · {plural(len(titles), 'scenario')} in the library")
        self.source_label.setVisible(from_lrs)
        self.empty_label.setText(EMPTY_TEXT[from_lrs])
        self.import_button.setVisible(not from_lrs)  # both act on this computer's store
        self.export_button.setVisible(not from_lrs)
        self.table.setVisible(bool(rows))
        self.legend.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        header = self.table.horizontalHeader()
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.fit_columns()

    def row_count(self) -> int:
        """Rows shown (after the name filter)."""
        return self.proxy.rowCount()

    def cell_text(self, row: int, column: int) -> str:
        """The text of a shown cell (row in the order shown)."""
        return self.proxy.data(self.proxy.index(row, column)) or ""

    def shown_names(self) -> list[str]:
        return [self.cell_text(r, NAME) for r in range(self.row_count())]

    def column_of(self, scenario_id: str) -> int:
        ids = [sid for sid, _title in self.model.scenarios]
        return len(FIXED_HEADINGS) + ids.index(scenario_id)

    def fit_columns(self) -> None:
        """Column widths and row heights from the current font (called again when the text size changes).

        Widths are measured here rather than with resizeColumnsToContents: the header's own size
        hint reserves room for a sort arrow as wide as the heading is tall on every column, which
        would push the scenario columns (the point of the view) off screen. Each column is as wide
        as its widest cell and heading line (with room for the one sort arrow), so no level, count
        or date is ever cut short; only a name or a list of titles longer than a third of the
        table's width is, with the whole of it in the cell's tool tip.
        """
        table = self.table
        self._restyle()
        unit = max(8, table.fontMetrics().height())
        table.verticalHeader().setDefaultSectionSize(round(unit * 1.9))
        header = table.horizontalHeader()
        header.setMinimumSectionSize(unit * 2)
        heading_metrics = QFontMetrics(self._heading_font())
        longest = max(unit * 12, table.viewport().width() // 3)  # free text (names, stuck titles) stops here
        arrow = table.style().pixelMetric(table.style().PixelMetric.PM_HeaderMarkSize, None, header)
        for column in range(self.model.columnCount()):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            heading_w = max((heading_metrics.horizontalAdvance(line) for line in heading.splitlines()), default=0)
            wanted = max(heading_w + unit * 3 // 2 + arrow, table.sizeHintForColumn(column) + unit // 3)
            if column in (NAME, STUCK):
                wanted = min(longest, wanted)
            table.setColumnWidth(column, max(unit * 3, wanted))
        table.sync_frozen()
        # As tall as its rows (a short class leaves no white box), at most the space there is.
        rows = self.proxy.rowCount()
        height = (header.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
                  + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth() + 4)
        table.setMaximumHeight(max(height, unit * 8))
        shown_rows = min(max(rows, 1), 4)  # room for a few rows even when the text is very large
        table.setMinimumHeight(min(height, header.sizeHint().height() + shown_rows * round(unit * 1.9)
                                   + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth()))

    def _heading_font(self) -> QFont:
        font = QFont(self.table.font())
        font.setPointSizeF(max(1.0, font.pointSizeF() * fonts.ROLES["small"] / fonts.ROLES["normal"]))
        font.setBold(True)
        return font

    def _restyle(self) -> None:
        """The table's style sheet, with the heading size in it: under a style sheet the header
        does not take a new font from setFont, so Ctrl+= would leave the headings small."""
        self.bar.restyle(self.font())
        size = self._heading_font().pointSizeF()
        t = theme
        sheet = (f"QTableView {{ background: {t.CARD}; alternate-background-color: #FAFBFC;"
                 f" border: 1px solid {t.BORDER}; gridline-color: {t.BORDER};"
                 f" selection-background-color: #E4DEF5; selection-color: {t.TEXT}; }}"
                 f" QTableView:focus {{ border: 2px solid {t.ACCENT}; }}"
                 f" QHeaderView::section {{ background: {t.BACKGROUND}; color: {t.TEXT}; border: none;"
                 f" border-right: 1px solid {t.BORDER}; border-bottom: 1px solid {t.BORDER};"
                 f" padding: 4px 6px; font-size: {size:.1f}pt; font-weight: bold; }}"
                 f" QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 0; }}"
                 f" QScrollBar::handle:horizontal {{ background: {t.BORDER}; border-radius: 5px; min-width: 48px;"
                 f" margin: 1px; }}"
                 f" QScrollBar::handle:horizontal:hover {{ background: {t.MUTED}; }}"
                 f" QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; }}"
                 f" QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}")
        if sheet != self.table.styleSheet():
            self.table.setStyleSheet(sheet)
            frozen_edge = f"border: none; border-right: 2px solid {t.BORDER}; gridline"  # marks the fixed column
            self.table.frozen.setStyleSheet(sheet.replace(f"border: 1px solid {t.BORDER}; gridline", frozen_edge))

    # -- actions -------------------------------------------------------------------------------

    def import_histories(self, paths: Iterable[str | os.PathLike] | None = None, notify: bool = True
                         ) -> "Outcome | None":
        """Import exported histories (a dialog when ``paths`` is None), then show the class again."""
        if self.store is None:
            return None
        from .progress_actions import import_histories

        outcome = import_histories(self, self.store, paths, notify=notify)
        if outcome is not None:
            self.status.setText(outcome.message.splitlines()[0])
            self.status.setToolTip(plain_tip(outcome.message))
            self.refresh()
            self.store_changed.emit()
        return outcome

    def export_csv(self, path: str | os.PathLike | None = None, notify: bool = True) -> "Outcome | None":
        if self.store is None:
            return None
        from .progress_actions import export_attempts_csv

        outcome = export_attempts_csv(self, self.store, None, path, notify=notify)
        if outcome is not None:
            self.status.setText(outcome.message.splitlines()[0])
            self.status.setToolTip(plain_tip(outcome.message))
        return outcome

    def _activated(self, index: QModelIndex) -> None:
        trainee = self.proxy.data(index, TRAINEE_ROLE)
        if trainee is not None and trainee.origin == "lrs":
            self.status.setText(f"{trainee.name} has no history on this computer: only the LRS has their attempts.")
        elif trainee is not None:
            self.trainee_activated.emit(trainee)

    def focus_first_row(self) -> None:
        """The first trainee shown becomes current, with the keyboard focus on the table."""
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, NAME))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.fit_columns()

    def _sort_chosen(self, choice: int) -> None:
        _text, column, order = self.SORT_CHOICES[choice]
        self.table.sortByColumn(column, order)

    def _sync_sort_box(self, column: int, _order) -> None:
        match = next((i for i, c in enumerate(self.SORT_CHOICES) if c[1] == column), -1)
        if match >= 0 and match != self.sort_box.currentIndex():
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(match)
            self.sort_box.blockSignals(False)

    def text_size_changed(self) -> None:
        self._fit_timer.start()  # after fonts.refresh has given the table its new size

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_timer.start()  # the longest a name or a list of titles may be follows the width
