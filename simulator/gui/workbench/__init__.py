"""The author's workbench: live preview of a scenario file, problems panel, scenario map."""

from __future__ import annotations

import sys
import traceback


def run_preview(path: str, args=None) -> int:
    """``simulator preview FILE``: open the preview window for FILE and run until it closes."""
    from PySide6.QtWidgets import QApplication

    from .. import qtfix

    qtfix.apply()  # the PySide6 6.12 / Python 3.11 None refcount bug, shared with the app
    from ..settings import Settings, data_dir_from
    from ..style import stylesheet
    from .preview_window import PreviewWindow

    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("Service role-play simulator")
        app.setOrganizationName("ServiceRoleplay")
        app.setDesktopFileName("simulator")
        app.setStyleSheet(stylesheet())
        settings = Settings(data_dir_from(getattr(args, "data_dir", None)))
        window = PreviewWindow(path, settings)
        window.show()
        code = app.exec()
        window.close()
        return code
    except Exception:
        traceback.print_exc()
        return 1


__all__ = ["run_preview"]
