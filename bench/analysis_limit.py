"""Responsiveness at the analysis limit: the live preview and the library, with files near and
far past the limit against small ones.

Run: python3 bench/analysis_limit.py [--runs 7]   (offscreen unless QT_QPA_PLATFORM says otherwise)
Prints, first, the median time from a save's check being asked for (``reload``) to its result on show in
the live preview, for:
- a small scenario (the tests' BASE, a few nodes);
- 13 flags set early and tested at the end, just below the analysis limit (16,386 states): the
  preview plays it and its map shows the full analysis;
- 30 such flags, far beyond it (2**30 states if they were explored): the preview shows E029;
and each of the two against the small file's, as a ratio and as the extra time. Goal (what
docs/scenario-format.md promises): at the limit the extra work takes well under a second, so the
preview stays responsive. The three are saved in turn, round after round, in one preview window,
so a busy moment of a shared machine falls on all of them alike. The file watcher is stopped:
each save is checked once, when asked.
Then the library's loading job (run in this thread) over a folder of two small files, one a
copy of the other's id, with and without a file of 26 such flags (revised to a card with E029),
in turn: the medians, their ratio and the extra time (goal: well under a second more).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from simulator.gui.base.worker import LoadJob  # noqa: E402
from simulator.gui.settings import Settings  # noqa: E402
from simulator.gui.workbench.preview_window import PreviewWindow  # noqa: E402
from tests.scenario_text import BASE, flag_chain  # noqa: E402

TIMEOUT_MS = 60_000


def wait_for(window: PreviewWindow, shown) -> None:
    """Run the event loop until ``shown(window)`` holds after a result arrives (or fail after a minute)."""
    loop = QEventLoop()
    window.reloaded.connect(loop.quit)
    timer = QTimer(singleShot=True, interval=TIMEOUT_MS)
    timer.timeout.connect(loop.quit)
    timer.start()
    try:
        while not shown(window):
            if not timer.isActive():
                raise SystemExit("the preview showed nothing within a minute")
            loop.exec()
    finally:
        window.reloaded.disconnect(loop.quit)
        timer.stop()


def codes(window: PreviewWindow) -> list[str]:
    return [d.code.code for d in window.problems.diagnostics]


# name -> (the file's text, what the preview shows once it has checked it)
FILES = {
    "small file": (BASE, lambda w: w.scenario is not None and w.scenario.id == "t" and not codes(w)
                   and w.status_kind != "checking"),
    "13 flags (just below)": (flag_chain(13), lambda w: w.scenario is not None and w.scenario.id == "flags"
                              and w.analysis is not None and w.status_kind != "checking"),
    "30 flags (far beyond)": (flag_chain(30), lambda w: codes(w) == ["E029"] and w.status_kind == "error"),
}


def preview(app: QApplication, runs: int) -> None:
    """The preview's save-to-shown times, the three files in turn each round."""
    times: dict[str, list[float]] = {name: [] for name in FILES}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flags.yaml"
        path.write_text(BASE, encoding="utf-8")
        window = PreviewWindow(str(path), Settings(str(Path(folder) / "data")))
        window.show()
        wait_for(window, FILES["small file"][1])
        window.watcher.stop()  # each save is checked once, when asked
        for _ in range(runs):
            for name, (text, shown) in FILES.items():
                path.write_text(text, encoding="utf-8")
                start = time.perf_counter()
                window.reload()
                wait_for(window, shown)
                times[name].append(time.perf_counter() - start)
        window.close()
        app.processEvents()
    medians = {name: statistics.median(values) for name, values in times.items()}
    small = medians["small file"]
    print(f"a save checked and shown in the preview, median of {runs} rounds:")
    print(f"  small file            {small * 1000:7.1f} ms")
    for name in list(FILES)[1:]:
        print(f"  {name:<21} {medians[name] * 1000:7.1f} ms | {medians[name] / small:5.1f}x the small file's, "
              f"{(medians[name] - small) * 1000:6.1f} ms more (goal: well under 1,000 ms more)")


def library(runs: int) -> None:
    """The library job's times over a folder without and with a file far beyond the limit, in turn."""
    times: dict[str, list[float]] = {"without": [], "with": []}
    with tempfile.TemporaryDirectory() as folder:
        for name in times:
            scenarios = Path(folder) / name
            scenarios.mkdir()
            (scenarios / "a.yaml").write_text(BASE, encoding="utf-8")
            (scenarios / "b-copy.yaml").write_text(BASE.replace("title: T", "title: Copy"), encoding="utf-8")
        (Path(folder) / "with" / "flags.yaml").write_text(flag_chain(26), encoding="utf-8")
        for _ in range(runs):
            for name, values in times.items():
                job = LoadJob(1, [("user", str(Path(folder) / name))])
                revised: list[str] = []
                job.signals.revised.connect(lambda _g, item: revised.append(os.path.basename(item.entry.path)))
                start = time.perf_counter()
                job.run()  # in this thread: the signals arrive directly
                values.append(time.perf_counter() - start)
                if name == "with" and "flags.yaml" not in revised:
                    raise SystemExit("the library did not revise the flags file's card")
    without, with_ = (statistics.median(times[name]) for name in ("without", "with"))
    print(f"the library's loading job, median of {runs} rounds:")
    print(f"  two small files             {without * 1000:7.1f} ms")
    print(f"  and 26 flags (far beyond)   {with_ * 1000:7.1f} ms | {with_ / without:5.1f}x, "
          f"{(with_ - without) * 1000:6.1f} ms more (goal: well under 1,000 ms more)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    preview(app, args.runs)
    library(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
