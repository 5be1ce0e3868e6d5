"""Start-up benchmark: ``python -m simulator --smoke-test`` against a bare PySide6 window.

Both are started several times, interleaved, in the same run; the medians and their ratio
are printed (goal: the app takes at most 1.5x the bare window). A skeleton window with the same
kinds of widgets and no app code is timed alongside, to show what PySide6 itself costs.

The app as a trainee gets it is timed in the same rounds: the wheel (``pip wheel`` of a copy
of this checkout, installed with its dependencies into a fresh temporary venv, started as its
``simulator`` command) and the standalone bundle (dist/app/simulator, made by packaging/build;
skipped with a note when it has not been built). Both start from a folder outside the
checkout. Goal: the bundle takes at most 1.2x the installed wheel.

    python3 bench/startup.py [--runs 7] [--bundle dist/app/simulator] [--no-wheel]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5
BUNDLE_GOAL = 1.2  # the bundle against the installed wheel
BUNDLE = ROOT / "dist" / "app" / ("simulator.exe" if os.name == "nt" else "simulator")
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "out", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".hypothesis")

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

# The same kinds of widgets as the library screen, with nothing of the app's own: what PySide6
# itself costs for such a window (its Qt namespace, menus, a list, text). Printed for reference.
SKELETON = """
import sys
from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel, QLineEdit, QListView, QMainWindow,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)
app = QApplication(sys.argv[:1])
window = QMainWindow()
stack = QStackedWidget()
window.setCentralWidget(stack)
page = QWidget()
stack.addWidget(page)
column = QVBoxLayout(page)
header = QHBoxLayout()
header.addWidget(QLabel("Scenario library"), 1, Qt.AlignmentFlag.AlignLeft)
header.addWidget(QPushButton("Who is practising?"))
column.addLayout(header)
bar = QHBoxLayout()
bar.addWidget(QLineEdit())
domains = QComboBox()
domains.addItem("All domains")
bar.addWidget(domains)
column.addLayout(bar)
cards = QListView()
cards.setModel(QStringListModel([f"Scenario {i}" for i in range(13)]))
column.addWidget(cards, 1)
for title in ("&File", "&View", "&Progress", "&Help"):
    menu = window.menuBar().addMenu(title)
    for i in range(5):
        action = QAction(f"Action {i}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{i}"))
        menu.addAction(action)
window.statusBar().showMessage("Loading the library…")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def timed(cmd: list[str], env: dict, cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def install_wheel(temp: Path) -> tuple[Path, int]:
    """The ``simulator`` command of this checkout's wheel in a fresh venv, and how many scenarios it carries."""
    source = temp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)  # a build in a copy leaves no build/ here, nothing stale
    quiet = dict(stdout=subprocess.DEVNULL, check=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(temp / "wheel")],
                   cwd=source, **quiet)
    subprocess.run([sys.executable, "-m", "venv", str(temp / "venv")], **quiet)
    bin_dir = temp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    wheel = next((temp / "wheel").glob("*.whl"))
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], **quiet)
    where = subprocess.run([str(bin_dir / "python"), "-c", "from simulator.core.assets import bundled_dir; "
                            "print(len(list(bundled_dir('scenarios').glob('*.yaml'))))"],
                           cwd=temp, capture_output=True, text=True, check=True)
    return bin_dir / "simulator", int(where.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the standalone app (default: %(default)s)")
    parser.add_argument("--no-wheel", action="store_true", help="do not build and time the installed wheel")
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    temp = Path(tempfile.mkdtemp(prefix="simulator-bench-"))
    env["SIMULATOR_HOME"] = str(temp / "home-checkout")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files; the warm-up run writes them
    app_cmd = [sys.executable, "-m", "simulator", "--smoke-test"]
    bare_cmd = [sys.executable, "-c", BARE]
    skeleton_cmd = [sys.executable, "-c", SKELETON]
    installed: list[tuple[str, list[str], dict]] = []  # label, command, environment; started outside the checkout
    notes = []
    if not args.no_wheel:
        print("installing the wheel into a fresh venv…", file=sys.stderr, flush=True)
        command, wheel_scenarios = install_wheel(temp)
        installed.append(("installed wheel (venv)", [str(command), "--smoke-test"],
                          f"{wheel_scenarios} bundled scenarios" if wheel_scenarios else
                          "the wheel carries no scenarios: its library is empty, so it does less work"))
    if args.bundle.exists():
        installed.append(("standalone bundle", [str(args.bundle.resolve()), "--smoke-test"], str(args.bundle)))
    else:
        notes.append(f"standalone bundle: {args.bundle} not built (packaging/build makes it); not timed")
    outside = temp / "cwd"
    outside.mkdir()
    envs = {label: dict(env, SIMULATOR_HOME=str(temp / f"home-{i}")) for i, (label, _, _) in enumerate(installed)}
    timed(app_cmd, env)  # warm the file cache, write the .pyc files and the library's catalogue cache
    timed(bare_cmd, env)
    timed(skeleton_cmd, env)
    for label, command, _ in installed:
        timed(command, envs[label], outside)
    bare, app, skeleton = [], [], []
    times: dict[str, list[float]] = {label: [] for label, _, _ in installed}
    for _ in range(args.runs):
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
        skeleton.append(timed(skeleton_cmd, env))
        for label, command, _ in installed:
            times[label].append(timed(command, envs[label], outside))
    shutil.rmtree(temp, ignore_errors=True)
    b, a = statistics.median(bare), statistics.median(app)
    ratio = a / b

    def line(label: str, times: list[float]) -> str:
        median = statistics.median(times)
        return (f"{label:26s}: median {median * 1000:5.0f} ms  (min {min(times) * 1000:.0f}, "
                f"max {max(times) * 1000:.0f})  {median / b:.2f}x")

    print(f"platform: {env.get('QT_QPA_PLATFORM') or 'native'}, {args.runs} runs each, interleaved")
    print(line("bare PySide6 window", bare))
    print(line("PySide6 widget skeleton", skeleton) + "  (for reference: menus, a list, text; no app code)")
    print(line("simulator --smoke-test", app))
    print(f"ratio: {ratio:.2f}x  (goal: at most {GOAL}x) {'OK' if ratio <= GOAL else 'OVER'}")
    for label, _, note in installed:
        print(line(label, times[label]) + f"  ({note})")
    for note in notes:
        print(note)
    if len(times) == 2:
        wheel, bundle = (statistics.median(t) for t in times.values())
        verdict = "OK" if bundle / wheel <= BUNDLE_GOAL else "OVER"
        print(f"bundle / installed wheel: {bundle / wheel:.2f}x  (goal: at most {BUNDLE_GOAL}x) {verdict}"
              + ("" if wheel_scenarios else "  (not like for like: the wheel's library is empty)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
