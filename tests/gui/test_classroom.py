"""Presenter mode, the facilitator window, the three levels side by side and the class debrief."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.classroom import ClassroomSession  # noqa: E402
from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.levels import Level  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.base import theme  # noqa: E402
from simulator.gui.classroom import (ClassroomWindow, PresenterView, ThreeLevelsView,  # noqa: E402
                                     choose_screens)
from simulator.gui.classroom.class_debrief import ClassDebriefView  # noqa: E402
from simulator.gui.classroom.presenter import DECISION, ENDING, TITLE  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LUGGAGE = ROOT / "docs" / "examples" / "lost-luggage.yaml"
CASH = ROOT / "scenarios" / "cash-withdrawal-queue.yaml"
BADGES = [theme.level_badge_text(level) for level in Level]
LETTER_KEYS = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D]


def load(path: Path):
    loaded = ScenarioLoader().load(path)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


@pytest.fixture(scope="module")
def luggage():
    return load(LUGGAGE)


@pytest.fixture(scope="module")
def cash():
    return load(CASH)


def presenter(qtbot, scenario, teams=(), size=(1280, 720)) -> PresenterView:
    view = PresenterView(ClassroomSession(scenario, teams))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return view


def classroom(qtbot, scenario, teams=(), facilitator=False) -> ClassroomWindow:
    window = ClassroomWindow(scenario, analyze(scenario), teams, facilitator=facilitator)
    qtbot.addWidget(window)
    if window.facilitator is not None:
        qtbot.addWidget(window.facilitator)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.presenter.setFocus()
    return window


def letter_for(run, key: str) -> Qt.Key:
    return LETTER_KEYS[run.keys().index(key)]


def play_with_keys(qtbot, view: PresenterView, choices) -> None:
    """Clicker and keyboard only: a letter picks the canonical reply, → plays it."""
    for choice in choices:
        assert view.screen_kind == DECISION
        qtbot.keyClick(view, letter_for(view.run, choice.reply))
        qtbot.keyClick(view, Qt.Key.Key_Right)


# -- presenter mode ----------------------------------------------------------------------------------


def test_levels_feedback_and_outcome_stay_hidden_until_r(qtbot, cash):
    view = presenter(qtbot, cash)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.screen_kind == DECISION
    offered = view.run.offered()
    hidden = view.visible_texts()
    assert not any(badge in text for text in hidden for badge in BADGES)
    assert not any(r.feedback in hidden for r in offered)
    assert not any("Mood" in text or "mood" in text for text in hidden)
    assert [r.say for r in offered] == [t for t in hidden if t in {r.say for r in offered}]
    assert all(f"Reply {c.letter}" in c.accessibleName() for c in view.cards)

    qtbot.keyClick(view, Qt.Key.Key_R)
    shown = view.visible_texts()
    for reply in offered:
        assert theme.level_badge_text(reply.level) in shown
        assert reply.feedback in shown
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert not any(badge in view.visible_texts() for badge in BADGES)

    # the outcome at the end is hidden too, until R (or →)
    low = analyze(cash).canonical[Level.LOW]
    for choice in low.choices:
        qtbot.keyClick(view, letter_for(view.run, choice.reply)) if choice.reply else qtbot.keyClick(view, Qt.Key.Key_T)
        if choice.reply:
            qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.screen_kind == ENDING
    assert not view.outcome.isVisibleTo(view)
    assert cash.nodes[low.ending].customer.strip() in view.visible_texts()
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert view.outcome.isVisibleTo(view)
    assert theme.level_badge_text(Level.LOW) in view.visible_texts()


def test_clicker_keys_drive_a_whole_scenario(qtbot, luggage):
    analysis = analyze(luggage)
    wow = analysis.canonical[Level.WOW]
    view = presenter(qtbot, luggage)
    assert view.screen_kind == TITLE
    assert luggage.customer.expects in view.visible_texts()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, letter_for(view.run, wow.choices[0].reply))
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert len(view.run.session.steps) == 1
    qtbot.keyClick(view, Qt.Key.Key_PageUp)  # back one screen takes the reply back
    assert view.run.session.steps == [] and view.screen_kind == DECISION
    play_with_keys(qtbot, view, wow.choices)
    assert view.screen_kind == ENDING
    qtbot.keyClick(view, Qt.Key.Key_Space)  # → at the end first shows the outcome
    assert view.outcome.isVisibleTo(view) and view.revealed
    with qtbot.waitSignal(view.finished, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    result = view.run.result()
    assert [c.reply for c in view.run.session.choices] == [c.reply for c in wow.choices]
    assert (result.level, result.score, result.ending_id) == (Level.WOW, wow.score, wow.ending)


def test_b_picks_reply_b_at_a_decision_and_blanks_elsewhere(qtbot, luggage):
    view = presenter(qtbot, luggage)
    qtbot.keyClick(view, Qt.Key.Key_B)  # the title screen has no reply B: blank
    assert view.blanked and view.visible_texts() == []
    qtbot.keyClick(view, Qt.Key.Key_Right)  # while blank, → only brings the picture back
    assert not view.blanked and view.screen_kind == TITLE
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert not view.blanked and view.run.picked is view.run.offered()[1]
    assert "▶ Picked" in view.visible_texts()
    qtbot.keyClick(view, Qt.Key.Key_Period)  # '.' always blanks
    assert view.blanked
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert not view.blanked and view.run.session.steps == []  # nothing was played
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert len(view.run.session.steps) == 1


def test_f1_shows_the_keys_and_esc_closes_them(qtbot, luggage):
    view = presenter(qtbot, luggage)
    qtbot.keyClick(view, Qt.Key.Key_F1)
    assert view.help_visible
    texts = [w.text() for w in view.help_overlay.findChildren(QLabel)]
    assert any("Blank the screen" in t for t in texts) and any("12 then A" in t for t in texts)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # closes the help, does not advance
    assert not view.help_visible and view.screen_kind == TITLE
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.help_visible


def test_a_tie_is_not_played_until_the_facilitator_picks(qtbot, luggage):
    view = presenter(qtbot, luggage)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClicks(view, "4")
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.keyClicks(view, "4")
    qtbot.keyClick(view, Qt.Key.Key_C)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.run.session.steps == []
    assert "A and C are tied" in view.message_label.text()
    qtbot.keyClick(view, Qt.Key.Key_C)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.run.session.steps[0].reply is view.run.session.steps[0].offered[2]


def test_text_size_keys_change_and_report_the_scale(qtbot, luggage):
    view = presenter(qtbot, luggage)
    before = view._body
    with qtbot.waitSignal(view.font_scale_changed, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0] > 1.0 and view._body > before
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.scale == 1.0


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_busiest_decision_fits_the_screen_revealed(qtbot, size):
    scenario = load(ROOT / "scenarios" / "unauthorised-relative.yaml")
    view = presenter(qtbot, scenario, ["A team with a long name"], size)
    view.next()
    assert view.run.node.id == "counter"  # the longest decision of the bundled scenarios
    for i, card in enumerate(view.cards):
        view.record_votes(card.letter, 10 + i)
    view.reveal(True)

    def clipped() -> list[str]:
        problems = []
        for label in view.stage.findChildren(QLabel):
            if label.isVisible() and label.text():
                if label.mapTo(view, label.rect().bottomLeft()).y() > view.height():
                    problems.append(f"{label.text()!r} is below the screen")
                if label.wordWrap() and label.height() < label.heightForWidth(label.width()) - 1:
                    problems.append(f"{label.text()!r} is cut short")
                if not label.wordWrap() and label.width() < label.sizeHint().width() - 1:
                    problems.append(f"{label.text()!r} is cut off at the side")
        return problems

    qtbot.waitUntil(lambda: view.cards[0].level_badge.isVisible() and not clipped(), timeout=3000)
    assert view._body >= 14


# -- votes, teams and the class debrief ---------------------------------------------------------------


def test_votes_are_recorded_and_shown_in_the_class_debrief(qtbot, luggage):
    window = classroom(qtbot, luggage)
    view = window.presenter
    qtbot.keyClick(view, Qt.Key.Key_Right)
    offered = view.run.offered()
    qtbot.keyClicks(view, "12")
    qtbot.keyClick(view, Qt.Key.Key_C)
    qtbot.keyClicks(view, "3")
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert [card.votes.text() for card in view.cards] == ["3 votes · 20%", "0 votes · 0%", "12 votes · 80%"]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # no pick: the reply with the most votes
    assert view.run.session.steps[0].reply is offered[2]
    qtbot.keyClick(view, Qt.Key.Key_A)  # decision 2: the facilitator picks, nobody voted
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.screen_kind == ENDING
    qtbot.keyClick(view, Qt.Key.Key_Right)
    with qtbot.waitSignal(window.finished, timeout=2000) as done:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.current_view == "debrief"
    summary = done.args[0]
    debrief = window.debrief
    first = debrief.decision_blocks[0]
    assert [row["count"].text() for row in first.rows] == ["3 · 20%", "0 · 0%", "12 · 80%"]
    assert [row["badge"].text() for row in first.rows] == [theme.level_badge_text(r.level) for r in offered]
    assert [row["mark"].text() for row in first.rows] == ["A", "B", "▶ C"]
    assert "played C (most votes)" in first.findChildren(QLabel)[0].text()
    second = debrief.decision_blocks[1]
    assert "no votes recorded" in second.findChildren(QLabel)[0].text()
    assert "facilitator's pick" in second.findChildren(QLabel)[0].text()
    assert summary.teams[0].decisions[0].options[2].votes == 12


def test_team_scoreboard_matches_the_engine(qtbot, cash):
    analysis = analyze(cash)
    paths = {"Red": analysis.canonical[Level.WOW], "Blue": analysis.canonical[Level.LOW],
             "Green": analysis.canonical[Level.STANDARD]}
    window = classroom(qtbot, cash, list(paths))
    view = window.presenter
    for team, path in paths.items():
        assert view.screen_kind == TITLE and view.run.team == team
        qtbot.keyClick(view, Qt.Key.Key_Right)
        for choice in path.choices:
            if choice.reply is None:
                qtbot.keyClick(view, Qt.Key.Key_T)
            else:
                qtbot.keyClick(view, letter_for(view.run, choice.reply))
                qtbot.keyClick(view, Qt.Key.Key_Right)
        qtbot.keyClick(view, Qt.Key.Key_Right)  # the outcome
        if team != "Green":
            qtbot.keyClick(view, Qt.Key.Key_Right)  # the next team's turn
    with qtbot.waitSignal(window.finished, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    rows = window.debrief.scoreboard_texts()
    by_team = {row[1]: row for row in rows}
    for team, path in paths.items():
        session = PlaySession(cash)
        session.replay(path.choices)
        expected = session.result()
        row = by_team[team]
        assert row[2] == theme.level_badge_text(expected.level)
        assert row[3] == f"{expected.score}/100"
        assert row[4] == ("✔ Compliance passed" if expected.compliance_passed else "✖ Compliance failed")
        assert row[5] == f"{expected.value.returns}%"
        assert row[6] == (expected.ending.title if expected.ending else "")
    assert [row[1] for row in rows] == ["Red", "Green", "Blue"]
    assert by_team["Blue"][4] == "✖ Compliance failed"  # the Low path breaks a rule, however happy he is


def test_the_session_summary_exports_to_pdf_and_csv(qtbot, luggage, tmp_path):
    session = ClassroomSession(luggage, ["Red"])
    session.current.set_votes("A", 2)
    session.current.play()
    debrief = ClassDebriefView()
    qtbot.addWidget(debrief)
    debrief.show_summary(session.summary())
    debrief.show()
    qtbot.waitExposed(debrief)
    debrief.setFocus()
    targets = iter([str(tmp_path / "s.pdf"), str(tmp_path / "s.csv")])
    debrief.ask_path = lambda *_: next(targets)
    with qtbot.waitSignal(debrief.exported, timeout=5000):
        qtbot.keyClick(debrief, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(debrief.exported, timeout=5000):
        qtbot.keyClick(debrief, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["votes"] == "2" and rows[0]["played"] == "yes" and rows[-1]["record"] == "result"
    assert debrief.status_text.startswith("Saved")
    debrief.ask_path = lambda *_: str(tmp_path / "missing-folder" / "x.csv")
    debrief.choose_csv()
    assert debrief.status_text.startswith("Could not save")


# -- the facilitator's window -------------------------------------------------------------------------


def test_the_facilitator_window_follows_the_presenter(qtbot, cash):
    window = classroom(qtbot, cash, facilitator=True)
    view, notes = window.presenter, window.facilitator
    notes.show()
    qtbot.waitExposed(notes)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    node = view.run.node
    assert notes.customer.text() == node.customer.strip()
    note_texts = [w.text() for w in notes.findChildren(QLabel) if w.isVisibleTo(notes)]
    for reply in view.run.offered():
        assert theme.level_badge_text(reply.level) in note_texts  # the laptop sees what the room does not
    assert not any(badge in view.visible_texts() for badge in BADGES)
    box = notes.vote_boxes[view.run.offered()[1].key]
    box.setValue(7)
    assert view.run.votes("B") == 7 and view.cards[1].votes.text() == "7 votes · 100%"
    qtbot.mouseClick(notes.play_buttons[view.run.offered()[0].key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.run.session.steps) == 1)
    assert view.run.session.steps[0].reply.key == cash.nodes[cash.start].replies[0].key
    assert notes.where.text() == "Decision 2"
    prompts = [w.text() for w in notes.findChildren(QLabel) if w.text().startswith("•")]
    assert prompts and view.run.node.discuss in prompts[0]
    qtbot.keyClick(notes, Qt.Key.Key_PageUp)  # a clicker's key in the laptop's window still drives the room
    assert view.run.session.steps == []
    qtbot.keyClick(notes, Qt.Key.Key_Period)
    assert view.blanked and "Screen BLANK" in notes.state_line.text()


def test_three_levels_view_shows_the_canonical_paths(qtbot, cash):
    analysis = analyze(cash)
    view = ThreeLevelsView(cash, analysis)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    assert [c.level for c in view.columns] == [Level.LOW, Level.STANDARD, Level.WOW]
    assert [c.shown() for c in view.columns] == [1, 1, 1]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert [c.shown() for c in view.columns] == [2, 2, 2]
    qtbot.keyClick(view, Qt.Key.Key_End)
    for column in view.columns:
        path = analysis.canonical[column.level]
        texts = [w.text() for w in column.findChildren(QLabel) if w.isVisibleTo(column)]
        for choice in path.choices:
            reply = next((r for r in cash.nodes[choice.node].replies if r.key == choice.reply), None)
            assert (reply.say if reply else "(No answer: the time ran out.)") in texts
        ending = cash.nodes[path.ending]
        assert f"“{ending.customer.strip()}”" in texts
        assert ending.ending.feels in texts and ending.ending.thinks in texts
        assert f"Comes back: {ending.ending.returns}%" in texts
        assert any(t.startswith(f"Score {path.score}/100") for t in texts)
        assert column.ended_shown()
    low = view.columns[0]
    assert low.steps == len(analysis.canonical[Level.LOW].choices) + 1
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert [c.shown() for c in view.columns] == [1, 1, 1]
    with qtbot.waitSignal(view.back_requested, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)


def test_l_opens_the_three_levels_from_the_title_screen(qtbot, luggage):
    window = classroom(qtbot, luggage)
    qtbot.keyClick(window.presenter, Qt.Key.Key_L)
    assert window.current_view == "three-levels"
    qtbot.keyClick(window.three_levels, Qt.Key.Key_Escape)
    assert window.current_view == "presenter"
    with qtbot.waitSignal(window.library_requested, timeout=1000):
        qtbot.keyClick(window.presenter, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)


def test_screens_put_the_presenter_on_the_projector():
    assert choose_screens(1, 0) == (0, None)  # one screen: no facilitator window on a mirrored projector
    assert choose_screens(2, 0) == (1, 0)
    assert choose_screens(2, 1) == (0, 1)
    assert choose_screens(3, 0, requested=2) == (2, 0)
    assert choose_screens(2, 0, requested=0) == (0, 1)
    assert choose_screens(2, 0, requested=7) == (1, 0)


def test_with_one_screen_the_presenter_is_full_screen_and_the_answers_stay_off_it(qtbot, luggage):
    from PySide6.QtGui import QGuiApplication

    from simulator.gui.classroom import place_windows

    window = ClassroomWindow(luggage, analyze(luggage))
    qtbot.addWidget(window)
    qtbot.addWidget(window.facilitator)
    laptop = QGuiApplication.primaryScreen()  # a mirrored projector: the system reports the one screen
    assert place_windows(window, window.facilitator, screens=[laptop]) == (laptop, None)
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert not window.facilitator.isVisible()  # a mirrored projector would show the room every level
    qtbot.keyClick(window.presenter, Qt.Key.Key_F2)
    assert window.facilitator.isVisible()


def test_facilitator_keys_go_to_what_the_projector_shows(qtbot, luggage):
    window = classroom(qtbot, luggage, facilitator=True)
    view, notes = window.presenter, window.facilitator
    notes.show()
    qtbot.waitExposed(notes)
    qtbot.keyClick(notes, Qt.Key.Key_Right)  # the presenter is on the projector: → starts it
    assert view.screen_kind == DECISION
    qtbot.keyClick(notes, Qt.Key.Key_Left)
    qtbot.mouseClick(notes.levels_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_view == "three-levels")
    levels = window.three_levels
    step = levels.step
    qtbot.keyClick(notes, Qt.Key.Key_Right)
    assert levels.step == step + 1 and [c.shown() for c in levels.columns] == [step + 1] * 3
    assert view.screen_kind == TITLE and view.run.session.steps == []  # no reply played behind the room's back
    assert not notes.next_button.isEnabled() and not notes.back_button.isEnabled()  # they act on the presenter
    qtbot.keyClick(notes, Qt.Key.Key_Left)
    assert levels.step == step and view.screen_kind == TITLE
    qtbot.keyClick(notes, Qt.Key.Key_Escape)  # Esc in the laptop's window: the projector goes back too
    assert window.current_view == "presenter" and notes.next_button.isEnabled()


def test_ctrl_w_leaves_presenter_mode_from_the_three_levels(qtbot, luggage):
    window = classroom(qtbot, luggage)
    window.show_three_levels()
    qtbot.waitUntil(lambda: window.three_levels.hasFocus())
    with qtbot.waitSignal(window.library_requested, timeout=1000):
        qtbot.keyClick(window.three_levels, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert "Ctrl+W" in [key for key, _ in window.three_levels.help_overlay.rows]


def test_a_new_session_clears_the_last_export_message(qtbot, luggage, tmp_path, monkeypatch):
    window = classroom(qtbot, luggage, facilitator=True)
    notes = window.facilitator
    notes.show()
    qtbot.waitExposed(notes)
    qtbot.mouseClick(notes.debrief_button, Qt.MouseButton.LeftButton)
    debrief = window.debrief
    debrief.ask_path = lambda *_: str(tmp_path / "s.csv")
    with qtbot.waitSignal(debrief.exported, timeout=5000):
        qtbot.keyClick(debrief, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert debrief.status.text().startswith("Saved")
    monkeypatch.setattr("simulator.gui.classroom.window.TeamsDialog.ask", lambda *_: ["Red", "Blue"])
    qtbot.mouseClick(notes.teams_button, Qt.MouseButton.LeftButton)  # Teams…: a new session
    qtbot.waitUntil(lambda: window.current_view == "presenter")
    qtbot.mouseClick(notes.debrief_button, Qt.MouseButton.LeftButton)
    assert window.current_view == "debrief"
    assert debrief.status.text() == "" and debrief.status_text == ""
    assert [row[1] for row in debrief.scoreboard_texts()] == ["Red", "Blue"]


def test_the_text_size_is_clamped_and_shared_by_every_projector_view(qtbot, luggage):
    window = ClassroomWindow(luggage, analyze(luggage), font_scale=9.0, facilitator=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.font_scale == window.presenter.scale == 2.0  # presenter_theme.MAX_SCALE
    window.show_three_levels()
    assert window.three_levels.scale == 2.0
    with qtbot.waitSignal(window.font_scale_changed, timeout=1000) as smaller:
        qtbot.keyClick(window.three_levels, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert smaller.args[0] < 2.0 and window.presenter.scale == smaller.args[0]
    window.show_debrief()
    with qtbot.waitSignal(window.font_scale_changed, timeout=1000) as reset:
        qtbot.keyClick(window.debrief, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reset.args[0] == 1.0 and window.presenter.scale == window.three_levels.scale == 1.0


def test_only_a_single_leader_is_shown_in_bold(qtbot, luggage):
    view = presenter(qtbot, luggage)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert [c.votes.property("presenterBold") for c in view.cards] == [True, False, False]
    assert view.message_label.text() == "5 votes for A."
    qtbot.keyClicks(view, "1")
    assert view.message_label.text() == "1 vote for… press the reply's letter."
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert not any(c.votes.property("presenterBold") for c in view.cards)  # a tie has no leader
