"""The classroom: presenter mode on a projector, the three levels side by side, class votes, teams.

Logic lives in ``simulator.core.classroom`` (votes, teams, scoreboard, summary, canonical
playthroughs, discussion prompts); these widgets present it.

Wiring into the app (intended):

- View > Presenter mode (and ``simulator --present``) with the current scenario::

      from simulator.gui.classroom import present
      self.classroom = present(scenario, self.analysis_for(scenario),
                               screen=None,                       # QScreen, index or name; None: the projector
                               teams=[],                          # or ["Red", "Blue"]; Teams… in the facilitator window
                               font_scale=settings.presenter_font_scale)
      self.classroom.library_requested.connect(self.classroom.close)
      self.classroom.font_scale_changed.connect(lambda s: setattr(settings, "presenter_font_scale", s))

  ``present`` builds a ``ClassroomWindow`` and shows it full screen on the projector (the
  first screen that is not the primary one when there are two), with the
  ``FacilitatorWindow`` on the laptop's screen. With a single screen the facilitator window
  stays hidden (a mirrored projector would show the answers); F2 shows it on purpose.

- ``ClassroomWindow(scenario, analysis=None, teams=(), font_scale=1.0, facilitator=True,
  start="presenter" | "three-levels", parent=None)``; ``show_on(screen=None, full_screen=True)``.
  Signals: ``library_requested()`` (Ctrl+W or Leave), ``finished(SessionSummary)`` (the last
  team's run is over and the class debrief is on screen), ``font_scale_changed(float)``,
  ``view_changed(str)``. Parts: ``presenter`` (PresenterView), ``facilitator``
  (FacilitatorWindow or None), ``three_levels`` and ``debrief`` (built on first use), ``session``
  (core ClassroomSession).

The keys are listed in ``keys.py`` (shown with F1) and in docs/classroom.md.
"""

from .class_debrief import ClassDebriefView
from .facilitator import FacilitatorWindow
from .presenter import PresenterView
from .screens import choose_screens, place_windows
from .three_levels import ThreeLevelsView
from .window import DEBRIEF, PRESENTER, THREE_LEVELS, ClassroomWindow, TeamsDialog, present

__all__ = ["ClassDebriefView", "ClassroomWindow", "FacilitatorWindow", "PresenterView", "TeamsDialog",
           "ThreeLevelsView", "choose_screens", "place_windows", "present", "PRESENTER", "THREE_LEVELS", "DEBRIEF"]
