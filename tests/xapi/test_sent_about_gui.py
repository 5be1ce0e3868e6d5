"""Progress > What is sent about me: the trainee opens it from the menu, reads every statement about
them (newest first, in plain words and exactly as sent), moves through them with the keys, and
saves a copy; it fits a 1366x768 laptop at every text size.

Set FIT_SHOTS to a folder to keep a picture of the dialog at each text size."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from simulator.core.headless import play  # noqa: E402
from simulator.core.xapi.outbox import Outbox  # noqa: E402

from ..gui.conftest import _make_window  # noqa: E402
from ..gui.fit_checks import fit_problems, save_shot, table_problems  # noqa: E402
from ..gui.test_fit_trainee import SCALES, settle  # noqa: E402
from .conftest import opt_in  # noqa: E402
from .test_class_from_lrs_gui import menu_action  # noqa: E402


def _when_open(qtbot, check) -> list:
    """Run ``check(dialog)`` on the modal dialog the next action opens; it closes it."""
    from simulator.gui.progress.sent_about_view import SentAboutDialog

    seen: list = []
    tries = [300]  # 3 s at most: something else opened (a message box) is closed and the test fails

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SentAboutDialog):  # not shown yet: look again once the event loop turns
            tries[0] -= 1
            if tries[0] <= 0 and dialog is not None:
                dialog.close()
            elif tries[0] > 0:
                QTimer.singleShot(10, look)
            return
        try:
            check(dialog)
            seen.append(dialog)
        finally:
            qtbot.keyClick(dialog.list if dialog.list.isVisible() else dialog, Qt.Key.Key_Escape)
    QTimer.singleShot(0, look)
    return seen


@pytest.fixture
def played(qtbot, tmp_path, luggage):
    data_dir, folder = tmp_path / "home", tmp_path / "mine"
    folder.mkdir()
    opt_in(data_dir, "http://127.0.0.1:9/xAPI/")
    ann = [play(luggage, pick, "Ann", data_dir) for pick in ("low", "wow")]
    play(luggage, "standard", "Bob", data_dir)
    window = _make_window(qtbot, data_dir, folder)
    assert window.record.open(), window.record.error
    trainees = {t.name: t for t in window.record.store.trainees()}
    window.sign_in(trainees["Ann"])
    return window, ann, trainees


def test_the_trainee_reads_every_statement_about_them_newest_first_and_saves_a_copy(qtbot, played, tmp_path,
                                                                                     monkeypatch):
    window, ann, trainees = played
    with Outbox(window.record.store.path) as outbox:
        hers = [s for _, _, s in outbox.about(trainees["Ann"].id)]
    assert len(hers) == sum(p.queued for p in ann)
    copy = tmp_path / "ann.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))

    def check(dialog) -> None:
        table = dialog.list
        lines = [(table.item(r, 0).text(), table.item(r, 2).text(), dialog.item_at(r)) for r in range(table.rowCount())]
        heads = [r for r, (_, _, item) in enumerate(lines) if item is None]
        assert heads == [0, 1 + ann[1].queued]  # a line for each attempt, the newest first
        assert [lines[r][:2] for r in heads] == [("The suitcase that went to Lisbon", f"{p.queued} waiting")
                                                  for p in reversed(ann)]
        newest = [item.statement for _, _, item in lines[1:heads[1]]]
        oldest = [item.statement for _, _, item in lines[heads[1] + 1:]]
        assert oldest + newest == hers  # each attempt's statements in the order they are sent
        assert lines[1][:2] == ("Started the scenario (practice)", "Waiting")
        assert lines[heads[1] - 1][0] == "Passed" and lines[-1][0] == "Failed (Low: the customer's expectations were not met)"
        assert table.currentRow() == 1
        assert json.loads(dialog.statement.toPlainText()) == newest[0]
        qtbot.waitUntil(dialog.list.hasFocus, timeout=2000)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        assert json.loads(dialog.statement.toPlainText()) == newest[1]
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter on a line closes nothing
        assert dialog.isVisible()
        for widget in (dialog.statement, dialog.save_button):  # Tab leaves the list, line by line never
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is widget
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(dialog.statement, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is dialog.list
        assert "Sending is on" in dialog.headline.text() and "Ann" not in dialog.identity.text()
        assert f"Waiting: {len(hers)}." in dialog.identity.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.note.isVisible)
        assert dialog.note.text() == f"Saved {len(hers)} statements to {copy}"

    seen = _when_open(qtbot, check)
    menu_action(window, "Progress", "What is sent about me…").trigger()
    assert len(seen) == 1
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert [s["statement"] for s in saved["statements"]] == hers


def test_someone_with_nothing_queued_is_told_so(qtbot, played):
    window, _, _ = played
    window.sign_in(window.record.store.add_trainee("Cy"))

    def check(dialog) -> None:
        assert dialog.empty.isVisible() and not dialog.list.isVisible() and dialog.list.rowCount() == 0
        assert dialog.empty.text() == "Nothing has been queued or sent about you."
        assert not dialog.save_button.isEnabled()

    seen = _when_open(qtbot, check)
    menu_action(window, "Progress", "What is sent about me…").trigger()
    assert len(seen) == 1


@pytest.mark.parametrize("scale", SCALES)
def test_the_dialog_fits_the_laptop_at_every_text_size(qtbot, played, scale):
    from simulator.core.xapi import config
    from simulator.core.xapi.sent_about import sent_about
    from simulator.gui.progress.sent_about_view import SentAboutDialog

    window, _, trainees = played
    window.apply_font_scale(scale)
    ann = trainees["Ann"]
    with Outbox(window.record.store.path) as outbox:
        view = sent_about(outbox.about(ann.id), ann.id, ann.name, config.load(window.record.store.data_dir))
    dialog = SentAboutDialog(view, ann.name, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    save_shot(dialog, f"sent-about-{round(scale * 100)}")
    problems = fit_problems(dialog)
    problems += table_problems(dialog.list, wrapped=(0,))  # a long reply wraps in its row, never cut
    assert problems == [], f"at {scale:.0%}:\n" + "\n".join(problems)


def test_unreadable_settings_are_said_and_the_statements_still_shown_and_a_failed_save_is_told(qtbot, played,
                                                                                               tmp_path):
    from simulator.gui.progress.sent_about_view import SentAboutDialog, read_view

    window, ann, trainees = played
    settings_file = window.record.store.data_dir / "xapi.json"
    settings_file.write_text("{not json", encoding="utf-8")
    view = read_view(window.record.store, trainees["Ann"])
    dialog = SentAboutDialog(view, "Ann", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.problem.isVisible() and "cannot be read, so nothing is sent" in dialog.problem.text()
    assert dialog.headline.text().startswith("Sending to a Learning Record Store is off")
    assert len(view.items) == sum(p.queued for p in ann) and dialog.list.rowCount() == len(view.items) + 2
    assert settings_file.read_text(encoding="utf-8") == "{not json"  # left as it was
    dialog.save_copy(str(tmp_path))  # a folder, not a file
    assert dialog.note.isVisible() and dialog.note.text().startswith("The copy could not be saved.")
