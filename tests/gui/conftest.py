"""Shared set-up for the GUI tests: offscreen Qt, a throw-away data folder, a main window."""

from __future__ import annotations

import os
from pathlib import Path

# The offscreen screens: a small laptop's (1366x768, the primary), where windows must still fit, and a
# 1920x1080 projector to its right, where presenter mode opens as in a classroom.
_SCREEN = Path(__file__).resolve().parent / "screen-1366x768.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import pytest  # noqa: E402

# The format example is not part of the bundled library; the test windows open it as a file,
# the way a trainer opens any scenario, so the tests can play a short, known scenario.
FORMAT_EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "lost-luggage.yaml"

TIMER_SCENARIO = """\
format: 1
id: tiny-timer
title: "The customer who will not <b>wait</b>"
domain: testing
difficulty: easy
minutes: 1
summary: "A tiny scenario for the tests: one timed decision."
customer:
  name: "Tess <i>Tester</i>"
  portrait: nobody-drew-this-one
  organization: "Test shop"
  wants: "An answer"
  expects: "A quick one"
  mood: 50
start: ask
nodes:
  ask:
    customer: "Quick: <b>yes</b> or no?"
    timeout:
      seconds: 1
      mood: -10
      feedback: "She walks away."
      goto: gone
    replies:
      - say: "Yes."
        level: wow
        mood: 20
        feedback: "She smiles."
        goto: happy
      - say: "Let me check."
        level: standard
        feedback: "She nods."
        goto: calm
      - say: "Not my problem."
        level: low
        mood: -20
        feedback: "She frowns."
        goto: gone
  happy:
    customer: "Thanks!"
    ending: {level: wow, title: Happy, feels: Good, thinks: Nice, returns: 90}
  calm:
    customer: "Fine."
    ending: {level: standard, title: Calm, feels: Fine, thinks: OK, returns: 50}
  gone:
    customer: "Forget it."
    ending: {level: low, title: Gone, feels: Ignored, thinks: Never again, returns: 0}
"""

BROKEN_SCENARIO = """\
format: 1
id: broken-one
title: "A broken scenario"
customer:
  name: Bob
start: hello
nodes:
  hello:
    customer: "Hi"
    replies:
      - say: "Hello"
        level: amazing
        feedback: "Hm."
        goto: nowhere
"""


@pytest.fixture(autouse=True)
def _restore_app_font(qapp):
    """The font scale changes the application font: put it back after each test."""
    font = qapp.font()
    sheet = qapp.styleSheet()
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def user_folder(tmp_path):
    folder = tmp_path / "my-scenarios"
    folder.mkdir()
    (folder / "tiny-timer.yaml").write_text(TIMER_SCENARIO, encoding="utf-8")
    return folder


def _make_window(qtbot, data_dir, user_folder=None, open_example=True):
    from simulator.gui.main_window import MainWindow
    from simulator.gui.settings import Settings
    from simulator.gui.base.style import stylesheet
    from PySide6.QtWidgets import QApplication

    QApplication.instance().setStyleSheet(stylesheet())
    settings = Settings(str(data_dir))
    if user_folder is not None:
        settings.user_folder = str(user_folder)
    window = MainWindow(settings)
    if open_example:
        window.opened_files.append(str(FORMAT_EXAMPLE))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitSignal(window.library_ready, timeout=20000):
        window.show()
        window.load_library()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def main_window(qtbot, data_dir):
    return _make_window(qtbot, data_dir)


@pytest.fixture
def window_with_folder(qtbot, data_dir, user_folder):
    return _make_window(qtbot, data_dir, user_folder)
