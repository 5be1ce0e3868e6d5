"""The store's API: trainees, attempts step by step, progress badges, reviews, summary, paths."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from simulator.core.progress import (AttemptError, ProgressStore, ScenarioProgress,
                                     fallback_data_dir, resolve_data_dir)

from .conftest import LOW, STANDARD, T0, WOW, play, play_to_end

DAY = timedelta(days=1)


def test_trainee_names_are_unique_ignoring_case_and_spaces(store):
    ana = store.add_trainee("  Ana   Lima ")
    assert ana.name == "Ana Lima" and ana.origin == "local"
    with pytest.raises(AttemptError, match="already someone called"):
        store.add_trainee("ana lima")
    assert store.trainee_by_name("ANA  LIMA") == ana
    store.rename_trainee(ana.id, "Ana L.")
    assert store.trainee(ana.id).name == "Ana L."
    with pytest.raises(AttemptError):
        store.add_trainee("   ")


@pytest.mark.parametrize("first, second", [
    ("Émile", "émile"), ("ÅSA", "åsa"), ("Straße", "STRASSE"),
    ("Émile", "E\u0301MILE"),  # É typed as E plus a combining accent
])
def test_names_that_differ_only_in_case_in_any_alphabet_are_refused_like_a_duplicate(store, first, second):
    trainee = store.add_trainee(first)
    with pytest.raises(AttemptError, match=f"already someone called {first}\\. Pick that name"):
        store.add_trainee(second)
    assert store.trainees() == [trainee]
    assert store.trainee_by_name(second) == trainee


def test_renaming_follows_the_same_name_rule(store):
    emile, ben = store.add_trainee("Émile"), store.add_trainee("Ben")
    with pytest.raises(AttemptError, match="already someone called Émile"):
        store.rename_trainee(ben.id, "ÉMILE")
    assert store.trainee(ben.id).name == "Ben"
    store.rename_trainee(emile.id, "ÉMILE")  # one's own name in other capitals is fine
    assert store.trainee_by_name("émile") == store.trainee(emile.id) and store.trainee(emile.id).name == "ÉMILE"
    store.rename_trainee(ben.id, "Åsa")
    assert store.trainee_by_name("ÅSA").id == ben.id and store.trainee_by_name("Ben") is None
    with pytest.raises(AttemptError, match="no trainee"):
        store.rename_trainee("ghost", "Zoë")


def test_the_database_itself_refuses_a_local_name_key_twice(store):
    """The unique index is the backstop for any writer that skips the store's check."""
    store.add_trainee("Émile")
    with pytest.raises(sqlite3.IntegrityError):
        with store.writing() as db:
            db.execute("INSERT INTO trainees (id, name, name_key, origin, created_at) "
                       "VALUES ('x', 'émile', 'émile', 'local', 0)")


def test_steps_are_saved_as_taken_and_rebuild_the_session(store, scenario):
    ana = store.add_trainee("Ana")
    attempt = store.start_attempt(ana.id, scenario, "practice", now=T0)
    session = play(store, attempt, scenario, [2], now=T0)
    [saved] = store.steps(attempt)
    assert (saved.number, saved.node, saved.reply, saved.level, saved.seconds, saved.timed_out) == (
        1, "arrival", session.steps[0].reply.id, Level.WOW, 2.0, False)
    assert saved.reply == scenario.nodes["arrival"].replies[2].id  # the id, never a position
    assert saved.say == session.steps[0].reply.say
    assert store.resume_choices(attempt) == session.choices
    record = store.attempt(attempt)
    assert record.status == "open" and record.scenario_digest == scenario.digest and record.step_count == 1


def test_a_timed_out_step_is_saved_and_replays(store, scenario):
    ana = store.add_trainee("Ana")
    attempt = store.start_attempt(ana.id, scenario, "assessment")
    session = PlaySession(scenario)
    store.record_step(attempt, session.choose(1))
    store.record_step(attempt, session.time_out())
    last = store.steps(attempt)[-1]
    assert last.timed_out and last.reply is None and last.level is Level.LOW and last.seconds == 30
    report = store.resume_session(attempt, scenario)
    assert report.complete and report.session.node.id == session.node.id


