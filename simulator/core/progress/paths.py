"""Where progress is kept: the data folder, resolved without Qt.

Order of precedence (first that is set wins):

1. an explicit ``--data-dir`` argument (``cli_dir``),
2. the ``SIMULATOR_HOME`` environment variable,
3. a default passed in by the GUI (``default``; the app passes
   ``QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)``),
4. a plain fallback for command-line use: ``$XDG_DATA_HOME/service-roleplay-simulator``
   or ``~/.local/share/service-roleplay-simulator`` on Linux,
   ``~/Library/Application Support/service-roleplay-simulator`` on macOS,
   ``%APPDATA%\\service-roleplay-simulator`` on Windows.

``~`` and environment variables in the value are expanded; the result is absolute. The
folder is not created here (``ProgressStore`` does that and reports a clear error when it
cannot).

    >>> resolve_data_dir("/tmp/x").path
    PosixPath('/tmp/x')
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

APP_FOLDER = "service-roleplay-simulator"
ENV_VAR = "SIMULATOR_HOME"
DB_FILENAME = "progress.db"


@dataclass(frozen=True)
class DataDir:
    path: Path
    source: str  # 'argument', 'environment', 'default' or 'fallback': for an "about" box or a log line

    @property
    def database(self) -> Path:
        return self.path / DB_FILENAME


def chosen_data_dir(cli_dir: str | os.PathLike | None = None, *,
                    env: Mapping[str, str] | None = None) -> DataDir | None:
    """The folder the user asked for (``--data-dir``, else ``SIMULATOR_HOME``), expanded, or None.

    The one place where ``~`` and ``$VARS`` are expanded: settings, the library's cache and
    progress all take the folder from here, so they can never end up in two places.
    """
    env = os.environ if env is None else env
    if cli_dir:
        return DataDir(_clean(cli_dir), "argument")
    if env.get(ENV_VAR):
        return DataDir(_clean(env[ENV_VAR]), "environment")
    return None


def resolve_data_dir(cli_dir: str | os.PathLike | None = None, *, env: Mapping[str, str] | None = None,
                     default: str | os.PathLike | None = None) -> DataDir:
    """The data folder to use, by the precedence in the module docstring."""
    chosen = chosen_data_dir(cli_dir, env=env)
    if chosen is not None:
        return chosen
    if default:
        return DataDir(Path(default).absolute(), "default")
    return DataDir(fallback_data_dir(env), "fallback")


def fallback_data_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    env = os.environ if env is None else env
    platform = platform or sys.platform
    home = Path(env.get("HOME") or os.path.expanduser("~"))
    if platform.startswith("win"):
        base = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else home / ".local" / "share"
    return (base / APP_FOLDER).absolute()


def _clean(value: str | os.PathLike) -> Path:
    return Path(os.path.expandvars(os.path.expanduser(os.fspath(value)))).absolute()
