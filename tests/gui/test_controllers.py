"""The main window keeps the contracts its controllers state: everything in ``ProgressHost`` and
``ClassroomHost`` (and the screens they name) is there on a real window."""

from __future__ import annotations

from simulator.gui.classroom.controller import ClassroomHost, PresentingScreen
from simulator.gui.progress.controller import ProgressHost, TraineeLibrary


def _members(protocol) -> set[str]:
    return {name for name in vars(protocol) if not name.startswith("_")} | set(protocol.__annotations__)


def test_the_main_window_provides_what_its_controllers_need(main_window):
    assert isinstance(main_window, ProgressHost)
    assert isinstance(main_window, ClassroomHost)
    assert isinstance(main_window.library, TraineeLibrary)
    assert isinstance(main_window.library, PresentingScreen) and isinstance(main_window.briefing, PresentingScreen)
    for protocol in (ProgressHost, ClassroomHost):
        missing = [name for name in _members(protocol) if not hasattr(main_window, name)]
        assert missing == [], protocol.__name__
    assert main_window.window() is main_window  # the controllers' dialogs open on the main window


def test_the_controllers_are_the_windows_parts(main_window):
    assert main_window.progress.host.window() is main_window and main_window.room.host.window() is main_window
    assert main_window.classroom is None and not main_window.presenting
