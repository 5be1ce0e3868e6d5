"""Start-up benchmark: ``python -m simulator --smoke-test`` against a bare PySide6 window.

Both are started several times, interleaved, in the same run; the medians and their ratio
are printed (goal: the app takes at most 1.5x the bare window). A skeleton window with the same
kinds of widgets and no app code is timed alongside, to show what PySide6 itself costs.

    python3 bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5

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


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="simulator-bench-")
    env["SIMULATOR_HOME"] = home
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files; the warm-up run writes them
    app_cmd = [sys.executable, "-m", "simulator", "--smoke-test"]
    bare_cmd = [sys.executable, "-c", BARE]
    skeleton_cmd = [sys.executable, "-c", SKELETON]
    timed(app_cmd, env)  # warm the file cache, write the .pyc files and the library's catalogue cache
    timed(bare_cmd, env)
    timed(skeleton_cmd, env)
    bare, app, skeleton = [], [], []
    for _ in range(args.runs):
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
        skeleton.append(timed(skeleton_cmd, env))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
