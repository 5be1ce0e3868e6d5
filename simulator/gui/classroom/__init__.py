"""The classroom: presenter mode on a projector, the three levels side by side, class votes, teams.

Logic lives in ``simulator.core.classroom`` (votes, which reply is played, teams, scoreboard,
summary, canonical playthroughs, discussion prompts) and ``simulator.core.presenter_flow``
(which presenter screen is up, what is revealed, the vote count being typed, next and back),
so it is tested without a screen; these widgets only present it and turn the facilitator's
keys into calls on it.

The app's ``ClassroomController`` (``controller.py``) opens it with ``present(scenario,
analysis, screen, teams, font_scale)``, keeps the returned ``ClassroomWindow`` and closes it on
``library_requested`` (Ctrl+W or Leave). The window takes the projector full screen and puts the
``FacilitatorWindow`` (levels, feedback, prompts for the room) on the laptop's screen; with a
single screen that window stays hidden, because a mirrored projector would show the room the
answers (F2 shows it on purpose). ``font_scale_changed`` reports the presenter text size, which
the app persists.

The projector shows one of three ``ProjectorView`` screens (presenter, three levels, class
debrief), which share the text size keys, Ctrl+W, the blank screen and the key help; keys
pressed in the facilitator's window go to whichever of them is on the projector. The keys
are listed in ``keys.py`` (shown with F1) and in docs/classroom.md.
"""

from __future__ import annotations

from importlib import import_module

_HOMES = {"ClassDebriefView": "class_debrief", "FacilitatorWindow": "facilitator", "PresenterView": "presenter",
          "choose_screens": "screens", "place_windows": "screens", "ThreeLevelsView": "three_levels",
          **dict.fromkeys(("DEBRIEF", "PRESENTER", "THREE_LEVELS", "ClassroomWindow", "TeamsDialog", "present"),
                          "window")}


def __getattr__(name: str):
    """The classroom's widgets load when first asked for: the main window holds the classroom
    controller from the start, and the app should not wait for the projector's screens."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["ClassDebriefView", "ClassroomWindow", "FacilitatorWindow", "PresenterView", "TeamsDialog",
           "ThreeLevelsView", "choose_screens", "place_windows", "present", "PRESENTER", "THREE_LEVELS", "DEBRIEF"]
