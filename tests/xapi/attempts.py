"""Starting an attempt with sending on, as most outbox tests need before they look at what was queued."""

from __future__ import annotations

from typing import NamedTuple

from simulator.core.engine import PlaySession
from simulator.core.progress import ProgressStore, Trainee
from simulator.core.model import Scenario
from simulator.core.xapi import config
from simulator.core.xapi.outbox import attach


class Started(NamedTuple):
    trainee: Trainee
    attempt: str
    session: PlaySession


def first_replies(store: ProgressStore, scenario: Scenario, steps: int) -> Started:
    """The recorder attached with the store's saved settings, a new trainee Ana's practice attempt
    begun and its first ``steps`` decisions answered with the first reply, each step recorded."""
    attach(store, config.load(store.data_dir))
    trainee = store.add_trainee("Ana")
    attempt = store.start_attempt(trainee.id, scenario, "practice")
    session = PlaySession(scenario)
    for _ in range(steps):
        store.record_step(attempt, session.choose(0))
    return Started(trainee, attempt, session)
