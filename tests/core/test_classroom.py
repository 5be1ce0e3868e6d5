"""The classroom model: votes, which reply is played, teams, the scoreboard, the summary, the three levels."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest import mock

import pytest

from simulator.core.analysis import analyze
from simulator.core.classroom import (CLASS, FACILITATOR, MAJORITY, MAX_VOTES, TIE_BREAK, TIME_OUT, ClassroomSession,
                                      ClassRun, VoteTally, canonical_playthroughs, clean_team_names,
                                      discussion_prompts, letter, scoreboard, summary_csv, summary_rows,
                                      write_summary_csv)
from simulator.core.engine import PlayError, PlaySession
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader
from simulator.core.spreadsheet import spreadsheet_safe
from tests.scenario_text import load_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

VOTE = """\
format: 1
id: vote
title: Vote
customer: {name: Ann, organization: Bank, wants: cash, expects: cash, mood: 50}
start: ask
nodes:
  ask:
    customer: "I need cash now."
    discuss: "What does she need first?"
    timeout: {seconds: 20, mood: -10, feedback: She taps the counter., goto: angry}
    replies:
      - {say: "=HYPERLINK(1) Here you go, no questions.", level: low, mood: 30, breach: No ID checked, feedback: She grins., goto: wait}
      - {id: ask-for-id, say: "I need your ID first.", level: standard, feedback: She sighs., goto: wait}
      - {say: "Let's do this safely and fast.", level: wow, mood: 10, skills: [empathy, compliance], feedback: She nods., goto: wait}
  wait:
    customer: "Well?"
    replies:
      - {say: "Done.", level: standard, feedback: ok, goto: meh}
      - {say: "Anything else I can do?", level: wow, feedback: ok, goto: happy}
  happy:
    customer: "Thanks!"
    ending: {level: wow, returns: 90, title: Sorted}
  meh:
    customer: "Fine."
    ending: {level: standard, returns: 60, title: Meh}
  angry:
    customer: "Unbelievable."
    ending: {level: low, returns: 10, title: Gone}
