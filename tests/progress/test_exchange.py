"""CSV and JSON export; importing trainees' exports into a trainer's store, with no duplicates."""

from __future__ import annotations

import csv
import errno
import io
import json
from datetime import timedelta

import pytest

from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader
from simulator.core.progress import (CSV_COLUMNS, ExchangeError, ProgressStore, csv_text, export_csv,
                                     export_trainee_json, import_files, import_trainee_json, write_trainee_json)
from simulator.core.progress import exchange

from .conftest import LOW, ROOT, STANDARD, T0, WOW, play, play_to_end


@pytest.fixture
def ana_store(tmp_path, scenario):
    """Ana's laptop: three finished attempts and one left open after a step."""
    store = ProgressStore(tmp_path / "ana")
    ana = store.add_trainee("Ana")
    play_to_end(store, ana.id, scenario, LOW, now=T0)
    play_to_end(store, ana.id, scenario, STANDARD, "assessment", now=T0 + timedelta(days=1))
    play_to_end(store, ana.id, scenario, WOW, now=T0 + timedelta(days=2))
    open_attempt = store.start_attempt(ana.id, scenario, "practice", now=T0 + timedelta(days=3))
    play(store, open_attempt, scenario, [1], now=T0 + timedelta(days=3))
    yield store, ana, open_attempt
    store.close()


def test_csv_has_one_row_per_attempt_with_the_result(ana_store, tmp_path):
    store, ana, open_attempt = ana_store
    path = tmp_path / "all.csv"
    assert export_csv(store, path) == 4
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["level"] for r in rows] == ["low", "standard", "wow", ""]
    assert [r["mode"] for r in rows] == ["practice", "assessment", "practice", "practice"]
    assert [r["compliance"] for r in rows] == ["passed", "passed", "passed", ""]
    assert rows[0]["trainee"] == "Ana" and rows[0]["scenario"] == "lost-luggage"
    assert rows[0]["started"] == "2024-03-01T09:00:00.000+00:00" and rows[0]["finished"] == rows[0]["started"]
    assert rows[2]["score"] == "100" and rows[2]["duration_seconds"] == "4.0" and rows[2]["steps"] == "2"
    assert rows[3]["attempt_id"] == open_attempt and rows[3]["status"] == "open" and rows[3]["finished"] == ""


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path, scenario):
    with ProgressStore(tmp_path / "d") as store:
        trainee = store.add_trainee('=HYPERLINK("http://x")')
        play_to_end(store, trainee.id, scenario, WOW)
        [row] = list(csv.DictReader(io.StringIO(csv_text(store))))
    assert row["trainee"] == "'=HYPERLINK(\"http://x\")"


def _half_then(error):
    """A writer that gets partway through the file, then fails (a full disk, a crash)."""
    def write(*args, **_kw):
        f = next(a for a in args if hasattr(a, "write"))
        f.write("attempt_id,trainee_id,half a row")
        f.flush()
        raise error
    return write


@pytest.mark.parametrize("export, writer", [
    (lambda store, ana, path: export_csv(store, path), "_write_csv"),
    (lambda store, ana, path: write_trainee_json(store, ana.id, path), "json.dump"),
], ids=["csv", "json"])
@pytest.mark.parametrize("error, raised", [
    (OSError(errno.ENOSPC, "No space left on device"), ExchangeError),
    (RuntimeError("the app crashed"), RuntimeError),
], ids=["disk-full", "crash"])
def test_a_failed_export_leaves_the_previous_file_untouched_and_no_temporary_file(
        ana_store, tmp_path, monkeypatch, export, writer, error, raised):
    store, ana, _ = ana_store
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "class.out"
    previous = "the trainer's previous export\n"
    target.write_text(previous, encoding="utf-8")
    owner, name = (exchange.json, "dump") if writer == "json.dump" else (exchange, writer)
    with monkeypatch.context() as patch:
        patch.setattr(owner, name, _half_then(error))
        with pytest.raises(raised, match="could not be written|crashed"):
            export(store, ana, target)
    assert target.read_text(encoding="utf-8") == previous
    assert [p.name for p in folder.iterdir()] == ["class.out"]
    # Once the cause is gone the export replaces the old file whole, again leaving nothing behind.
    export(store, ana, target)
    assert target.read_text(encoding="utf-8-sig") != previous
    assert [p.name for p in folder.iterdir()] == ["class.out"]


