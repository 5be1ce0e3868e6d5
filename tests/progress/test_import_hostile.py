"""Importing a damaged, hand-edited or hostile export raises ExchangeError and nothing else, and
writes nothing from that file."""

from __future__ import annotations

import copy
import io
import json
import sqlite3
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.progress import ExchangeError, ProgressStore, clean_name, export_trainee_json, import_trainee_json

from .conftest import LOW, T0, WOW, play, play_to_end


@pytest.fixture(scope="module")
def export(tmp_path_factory, scenario):
    """A real export: two finished attempts and an open one with a step."""
    with ProgressStore(tmp_path_factory.mktemp("ana")) as store:
        ana = store.add_trainee("Ana")
        play_to_end(store, ana.id, scenario, WOW, now=T0)
        play_to_end(store, ana.id, scenario, LOW, "assessment", now=T0 + timedelta(days=1))
        attempt = store.start_attempt(ana.id, scenario, "practice", now=T0 + timedelta(days=2))
        play(store, attempt, scenario, [1], now=T0 + timedelta(days=2))
        data = export_trainee_json(store, ana.id, now=T0)
    assert [a["status"] for a in data["attempts"]] == ["finished", "finished", "open"]
    return data


@pytest.fixture
def trainer(tmp_path):
    with ProgressStore(tmp_path / "trainer") as store:
        yield store


def _refused(store, source, why=""):
    with pytest.raises(ExchangeError) as caught:
        import_trainee_json(store, source)
    assert type(caught.value) is ExchangeError
    assert why.lower() in str(caught.value).lower()
    assert store.trainees() == [] and store.attempts() == []
    return str(caught.value)


def _edited(export, change):
    data = copy.deepcopy(export)
    change(data)
    return data


def _set(*path_and_value):
    *path, key, value = path_and_value

    def change(data):
        target = data
        for part in path:
            target = target[part]
        target[key] = value
    return change


@pytest.mark.parametrize("change, why", [
    (_set("attempts", 0, "started_at", "yesterday at noon"), "attempt 1 has a started time"),
    (_set("attempts", 0, "finished_at", "2024-13-45T99:00:00"), "attempt 1 has a finished time"),
    (_set("trainee", "created_at", "01/03/2024"), "the trainee has a created time"),
    (_set("attempts", 0, "steps", 0, "recorded_at", 1709283600), "step 1"),
    (_set("attempts", 0, "started_at", "0001-01-01T00:00:00+14:00"), "attempt 1 has a started time"),
    (_set("attempts", 1, "finished_at", "9999-12-31T23:59:59-14:00"), "attempt 2 has a finished time"),
    (_set("attempts", 0, "finished_at", 0), "attempt 1 has a finished time"),
    (_set("attempts", 0, "score", 2 ** 70), "score"),
    (_set("attempts", 0, "steps", 0, "number", 2 ** 70), "number"),
    (_set("attempts", 0, "skills", [{"skill": "empathy", "shown": 2 ** 70, "missed": 0}]), "shown"),
    (_set("attempts", 0, "duration", float("inf")), "duration"),
    (_set("attempts", 0, "steps", 0, "seconds", float("nan")), "seconds"),
    (_set("attempts", 0, "steps", 0, "say", "\ud800 lone surrogate"), "not valid unicode"),
    (_set("attempts", 0, "score", True), "score"),
    (_set("attempts", 0, "compliance_passed", "yes"), "compliance passed"),
    (_set("attempts", 0, "breaches", "rule-1"), "breaches"),
    (_set("attempts", 0, "result", [1, 2]), "result"),
    (_set("version", 2 ** 70), "format version"),
    (lambda d: d["attempts"].append(copy.deepcopy(d["attempts"][0])), "same id as an earlier one"),
    (lambda d: d["attempts"][0]["steps"].append(copy.deepcopy(d["attempts"][0]["steps"][0])), "two steps numbered"),
    (lambda d: d["attempts"][0]["skills"].append(copy.deepcopy(d["attempts"][0]["skills"][0])), "twice"),
], ids=["words", "impossible-date", "trainee-time", "number-as-time", "underflow-after-zone", "overflow-after-zone",
        "finished-at-zero", "huge-score", "huge-step-number", "huge-tally", "infinity", "nan", "surrogate",
        "bool-score", "string-flag", "breaches-string", "result-list", "huge-version", "duplicate-attempt",
        "duplicate-step", "duplicate-skill"])
