"""How long the library takes to load its progress: a full store against an empty one.

    python3 bench/progress.py [--scenarios 100] [--attempts 10000] [--rounds 15] [--calls 200]

Fills one store with SCENARIOS scenarios and ATTEMPTS finished attempts for one trainee (bulk
insert through the JSON import, one transaction), leaves another store empty (the trainee
exists, nothing played), and a third with each scenario played once (SCENARIOS attempts).

The goal line is what the trainee waits for: a freshly listed library screen (one card per
scenario) reads the progress and shows it on every card, from the full store against the empty
one (goal: within 1.2x). It is measured last, after the store itself:

- ``scenario_progress(trainee, library_ids)``, the one query the library makes, on all three
  stores, interleaved round by round. Full/played-once isolates the effect of the history's size,
  which is what indexing is about (it should stay near 1.0x). Full/empty is printed for
  information: the empty store returns no rows at all, so it also counts reading SCENARIOS rows.
- the other queries the app makes at start, and what the badges would cost if computed by
  grouping the attempts table instead of reading the per-scenario progress table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.core.progress import ProgressStore, import_trainee_json  # noqa: E402
from simulator.core.progress.exchange import EXPORT_FORMAT, EXPORT_VERSION  # noqa: E402

T0 = datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)
LEVELS = ("low", "standard", "wow")
SKILLS = ("empathy", "ownership", "clarity", "compliance", "patience")


def export_data(trainee_id: str, scenarios: list[str], attempts: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    rows = []
    for i in range(attempts):
        started = T0 + timedelta(minutes=30 * i)
        level = rng.choice(LEVELS)
        rows.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128))), "scenario": scenarios[i % len(scenarios)],
            "digest": "0" * 64, "mode": "practice" if i % 4 else "assessment", "status": "finished",
            "started_at": started.isoformat(), "finished_at": (started + timedelta(minutes=4)).isoformat(),
            "level": level, "score": rng.randrange(0, 101), "compliance_passed": rng.random() > 0.1,
            "breaches": [], "ending_id": "end", "duration": 60.0,
            "skills": [{"skill": s, "shown": rng.randrange(3), "missed": rng.randrange(3)} for s in SKILLS[:3]],
            "steps": [{"number": n, "node": f"n{n}", "reply": "1", "say": "...", "level": rng.choice(LEVELS),
                       "seconds": 20.0, "timed_out": False, "recorded_at": started.isoformat()} for n in (1, 2, 3)],
            "result": None,
        })
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": T0.isoformat(),
            "trainee": {"id": trainee_id, "name": "Bench", "created_at": T0.isoformat()}, "attempts": rows}


def per_call(fn, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", type=int, default=100)
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args(argv)
    library = [f"scenario-{i:03d}" for i in range(args.scenarios)]

    with tempfile.TemporaryDirectory() as tmp:
        empty = ProgressStore(Path(tmp) / "empty")
        empty_trainee = empty.add_trainee("Bench").id
        once = ProgressStore(Path(tmp) / "once")
        once_trainee = uuid.uuid4().hex
        import_trainee_json(once, export_data(once_trainee, library, len(library)))
        full = ProgressStore(Path(tmp) / "full")
        trainee = uuid.uuid4().hex
        data = export_data(trainee, library, args.attempts)
        start = time.perf_counter()
        report = import_trainee_json(full, data)
        fill = time.perf_counter() - start
        assert report.added == args.attempts
        print(f"filled: {args.scenarios} scenarios, {args.attempts} attempts "
              f"({3 * args.attempts} steps) in {fill:.2f} s (bulk import, one transaction)")

        calls = {
            "empty store": lambda: empty.scenario_progress(empty_trainee, library),
            f"played once ({len(library)} attempts)": lambda: once.scenario_progress(once_trainee, library),
            f"full store ({args.attempts} attempts)": lambda: full.scenario_progress(trainee, library),
        }
        assert all(len(fn()) == args.scenarios for fn in calls.values())
        assert sum(p.attempts for p in calls[list(calls)[2]]().values()) == args.attempts
        for fn in calls.values():  # warm the caches of all three
            per_call(fn, args.calls)
        times: dict[str, list[float]] = {label: [] for label in calls}
        for _ in range(args.rounds):  # interleaved, so drift affects all alike
            for label, fn in calls.items():
                times[label].append(per_call(fn, args.calls))
        medians = {label: statistics.median(t) for label, t in times.items()}
        print(f"scenario_progress (library of {args.scenarios}), median of {args.rounds} rounds x {args.calls} calls:")
        for label, m in medians.items():
            print(f"  {label:28s} {m * 1e6:8.1f} us")
        e, o, f = medians.values()
        print(f"  ratio full/played-once: {f / o:.2f}x (the cost of {args.attempts // len(library)}x more history)")
        print(f"  ratio full/empty:       {f / e:.2f}x (for information: the empty store reads no rows)")

        now = T0 + timedelta(days=400)
        print("for information (full store, median per call):")
        for label, fn in (
            ("due_for_review", lambda: full.due_for_review(trainee, now, library)),
            ("unfinished_attempts", lambda: full.unfinished_attempts(trainee)),
            ("progress_summary", lambda: full.progress_summary(trainee, now=now, tz=timezone.utc)),
        ):
            print(f"  {label:22s} {statistics.median(per_call(fn, 5) for _ in range(5)) * 1e3:8.2f} ms")

        def grouped():  # the alternative: aggregate the attempts table on every library load
            with full._read() as db:
                return db.execute("SELECT scenario_id, COUNT(*), MAX(level_rank), MAX(started_at) FROM attempts "
                                  "WHERE trainee_id = ? AND status = 'finished' GROUP BY scenario_id",
                                  (trainee,)).fetchall()
        print(f"  {'GROUP BY attempts':22s} {statistics.median(per_call(grouped, 5) for _ in range(5)) * 1e3:8.2f} ms"
              "  (not used: why the store keeps a per-scenario progress table)")
        library_view(empty, empty_trainee, full, trainee, library, args.rounds)
        for store in (empty, once, full):
            store.close()
    return 0


def library_view(empty, empty_trainee: str, full, trainee: str, library: list[str], rounds: int) -> None:
    """End to end, what the trainee waits for at start: a freshly listed library screen (one card
    per scenario) reads the progress and shows it on every card, from the full store and from the
    empty one (each sample on a new screen; building the cards is not timed)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from simulator.core.catalog import CatalogEntry
    from simulator.gui.app import application
    from simulator.gui.practice.library import LibraryView

    app = application()
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(mode, context, message: str) -> None:  # the off-screen platform's note on every new window
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(quiet)

    def listed() -> LibraryView:
        view = LibraryView()
        view.resize(1280, 800)
        view.show()
        for i, sid in enumerate(library):
            view.add_entry("bundled", CatalogEntry(f"/bench/{sid}.yaml", True, f"Scenario {i}", sid, "banking",
                                                   "easy", 5, "A customer with a problem."))
        view.finish_loading()
        app.processEvents()
        return view

    def sample(store, trainee_id: str) -> float:
        view = listed()
        start = time.perf_counter()
        view.set_progress(store.scenario_progress(trainee_id, library))
        app.processEvents()
        elapsed = time.perf_counter() - start
        view.close()
        view.deleteLater()
        app.processEvents()
        return elapsed

    sample(empty, empty_trainee)
    sample(full, trainee)
    times: dict[str, list[float]] = {"empty": [], "full": []}
    for _ in range(rounds):
        times["empty"].append(sample(empty, empty_trainee))
        times["full"].append(sample(full, trainee))
    e, f = statistics.median(times["empty"]), statistics.median(times["full"])
    print(f"library screen showing the progress on {len(library)} new cards, median of {rounds} rounds:")
    print(f"  empty store {e * 1e3:8.2f} ms, full store {f * 1e3:8.2f} ms")
    print(f"  ratio full/empty:       {f / e:.2f}x (goal: within 1.20x) -> {'OK' if f / e <= 1.2 else 'OVER'}")


if __name__ == "__main__":
    sys.exit(main())
