"""The preview checks the file in the background: the window answers while a big file is
checked, says so, keeps the last good version on show (and playable), and never shows the
result of a check that a newer save overtook."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from simulator.core.diagnostics import FILE_UNREADABLE
from simulator.gui.workbench import preview_load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "lost-luggage.yaml"


@pytest.fixture
def example(tmp_path) -> Path:
    path = tmp_path / "lost-luggage.yaml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def preview(qtbot, data_dir, example):
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    window = PreviewWindow(str(example), Settings(str(data_dir)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=20000)
    window.watcher.stop()  # the test saves and reloads by hand, at the moments it chooses
    return window


def retitled(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f'title: "{title}"' + text[end:], encoding="utf-8")


def test_the_file_is_checked_off_the_ui_thread_while_the_last_good_version_plays_on(qtbot, preview, example,
                                                                                     monkeypatch):
    threads = []
    real = preview_load.check_file

    def recorded(path):
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(preview_load, "check_file", recorded)
    play = preview.play
    play.choose(2)  # the WOW reply: on to 'pills'
    good = preview.scenario
    retitled(example, "The suitcase that went to Porto")
    preview.reload()
    # until the result arrives: the window says it is checking, and the last good version is on show
    assert preview.checker.busy and preview.status_kind == "checking"
    assert "Checking lost-luggage.yaml" in preview.status_line.text()
    assert "version loaded at" in preview.status_line.text()
    assert preview.scenario is good and play.session.node.id == "pills" and play.reply_buttons
    play.choose(0)  # and it still plays
    assert play.session.ended
    ended_at = play.session.node.id
    with qtbot.waitSignal(preview.reloaded, timeout=20000):
        pass
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert preview.scenario.title == "The suitcase that went to Porto"
    assert play.session.ended and play.session.node.id == ended_at  # replayed to where the author got meanwhile
    assert preview.status_kind == "ok" and "replaying 2 replies" in preview.status_line.text()
    assert "The suitcase that went to Porto" in preview.windowTitle()


def test_a_result_that_a_newer_save_overtook_is_never_shown(qtbot, preview, example):
    shown = []
    preview.reloaded.connect(lambda: shown.append(preview.scenario.title))
    retitled(example, "First save")
    preview.reload()
    retitled(example, "Second save")  # saved again while the first save is checked
    preview.reload()
    qtbot.waitUntil(lambda: shown == ["Second save"], timeout=20000)
    qtbot.waitUntil(lambda: not preview.checker.busy)
    assert shown == ["Second save"] and preview.checker.dropped == 1
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # nothing is left to arrive
    assert shown == ["Second save"]


def test_a_file_opened_while_the_last_one_is_checked_shows_only_its_own_result(qtbot, preview, example, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copy(EXAMPLE, other)
    retitled(other, "Another scenario")
    preview.reload()
    preview.open_path(str(other))
    assert preview.scenario is None and "Checking other.yaml" in preview.status_line.text()
    qtbot.waitUntil(lambda: preview.scenario is not None, timeout=20000)
    assert preview.scenario.title == "Another scenario" and preview.checker.dropped == 1


def test_a_check_that_fails_says_so_as_a_problem_and_the_last_good_version_stays(qtbot, preview, monkeypatch):
    def broken(path):
        raise RuntimeError("the loader tripped")

    monkeypatch.setattr(preview_load, "check_file", broken)
    good = preview.scenario
    with qtbot.waitSignal(preview.reloaded, timeout=20000):
        preview.reload()
    assert [d.code for d in preview.problems.diagnostics] == [FILE_UNREADABLE]
    assert "the loader tripped" in preview.problems.diagnostics[0].message
    assert "Traceback" not in preview.problems.diagnostics[0].message
    assert preview.scenario is good and preview.status_kind == "error"
    assert preview.tabs.currentWidget() is preview.problems


def test_a_window_closed_and_let_go_while_it_checks_takes_no_result(qtbot, data_dir, example, capfd):
    import gc

    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    window = PreviewWindow(str(example), Settings(str(data_dir)))
    window.show()
    window.reload()
    assert window.checker.busy
    window.close()
    window.deleteLater()
    qtbot.wait(10)
    del window
    gc.collect()  # nothing holds the window now: the check under way must still end cleanly
    assert QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(50)  # the results arrive at nothing
    assert "Error" not in capfd.readouterr().err  # (PySide prints what goes wrong in a worker thread there)


def test_the_preview_closed_while_it_checks_ends_cleanly(qtbot, data_dir, tmp_path, capfd):
    """``simulator preview FILE`` closed during a long check: the command returns once the check
    has run out, without an error from the worker thread (it once printed a traceback)."""
    import importlib.util
    from argparse import Namespace

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from simulator.gui.app import run_preview
    from simulator.gui.workbench.preview_window import PreviewWindow

    spec = importlib.util.spec_from_file_location("_bench_map", ROOT / "bench" / "map.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "big.yaml"
    path.write_text(bench.generate(3000), encoding="utf-8")
    closed = []

    def close_while_checking():
        for window in QApplication.topLevelWidgets():
            if isinstance(window, PreviewWindow) and window.isVisible() and window.checker.busy:
                closed.append(window.windowTitle())
                window.close()  # the last window: the app ends, the check still running

    poll = QTimer(interval=5, timeout=close_while_checking)
    poll.start()
    assert run_preview(str(path), Namespace(data_dir=str(data_dir))) == 0
    poll.stop()
    assert closed == ["Preview: big.yaml"]
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # the check had ended before it returned
    qtbot.wait(50)
    assert "Error" not in capfd.readouterr().err
