"""Presenter mode's flow, without a screen: what the room is shown is always the decision being played."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.analysis import analyze
from simulator.core.classroom import ClassroomSession, letter
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader
from simulator.core.presenter_flow import (BACK, BACKSPACE, BLANK, BRIEF, DECISION, ENDING, ESCAPE, FINISHED, NEXT,
                                           THREE_LEVELS, UNUSED, USED, PresenterFlow)
from tests.scenario_text import chain, load_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def load(path: Path):
    loaded = ScenarioLoader().load(path)
    assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    return loaded.scenario


def node_replies(flow: PresenterFlow) -> list:
    """The current node's replies that hold now, read from the scenario itself, not from the flow."""
    session = flow.run.session
    node = flow.session.scenario.nodes[session.node.id]
    return [r for r in node.replies if r.condition is None or r.condition.holds(session.mood, session.flags)]


def assert_shows_the_current_decision(flow: PresenterFlow) -> None:
    expected = node_replies(flow)
    assert flow.screen == DECISION
    assert list(flow.replies) == expected
    shown = flow.shown
    assert (shown.node, shown.step, shown.replies) == (flow.run.node.id, len(flow.run.session.steps),
                                                      tuple(r.key for r in expected))
    assert [(s.letter, s.reply) for s in flow.reply_states()] == [(letter(i), r) for i, r in enumerate(expected)]


def press_letter_of(flow: PresenterFlow, key: str) -> str:
    return flow.press(letter(flow.run.keys().index(key)))


def play_path(flow: PresenterFlow, choices) -> list:
    """Play a path with the clicker's keys, checking every decision on the way; returns what was shown."""
    seen = []
    for choice in choices:
        assert flow.run.node.id == choice.node
        assert_shows_the_current_decision(flow)
        assert not flow.revealed and flow.pending == ""  # a new decision starts hidden, nothing typed
        assert flow.press("R") == USED and flow.revealed
        assert list(flow.replies) == node_replies(flow)  # revealing shows the same replies
        seen.append(flow.shown)
        if choice.reply is None:
            assert flow.press("T") == USED
        else:
            assert press_letter_of(flow, choice.reply) == USED
            assert flow.run.picked.key == choice.reply
            assert flow.press(NEXT) == USED
    return seen


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_decision_of_every_canonical_path_shows_its_own_replies(path):
    scenario = load(path)
    analysis = analyze(scenario)
    paths = [analysis.canonical[level] for level in Level if level in analysis.canonical]
    teams = [level.label for level in Level if level in analysis.canonical]
    flow = PresenterFlow(ClassroomSession(scenario, teams))
    for number, canonical in enumerate(paths):
        assert flow.screen == BRIEF and flow.replies == () and flow.session.index == number
        assert flow.press(NEXT) == USED
        seen = play_path(flow, canonical.choices)
        assert len(set(seen)) == len(seen)  # every decision is a screen of its own
        assert flow.screen == ENDING and flow.replies == () and not flow.revealed
        assert flow.run.result().ending_id == canonical.ending
        assert flow.press(NEXT) == USED and flow.outcome_shown
        done = flow.press(NEXT)
        assert done == (FINISHED if number == len(paths) - 1 else USED)


@pytest.mark.parametrize("replies", [3, 4])
def test_decisions_with_as_many_replies_are_never_the_same_screen(tmp_path, replies):
    scenario = load_text(chain(5, replies), tmp_path).scenario
    flow = PresenterFlow(ClassroomSession(scenario, ["Red", "Blue"]))
    flow.press(NEXT)
    before = None
    for number in range(1, 6):
        assert_shows_the_current_decision(flow)
        assert flow.caption == f"Decision {number}"
        assert [r.say for r in flow.replies] == [f"Decision {number}, reply {o}." for o in range(1, replies + 1)]
        if before is not None:
            assert flow.shown.replies == before.replies  # the same keys (1, 2, 3...) at every decision
            assert flow.shown != before  # but another decision: a view rebuilds its replies
        before = flow.shown
        flow.press("R")
        flow.press("C")
        flow.press(NEXT)
    assert flow.screen == ENDING


def test_reveal_resets_on_a_new_decision_and_back(tmp_path):
    flow = PresenterFlow(ClassroomSession(load_text(chain(3), tmp_path).scenario))
    assert flow.press("R") == USED and not flow.revealed  # nothing to reveal on the brief
    flow.press(NEXT)
    flow.press("R")
    assert flow.revealed
    flow.press("R")
    assert not flow.revealed  # R again hides
    flow.press("R")
    flow.press("A")
    flow.press(NEXT)
    assert flow.decision_number == 2 and not flow.revealed
    flow.press("R")
    flow.press(BACK)
    assert flow.decision_number == 1 and not flow.revealed


