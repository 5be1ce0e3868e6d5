"""Every statement we emit keeps the xAPI 1.0.3 rules we rely on, and has the documented shape."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

import pytest

from simulator.core.engine import PlaySession
from simulator.core.headless import play
from simulator.core.levels import Level
from simulator.core.progress import ProgressStore
from simulator.core.xapi import statements as xs
from simulator.core.xapi.config import LrsSettings
from simulator.core.xapi.outbox import Outbox

from .attempts import first_replies
from .conftest import HOME_PAGE, opt_in

ADL = "http://adlnet.gov/expapi/verbs/"


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]


def outbox_of(data_dir):
    with Outbox(data_dir / "progress.db") as outbox:
        return outbox.statements()


@pytest.mark.parametrize("pick", ["wow", "standard", "low", "first"])
def test_a_whole_attempt_keeps_the_rules_and_the_shape(tmp_path, luggage, pick):
    opt_in(tmp_path)
    played = play(luggage, pick, "Ana", tmp_path)
    statements = outbox_of(tmp_path)
    assert xs.all_problems(statements) == []
    decisions = len(played.steps)
    assert verbs(statements) == ["attempted"] + ["answered"] * decisions + ["completed",
                                                                         "passed" if played.level != "low" else "failed"]
    assert {s["context"]["registration"] for s in statements} == {played.attempt_id}
    assert len({s["id"] for s in statements}) == len(statements)
    scenario_iri = "https://training.example.org/scenarios/lost-luggage"
    start = statements[0]
    assert start["object"]["id"] == scenario_iri
    assert start["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/simulation"
    ext = start["context"]["extensions"]
    assert ext[xs.EXT["scenario-digest"]] == luggage.digest and ext[xs.EXT["mode"]] == "practice"
    assert ext[xs.EXT["app-version"]]
    for statement, step in zip(statements[1:-2], played.steps):
        definition = statement["object"]["definition"]
        assert definition["interactionType"] == "choice"
        assert statement["context"]["contextActivities"]["parent"] == [{"objectType": "Activity",
                                                                        "id": scenario_iri}]
        ids = [c["id"] for c in definition["choices"]]
        assert statement["result"]["response"] == step["reply"] and step["reply"] in ids
        wow = definition["correctResponsesPattern"]
        assert statement["result"]["success"] == (step["reply"] in wow and step["level"] == "wow")
        assert statement["result"]["extensions"][xs.EXT["level"]] == step["level"]
        assert statement["result"]["extensions"][xs.EXT["mood"]] == step["mood"]
        assert statement["result"]["score"]["raw"] == Level(step["level"]).rank
    completed = statements[-2]
    assert completed["result"]["score"]["scaled"] == played.score / 100
    assert completed["result"]["extensions"][xs.EXT["level"]] == played.level
    assert completed["result"]["duration"].startswith("PT")
    # The actor is a pseudonymous account, never the display name or an e-mail.
    for statement in statements:
        assert statement["actor"] == {"objectType": "Agent", "account": {
            "homePage": HOME_PAGE, "name": str(uuid.UUID(played.trainee_id))}}
        assert "Ana" not in json.dumps(statement["actor"])


def test_a_breach_fails_the_attempt_and_names_the_rule(tmp_path, breachy):
    opt_in(tmp_path)
    # Try every first reply until one breaches: the breach must fail the attempt, whatever the mood.
    found = False
    for n in range(1, 4):
        folder = tmp_path / str(n)
        opt_in(folder)
        try:
            played = play(breachy, [n] * 40, "Ben", folder)
        except Exception:
            continue
        statements = outbox_of(folder)
        assert xs.all_problems(statements) == []
        breached = [s for s in statements if xs.EXT["breach"] in s.get("result", {}).get("extensions", {})]
        if breached:
            found = True
            assert verbs(statements)[-1] == "failed" and "passed" not in verbs(statements)
            final = statements[-1]["result"]["extensions"]
            assert final[xs.EXT["compliance"]] == "failed" and final[xs.EXT["breaches"]]
            assert played.compliance == "failed" and final[xs.EXT["breaches"]] == played.breaches
    assert found, "no path through the first replies breaches a rule"


def test_abandoned_and_resumed_attempts_and_a_step_taken_back(tmp_path, luggage):
    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        ana, first, _ = first_replies(store, luggage, 2)
        store.remove_last_step(first)  # not sent yet: withdrawn from the outbox
        store.abandon_attempt(first)
        second = store.start_attempt(ana.id, luggage, "assessment")
        store.record_step(second, PlaySession(luggage).choose(1))
        store.rebase_attempt(second, 1, luggage.digest)  # resumed on the same file
    statements = outbox_of(tmp_path)
    assert xs.all_problems(statements) == []
    assert verbs(statements) == ["attempted", "answered", "exited", "attempted", "answered", "resumed"]
    assert statements[-1]["context"]["extensions"][xs.EXT["mode"]] == "assessment"


def test_statement_ids_are_fixed_by_the_attempt_and_step_and_timestamps_are_utc():
    at = datetime(2026, 3, 1, 10, 0, 0, 123000, tzinfo=timezone.utc)
    attempt = str(uuid.uuid4())
    assert xs.statement_id(attempt, "answered", 2, at) == xs.statement_id(attempt, "answered", 2, at)
    assert xs.statement_id(attempt, "answered", 2, at) != xs.statement_id(attempt, "answered", 3, at)
    assert uuid.UUID(xs.statement_id(attempt, "answered", 2, at)).version == 5
    assert xs.timestamp(at) == "2026-03-01T10:00:00.123Z"
    assert xs.duration(65.25) == "PT1M5.25S" and xs.duration(0) == "PT0S" and xs.duration(3600) == "PT1H0S"


def test_the_rule_check_catches_what_we_rely_on():
    """The checker itself must fail on broken statements, or the tests above prove nothing."""
    profile = xs.Profile("https://example.org/s/", HOME_PAGE, "en", "1")
    ctx = xs.AttemptContext(str(uuid.uuid4()), "x", "d", "practice", xs.Actor(str(uuid.uuid4())))
    good = xs.exited(profile, ctx, datetime.now(timezone.utc))
    assert xs.problems(good) == []
    broken = [
        dict(good, id="not-a-uuid"),
        dict(good, timestamp="2026-03-01 10:00"),
        dict(good, verb={"id": "http://example.org/verbs/did", "display": {"en-US": "did"}}),
        dict(good, verb={"id": ADL + "exited", "display": {"not a tag": "x"}}),
        dict(good, object={"objectType": "Activity", "id": "relative/path"}),
        dict(good, result={"score": {"scaled": 1.5}}),
        dict(good, result={"score": {"raw": 7, "min": 0, "max": 2}}),
        dict(good, actor={"objectType": "Agent", "mbox": "mailto:ana@example.org"}),
        dict(good, result={"duration": "12 seconds"}),
    ]
    for statement in broken:
        assert xs.problems(statement), statement


def test_nothing_is_queued_until_the_organisation_opts_in(tmp_path, luggage):
    play(luggage, "wow", "Ana", tmp_path)
    assert outbox_of(tmp_path) == []
    assert not LrsSettings(endpoint="http://x", home_page=HOME_PAGE).ready
