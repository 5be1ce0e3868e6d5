"""The app's side of hostile files: duplicate ids in the library, portraits linked out of the
scenario's folder, and the live preview and the library at the analysis limit."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from simulator.core.catalog import CatalogEntry
from simulator.core.levels import Emotion, Level
from simulator.core.loader import ScenarioLoader
from simulator.core.model import Customer, Scenario
from simulator.core.progress import ScenarioProgress
from simulator.gui.practice.library import LibraryView
from tests.scenario_text import BASE, edit, flag_chain

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>"


def entry(path: str, scenario_id: str, title: str) -> CatalogEntry:
    return CatalogEntry(path, True, title, scenario_id, "banking", "easy", 5, "A customer.", id_line=2, id_column=5)


@pytest.fixture
def library(qtbot):
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_two_files_with_one_id_show_the_problem_on_the_later_card_and_count_once(qtbot, library):
    first = library.add_entry("bundled", entry("/lib/queue.yaml", "queue", "The queue"))
    later = library.add_entry("user", entry("/mine/queue-copy.yaml", "queue", "The queue, my copy"))
    other = library.add_entry("user", entry("/mine/other.yaml", "other", "Another"))
    library.finish_loading()
    assert first.playable and other.playable and not later.playable
    assert "queue" in later.problems_text() and "/lib/queue.yaml" in later.problems_text()
    assert "queue-copy.yaml:2" in later.problems_text()
    assert later.chips()[0][0].startswith("⚠ Cannot be played: 1 problem")
    due = ScenarioProgress("queue", 1, Level.LOW, NOW - timedelta(days=3), NOW - timedelta(days=1), 0)
    library.set_progress({"queue": due}, NOW)
    assert library.due_cards() == [first]
    assert library.headings()[0] == "Due for review (1)"
    assert "1 due for review" in library.count_label.text() and "1 file with problems" in library.count_label.text()
    # Ctrl+C on the later card copies its problem; Enter does not open it
    library.focus_card(later)
    qtbot.waitUntil(library.list.hasFocus)
    qtbot.keyClick(library.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "/lib/queue.yaml" in QGuiApplication.clipboard().text()
    chosen = []
    library.scenario_chosen.connect(chosen.append)
    qtbot.keyClick(library.list, Qt.Key.Key_Return)
    assert chosen == []


def test_when_the_first_file_stops_being_playable_the_later_one_plays_again(qtbot, library):
    library.add_entry("bundled", entry("/lib/queue.yaml", "queue", "The queue"))
    later = library.add_entry("user", entry("/mine/queue-copy.yaml", "queue", "The queue, my copy"))
    assert not later.playable
    library.add_entry("bundled", CatalogEntry("/lib/queue.yaml", False, "The queue"))  # re-read: now broken
    library.finish_loading()
    assert later.playable and later.problems_text() == ""
    assert [c.entry.path for c in library.cards] == ["/lib/queue.yaml", "/mine/queue-copy.yaml"]  # kept in place


def with_portrait(portrait: str, path) -> Scenario:
    """A scenario whose portrait the checks would refuse: the app must be safe on its own too."""
    return Scenario("p", "P", "a", {}, Customer(name="Ann", portrait=portrait), path=str(path))


def test_the_app_never_shows_a_portrait_file_linked_from_outside_the_scenario_folder(tmp_path):
    from simulator.gui.widgets.portraits import portrait_file

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text(SVG, encoding="utf-8")
    faces = tmp_path / "scenario" / "faces"
    faces.mkdir(parents=True)
    (faces / "angry.svg").write_text(SVG, encoding="utf-8")
    os.symlink(outside / "secret.svg", faces / "neutral.svg")
    os.symlink(outside / "secret.svg", faces / "pleased.png")
    path = tmp_path / "scenario" / "s.yaml"
    path.write_text(edit(insert={8: "  portrait: faces"}), encoding="utf-8")
    assert [d.code.code for d in ScenarioLoader().load(path).errors] == ["E023", "E023"]
    scenario = with_portrait("faces", path)
    assert portrait_file(scenario, Emotion.ANGRY) == faces / "angry.svg"
    for emotion in (Emotion.NEUTRAL, Emotion.PLEASED, Emotion.DELIGHTED):
        shown = portrait_file(scenario, emotion)
        assert shown is not None and "placeholder" in str(shown), (emotion, shown)


@pytest.mark.parametrize("portrait", ["x" * 300, "a\0b.png", "faces/" + "y" * 256 + ".svg"])
def test_the_app_shows_the_placeholder_for_an_unusable_portrait_name(portrait, tmp_path):
    from simulator.gui.widgets.portraits import portrait_file, portrait_pixmap

    scenario = with_portrait(portrait, tmp_path / "s.yaml")
    assert "placeholder" in str(portrait_file(scenario, Emotion.NEUTRAL))
    assert not portrait_pixmap(scenario, Emotion.UPSET, 64).isNull()


def test_preview_plays_a_file_below_the_analysis_limit_and_shows_e029_beyond(qtbot, tmp_path):
    """Below the limit the preview plays the file with its full analysis; far beyond, it shows E029;
    fixed, it plays again. (How long each takes: bench/analysis_limit.py.)"""
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    path = tmp_path / "flags.yaml"
    path.write_text(flag_chain(13), encoding="utf-8")  # just below the limit: 16,386 states
    window = PreviewWindow(str(path), Settings(str(tmp_path / "data")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=20000)  # checked in the background
    assert window.analysis is not None
    assert window.analysis is window.last_result.analysis  # analysed once, by the loader

    path.write_text(flag_chain(30), encoding="utf-8")  # far beyond: 2**30 states if it were explored
    window.reload()
    # the file watcher may start a second check of the same save: wait for the last one to show
    qtbot.waitUntil(lambda: [d.code.code for d in window.problems.diagnostics] == ["E029"]
                    and "error" in window.status_line.text(), timeout=20000)
    path.write_text(BASE, encoding="utf-8")
    window.reload()
    qtbot.waitUntil(lambda: window.scenario.id == "t" and window.problems.count() == 0, timeout=20000)


def test_the_library_job_shows_the_analysis_limit_and_duplicate_ids(qtbot, tmp_path):
    """The library's own loading: a file beyond the analysis limit is revised to a card with E029;
    a copy of another file's id gets E030 on its card once both are listed. (How long either
    takes: bench/analysis_limit.py.)"""
    from simulator.gui.base.worker import LoadJob

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a.yaml").write_text(BASE, encoding="utf-8")
    (folder / "b-copy.yaml").write_text(BASE.replace("title: T", "title: Copy"), encoding="utf-8")
    (folder / "flags.yaml").write_text(flag_chain(26), encoding="utf-8")
    job = LoadJob(1, [("user", str(folder))])
    library = LibraryView()
    qtbot.addWidget(library)
    job.signals.loaded.connect(lambda _g, item: library.add_entry(item.origin, item.entry))
    job.signals.revised.connect(lambda _g, item: library.add_entry(item.origin, item.entry))
    job.run()  # in this thread: the signals arrive directly
    cards = {os.path.basename(c.entry.path): c for c in library.cards}
    assert cards["a.yaml"].playable
    assert not cards["b-copy.yaml"].playable and "E030" in [d.code.code for d in cards["b-copy.yaml"].entry.errors]
    assert [d.code.code for d in cards["flags.yaml"].entry.errors] == ["E029"]
