"""ClassroomWindow: the projector's window (presenter, three levels, class debrief) and its facilitator window."""

from __future__ import annotations

import logging
from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QStackedWidget, QVBoxLayout,
                               QWidget)

from ...core.analysis import Analysis, analyze
from ...core.classroom import ClassroomSession, SessionSummary, clean_team_names
from ...core.model import Scenario
from . import presenter_theme as pt
from .class_debrief import ClassDebriefView
from .facilitator import FacilitatorWindow
from .presenter import PresenterView
from .screens import place_windows
from .three_levels import ThreeLevelsView

log = logging.getLogger(__name__)
PRESENTER, THREE_LEVELS, DEBRIEF = "presenter", "three-levels", "debrief"


class ClassroomWindow(QWidget):
    """The projector's top-level window.

    scenario: the scenario to play; analysis: its ``analyze`` result (computed here when None;
    without one the three-levels view is unavailable); teams: names of the teams that take
    turns (empty: the room plays as one class); font_scale: the presenter text scale (the
    caller persists it from ``font_scale_changed``); facilitator: build the facilitator window;
    start: PRESENTER or THREE_LEVELS (the classic opening exercise).
    """

    library_requested = Signal()       # the facilitator left presenter mode
    finished = Signal(object)          # a SessionSummary, when the last team's run is over
    font_scale_changed = Signal(float)  # the presenter text size, for the app to remember

    def __init__(self, scenario: Scenario, analysis: Analysis | None = None, teams: Sequence[str] = (),
                 font_scale: float = 1.0, facilitator: bool = True, start: str = PRESENTER,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.scenario = scenario
        self.analysis = analysis if analysis is not None else _analyze(scenario)
        self.session = ClassroomSession(scenario, teams)
        self.font_scale = pt.clamp_scale(font_scale)
        self.setWindowTitle(f"Presenter: {scenario.title}")
        self.setAccessibleName("Presenter mode")
        self.setStyleSheet(f"ClassroomWindow {{ background: {pt.BACKGROUND}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.presenter = PresenterView(self.session, self.font_scale)
        self.stack.addWidget(self.presenter)
        self.three_levels: ThreeLevelsView | None = None
        self.debrief: ClassDebriefView | None = None
        self.presenter.finished.connect(self._on_finished)
        self.presenter.three_levels_requested.connect(self.show_three_levels)
        self.presenter.library_requested.connect(self.library_requested)
        self.presenter.facilitator_requested.connect(self.show_facilitator)
        self.presenter.font_scale_changed.connect(self._scale_changed)
        self.facilitator: FacilitatorWindow | None = None
        if facilitator:
            self.facilitator = FacilitatorWindow(self.presenter, self.handle_key)
            self.facilitator.three_levels_requested.connect(self.show_three_levels)
            self.facilitator.debrief_requested.connect(self.show_debrief)
            self.facilitator.presenter_requested.connect(self.show_presenter)
            self.facilitator.teams_requested.connect(self.ask_teams)
            self.facilitator.library_requested.connect(self.library_requested)
        self.resize(1280, 720)
        if start == THREE_LEVELS and self.analysis is not None:
            self.show_three_levels()
        else:
            self.show_presenter()

    # -- what the projector shows -----------------------------------------------------------------

    @property
    def current_view(self) -> str:
        widget = self.stack.currentWidget()
        return THREE_LEVELS if widget is self.three_levels else DEBRIEF if widget is self.debrief else PRESENTER

    def show_presenter(self) -> None:
        self._show(self.presenter)

    def show_three_levels(self) -> None:
        if self.analysis is None:
            self.presenter.say("The three levels need the scenario's analysis, which failed: see the log.")
            return
        if self.three_levels is None:
            self.three_levels = ThreeLevelsView(self.scenario, self.analysis, self.font_scale)
            self.three_levels.back_requested.connect(self.show_presenter)
            self.three_levels.library_requested.connect(self.library_requested)
            self.three_levels.font_scale_changed.connect(self._scale_changed)
            self.stack.addWidget(self.three_levels)
        self._show(self.three_levels)

    def show_debrief(self) -> SessionSummary:
        if self.debrief is None:
            self.debrief = ClassDebriefView(self.font_scale)
            self.debrief.back_requested.connect(self.show_presenter)
            self.debrief.library_requested.connect(self.library_requested)
            self.debrief.font_scale_changed.connect(self._scale_changed)
            self.stack.addWidget(self.debrief)
        summary = self.session.summary()
        self.debrief.show_summary(summary)
        self._show(self.debrief)
        return summary

    def _show(self, widget: QWidget) -> None:
        self.stack.setCurrentWidget(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.facilitator is not None:
            self.facilitator.set_projector_view(self.current_view)

    def _on_finished(self) -> None:
        summary = self.show_debrief()
        self.finished.emit(summary)

    # -- teams ---------------------------------------------------------------------------------

    def set_teams(self, names: Sequence[str]) -> None:
        """Start the session again with these teams (an empty list: the room plays as one class)."""
        self.session = ClassroomSession(self.scenario, clean_team_names(names))
        self.presenter.restart_session(self.session)
        self.show_presenter()

    def ask_teams(self) -> None:
        names = TeamsDialog.ask([r.team for r in self.session.runs if self.session.has_teams],
                                self.facilitator or self)
        if names is not None:
            self.set_teams(names)

    # -- windows and screens -------------------------------------------------------------------

    def show_on(self, screen: QScreen | int | str | None = None, full_screen: bool = True) -> None:
        """Full screen on ``screen`` (a QScreen, index or name; default: the projector), facilitator on the other."""
        place_windows(self, self.facilitator, screen, full_screen)

    def show_facilitator(self) -> None:
        if self.facilitator is not None:
            self.facilitator.show()
            self.facilitator.raise_()

    def _scale_changed(self, scale: float) -> None:
        """One view's text size changed: the others follow, and the app hears of it once."""
        if scale == self.font_scale:
            return
        self.font_scale = scale
        for view in (self.presenter, self.three_levels, self.debrief):
            if view is not None and view.scale != scale:
                view.set_font_scale(scale)
        self.font_scale_changed.emit(scale)

    # -- keys ----------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """The key for whatever the projector shows now (the facilitator's window forwards its keys here)."""
        return self.stack.currentWidget().handle_key(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.facilitator is not None:
            self.facilitator.close()
            self.facilitator.deleteLater()
            self.facilitator = None
        super().closeEvent(event)


class TeamsDialog(QDialog):
    """Team names, one a line. Leave it empty to play as one class."""

    def __init__(self, names: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Teams")
        layout = QVBoxLayout(self)
        hint = QLabel("One team per line; they play the same scenario in turns. Leave it empty to play as one class.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.editor = QPlainTextEdit("\n".join(names))
        self.editor.setAccessibleName("Team names, one per line")
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def names(self) -> list[str]:
        return clean_team_names(self.editor.toPlainText().splitlines())

    @classmethod
    def ask(cls, names: Sequence[str] = (), parent: QWidget | None = None) -> list[str] | None:
        dialog = cls(names, parent)
        return dialog.names() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _analyze(scenario: Scenario) -> Analysis | None:
    try:
        return analyze(scenario)
    except Exception:  # a scenario with errors still plays; only the three levels need the analysis
        log.exception("cannot analyse scenario %s", scenario.id)
        return None


def present(scenario: Scenario, analysis: Analysis | None = None, screen: QScreen | int | str | None = None,
            teams: Sequence[str] = (), font_scale: float = 1.0, start: str = PRESENTER) -> ClassroomWindow:
    """Open presenter mode full screen on ``screen`` (default: the projector) and return the window.

    Keep a reference to the returned window; connect ``library_requested`` to close it.
    """
    window = ClassroomWindow(scenario, analysis, teams, font_scale, start=start)
    window.show_on(screen)
    return window
