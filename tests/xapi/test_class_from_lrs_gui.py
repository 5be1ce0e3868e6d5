"""Progress > Class from LRS shows the class read from Ralph with when it was fetched, and, with
Ralph stopped, the class fetched earlier marked as offline."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from simulator.cli import main  # noqa: E402
from simulator.core.xapi import class_from_lrs as cl  # noqa: E402

from ..gui.conftest import _make_window  # noqa: E402
from ..gui.fit_checks import clipped_texts  # noqa: E402
from .test_class_from_ralph import FILE, own_class  # noqa: E402


def menu_action(window, menu_title: str, text: str):
    """The menu's entry, found among the window's own menus (a menu bar action's menu() can hand
    back a wrapper of an object PySide6 has already let go)."""
    from PySide6.QtWidgets import QMenu

    menu = next(m for m in window.findChildren(QMenu) if m.title().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_class_from_lrs_is_fetched_in_the_background_and_shown_offline_later(qtbot, tmp_path, live_ralph,
                                                                              capsys):
    from simulator.gui.progress.class_view import NAME, STUCK

    data_dir = tmp_path / "home"
    own_class(data_dir, live_ralph.url)
    for pick, name in (("wow", "Ana"), ("low", "Ben"), ("low", "Ben")):
        assert main(["play", FILE, "--pick", pick, "--trainee", name, "--data-dir", str(data_dir)]) == 0
    assert main(["sync", "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    window = _make_window(qtbot, data_dir)
    assert window.record.open(), window.record.error
    action = menu_action(window, "Progress", "Class from LRS")

    action.trigger()
    view = window.progress.class_view
    assert window.stack.currentWidget() is view
    assert view.source_label.text() == "Fetching the class from the LRS…"  # the window goes on meanwhile
    qtbot.waitUntil(lambda: view.source_label.text().startswith("Fetched from the LRS at "), timeout=20000)
    assert view.title_label.text() == "Class from the LRS" and view.source_label.isVisible()
    assert not view.import_button.isVisible()
    assert sorted(view.shown_names()) == ["Ana", "Ben"]  # the local names of the accounts
    rows = {view.cell_text(r, NAME): r for r in range(view.row_count())}
    assert view.cell_text(rows["Ben"], STUCK).startswith("⚠")
    assert view.cell_text(rows["Ana"], STUCK) == ""
    luggage = view.column_of("lost-luggage")
    assert "WOW" in view.cell_text(rows["Ana"], luggage) and "Low" in view.cell_text(rows["Ben"], luggage)
    fetched = cl.load_cache(data_dir).fetched_at
    assert view.source_label.text() == f"Fetched from the LRS at {cl.when_text(fetched)}."

    # Enter on a known trainee opens their progress, as in the local overview.
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(rows["Ana"], NAME))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.progress.progress_view

    # Again: only what is new is read, and the line says since when.
    window.progress.show_class_view()
    action.trigger()
    qtbot.waitUntil(lambda: "what was new since" in view.source_label.text(), timeout=20000)
    assert view.source_label.text().endswith(f"what was new since {fetched.astimezone():%H:%M}.") or \
        view.source_label.text().endswith(f"what was new since {cl.when_text(fetched)}.")  # fetched before midnight
    assert sorted(view.shown_names()) == ["Ana", "Ben"]
    assert [p for p in clipped_texts(view) if "source" in p or "Fetched" in p] == []
    os.makedirs("/tmp/xapi-click-shots", exist_ok=True)
    window.grab().save("/tmp/xapi-click-shots/class-from-lrs-again.png")
    fetched = cl.load_cache(data_dir).fetched_at

    live_ralph.stop()
    action.trigger()
    assert window.stack.currentWidget() is view
    assert view.source_label.text().endswith(f"Until it answers: what was fetched at {cl.when_text(fetched)}.")
    qtbot.waitUntil(lambda: view.source_label.text().startswith("Offline: "), timeout=20000)
    assert view.source_label.text().startswith(f"Offline: showing what was fetched at {cl.when_text(fetched)}.")
    assert "did not answer" in view.source_label.text()
    assert sorted(view.shown_names()) == ["Ana", "Ben"]

    # The local overview is the store's again, without the LRS's line.
    window.progress.show_class_view()
    assert view.title_label.text() == "Class overview" and not view.source_label.isVisible()
    assert view.import_button.isVisible()
    live_ralph.start()
