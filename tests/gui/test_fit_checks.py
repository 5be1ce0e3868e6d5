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
