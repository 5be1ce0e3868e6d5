"""The library from the keyboard: a card is current and focused at start, Down from the search
goes to the cards, a new search shows its matches from the top and says how many, and coming
back from a scenario keeps the card just played."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from .test_app import card_for, focus_card


def test_at_start_the_first_card_is_current_and_has_the_focus(qtbot, main_window):
    library = main_window.library
    qtbot.waitUntil(lambda: library.list.hasFocus() and library.current_card() is library.shown_cards()[0])
    assert not library.trainee_button.hasFocus()
    qtbot.keyClick(library.list, Qt.Key.Key_Right)  # the arrows work straight away
    qtbot.waitUntil(lambda: library.current_card() is library.shown_cards()[1])


def test_down_from_the_search_field_goes_to_the_cards(qtbot, main_window):
    library = main_window.library
    qtbot.mouseClick(library.search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(library.search.hasFocus)
    qtbot.keyClicks(library.search, "refund")
    qtbot.keyClick(library.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: library.list.hasFocus() and library.current_card() is library.shown_cards()[0])
    qtbot.keyClick(library.list, Qt.Key.Key_Up)  # and Up from the first row comes back
    qtbot.waitUntil(library.search.hasFocus)


def test_a_search_shows_its_matches_from_the_top_and_counts_them(qtbot, main_window):
    library = main_window.library
    total = sum(c.playable for c in library.cards)
    assert library.count_label.text().startswith(f"{total} scenarios")
    bar = library.list.verticalScrollBar()
    library.focus_card(library.shown_cards()[-1])  # scrolled right down
    qtbot.waitUntil(lambda: bar.value() > 0)
    qtbot.mouseClick(library.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(library.search, "refund")
    qtbot.waitUntil(lambda: bar.value() == 0)
    first = library.card_rect(library.shown_cards()[0])
    assert library.list.viewport().rect().contains(first.topLeft())  # the first match's title in view
    shown = len(library.shown_cards())
    assert 0 < shown < total
    assert re.match(rf"{shown} of {total} scenarios\b", library.count_label.text())
    library.search.clear()
    qtbot.waitUntil(lambda: library.count_label.text().startswith(f"{total} scenarios"))


def test_coming_back_from_a_scenario_keeps_the_card_just_played(qtbot, main_window):
    window = main_window
    library = window.library
    card = card_for(window, "lost-luggage")
    assert card is not library.shown_cards()[0]
    qtbot.keyClick(focus_card(qtbot, window, card), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.briefing)
    qtbot.keyClick(window.briefing.start_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is library)
    qtbot.waitUntil(lambda: library.list.hasFocus() and library.current_card() is card)
