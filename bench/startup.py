"""Start-up benchmark: ``python -m simulator --smoke-test`` against a bare PySide6 window.

Both are started several times, interleaved, in the same run; the medians and their ratio
are printed (goal: the app takes at most 1.5x the bare window).

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
    timed(app_cmd, env)  # warm the file cache and write the .pyc files
    timed(bare_cmd, env)
    bare, app = [], []
    for _ in range(args.runs):
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    ratio = a / b
    print(f"platform: {env.get('QT_QPA_PLATFORM') or 'native'}, {args.runs} runs each, interleaved")
    print(f"bare PySide6 window : median {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"simulator --smoke-test: median {a * 1000:7.0f} ms  (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio: {ratio:.2f}x  (goal: at most {GOAL}x) {'OK' if ratio <= GOAL else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
