"""A trainee sees what is sent about them: exactly the statements the LRS receives (checked against
Ralph), only theirs, with their state (sent, waiting, refused), in plain words."""

from __future__ import annotations

import json

from simulator.core.engine import PlaySession
from simulator.core.headless import play
from simulator.core.progress import ProgressStore
from simulator.core.xapi import config
from simulator.core.xapi.client import LrsClient
from simulator.core.xapi.outbox import Outbox, attach, sync
from simulator.core.xapi.sent_about import describe, sent_about

from .conftest import HOME_PAGE, KEY, SECRET, opt_in


def _view(data_dir, trainee_id: str, name: str = "Ann"):
    with Outbox(data_dir / "progress.db") as outbox:
        rows = outbox.about(trainee_id)
    return sent_about(rows, trainee_id, name, config.load(data_dir))


def test_what_a_trainee_is_shown_is_what_the_lrs_holds_about_them_and_nobody_else(tmp_path, live_ralph, luggage):
    opt_in(tmp_path, live_ralph.url)
    first = play(luggage, "wow", "Ann", tmp_path)
    other = play(luggage, "low", "Bob", tmp_path)
    second = play(luggage, "standard", "Ann", tmp_path)

    waiting = _view(tmp_path, first.trainee_id)
    assert [item.state for item in waiting.items] == ["waiting"] * (first.queued + second.queued)
    assert waiting.counts() == f"Sent: 0. Waiting: {first.queued + second.queued}."
    registrations = {item.statement["context"]["registration"] for item in waiting.items}
    assert registrations == {first.attempt_id, second.attempt_id}  # never Bob's

    with Outbox(tmp_path / "progress.db") as outbox:
        assert sync(outbox, LrsClient(live_ralph.url, KEY, SECRET)).sent == first.queued + other.queued + second.queued
    sent = _view(tmp_path, first.trainee_id)
    assert {item.state for item in sent.items} == {"sent"}
    held = live_ralph.statements(registration=first.attempt_id) + live_ralph.statements(
        registration=second.attempt_id)
    shown = {item.statement["id"]: item.statement for item in sent.items}
    assert set(shown) == {s["id"] for s in held}
    for statement in held:  # the LRS adds its own fields (stored, authority, version): ours are all there
        mine = shown[statement["id"]]
        assert {key: statement[key] for key in mine} == mine
    assert {s["actor"]["account"]["name"] for s in held} == {sent.account}
    assert sent.account in sent.identity() and HOME_PAGE in sent.identity() and "Ann" not in sent.identity()


def test_a_refused_statement_and_a_reply_not_yet_moved_into_the_outbox_are_shown_with_their_state(
        tmp_path, stub_lrs, luggage):
    opt_in(tmp_path, stub_lrs.url)
    done = play(luggage, "wow", "Ann", tmp_path)
    stub_lrs.refuse = {"/verbs/passed"}
    with Outbox(tmp_path / "progress.db") as outbox:
        report = sync(outbox, LrsClient(stub_lrs.url, KEY, SECRET))
    assert report.sent == done.queued - 1 and len(report.refused) == 1
    with ProgressStore(tmp_path) as store:  # an attempt under way: one reply queued with its step
        attach(store, config.load(tmp_path))
        session = PlaySession(luggage)
        attempt = store.start_attempt(done.trainee_id, luggage, "practice")
        store.record_step(attempt, session.choose(0))
    view = _view(tmp_path, done.trainee_id)
    states = [(item.state, item.statement["verb"]["id"].rsplit("/", 1)[-1]) for item in view.items]
    assert states[done.queued - 1] == ("refused", "passed")
    assert states[done.queued:] == [("waiting", "attempted"), ("waiting", "answered")]
    with Outbox(tmp_path / "progress.db") as outbox:  # the reply shown is the one that will be sent
        due = [s for _, s in outbox.pending(100)]
    assert [s["id"] for s in due] == [item.statement["id"] for item in view.items[done.queued:]]
    assert [(a.attempt_id, a.state_words()) for a in view.attempts] == [(done.attempt_id, "1 refused"),
                                                                         (attempt, "2 waiting")]
    assert due[-1] == view.items[-1].statement
    assert view.counts() == f"Sent: {done.queued - 1}. Waiting: 2. Refused by the LRS and kept here: 1."
    saved = tmp_path / "copy.json"
    view.save(saved)
    copy = json.loads(saved.read_text(encoding="utf-8"))
    assert copy["account"] == {"homePage": HOME_PAGE, "name": view.account}
    assert [(s["state"], s["statement"]) for s in copy["statements"]] == [(i.state, i.statement) for i in view.items]


def test_each_statement_is_told_in_plain_words(tmp_path, luggage, breachy):
    opt_in(tmp_path)
    played = play(luggage, "wow", "Ann", tmp_path)
    view = _view(tmp_path, played.trainee_id)
    words = [item.what for item in view.items]
    assert words[0] == "Started the scenario (practice)"
    replies = {r.id: r.say for node in luggage.nodes.values() for r in getattr(node, "replies", ())}
    for item, step in zip(view.items[1:], played.steps):
        assert item.what.startswith(f"Decision {step['node']}: replied “{replies[step['reply']]}”, WOW")
    assert words[-2:] == ["Finished: WOW, score 100 of 100, compliance passed", "Passed"]
    assert [a.scenario for a in view.attempts] == [luggage.title]

    broke = play(breachy, [1, 2, 1], "Bob", tmp_path)  # no original ID: a rule broken
    told = [item.what for item in _view(tmp_path, broke.trainee_id, "Bob").items]
    assert any("broke the rule" in line for line in told)
    assert told[-1].startswith("Failed (rules broken: ")
    timed_out = {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                 "object": {"definition": {"name": {"en": "Decision d"}, "choices": []}},
                 "result": {"response": "", "extensions": {}}}
    assert describe(timed_out) == "Decision d: gave no reply in time, no level"


def test_with_sending_off_the_trainee_is_told_nothing_leaves_the_computer(tmp_path, luggage):
    settings = opt_in(tmp_path)
    played = play(luggage, "wow", "Ann", tmp_path)
    config.save(tmp_path, config.LrsSettings(**{**settings.__dict__, "enabled": False}))
    view = _view(tmp_path, played.trainee_id)
    assert view.headline().startswith("Sending to a Learning Record Store is off: nothing about you leaves")
    assert f"{played.queued} statements queued while it was on wait here" in view.headline()
    nobody = _view(tmp_path, "no-such-trainee")
    assert nobody.items == [] and "queued" not in nobody.headline()
