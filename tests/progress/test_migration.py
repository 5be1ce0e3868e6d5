"""Opening a version-1 database: a backup is written first, then the data is migrated to version 2."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from simulator.core.levels import Level
from simulator.core.progress import SCHEMA_VERSION, ProgressStore, fold

from .conftest import T0

FIXTURE = Path(__file__).with_name("fixtures") / "progress-v1.sql"


def make_v1(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "progress.db"
    db = sqlite3.connect(path)
    db.executescript(FIXTURE.read_text(encoding="utf-8"))
    db.close()
    return path


def rows(path: Path, sql: str) -> list:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_current_schema_is_version_2_and_the_fixture_is_version_1(tmp_path):
    assert SCHEMA_VERSION == 2
    path = make_v1(tmp_path / "data")
    assert rows(path, "PRAGMA user_version") == [(1,)]


def test_migration_from_v1_keeps_data_and_writes_a_backup_first(tmp_path, scenario):
    path = make_v1(tmp_path / "data")
    before = {t: rows(path, f"SELECT * FROM {t} ORDER BY 1, 2") for t in ("trainees", "attempts", "steps",
                                                                            "attempt_skills")}
    with ProgressStore(tmp_path / "data") as store:
        assert store.schema_version == 2
        [notice] = store.notices
        assert notice.kind == "migrated" and str(notice.path) in notice.message
        backup = notice.path
        assert backup.parent == path.parent and backup.name.startswith("progress.db.v1-backup-")

        # The backup is a complete version-1 database with the old data.
        assert rows(backup, "PRAGMA user_version") == [(1,)]
        for table, data in before.items():
            assert rows(backup, f"SELECT * FROM {table} ORDER BY 1, 2") == data

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


def test_migrated_schema_equals_a_fresh_one(tmp_path):
    make_v1(tmp_path / "old")
    ProgressStore(tmp_path / "old").close()
    ProgressStore(tmp_path / "new").close()
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    assert rows(tmp_path / "old" / "progress.db", schema) == rows(tmp_path / "new" / "progress.db", schema)
    names = {r[1] for r in rows(tmp_path / "new" / "progress.db", schema)}
    assert {"progress", "progress_due", "attempts_by_status", "attempts_by_pair", "attempts_finished"} <= names
    assert "attempts_trainee" not in names  # replaced by version 2's indexes


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    from simulator.core.progress import store as store_module

    path = make_v1(tmp_path / "data")
    before = rows(path, "SELECT * FROM attempts ORDER BY id")

    def broken(db):
        db.execute("ALTER TABLE attempts ADD COLUMN level_rank INTEGER")
        raise sqlite3.OperationalError("simulated failure halfway through")

    monkeypatch.setitem(store_module.MIGRATIONS, 2, broken)
    try:
        ProgressStore(tmp_path / "data")
    except store_module.ProgressError as exc:
        assert "has not been changed" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("the migration should have failed")
    assert rows(path, "PRAGMA user_version") == [(1,)]
    assert rows(path, "SELECT * FROM attempts ORDER BY id") == before  # the half-done ALTER was rolled back
    assert list(path.parent.glob("progress.db.v1-backup-*"))  # the backup was written before trying
