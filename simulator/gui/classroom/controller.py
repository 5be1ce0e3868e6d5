"""The main window's classroom part: presenter mode, the three levels, the presenter's screen.

A part of ``MainWindow`` (mixed into it), kept apart so that each file has one job. The room's
window itself is ``gui.classroom``; this part opens it for the chosen scenario and closes it.
"""

from __future__ import annotations


class ClassroomPart:
    def set_presenter_mode(self, on: bool) -> None:
        """In presenter mode the briefing's Start opens the scenario for a room, full screen;
        turning it off closes the room's window."""
        self.presenter_action.setChecked(on)
        self.briefing.set_presenting(on)
        self.library.set_presenting(on)
        if not on and self.classroom is not None:
            self.close_classroom()
        self.statusBar().showMessage("Presenter mode: choose a scenario; it opens full screen on the projector"
                                     if on else "Presenter mode off", 8000)

    @property
    def presenting(self) -> bool:
        return self.presenter_action.isChecked()

    def chosen_scenario(self):
        """The scenario being briefed or played, else the current card's; None (and a message) if neither."""
        if self.stack.currentWidget() is not self.library and self.current is not None:
            return self.current
        card = self.library.current_card()
        if card is None or not card.playable:
            self.statusBar().showMessage("Choose a scenario in the library first", 8000)
            return None
        return self.scenario_for(card.entry)

    def show_three_levels(self) -> None:
        scenario = self.chosen_scenario()
        if scenario is not None:
            from . import THREE_LEVELS

            self.present_scenario(scenario, THREE_LEVELS)

    def present_scenario(self, scenario, start: str | None = None) -> None:
        """Open the classroom window for ``scenario`` on the projector (with the facilitator's window)."""
        from . import PRESENTER, present

        try:
            analysis = self.analysis_for(scenario)
        except Exception:  # the three-levels view says it has nothing to show
            analysis = None
        if self.classroom is not None:
            self.classroom.close()
        self.classroom = present(scenario, analysis, screen=self.settings.presenter_screen or None,
                                 font_scale=self.settings.presenter_font_scale, start=start or PRESENTER)
        self.classroom.library_requested.connect(self.close_classroom)
        self.classroom.font_scale_changed.connect(self._save_presenter_scale)

    def _save_presenter_scale(self, scale: float) -> None:
        self.settings.presenter_font_scale = scale

    def close_classroom(self) -> None:
        if self.classroom is not None:
            self.classroom.close()
            self.classroom = None
        self.show_library()
        self.activateWindow()

    def _fill_screen_menu(self) -> None:
        from PySide6.QtGui import QActionGroup, QGuiApplication

        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        chosen = self.settings.presenter_screen
        names = [("", "The projector (found automatically)")] + [
            (s.name(), f"{s.name()}  ({s.size().width()}×{s.size().height()})") for s in QGuiApplication.screens()]
        for name, text in names:
            action = self.screen_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, n=name: setattr(self.settings, "presenter_screen", n))
