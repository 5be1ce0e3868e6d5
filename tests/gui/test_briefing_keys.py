"""The brief's mode choice from the keyboard, and its place in the bar at large text sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from simulator.core.modes import Mode

from .test_app import card_for, focus_card


def open_brief(qtbot, window):
    qtbot.keyClick(focus_card(qtbot, window, card_for(window, "lost-luggage")), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.briefing and window.briefing.isVisible())
    return window.briefing


def tab_to_a_mode(qtbot, window) -> QRadioButton:
    for _ in range(12):
        focused = QApplication.focusWidget()
        if isinstance(focused, QRadioButton):
            return focused
        qtbot.keyClick(focused or window, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the mode choice")


def test_tab_lands_on_the_remembered_mode_arrows_move_and_enter_starts_what_is_selected(qtbot, main_window):
    window = main_window
    window.mode = Mode.ASSESSMENT  # remembered from the last attempt
    brief = open_brief(qtbot, window)
    assert brief.mode_buttons[Mode.ASSESSMENT].isChecked()

    radio = tab_to_a_mode(qtbot, window)
    assert radio is brief.mode_buttons[Mode.ASSESSMENT]  # the checked one, not the first

    qtbot.keyClick(radio, Qt.Key.Key_Left)
    practice = brief.mode_buttons[Mode.PRACTICE]
    qtbot.waitUntil(lambda: practice.hasFocus() and practice.isChecked())
    qtbot.keyClick(practice, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: brief.mode_buttons[Mode.ASSESSMENT].hasFocus() and brief.mode() is Mode.ASSESSMENT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: practice.hasFocus() and brief.mode() is Mode.PRACTICE)

    qtbot.keyClick(practice, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.play)
    assert window.play.mode == Mode.PRACTICE


def _inside(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("scale, own_row", [(1.0, False), (1.33, True), (1.5, True)])
def test_the_mode_names_are_never_cut_in_a_1280_wide_window(qtbot, main_window, scale, own_row):
    window = main_window
    window.apply_font_scale(scale)
    window.resize(1280, 700)
    brief = open_brief(qtbot, window)
    qtbot.waitUntil(lambda: brief.modes_on_own_row is own_row)
    start, back = _inside(brief.start_button, window), _inside(brief.back_button, window)
    for radio in brief.mode_buttons.values():
        place = _inside(radio, window)
        assert radio.width() >= radio.sizeHint().width()  # the whole name
        assert window.rect().contains(place)
        assert not place.intersects(start) and not place.intersects(back)
