"""Where file dialogs open: the user's documents, never the folder the app was started from."""

from __future__ import annotations

import os

from PySide6.QtCore import QStandardPaths


def documents_folder() -> str:
    """The user's documents folder (their home folder where the platform has none)."""
    return (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or os.path.expanduser("~"))
