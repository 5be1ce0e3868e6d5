"""xAPI speed: a reply click's cost with sending on, and sending 10,000 statements to a local Ralph.

Run: python3 bench/xapi.py [--statements 10000] [--clicks 3000]   (needs the test extra: Ralph)
Prints:
- what a reply click pays when sending is on: the median time of ``record_step`` (one committed
  transaction, synchronous=FULL) with the outbox recorder against without, as a ratio, measured
  side by side (attempts alternate between the two on one store, so a busy moment of a shared
  machine falls on both alike). Goal: within 1.1x. The click writes its statement's part into
  the step's own row; the statement is built when it is sent;
- statements queued, and sent per second to Ralph (file-system backend) in batches of 50.
  That backend reads its whole file for the duplicate check of every POST, so the rate
  falls as the file grows: it measures our sender against Ralph, not an LRS in production.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.core.progress import ProgressStore  # noqa: E402
from simulator.core.xapi.client import LrsClient  # noqa: E402
from simulator.core.xapi.config import LrsSettings  # noqa: E402
from simulator.core.xapi.outbox import Outbox, Recorder, sync  # noqa: E402


def play_attempts(store: ProgressStore, scenario, trainee_id: str, until) -> list[float]:
    """Whole attempts (first reply each time) until ``until(clicks so far, attempts)``; returns each
    record_step's seconds. An attempt queues one statement per step and three more."""
    clicks: list[float] = []
    attempts = 0
    while not until(clicks, attempts):
        attempts += 1
        play_attempt(store, scenario, trainee_id, clicks)
    return clicks


def play_attempt(store: ProgressStore, scenario, trainee_id: str, clicks: list[float]) -> None:
    """One whole attempt (first reply each time), each record_step's seconds added to ``clicks``."""
    attempt = store.start_attempt(trainee_id, scenario, "practice")
    session = PlaySession(scenario)
    while not session.ended and session.available_replies():
        step = session.choose(0)
        start = time.perf_counter()
        store.record_step(attempt, step)
        clicks.append(time.perf_counter() - start)
    store.finish_attempt(attempt, session.result())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10000)
    parser.add_argument("--clicks", type=int, default=3000)
    args = parser.parse_args()
    scenario = ScenarioLoader().load(ROOT / "docs" / "examples" / "lost-luggage.yaml").scenario
    settings = LrsSettings(enabled=True, home_page="https://training.example.org",
                           activity_base="https://training.example.org/scenarios/")
    with tempfile.TemporaryDirectory() as folder:
        sys.path.insert(0, str(ROOT / "tests" / "xapi"))
        from conftest import KEY, SECRET, Ralph  # the tests' launcher: Ralph on a free port

        # A click with and without the listener, side by side: attempts alternate on one store,
        # so a busy moment of the (shared) machine falls on both alike.
        with ProgressStore(Path(folder) / "clicks") as store:
            who = store.add_trainee("Bench").id
            recorder = Recorder(settings)
            plain: list[float] = []
            queued: list[float] = []
            while len(plain) < args.clicks:
                play_attempt(store, scenario, who, plain)
                store.add_listener(recorder)
                play_attempt(store, scenario, who, queued)
                store.remove_listener(recorder)
        without, with_ = statistics.median(plain), statistics.median(queued)
        print(f"reply click (record_step, median of {len(plain)} each): {without * 1000:.3f} ms without sending, "
              f"{with_ * 1000:.3f} ms with it: {with_ / without:.2f}x (goal: within 1.1x), "
              f"{(with_ - without) * 1000:.3f} ms added")

        data = Path(folder) / "send"
        with ProgressStore(data) as store:
            store.add_listener(Recorder(settings))
            who = store.add_trainee("Bench").id
            with Outbox.of(store) as outbox:
                start = time.perf_counter()
                play_attempts(store, scenario, who, lambda done, attempts: len(done) + 3 * attempts >= args.statements)
                made = outbox.status().pending
                print(f"queued {made} statements in {time.perf_counter() - start:.1f} s (whole attempts played)")
        ralph = Ralph(Path(folder) / "ralph")
        ralph.start()
        try:
            with Outbox(data / "progress.db") as outbox:
                start = time.perf_counter()
                report = sync(outbox, LrsClient(ralph.url, KEY, SECRET, timeout=120))
                seconds = time.perf_counter() - start
            print(f"sent {report.sent} to Ralph in {seconds:.1f} s: {report.sent / seconds:.0f} statements/s "
                  f"(pending {report.pending}{', ' + report.error if report.error else ''})")
        finally:
            ralph.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
