"""A damaged file is moved aside (never deleted); a file from a newer app is left alone;
a data folder that cannot be written gives a clear error."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from simulator.core.progress import SCHEMA_VERSION, DataFolderError, ProgressStore, StoreTooNewError
from simulator.core.progress import store as store_module


def test_random_bytes_are_moved_aside_and_a_fresh_store_works(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    junk = b"this is not SQLite" + os.urandom(8192)
    (data / "progress.db").write_bytes(junk)
    with ProgressStore(data) as store:
        [notice] = store.notices
        assert notice.kind == "moved_aside"
        assert notice.path.name.startswith("progress.db.damaged-") and notice.path.parent == data
        assert str(notice.path) in notice.message and "new" in notice.message
        assert notice.path.read_bytes() == junk  # kept byte for byte, not deleted
        store.add_trainee("Fresh Start")
        assert [t.name for t in store.trainees()] == ["Fresh Start"]
        assert store.schema_version == SCHEMA_VERSION


def test_a_damaged_page_inside_a_real_database_is_detected_and_moved_aside(tmp_path, scenario):
    data = tmp_path / "data"
    with ProgressStore(data) as store:
        trainee = store.add_trainee("Ana")
        for _ in range(200):  # enough rows to fill several pages
            store.start_attempt(trainee.id, scenario, "practice")
    db = sqlite3.connect(data / "progress.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = db.execute("PRAGMA page_size").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    assert pages > 4
    with open(data / "progress.db", "r+b") as f:  # keep the header (page 1), scribble over the rest
        f.seek(page)
        f.write(b"\xff" * page * (pages - 1))
    with ProgressStore(data) as store:
        assert [n.kind for n in store.notices] == ["moved_aside"]
        assert store.trainees() == []
    assert len(list(data.glob("progress.db.damaged-*"))) == 1


def test_a_store_from_a_newer_app_is_left_untouched(tmp_path):
    data = tmp_path / "data"
    ProgressStore(data).close()
    db = sqlite3.connect(data / "progress.db")
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = (data / "progress.db").read_bytes()
    with pytest.raises(StoreTooNewError, match="newer version of the app"):
        ProgressStore(data)
    assert (data / "progress.db").read_bytes() == before
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("progress.db.")) == []


def test_data_folder_whose_parent_is_a_regular_file_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(DataFolderError) as caught:
        ProgressStore(blocker / "data")
    message = str(caught.value)
    assert "could not be created" in message and "--data-dir" in message and "SIMULATOR_HOME" in message
    assert blocker.read_text() == "a file where a folder should be"


def test_data_folder_reported_unwritable_by_os_access_gives_a_clear_error(tmp_path, monkeypatch):
    # Tests may run as root, where chmod cannot make a folder read-only; so this test makes
    # os.access (the check the store performs before touching anything) report "not writable".
    data = tmp_path / "data"
    data.mkdir()
    real_access = os.access
    monkeypatch.setattr(store_module.os, "access",
                        lambda path, mode, **kw: False if mode & os.W_OK else real_access(path, mode, **kw))
    with pytest.raises(DataFolderError, match="read-only") as caught:
        ProgressStore(data)
    assert caught.value.path == data
    assert list(data.iterdir()) == []  # nothing was written


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_really_read_only_data_folder_gives_a_clear_error(tmp_path):  # pragma: no cover - not as root
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        with pytest.raises(DataFolderError, match="read-only"):
            ProgressStore(data)
    finally:
        data.chmod(0o755)


def test_a_data_folder_that_is_a_file_gives_a_clear_error(tmp_path):
    target = tmp_path / "data"
    target.write_text("x")
    with pytest.raises(DataFolderError, match="not a folder|could not be created"):
        ProgressStore(target)


def _sqlite_file(path, version, *, journal="delete", tables=("CREATE TABLE notes (body TEXT)",)):
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode = {journal}")
    for statement in tables:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_newer_apps_file_is_refused_before_its_journal_mode_is_touched(tmp_path, journal):
    data = tmp_path / "data"
    ProgressStore(data).close()
    db = sqlite3.connect(data / "progress.db")
    db.execute("PRAGMA journal_mode = DELETE")  # a newer app may well use a rollback journal
    db.close()
    before = _sqlite_file(data / "progress.db", 99, journal=journal, tables=())
    with pytest.raises(StoreTooNewError) as caught:
        ProgressStore(data)
    assert "newer version" in str(caught.value) and "has not been changed" in str(caught.value)
    assert (data / "progress.db").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["progress.db"]


@pytest.mark.parametrize("version", [0, 1, 2, SCHEMA_VERSION, 99, -5])
def test_another_programs_database_is_moved_aside_unchanged_whatever_its_version(tmp_path, version):
    data = tmp_path / "data"
    data.mkdir()
    before = _sqlite_file(data / "progress.db", version, tables=(
        "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')"))
    with ProgressStore(data) as store:
        [notice] = store.notices
        assert notice.kind == "moved_aside"
        assert "not a progress file" in notice.message and "newer" not in notice.message
        assert notice.path.name.startswith("progress.db.not-progress-") and str(notice.path) in notice.message
        assert notice.path.read_bytes() == before
        assert store.schema_version == SCHEMA_VERSION and store.trainees() == []


def test_a_file_with_only_some_of_our_tables_is_not_taken_for_ours(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    before = _sqlite_file(data / "progress.db", 99, tables=("CREATE TABLE trainees (id TEXT)",))
    with ProgressStore(data) as store:
        [notice] = store.notices
        assert "not a progress file" in notice.message
        assert notice.path.read_bytes() == before


def _copy_with_unsaved_log(tmp_path, version, tables):
    """A WAL file whose last writer never folded its log back in (it crashed, or is still running
    elsewhere): the copy's data folder holds progress.db and progress.db-wal with frames in it."""
    import shutil

    source, data = tmp_path / "source", tmp_path / "data"
    source.mkdir()
    data.mkdir()
    writer = sqlite3.connect(source / "progress.db")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in tables:
        writer.execute(statement)
    writer.execute(f"PRAGMA user_version = {version}")
    writer.commit()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(source / f"progress.db{suffix}", data / f"progress.db{suffix}")
    writer.close()
    assert (data / "progress.db-wal").stat().st_size > 0
    return data


