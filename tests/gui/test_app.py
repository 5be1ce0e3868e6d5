"""The app driven through its real widgets: library, briefing, play, and what reaches the debrief."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from statistics import median

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from simulator.core.analysis import analyze
from simulator.core.engine import PlaySession
from simulator.core.levels import Emotion, Level
from simulator.gui.settings import Settings

from .conftest import BROKEN_SCENARIO

ROOT = Path(__file__).resolve().parents[2]


def card_for(window, scenario_id):
    for card in window.library.cards:
        if card.playable and card.entry.id == scenario_id:
            return card
    raise AssertionError(f"no card for {scenario_id}")


def focus_card(qtbot, window, card):
    """Make ``card`` the library's current card, with the keyboard focus on the list."""
    library = window.library
    library.focus_card(card)
    qtbot.waitUntil(lambda: library.list.hasFocus() and library.current_card() is card)
    return library.list


def open_by_keyboard(qtbot, window, scenario_id, mode):
    qtbot.keyClick(focus_card(qtbot, window, card_for(window, scenario_id)), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.briefing
    window.briefing.mode_buttons[mode].setChecked(True)
    qtbot.keyClick(window.briefing.start_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.play
    assert window.play.mode == mode
    return window.play


def press_reply(qtbot, play, index):
    """Choose the reply at ``index`` with its number key (sent to the focused reply)."""
    target = play.reply_buttons[0] if play.reply_buttons else play
    qtbot.keyClick(target, str(index + 1))


# -- the library --------------------------------------------------------------------------------


def test_library_lists_every_bundled_scenario(main_window):
    from simulator.core.assets import bundled_dir

    files = sorted(p.name for p in bundled_dir("scenarios").glob("*.yaml"))
    shown = sorted(Path(c.entry.path).name for c in main_window.library.cards
                   if Path(c.entry.path).parent == bundled_dir("scenarios"))
    assert shown == files
    assert "lost-luggage.yaml" not in files  # the format example is opened as a file, not bundled
    assert all(c.playable for c in main_window.library.cards)
    library = main_window.library
    card = card_for(main_window, "lost-luggage")
    index = library.model.index(library.shown_cards().index(card))
    assert library.model.data(index, Qt.ItemDataRole.AccessibleTextRole) == f"Scenario: {card.title}"
    assert card.entry.summary.split()[0] in library.model.data(index, Qt.ItemDataRole.AccessibleDescriptionRole)


def test_library_draws_cards_in_rows_of_equal_height_that_never_overlap(qtbot, main_window):
    library = main_window.library
    qtbot.waitUntil(lambda: not library.card_rect(library.shown_cards()[-1]).isEmpty())
    rects = [library.card_rect(c) for c in library.shown_cards()]
    assert len({r.x() for r in rects}) == 2  # 1280 pixels wide: two columns
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    for top in {r.y() for r in rects}:
        assert len({r.height() for r in rects if r.y() == top}) == 1
    # each card is tall enough for what it draws, and larger text makes it taller
    card = library.shown_cards()[0]
    needed = library.look.layout(card, rects[0].width() - 18)[1]
    assert rects[0].height() >= needed
    qtbot.keyClick(main_window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: library.card_rect(card).height() > rects[0].height())
    # a narrow window shows one column
    main_window.resize(900, 700)
    qtbot.waitUntil(lambda: len({library.card_rect(c).x() for c in library.shown_cards()}) == 1)


def test_library_arrow_keys_move_on_the_grid_and_up_from_the_top_returns_to_search(qtbot, main_window):
    library = main_window.library
    shown = library.shown_cards()
    view = focus_card(qtbot, main_window, shown[0])
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert library.current_card() is shown[1]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert library.current_card() is shown[3]  # the card below, in the same column
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert library.current_card() is shown[2]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert library.search.hasFocus()
    qtbot.keyClicks(library.search, "bank")
    qtbot.keyClick(library.search, Qt.Key.Key_Return)  # Enter in the search goes to the first match
    assert library.list.hasFocus() and "bank" in library.current_card().search_text()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert main_window.stack.currentWidget() is main_window.briefing


def test_library_keeps_working_with_a_user_folder(qtbot, window_with_folder, user_folder):
    window = window_with_folder
    card = card_for(window, "tiny-timer")
    assert card.origin == "user"
    library = window.library
    qtbot.keyClicks(library.search, "wait")
    assert library.visible_cards() == [card]
    library.search.clear()
    library.domain_box.setCurrentIndex(library.domain_box.findData("testing"))
    assert library.visible_cards() == [card]
    library.domain_box.setCurrentIndex(0)
    assert len(library.visible_cards()) == len(library.cards) > 1
    # a new file in the folder shows up on reload
    (user_folder / "second.yaml").write_text(
        (user_folder / "tiny-timer.yaml").read_text().replace("id: tiny-timer", "id: second-timer"))
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.load_library()
    card_for(window, "second-timer")


def test_broken_file_shows_its_problems_in_the_library(qtbot, window_with_folder, user_folder):
    window = window_with_folder
    (user_folder / "broken.yaml").write_text(BROKEN_SCENARIO, encoding="utf-8")
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.load_library()
    broken = [c for c in window.library.cards if not c.playable]
    assert len(broken) == 1
    card = broken[0]
    text = card.problems_text()
    assert "broken.yaml:12" in text and "amazing" in text  # file:line and the message
    library = window.library
    assert card in library.shown_cards() and not library.card_rect(card).isEmpty()
    assert "problems" in library.count_label.text()
    # activating it does not crash nor leave the library; Ctrl+C copies its problems
    qtbot.mouseClick(library.list.viewport(), Qt.MouseButton.LeftButton, pos=library.card_rect(card).center())
    assert window.stack.currentWidget() is library and library.current_card() is card
    qtbot.keyClick(library.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == text
    # the good scenarios still open, by a click too
    good = card_for(window, "tiny-timer")
    qtbot.mouseClick(library.list.viewport(), Qt.MouseButton.LeftButton, pos=library.card_rect(good).center())
    assert window.stack.currentWidget() is window.briefing


def test_open_scenario_file_loads_off_the_ui_thread(qtbot, main_window, tmp_path):
    from .conftest import TIMER_SCENARIO

    path = tmp_path / "single.yaml"
    path.write_text(TIMER_SCENARIO, encoding="utf-8")
    main_window.open_scenario_file(str(path))
    qtbot.waitUntil(lambda: main_window.stack.currentWidget() is main_window.briefing, timeout=10000)
    assert card_for(main_window, "tiny-timer").origin == "file"
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_SCENARIO, encoding="utf-8")
    main_window.open_scenario_file(str(bad))
    qtbot.waitUntil(lambda: any(not c.playable for c in main_window.library.cards), timeout=10000)
    assert main_window.stack.currentWidget() is main_window.library


# -- play ---------------------------------------------------------------------------------------


def test_play_a_scenario_from_the_library_by_keyboard_to_the_debrief(qtbot, main_window, monkeypatch):
    window = main_window
    play = open_by_keyboard(qtbot, window, "lost-luggage", "assessment")
    scenario = play.scenario
    wow = analyze(scenario).canonical[Level.WOW]
    debrief = window._debrief_view()
    received = []
    original = debrief.show_result
    monkeypatch.setattr(debrief, "show_result", lambda *a: (received.append(a), original(*a)))
    for number, choice in enumerate(wow.choices):
        keys = [r.key for r in play.session.available_replies()]
        index = keys.index(choice.reply)
        if number == 0:  # arrow keys and Enter
            for _ in range(index):
                qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down)
            assert play.reply_buttons[index].hasFocus()
            qtbot.keyClick(play.reply_buttons[index], Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: len(play.session.steps) == 1)
        else:  # number keys
            press_reply(qtbot, play, index)
            qtbot.waitUntil(lambda n=number: len(play.session.steps) == n + 1)
    assert play.session.ended
    assert play.debrief_button.hasFocus()
    qtbot.keyClick(play.debrief_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is debrief)

    expected = PlaySession(scenario)
    expected.replay(wow.choices)
    want = expected.result()
    (got_scenario, got_result, got_analysis), = received
    assert got_scenario is scenario
    assert got_result.level is want.level is Level.WOW
    assert got_result.score == want.score
    assert [s.said for s in got_result.steps] == [s.said for s in want.steps]
    assert got_result.mood_curve == want.mood_curve
    assert got_analysis.canonical[Level.WOW].choices == wow.choices
    assert window.last_debrief[1] is got_result


def test_replies_chosen_in_quick_succession_never_open_windows_of_their_own(qtbot, main_window):
    """Old reply buttons are taken away hidden: one never shown would otherwise pop up as a window
    when the event loop runs, and take the keyboard away from the main window."""
    window = main_window
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    while not play.session.ended:  # no turn of the event loop between the key presses
        press_reply(qtbot, play, 0)
    window.show_debrief()
    QApplication.processEvents()  # the posted events run
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert QApplication.activeWindow() is window


def test_debrief_retry_and_back_to_library(qtbot, main_window):
    window = main_window
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    while not play.session.ended:
        press_reply(qtbot, play, 0)
    window.show_debrief()
    window.debrief.retry_requested.emit()
    assert window.stack.currentWidget() is window.play and not play.session.steps
    window.debrief.library_requested.emit()
    assert window.stack.currentWidget() is window.library


def test_timeout_route_fires_on_a_timed_node(qtbot, window_with_folder):
    window = window_with_folder
    play = open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    assert play.countdown_box.isVisible()
    # time to read the customer's words and the replies comes first, then the author's one second
    reading = play.reading_left()
    assert reading > 1 and play.countdown_caption.text() == "Time to read, then 0:01 to answer"
    qtbot.waitUntil(lambda: play.session.ended, timeout=int((play.remaining() + 3) * 1000))
    step = play.session.steps[-1]
    assert step.reply is None and step.level is Level.LOW
    assert play.session.node.id == "gone"
    assert not play.countdown_box.isVisible()
    assert play.feedback.isVisible() and "walks away" in play.feedback_text.text()
    assert play.session.result().level is Level.LOW


def test_practice_shows_feedback_and_allows_a_step_back(qtbot, main_window):
    play = open_by_keyboard(qtbot, main_window, "lost-luggage", "practice")
    assert not play.feedback.isVisible()
    first = play.session.available_replies()[0]
    press_reply(qtbot, play, 0)
    assert len(play.session.steps) == 1
    assert play.feedback.isVisible()
    assert play.feedback_text.text().startswith(first.feedback)
    assert play.back_button.isVisible() and play.back_button.isEnabled()
    employee = [b for b in play.findChildren(QLabel) if b.text() == first.say]
    assert employee, "the reply appears in the transcript"
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_Backspace)
    assert play.session.steps == []
    assert not play.feedback.isVisible()
    press_reply(qtbot, play, 1)
    qtbot.mouseClick(play.back_button, Qt.MouseButton.LeftButton)
    assert play.session.steps == []


