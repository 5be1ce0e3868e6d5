"""Presenter mode as in a classroom: full screen on the 1920x1080 projector to the right of the
laptop, every screen of it whole (brief, decision, revealed, outcome, three levels, class
debrief); the facilitator's window on the 1366x768 laptop at 100%, 125% and 150% text, within
the screen and nothing cut. FIT_SHOTS=/tmp/fit-author-shots saves each screen checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from simulator.core.analysis import analyze
from simulator.core.loader import ScenarioLoader
from simulator.gui.base import fonts
from simulator.gui.classroom.presenter import DECISION, ENDING

from .fit_checks import fit_problems, off_screen_windows, save_shot
from .fit_custom_author import cut_by_scroll_areas, settled_problems

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ["cash-withdrawal-queue", "unauthorised-relative"]  # the busiest decisions: 4 and 5 replies
# the customer as a phone call, a chat and a public post show them: a voice meter, a profile picture, a note
CHANNEL_SCENARIOS = ["car-park-at-six", "the-last-person-promised", "one-star-in-public"]


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    return ScenarioLoader().load(ROOT / "scenarios" / f"{request.param}.yaml").scenario


def open_room(qtbot, scenario, text_scale: float = 1.0, presenter_scale: float = 1.0):
    """Presenter mode as the app opens it (``present``), with the app at ``text_scale``."""
    from simulator.gui.base.style import stylesheet
    from simulator.gui.classroom.window import present

    QGuiApplication.instance().setStyleSheet(stylesheet())
    fonts.set_text_scale(text_scale)
    window = present(scenario, analyze(scenario), font_scale=presenter_scale)
    qtbot.addWidget(window)
    qtbot.addWidget(window.facilitator)
    qtbot.waitUntil(lambda: window.isFullScreen() and window.facilitator.isVisible())
    return window


def problems_on(qtbot, window, name: str) -> list[str]:
    found = settled_problems(qtbot, lambda: fit_problems(window) + cut_by_scroll_areas(window))
    save_shot(window, name)
    return found


def walk(qtbot, room, check) -> None:
    """Every screen the room sees, from the brief to the class debrief; ``check(name)`` at each."""
    view = room.presenter
    check("brief")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.screen_kind == DECISION
    check("decision")
    qtbot.keyClick(view, Qt.Key.Key_R)
    check("revealed")
    qtbot.keyClick(view, Qt.Key.Key_F1)
    check("keys")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    while not view.run.ended:
        qtbot.keyClick(view, Qt.Key.Key_B if len(view.run.keys()) > 1 else Qt.Key.Key_A)
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.screen_kind == ENDING
    qtbot.keyClick(view, Qt.Key.Key_R)
    check("outcome")
    room.show_three_levels()
    check("three-levels")
    qtbot.keyClick(room.three_levels, Qt.Key.Key_End)
    check("three-levels-all")
    room.show_debrief()
    check("debrief")


def test_presenter_mode_fills_the_projector_and_the_facilitator_stays_on_the_laptop(qtbot, scenario):
    room = open_room(qtbot, scenario)
    projector = next(s for s in QGuiApplication.screens() if s is not QGuiApplication.primaryScreen())
    laptop = QGuiApplication.primaryScreen()
    assert room.screen() is projector
    qtbot.waitUntil(lambda: room.frameGeometry() == projector.geometry())  # all of it, not 40 px off the edge
    notes = room.facilitator
    assert notes.screen() is laptop and laptop.availableGeometry().contains(notes.frameGeometry())
    assert off_screen_windows() == []


@pytest.mark.parametrize("presenter_scale", [1.0, 1.5, 2.0])  # 2.0: the largest Ctrl+= gives
def test_every_screen_of_the_projector_is_whole_at_1920x1080(qtbot, scenario, presenter_scale):
    room = open_room(qtbot, scenario, presenter_scale=presenter_scale)
    assert room.size().width() == 1920 and room.size().height() == 1080
    found = {}

    def check(name: str) -> None:
        found[name] = problems_on(qtbot, room, f"projector-{scenario.id}-{round(presenter_scale * 100)}-{name}")

    walk(qtbot, room, check)
    assert {name: p for name, p in found.items() if p} == {}


@pytest.mark.parametrize("presenter_scale", [1.0, 2.0])
@pytest.mark.parametrize("name", CHANNEL_SCENARIOS)
def test_every_screen_of_a_call_a_chat_and_a_post_is_whole_at_1920x1080(qtbot, name, presenter_scale):
    scenario = ScenarioLoader().load(ROOT / "scenarios" / f"{name}.yaml").scenario
    assert scenario.channel in ("phone", "chat", "social")
    room = open_room(qtbot, scenario, presenter_scale=presenter_scale)
    found = {}

    def check(screen: str) -> None:
        found[screen] = problems_on(qtbot, room, f"projector-{name}-{round(presenter_scale * 100)}-{screen}")

    walk(qtbot, room, check)
    assert {screen: p for screen, p in found.items() if p} == {}


def test_the_facilitators_window_names_the_longest_channel_within_the_laptop(qtbot):
    scenario = ScenarioLoader().load(ROOT / "scenarios" / "one-star-in-public.yaml").scenario
    room = open_room(qtbot, scenario, text_scale=1.5)
    notes = room.facilitator
    assert notes.channel.text() == "Social media, in public"
    assert problems_on(qtbot, notes, "facilitator-one-star-in-public-150-brief") == []


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
def test_the_facilitators_window_fits_the_laptop_at_every_text_size(qtbot, scenario, scale):
    room = open_room(qtbot, scenario, text_scale=scale)
    notes = room.facilitator
    found = {}

    def check(name: str) -> None:
        found[name] = problems_on(qtbot, notes, f"facilitator-{scenario.id}-{round(scale * 100)}-{name}")

    walk(qtbot, room, check)
    room.show_presenter()
    qtbot.mouseClick(notes.keys_button, Qt.MouseButton.LeftButton)
    assert notes.keys_text.isVisible()
    check("key-list")
    assert {name: p for name, p in found.items() if p} == {}


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_teams_dialog_opens_within_the_laptop(qtbot, scale):
    from simulator.gui.classroom.window import TeamsDialog

    fonts.set_text_scale(scale)
    dialog = TeamsDialog(["Red team", "Blue team", "The team by the window"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert problems_on(qtbot, dialog, f"teams-{round(scale * 100)}") == []


def test_the_facilitators_window_is_sized_for_the_laptop_before_it_shows(qtbot, scenario):
    """F2 on a single screen shows the window as it was made: it must fit the room a real
    window manager leaves (a title bar, a task bar), not only the offscreen screen's."""
    from simulator.gui.base import geometry
    from simulator.gui.classroom.window import ClassroomWindow

    room = ClassroomWindow(scenario, analyze(scenario))
    qtbot.addWidget(room)
    notes = room.facilitator
    qtbot.addWidget(notes)
    assert not notes.isVisible()
    space = geometry.room(notes)  # the screen less a window manager's frame, guessed while not shown
    assert notes.width() <= space.width() and notes.height() <= space.height(), (notes.size(), space)
    room.show()
    qtbot.keyClick(room.presenter, Qt.Key.Key_F2)
    assert notes.isVisible() and off_screen_windows() == []
