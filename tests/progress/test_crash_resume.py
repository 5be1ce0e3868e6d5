"""A real process is killed with SIGKILL mid-attempt: every step it took is there, and the attempt resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.core.engine import PlaySession
from simulator.core.progress import ProgressStore

from .conftest import SCENARIO_PATH

PLAYER = Path(__file__).with_name("player.py")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def test_sigkill_mid_attempt_keeps_every_taken_step_and_resumes(tmp_path, scenario):
    data = tmp_path / "data"
    child = subprocess.Popen([sys.executable, str(PLAYER), "crash", str(data), str(SCENARIO_PATH)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reported = []  # (attempt, number, node, reply, node reached) for each committed step
    finished = []
    try:
        for line in child.stdout:  # blocks on the child's lines: no sleeps
            words = line.split()
            if words[0] == "step":
                reported.append((words[1], int(words[2]), words[3], words[4], words[5]))
            elif words[0] == "finished":
                finished.append(words[1])
            elif words[0] == "busy":
                break
        else:
            pytest.fail("the player stopped early: " + child.stderr.read())
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert len(reported) == 3 and len(finished) == 1

    # The file is intact: SQLite's own integrity check passes on what the killed process left.
    raw = sqlite3.connect(data / "progress.db")
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()

    with ProgressStore(data) as store:
        assert store.notices == []  # nothing had to be recovered or moved aside
        trainee = store.trainee_by_name("Crash Test")
        saved = [(a.id, s.number, s.node, s.reply or "-") for a in store.attempts(trainee.id) for s in store.steps(a.id)
                 if a.mode != "practice" or a.id == finished[0]]
        assert saved == [r[:4] for r in reported]  # every taken step, in order, nothing extra

        done = store.attempt(finished[0])
        assert done.status == "finished" and done.step_count == 2 and done.level is not None

        # The interrupted assessment is offered for resume and replays to where the child was.
        open_ids = [a.id for a in store.unfinished_attempts(trainee.id) if a.mode == "assessment"]
        interrupted = reported[-1][0]
        assert open_ids == [interrupted]
        report = store.resume_session(interrupted, scenario)
        assert report.complete and report.applied == 1
        assert report.session.node.id == reported[-1][4]
        assert report.session.steps[0].seconds == 3.25

        # ... and the resumed attempt can be finished normally.
        session = report.session
        store.record_step(interrupted, session.choose(0, 1.0))
        assert session.ended
        store.finish_attempt(interrupted, session.result())
        assert store.attempt(interrupted).step_count == 2
        again = PlaySession(scenario).replay(store.resume_choices(interrupted))
        assert again.complete and again.session.node.id == session.node.id
