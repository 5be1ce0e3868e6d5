"""Watch one scenario file, robust to editors that save by writing a new file and renaming it.

QFileSystemWatcher stops watching a path once the file is replaced or removed, so after every
change the path is added again, and the folder is watched too (a rename shows up there).
Changes are debounced: an editor's save often fires several events in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 150


def _fingerprint(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


class FileWatcher(QObject):
    """Emits ``changed(path)`` once per save, after the file has settled."""

    changed = Signal(str)

    def __init__(self, path: str, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.folder = os.path.dirname(self.path)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._settled)
        self._last = _fingerprint(self.path)
        self._rewatch()

    def _rewatch(self) -> None:
        if os.path.isdir(self.folder) and self.folder not in self._watcher.directories():
            self._watcher.addPath(self.folder)
        if os.path.exists(self.path) and self.path not in self._watcher.files():
            self._watcher.addPath(self.path)

    def _poke(self, _path: str = "") -> None:
        self._timer.start()  # restarts the debounce

    def _settled(self) -> None:
        self._rewatch()
        now = _fingerprint(self.path)
        if now != self._last:  # a change to another file in the folder is ignored
            self._last = now
            self.changed.emit(self.path)

    def watched(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def stop(self) -> None:
        self._timer.stop()
        paths = self.watched()
        if paths:
            self._watcher.removePaths(paths)
