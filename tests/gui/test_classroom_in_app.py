"""The classroom from the main window: the presenter-mode switch, --present, the three levels."""

from __future__ import annotations

from statistics import median

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from simulator.gui.main_window import MainWindow
from simulator.gui.settings import Settings

from .conftest import FORMAT_EXAMPLE
from .test_app import card_for, focus_card


def open_card(qtbot, window, scenario_id):
    """Focus the scenario's card; returns the library list that has the focus."""
    return focus_card(qtbot, window, card_for(window, scenario_id))


def test_in_presenter_mode_start_opens_the_scenario_for_the_room(qtbot, main_window):
    window = main_window
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier)
    assert window.presenting and window.briefing.start_button.text().startswith("Present to the room")
    assert window.library.presenting_label.isVisible()  # the library itself says so
    qtbot.keyClick(open_card(qtbot, window, "lost-luggage"), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.briefing and not window.briefing.mode_panel.isVisible()
    qtbot.keyClick(window.briefing.start_button, Qt.Key.Key_Return)
    classroom = window.classroom
    assert classroom is not None and classroom.isVisible() and classroom.current_view == "presenter"
    assert classroom.session.scenario.id == "lost-luggage"
    assert window._play is None  # nothing was played on the trainee's screen
    labels = classroom.facilitator.findChildren(QLabel)
    before = median(label.font().pointSizeF() for label in labels)
    window.zoom_in()  # the facilitator's window on the laptop follows the app's text size too
    assert median(label.font().pointSizeF() for label in labels) > before * 1.05
    classroom.font_scale_changed.emit(1.7)
    assert Settings(window.settings.data_dir).presenter_font_scale == 1.7
    classroom.library_requested.emit()
    assert window.classroom is None and window.stack.currentWidget() is window.library
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier)
    assert not window.presenting and not window.library.presenting_label.isVisible()


def test_shift_f5_shows_the_three_levels_of_the_focused_scenario(qtbot, main_window):
    window = main_window
    open_card(qtbot, window, "lost-luggage")
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert window.classroom is not None and window.classroom.current_view == "three-levels"
    assert window.classroom.session.scenario.id == "lost-luggage"
    assert not window.presenting
    window.close_classroom()


def test_the_present_option_starts_in_presenter_mode_with_the_saved_text_size(qtbot, data_dir):
    settings = Settings(str(data_dir))
    settings.presenter_font_scale = 1.5
    window = MainWindow(settings, present=True)
    window.opened_files.append(str(FORMAT_EXAMPLE))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.show_window()
        window.load_library()
    assert window.presenting and not window.isFullScreen()
    window.present_scenario(window.scenario_for(card_for(window, "lost-luggage").entry))
    assert window.classroom.font_scale == 1.5
    window.close_classroom()