def test_a_resume_on_a_changed_file_keeps_every_saved_step_and_goes_on_in_a_new_attempt(store, scenario):
    from dataclasses import replace

    ana = store.add_trainee("Ana")
    attempt = store.start_attempt(ana.id, scenario, "assessment", now=T0)
    play(store, attempt, scenario, [2, 0], now=T0)
    saved = store.steps(attempt)
    pills = scenario.nodes["pills"]
    given = next(r for r in pills.replies if r.say == saved[1].say)
    reworded = replace(given, say=given.say + " Promise.")
    edited = replace(scenario, digest="edited", nodes={**scenario.nodes, "pills": replace(
        pills, replies=[reworded if r is given else r for r in pills.replies])})
    report = store.resume_session(attempt, edited)
    assert report.applied == 1 and report.message.startswith("The reply you gave at 'pills' has been changed")
    new_id = store.rebase_attempt(attempt, report.applied, edited.digest, now=T0 + timedelta(days=1))
    assert new_id != attempt
    old, new = store.attempt(attempt), store.attempt(new_id)
    assert old.status == "abandoned" and store.steps(attempt) == saved  # nothing rewritten or dropped
    assert (new.status, new.mode, new.trainee_id, new.started_at, new.scenario_digest) == (
        "open", "assessment", ana.id, old.started_at, "edited")
    assert store.steps(new_id) == saved[:1]
    assert (new.resumed_from, old.resumed_from) == (attempt, "")  # the new attempt says what it continues
    store.record_step(new_id, report.session.choose(0), now=T0 + timedelta(days=1))
    assert [s.number for s in store.steps(new_id)] == [1, 2] and store.steps(attempt) == saved
    # every step still replays: the attempt itself goes on, on the new file
    assert store.rebase_attempt(new_id, 2, "edited-again") == new_id
    assert store.attempt(new_id).scenario_digest == "edited-again" and len(store.steps(new_id)) == 2
    assert store.attempt(new_id).resumed_from == attempt


def test_practice_step_back_removes_the_last_step_but_not_in_an_assessment(store, scenario):
    ana = store.add_trainee("Ana")
    practice = store.start_attempt(ana.id, scenario, "practice")
    session = play(store, practice, scenario, [0, 1])
    assert session.undo()
    assert store.remove_last_step(practice)
    assert store.resume_choices(practice) == session.choices
    assert store.remove_last_step(practice) and not store.remove_last_step(practice)
    exam = store.start_attempt(ana.id, scenario, "assessment")
    play(store, exam, scenario, [0])
    with pytest.raises(AttemptError, match="assessment"):
        store.remove_last_step(exam)


def test_finished_and_abandoned_attempts_take_no_more_steps(store, scenario):
    ana = store.add_trainee("Ana")
    attempt, session = play_to_end(store, ana.id, scenario, WOW)
    with pytest.raises(AttemptError, match="already finished"):
        store.record_step(attempt, session.steps[0])
    left = store.start_attempt(ana.id, scenario, "practice")
    store.abandon_attempt(left)
    assert store.unfinished_attempts(ana.id) == []
    assert store.attempt(left).status == "abandoned"
    with pytest.raises(AttemptError):
        store.abandon_attempt(left)
    with pytest.raises(AttemptError, match="no attempt"):
        store.record_step("nope", session.steps[0])
    with pytest.raises(AttemptError, match="mode"):
        store.start_attempt(ana.id, scenario, "exam")
    with pytest.raises(AttemptError, match="no trainee"):
        store.start_attempt("ghost", scenario, "practice")


def test_finish_saves_the_result_and_schedules_the_review(store, scenario):
    ana = store.add_trainee("Ana")
    attempt = store.start_attempt(ana.id, scenario, "assessment", now=T0)
    session = play(store, attempt, scenario, WOW, now=T0)
    state = store.finish_attempt(attempt, session.result(), now=T0 + timedelta(minutes=5))
    assert state.rung == 0 and state.due_at == T0 + timedelta(minutes=5) + DAY
    record = store.attempt(attempt)
    assert (record.level, record.score, record.compliance_passed, record.breaches) == (Level.WOW, 100, True, ())
    assert record.ending_id == "delighted_exit" and record.duration == 4.0
    assert record.finished_at == T0 + timedelta(minutes=5)
    assert store.result_json(attempt)["explanation"] == session.result().explanation


def test_scenario_progress_badges_for_the_library(store, scenario):
    ana, ben = store.add_trainee("Ana"), store.add_trainee("Ben")
    play_to_end(store, ana.id, scenario, LOW, now=T0)
    play_to_end(store, ana.id, scenario, WOW, now=T0 + DAY)
    play_to_end(store, ana.id, scenario, STANDARD, now=T0 + 2 * DAY)
    store.start_attempt(ana.id, scenario, "practice", now=T0 + 3 * DAY)  # started, not finished
    badges = store.scenario_progress(ana.id, ["lost-luggage", "refund"])
    assert badges["refund"] == ScenarioProgress("refund") and badges["refund"].never_played
    mine = badges["lost-luggage"]
    assert (mine.attempts, mine.best_level, mine.last_played) == (3, Level.WOW, T0 + 3 * DAY)
    # Low (retry), WOW (rung 0), then Standard: one rung down from 0 stays at 0 -> 1 day.
    assert (mine.rung, mine.due_at) == (0, T0 + 3 * DAY)
    assert store.scenario_progress(ben.id) == {}
    assert list(store.scenario_progress(ana.id)) == ["lost-luggage"]


