"""Timed decisions a person can read (WCAG 2.2.1): a reading allowance first, the author's seconds
on top, the clock still while a dialog is open, and a setting that extends limits or turns them off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from simulator.core.loader import ScenarioLoader
from simulator.core.timing import TimeLimits, allowance
from simulator.gui.practice.play import PlayView

from .conftest import TIMER_SCENARIO, _make_window


@pytest.fixture
def timed(tmp_path):
    path = tmp_path / "timed.yaml"
    path.write_text(TIMER_SCENARIO.replace("seconds: 1", "seconds: 20"), encoding="utf-8")
    scenario = ScenarioLoader().load(path).scenario
    assert scenario is not None
    return scenario


@pytest.fixture
def play(qtbot):
    view = PlayView()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return view


def expected(scenario, limits=TimeLimits.AS_WRITTEN):
    node = scenario.nodes[scenario.start]
    return allowance(node.timeout.seconds, [node.narration, node.customer, *(r.say for r in node.replies)], limits)


def wait_ticks(qtbot, play, n=3):
    for _ in range(n):
        with qtbot.waitSignal(play.countdown_timer.timeout, timeout=2000):
            pass


def test_the_countdown_starts_after_time_to_read_the_customer_and_the_replies(qtbot, play, timed):
    play.start(timed, "practice")
    given = expected(timed)
    assert given.reading > 2 and given.thinking == 20
    assert given.total - 1 < play.remaining() <= given.total
    assert play.countdown_caption.text() == "Time to read, then 0:20 to answer"
    assert play.countdown_label.text() == f"0:{int(given.reading + 0.999):02d}"


def test_the_clock_stands_still_while_a_dialog_is_open(qtbot, play, timed):
    play.start(timed, "practice")
    dialog = QDialog(play)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible())
    wait_ticks(qtbot, play, 1)
    frozen = play.remaining()
    wait_ticks(qtbot, play, 4)
    assert play.remaining() == frozen
    dialog.close()
    wait_ticks(qtbot, play, 4)
    assert play.remaining() < frozen


@pytest.mark.parametrize("limits", [TimeLimits.LONGER, TimeLimits.DOUBLE])
def test_the_setting_extends_the_whole_allowance(qtbot, play, timed, limits):
    play.time_limits = limits
    play.start(timed, "practice")
    given = expected(timed, limits)
    assert given.total == pytest.approx(expected(timed).total * limits.factor)
    assert given.total - 1 < play.remaining() <= given.total
    assert f"timers {limits.value}" in play.mode_chip.text()


def test_with_limits_off_there_is_no_countdown_and_no_time_out(qtbot, play, timed):
    play.time_limits = TimeLimits.OFF
    play.start(timed, "practice")
    assert not play.countdown_box.isVisible() and not play.countdown_timer.isActive()
    assert play.reply_buttons and not play.session.steps


def test_the_menu_setting_is_recorded_with_the_attempt_and_said_in_the_debrief(qtbot, data_dir, user_folder):
    window = _make_window(qtbot, data_dir, user_folder)
    assert window.record.open(), window.record.error
    window.sign_in(window.record.store.add_trainee("Ann"))
    window.time_actions[TimeLimits.DOUBLE].trigger()
    assert window.settings.time_limits is TimeLimits.DOUBLE
    assert window.time_actions[TimeLimits.DOUBLE].isChecked()
    assert not window.time_actions[TimeLimits.AS_WRITTEN].isChecked()
    scenario = ScenarioLoader().load(user_folder / "tiny-timer.yaml").scenario
    window.open_briefing(scenario)
    window.start_play("practice")
    play = window.play
    assert play.remaining() > 2 * 1  # x2 of reading plus the author's one second
    qtbot.keyClick(play.reply_buttons[0], "1")
    assert play.session.ended
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(play.debrief_button, Qt.Key.Key_Return)
    assert window.debrief.record_label.text().startswith("Played with time limits doubled (x2).")
    [attempt] = window.record.store.attempts()
    assert attempt.timers == "x2"


def test_the_pdf_says_the_timers_were_adjusted(qtbot, timed):
    from simulator.core.engine import PlaySession
    from simulator.gui.practice import report

    session = PlaySession(timed)
    session.choose(0)
    sentence = TimeLimits.OFF.sentence
    assert sentence in report.debrief_html(timed, session.result(), None, timers=sentence)
    assert sentence not in report.debrief_html(timed, session.result(), None)


def test_the_brief_offers_the_setting_for_a_timed_scenario(qtbot, data_dir, user_folder):
    window = _make_window(qtbot, data_dir, user_folder)
    window.open_briefing(ScenarioLoader().load(user_folder / "tiny-timer.yaml").scenario)
    briefing = window.briefing
    assert briefing.timers_row.isVisible() and briefing.timers_combo.currentData() == TimeLimits.AS_WRITTEN
    briefing.timers_combo.setFocus()
    qtbot.waitUntil(briefing.timers_combo.hasFocus)
    qtbot.keyClick(briefing.timers_combo, Qt.Key.Key_Down)  # a closed combo box moves to the next item
    assert briefing.timers_combo.currentData() == TimeLimits.LONGER
    assert window.settings.time_limits is TimeLimits.LONGER and window.time_actions[TimeLimits.LONGER].isChecked()
    window.open_briefing(_untimed(user_folder.parent))
    assert not briefing.timers_row.isVisible()


def _untimed(folder):
    path = folder / "untimed.yaml"
    path.write_text(TIMER_SCENARIO.replace("    timeout:\n      seconds: 1\n      mood: -10\n"
                                           "      feedback: \"She walks away.\"\n      goto: gone\n", ""),
                    encoding="utf-8")
    scenario = ScenarioLoader().load(path).scenario
    assert scenario is not None
    return scenario


def test_a_resumed_attempt_goes_on_with_the_time_limits_it_started_with(qtbot, data_dir, user_folder, monkeypatch):
    first = _make_window(qtbot, data_dir, user_folder)
    assert first.record.open()
    ann = first.record.store.add_trainee("Ann")
    first.sign_in(ann)
    first.time_actions[TimeLimits.OFF].trigger()
    first.open_briefing(first.scenario_for(next(c.entry for c in first.library.cards
                                                if c.entry.id == "bereaved-traveller")))
    first.start_play("practice")
    first.play.choose(0)
    first.close()  # the attempt stays open
    second = _make_window(qtbot, data_dir, user_folder)
    second.settings.time_limits = TimeLimits.AS_WRITTEN  # the setting changed since: the attempt keeps its own
    monkeypatch.setattr(second, "ask_resume", lambda *_: "continue")
    assert second.record.open()
    second.sign_in(ann)
    assert second.stack.currentWidget() is second.play
    assert second.play.time_limits == TimeLimits.OFF and "timers off" in second.play.mode_chip.text()
    assert second.record.store.attempt(second.record.attempt_id).timers == "off"
