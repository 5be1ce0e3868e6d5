"""The app queues an attempt played with the mouse and keys, and the LRS dialog sends it in the
background ("Send now"), shows what was sent, and its settings switch sending off."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QPushButton  # noqa: E402

from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.xapi.outbox import Outbox  # noqa: E402

from ..gui.conftest import TIMER_SCENARIO, _make_window  # noqa: E402
from ..gui.fit_checks import clipped_texts  # noqa: E402
from ..gui.test_app import open_by_keyboard, press_reply  # noqa: E402
from .conftest import opt_in  # noqa: E402


def test_an_attempt_played_in_the_app_is_queued_and_sent_from_the_dialog(qtbot, tmp_path, stub_lrs):
    from simulator.gui.progress.lrs_panel import LrsDialog, LrsSender

    data_dir, folder = tmp_path / "home", tmp_path / "mine"
    folder.mkdir()
    (folder / "tiny-timer.yaml").write_text(TIMER_SCENARIO, encoding="utf-8")
    opt_in(data_dir, stub_lrs.url)
    window = _make_window(qtbot, data_dir, folder)
    assert window.record.open(), window.record.error
    assert window.record.lrs_recorder is not None
    window.sign_in(window.record.store.add_trainee("Ann"))
    open_by_keyboard(qtbot, window, "tiny-timer", "practice")
    press_reply(qtbot, window.play, 0)
    qtbot.waitUntil(lambda: window.play.session.ended, timeout=5000)
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(window.play.debrief_button, Qt.Key.Key_Return)
    with Outbox(window.record.store.path) as outbox:
        queued = [s["verb"]["id"].rsplit("/", 1)[-1] for s in outbox.statements()]
    assert queued == ["attempted", "answered", "completed", "passed"]
    assert stub_lrs.received == []  # nothing left on the click itself

    sender = LrsSender(window.record, window)
    dialog = LrsDialog(window.record, sender, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Waiting: 4" in dialog.status.text()
    with qtbot.waitSignal(sender.reported, timeout=10000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sent: 4. Waiting: 0." in dialog.status.text(), timeout=5000)
    assert len(stub_lrs.ids) == 4 and dialog.send_button.isEnabled()

    # Switching sending off in the dialog: the next attempt queues nothing.
    dialog.enabled.setChecked(False)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert isinstance(save, QPushButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert window.record.lrs_recorder is None
    dialog.close()
    scenario = window.play.session.scenario
    window.record.begin(scenario, "practice")
    window.record.step(PlaySession(scenario).choose(0))
    assert len(window.record.store.steps(window.record.attempt_id)) == 1
    with Outbox(window.record.store.path) as outbox:
        assert len(outbox.statements()) == 4
    sender.stop()


def test_the_dialog_says_what_waits_and_the_last_error_and_sends_it_when_the_lrs_is_back(qtbot, tmp_path, stub_lrs,
                                                                                        luggage):
    from simulator.core.headless import play
    from simulator.gui.progress.lrs_panel import LrsDialog, LrsSender

    data_dir, folder = tmp_path / "home", tmp_path / "mine"
    folder.mkdir()
    opt_in(data_dir, stub_lrs.url)
    played = play(luggage, "wow", "Ann", data_dir)
    window = _make_window(qtbot, data_dir, folder)
    assert window.record.open(), window.record.error
    sender = LrsSender(window.record, window)
    dialog = LrsDialog(window.record, sender, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"Sent: 0. Waiting: {played.queued}." in dialog.status.text()
    stub_lrs.status_all = 503
    with qtbot.waitSignal(sender.reported, timeout=10000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Last error: the LRS could not take the statements now (HTTP 503" in dialog.status.text(),
                    timeout=5000)
    assert f"Waiting: {played.queued}." in dialog.status.text()
    assert clipped_texts(dialog) == []  # the dialog grows with the message
    os.makedirs("/tmp/xapi-click-shots", exist_ok=True)
    dialog.grab().save("/tmp/xapi-click-shots/lrs-dialog-error.png")
    stub_lrs.status_all = None
    with qtbot.waitSignal(sender.reported, timeout=10000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"Sent: {played.queued}. Waiting: 0." in dialog.status.text(), timeout=5000)
    with Outbox(window.record.store.path) as outbox:
        assert [s for batch in stub_lrs.received for s in batch] == outbox.statements()
    dialog.close()
    sender.stop()
