"""A reply click queues its statement in the step's own row; the statement is built when sent, the
same every time, and a version-5 file's statements (kept whole) are still sent as they were queued."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from simulator.core.engine import PlaySession
from simulator.core.headless import play
from simulator.core.progress import ProgressStore
from simulator.core.xapi import config
from simulator.core.xapi import statements as xs
from simulator.core.xapi.client import LrsClient
from simulator.core.xapi.outbox import Outbox, attach, sync

from .attempts import first_replies
from .conftest import opt_in

FIXTURE_V5 = Path(__file__).parents[1] / "progress" / "fixtures" / "progress-v5.sql"


def rows(path, sql, params=()):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def reference(settings, store, attempt_id, number, step, at) -> dict:
    """The statement about ``step`` made straight from the engine's record of it."""
    attempt = store.attempt(attempt_id)
    trainee = store.trainee(attempt.trainee_id)
    ctx = xs.AttemptContext(attempt_id, attempt.scenario_id, attempt.scenario_digest, attempt.mode,
                            xs.Actor(xs.account_name(trainee.id), trainee.name if settings.send_names else ""),
                            attempt.timers)
    choice = None if step.reply is None else step.offered.index(step.reply)
    answer = xs.Answer(xs.statement_id(attempt_id, "answered", number, at), number, xs.Decision.of(step), choice,
                       step.level, step.mood_after, step.breach, step.seconds, at)
    return xs.answered(settings.profile(), ctx, answer)


def test_a_click_queues_its_statement_in_the_steps_row_and_it_is_built_as_the_step_was(tmp_path, luggage, breachy):
    settings = opt_in(tmp_path, send_names=True)
    made = {}
    with ProgressStore(tmp_path) as store:
        attach(store, config.load(tmp_path))
        ana = store.add_trainee("Ana")
        for scenario in (luggage, breachy):
            attempt = store.start_attempt(ana.id, scenario, "practice", timers="x2")
            session = PlaySession(scenario)
            while not session.ended and session.available_replies():
                offered = session.available_replies()  # the breachy one breaches where it can
                pick = next((i for i, r in enumerate(offered) if r.breach), 0) if scenario is breachy else -1
                step = session.choose(pick % len(offered), 2.5)
                number = store.record_step(attempt, step)
                at = store.steps(attempt)[-1].recorded_at
                made[xs.statement_id(attempt, "answered", number, at)] = reference(settings, store, attempt, number,
                                                                                    step, at)
        assert any(s["result"]["extensions"].get(xs.EXT["breach"]) for s in made.values())
    db = tmp_path / "progress.db"
    assert rows(db, "SELECT COUNT(*) FROM steps WHERE xapi_context IS NOT NULL") == [(len(made),)]
    assert rows(db, "SELECT COUNT(*) FROM xapi_outbox WHERE verb = 'answered'") == [(0,)]  # no second row
    with Outbox(db) as outbox:
        def answered():
            return {s["id"]: s for s in outbox.statements() if s["verb"]["id"].endswith("/answered")}

        assert answered() == made and outbox.waiting() == len(made) + 2
        assert [s for _, s in outbox.pending(100)] == outbox.statements()  # moved in, sent as shown
        assert rows(db, "SELECT COUNT(*) FROM xapi_outbox WHERE verb = 'answered' AND statement IS NULL AND id IS NOT "
                        "NULL") == [(len(made),)]
        assert answered() == made and outbox.waiting() == len(made) + 2
    assert xs.all_problems(made.values()) == []


def test_what_waits_is_the_same_on_every_resend_whatever_the_settings_became(tmp_path, luggage, stub_lrs):
    opt_in(tmp_path, stub_lrs.url)
    play(luggage, "wow", "Ana", tmp_path)
    with Outbox(tmp_path / "progress.db") as outbox:
        first = outbox.pending(100)
    opt_in(tmp_path, stub_lrs.url, send_names=True, language="de")  # the organisation changes its settings
    stub_lrs.status_all = 503
    with Outbox(tmp_path / "progress.db") as outbox:
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == 0
        assert outbox.pending(100) == first
        stub_lrs.status_all = None
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == len(first)
        assert outbox.statements() == [s for _, s in first]
    assert [s for batch in stub_lrs.received for s in batch] == [s for _, s in first]


def test_a_first_click_rolled_back_leaves_nothing_half_remembered(tmp_path, luggage):
    """The decision and the attempt's context are written with the first click that needs them; when
    that click is rolled back, the next one writes them again."""
    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        attach(store, config.load(tmp_path))
        ana = store.add_trainee("Ana")
        attempt = store.start_attempt(ana.id, luggage, "practice")

        def broken(db, event):
            raise RuntimeError("disk full halfway")

        store.add_listener(broken)
        step = PlaySession(luggage).choose(0)
        with pytest.raises(RuntimeError):
            store.record_step(attempt, step)
        store.remove_listener(broken)
        store.record_step(attempt, step)
    assert rows(tmp_path / "progress.db", "SELECT COUNT(*) FROM xapi_decisions") == [(1,)]
    with Outbox(tmp_path / "progress.db") as outbox:
        assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in outbox.statements()] == ["attempted", "answered"]
        assert outbox.status().last_error == ""