def test_json_round_trip_into_a_trainers_store_without_duplicates(ana_store, tmp_path, scenario):
    store, ana, open_attempt = ana_store
    export = write_trainee_json(store, ana.id, tmp_path / "ana.json")
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["format"] == "service-roleplay-simulator/progress" and len(data["attempts"]) == 4
    assert data["attempts"][2]["result"]["level"] == "wow"

    with ProgressStore(tmp_path / "trainer") as trainer:
        first = import_trainee_json(trainer, export)
        assert (first.added, first.updated, first.unchanged) == (4, 0, 0)
        second = import_trainee_json(trainer, export)  # the same file again
        assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
        assert len(trainer.attempts()) == 4
        assert [t.origin for t in trainer.trainees()] == ["imported"]

        # Everything came across: attempts, steps, results, skills, progress and the review schedule.
        assert export_trainee_json(trainer, ana.id)["attempts"] == data["attempts"]
        assert trainer.steps(open_attempt) == store.steps(open_attempt)
        assert trainer.scenario_progress(ana.id) == store.scenario_progress(ana.id)
        assert trainer.result_json(trainer.attempts(ana.id)[2].id)["level"] == "wow"
        summary = trainer.progress_summary(ana.id, [scenario], now=T0 + timedelta(days=3))
        assert [p.level for p in summary.timeline] == [Level.LOW, Level.STANDARD, Level.WOW]
        assert summary.weak_skills == store.progress_summary(ana.id, [scenario], now=T0).weak_skills


def test_a_later_export_adds_new_attempts_and_completes_the_open_one(ana_store, tmp_path, scenario):
    store, ana, open_attempt = ana_store
    early = export_trainee_json(store, ana.id)
    # Ana finishes the open attempt and plays once more, then exports again.
    report = store.resume_session(open_attempt, scenario)
    store.record_step(open_attempt, report.session.choose(0), now=T0 + timedelta(days=3))
    store.finish_attempt(open_attempt, report.session.result(), now=T0 + timedelta(days=3))
    play_to_end(store, ana.id, scenario, WOW, now=T0 + timedelta(days=4))
    late = export_trainee_json(store, ana.id)

    with ProgressStore(tmp_path / "trainer") as trainer:
        import_trainee_json(trainer, early)
        again = import_trainee_json(trainer, late)
        assert (again.added, again.updated, again.unchanged) == (1, 1, 3)
        assert trainer.attempt(open_attempt).status == "finished"
        assert trainer.attempt(open_attempt).step_count == 2
        assert len(trainer.attempts()) == 5
        assert trainer.scenario_progress(ana.id) == store.scenario_progress(ana.id)
        # An older export imported afterwards does not roll anything back.
        assert import_trainee_json(trainer, early).updated == 0
        assert trainer.attempt(open_attempt).status == "finished"


def test_class_overview_of_several_imported_trainees(tmp_path, scenario):
    files = []
    for name, picks in (("Ana", [WOW]), ("Ben", [LOW, LOW]), ("Cy", [])):
        with ProgressStore(tmp_path / name) as store:
            trainee = store.add_trainee(name)
            for i, p in enumerate(picks):
                play_to_end(store, trainee.id, scenario, p, now=T0 + timedelta(days=i))
            files.append(write_trainee_json(store, trainee.id, tmp_path / f"{name}.json"))
    with ProgressStore(tmp_path / "trainer") as trainer:
        trainer.add_trainee("The Trainer")
        reports = import_files(trainer, files + files)
        assert [r.added for r in reports] == [1, 2, 0, 0, 0, 0]
        overview = {o.trainee.name: o for o in trainer.class_overview([scenario], origin="imported")}
        assert sorted(overview) == ["Ana", "Ben", "Cy"]
        assert overview["Ana"].best_levels == {"lost-luggage": Level.WOW} and overview["Ana"].scenarios_wow == 1
        assert overview["Ben"].stuck == ["lost-luggage"] and overview["Ben"].finished_attempts == 2
        assert overview["Cy"].scenarios_played == 0 and overview["Cy"].best_levels == {"lost-luggage": None}
        assert all(o.scenarios_total == 1 for o in overview.values())
        assert len(trainer.class_overview()) == 4


def test_class_overview_counts_every_finished_attempt_and_reports_other_scenarios(store, scenario):
    """A trainer compares the overview with the CSV of the same store: the totals must agree even
    when some attempts were on scenarios that are not in the library shown."""
    retired = ScenarioLoader().load(ROOT / "scenarios" / "first-bank-card.yaml").scenario
    ana = store.add_trainee("Ana")
    play_to_end(store, ana.id, scenario, WOW)
    for _ in range(2):
        attempt, session = store.start_attempt(ana.id, retired, "practice"), PlaySession(retired)
        while not session.ended:
            store.record_step(attempt, session.choose(0))
        store.finish_attempt(attempt, session.result())
    store.start_attempt(ana.id, retired, "practice")  # open: not finished, not counted

    [row] = store.class_overview([scenario])
    finished_in_csv = sum(r["status"] == "finished" for r in csv.DictReader(io.StringIO(csv_text(store))))
    assert row.finished_attempts == finished_in_csv == 3
    assert (row.other_scenarios, row.other_attempts) == (1, 2)
    assert (row.scenarios_played, row.scenarios_total, row.scenarios_wow) == (1, 1, 1)  # still about the library
    assert row.best_levels == {"lost-luggage": Level.WOW}

    [everything] = store.class_overview()  # no library: every scenario played is in the figures
    assert (everything.finished_attempts, everything.scenarios_played, everything.other_scenarios,
            everything.other_attempts) == (3, 2, 0, 0)
    [both] = store.class_overview([scenario, retired])
    assert (both.finished_attempts, both.scenarios_played, both.other_scenarios) == (3, 2, 0)


