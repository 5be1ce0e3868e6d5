"""PlaySession.from_json checks what it restores; to_json writes standard JSON only.

Damaged or tampered session data (wrong types, unknown nodes or replies, impossible numbers)
is a PlayError naming the problem, never a KeyError or TypeError, and never a session in a
state play cannot reach.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.engine import PlayError, PlaySession
from simulator.core.levels import MOOD_MAX, MOOD_MIN
from simulator.core.loader import ScenarioLoader

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scenario():
    result = ScenarioLoader().load(ROOT / "docs" / "examples" / "lost-luggage.yaml")
    assert result.ok
    return result.scenario


@pytest.fixture(scope="module")
def saved(scenario):
    session = PlaySession(scenario)
    session.choose(2, 3.5)
    session.choose(0, 1.25)
    return session.to_json()


def test_a_saved_session_round_trips_through_standard_json(scenario, saved):
    text = json.dumps(saved, allow_nan=False)
    report = PlaySession.from_json(scenario, json.loads(text))
    assert report.complete and report.session.choices == PlaySession.from_json(scenario, saved).session.choices
    first = saved["choices"][0]
    assert first["reply"] == scenario.nodes["arrival"].replies[2].id and first["level"] == "wow"
    assert first["say"] == scenario.nodes["arrival"].replies[2].say


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(mood=50.5), "mood"),
    (lambda d: d.update(mood=True), "mood"),
    (lambda d: d.update(mood=MOOD_MAX + 1), "mood"),
    (lambda d: d.update(mood=MOOD_MIN - 1), "mood"),
    (lambda d: d.update(flags=["ok", 3]), "flags"),
    (lambda d: d.update(flags=["not a name"]), "flags"),
    (lambda d: d.update(flags="pills_sorted"), "flags"),
    (lambda d: d.update(start="nowhere"), "nowhere"),
    (lambda d: d.update(start=7), "starts"),
    (lambda d: d.update(scenario="another-scenario"), "another-scenario"),
    (lambda d: d.update(session_format=99), "format"),
    (lambda d: d.update(choices={"node": "arrival"}), "choices"),
    (lambda d: d["choices"][0].update(seconds=-1), "seconds"),
    (lambda d: d["choices"][0].update(seconds=math.nan), "seconds"),
    (lambda d: d["choices"][0].update(seconds=math.inf), "seconds"),
    (lambda d: d["choices"][0].update(seconds="3"), "seconds"),
    (lambda d: d["choices"][0].update(node=None), "node"),
    (lambda d: d["choices"][0].update(reply=["x"]), "reply"),
    (lambda d: d["choices"][0].update(level="superb"), "level"),
    (lambda d: d["choices"][0].update(say=12), "words"),
    (lambda d: d["choices"][0].update(reply=None, level="wow"), "time-out"),
    (lambda d: d["choices"].append("arrival"), "choice 3"),
    (lambda d: d["choices"].extend([d["choices"][0]] * 50), "more than"),
])
def test_damaged_session_data_is_refused_with_a_message(scenario, saved, change, words):
    data = copy.deepcopy(saved)
    change(data)
    with pytest.raises(PlayError) as caught:
        PlaySession.from_json(scenario, data)
    assert words in str(caught.value)


@pytest.mark.parametrize("change, words", [
    (lambda d: d["choices"][0].update(reply="no-such-reply"), "removed"),
    (lambda d: d["choices"][0].update(node="pills"), "used to reach 'pills'"),
    (lambda d: d["choices"][1].update(say="Words nobody wrote."), "changed"),
    (lambda d: d["choices"][0].update(level="low"), "changed"),
])
def test_on_the_same_file_a_choice_that_does_not_fit_is_tampering(scenario, saved, change, words):
    """Saved on this very file (same digest) every choice must replay: one that does not was altered."""
    data = copy.deepcopy(saved)
    change(data)
    with pytest.raises(PlayError) as caught:
        PlaySession.from_json(scenario, data)
    assert words in str(caught.value) and "does not fit" in str(caught.value)


def test_on_a_changed_file_the_same_data_stops_the_replay_instead(scenario, saved):
    data = copy.deepcopy(saved)
    data["digest"] = "an older version of the file"
    data["choices"][0]["reply"] = "no-such-reply"
    report = PlaySession.from_json(scenario, data)
    assert report.applied == 0 and "has been removed by the author" in report.message


def test_a_session_cannot_start_in_an_impossible_state(scenario):
    for mood in (50.5, True, "50"):
        with pytest.raises(PlayError, match="whole number"):
            PlaySession(scenario, mood=mood)
    for flags in (["ok", 3], ["two words"]):
        with pytest.raises(PlayError, match="flag"):
            PlaySession(scenario, flags=flags)
    assert PlaySession(scenario, mood=200).mood == MOOD_MAX  # a whole number is kept within the scale


def test_play_refuses_impossible_seconds_so_to_json_stays_standard(scenario):
    session = PlaySession(scenario)
    for bad in (math.nan, math.inf, -0.5):
        with pytest.raises(PlayError):
            session.choose(0, bad)
    assert session.steps == []
    session.choose(0, 2)
    json.dumps(session.to_json(), allow_nan=False)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
                     | st.text(max_size=12) | st.sampled_from(["arrival", "pills", "wow", "low", ""]),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4),
                     max_leaves=12)
_KEYS = ["session_format", "scenario", "digest", "start", "mood", "flags", "choices"]
_CHOICE_KEYS = ["node", "reply", "say", "level", "seconds"]


@st.composite
def _mutated(draw, base):
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "choice", "drop", "choices"]))
        if where == "top":
            data[draw(st.sampled_from(_KEYS))] = draw(_JSON)
        elif where == "drop":
            data.pop(draw(st.sampled_from(_KEYS)), None)
        elif where == "choices":
            data["choices"] = draw(st.lists(_JSON, max_size=4))
        elif isinstance(data.get("choices"), list) and data["choices"]:
            i = draw(st.integers(0, len(data["choices"]) - 1))
            if isinstance(data["choices"][i], dict):
                data["choices"][i][draw(st.sampled_from(_CHOICE_KEYS))] = draw(_JSON)
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_session_json_is_restored_validly_or_refused_with_a_play_error(scenario, saved, data):
    mutated = data.draw(_mutated(saved))
    try:
        report = PlaySession.from_json(scenario, mutated)
    except PlayError as exc:
        assert str(exc)
        return
    session = report.session
    assert isinstance(session.mood, int) and MOOD_MIN <= session.mood <= MOOD_MAX
    assert all(isinstance(f, str) for f in session.flags)
    assert session.node.id in scenario.nodes
    for step in session.steps:
        assert math.isfinite(step.seconds) and step.seconds >= 0
        assert step.reply is None or step.reply in scenario.nodes[step.node].replies
    json.dumps(session.to_json(), allow_nan=False)
