"""Every screen that lists replies shows the decision being played, even when the decision
before it had as many replies with the same keys (replies without an ``id``)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.levels import Level  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.base import theme  # noqa: E402
from simulator.gui.classroom import ClassroomWindow  # noqa: E402
from simulator.gui.practice.play import PlayView  # noqa: E402
from tests.scenario_text import chain, load_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEA_VIEW = ROOT / "scenarios" / "sea-view-room.yaml"
LETTER_KEYS = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D]


def offered(session) -> list:
    """The current node's replies that hold now, from the scenario (not from any screen)."""
    node = session.scenario.nodes[session.node.id]
    return [r for r in node.replies if r.condition is None or r.condition.holds(session.mood, session.flags)]


def facilitator_rows(notes) -> list[tuple[str, str]]:
    """(letter, reply words) of each row of the facilitator's reply table."""
    grid = notes.options
    rows = []
    for row in range(1, grid.rowCount()):
        head, text = grid.itemAtPosition(row, 0), grid.itemAtPosition(row, 1)
        if head is not None and text is not None:
            rows.append((head.widget().text(), text.widget().text().split("\n")[0]))
    return rows


def assert_projector_and_laptop_show(window, replies, revealed: bool) -> None:
    view, notes = window.presenter, window.facilitator
    says = [r.say for r in replies]
    assert [card.text.text() for card in view.cards] == says
    assert [card.level for card in view.cards] == [r.level for r in replies]
    assert [card.level_badge.isVisibleTo(view) for card in view.cards] == [revealed] * len(replies)
    shown = view.visible_texts()
    assert [t for t in shown if t in says] == says
    badges = [theme.level_badge_text(r.level) for r in replies]
    assert all(b in shown for b in badges) if revealed else not any(b in shown for b in badges)
    if revealed:
        assert all(r.feedback.strip() in shown for r in replies if r.feedback.strip())
    assert facilitator_rows(notes) == [("ABCD"[i], say) for i, say in enumerate(says)]


def test_the_projector_shows_the_replies_the_room_plays_at_every_sea_view_decision(qtbot):
    scenario = ScenarioLoader().load(SEA_VIEW).scenario
    wow = analyze(scenario).canonical[Level.WOW]
    window = ClassroomWindow(scenario, analyze(scenario), ["Red", "Blue"], facilitator=True)
    qtbot.addWidget(window)
    qtbot.addWidget(window.facilitator)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.facilitator.show()
    view = window.presenter
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    counts = []
    for number, choice in enumerate(wow.choices, 1):
        session = view.run.session
        assert session.node.id == choice.node and view.step_label.text() == f"Decision {number}"
        replies = offered(session)
        counts.append(len(replies))
        assert view.customer.text() == session.node.customer.strip()
        assert_projector_and_laptop_show(window, replies, revealed=False)
        qtbot.keyClick(view, Qt.Key.Key_R)
        assert_projector_and_laptop_show(window, replies, revealed=True)
        index = [r.key for r in replies].index(choice.reply)
        card_words = view.cards[index].text.text()
        qtbot.keyClick(view, LETTER_KEYS[index])
        assert view.cards[index].picked_label.isVisibleTo(view)
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert session.steps[-1].reply.say == card_words  # what the room saw under that letter is what is played
    assert view.screen_kind == "ending" and view.cards == []
    assert view.run.result().ending_id == wow.ending
    assert counts[2:6] == [3, 3, 3, 3]  # decisions 3 to 6: as many replies, keys 1, 2, 3 each time


def test_the_facilitators_play_button_plays_the_reply_on_the_projector(qtbot, tmp_path):
    scenario = load_text(chain(3), tmp_path).scenario
    window = ClassroomWindow(scenario, analyze(scenario), facilitator=True)
    qtbot.addWidget(window)
    qtbot.addWidget(window.facilitator)
    window.show()
    window.facilitator.show()
    qtbot.waitExposed(window.facilitator)
    view, notes = window.presenter, window.facilitator
    view.next()
    for number in (1, 2, 3):
        replies = offered(view.run.session)
        assert [r.say for r in replies] == [f"Decision {number}, reply {o}." for o in (1, 2, 3)]
        assert_projector_and_laptop_show(window, replies, revealed=False)
        notes.vote_boxes[replies[1].key].setValue(4)
        assert view.cards[1].votes.text() == "4 votes · 100%"
        qtbot.mouseClick(notes.play_buttons[replies[2].key], Qt.MouseButton.LeftButton)
        assert view.run.session.steps[-1].reply.say == f"Decision {number}, reply 3."
        if number < 3:  # the next decision's votes start at nothing, in both windows
            assert [box.value() for box in notes.vote_boxes.values()] == [0, 0, 0]
            assert not view.cards[1].votes.isVisibleTo(view)


def test_the_play_screen_shows_each_decisions_own_replies(qtbot, tmp_path):
    scenario = load_text(chain(4), tmp_path).scenario
    view = PlayView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.start(scenario, "practice")
    for number in range(1, 5):
        assert [b.text() for b in view.reply_buttons] == [r.say for r in offered(view.session)]
        assert [b.text() for b in view.reply_buttons][0] == f"Decision {number}, reply 1."
        qtbot.mouseClick(view.reply_buttons[1], Qt.MouseButton.LeftButton)
        assert view.session.steps[-1].reply.say == f"Decision {number}, reply 2."
        assert view.feedback_text.text() == f"Feedback {number}.2."
    view.step_back()
    assert [b.text() for b in view.reply_buttons] == [f"Decision 4, reply {o}." for o in (1, 2, 3)]


def test_the_authors_preview_shows_each_decisions_own_replies(qtbot, tmp_path, data_dir):
    from simulator.gui.settings import Settings
    from simulator.gui.base.style import stylesheet
    from simulator.gui.workbench.preview_window import PreviewWindow

    path = tmp_path / "chain.yaml"
    path.write_text(chain(3, 4), encoding="utf-8")
    QApplication.instance().setStyleSheet(stylesheet())
    window = PreviewWindow(str(path), Settings(str(data_dir)))
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=20000)  # checked in the background
    play = window.play
    for number in (1, 2, 3):
        assert [b.text() for b in play.reply_buttons] == [f"Decision {number}, reply {o}." for o in (1, 2, 3, 4)]
        if number == 2:  # a reload replays to the same point and lists that decision's replies again
            with qtbot.waitSignal(window.reloaded, timeout=20000):
                window.reload()
            assert [b.text() for b in play.reply_buttons] == [f"Decision 2, reply {o}." for o in (1, 2, 3, 4)]
        qtbot.mouseClick(play.reply_buttons[3], Qt.MouseButton.LeftButton)
        assert play.session.steps[-1].reply.say == f"Decision {number}, reply 4."
    assert play.session.ended and play.reply_buttons == []
