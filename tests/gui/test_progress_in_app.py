"""Progress inside the app: who is practising, each step saved as it is taken, the library's
status and due-for-review section, resuming an attempt after the app was closed mid-play."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from simulator.core.levels import Level
from simulator.core.progress import ProgressStore

from .conftest import _make_window
from .test_app import card_for, open_by_keyboard, press_reply


@pytest.fixture
def signed_in(qtbot, data_dir, user_folder):
    window = _make_window(qtbot, data_dir, user_folder)
    assert window.record.open(), window.record.error
    window.sign_in(window.record.store.add_trainee("Ann"))
    return window


def to_debrief(qtbot, window) -> None:
    assert window.play.session.ended
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(window.play.debrief_button, Qt.Key.Key_Return)


def finished_attempts(window):
    return [a for a in window.record.store.attempts(window.record.trainee.id) if a.status == "finished"]


def test_a_played_attempt_is_saved_step_by_step_and_shown_on_its_card(qtbot, signed_in):
    window = signed_in
    assert card_for(window, "tiny-timer").status == "○ Never played"
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    attempt_id = window.record.attempt_id
    assert window.record.store.steps(attempt_id) == []
    press_reply(qtbot, window.play, 0)  # "Yes." (WOW) ends the scenario
    to_debrief(qtbot, window)
    [step] = window.record.store.steps(attempt_id)
    assert (step.node, step.level, step.timed_out) == ("ask", Level.WOW, False)
    [attempt] = finished_attempts(window)
    assert attempt.id == attempt_id and attempt.level is Level.WOW and attempt.mode == "practice"
    assert window.debrief.record_label.text().startswith("Saved to Ann's progress. Next review: in 1 day")
    text = card_for(window, "tiny-timer").status
    assert text.startswith("Best: ★ WOW · 1 attempt · last played today"), text


def test_a_step_back_removes_the_saved_step_and_quitting_closes_the_attempt(qtbot, signed_in, monkeypatch):
    window = signed_in
    open_by_keyboard(qtbot, window, "bereaved-traveller", "practice")
    attempt_id = window.record.attempt_id
    press_reply(qtbot, window.play, 0)
    press_reply(qtbot, window.play, 0)
    assert len(window.record.store.steps(attempt_id)) == 2
    qtbot.keyClick(window.play, Qt.Key.Key_Backspace)
    assert [s.number for s in window.record.store.steps(attempt_id)] == [1]
    monkeypatch.setattr(window.play, "confirm", lambda *_: True)
    qtbot.keyClick(window.play, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library
    assert window.record.store.attempt(attempt_id).status == "abandoned"
    assert window.record.store.unfinished_attempts(window.record.trainee.id) == []


def test_an_attempt_left_open_is_offered_and_resumed_on_the_next_start(qtbot, data_dir, user_folder, monkeypatch):
    first = _make_window(qtbot, data_dir, user_folder)
    assert first.record.open()
    ann = first.record.store.add_trainee("Ann")
    first.sign_in(ann)
    open_by_keyboard(qtbot, first, "bereaved-traveller", "assessment")
    press_reply(qtbot, first.play, 0)
    press_reply(qtbot, first.play, 0)
    taken = [s.choice for s in first.play.session.steps]
    first.close()  # closed mid-conversation: the attempt stays open

    second = _make_window(qtbot, data_dir, user_folder)
    asked = []
    monkeypatch.setattr(second, "ask_resume", lambda title, attempt: asked.append((title, attempt.step_count))
                        or "continue")
    assert second.record.open()
    second.sign_in(ann)
    assert asked == [(card_for(second, "bereaved-traveller").entry.title, 2)]
    assert second.stack.currentWidget() is second.play
    assert second.play.mode == "assessment" and not second.play.back_button.isVisible()
    assert [s.choice for s in second.play.session.steps] == taken
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    press_reply(qtbot, second.play, 0)
    assert len(second.play.session.steps) == 3
    assert len(second.record.store.steps(second.record.attempt_id)) == 3


def test_discarding_the_offer_closes_the_attempt(qtbot, signed_in, monkeypatch):
    window = signed_in
    open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    press_reply(qtbot, window.play, 0)
    attempt_id = window.record.attempt_id
    monkeypatch.setattr(window, "ask_resume", lambda *_: "discard")
    window.sign_in(window.record.trainee)
    assert window.record.store.attempt(attempt_id).status == "abandoned"


def test_scenarios_due_for_review_come_first_under_their_own_heading(qtbot, signed_in):
    window = signed_in
    store, ann = window.record.store, window.record.trainee
    scenario = window.scenario_for(card_for(window, "tiny-timer").entry)
    from simulator.core.engine import PlaySession

    session = PlaySession(scenario)
    session.choose(2)  # Low: due again soon
    attempt = store.start_attempt(ann.id, scenario, "practice", now=datetime.now(timezone.utc) - timedelta(days=5))
    store.record_step(attempt, session.steps[-1])
    store.finish_attempt(attempt, session.result(), now=datetime.now(timezone.utc) - timedelta(days=4))
    window.refresh_progress()
    due = window.library.due_cards()
    assert [c.entry.id for c in due] == ["tiny-timer"]
    assert window.library.headings() == ["Due for review (1)", "All scenarios"]
    assert window.library.shown_cards()[0] is due[0]
    assert "1 due for review" in window.library.count_label.text()
    assert "due for review" in due[0].status
    assert "1 scenario is due for review" in window.statusBar().currentMessage()


def test_a_damaged_progress_file_is_moved_aside_and_the_trainee_is_told(qtbot, data_dir, user_folder, monkeypatch):
    (data_dir / "progress.db").write_bytes(b"this is not a database" * 100)
    window = _make_window(qtbot, data_dir, user_folder)
    shown = []
    monkeypatch.setattr("simulator.gui.progress.controller.message",
                        lambda _parent, title, text, **_: shown.append((title, text)))
    window.start_progress(ask=False)
    assert window.record.store is not None
    [(title, text)] = shown
    [aside] = [p for p in data_dir.iterdir() if p.name.startswith("progress.db.")]
    assert f"renamed to {aside}" in text and aside.read_bytes().startswith(b"this is not a database")


def test_a_store_that_cannot_be_opened_says_why_and_play_goes_on(qtbot, tmp_path, user_folder, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    window = _make_window(qtbot, tmp_path / "home", user_folder)
    from simulator.gui.progress.practice_record import PracticeRecord

    window.record = PracticeRecord(str(blocker), window)
    warned = []
    monkeypatch.setattr("simulator.gui.progress.controller.message",
                        lambda _parent, title, text, **_: warned.append(text))
    window.start_progress()
    assert warned and "progress cannot be saved" in warned[0] and str(blocker) in warned[0]
    assert window.library.trainee_label.text() == "Progress is not being saved"
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    press_reply(qtbot, window.play, 0)
    to_debrief(qtbot, window)
    assert window.debrief.record_label.text() == ""


def test_the_picker_is_asked_at_start_and_remembers_who_practised_last(qtbot, data_dir, user_folder, monkeypatch):
    window = _make_window(qtbot, data_dir, user_folder)
    store = ProgressStore(data_dir)
    bea = store.add_trainee("Bea")
    store.close()
    calls = []

    def fake_pick(store, parent, current_id, on_removed=None):
        calls.append(current_id)
        return store.trainee(bea.id)

    monkeypatch.setattr("simulator.gui.progress.trainee_picker.pick_trainee", fake_pick)
    window.start_progress()
    assert window.record.trainee.id == bea.id
    assert window.library.trainee_label.text() == "Practising: Bea"
    qtbot.mouseClick(window.library.trainee_button, Qt.MouseButton.LeftButton)
    assert calls == [None, bea.id]


def test_the_progress_menu_opens_my_progress_and_the_class_overview(qtbot, signed_in):
    window = signed_in
    open_by_keyboard(qtbot, window, "tiny-timer", "assessment")
    press_reply(qtbot, window.play, 2)  # Low
    to_debrief(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.stack.currentWidget()
    assert view is window._progress_view
    assert view.summary.finished_attempts == 1 and view.summary.timeline[0].level is Level.LOW
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is window._class_view
    assert window._class_view.shown_names() == ["Ann"]
    qtbot.keyClick(window._class_view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library


THREE_STEPS = """\
format: 1
id: three-steps
title: Three steps
domain: testing
customer: {name: Tom, mood: 50, organization: Shop, wants: Answers, expects: Quick ones}
start: a
nodes:
  a:
    customer: "One?"
    replies:
      - {say: "Yes.", level: wow, feedback: "Good.", goto: b}
      - {say: "No.", level: low, feedback: "Bad.", goto: b}
  b:
    customer: "Two?"
    replies:
      - {say: "Yes.", level: wow, feedback: "Good.", goto: c}
      - {say: "No.", level: low, feedback: "Bad.", goto: c}
  c:
    customer: "Three?"
    replies:
      - {say: "Yes.", level: wow, feedback: "Good.", goto: done}
      - {say: "No.", level: standard, feedback: "Hm.", goto: done}
  done:
    customer: "Bye."
    ending: {level: standard, title: Done, feels: Fine, thinks: OK, returns: 50}
