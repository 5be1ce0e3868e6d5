"""A table whose first column stays put while the others scroll sideways (the class overview
keeps each trainee's name in view beside the scenario columns)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .class_model import NAME

class FrozenNameTable(QTableView):
    """A table whose first column (the trainee's name) stays put while the others scroll sideways:
    a second view over the same model, laid on top of column 0 (after Qt's frozen-column example)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().setSortIndicatorShown(True)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setAccessibleName("Trainee names")
        self.setProperty("pansSideways", True)  # made to scroll sideways: the names stay in view
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, size: self.frozen.setRowHeight(row, size))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.horizontalHeader().sectionClicked.connect(self._frozen_heading_clicked)
        self.horizontalHeader().sortIndicatorChanged.connect(
            lambda column, order: self.frozen.horizontalHeader().setSortIndicator(column, order))
        self.frozen.activated.connect(self.activated)  # a double click on a name

    def setModel(self, model) -> None:  # noqa: N802 (Qt naming)
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        for signal in (model.modelReset, model.layoutChanged, model.columnsInserted):
            signal.connect(self.sync_frozen)
        self.sync_frozen()

    def sync_frozen(self, *_args) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != NAME)
        self.frozen.setColumnWidth(NAME, self.columnWidth(NAME))
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.update_frozen_geometry()

    def _section_resized(self, column: int, _old: int, size: int) -> None:
        if column == NAME:
            self.frozen.setColumnWidth(NAME, size)
            self.update_frozen_geometry()

    def _frozen_heading_clicked(self, column: int) -> None:
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (Qt.SortOrder.DescendingOrder if header.sortIndicatorSection() == column
                 and header.sortIndicatorOrder() == ascending else ascending)
        self.sortByColumn(column, order)

    def update_frozen_geometry(self) -> None:
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(self.frameWidth(), self.frameWidth(), self.columnWidth(NAME),
                                self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.update_frozen_geometry()

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802
        current = super().moveCursor(action, modifiers)
        frozen_width = self.frozen.columnWidth(NAME)
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0
                and self.visualRect(current).topLeft().x() < frozen_width):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).topLeft().x() - frozen_width)
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.column() > NAME:
            super().scrollTo(index, hint)
            frozen_width = self.frozen.columnWidth(NAME)
            left = self.visualRect(index).left()
            if left < frozen_width:  # not hidden under the names
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - frozen_width)
        else:  # the name column never scrolls sideways: only bring the row into view
            keep = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(keep)


