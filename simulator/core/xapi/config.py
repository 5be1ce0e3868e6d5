"""The organisation's LRS settings: endpoint, key and secret, actor home page, opt-in.

Kept beside the progress file in ``xapi.json`` (no secret in it). The secret goes into the
system keyring when the optional ``keyring`` package is importable and has a usable backend;
otherwise into ``xapi-secret`` in the data folder, readable by the user only, and
``secret_location`` says so in plain words. Sending is off until the organisation opts in.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ... import __version__
from .client import xapi_base
from .statements import Profile

SETTINGS_FILE = "xapi.json"
SECRET_FILE = "xapi-secret"
KEYRING_SERVICE = "service-roleplay-simulator-lrs"
DEFAULT_ACTIVITY_BASE = "https://example.org/training/scenarios/"


class SettingsError(Exception):
    """The settings file cannot be read or a value is not usable; the message says which and how to fix it."""


@dataclass(frozen=True)
class LrsSettings:
    enabled: bool = False  # the opt-in: nothing is queued or sent until it is set
    endpoint: str = ""  # the LRS's xAPI base, e.g. https://lrs.example.org/xAPI/
    key: str = ""
    secret: str = ""  # never written to xapi.json
    home_page: str = ""  # the organisation's home page: trainees are accounts on it
    activity_base: str = DEFAULT_ACTIVITY_BASE  # scenario activity ids are this plus the scenario id
    language: str = "en"
    send_names: bool = False  # the organisation chose to send display names with the pseudonym

    @property
    def ready(self) -> bool:
        """Opted in and complete enough to queue statements."""
        return self.enabled and bool(self.home_page) and bool(self.activity_base)

    def profile(self) -> Profile:
        return Profile(self.activity_base, self.home_page, self.language, __version__)

    def with_overrides(self, endpoint: str | None = None, key: str | None = None,
                       secret: str | None = None) -> "LrsSettings":
        """The command line's --lrs / --key / --secret over what is saved."""
        return replace(self, endpoint=endpoint if endpoint is not None else self.endpoint,
                       key=key if key is not None else self.key, secret=secret if secret is not None else self.secret)


def problems(settings: LrsSettings) -> list[str]:
    """What keeps ``settings`` from working, one sentence each ([] when none): checked before they
    are saved, so that no statement is queued that every LRS would refuse."""
    found = []
    if settings.endpoint:
        try:
            xapi_base(settings.endpoint)
        except ValueError as exc:
            found.append(f"The LRS address {exc}: give one like https://lrs.example.org/xAPI/.")
    for value, what in ((settings.home_page, "The organisation's home page"),
                        (settings.activity_base, "The start of scenario ids")):
        parts = urlsplit(value)
        if value and (parts.scheme not in ("http", "https") or not parts.netloc or " " in value):
            found.append(f"{what} {value!r} is not a web address: give one like https://training.example.org.")
    if settings.enabled and not settings.home_page:
        found.append("Set the organisation's home page before switching sending on: trainees are sent as "
                     "accounts on it.")
    return found


def _keyring():
    if os.environ.get("SIMULATOR_NO_KEYRING"):
        return None
    try:
        import keyring  # optional dependency
        from keyring.backends import fail
    except Exception:
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except Exception:
        return None
    return keyring


def secret_location(data_dir: str | os.PathLike) -> str:
    """Where the secret is kept, in plain words (for the settings dialog and the command line)."""
    if _keyring() is not None:
        return "the system keyring"
    return (f"the file {Path(data_dir) / SECRET_FILE}, readable only by your user account (no system keyring "
            f"is available on this computer)")


def load(data_dir: str | os.PathLike) -> LrsSettings:
    """The saved settings (defaults when none are saved)."""
    path = Path(data_dir) / SETTINGS_FILE
    if not path.exists():
        return LrsSettings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SettingsError(f"The LRS settings in {path} cannot be read ({exc}). Fix or delete the file, then "
                            f"set the LRS again.") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"The LRS settings in {path} are not a JSON object. Delete the file and set the LRS "
                            f"again.")
    known = {k: data[k] for k in LrsSettings.__dataclass_fields__ if k in data and k != "secret"}
    settings = LrsSettings(**known)
    return replace(settings, secret=_read_secret(Path(data_dir), settings))


def save(data_dir: str | os.PathLike, settings: LrsSettings) -> str:
    """Write the settings; returns where the secret went (see ``secret_location``). Settings that
    cannot work (``problems``) are refused with SettingsError, and what was saved stays."""
    found = problems(settings)
    if found:
        raise SettingsError(" ".join(found))
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data.pop("secret")
    tmp = folder / (SETTINGS_FILE + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / SETTINGS_FILE)
    _write_secret(folder, settings)
    return secret_location(folder)


def _account(settings: LrsSettings) -> str:
    return f"{settings.endpoint}|{settings.key}"


def _read_secret(folder: Path, settings: LrsSettings) -> str:
    ring = _keyring()
    if ring is not None:
        try:
            return ring.get_password(KEYRING_SERVICE, _account(settings)) or ""
        except Exception:
            pass
    path = folder / SECRET_FILE
    try:
        return path.read_text(encoding="utf-8").strip() if path.exists() else ""
    except OSError:
        return ""


def _write_secret(folder: Path, settings: LrsSettings) -> None:
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(KEYRING_SERVICE, _account(settings), settings.secret)
            return
        except Exception:
            pass
    path = folder / SECRET_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(settings.secret)
    os.chmod(path, 0o600)
