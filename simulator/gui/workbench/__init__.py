"""The author's workbench: live preview of a scenario file, problems panel, scenario map."""

from __future__ import annotations

import traceback


def run_preview(path: str, args=None) -> int:
    """``simulator preview FILE``: open the preview window for FILE and run until it closes."""
    from ..app import application
    from ..settings import settings_for
    from .preview_window import PreviewWindow

    try:
        app = application()
        settings = settings_for(getattr(args, "data_dir", None))
        window = PreviewWindow(path, settings)
        window.show()
        code = app.exec()
        window.close()
        return code
    except Exception:
        traceback.print_exc()
        return 1


__all__ = ["run_preview"]
