"""The app's settings, kept with QSettings.

With ``--data-dir`` or the ``SIMULATOR_HOME`` environment variable, settings are stored as an
INI file inside that folder (portable installs, tests); otherwise in the platform's usual place.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

from ..core.modes import Mode
from ..core.timing import TimeLimits

MIN_SCALE, MAX_SCALE = 0.6, 3.0


def settings_for(args_data_dir: str | None = None) -> "Settings":
    """The settings for ``--data-dir`` or ``SIMULATOR_HOME`` (expanded once, by the core's rule)."""
    from ..core.progress.paths import chosen_data_dir

    chosen = chosen_data_dir(args_data_dir)
    return Settings(str(chosen.path) if chosen else None)


class Settings:
    """Typed access to the few things the app remembers."""

    def __init__(self, data_dir: str | None = None) -> None:
        self.data_dir = data_dir  # already resolved (settings_for); None: the platform's usual places
        if data_dir:
            os.makedirs(data_dir, exist_ok=True)
            self._qs = QSettings(os.path.join(data_dir, "settings.ini"), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                 "ServiceRoleplay", "Simulator")

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # -- values ------------------------------------------------------------------------

    @property
    def font_scale(self) -> float:
        try:
            value = float(self._qs.value("view/font_scale", 1.0))
        except (TypeError, ValueError):
            value = 1.0
        return min(MAX_SCALE, max(MIN_SCALE, value))

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self._qs.setValue("view/font_scale", round(min(MAX_SCALE, max(MIN_SCALE, value)), 2))

    @property
    def mode(self) -> Mode:
        return Mode.or_default(self._qs.value("play/mode", Mode.PRACTICE.value))

    @mode.setter
    def mode(self, value: str) -> None:
        self._qs.setValue("play/mode", Mode.or_default(value).value)

    @property
    def mood_meter(self) -> bool:
        return _bool(self._qs.value("play/mood_meter", True))

    @mood_meter.setter
    def mood_meter(self, value: bool) -> None:
        self._qs.setValue("play/mood_meter", bool(value))

    @property
    def time_limits(self) -> TimeLimits:
        """Timed decisions as written, extended (x1.5, x2) or without a limit (WCAG 2.2.1)."""
        return TimeLimits.or_default(self._qs.value("play/time_limits", TimeLimits.AS_WRITTEN.value))

    @time_limits.setter
    def time_limits(self, value: str) -> None:
        self._qs.setValue("play/time_limits", TimeLimits.or_default(value).value)

    @property
    def user_folder(self) -> str:
        return str(self._qs.value("library/user_folder", "") or "")

    @user_folder.setter
    def user_folder(self, value: str) -> None:
        self._qs.setValue("library/user_folder", value or "")

    @property
    def presenter_font_scale(self) -> float:
        """Text size in presenter mode: a projector wants larger text than the laptop."""
        try:
            value = float(self._qs.value("present/font_scale", 1.0))
        except (TypeError, ValueError):
            value = 1.0
        return min(MAX_SCALE, max(MIN_SCALE, value))

    @presenter_font_scale.setter
    def presenter_font_scale(self, value: float) -> None:
        self._qs.setValue("present/font_scale", round(min(MAX_SCALE, max(MIN_SCALE, value)), 2))
        self._qs.sync()

    @property
    def presenter_screen(self) -> str:
        """The name of the screen presenter mode opens on ('' : the projector, found automatically)."""
        return str(self._qs.value("present/screen", "") or "")

    @presenter_screen.setter
    def presenter_screen(self, value: str) -> None:
        self._qs.setValue("present/screen", value or "")

    @property
    def last_trainee(self) -> str:
        """The id of whoever practised last: preselected when the app asks who is practising."""
        return str(self._qs.value("progress/last_trainee", "") or "")

    @last_trainee.setter
    def last_trainee(self, value: str) -> None:
        self._qs.setValue("progress/last_trainee", value or "")

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