def test_assessment_shows_no_feedback_and_no_step_back(qtbot, main_window):
    play = open_by_keyboard(qtbot, main_window, "lost-luggage", "assessment")
    press_reply(qtbot, play, 0)
    assert len(play.session.steps) == 1
    assert not play.feedback.isVisible()
    assert not play.back_button.isVisible()
    assert not play.mood_box.isVisible()
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_Backspace)
    assert len(play.session.steps) == 1
    play.step_back()
    assert len(play.session.steps) == 1


def test_restart_and_quit_ask_first(qtbot, main_window, monkeypatch):
    window = main_window
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    press_reply(qtbot, play, 0)
    answers = [False]
    monkeypatch.setattr(play, "confirm", lambda *_: answers.pop(0))
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(play.session.steps) == 1  # declined
    answers[:] = [True]
    qtbot.mouseClick(play.restart_button, Qt.MouseButton.LeftButton)
    assert play.session.steps == []
    press_reply(qtbot, play, 0)
    answers[:] = [False]
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is play
    answers[:] = [True]
    qtbot.mouseClick(play.quit_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.library


def test_portrait_follows_the_emotion_and_scenario_text_is_plain(qtbot, window_with_folder):
    play = open_by_keyboard(qtbot, window_with_folder, "tiny-timer", "practice")
    assert play.emotion_label.text() == "Looks neutral"
    assert not play.portrait.pixmap().isNull()  # missing portrait: the placeholder, no crash
    before = play.portrait.pixmap().cacheKey()
    press_reply(qtbot, play, 0)  # mood 50 + 20: pleased
    assert play.session.emotion is Emotion.PLEASED
    assert play.emotion_label.text() == "Looks pleased"
    assert play.portrait.pixmap().cacheKey() != before
    marked = [lb for lb in play.findChildren(QLabel) if "<b>yes</b>" in lb.text()]
    assert marked and all(lb.textFormat() == Qt.TextFormat.PlainText for lb in marked)


def test_mood_meter_setting(qtbot, main_window, data_dir):
    window = main_window
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    assert play.mood_box.isVisible()
    window.mood_action.trigger()
    assert not play.mood_box.isVisible()
    assert Settings(str(data_dir)).mood_meter is False


def test_every_control_has_an_accessible_name(qtbot, window_with_folder):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    window = window_with_folder
    play = open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    screens = [window.library, window.briefing, play]
    for screen in screens:
        for widget in screen.findChildren(QAbstractButton) + screen.findChildren(QLineEdit) + \
                screen.findChildren(QComboBox):
            if isinstance(widget.parent(), QLineEdit):  # the line edit's own clear button
                continue
            if widget.isVisibleTo(screen) or screen is not play:
                assert widget.accessibleName() or widget.text(), widget


# -- settings -----------------------------------------------------------------------------------


def test_font_scale_keys_change_the_text_size_and_it_persists(qtbot, main_window, data_dir):
    window = main_window
    reply_font = window.library.count_label.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.font_scale == pytest.approx(1.1)
    assert window.library.count_label.font().pointSizeF() > reply_font
    assert Settings(str(data_dir)).font_scale == pytest.approx(1.1)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.font_scale < 1.0
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.font_scale == 1.0
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.close()
    from simulator.gui.main_window import MainWindow

    again = MainWindow(Settings(str(data_dir)))
    qtbot.addWidget(again)
    assert again.font_scale == pytest.approx(1.1)


def test_every_screens_text_follows_ctrl_plus_and_ctrl_0(qtbot, main_window):
    """Menus, fields and buttons too, not only the text that carries a role: under the app's style
    sheet Qt does not hand a new application font down by itself."""
    from shiboken6 import isValid

    window = main_window

    def sizes() -> dict:
        return {w: w.font().pointSizeF() for w in [window, *window.findChildren(QWidget)]
                if w.isVisibleTo(window) or isinstance(w, QMenu)}

    def press(key, times: int = 1) -> None:
        for _ in range(times):
            qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)

    def check(screen: str) -> None:
        before = sizes()
        press(Qt.Key.Key_Equal, 3)

        def grown() -> None:  # some screens finish adjusting on their next turn of the event loop
            after = sizes()
            kept = [w for w in before if isValid(w) and w in after]
            assert [type(w).__name__ for w in kept if after[w] < before[w] * 1.3] == [], screen
            if len(kept) < len(before):  # a screen built again at the new size (the debrief)
                assert median(after.values()) >= median(before.values()) * 1.3, screen

        qtbot.waitUntil(grown)
        press(Qt.Key.Key_0)

        def back() -> None:
            again = sizes()
            assert [type(w).__name__ for w in before if isValid(w) and w in again
                    and again[w] != pytest.approx(before[w])] == [], screen

        qtbot.waitUntil(back)

    check("library")
    assert window.menuBar().font().pointSizeF() == pytest.approx(window.library.search.font().pointSizeF())
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    check("play")
    while not play.session.ended:
        press_reply(qtbot, play, 0)
    window.show_debrief()
    check("debrief")
    window.record.open()
    window.show_class_view()
    check("class overview")


