"""The installed app carries its content, and its smoke test says when it does not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from simulator.core.assets import bundled_content_problems

ROOT = Path(__file__).resolve().parent.parent


def content_files() -> set[str]:
    """Every file of scenarios/ and assets/ that the app reads, as the wheel should hold it."""
    files = {f"scenarios/{p.name}" for p in (ROOT / "scenarios").glob("*.yaml")}
    files |= {f"assets/icons/{p.name}" for p in (ROOT / "assets" / "icons").glob("*.svg")}
    files |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "assets" / "portraits").glob("*/*.svg")}
    return files


def test_the_checkout_has_all_its_content():
    assert bundled_content_problems() == []


def test_the_wheel_carries_every_scenario_portrait_and_icon(tmp_path):
    source = tmp_path / "source"  # a copy: the build leaves build/ and *.egg-info where it runs
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "__pycache__", "build", "dist", "*.egg-info"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {n.removeprefix("simulator/_bundled/") for n in names if n.startswith("simulator/_bundled/")}
    assert bundled == content_files()
    assert "simulator/core/scenario.schema.json" in names


def test_the_smoke_test_fails_when_the_bundled_content_is_missing(tmp_path):
    package = tmp_path / "site" / "simulator"
    shutil.copytree(ROOT / "simulator", package, ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIMULATOR_HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(package.parent)}
    run = subprocess.run([sys.executable, "-m", "simulator", "--smoke-test"], cwd=tmp_path / "site", env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "no bundled scenarios" in run.stderr and "icon" in run.stderr and "smoke test ok" not in run.stdout


def test_the_smoke_test_counts_the_bundled_library(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIMULATOR_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-m", "simulator", "--smoke-test"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    scenarios = len(list((ROOT / "scenarios").glob("*.yaml")))
    portraits = len([p for p in (ROOT / "assets" / "portraits").iterdir() if p.is_dir() and p.name != "placeholder"])
    assert run.stdout.strip().splitlines()[-1] == f"smoke test ok: {scenarios} scenarios, {portraits} portraits"