"""


@pytest.fixture
def scenario(tmp_path):
    result = load_text(VOTE, tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


def load(path: Path):
    loaded = ScenarioLoader().load(path)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


# -- votes -------------------------------------------------------------------------------------------


def test_tally_counts_shares_and_majority():
    tally = VoteTally()
    tally.set("a", 3)
    tally.add("b", 5)
    tally.add("b", -1)
    assert tally.total == 7
    assert tally.share("b") == pytest.approx(4 / 7)
    assert tally.leaders(["a", "b", "c"]) == ["b"]
    assert tally.majority(["a", "b", "c"]) == "b"
    tally.set("a", 4)
    assert tally.leaders(["a", "b", "c"]) == ["a", "b"]
    assert tally.majority(["a", "b", "c"]) is None  # a tie is not a decision
    tally.set("c", -5)
    tally.set("a", 10**9)
    assert tally.counts["c"] == 0 and tally.counts["a"] == MAX_VOTES


def test_no_votes_means_no_majority():
    tally = VoteTally()
    assert tally.leaders(["a", "b"]) == [] and tally.majority(["a", "b"]) is None
    assert tally.share("a") == 0.0


def test_letters_follow_the_offered_order():
    assert [letter(i) for i in range(4)] == ["A", "B", "C", "D"]


def test_the_majority_is_played_and_recorded(scenario):
    run = ClassRun(scenario)
    run.set_votes("A", 2)
    run.set_votes("B", 3)
    run.set_votes("C", 9)
    assert run.to_play().level is Level.WOW
    step = run.play()
    assert step.reply.say == "Let's do this safely and fast."
    record = run.decisions()[0]
    assert record.how == MAJORITY
    assert [o.votes for o in record.options] == [2, 3, 9]
    assert [o.letter for o in record.options] == ["A", "B", "C"]
    assert record.played_letter == "C"
    assert record.total_votes == 14
    assert [o.level for o in record.options] == [Level.LOW, Level.STANDARD, Level.WOW]


def test_a_tie_waits_for_the_facilitator(scenario):
    run = ClassRun(scenario)
    run.set_votes("A", 4)
    run.set_votes("C", 4)
    assert run.to_play() is None
    assert "A and C are tied" in run.why_not()
    with pytest.raises(PlayError, match="tied"):
        run.play()
    assert run.session.steps == []
    run.pick("C")
    run.play()
    assert run.decisions()[0].how == TIE_BREAK


def test_a_pick_overrides_the_votes(scenario):
    run = ClassRun(scenario)
    run.set_votes("A", 10)
    run.pick("B")
    assert run.to_play().key == run.reply_for("B").key
    run.play()
    record = run.decisions()[0]
    assert record.how == FACILITATOR and record.played_letter == "B"


def test_nothing_to_play_without_votes_or_pick(scenario):
    run = ClassRun(scenario)
    assert "record the class's votes" in run.why_not()
    with pytest.raises(PlayError):
        run.play()
    with pytest.raises(PlayError):
        run.set_votes("E", 3)


def test_a_decision_heading_says_the_votes_and_what_was_played(scenario):
    run = ClassRun(scenario)
    run.set_votes("C", 1)
    run.play()  # one vote: the majority
    run.pick("A")
    run.play()  # no votes: the facilitator's pick
    first, second = run.decisions()
    assert first.heading == "1 vote · played C (most votes)"
    assert second.heading == "no votes recorded · played A (facilitator's pick)"
    timed = ClassRun(scenario)
    timed.set_votes("A", 2)
    timed.set_votes("B", 3)
    timed.time_out()
    assert timed.decisions()[0].heading == "5 votes · played no answer (the time ran out)"


def test_undo_keeps_the_votes_and_a_time_out_is_recorded(scenario):
    run = ClassRun(scenario)
    run.set_votes("B", 7)
    run.play()
    assert run.undo()
    assert run.session.steps == [] and run.votes("B") == 7
    run.time_out()
    record = run.decisions()[0]
    assert record.how == TIME_OUT and record.played_key is None and record.level is Level.LOW
    assert run.ended and run.result().level is Level.LOW


# -- teams and the scoreboard --------------------------------------------------------------------------


def test_team_names_are_cleaned():
    assert clean_team_names([" Red ", "", "red", "Blue  team"]) == ["Red", "Blue team"]


def test_teams_take_turns_and_the_scoreboard_is_the_engines(scenario):
    session = ClassroomSession(scenario, ["Red", "Blue", "Green"])
    assert [r.team for r in session.runs] == ["Red", "Blue", "Green"] and session.has_teams
    paths = {"Red": ["C", "B"], "Blue": ["A", "B"], "Green": ["B", "A"]}
    while True:
        run = session.current
        for label in paths[run.team]:
            run.play(label)
        if session.next_team() is None:
            break
    assert session.finished
    board = {row.team: row for row in session.scoreboard()}
    for team, labels in paths.items():
        replay = PlaySession(scenario)
        for label in labels:
            replay.choose("ABC".index(label))
        expected = replay.result()
        row = board[team]
        assert (row.level, row.score, row.compliance_passed, row.returns) == (
            expected.level, expected.score, expected.compliance_passed, expected.value.returns)
    assert board["Blue"].level is Level.LOW and not board["Blue"].compliance_passed  # a breach fails the attempt
    assert [r.team for r in session.scoreboard()] == ["Red", "Green", "Blue"]
    assert [r.rank for r in session.scoreboard()] == [1, 2, 3]


def test_equal_results_share_a_rank_and_unfinished_runs_come_last(scenario):
    runs = [ClassRun(scenario, name) for name in ("One", "Two", "Three")]
    for run in runs[:2]:
        run.play("C")
        run.play("B")
    rows = scoreboard(runs)
    assert [(r.team, r.rank, r.complete) for r in rows] == [("One", 1, True), ("Two", 1, True), ("Three", 0, False)]


def test_without_teams_the_room_plays_as_one_class(scenario):
    session = ClassroomSession(scenario)
    assert [r.team for r in session.runs] == [CLASS] and not session.has_teams
    assert session.next_team() is None


# -- the summary ---------------------------------------------------------------------------------------


def test_summary_csv_has_every_vote_and_every_result(scenario, tmp_path):
    session = ClassroomSession(scenario, ["Red", "Blue"])
    session.current.set_votes("A", 5)
    session.current.set_votes("C", 1)
    session.current.play()
    session.current.play("B")
    session.next_team()
    session.current.time_out()
    summary = session.summary()
    rows = list(csv.DictReader(io.StringIO(summary_csv(summary))))
    votes = [r for r in rows if r["record"] == "vote"]
    results = [r for r in rows if r["record"] == "result"]
    assert len(votes) == 3 + 2 + 3 + 1  # Red: three replies, then two; Blue: three, and its time-out
    first = votes[0]
    assert (first["team"], first["letter"], first["votes"], first["share"], first["played"], first["level"]) == (
        "Red", "A", "5", "83%", "yes", "Low")
    assert first["reply"].startswith("'=HYPERLINK")  # a spreadsheet must not run scenario text as a formula
    assert [v["reply_id"] for v in votes[:3]] == ["", "ask-for-id", ""]  # the records name a reply by its id
    assert votes[-1]["how"] == "the time ran out"
    assert [(r["team"], r["level"], r["compliance"]) for r in results] == [("Red", "Low", "failed"),  # the breach
                                                                          ("Blue", "Low", "passed")]
    assert summary_rows(summary)[0]["scenario"] == "vote"
    path = tmp_path / "summary.csv"
    write_summary_csv(str(path), summary)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Red" in path.read_text(encoding="utf-8-sig")
    before = path.read_bytes()
    with pytest.raises(TypeError), mock.patch("simulator.core.classroom.summary_csv", return_value=None):
        write_summary_csv(str(path), summary)  # failing half-way: the earlier export is untouched
    assert path.read_bytes() == before and list(tmp_path.glob("*.part")) == []


@pytest.mark.parametrize("text, cell", [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"),  # a leading tab or CR does not hide a formula
    ("Ana", "Ana"), ("", ""), ("a=b", "a=b")])
def test_spreadsheet_cells_never_start_a_formula(text, cell):
    assert spreadsheet_safe(text) == cell


def test_the_summary_csv_quotes_a_formula_behind_a_tab(tmp_path):
    loaded = load_text(VOTE.replace('"I need your ID first."', '"\\t=HYPERLINK(2)"'), tmp_path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    session = ClassroomSession(loaded.scenario)
    session.current.play("B")
    rows = list(csv.DictReader(io.StringIO(summary_csv(session.summary()))))
    assert rows[1]["reply"] == "'\t=HYPERLINK(2)"


# -- the three levels ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_playthroughs_are_the_analysis_canonical_paths(path):
    scenario = load(path)
    analysis = analyze(scenario)
    plays = canonical_playthroughs(scenario, analysis)
    assert list(plays) == [lv for lv in Level if lv in analysis.canonical]
    for level, play in plays.items():
        canonical = analysis.canonical[level]
        assert play.path is canonical
        assert play.result.level is level
        assert play.result.score == canonical.score
        assert play.result.ending_id == canonical.ending
        assert [s.said for s in play.result.steps] == [e.reply for e in play.exchanges]
        assert play.closing_words == scenario.nodes[canonical.ending].customer.strip()
        replay = PlaySession(scenario)
        replay.replay(canonical.choices)
        assert list(play.lines) == replay.transcript()


# -- discussion prompts --------------------------------------------------------------------------------


def test_prompts_start_with_the_authors_question_and_name_the_rule(scenario):
    node = scenario.nodes["ask"]
    prompts = discussion_prompts(node, PlaySession(scenario).available_replies())
    assert prompts[0] == "What does she need first?"
    assert any("Reply A breaks a rule (No ID checked)" in p for p in prompts)
    assert any("Reply C is the WOW reply. It shows empathy, compliance." in p for p in prompts)
    assert any("20 seconds" in p for p in prompts)
    assert discussion_prompts(scenario.nodes["wait"], [])[:1] == []
