"""The outbox: written with the step (a crash loses none), sent in batches, nothing dropped.

A stdlib stub forces 400 and 5xx answers; tests against the real Ralph are in test_ralph.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from simulator.core.headless import play
from simulator.core.progress import ProgressStore
from simulator.core.xapi.client import LrsClient
from simulator.core.xapi.outbox import BACKOFF_FIRST, Outbox, sync

from .attempts import first_replies
from .conftest import ROOT, opt_in


def rows(data_dir, sql):
    db = sqlite3.connect(data_dir / "progress.db" if data_dir.is_dir() else data_dir)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def queued_verbs(data_dir) -> list[str]:
    with Outbox(data_dir / "progress.db") as outbox:
        return [s["verb"]["id"].rsplit("/", 1)[-1] for s in outbox.statements()]


def test_a_statement_is_written_in_the_steps_transaction(tmp_path, luggage):
    """A listener that fails takes the step down with it: the two commit together or not at all."""
    opt_in(tmp_path)
    with ProgressStore(tmp_path) as store:
        _, attempt, session = first_replies(store, luggage, 1)

        def broken(db, event):
            raise RuntimeError("disk full halfway")

        store.add_listener(broken)
        with pytest.raises(RuntimeError):
            store.record_step(attempt, session.choose(0))
        assert len(store.steps(attempt)) == 1
    assert queued_verbs(tmp_path) == ["attempted", "answered"]


def test_killing_the_process_after_a_click_loses_no_statement(tmp_path, luggage):
    opt_in(tmp_path)
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from simulator.core.engine import PlaySession
        from simulator.core.loader import ScenarioLoader
        from simulator.core.progress import ProgressStore
        from simulator.core.xapi import config
        from simulator.core.xapi.outbox import attach
        scenario = ScenarioLoader().load({str(ROOT / 'docs' / 'examples' / 'lost-luggage.yaml')!r}).scenario
        store = ProgressStore({str(tmp_path)!r})
        attach(store, config.load({str(tmp_path)!r}))
        attempt = store.start_attempt(store.add_trainee("Ana").id, scenario, "practice")
        session = PlaySession(scenario)
        store.record_step(attempt, session.choose(0))
        store.record_step(attempt, session.choose(0))
        os._exit(9)  # no close, no clean-up
    """)
    subprocess.run([sys.executable, "-c", script], check=False, timeout=60,
                   env={"SIMULATOR_NO_KEYRING": "1", "PATH": ""})
    assert rows(tmp_path, "SELECT COUNT(*) FROM steps") == [(2,)]
    assert queued_verbs(tmp_path) == ["attempted", "answered", "answered"]


def test_a_refused_statement_is_kept_marked_and_does_not_block_the_others(tmp_path, luggage, stub_lrs):
    opt_in(tmp_path)
    played = play(luggage, "wow", "Ana", tmp_path)
    statements = Outbox(tmp_path / "progress.db").statements()
    culprit = statements[3]["id"]
    stub_lrs.refuse = {culprit}
    with Outbox(tmp_path / "progress.db") as outbox:
        report = sync(outbox, LrsClient(stub_lrs.url), batch=4)
        assert [r.id for r in report.refused] == [culprit] and report.refused[0].status == 400
        assert "does not validate" in report.refused[0].reason
        assert report.sent == len(statements) - 1 and report.pending == 0 and not report.error
        assert sorted(stub_lrs.ids) == sorted(s["id"] for s in statements if s["id"] != culprit)
        status = outbox.status()
        assert [r.id for r in status.refused] == [culprit]  # kept, marked, reported again by the view
        # A second sync does not send it again (nor anything else) ...
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == 0
        # ... until the organisation puts it back in the queue after fixing the LRS's rules.
        stub_lrs.refuse = set()
        assert outbox.retry_refused() == 1
        assert sync(outbox, LrsClient(stub_lrs.url)).sent == 1
    assert len(stub_lrs.ids) == len(set(stub_lrs.ids)) == len(statements)
    assert played.queued == len(statements)


@pytest.mark.parametrize("status", [500, 503, 429, 408])
def test_a_server_error_keeps_everything_and_backs_off(tmp_path, luggage, stub_lrs, status):
    opt_in(tmp_path)
    play(luggage, "low", "Ana", tmp_path)
    total = rows(tmp_path, "SELECT COUNT(*) FROM xapi_outbox")[0][0]
    stub_lrs.status_all = status
    clock = [1000.0]
    with Outbox(tmp_path / "progress.db") as outbox:
        report = sync(outbox, LrsClient(stub_lrs.url), batch=5, clock=lambda: clock[0])
        assert report.sent == 0 and report.pending == total and str(status) in report.error
        assert not report.refused
        first = outbox.status().next_try
        assert first == 1000.0 + BACKOFF_FIRST
        # The background sender waits for the retry time; a second failure waits twice as long.
        assert sync(outbox, LrsClient(stub_lrs.url), honour_backoff=True, clock=lambda: clock[0]).sent == 0
        clock[0] = first
        sync(outbox, LrsClient(stub_lrs.url), batch=5, honour_backoff=True, clock=lambda: clock[0])
        assert rows(tmp_path, "SELECT MIN(next_try) FROM xapi_outbox WHERE tries = 2")[0][0] == first + 2 * BACKOFF_FIRST
        stub_lrs.status_all = None
        report = sync(outbox, LrsClient(stub_lrs.url), clock=lambda: clock[0])
        assert report.sent == total and report.pending == 0
    assert len(stub_lrs.ids) == total


def test_an_unreachable_lrs_loses_nothing(tmp_path, luggage):
    opt_in(tmp_path)
    play(luggage, "first", "Ana", tmp_path)
    total = rows(tmp_path, "SELECT COUNT(*) FROM xapi_outbox")[0][0]
    with Outbox(tmp_path / "progress.db") as outbox:
        report = sync(outbox, LrsClient("http://127.0.0.1:9/xAPI/", timeout=2))
    assert report.sent == 0 and report.pending == total and "did not answer" in report.error
    assert rows(tmp_path, "SELECT COUNT(*) FROM xapi_outbox WHERE sent_at IS NULL AND tries = 1") == [(total,)]


def test_migrating_a_version_3_file_adds_the_outbox_after_a_backup(tmp_path, luggage):
    from simulator.core.progress.schema import MIGRATIONS

    db = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    for version in (1, 2, 3):  # a file as version 3 made it
        MIGRATIONS[version](db)
    db.execute("INSERT INTO trainees (id, name, name_key, created_at) VALUES ('t-ana', 'Ana', 'ana', 0)")
    db.execute("PRAGMA user_version = 3")
    db.close()
    with ProgressStore(tmp_path) as store:
        assert store.schema_version == 6
        [notice] = store.notices
        assert notice.kind == "migrated" and notice.path.name.startswith("progress.db.v3-backup-")
        assert [t.name for t in store.trainees()] == ["Ana"]
    assert rows(notice.path, "PRAGMA user_version") == [(3,)]
    assert rows(notice.path, "SELECT name FROM trainees") == [("Ana",)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM xapi_outbox") == [(0,)]
