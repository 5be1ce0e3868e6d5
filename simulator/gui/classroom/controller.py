"""The classroom controller: presenter mode, the three levels, the presenter's screen.

The main window holds one (``window.room``) and forwards the View menu's classroom entries to
it. The room's window itself is ``ClassroomWindow`` (``window.py``); this controller opens it
for the chosen scenario, keeps it (``classroom``) and closes it. Everything it needs from the
main window is listed in ``ClassroomHost``, and it reaches the window through nothing else (a
test checks this).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QStatusBar

from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from ...core.analysis import Analysis
    from ...core.model import Scenario
    from .window import ClassroomWindow


@runtime_checkable
class PresentingScreen(Protocol):
    """A screen of the main window that says when Start presents to the room (library, briefing)."""

    def set_presenting(self, on: bool) -> None: ...


@runtime_checkable
class ClassroomHost(Protocol):
    """What the classroom controller needs from the main window, and all it uses."""

    settings: Settings  # presenter_screen, presenter_font_scale
    presenter_action: QAction  # View > Presenter mode: its check mark is the mode
    screen_menu: QMenu  # View > Presenter screen, filled when it opens
    library: PresentingScreen
    briefing: PresentingScreen

    def chosen_scenario(self) -> Scenario | None:
        """The scenario in front of the user (briefed, played, or the current card), or None."""

    def analysis_for(self, scenario: Scenario) -> Analysis: ...

    def show_library(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def activateWindow(self) -> None: ...


class ClassroomController:
    def __init__(self, host: ClassroomHost) -> None:
        # a weak reference: the window holds the controller, not the other way round, so the window is
        # freed as soon as it is let go (in a cycle, the garbage collector would delete it mid-event)
        self.host = weakref.proxy(host)
        self.classroom: ClassroomWindow | None = None  # the room's window while a scenario is shown

    def set_presenter_mode(self, on: bool) -> None:
        """In presenter mode the briefing's Start opens the scenario for a room, full screen;
        turning it off closes the room's window."""
        self.host.presenter_action.setChecked(on)
        self.host.briefing.set_presenting(on)
        self.host.library.set_presenting(on)
        if not on and self.classroom is not None:
            self.close_classroom()
        self.host.statusBar().showMessage("Presenter mode: choose a scenario; it opens full screen on the projector"
                                          if on else "Presenter mode off", 8000)

    @property
    def presenting(self) -> bool:
        return self.host.presenter_action.isChecked()

    def show_three_levels(self) -> None:
        scenario = self.host.chosen_scenario()
        if scenario is not None:
            from .window import THREE_LEVELS

            self.present_scenario(scenario, THREE_LEVELS)

    def present_scenario(self, scenario: Scenario, start: str | None = None) -> None:
        """Open the classroom window for ``scenario`` on the projector (with the facilitator's window)."""
        from .window import PRESENTER, present

        settings = self.host.settings
        try:
            analysis = self.host.analysis_for(scenario)
        except Exception:  # the three-levels view says it has nothing to show
            analysis = None
        if self.classroom is not None:
            self.classroom.close()
        self.classroom = present(scenario, analysis, screen=settings.presenter_screen or None,
                                 font_scale=settings.presenter_font_scale, start=start or PRESENTER)
        self.classroom.library_requested.connect(self.close_classroom)
        self.classroom.font_scale_changed.connect(self._save_presenter_scale)

    def _save_presenter_scale(self, scale: float) -> None:
        self.host.settings.presenter_font_scale = scale

    def close_classroom(self) -> None:
        if self.classroom is not None:
            self.classroom.close()
            self.classroom = None
        self.host.show_library()
        self.host.activateWindow()

    def fill_screen_menu(self) -> None:
        from PySide6.QtGui import QActionGroup, QGuiApplication

        menu, settings = self.host.screen_menu, self.host.settings
        menu.clear()
        group = QActionGroup(menu)
        chosen = settings.presenter_screen
        names = [("", "The projector (found automatically)")] + [
            (s.name(), f"{s.name()}  ({s.size().width()}×{s.size().height()})") for s in QGuiApplication.screens()]
        for name, text in names:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, n=name: setattr(settings, "presenter_screen", n))
