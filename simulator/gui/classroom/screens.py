"""Which screen shows what: the projector gets the presenter full screen, the laptop the facilitator.

With one screen (or a mirrored display) the facilitator window is not shown on its own: on a
mirrored projector it would show the room every answer. F2 still brings it up on purpose.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ..base import geometry


def choose_screens(count: int, primary: int, requested: int | None = None) -> tuple[int, int | None]:
    """(presenter screen, facilitator screen or None) by index.

    The requested screen when it exists; otherwise, with two or more screens, the first one that
    is not the primary (laptops keep their own panel primary; the projector is the extra one).
    The facilitator gets the primary screen, or the first other screen when the presenter is on it.
    """
    if count <= 0:
        return 0, None
    primary = primary if 0 <= primary < count else 0
    if requested is not None and 0 <= requested < count:
        presenter = requested
    elif count >= 2:
        presenter = next(i for i in range(count) if i != primary)
    else:
        presenter = primary
    if count < 2:
        return presenter, None
    facilitator = primary if primary != presenter else next(i for i in range(count) if i != presenter)
    return presenter, facilitator


def screen_index(screen: QScreen | int | str | None) -> int | None:
    """A screen given as a QScreen, an index or a name (as QScreen.name() reports it)."""
    screens = QGuiApplication.screens()
    if screen is None:
        return None
    if isinstance(screen, QScreen):
        return screens.index(screen) if screen in screens else None
    if isinstance(screen, int):
        return screen if 0 <= screen < len(screens) else None
    text = str(screen).strip()
    if text.isdigit():
        return screen_index(int(text))
    return next((i for i, s in enumerate(screens) if s.name() == text), None)


def place_windows(presenter: QWidget, facilitator: QWidget | None = None,
                  screen: QScreen | int | str | None = None, full_screen: bool = True,
                  screens: list[QScreen] | None = None) -> tuple[QScreen, QScreen | None]:
    """Show the presenter full screen on its screen and, with two screens, the facilitator on the other.
    ``screens``: the screens there are (by default, all the system reports; one, for a mirrored display)."""
    screens = QGuiApplication.screens() if screens is None else screens
    primary = QGuiApplication.primaryScreen()
    p_index, f_index = choose_screens(len(screens), screens.index(primary) if primary in screens else 0,
                                      screen_index(screen))
    target = screens[p_index] if screens else primary
    _move_to(presenter, target)
    if full_screen:
        presenter.setGeometry(target.geometry())  # the whole projector (some platforms keep the old place)
        presenter.showFullScreen()
    else:
        presenter.setGeometry(target.availableGeometry().adjusted(40, 40, -40, -40))
        presenter.show()
    presenter.raise_()
    presenter.activateWindow()
    other = screens[f_index] if f_index is not None else None
    if facilitator is not None and other is not None:
        _move_to(facilitator, other)
        area = other.availableGeometry()
        geometry.open_at(facilitator, area.width() - 80, area.height() - 80)  # within the laptop's screen, centred
        facilitator.show()
    presenter.activateWindow()  # the clicker's keys go to the projector first
    return target, other


def _move_to(window: QWidget, screen: QScreen) -> None:
    window.move(screen.availableGeometry().topLeft())
    handle = window.windowHandle()
    if handle is None:
        window.winId()  # creates the native window so that it can be given a screen
        handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