def test_erasing_the_trainee_whose_statements_were_sent_last_sends_their_voiding(tmp_path, luggage, stub_lrs):
    """Deleting the last rows of the outbox must not hide the rows queued after them from the sender."""
    opt_in(tmp_path, stub_lrs.url)
    kept = play(luggage, "wow", "Fay", tmp_path)
    erased = play(luggage, "low", "Eve", tmp_path)
    with Outbox(tmp_path / "progress.db") as outbox:
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == kept.queued + erased.queued
    sent = set(stub_lrs.ids)
    with ProgressStore(tmp_path) as store:
        attach(store, config.load(tmp_path))
        store.remove_trainee(erased.trainee_id)
    assert rows(tmp_path / "progress.db", "SELECT COUNT(*) FROM xapi_contexts WHERE attempt_id IN (?, ?)",
                (erased.attempt_id, kept.attempt_id)) == [(1,)]  # the erased trainee's context is gone
    with Outbox(tmp_path / "progress.db") as outbox:
        assert outbox.waiting() == erased.queued
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == erased.queued
        assert outbox.waiting() == 0
    voids = stub_lrs.received[-1]
    assert {v["object"]["id"] for v in voids} <= sent and len(voids) == erased.queued


def test_a_sent_step_taken_back_keeps_the_statement_sent_and_voids_it(tmp_path, luggage, stub_lrs):
    opt_in(tmp_path, stub_lrs.url)
    with ProgressStore(tmp_path) as store:
        attempt = first_replies(store, luggage, 2).attempt
        with Outbox.of(store) as outbox:
            assert sync(outbox, LrsClient(stub_lrs.url)).sent == 3
            shown = outbox.statements()
        store.remove_last_step(attempt)
        store.remove_last_step(attempt)
        with Outbox.of(store) as outbox:
            after = outbox.statements()
            assert after[:3] == shown  # as sent, though their steps are gone
            assert [s["object"]["id"] for s in after[3:]] == [shown[2]["id"], shown[1]["id"]]
            assert sync(outbox, LrsClient(stub_lrs.url)).sent == 2


# -- a version-5 file -------------------------------------------------------------------------

@pytest.fixture
def version_5(tmp_path):
    """The version-5 fixture opened (and so migrated) with sending on, and its backup's outbox."""
    opt_in(tmp_path)
    db = sqlite3.connect(tmp_path / "progress.db")
    db.executescript(FIXTURE_V5.read_text(encoding="utf-8"))
    db.close()
    with ProgressStore(tmp_path) as store:
        [notice] = store.notices
    assert notice.kind == "migrated" and notice.path.name.startswith("progress.db.v5-backup-")
    assert rows(notice.path, "PRAGMA user_version") == [(5,)]
    queued = rows(notice.path, "SELECT seq, id, statement, sent_at, refused_status FROM xapi_outbox ORDER BY seq")
    ProgressStore(tmp_path / "fresh").close()
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    assert rows(tmp_path / "progress.db", schema) == rows(tmp_path / "fresh" / "progress.db", schema)
    return tmp_path, queued


def test_a_version_5_outbox_is_sent_unchanged_after_the_update(version_5, stub_lrs):
    data_dir, queued = version_5
    waiting = [json.loads(r[2]) for r in queued if r[3] is None and r[4] is None]
    refused = [json.loads(r[2]) for r in queued if r[4] is not None]
    assert len(waiting) == 5 and len(refused) == 1
    with Outbox(data_dir / "progress.db") as outbox:
        assert outbox.statements() == [json.loads(r[2]) for r in queued]
        status = outbox.status()
        assert (status.sent, status.pending, [r.id for r in status.refused]) == (7, 5, [refused[0]["id"]])
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == 5
        assert outbox.retry_refused() == 1
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == 1
        assert outbox.waiting() == 0
    assert stub_lrs.received == [waiting, refused]


