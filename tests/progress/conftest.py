"""Shared fixtures for the progress store tests (plain pytest, no Qt)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from simulator.core.engine import PlaySession
from simulator.core.loader import ScenarioLoader
from simulator.core.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_PATH = ROOT / "docs" / "examples" / "lost-luggage.yaml"
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def scenario():
    result = ScenarioLoader().load(SCENARIO_PATH)
    assert result.scenario is not None, result.diagnostics
    return result.scenario


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "data") as s:
        yield s


def play(store, attempt_id, scenario, picks, seconds=2.0, now=None):
    """Play replies by position (0-based among those available), recording each step; returns the session."""
    session = PlaySession(scenario)
    for pick in picks:
        store.record_step(attempt_id, session.choose(pick, seconds), now=now)
    return session


# Reply positions that reach each ending of lost-luggage.yaml.
WOW, STANDARD, LOW = [2, 0], [1, 0], [0, 1]


def play_to_end(store, trainee_id, scenario, picks, mode="practice", now=T0):
    """A whole attempt, recorded step by step and finished; returns (attempt_id, session)."""
    attempt = store.start_attempt(trainee_id, scenario, mode, now=now)
    session = play(store, attempt, scenario, picks, now=now)
    assert session.ended
    store.finish_attempt(attempt, session.result(), now=now)
    return attempt, session