def test_each_kind_of_bad_value_is_an_exchange_error_naming_it(export, trainer, tmp_path, change, why):
    data = _edited(export, change)
    _refused(trainer, data, why)
    path = tmp_path / "bad.json"  # the same through a file, as the Import menu reads it
    try:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except UnicodeEncodeError:
        path.write_text(json.dumps(data), encoding="utf-8")
    assert str(path) in _refused(trainer, path, why)


def test_json_nested_fifty_thousand_deep_is_an_exchange_error(trainer, tmp_path, export):
    path = tmp_path / "deep.json"
    path.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    assert "nested too deeply" in _refused(trainer, path)
    deep: list = []
    for _ in range(50_000):
        deep = [deep]
    _refused(trainer, _edited(export, _set("attempts", 0, "result", {"deep": deep})), "nested too deeply")


def test_a_good_export_still_imports_after_a_refused_one(trainer, export):
    _refused(trainer, _edited(export, _set("attempts", 2, "started_at", "soon")))
    report = import_trainee_json(trainer, copy.deepcopy(export))
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)


@pytest.mark.parametrize("raw, shown", [
    ("\u202eanA", "anA"),  # right-to-left override: would show reversed
    ("Ana\u2066\u2069 \u200bBell", "Ana Bell"),
    ("Ana\nSigned in as the trainer", "Ana Signed in as the trainer"),
    ("\x1b[31mAna\x00\x07", "[31mAna"),
    ("Ana\u2028Bell\u2029", "Ana Bell"),
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),  # ZWNJ kept
])
def test_names_lose_control_and_direction_characters_by_one_rule(trainer, export, raw, shown):
    assert clean_name(raw) == shown
    report = import_trainee_json(trainer, _edited(export, _set("trainee", "name", raw)))
    assert report.trainee_name == shown and trainer.trainee(report.trainee_id).name == shown
    local = trainer.add_trainee("x" + raw)
    assert local.name == clean_name("x" + raw) and trainer.trainee(local.id).name == local.name
    trainer.rename_trainee(local.id, raw + " 2")
    assert trainer.trainee(local.id).name == shown + " 2"


def test_a_name_of_only_invisible_characters_is_refused_when_typed(trainer):
    with pytest.raises(Exception, match="type a name"):
        trainer.add_trainee("\u202e\u200b\x00")
    assert trainer.trainees() == []


# -- any mutation of a real export ----------------------------------------------------------------

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2 ** 62, max_value=2 ** 80),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2024-02-30T00:00:00",
                     "2024-03-01T09:00:00+00:00", "wow", "WOW", "finished", "open", "practice", "", "\ud800"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value, prefix=()):
    """Every place in a JSON tree, as a path of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


@st.composite
def mutated(draw, export):
    data = copy.deepcopy(export)
    for _ in range(draw(st.integers(1, 4))):
        places = [p for p in _paths(data) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        how = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if how == "delete":
            del parent[path[-1]]
        elif how == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(HOSTILE)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutated_export_raises_only_exchange_errors(export, trainer, data):
    edited = data.draw(mutated(export))
    as_text = data.draw(st.booleans())
    try:
        source = io.StringIO(json.dumps(edited)) if as_text else edited
    except (ValueError, RecursionError):
        return
    before = trainer.attempts()
    try:
        import_trainee_json(trainer, source)
    except ExchangeError:
        assert trainer.attempts() == before  # a refused file writes nothing
    db = sqlite3.connect(trainer.path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