def test_typed_votes_belong_to_the_decision_they_were_typed_at(tmp_path):
    flow = PresenterFlow(ClassroomSession(load_text(chain(3), tmp_path).scenario))
    flow.press(NEXT)
    first = flow.shown
    for key in ("1", "2", "C", "3", "A"):
        flow.press(key)
    assert [s.votes for s in flow.reply_states()] == [3, 0, 12]
    assert flow.message == "3 votes for A."
    flow.press("7")  # typed, then → before a letter: nothing is played, nothing recorded
    assert flow.press(NEXT) == USED and flow.decision_number == 1
    assert flow.message == "7 votes for which reply? Press its letter (Esc cancels)."
    flow.press(ESCAPE)
    assert (flow.pending, flow.message) == ("", "")
    flow.press(NEXT)  # the majority: C
    assert flow.run.session.steps[-1].reply.say == "Decision 1, reply 3."
    second = flow.shown
    assert [s.votes for s in flow.reply_states()] == [0, 0, 0] and not flow.any_votes
    flow.press("5")
    flow.press(BACK)  # a count typed at decision 2 goes nowhere
    assert flow.shown == first and flow.pending == ""
    assert [s.votes for s in flow.reply_states()] == [3, 0, 12]  # decision 1's votes are kept
    assert not any(s.picked for s in flow.reply_states())  # taking the reply back clears the pick
    flow.press(NEXT)
    assert flow.shown == second and [s.votes for s in flow.reply_states()] == [0, 0, 0]


def test_back_returns_to_the_previous_screen_all_the_way_to_the_last_teams_end(tmp_path):
    flow = PresenterFlow(ClassroomSession(load_text(chain(3), tmp_path).scenario, ["Red", "Blue"]))
    flow.press(NEXT)
    screens = []
    for key in ("A", "B", "C"):
        screens.append(flow.shown)
        flow.press(key)
        assert flow.reply_states()[letter_index(key)].picked
        flow.press(NEXT)
    assert flow.screen == ENDING
    for expected in reversed(screens):
        flow.press(BACK)
        assert flow.shown == expected
        assert_shows_the_current_decision(flow)
    flow.press(BACK)
    assert flow.screen == BRIEF and flow.run.session.steps == []
    for key in (NEXT, "A", NEXT, "B", NEXT, "C", NEXT, NEXT, NEXT):
        flow.press(key)
    assert flow.screen == BRIEF and flow.run.team == "Blue"
    flow.press(BACK)  # back from Blue's brief: Red's end, outcome hidden again
    assert flow.run.team == "Red" and flow.screen == ENDING and not flow.revealed


def letter_index(key: str) -> int:
    return ord(key) - ord("A")


def test_keys_that_ask_the_window_and_keys_that_mean_nothing(tmp_path):
    flow = PresenterFlow(ClassroomSession(load_text(chain(2), tmp_path).scenario))
    assert flow.press("B") == BLANK  # the brief has no reply B
    assert flow.press("L") == THREE_LEVELS
    assert flow.press("4") == UNUSED and flow.pending == ""  # votes only at a decision
    assert flow.press(BACKSPACE) == UNUSED
    flow.press(NEXT)
    assert flow.press("B") == USED and flow.run.picked.say == "Decision 1, reply 2."  # B picks reply B here
    assert flow.press("B") == USED and flow.run.picked is None and flow.message == ""  # and again unpicks
    assert flow.press("L") == UNUSED
    for key in ("0", "0", "1", "2", "3", "4", "5"):
        flow.press(key)
    assert flow.pending == "2345"  # four digits at most, no leading zeros
    flow.press(BACKSPACE)
    assert flow.pending == "234" and flow.message == "234 votes for… press the reply's letter."
    assert flow.press("Z") == USED and flow.pending == ""
    assert flow.message == "There is no reply Z here. Type the count again, then A-C."
    assert flow.press("T") == USED and flow.decision_number == 1  # no time limit here
    flow.press("C")
    flow.press(NEXT)
    flow.press("A")
    flow.press(NEXT)
    assert flow.screen == ENDING and flow.press("L") == THREE_LEVELS
    assert flow.press(NEXT) == USED and flow.outcome_shown
    assert flow.press(NEXT) == FINISHED


def test_a_new_session_is_a_new_screen(tmp_path):
    scenario = load_text(chain(2), tmp_path).scenario
    flow = PresenterFlow(ClassroomSession(scenario))
    before = flow.shown
    flow.press(NEXT)
    flow.restart(ClassroomSession(scenario, ["Red"]))
    assert flow.screen == BRIEF and flow.shown != before and flow.run.team == "Red"