def test_mode_and_geometry_persist(qtbot, main_window, data_dir):
    window = main_window
    open_by_keyboard(qtbot, window, "lost-luggage", "assessment")
    window.resize(1111, 666)  # a size that fits the 1366x768 test screen: remembered
    window.close()
    settings = Settings(str(data_dir))
    assert settings.mode == "assessment"
    assert settings.geometry is not None
    assert Path(settings.path).parent == Path(data_dir)


def test_smoke_test_exits_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "simulator", "--smoke-test", "--data-dir", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_file_only_the_analysis_finds_broken_ends_up_with_its_problems(qtbot, window_with_folder, user_folder):
    """Files are listed first and analysed after; an analysis error still reaches the card."""
    from simulator.core.loader import ScenarioLoader

    from .conftest import TIMER_SCENARIO

    stuck = TIMER_SCENARIO.replace("id: tiny-timer", "id: stuck-one").replace(
        "      - say: \"Yes.\"\n", "      - say: \"Yes.\"\n        if: never_set\n").replace(
        "      - say: \"Let me check.\"\n", "      - say: \"Let me check.\"\n        if: never_set\n").replace(
        "      - say: \"Not my problem.\"\n", "      - say: \"Not my problem.\"\n        if: never_set\n").replace(
        "    timeout:\n      seconds: 1\n      mood: -10\n      feedback: \"She walks away.\"\n      goto: gone\n", "")
    path = user_folder / "stuck.yaml"
    path.write_text(stuck, encoding="utf-8")
    full = ScenarioLoader().load(path)
    if full.ok:
        pytest.skip("the core does not report this file as broken")
    window = window_with_folder
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.load_library()
    qtbot.waitUntil(lambda: any(not c.playable and c.entry.path == str(path) for c in window.library.cards),
                    timeout=10000)