def test_due_for_review(store, scenario):
    ana = store.add_trainee("Ana")
    play_to_end(store, ana.id, scenario, WOW, now=T0)
    assert store.due_for_review(ana.id, T0 + DAY - timedelta(seconds=1)) == []
    [due] = store.due_for_review(ana.id, T0 + DAY)
    assert (due.scenario_id, due.due_at, due.best_level) == ("lost-luggage", T0 + DAY, Level.WOW)
    assert store.due_for_review(ana.id, T0 + 2 * DAY, scenario_ids=["other"]) == []  # not in the library


def test_progress_summary(store, scenario):
    ana = store.add_trainee("Ana")
    utc = timezone.utc
    for day, picks in ((0, LOW), (1, STANDARD), (2, WOW), (5, WOW)):
        play_to_end(store, ana.id, scenario, picks, now=T0 + day * DAY)
    store.start_attempt(ana.id, scenario, "practice", now=T0 + 6 * DAY)  # no step taken: not a practice day
    summary = store.progress_summary(ana.id, [scenario], now=T0 + 6 * DAY, tz=utc)
    assert [d.domain for d in summary.domains] == ["tourism"]
    assert (summary.domains[0].total, summary.domains[0].played, summary.domains[0].wow) == (1, 1, 1)
    assert [p.level for p in summary.timeline] == [Level.LOW, Level.STANDARD, Level.WOW, Level.WOW]
    assert [p.finished_at for p in summary.timeline] == [T0 + d * DAY for d in (0, 1, 2, 5)]
    assert summary.weak_skills and summary.weak_skills == sorted(summary.weak_skills, key=lambda s: -s.missed)
    assert all(s.missed > 0 for s in summary.weak_skills)
    assert (summary.current_streak, summary.longest_streak, summary.practice_days) == (1, 3, 4)
    assert summary.finished_attempts == 4 and summary.due_now == 0
    # Days are counted in the trainee's time zone: 23:30 UTC is already the next day at UTC+2.
    late = datetime(2024, 3, 1, 23, 30, tzinfo=utc)
    bob = store.add_trainee("Bob")
    play_to_end(store, bob.id, scenario, WOW, now=late)
    play_to_end(store, bob.id, scenario, WOW, now=late + timedelta(hours=1))
    assert store.progress_summary(bob.id, now=late, tz=utc).practice_days == 2
    assert store.progress_summary(bob.id, now=late, tz=timezone(timedelta(hours=2))).practice_days == 1


def test_remove_trainee_removes_their_data(store, scenario):
    ana = store.add_trainee("Ana")
    play_to_end(store, ana.id, scenario, WOW)
    store.remove_trainee(ana.id)
    assert store.attempts() == [] and store.scenario_progress(ana.id) == {}


def test_queries_use_indexes_not_scans(store, scenario):
    """The library and review queries read the indexes; nothing scans the attempts table."""
    queries = [
        "SELECT scenario_id, attempts, best_rank, last_played, due_at, rung FROM progress WHERE trainee_id = 'x'",
        "SELECT scenario_id FROM progress WHERE trainee_id = 'x' AND due_at IS NOT NULL AND due_at <= 5 "
        "ORDER BY due_at",
        "SELECT id FROM attempts a WHERE a.trainee_id = 'x' AND a.status = 'open' ORDER BY a.started_at DESC",
        "SELECT id FROM attempts WHERE trainee_id = 'x' AND status = 'finished' ORDER BY finished_at",
    ]
    with store.reading() as db:
        for sql in queries:
            plan = " | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
            assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), (sql, plan)


def test_data_dir_resolution_order(tmp_path):
    env = {"SIMULATOR_HOME": str(tmp_path / "env"), "HOME": str(tmp_path / "home")}
    assert resolve_data_dir(tmp_path / "cli", env=env, default="/gui").path == tmp_path / "cli"
    chosen = resolve_data_dir(None, env=env, default="/gui")
    assert (chosen.path, chosen.source) == (tmp_path / "env", "environment")
    assert resolve_data_dir(None, env={"HOME": "/h"}, default="/gui").path == Path("/gui")
    fallback = resolve_data_dir(None, env={"HOME": "/h"})
    assert fallback.source == "fallback" and fallback.path == Path("/h/.local/share/service-roleplay-simulator")
    assert fallback.database.name == "progress.db"
    assert resolve_data_dir("~/x", env={}).path == Path("~/x").expanduser()
    assert fallback_data_dir({"HOME": "/h"}, "darwin") == Path("/h/Library/Application Support/"
                                                               "service-roleplay-simulator")


def test_the_store_creates_its_folder_and_reopens(tmp_path, scenario):
    data = tmp_path / "a" / "b"
    with ProgressStore(data) as store:
        play_to_end(store, store.add_trainee("Ana").id, scenario, WOW)
    with ProgressStore(data) as store:
        assert len(store.attempts()) == 1 and store.notices == []
