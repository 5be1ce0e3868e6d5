"""Two stores on the same file writing at once (two processes, and two threads) do not corrupt it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from simulator.core.engine import PlaySession
from simulator.core.progress import ProgressStore

from .conftest import LOW, SCENARIO_PATH, WOW

PLAYER = Path(__file__).with_name("player.py")


def check_file(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def test_two_processes_writing_at_once(tmp_path):
    data, count = tmp_path / "data", 40
    ProgressStore(data).close()
    children = [subprocess.Popen([sys.executable, str(PLAYER), "writer", str(data), str(SCENARIO_PATH), name,
                                  str(count)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                for name in ("Writer One", "Writer Two")]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        for child in children:  # release both together so their writes interleave
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            assert child.stdout.readline().strip() == "done"
            assert child.wait(timeout=120) == 0
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdin.close()
            child.stdout.close()
    check_file(data / "progress.db")
    with ProgressStore(data) as store:
        for name in ("Writer One", "Writer Two"):
            trainee = store.trainee_by_name(name)
            attempts = store.attempts(trainee.id)
            assert len(attempts) == count and all(a.status == "finished" and a.step_count == 2 for a in attempts)
            assert store.scenario_progress(trainee.id)["lost-luggage"].attempts == count


def test_two_store_instances_in_threads_on_the_same_file(tmp_path, scenario):
    data, count = tmp_path / "data", 30
    stores = [ProgressStore(data), ProgressStore(data)]
    trainee = stores[0].add_trainee("Shared")
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(store: ProgressStore, picks) -> None:
        try:
            barrier.wait()
            for _ in range(count):
                attempt = store.start_attempt(trainee.id, scenario, "practice")
                session = PlaySession(scenario)
                for pick in picks:
                    store.record_step(attempt, session.choose(pick))
                store.finish_attempt(attempt, session.result())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s, p)) for s, p in zip(stores, (WOW, LOW))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == []
    check_file(data / "progress.db")
    with ProgressStore(data) as store:
        progress = store.scenario_progress(trainee.id)["lost-luggage"]
        # the per-scenario counters were updated by both writers without losing an increment
        assert progress.attempts == 2 * count == len(store.attempts(trainee.id))
        assert progress.best_level is not None and progress.best_level.value == "wow"
