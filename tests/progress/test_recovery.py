"""A damaged file is moved aside (never deleted); a file from a newer app is left alone;
a data folder that cannot be written gives a clear error."""

from __future__ import annotations

import os
import sqlite3

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
