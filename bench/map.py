"""Workbench speed: the scenario map's frames, and how long the preview takes to reload a big file.

    QT_QPA_PLATFORM=offscreen python3 bench/map.py [--sizes 500 2000] [--frames 15] [--reload]
                                                   [--png DIR]

For generated scenarios of 500 and 2,000 nodes (laid out about as wide as tall), in a 1200x800 view:
- build: laying out and drawing the map (``ScenarioMapView.build``);
- pan: frames while scrolling at 100% zoom;
- zoom: frames while zooming out step by step from 100% to the whole map, and back;
- fitted: frames with the whole map in view, while panning it a little, and the first frame
  after Fit from 100% zoom with a path played, Fit included (goal for both: under 16 ms at
  500 nodes, under 33 ms at 2,000: 60 and 30 frames a second).
A frame is the whole viewport painted (``viewport().grab()``), so these are worst cases: a
real scroll repaints only the strip that came into view. Medians of FRAMES frames.

With ``--reload``, the preview window's opening and reload (load, analysis and map layout in the
background; map, watch panel, problems and play screen on the UI thread) of files with many
nodes and flags: 1,500 nodes with 3,000 flags, 3,000 nodes, 30,000 nodes. Each prints the time
until the result is on show and the longest the window stood frozen meanwhile (the goal: a
window that keeps answering, however long the check).
With ``--png DIR``, the 500-node map is saved fitted and at 100% zoom, to look at.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402

VIEW = (1200, 800)
GOALS = {500: 16.0, 2000: 33.0}  # ms a fitted frame
LEVELS = ("low", "standard", "wow")


def generate(n_nodes: int, n_flags: int = 0, seed: int = 3) -> str:
    """A scenario shaped like a real map: about sqrt(n) columns of decisions, each reply leading
    to a node nearby in the next column or the one after, endings in the last column, every node reachable.
    Terse, so 30,000 nodes stay under the 10 MiB file limit. The replies set ``n_flags``
    different flags between them; in each column one flag set just before is tested."""
    rng = random.Random(seed)
    rows = max(1, round(1.4 * n_nodes ** 0.5))  # the map fills a 3:2 view
    sizes: list[int] = []  # nodes per column: 1, 3, 9, ... up to ``rows``; the last column holds the endings
    while sum(sizes) < n_nodes:
        sizes.append(min(rows, 3 ** len(sizes), n_nodes - sum(sizes)))
    names = [[f"n{c}_{r}" for r in range(size)] for c, size in enumerate(sizes)]
    names[0][0] = "start"
    out = ["format: 1", "id: generated-map", "title: Generated map", "minutes: 10", "domain: retail",
           "customer: {name: Pat, organization: Shop, wants: help, expects: help, yearly_value: 5000}",
           "start: start", "nodes:"]
    replies = 3 * (n_nodes - sizes[-1])
    flag, reply = 0, 0
    for c in range(len(sizes) - 1):
        here, ahead = sizes[c], sizes[c + 1]
        tested = f"f{flag - 1}" if c and flag else ""
        for r, name in enumerate(names[c]):
            out.append(f"  {name}:")
            out.append(f"    customer: Moment {c}.{r}.")
            out.append("    replies:")
            for k in range(3):
                def target() -> str:
                    if ahead > k * here:  # every node of the next column is reached
                        return names[c + 1][(r + k * here) % ahead]
                    step = 2 if c + 2 < len(sizes) - 1 and rng.random() < 0.2 else 1
                    size = sizes[c + step]  # a neighbour of the same height, as stories branch
                    row = r * size // here + rng.randint(-3, 3)
                    return names[c + step][min(size - 1, max(0, row))]
                reply += 1
                sets = [f"f{f}" for f in range(flag, reply * n_flags // replies)]
                flag += len(sets)
                extra = f", sets: [{', '.join(sets)}]" if sets else ""
                goto = target()
                if tested and k == 1 and r % 4 == 0:
                    goto = f"[{{if: {tested}, then: {goto}}}, {{else: {target()}}}]"
                out.append(f"      - {{say: Option {k} at {c}.{r}., level: {LEVELS[(k + r) % 3]}, mood: "
                           f"{(k - 1) * 5}, feedback: Fine.{extra}, goto: {goto}}}")
    for r, name in enumerate(names[-1]):
        out.append(f"  {name}: {{customer: Bye., ending: {{level: {LEVELS[r % 3]}, feels: calm, thinks: fine,"
                   f" returns: {30 + r % 60}}}}}")
    return "\n".join(out) + "\n"


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def frames(view, steps, frames_: int) -> list[float]:
    """Time ``frames_`` whole-viewport paints, calling the next of ``steps`` before each."""
    times = []
    for i in range(frames_):
        steps(i)
        start = time.perf_counter()
        view.viewport().grab()
        times.append(time.perf_counter() - start)
    return times


def played_path(scenario, steps: int) -> tuple[list[tuple[str, str, str | None]], str]:
    """The hops of a play-through taking the first reply ``steps`` times, and where it is: the
    path the map highlights (as the preview window's ``path_hops``)."""
    from simulator.core.engine import PlaySession

    session = PlaySession(scenario)
    for _ in range(steps):
        if session.ended:
            break
        session.choose(0, 1.0)
    nodes = [s.node for s in session.steps] + [session.node.id]
    hops = [(s.node, nodes[i + 1], None if s.reply is None else s.reply.key) for i, s in enumerate(session.steps)]
    return hops, session.node.id


def first_frames_after_fit(view, scenario, times: int) -> list[float]:
    """The first frame after Fit, as an author gets it: reading the map at 100% with a path played
    (the detailed items on show), then Fit. Each time a new path, so nothing is left over."""
    out = []
    for i in range(times):
        view.resetTransform()
        hops, current = played_path(scenario, 3 + i)
        view.highlight(hops, current)
        view.center_on_node(current)
        view.viewport().grab()
        start = time.perf_counter()
        view.fit()
        view.viewport().grab()
        out.append(time.perf_counter() - start)
    return out


def bench_map(n: int, frame_count: int, png: str | None) -> None:
    from simulator.gui.workbench.map_view import ScenarioMapView

    result = ScenarioLoader().load_bytes(generate(n).encode(), f"generated-{n}.yaml")
    assert result.scenario is not None, [d.format() for d in result.errors][:3]
    scenario, analysis = result.scenario, analyze(result.scenario)
    view = ScenarioMapView()
    view.resize(*VIEW)
    view.show()
    QApplication.processEvents()
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        view.build(scenario, analysis)
        builds.append(time.perf_counter() - start)
    items = len(view.scene().items())

    view.resetTransform()
    view.center_on_node(view._start_id())
    bar = view.horizontalScrollBar()
    view.viewport().grab()  # the items' caches are filled once
    pan = frames(view, lambda i: bar.setValue(bar.value() + 40), frame_count)

    view.fit()
    fitted_zoom = view.zoom()
    view.resetTransform()
    ladder = []
    z = 1.0
    while z / 1.25 > fitted_zoom:
        z /= 1.25
        ladder.append(z)
    ladder = ladder + ladder[-2::-1] + [1.0]

    def zoom_step(i: int) -> None:
        target = ladder[i % len(ladder)]
        view.scale(target / view.zoom(), target / view.zoom())

    zoom = frames(view, zoom_step, max(frame_count, len(ladder)))

    after_fit = first_frames_after_fit(view, scenario, max(5, frame_count // 2))
    view.fit()
    view.scale(1.02, 1.02)  # a little more than fitted, so that there is room to pan
    hbar = view.horizontalScrollBar()
    fitted = frames(view, lambda i: hbar.setValue(hbar.minimum() + (i % 5) * max(1, hbar.maximum() // 5)),
                    frame_count)
    goal = GOALS.get(n)
    verdict = ""
    if goal is not None:
        met = median_ms(fitted) < goal and median_ms(after_fit) < goal
        verdict = f" (goal < {goal:.0f} ms: {'met' if met else 'NOT met'})"
    print(f"{n:>5} nodes, {items:,} items: build {median_ms(builds):6.1f} ms | pan at 100% {median_ms(pan):5.1f} ms"
          f" | zoom {median_ms(zoom):5.1f} ms | fitted (zoom {fitted_zoom:.3f}) {median_ms(fitted):6.1f} ms, "
          f"first after Fit {median_ms(after_fit):6.1f} ms (worst {max(after_fit) * 1000:.1f}){verdict}")
    if png:
        os.makedirs(png, exist_ok=True)
        view.fit()
        view.viewport().grab().save(os.path.join(png, f"map-{n}-fitted.png"))
        view.resetTransform()
        view.center_on_node(view._start_id())
        view.viewport().grab().save(os.path.join(png, f"map-{n}-100.png"))
        for z in (0.5, 0.25):
            view.resetTransform()
            view.scale(z, z)
            view.center_on_node(view._start_id())
            view.viewport().grab().save(os.path.join(png, f"map-{n}-{int(z * 100)}.png"))
    view.close()
    view.deleteLater()


class Stalls:
    """The longest time the UI thread went without turning its event loop (a 5 ms timer's
    longest gap): how long the window stood frozen."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest, self._last = 0.0, time.perf_counter()
        self._timer = QTimer(interval=5, timeout=self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest, self._last = max(self.longest, now - self._last), now

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return self.longest


def until_reloaded(window, start_check) -> tuple[float, float]:
    """(seconds until the preview shows the result, the longest freeze of the window meanwhile)."""
    shown = []
    window.reloaded.connect(lambda: shown.append(time.perf_counter()))
    stalls = Stalls()
    start = time.perf_counter()
    start_check()
    while not shown:
        QApplication.processEvents()
        time.sleep(0.002)
    return shown[0] - start, stalls.stop()


def bench_reload(cases) -> None:
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    with tempfile.TemporaryDirectory() as tmp:
        for nodes, flags in cases:
            path = Path(tmp) / f"big-{nodes}.yaml"
            path.write_text(generate(nodes, flags), encoding="utf-8")
            core_start = time.perf_counter()
            result = ScenarioLoader().load(str(path))
            core = time.perf_counter() - core_start
            assert result.scenario is not None, [d.format() for d in result.errors][:3]
            holder = []
            first, first_freeze = until_reloaded_new(holder, lambda: PreviewWindow(str(path), Settings(
                os.path.join(tmp, "home"))))
            window = holder[0]
            again, freeze = until_reloaded(window, window.reload)
            print(f"reload {nodes:>6,} nodes, {flags:>5,} flags ({path.stat().st_size / 1024:,.0f} KiB): "
                  f"open {first:6.2f} s (window frozen at most {first_freeze:5.2f} s) | reload {again:6.2f} s "
                  f"(frozen at most {freeze:5.2f} s) | load+analysis alone {core:5.2f} s | "
                  f"{window.status_line.text()[:60]!r}")
            window.close()
            window.deleteLater()
            QApplication.processEvents()


def until_reloaded_new(holder: list, make) -> tuple[float, float]:
    """As ``until_reloaded``, for a window being opened: ``make()`` builds it (into ``holder``)."""
    stalls = Stalls()
    start = time.perf_counter()
    window = make()
    holder.append(window)
    window.show()
    while window.last_result is None:
        QApplication.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - start, stalls.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--frames", type=int, default=15)
    parser.add_argument("--reload", type=int, nargs="*", default=None,
                        help="node counts to reload (default: 1500 with 3000 flags, 3000, 30000)")
    parser.add_argument("--png", default=None)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from simulator.gui.base.style import stylesheet

    app.setStyleSheet(stylesheet())
    for n in args.sizes:
        bench_map(n, args.frames, args.png if n == args.sizes[0] else None)
    if args.reload is not None:
        sizes = args.reload or [1500, 3000, 30000]
        bench_reload([(n, 3000 if n == 1500 else 0) for n in sizes])


if __name__ == "__main__":
    main()