def test_importing_your_own_export_keeps_you_local_and_adds_nothing(ana_store):
    store, ana, _ = ana_store
    report = import_trainee_json(store, export_trainee_json(store, ana.id))
    assert (report.added, report.updated) == (0, 0)
    assert store.trainee(ana.id).origin == "local"


@pytest.mark.parametrize("content, why", [
    ("not json", "not valid JSON"),
    ('{"format": "something else"}', "not a progress export"),
    ('{"format": "service-roleplay-simulator/progress", "version": 1, "trainee": {"id": "x", "name": "X"},'
     ' "attempts": [{"id": "a", "scenario": "s", "mode": "cheat", "status": "open"}]}', "unknown mode"),
    ('{"format": "service-roleplay-simulator/progress", "version": 9, "trainee": {}, "attempts": []}',
     "update the app"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_writes_nothing(tmp_path, content, why):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with ProgressStore(tmp_path / "trainer") as trainer:
        with pytest.raises(ExchangeError, match=why):
            import_trainee_json(trainer, path)
        assert trainer.trainees() == [] and trainer.attempts() == []


FORMULAS = ["=1+1", "+44", "-2", "@SUM(A1)", "\t=1", "\r=1", "  =1+1", "\u3000+1", "\uff1d1+1", "\uff0b1",
            "\uff0d1", "\uff20SUM(A1)", " \uff1dX"]


@pytest.mark.parametrize("text", FORMULAS)
def test_the_one_guard_neutralises_every_formula_start(text):
    from simulator.core.spreadsheet import safe_cells, spreadsheet_safe
    assert spreadsheet_safe(text) == "'" + text
    assert safe_cells([text, "Ana", 5, -3, None]) == ["'" + text, "Ana", 5, -3, None]


def test_every_csv_cell_an_import_can_fill_is_neutralised(tmp_path):
    """Attempt ids, trainee ids, digests and scenario ids come from other computers' exports."""
    export = {"format": exchange.EXPORT_FORMAT, "version": 1, "trainee": {"id": "@SUM(A1)", "name": "=cmd|x"},
              "attempts": [{"id": f"  =HYPERLINK({i})", "scenario": scenario, "digest": digest, "mode": "practice",
                            "status": "open", "started_at": "2024-03-01T09:00:00+00:00"}
                           for i, (scenario, digest) in enumerate([("\uff1dX", "+1"), ("-x", "\uff20y"),
                                                                   ("@z", " \uff0bw")])]}
    with ProgressStore(tmp_path / "trainer") as trainer:
        import_trainee_json(trainer, export)
        rows = list(csv.reader(io.StringIO(csv_text(trainer))))[1:]
    assert len(rows) == 3
    for row in rows:
        for column in ("attempt_id", "trainee_id", "trainee", "scenario", "scenario_digest"):
            cell = row[CSV_COLUMNS.index(column)]
            assert cell.startswith("'"), (column, cell)


def test_a_resumed_attempt_says_in_both_exports_which_attempt_it_continues(tmp_path, scenario):
    from dataclasses import replace

    with ProgressStore(tmp_path / "ana") as store:
        ana = store.add_trainee("Ana")
        first = store.start_attempt(ana.id, scenario, "practice", now=T0)
        play(store, first, scenario, [2, 0], now=T0)
        pills, said = scenario.nodes["pills"], store.steps(first)[1].say
        edited = replace(scenario, digest="edited", nodes={**scenario.nodes, "pills": replace(pills, replies=[
            replace(r, say=r.say + " Promise.") if r.say == said else r for r in pills.replies])})
        report = store.resume_session(first, edited)
        second = store.rebase_attempt(first, report.applied, edited.digest, now=T0 + timedelta(days=1))
        rows = list(csv.DictReader(io.StringIO(csv_text(store))))
        assert {r["attempt_id"]: r["resumed_from"] for r in rows} == {first: "", second: first}
        data = export_trainee_json(store, ana.id)
        assert {a["id"]: a["resumed_from"] for a in data["attempts"]} == {first: "", second: first}
        path = write_trainee_json(store, ana.id, tmp_path / "ana.json")
    with ProgressStore(tmp_path / "trainer") as trainer:
        import_trainee_json(trainer, path)
        assert trainer.attempt(second).resumed_from == first and trainer.attempt(first).resumed_from == ""
    older = {**data, "attempts": [{k: v for k, v in a.items() if k != "resumed_from"} for a in data["attempts"]]}
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    bad = {**data, "attempts": [{**a, "resumed_from": "x\u202e\n"} for a in data["attempts"]]}
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    with ProgressStore(tmp_path / "another") as trainer:
        with pytest.raises(ExchangeError, match="resumed from"):
            import_trainee_json(trainer, tmp_path / "bad.json")
        assert trainer.attempts() == []
        import_trainee_json(trainer, tmp_path / "older.json")  # an export made before it was recorded
        assert [a.resumed_from for a in trainer.attempts()] == ["", ""]
