"""The keyboard on every screen: the keys the F1 box lists for a screen work from every widget of
it that takes the focus, and Enter does what looks selected (a focused button is pressed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from simulator.core.modes import Mode

from .test_fit_progress import import_class
from .test_fit_trainee import open_briefing, open_play, settle, signed_in_window

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def trainee_window(qtbot, data_dir):
    return signed_in_window(qtbot, data_dir)


def focusable(screen: QWidget) -> list[QWidget]:
    """The widgets of ``screen`` that Tab reaches, in no particular order."""
    return [w for w in screen.findChildren(QWidget) if w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.focusProxy()]


def from_each(qtbot, open_screen, key, modifiers=Qt.KeyboardModifier.NoModifier, skip=lambda w: False):
    """Open the screen afresh for each of its widgets, focus it and press ``key``; yields the
    screen and the widget after each press, to check what the key did."""
    count = len(focusable(open_screen()))
    assert count >= 3
    for i in range(count):
        screen = open_screen()
        widget = focusable(screen)[i]
        if skip(widget):
            continue
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, key, modifiers)
        settle()
        yield screen, widget


def name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.accessibleName()!r}"


def to_debrief(qtbot, window):
    play = open_play(qtbot, window)
    while not play.session.ended:
        play.reply_buttons[0].click()
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(play.debrief_button, Qt.Key.Key_Return)
    settle()
    return window.debrief


def test_the_library_search_key_works_from_every_widget(qtbot, trainee_window):
    window = trainee_window

    def library():
        window.show_library()
        settle()
        return window.library

    for screen, widget in from_each(qtbot, library, Qt.Key.Key_F, CTRL):
        assert screen.search.hasFocus(), name(widget)


def test_the_brief_s_keys_work_from_every_widget_and_enter_starts_the_mode_shown(qtbot, trainee_window):
    window = trainee_window
    window.apply_font_scale(1.5)  # the brief scrolls under the bar

    def brief():
        window.show_library()
        screen = open_briefing(qtbot, window)
        screen.scroll.verticalScrollBar().setValue(0)
        return screen

    for _screen, widget in from_each(qtbot, brief, Qt.Key.Key_Escape):
        assert window.stack.currentWidget() is window.library, name(widget)
    for screen, widget in from_each(qtbot, brief, Qt.Key.Key_PageDown):
        assert screen.scroll.verticalScrollBar().value() > 0, name(widget)
    window.mode = Mode.ASSESSMENT  # remembered from the last attempt: the brief shows it chosen
    for _screen, widget in from_each(qtbot, brief, Qt.Key.Key_Return, skip=lambda w: w is window.briefing.back_button):
        assert window.stack.currentWidget() is window.play and window.play.mode is Mode.ASSESSMENT, name(widget)
    screen = brief()
    screen.back_button.setFocus()
    qtbot.waitUntil(screen.back_button.hasFocus)
    qtbot.keyClick(screen.back_button, Qt.Key.Key_Return)  # the focused button is what Enter does
    assert window.stack.currentWidget() is window.library


def test_the_play_keys_work_from_every_widget(qtbot, trainee_window):
    window = trainee_window

    def fresh_play():
        window.show_library()
        return open_play(qtbot, window)

    for screen, widget in from_each(qtbot, fresh_play, Qt.Key.Key_2):
        assert len(screen.session.steps) == 1 and screen.session.steps[0].reply.say == \
            screen.scenario.nodes[screen.scenario.start].replies[1].say, name(widget)

    def after_a_step():
        play = fresh_play()
        play.reply_buttons[0].click()
        play.confirm = lambda *_args: True  # yes, restart or quit
        return play

    for screen, widget in from_each(qtbot, after_a_step, Qt.Key.Key_Backspace):
        assert screen.session.steps == [], name(widget)
    for screen, widget in from_each(qtbot, after_a_step, Qt.Key.Key_R, CTRL):
        assert screen.session.steps == [], name(widget)
    for _screen, widget in from_each(qtbot, after_a_step, Qt.Key.Key_Escape):
        assert window.stack.currentWidget() is window.library, name(widget)
    for screen, widget in from_each(qtbot, after_a_step, Qt.Key.Key_Down):
        assert screen.reply_buttons[0].hasFocus() or screen.reply_buttons[1].hasFocus(), name(widget)


def test_the_debrief_keys_work_from_every_widget_and_enter_presses_the_focused_button(qtbot, trainee_window):
    window = trainee_window

    def debrief():
        if window.debrief is None or window.stack.currentWidget() is not window.debrief:
            to_debrief(qtbot, window)
        window.debrief.scroll.verticalScrollBar().setValue(0)
        return window.debrief

    for _screen, widget in from_each(qtbot, debrief, Qt.Key.Key_Escape):
        assert window.stack.currentWidget() is window.library, name(widget)
    for screen, widget in from_each(qtbot, debrief, Qt.Key.Key_PageDown):
        assert screen.scroll.verticalScrollBar().value() > 0, name(widget)
    for _screen, widget in from_each(qtbot, debrief, Qt.Key.Key_R, ALT):  # a mnemonic clicks a moment later
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.play, timeout=2000)
    for button, shown in ((debrief().retry_button, lambda: window.play),
                          (debrief().library_button, lambda: window.library)):
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        qtbot.keyClick(button, Qt.Key.Key_Return)
        assert window.stack.currentWidget() is shown(), button.text()
    wow = debrief().wow_button
    wow.setFocus()
    qtbot.waitUntil(wow.hasFocus)
    qtbot.keyClick(wow, Qt.Key.Key_Return)
    assert wow.isChecked() and window.debrief.wow_panel.isVisible()


def test_my_progress_keys_work_from_every_widget_and_enter_presses_the_focused_button(qtbot, trainee_window):
    window = trainee_window

    def progress():
        window.progress.show_progress_view()
        view = window.progress.progress_view
        view.scroll.verticalScrollBar().setValue(0)
        settle()
        return view

    for _screen, widget in from_each(qtbot, progress, Qt.Key.Key_Escape):
        assert window.stack.currentWidget() is window.library, name(widget)
    for screen, widget in from_each(qtbot, progress, Qt.Key.Key_PageDown):
        assert screen.scroll.verticalScrollBar().value() > 0, name(widget)
    back = progress().back_button
    back.setFocus()
    qtbot.waitUntil(back.hasFocus)
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library


def test_the_class_overview_keys_work_from_every_widget_and_enter_goes_on_to_the_trainee(qtbot, trainee_window,
                                                                                       tmp_path):
    window = trainee_window
    import_class(qtbot, window, tmp_path)

    def overview():
        window.progress.show_class_view()
        settle()
        return window.progress.class_view

    for screen, widget in from_each(qtbot, overview, Qt.Key.Key_F, CTRL):
        assert screen.filter_edit.hasFocus(), name(widget)
    for _screen, widget in from_each(qtbot, overview, Qt.Key.Key_Escape):
        assert window.stack.currentWidget() is window.library, name(widget)
    view = overview()
    view.filter_edit.setFocus()
    qtbot.waitUntil(view.filter_edit.hasFocus)
    qtbot.keyClicks(view.filter_edit, "ben")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)  # to the first trainee found
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # and on to their progress
    assert window.stack.currentWidget() is window.progress.progress_view
    assert window.progress.progress_view.trainee.name == "Ben Okafor"
    back = overview().back_button
    back.setFocus()
    qtbot.waitUntil(back.hasFocus)
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library


def test_enter_on_the_library_s_trainee_button_asks_who_is_practising(qtbot, trainee_window):
    window = trainee_window
    button = window.library.trainee_button
    assert isinstance(button, QPushButton) and button.isVisible()
    asked = []

    def answer():
        dialog = QApplication.activeModalWidget()
        asked.append(dialog.windowTitle())
        dialog.reject()

    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    QTimer.singleShot(0, answer)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asked == ["Who is practising?"])
