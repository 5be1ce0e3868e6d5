"""Opening an older database: a backup is written first, then the data is migrated to the current
version (from version 1 through 2 and 3; from version 2, where names that differ only in non-ASCII
case must be told apart without losing anyone)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from simulator.core.levels import Level
from simulator.core.progress import SCHEMA_VERSION, AttemptError, ProgressError, ProgressStore, fold

from .conftest import T0, WOW, play_to_end

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE = FIXTURES / "progress-v1.sql"
FIXTURE_V2 = FIXTURES / "progress-v2.sql"


def make_v1(folder: Path, fixture: Path = FIXTURE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "progress.db"
    db = sqlite3.connect(path)
    db.executescript(fixture.read_text(encoding="utf-8"))
    db.close()
    return path


def make_v2(folder: Path) -> Path:
    return make_v1(folder, FIXTURE_V2)


def rows(path: Path, sql: str) -> list:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_current_schema_is_version_6_and_the_fixtures_are_versions_1_and_2(tmp_path):
    assert SCHEMA_VERSION == 6
    assert rows(make_v1(tmp_path / "one"), "PRAGMA user_version") == [(1,)]
    assert rows(make_v2(tmp_path / "two"), "PRAGMA user_version") == [(2,)]


def test_migration_from_v1_keeps_data_and_writes_a_backup_first(tmp_path, scenario):
    path = make_v1(tmp_path / "data")
    before = {t: rows(path, f"SELECT * FROM {t} ORDER BY 1, 2") for t in ("trainees", "attempts", "steps",
                                                                            "attempt_skills")}
    with ProgressStore(tmp_path / "data") as store:
        assert store.schema_version == SCHEMA_VERSION
        [notice] = store.notices
        assert notice.kind == "migrated" and str(notice.path) in notice.message
        backup = notice.path
        assert backup.parent == path.parent and backup.name.startswith("progress.db.v1-backup-")

        # The backup is a complete version-1 database with the old data.
        assert rows(backup, "PRAGMA user_version") == [(1,)]
        for table, data in before.items():
            assert rows(backup, f"SELECT * FROM {table} ORDER BY 1, 2") == data

        # Version 3's name key was filled (no names collide here, so none changed).
        assert rows(path, "SELECT id, name, name_key FROM trainees ORDER BY id") == [
            ("t-ana", "Ana", "ana"), ("t-ben", "Ben", "ben")]
        assert "renamed" not in notice.message

        # Version 2's new columns were filled from the old data.
        assert rows(path, "SELECT id, level_rank FROM attempts ORDER BY id") == [
            ("a-1", 2), ("a-2", 1), ("a-3", None), ("b-1", None)]
        ben = store.steps("b-1")
        assert ben[0].timed_out and ben[0].reply is None
        assert not any(s.timed_out for s in store.steps("a-1"))

        # ... and the progress table built from the history, with the review rule applied.
        progress = store.scenario_progress("t-ana")["lost-luggage"]
        assert progress.attempts == 2 and progress.best_level is Level.WOW
        expected = fold([(Level.WOW, True, T0 + timedelta(minutes=1)),
                         (Level.STANDARD, True, T0 + timedelta(days=1, minutes=1))])
        assert (progress.rung, progress.due_at) == (expected.rung, expected.due_at)
        assert progress.last_played == T0 + timedelta(days=2)  # the open attempt started then
        assert store.scenario_progress("t-ben")["lost-luggage"].attempts == 0

        # The open attempt still resumes, and the store keeps working.
        assert [a.id for a in store.unfinished_attempts("t-ana")] == ["a-3"]
        report = store.resume_session("a-3", scenario)
        assert report.complete and report.session.node.id == "pills"
        store.record_step("a-3", report.session.choose(0))
        assert store.attempt("a-3").step_count == 2

    # Opening again: no second migration, no second backup.
    with ProgressStore(tmp_path / "data") as store:
        assert store.notices == []
    assert len(list(path.parent.glob("progress.db.v1-backup-*"))) == 1


@pytest.mark.parametrize("make_old", [make_v1, make_v2])
def test_migrated_schema_equals_a_fresh_one(tmp_path, make_old):
    make_old(tmp_path / "old")
    ProgressStore(tmp_path / "old").close()
    ProgressStore(tmp_path / "new").close()
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    assert rows(tmp_path / "old" / "progress.db", schema) == rows(tmp_path / "new" / "progress.db", schema)
    names = {r[1] for r in rows(tmp_path / "new" / "progress.db", schema)}
    assert {"progress", "progress_due", "attempts_by_status", "attempts_by_pair", "attempts_finished",
            "trainees_local_key"} <= names
    assert "attempts_trainee" not in names  # replaced by version 2's indexes
    assert "trainees_local_name" not in names  # the NOCASE index, replaced by version 3's name key


@pytest.mark.parametrize("make_old, version, step, half_done", [
    (make_v1, 1, 2, "ALTER TABLE attempts ADD COLUMN level_rank INTEGER"),
    (make_v2, 2, 3, "ALTER TABLE trainees ADD COLUMN name_key TEXT"),
])
def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch, make_old, version, step, half_done):
    from simulator.core.progress import schema as store_module  # where the migrations live

    path = make_old(tmp_path / "data")
    before = {t: rows(path, f"SELECT * FROM {t} ORDER BY 1") for t in ("trainees", "attempts")}

    def broken(db):
        db.execute(half_done)
        raise sqlite3.OperationalError("simulated failure halfway through")

    monkeypatch.setitem(store_module.MIGRATIONS, step, broken)
    try:
        ProgressStore(tmp_path / "data")
    except ProgressError as exc:
        assert "has not been changed" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("the migration should have failed")
    assert rows(path, "PRAGMA user_version") == [(version,)]
    for table, data in before.items():  # the half-done ALTER was rolled back
        assert rows(path, f"SELECT * FROM {table} ORDER BY 1") == data
    assert list(path.parent.glob(f"progress.db.v{version}-backup-*"))  # the backup was written before trying


def test_migration_from_v2_keeps_every_trainee_and_suffixes_later_names_that_now_collide(tmp_path, scenario):
    """Version 2 let in "Émile" and "émile" (NOCASE folds only A-Z). Migrating keeps both people and
    all their data: the earliest keeps the name, the later gets the first suffix nobody has."""
    path = make_v2(tmp_path / "data")
    tables = ("attempts", "steps", "attempt_skills", "progress")
    before = {t: rows(path, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    people = rows(path, "SELECT id, origin, created_at FROM trainees ORDER BY id")
    with ProgressStore(tmp_path / "data") as store:
        assert store.schema_version == SCHEMA_VERSION
        [notice] = store.notices
        assert notice.kind == "migrated" and notice.path.name.startswith("progress.db.v2-backup-")
        assert "émile is now émile (3)" in notice.message and "åsa is now åsa (2)" in notice.message
        assert rows(notice.path, "SELECT id, name FROM trainees ORDER BY id") == [
            ("t-asa", "ÅSA"), ("t-asa-later", "åsa"), ("t-emile", "Émile"), ("t-emile-2", "Émile (2)"),
            ("t-emile-imported", "ÉMILE"), ("t-emile-later", "émile")]

        # Nobody lost, nothing of theirs changed; only the later twins' names.
        assert rows(path, "SELECT id, origin, created_at FROM trainees ORDER BY id") == people
        for table, data in before.items():
            if table == "attempts":  # version 5 added the time-limit setting (those were played as written),
                data = [row + ("as-written", "") for row in data]  # version 6 what an attempt was resumed from
            if table == "steps":  # version 6: what a step queued for the LRS (nothing, then)
                data = [row + (None,) * 5 for row in data]
            assert rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") == data
        assert {t.id: t.name for t in store.trainees()} == {
            "t-emile": "Émile", "t-asa": "ÅSA", "t-emile-2": "Émile (2)",  # first of their name: unchanged
            "t-emile-later": "émile (3)",  # " (2)" is taken by a real trainee
            "t-asa-later": "åsa (2)",
            "t-emile-imported": "ÉMILE"}  # imported names need not be unique: left alone
        assert store.scenario_progress("t-emile-later")["lost-luggage"].best_level is Level.WOW
        assert [a.id for a in store.unfinished_attempts("t-asa-later")] == ["s-1"]

        # From now on the rule holds, and both twins keep working.
        assert store.trainee_by_name("ÉMILE").id == "t-emile"
        assert store.trainee_by_name("ÉMILE (3)").id == "t-emile-later"
        with pytest.raises(AttemptError, match="already someone called Émile"):
            store.add_trainee("émile")
        play_to_end(store, "t-emile-later", scenario, WOW)
        assert store.scenario_progress("t-emile-later")["lost-luggage"].attempts == 2
