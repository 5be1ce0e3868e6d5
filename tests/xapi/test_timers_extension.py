"""An attempt played with adjusted time limits says so in every statement's context."""

from __future__ import annotations

from simulator.core.engine import PlaySession
from simulator.core.progress import ProgressStore
from simulator.core.xapi import config as xconfig
from simulator.core.xapi import statements as xs
from simulator.core.xapi.outbox import Outbox, attach

from .conftest import opt_in


def attempt_statements(folder, scenario, timers):
    with ProgressStore(folder) as store:
        attach(store, xconfig.load(folder))
        ana = store.trainee_by_name("Ana") or store.add_trainee("Ana")
        attempt = store.start_attempt(ana.id, scenario, "practice", timers=timers)
        session = PlaySession(scenario)
        while not session.ended and session.available_replies():
            store.record_step(attempt, session.choose(0))
        store.finish_attempt(attempt, session.result())
        with Outbox.of(store) as outbox:
            return [s for s in outbox.statements() if s["context"]["registration"] == attempt]


def test_adjusted_timers_are_a_context_extension_and_as_written_sends_none(tmp_path, luggage):
    opt_in(tmp_path)
    doubled = attempt_statements(tmp_path, luggage, "x2")
    assert doubled and all(s["context"]["extensions"][xs.EXT["timers"]] == "x2" for s in doubled)
    plain = attempt_statements(tmp_path, luggage, "as-written")
    assert plain and all(xs.EXT["timers"] not in s["context"]["extensions"] for s in plain)