"""


def _answer_message_box(qtbot, seen: list) -> None:
    """Read the next modal message box (its text and text format), then press its OK button."""
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not shown yet: look again once the event loop turns
            QTimer.singleShot(10, answer)
            return
        seen.append((box.windowTitle(), box.text(), box.textFormat()))
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, answer)


def test_a_resume_on_a_changed_file_says_which_reply_changed_and_keeps_every_saved_step(
        qtbot, data_dir, user_folder, monkeypatch):
    """The author removes the reply given at 'b' (and so the old second reply moves up to its
    place): the resume stops before 'b', says so in a plain-text box, and never takes the other
    reply; the old attempt keeps both its steps as they were."""
    path = user_folder / "three-steps.yaml"
    path.write_text(THREE_STEPS, encoding="utf-8")
    first = _make_window(qtbot, data_dir, user_folder)
    assert first.record.open()
    ann = first.record.store.add_trainee("Ann")
    first.sign_in(ann)
    open_by_keyboard(qtbot, first, "three-steps", "practice")
    press_reply(qtbot, first.play, 0)
    press_reply(qtbot, first.play, 1)  # "No." at b: the reply the author then removes
    attempt_id = first.record.attempt_id
    first.close()
    path.write_text(THREE_STEPS.replace('      - {say: "No.", level: low, feedback: "Bad.", goto: c}\n', ""),
                    encoding="utf-8")

    second = _make_window(qtbot, data_dir, user_folder)
    monkeypatch.setattr(second, "ask_resume", lambda *_: "continue")
    seen: list = []
    _answer_message_box(qtbot, seen)
    assert second.record.open()
    second.sign_in(ann)
    [(title, text, text_format)] = seen
    assert title == "The scenario has changed" and text_format == Qt.TextFormat.PlainText
    assert text.startswith("The reply you gave at 'b' has been removed by the author; you continue from there.")
    assert "1 reply of your 2 replayed" in text
    assert [s.node for s in second.play.session.steps] == ["a"] and second.play.session.node.id == "b"
    store = second.record.store
    old = store.attempt(attempt_id)
    assert old.status == "abandoned"
    assert [(s.node, s.say, s.level) for s in store.steps(attempt_id)] == [("a", "Yes.", Level.WOW),
                                                                          ("b", "No.", Level.LOW)]
    new_id = second.record.attempt_id
    assert new_id != attempt_id and store.attempt(new_id).status == "open"
    assert store.attempt(new_id).scenario_digest == second.play.session.scenario.digest
    assert [s.node for s in store.steps(new_id)] == ["a"]
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    press_reply(qtbot, second.play, 0)
    assert [s.node for s in store.steps(new_id)] == ["a", "b"]
    assert len(store.steps(attempt_id)) == 2


def test_someone_else_signing_in_mid_conversation_leaves_it_open_for_its_player(qtbot, signed_in):
    window = signed_in
    ann = window.record.trainee
    open_by_keyboard(qtbot, window, "bereaved-traveller", "practice")
    press_reply(qtbot, window.play, 0)
    attempt_id = window.record.attempt_id
    window.sign_in(window.record.store.add_trainee("Bea"))
    assert window.stack.currentWidget() is window.library
    assert window.record.attempt_id is None
    assert [a.id for a in window.record.store.unfinished_attempts(ann.id)] == [attempt_id]


def test_signing_in_again_as_the_same_person_keeps_saving_the_attempt(qtbot, signed_in):
    window = signed_in
    open_by_keyboard(qtbot, window, "bereaved-traveller", "practice")
    attempt_id = window.record.attempt_id
    window.sign_in(window.record.trainee)
    assert window.stack.currentWidget() is window.play and window.record.attempt_id == attempt_id
    press_reply(qtbot, window.play, 0)
    assert len(window.record.store.steps(attempt_id)) == 1


def test_removing_the_person_practising_signs_them_out(qtbot, signed_in):
    window = signed_in
    ann = window.record.trainee
    window.record.store.remove_trainee(ann.id)
    window._trainee_removed(ann.id)
    assert window.record.trainee is None and window.settings.last_trainee == ""
    assert window.library.trainee_label.text() == "Nobody chosen: progress is not saved"
    assert card_for(window, "tiny-timer").status == ""


def test_a_step_that_cannot_be_saved_stops_recording_the_attempt_and_the_debrief_says_so(qtbot, signed_in,
                                                                                           monkeypatch):
    from simulator.core.progress import ProgressError

    window = signed_in
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    attempt_id = window.record.attempt_id

    def full_disk(*_args, **_kwargs):
        raise ProgressError("the disk is full")

    monkeypatch.setattr(window.record.store, "record_step", full_disk)
    dialogs = []
    monkeypatch.setattr("simulator.gui.progress.controller.message", lambda *a, **_: dialogs.append(a))
    press_reply(qtbot, window.play, 0)
    assert window.record.attempt_id is None
    assert "the disk is full" in window.statusBar().currentMessage() and dialogs == []  # no dialog mid-play
    to_debrief(qtbot, window)
    assert window.debrief.record_label.text().startswith("This attempt was not saved")
    assert window.record.store.attempt(attempt_id).status == "open"
