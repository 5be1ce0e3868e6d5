"""The author's preview fits a 1366x768 laptop's screen at 100%, 125% and 150% text: no label
or button cut or shortened, nothing to scroll sideways but the map, the window within the
screen; reply cards whole; the play screen keeps its width as the play goes on and the file is
saved again. FIT_SHOTS=/tmp/fit-author-shots saves each screen checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from simulator.gui.widgets import ReplyButton

from .fit_checks import fit_problems, off_screen_windows, reply_problems, save_shot
from .fit_custom_author import (cut_by_scroll_areas, missing_glyphs, replies_cut_by_their_area, settled_problems,
                                tree_row_problems)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "lost-luggage.yaml"
CASH = ROOT / "scenarios" / "cash-withdrawal-queue.yaml"
SCALES = [1.0, 1.25, 1.5]


@pytest.fixture
def example(tmp_path) -> Path:
    path = tmp_path / "lost-luggage.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def open_preview(qtbot, data_dir, path: Path, scale: float):
    from simulator.gui.base.style import stylesheet
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    QApplication.instance().setStyleSheet(stylesheet())
    settings = Settings(str(data_dir))
    settings.font_scale = scale  # the text size the trainer's window uses: the preview opens at it
    window = PreviewWindow(str(path), settings)
    qtbot.addWidget(window)
    window.showMaximized()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scenario is not None and window.width() >= 1300, timeout=20000)
    return window


def settled(qtbot, window) -> None:
    """The play screen laid out at its size: its replies have their room."""
    play = window.play
    if window.stack.currentWidget() is play and play.reply_buttons:
        qtbot.waitUntil(lambda: play.replies_scroll.viewport().height() > 0
                        and all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    qtbot.wait(20)


def problems_on(qtbot, window, name: str) -> list[str]:
    """Everything that does not fit on the preview as it is now, once its layout has settled."""
    settled(qtbot, window)
    found = settled_problems(qtbot, lambda: (
        fit_problems(window, skip=(ReplyButton,)) + reply_problems(window.play.reply_buttons)
        + replies_cut_by_their_area(window.play) + tree_row_problems(window.problems.tree)
        + cut_by_scroll_areas(window)))
    save_shot(window, name)
    return found


def edit(qtbot, window, path: Path, old: str, new: str) -> None:
    """The author saves a change; the preview shows it once it is checked."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    with qtbot.waitSignal(window.reloaded, timeout=20000):
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("scale", SCALES)
def test_the_preview_fits_the_laptop_at_every_text_size_whatever_it_shows(qtbot, data_dir, example, scale):
    window = open_preview(qtbot, data_dir, example, scale)
    label = f"preview-{round(scale * 100)}"
    found = {"start": problems_on(qtbot, window, f"{label}-map")}
    assert window.tabs.currentWidget() is window.map_split.parentWidget()
    window.play.choose(2)  # the WOW reply: the feedback panel and the next decision
    found["feedback"] = problems_on(qtbot, window, f"{label}-feedback")
    window.map.select_node("pills")
    found["node text"] = problems_on(qtbot, window, f"{label}-node")
    window.tabs.setCurrentWidget(window.watch_page)
    found["watch"] = problems_on(qtbot, window, f"{label}-watch")
    edit(qtbot, window, example, "level: wow\n        mood: +20", "level: wonderful\n        mood: +20")
    assert window.tabs.currentWidget() is window.problems  # the error brought the problems forward
    found["problems"] = problems_on(qtbot, window, f"{label}-problems")
    edit(qtbot, window, example, "level: wonderful\n        mood: +20", "level: wow\n        mood: +20")
    assert window.tabs.currentWidget() is window.watch_page  # fixed: back where the author was
    while not window.play.session.ended:
        window.play.choose(0)
    found["end"] = problems_on(qtbot, window, f"{label}-end")  # the watch panel says where it ended
    qtbot.mouseClick(window.play.debrief_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.debrief and not window.tools.isVisible()  # the whole width
    found["debrief"] = problems_on(qtbot, window, f"{label}-debrief")
    qtbot.mouseClick(window.debrief.library_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.play and window.tools.isVisible()
    assert {state: p for state, p in found.items() if p} == {}
    assert missing_glyphs(window.legend, window.legend.text()) == []


def test_at_the_default_text_size_every_reply_of_the_example_is_whole_in_view(qtbot, data_dir, example):
    """The reply cards used to be cut at the bottom of the replies (the last line of the last one
    hidden): the problems panel under the play screen took its height."""
    window = open_preview(qtbot, data_dir, example, 1.0)
    play = window.play
    paths = [[0], [1], [2, 0], [2, 1], [2, 2]]  # every decision, every reply
    for path in paths:
        window.restart_from_start()
        for index in path:
            settled(qtbot, window)
            viewport = play.replies_scroll.viewport()
            for button in play.reply_buttons:
                shown = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
                assert viewport.rect().contains(shown), (play.session.node.id, button.number, shown)
            assert not play.replies_scroll.verticalScrollBar().isVisible()
            assert reply_problems(play.reply_buttons) == []
            play.choose(index)


@pytest.mark.parametrize("scale", [1.25, 1.5])
def test_when_the_replies_scroll_the_one_the_keys_reach_comes_into_view(qtbot, data_dir, tmp_path, scale):
    path = tmp_path / "cash.yaml"
    shutil.copy(CASH, path)
    window = open_preview(qtbot, data_dir, path, scale)
    play = window.play
    play.choose(1)  # to the four replies on the ID
    settled(qtbot, window)
    assert len(play.reply_buttons) == 4 and reply_problems(play.reply_buttons) == []
    play.reply_buttons[0].setFocus()
    for button in play.reply_buttons[:-1]:
        qtbot.keyClick(button, Qt.Key.Key_Down)
    last = play.reply_buttons[-1]
    viewport = play.replies_scroll.viewport()
    assert last.hasFocus()
    assert viewport.rect().contains(QRect(last.mapTo(viewport, QPoint(0, 0)), last.size()))


@pytest.mark.parametrize("scale", SCALES)
def test_the_play_screen_keeps_its_width_as_the_play_goes_on_and_the_file_is_saved_again(qtbot, data_dir,
                                                                                          example, scale):
    """Sized by what it showed, the play screen's pane widened at the first feedback and again at
    the end of the conversation, and a save (which replays to the same point) moved the divider."""
    window = open_preview(qtbot, data_dir, example, scale)
    widths = {"open": window.stack.width()}
    window.play.choose(2)
    widths["feedback"] = window.stack.width()
    edit(qtbot, window, example, 'customer: "So where is it?"', 'customer: "So where is my suitcase?"')
    assert window.play.session.node.id == "pills"
    widths["saved"] = window.stack.width()
    window.play.choose(0)
    qtbot.wait(20)
    assert window.play.session.ended
    widths["ended"] = window.stack.width()
    edit(qtbot, window, example, 'customer: "So where is my suitcase?"', 'customer: "So where is it?"')
    widths["saved at the end"] = window.stack.width()
    assert len(set(widths.values())) == 1, widths
    assert off_screen_windows() == []


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_a_file_that_cannot_play_yet_says_what_to_do_in_place_of_the_play_screen(qtbot, data_dir, tmp_path, scale):
    """Before any version plays, the play screen's place says why (it showed an empty play screen
    with a countdown at 0:00 and a "See the debrief" button)."""
    path = tmp_path / "first-draft.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace("level: wow\n        mood: +20", "level: wonderful\n        mood: +20", 1),
                    encoding="utf-8")
    from simulator.gui.base.style import stylesheet
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    QApplication.instance().setStyleSheet(stylesheet())
    settings = Settings(str(data_dir))
    settings.font_scale = scale
    window = PreviewWindow(str(path), settings)
    qtbot.addWidget(window)
    window.showMaximized()
    assert window.stack.currentWidget() is window.waiting and "Checking first-draft.yaml" in window.waiting.text()
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=20000)
    assert window.scenario is None and window.stack.currentWidget() is window.waiting
    assert window.waiting.text().startswith("Nothing to play yet: first-draft.yaml has 1 error")
    assert not window.play.isVisible() and window.tabs.currentWidget() is window.problems
    assert problems_on(qtbot, window, f"preview-{round(scale * 100)}-nothing-yet") == []
    edit(qtbot, window, path, "level: wonderful\n        mood: +20", "level: wow\n        mood: +20")
    assert window.stack.currentWidget() is window.play and window.play.session.node.id == "arrival"
