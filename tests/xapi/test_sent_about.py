"""A trainee sees what is sent about them: exactly the statements the LRS receives (checked against
Ralph), only theirs, with their state (sent, withdrawn, waiting, refused), named as the statements
name them, in plain words that no odd statement can break."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import example, given, settings, strategies as st

from simulator.cli import main
from simulator.core.engine import PlaySession
from simulator.core.headless import play
from simulator.core.progress import ProgressStore
from simulator.core.xapi import config
from simulator.core.xapi.client import LrsClient
from simulator.core.xapi.outbox import Outbox, attach, sync
from simulator.core.xapi.sent_about import describe, sent_about
from simulator.core.xapi.statements import verb_name

from .attempts import first_replies
from .conftest import HOME_PAGE, KEY, SECRET, opt_in


def _view(data_dir, trainee_id: str, name: str = "Ann"):
    with Outbox(data_dir / "progress.db") as outbox:
        rows = outbox.about(trainee_id)
    return sent_about(rows, trainee_id, name, config.load(data_dir))


def _send(data_dir, url: str):
    with Outbox(data_dir / "progress.db") as outbox:
        return sync(outbox, LrsClient(url, KEY, SECRET))


def test_what_a_trainee_is_shown_is_what_the_lrs_holds_about_them_and_nobody_else(tmp_path, live_ralph, luggage):
    opt_in(tmp_path, live_ralph.url)
    first = play(luggage, "wow", "Ann", tmp_path)
    other = play(luggage, "low", "Bob", tmp_path)
    second = play(luggage, "standard", "Ann", tmp_path)

    waiting = _view(tmp_path, first.trainee_id)
    assert [item.state for item in waiting.items] == ["waiting"] * (first.queued + second.queued)
    assert waiting.counts() == f"Sent: 0. Waiting: {first.queued + second.queued}."
    assert [a.attempt_id for a in waiting.attempts] == [first.attempt_id, second.attempt_id]  # never Bob's

    assert _send(tmp_path, live_ralph.url).sent == first.queued + other.queued + second.queued
    sent = _view(tmp_path, first.trainee_id)
    assert {item.state for item in sent.items} == {"sent"}
    [identity] = sent.identities
    agent = {"objectType": "Agent", "account": {"homePage": identity.home_page, "name": identity.account}}
    held = live_ralph.statements(agent=json.dumps(agent))  # all the LRS has about this account
    shown = {item.statement["id"]: item.statement for item in sent.items}
    assert set(shown) == {s["id"] for s in held}
    for statement in held:  # the LRS adds its own fields (stored, authority, version): ours are all there
        mine = shown[statement["id"]]
        assert {key: statement[key] for key in mine} == mine
    assert identity.home_page == HOME_PAGE and identity.name == ""
    assert sent.identity() == f"You are sent as the account {identity.account} on {HOME_PAGE}, not by your name; " \
                              "never by e-mail address."


def test_a_refused_statement_and_a_reply_not_yet_moved_into_the_outbox_are_shown_with_their_state(
        tmp_path, stub_lrs, luggage):
    opt_in(tmp_path, stub_lrs.url)
    done = play(luggage, "wow", "Ann", tmp_path)
    stub_lrs.refuse = {"/verbs/passed"}
    report = _send(tmp_path, stub_lrs.url)
    assert report.sent == done.queued - 1 and len(report.refused) == 1
    with ProgressStore(tmp_path) as store:  # an attempt under way: one reply queued with its step
        attach(store, config.load(tmp_path))
        attempt = store.start_attempt(done.trainee_id, luggage, "practice")
        store.record_step(attempt, PlaySession(luggage).choose(0))
    view = _view(tmp_path, done.trainee_id)
    states = [(item.state, item.statement["verb"]["id"].rsplit("/", 1)[-1]) for item in view.items]
    assert states[done.queued - 1] == ("refused", "passed")
    assert states[done.queued:] == [("waiting", "attempted"), ("waiting", "answered")]
    assert [(a.attempt_id, a.state_words) for a in view.attempts] == [(done.attempt_id, "1 refused"),
                                                                        (attempt, "2 waiting")]
    with Outbox(tmp_path / "progress.db") as outbox:  # the reply shown is the one that will be sent
        due = [s for _, s in outbox.pending(100)]
    assert [s["id"] for s in due] == [item.statement["id"] for item in view.items[done.queued:]]
    assert due[-1] == view.items[-1].statement
    assert view.counts() == f"Sent: {done.queued - 1}. Waiting: 2. Refused by the LRS and kept here: 1."
    saved = tmp_path / "copy.json"
    view.save(saved)
    copy = json.loads(saved.read_text(encoding="utf-8"))
    assert copy["accounts"] == [{"homePage": HOME_PAGE, "name": view.identities[0].account}]
    assert [(s["state"], s["statement"]) for s in copy["statements"]] == [(i.state, i.statement) for i in view.items]


def test_a_reply_taken_back_after_it_was_sent_shows_as_withdrawn_and_the_voiding_names_it(tmp_path, stub_lrs,
                                                                                          luggage):
    opt_in(tmp_path, stub_lrs.url)
    with ProgressStore(tmp_path) as store:
        ana, attempt, session = first_replies(store, luggage, 1)
        assert _send(tmp_path, stub_lrs.url).sent == 2
        assert store.remove_last_step(attempt)
    items = _view(tmp_path, ana.id, "Ana").items
    assert [item.state for item in items] == ["sent", "withdrawn", "waiting"]
    assert items[1].state_words == "Sent, then withdrawn"
    assert items[2].statement["object"]["id"] == items[1].statement["id"]
    assert items[2].what == f"Withdrew the earlier statement “{items[1].what}”"


def test_each_statement_is_told_in_plain_words(tmp_path, luggage, breachy):
    opt_in(tmp_path)
    played = play(luggage, "wow", "Ann", tmp_path)
    view = _view(tmp_path, played.trainee_id)
    words = [item.what for item in view.items]
    assert words[0] == "Started the scenario (practice)"
    replies = {r.id: r.say for node in luggage.nodes.values() for r in getattr(node, "replies", ())}
    assert words[1:-2] == [f"Decision {step['node']}: replied “{replies[step['reply']]}”, WOW" for step in played.steps]
    assert words[-2:] == ["Finished: WOW, score 100 of 100, compliance passed", "Passed"]
    assert [a.scenario for a in view.attempts] == [luggage.title]

    broke = play(breachy, [1, 2, 1], "Bob", tmp_path)  # no original ID: a rule broken at decision 2
    told = [item.what for item in _view(tmp_path, broke.trainee_id, "Bob").items]
    rule = breachy.nodes["id_check"].replies[1].breach
    assert told[2].endswith(f", Low, broke the rule “{rule}”")
    assert told[-1] == f"Failed (rules broken: {'; '.join(broke.breaches)})"
    timed_out = {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                 "object": {"definition": {"name": {"en": "Decision d"}, "choices": []}},
                 "result": {"response": "", "extensions": {}}}
    assert describe(timed_out) == "Decision d: gave no reply in time, no level"


def test_the_identity_is_the_one_the_statements_carry_whatever_the_settings_became(tmp_path, luggage):
    settings = opt_in(tmp_path, send_names=True)
    played = play(luggage, "wow", "Ann", tmp_path)
    config.save(tmp_path, replace(settings, send_names=False, home_page="https://elsewhere.example.org"))
    view = _view(tmp_path, played.trainee_id)
    [identity] = view.identities
    assert (identity.home_page, identity.name) == (HOME_PAGE, "Ann")
    assert view.identity() == f"You are sent as the account {identity.account} on {HOME_PAGE} with your name " \
                              "“Ann”; never by e-mail address."
    nobody = _view(tmp_path, "no-such-trainee")  # nothing queued: named as the settings would
    assert [(i.home_page, i.name) for i in nobody.identities] == [("https://elsewhere.example.org", "")]


def test_with_sending_off_nothing_is_sent_by_the_app_or_by_sync(tmp_path, luggage, stub_lrs, capsys):
    settings = opt_in(tmp_path, stub_lrs.url)
    played = play(luggage, "wow", "Ann", tmp_path)
    config.save(tmp_path, replace(settings, enabled=False))
    view = _view(tmp_path, played.trainee_id)
    assert view.headline() == (f"Sending to a Learning Record Store is off: the app sends nothing about you. "
                               f"{played.queued} statements queued while it was on wait here, unsent.")
    assert main(["sync", "--data-dir", str(tmp_path)]) == 1
    assert f"nothing was sent, {played.queued} waiting" in capsys.readouterr().err
    assert stub_lrs.received == [] and _view(tmp_path, played.trainee_id).count("waiting") == played.queued
    nobody = _view(tmp_path, "no-such-trainee")
    assert nobody.items == [] and "queued" not in nobody.headline()


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                         st.sampled_from(["id", "verb", "object", "definition", "name", "choices", "result",
                                          "response", "extensions", "context", "registration", "timestamp",
                                          "score", "raw", "description", "actor", "account", "homePage",
                                          "contextActivities", "parent", "type"]), inner, max_size=4),
                     max_leaves=12)


@settings(max_examples=300, deadline=None)
@example(statement={"object": {}}, verb="voided")  # a voiding that names no statement withdraws none
@given(statement=_JSON, verb=st.sampled_from(["attempted", "answered", "completed", "passed", "failed",
                                              "exited", "resumed", "voided", "other"]))
def test_no_statement_of_an_odd_shape_breaks_the_view(statement, verb):
    if isinstance(statement, dict) and statement.get("verb") is None:
        statement = {**statement, "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"}}
    view = sent_about([("sent", "a1", statement), ("waiting", "a1", None)], "t1", "Ann", config.LrsSettings())
    assert [item.state for item in view.items] == ["sent", "kept"]
    assert all(isinstance(item.what, str) and item.what for item in view.items)
    assert isinstance(view.identity(), str) and json.loads(view.to_json())["statements"][0]["state"] == "sent"


def test_the_view_is_read_in_one_snapshot_while_the_sender_moves_steps_into_the_outbox(tmp_path, luggage,
                                                                                      monkeypatch):
    from simulator.core.xapi import outbox as outbox_module

    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        ana, attempt, _ = first_replies(store, luggage, 2)  # two replies queued with their steps, not moved in
    read = outbox_module.stored.statements

    def sender_runs_meanwhile(db, *args, **kwargs):  # the background sender collects between our reads
        with Outbox(tmp_path / "progress.db") as sender:
            assert len(sender.pending(100)) == 3
        return read(db, *args, **kwargs)

    monkeypatch.setattr(outbox_module.stored, "statements", sender_runs_meanwhile)
    with Outbox(tmp_path / "progress.db") as outbox:
        rows = outbox.about(ana.id)
    monkeypatch.undo()
    assert [(state, verb_name(s)) for state, _, s in rows] == [("waiting", "attempted"), ("waiting", "answered"),
                                                               ("waiting", "answered")]
    with Outbox(tmp_path / "progress.db") as outbox:  # read again: the same statements, now in the outbox
        assert [s for _, _, s in outbox.about(ana.id)] == [s for _, _, s in rows]