OUR_TABLES = ["CREATE TABLE trainees (id TEXT)", "CREATE TABLE attempts (id TEXT)", "CREATE TABLE steps (n INTEGER)",
              "CREATE TABLE attempt_skills (skill TEXT)"]


def test_a_newer_apps_file_with_an_unsaved_log_keeps_both_files_byte_for_byte(tmp_path):
    data = _copy_with_unsaved_log(tmp_path, 99, OUR_TABLES)
    before = {p.name: p.read_bytes() for p in data.iterdir() if not p.name.endswith("-shm")}
    with pytest.raises(StoreTooNewError):
        ProgressStore(data)
    after = {p.name: p.read_bytes() for p in data.iterdir() if not p.name.endswith("-shm")}
    assert after == before  # a writable connection would have folded the log into the file on closing


def test_another_programs_file_with_an_unsaved_log_is_moved_aside_with_its_log(tmp_path):
    data = _copy_with_unsaved_log(tmp_path, 7, ["CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('x')"])
    main, log = (data / "progress.db").read_bytes(), (data / "progress.db-wal").read_bytes()
    with ProgressStore(data) as store:
        [notice] = store.notices
        assert "not a progress file" in notice.message
        assert notice.path.read_bytes() == main
        assert Path(str(notice.path) + "-wal").read_bytes() == log


def test_our_own_file_with_an_unsaved_log_opens_with_everything_in_it(tmp_path, scenario):
    import shutil

    source = tmp_path / "source"
    with ProgressStore(source) as store:
        store.add_trainee("Ana")
        copy = tmp_path / "data"
        copy.mkdir()
        for suffix in ("", "-wal", "-shm"):  # copied while the store is open: a crash's leftovers
            if (source / f"progress.db{suffix}").exists():
                shutil.copy(source / f"progress.db{suffix}", copy / f"progress.db{suffix}")
    with ProgressStore(copy) as reopened:
        assert reopened.notices == [] and [t.name for t in reopened.trainees()] == ["Ana"]
