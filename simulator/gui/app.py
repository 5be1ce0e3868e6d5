"""Start the desktop app: ``run(args)`` is what ``simulator`` (no sub-command) calls, and
``run_preview(path, args)`` what ``simulator preview FILE`` calls (the author's workbench)."""

from __future__ import annotations

import os
import sys


def application():
    """The QApplication, created once with the app's name and style."""
    from PySide6.QtWidgets import QApplication

    from .base.style import stylesheet

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Service role-play simulator")
        app.setOrganizationName("ServiceRoleplay")
        app.setDesktopFileName("simulator")
        app.setStyleSheet(stylesheet())
    return app


def _report_smoke_test(window) -> int:
    """One line for packaging checks; non-zero when the bundled library or its content is not whole."""
    from ..core.assets import bundled_content_problems, bundled_portraits

    bundled = [card for card in window.library.cards if card.origin == "bundled"]
    problems = bundled_content_problems()
    if not bundled:
        problems.append("the library lists no bundled scenario")
    problems += [f"the bundled scenario {card.entry.path} has problems" for card in bundled if not card.playable]
    if problems:
        for problem in problems:
            print(f"simulator: smoke test failed: {problem}", file=sys.stderr)
        return 1
    print(f"smoke test ok: {len(bundled)} scenarios, {len(bundled_portraits())} portraits")
    return 0


def run(args) -> int:
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from .settings import settings_for

    smoke = bool(getattr(args, "smoke_test", False))
    errors: list[str] = []
    previous_hook = sys.excepthook

    def hook(kind, value, tb) -> None:  # an exception in a slot: remember it (the smoke test fails)
        import traceback

        errors.append("".join(traceback.format_exception(kind, value, tb)))
        previous_hook(kind, value, tb)
        if smoke and QApplication.instance() is not None:
            QApplication.instance().exit(1)

    sys.excepthook = hook
    try:
        app = application()
        from .main_window import MainWindow

        settings = settings_for(getattr(args, "data_dir", None))
        data_dir = settings.data_dir
        window = MainWindow(settings, present=bool(getattr(args, "present", False)),
                            persist=not (smoke and not data_dir))
        if smoke:
            def done() -> None:
                QTimer.singleShot(0, lambda: app.exit(1 if errors or window.load_errors else 0))

            window.library_settled.connect(done)  # idle: the library listed and its background work done
            QTimer.singleShot(int(os.environ.get("SIMULATOR_SMOKE_TIMEOUT_MS", "60000")), lambda: app.exit(3))
        window.show_window()
        window.load_library()
        if not smoke:  # "who is practising?" once the window is up (a facilitator presenting is not asked)
            QTimer.singleShot(0, lambda: window.start_progress(ask=not window.present))
        code = app.exec()
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)
        if smoke and code == 0 and (errors or window.load_errors):
            code = 1
        if code == 3:
            print("simulator: the smoke test timed out before the library loaded", file=sys.stderr)
        if smoke and code == 0:
            code = _report_smoke_test(window)
        return code
    except Exception:
        import traceback

        traceback.print_exc()
        return 1
    finally:
        sys.excepthook = previous_hook


def run_preview(path: str, args=None) -> int:
    """``simulator preview FILE``: open the preview window for FILE and run until it closes."""
    import traceback

    from PySide6.QtCore import QThreadPool

    from .settings import settings_for
    from .workbench.preview_window import PreviewWindow

    try:
        app = application()
        settings = settings_for(getattr(args, "data_dir", None))
        window = PreviewWindow(path, settings)
        window.show()
        code = app.exec()
        window.close()
        QThreadPool.globalInstance().waitForDone()  # a check of the file still running ends first (it always does)
        return code
    except Exception:
        traceback.print_exc()
        return 1
