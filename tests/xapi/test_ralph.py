"""Against a real LRS (Ralph): a whole attempt arrives with its shape, resends are idempotent,
the LRS going down mid-sync loses nothing, wrong credentials are said plainly."""

from __future__ import annotations

import json
import uuid
from collections import Counter

from simulator.cli import main
from simulator.core.headless import play
from simulator.core.xapi import statements as xs
from simulator.core.xapi.client import LrsClient, LrsUnreachable
from simulator.core.xapi.outbox import Outbox, sync

from .conftest import KEY, SECRET, opt_in


def test_a_whole_attempt_arrives_with_its_shape_and_a_second_sync_sends_nothing(tmp_path, live_ralph, luggage,
                                                                                capsys):
    opt_in(tmp_path, live_ralph.url)
    assert main(["play", "docs/examples/lost-luggage.yaml", "--pick", "wow", "--trainee", "Ana", "--data-dir",
                 str(tmp_path), "--format", "json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    queued = played["queued"]
    assert capsys.readouterr().out.strip() == f"sent {queued}, pending 0"

    arrived = live_ralph.statements(registration=played["attempt_id"])
    assert len(arrived) == queued
    with Outbox(tmp_path / "progress.db") as outbox:
        ours = {s["id"]: s for s in outbox.statements()}
    assert {s["id"] for s in arrived} == set(ours)
    assert xs.all_problems(arrived) == []
    by_verb = Counter(s["verb"]["id"].rsplit("/", 1)[-1] for s in arrived)
    assert by_verb == {"attempted": 1, "answered": len(played["steps"]), "completed": 1, "passed": 1}
    for statement in arrived:
        mine = ours[statement["id"]]
        assert statement["actor"]["account"] == mine["actor"]["account"]
        assert statement["context"]["registration"] == played["attempt_id"]
        assert statement.get("result") == mine.get("result")
        assert statement["object"]["id"] == mine["object"]["id"]
    answered = [s for s in arrived if s["verb"]["id"].endswith("/answered")]
    responses = {s["result"]["response"] for s in answered}
    assert responses == {step["reply"] for step in played["steps"]}

    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "sent 0, pending 0"
    assert len(live_ralph.statements(registration=played["attempt_id"])) == queued


def test_the_lrs_going_down_mid_sync_loses_nothing_and_the_next_sync_has_no_duplicates(tmp_path, live_ralph,
                                                                                       luggage, capsys):
    opt_in(tmp_path, live_ralph.url)
    attempts = [play(luggage, pick, "Ben", tmp_path).attempt_id for pick in ("wow", "low", "standard")]
    with Outbox(tmp_path / "progress.db") as outbox:
        total = outbox.status().pending
        client = LrsClient(live_ralph.url, KEY, SECRET, timeout=5)
        real_post = client.post_statements
        posts = []

        def post_then_go_down(statements):
            posts.append(len(statements))
            answer = real_post(statements)
            if len(posts) == 2:
                live_ralph.stop()  # the LRS goes down right after taking the second batch
            return answer

        client.post_statements = post_then_go_down
        report = sync(outbox, client, batch=4)
        assert report.sent == 8 and report.pending == total - 8 and "did not answer" in report.error
        # A batch the LRS took although we never heard back: resent, and the LRS keeps one copy.
        [(seq, lost_answer)] = outbox.pending(1)
        live_ralph.start()
        assert LrsClient(live_ralph.url, KEY, SECRET).post_statements([lost_answer]).ok
    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == f"sent {total - 8}, pending 0"
    arrived = [s for a in attempts for s in live_ralph.statements(registration=a)]
    ids = [s["id"] for s in arrived]
    assert len(ids) == len(set(ids)) == total


def test_sync_while_the_lrs_is_down_exits_non_zero_and_keeps_everything(tmp_path, live_ralph, luggage, capsys):
    opt_in(tmp_path, live_ralph.url)
    played = play(luggage, "low", "Cleo", tmp_path)
    live_ralph.stop()
    assert main(["sync", "--data-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out.strip() == f"sent 0, pending {played.queued}"
    assert "Nothing was lost" in captured.err and "Traceback" not in captured.err
    live_ralph.start()
    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    assert len(live_ralph.statements(registration=played.attempt_id)) == played.queued


def test_wrong_credentials_are_said_plainly_and_nothing_is_lost(tmp_path, live_ralph, luggage, capsys):
    opt_in(tmp_path, live_ralph.url)
    played = play(luggage, "wow", "Dan", tmp_path)
    assert main(["sync", "--data-dir", str(tmp_path), "--secret", "wrong"]) == 2
    captured = capsys.readouterr()
    assert captured.out.strip() == f"sent 0, pending {played.queued}"
    assert "refused the key and secret" in captured.err
    assert main(["lrs", "check", "--data-dir", str(tmp_path), "--secret", "wrong"]) == 1
    assert "key and secret were refused" in capsys.readouterr().err
    assert main(["lrs", "check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "answers" in out and "key and secret are accepted" in out
    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    assert len(live_ralph.statements(registration=played.attempt_id)) == played.queued


def test_lrs_check_when_nothing_answers(tmp_path, capsys):
    assert main(["lrs", "check", "--lrs", "http://127.0.0.1:9", "--key", "k", "--secret", "s",
                 "--data-dir", str(tmp_path)]) == 2
    assert "cannot be reached" in capsys.readouterr().err


def test_the_client_reads_pages_with_more(live_ralph, tmp_path):
    registration = str(uuid.uuid4())
    profile = xs.Profile("https://training.example.org/scenarios/", "https://training.example.org", "en", "t")
    ctx = xs.AttemptContext(registration, "paging", "d", "practice", xs.Actor(str(uuid.uuid4())))
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    batch = [xs.resumed(profile, ctx, start + timedelta(seconds=n)) for n in range(7)]
    client = LrsClient(live_ralph.url, KEY, SECRET)
    assert client.post_statements(batch).ok
    got = client.all_statements({"registration": registration, "limit": 3})
    assert sorted(s["id"] for s in got) == sorted(s["id"] for s in batch)
    try:
        LrsClient("http://127.0.0.1:9/", timeout=1).about()
    except LrsUnreachable as exc:
        assert "did not answer" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("port 9 answered")


def test_erasing_a_trainee_voids_every_statement_sent_about_them(tmp_path, live_ralph, luggage):
    from simulator.core.progress import ProgressStore
    from simulator.core.xapi import config
    from simulator.core.xapi.outbox import attach

    opt_in(tmp_path, live_ralph.url)
    sent = play(luggage, "standard", "Eve", tmp_path)
    client = LrsClient(live_ralph.url, KEY, SECRET)
    with Outbox(tmp_path / "progress.db") as outbox:
        assert sync(outbox, client).sent == sent.queued
    unsent = play(luggage, "low", "Eve", tmp_path)  # never sent: withdrawn, not voided
    kept = play(luggage, "wow", "Fay", tmp_path)  # someone else: untouched
    with ProgressStore(tmp_path) as store:
        attach(store, config.load(tmp_path))
        store.remove_trainee(sent.trainee_id)
    with Outbox(tmp_path / "progress.db") as outbox:
        left = outbox.statements()
        assert {s["verb"]["id"].rsplit("/", 1)[-1] for s in left if s["actor"]["account"]["name"] ==
                str(uuid.UUID(sent.trainee_id))} == {"voided"}
        assert not [s for s in left if s.get("context", {}).get("registration") == unsent.attempt_id]
        assert len([s for s in left if s.get("context", {}).get("registration") == kept.attempt_id]) == kept.queued
        report = sync(outbox, client)
    assert report.sent == sent.queued + kept.queued and not report.refused
    delivered = {s["id"] for s in live_ralph.statements(registration=sent.attempt_id)}
    everything = live_ralph.statements()
    voids = [s for s in everything if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"]
    assert delivered <= {s["object"]["id"] for s in voids}
    assert xs.all_problems(voids) == []