def test_the_statements_version_5_made_are_the_ones_now_built_from_the_step(version_5):
    """Each answered statement version 5 kept whole, built again from its step as the compact row
    keeps it (the decision and the mood as the statement shows them): the same statement and id."""
    data_dir, queued = version_5
    settings = config.load(data_dir)
    with ProgressStore(data_dir) as store:
        checked = 0
        for _, sid, text, _, _ in queued:
            old = json.loads(text)
            if not old["verb"]["id"].endswith("/answered"):
                continue
            attempt = store.attempt(old["context"]["registration"])
            step = next(s for s in store.steps(attempt.id)
                        if xs.statement_id(attempt.id, "answered", s.number, s.recorded_at) == sid)
            definition, result = old["object"]["definition"], old["result"]
            decision = xs.Decision(old["object"]["id"].rsplit("/", 1)[-1], definition["description"]["en"],
                                   tuple((c["id"], c["description"]["en"],
                                          2 if c["id"] in definition["correctResponsesPattern"] else 1)
                                         for c in definition["choices"]))
            choice = [c[0] for c in decision.choices].index(result["response"]) if result["response"] else None
            ctx = xs.AttemptContext(attempt.id, attempt.scenario_id, attempt.scenario_digest, attempt.mode,
                                    xs.Actor(xs.account_name(attempt.trainee_id)), attempt.timers)
            answer = xs.Answer(sid, step.number, decision, choice, step.level,
                               result["extensions"][xs.EXT["mood"]], result["extensions"].get(xs.EXT["breach"], ""),
                               step.seconds, step.recorded_at)
            assert xs.answered(settings.profile(), ctx, answer) == old
            checked += 1
    assert checked == 6


def test_after_the_update_the_open_attempt_goes_on_and_a_step_version_5_sent_is_voided(version_5, luggage,
                                                                                      stub_lrs):
    data_dir, queued = version_5
    opt_in(data_dir, stub_lrs.url)
    with ProgressStore(data_dir) as store:
        attach(store, config.load(data_dir))
        [ana] = [t for t in store.trainees() if t.name == "Ana"]
        [open_attempt] = store.unfinished_attempts(ana.id)
        report = store.resume_session(open_attempt.id, luggage)
        attempt = store.rebase_attempt(open_attempt.id, report.applied, luggage.digest)
        with Outbox.of(store) as outbox:
            assert sync(outbox, LrsClient(stub_lrs.url)).sent == 6  # version 5's five and the resume
        second = [json.loads(r[2]) for r in queued if json.loads(r[2])["context"].get("registration") == attempt][-1]
        assert second["verb"]["id"].endswith("/answered") and store.remove_last_step(attempt)
        store.record_step(attempt, store.resume_session(attempt, luggage).session.choose(1))
        with Outbox.of(store) as outbox:
            assert sync(outbox, LrsClient(stub_lrs.url)).sent == 2
    void, answered = stub_lrs.received[-1]
    assert void["verb"]["id"].endswith("/voided") and void["object"]["id"] == second["id"]
    assert answered["verb"]["id"].endswith("/answered") and answered["id"] != second["id"]
    assert xs.all_problems([void, answered]) == []


def test_a_step_taken_back_after_it_was_moved_into_the_outbox_is_withdrawn_and_its_successor_queued(tmp_path,
                                                                                                   luggage):
    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        _, attempt, session = first_replies(store, luggage, 2)
        with Outbox.of(store) as outbox:
            assert len(outbox.pending(100)) == 3  # the sender moved both steps in, then could not send
        store.remove_last_step(attempt)
        session.undo()
        store.record_step(attempt, session.choose(1))
        with Outbox.of(store) as outbox:
            queued = outbox.statements()
            assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in queued] == ["attempted", "answered", "answered"]
            assert queued[2]["result"]["response"] == session.steps[-1].reply.id
            assert [s for _, s in outbox.pending(100)] == queued


def test_settings_changed_during_an_attempt_apply_to_the_steps_after(tmp_path, luggage):
    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        recorder = attach(store, config.load(tmp_path))
        attempt = store.start_attempt(store.add_trainee("Ana").id, luggage, "practice")
        session = PlaySession(luggage)
        store.record_step(attempt, session.choose(0))
        store.remove_listener(recorder)
        opt_in(tmp_path, language="de", send_names=True)
        attach(store, config.load(tmp_path))
        store.record_step(attempt, session.choose(0))
        store.finish_attempt(attempt, session.result())
    with Outbox(tmp_path / "progress.db") as outbox:
        queued = outbox.statements()
    said = [(s["verb"]["id"].rsplit("/", 1)[-1], s["context"]["language"], s["actor"].get("name")) for s in queued]
    assert said[:4] == [("attempted", "en", None), ("answered", "en", None), ("answered", "de", "Ana"),
                        ("completed", "de", "Ana")]
    assert said[4][1:] == ("de", "Ana") and len(said) == 5


def test_an_import_that_carries_an_open_attempt_further_keeps_what_its_steps_queued(tmp_path, luggage):
    from simulator.core.progress import export_trainee_json, import_trainee_json

    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        ana, attempt, session = first_replies(store, luggage, 1)
        with Outbox.of(store) as outbox:
            before = outbox.statements()
        data = export_trainee_json(store, ana.id)  # the same history, played one step further elsewhere
        [exported] = data["attempts"]
        step = session.choose(0)
        exported["steps"].append({**exported["steps"][0], "number": 2, "node": step.node, "reply": step.reply.id,
                                  "say": step.reply.say, "level": step.level.value})
        assert import_trainee_json(store, data).updated == 1
        assert len(store.steps(attempt)) == 2
        with Outbox.of(store) as outbox:
            assert outbox.statements() == before