def test_a_second_start_lists_the_library_from_the_cache_and_reads_a_file_only_when_opened(
        qtbot, data_dir, user_folder):
    from .conftest import _make_window

    first = _make_window(qtbot, data_dir, user_folder)
    listed = sorted((c.entry.path, c.entry.title, c.playable) for c in first.library.cards)
    qtbot.waitUntil(lambda: not first.library_busy, timeout=20000)  # every file analysed and the cache saved
    assert (data_dir / "library-cache.json").is_file()
    first.close()
    second = _make_window(qtbot, data_dir, user_folder)
    assert sorted((c.entry.path, c.entry.title, c.playable) for c in second.library.cards) == listed
    assert second._scenarios == {}  # nothing was parsed: every card came from the cache
    # the file breaks after it was listed: opening its card shows the problem instead of a briefing
    (user_folder / "tiny-timer.yaml").write_text("format: 1\nid: tiny-timer\nnodes: [\n", encoding="utf-8")
    qtbot.keyClick(focus_card(qtbot, second, card_for(second, "tiny-timer")), Qt.Key.Key_Return)
    assert second.stack.currentWidget() is second.library
    broken = next(c for c in second.library.cards if c.entry.path == str(user_folder / "tiny-timer.yaml"))
    assert not broken.playable and "yaml" in broken.problems_text().lower()
    assert second.library.current_card() is broken  # the problems are shown, not just reported
