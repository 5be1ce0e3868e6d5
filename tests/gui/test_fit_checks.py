"""The fit checks measure what a widget draws, so a screen that fits is not reported as cut."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from .fit_checks import clipped_texts


def test_a_labels_shortcut_marker_takes_no_room(qtbot):
    """With a buddy, '&S' draws an underlined S and '&&' one '&'; without one, every '&' is drawn."""
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    field = QLineEdit()
    layout.addWidget(field)
    labels = {}
    for text, buddy in (("&Sort by", True), ("Fish && &chips", True), ("Fish & chips", False)):
        label = labels[text] = QLabel(text)
        if buddy:
            label.setBuddy(field)
        label.setFixedWidth(label.sizeHint().width())  # just what Qt draws the words in
        layout.addWidget(label)
    top.show()
    qtbot.waitExposed(top)
    assert labels["Fish && &chips"].width() == labels["Fish & chips"].width()  # both draw "Fish & chips"
    assert clipped_texts(top) == []
    labels["&Sort by"].setFixedWidth(labels["&Sort by"].width() - 4)
    qtbot.waitUntil(lambda: clipped_texts(top) != [])
    [cut] = clipped_texts(top)
    assert "'&Sort by'" in cut


def test_a_wrapped_column_is_reported_when_its_row_is_too_short_for_the_wrapped_words(qtbot):
    from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

    from .fit_checks import table_problems

    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    table.setWordWrap(True)
    table.setItem(0, 0, QTableWidgetItem("a reply long enough to need several lines in a narrow column " * 2))
    table.setColumnWidth(0, 160)
    table.resize(220, 300)
    table.show()
    qtbot.waitExposed(table)
    table.setRowHeight(0, table.fontMetrics().height() + 4)  # one line: the rest is cut off
    [short] = table_problems(table, wrapped=(0,))
    assert "high wrapped" in short
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    qtbot.waitUntil(lambda: table.rowHeight(0) > 3 * table.fontMetrics().height())
    assert table_problems(table, wrapped=(0,)) == []
    table.item(0, 0).setText("Unbreakable-" * 6)  # one word wider than the column: wrapping cannot help
    assert "has a word" in table_problems(table, wrapped=(0,))[0]
