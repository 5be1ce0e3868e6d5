"""The app's side of the LRS: a background sender, and the "Learning Record Store" dialog
(settings, what was sent and what waits, the last error, "Send now").

Sending runs in the thread pool (like the library's loading jobs in ``worker.py``), never on
the UI thread: a reply click only pays the INSERT the store does with the step. The core
(``core/xapi``) does the work; this only presents it and forwards clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ..base import geometry
from ..base.worker import CallJob, start_call

POLL_MS = 15000  # how often the sender looks for statements that are due


def _sync_work(db_path: str, data_dir: str, honour_backoff: bool):
    def work(_progress):
        from ...core.xapi import config
        from ...core.xapi.client import LrsClient
        from ...core.xapi.outbox import Outbox, SyncReport, sync

        settings = config.load(data_dir)
        with Outbox(db_path) as outbox:
            if not settings.endpoint:
                return SyncReport(pending=outbox.status().pending, error="no LRS address is set")
            return sync(outbox, LrsClient(settings.endpoint, settings.key, settings.secret),
                        honour_backoff=honour_backoff)
    return work


class LrsSender(QObject):
    """Sends what is due every ``POLL_MS`` while the organisation has opted in; one job at a time."""

    reported = Signal(object)  # SyncReport after each run

    def __init__(self, record, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.record = record  # PracticeRecord
        self.last = None
        self._job: CallJob | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(lambda: self.send(honour_backoff=True))
        self._timer.start()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def send(self, honour_backoff: bool = False) -> bool:
        """Start a run unless one is going or sending is off; False when nothing started."""
        store = self.record.store
        if self._job is not None or store is None or getattr(self.record, "lrs_recorder", None) is None:
            return False
        self._job = start_call(CallJob(_sync_work(str(store.path), str(store.data_dir), honour_backoff)),
                               self._done, on_failed=self._failed)
        return True

    def _done(self, report) -> None:
        self._job, self.last = None, report
        self.reported.emit(report)

    def _failed(self, trace: str) -> None:
        from ...core.xapi.outbox import SyncReport

        self._done(SyncReport(error=trace.strip().splitlines()[-1] if trace.strip() else "unknown error"))

    def stop(self) -> None:
        self._timer.stop()


class LrsDialog(QDialog):
    """Progress > Learning Record Store: the settings, the outbox's state and "Send now"."""

    def __init__(self, record, sender: LrsSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...core.xapi import config

        self.setWindowTitle("Learning Record Store")
        self.setObjectName("lrsDialog")
        self.record, self.sender = record, sender
        self.data_dir = str(record.store.data_dir)
        saved = config.load(self.data_dir)
        self.enabled = QCheckBox("Send every attempt, decision by decision, to the organisation's LRS")
        self.enabled.setChecked(saved.enabled)
        self.endpoint, self.key = QLineEdit(saved.endpoint), QLineEdit(saved.key)
        self.secret = QLineEdit(saved.secret)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.home_page, self.base = QLineEdit(saved.home_page), QLineEdit(saved.activity_base)
        for field, name in ((self.endpoint, "endpoint"), (self.key, "key"), (self.secret, "secret"),
                            (self.home_page, "homePage"), (self.base, "activityBase")):
            field.setObjectName(name)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow("LRS address (xAPI)", self.endpoint)
        form.addRow("Key", self.key)
        form.addRow("Secret", self.secret)
        form.addRow("Organisation's home page", self.home_page)
        form.addRow("Scenario ids start with", self.base)
        names = ("with their names (simulator lrs set --send-names no sends none)" if saved.send_names
                 else "not by name")
        where = QLabel(f"The secret is kept in {config.secret_location(self.data_dir)}. Trainees are sent as "
                       f"pseudonymous accounts on the home page, {names}, never by e-mail address. Each trainee "
                       f"sees what is sent about them in Progress > What is sent about me.")
        where.setWordWrap(True)
        form.addRow(where)
        settings_box = QGroupBox("Settings")
        settings_box.setLayout(form)

        self.status = QLabel()
        self.status.setObjectName("lrsStatus")
        self.status.setWordWrap(True)
        self.send_button = QPushButton("Send &now")
        self.send_button.setObjectName("sendNow")
        self.send_button.clicked.connect(self.send_now)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.send_button)
        outbox_box = QGroupBox("Outbox")
        outbox_box.setLayout(row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(settings_box)
        layout.addWidget(outbox_box)
        layout.addWidget(buttons)
        sender.reported.connect(self._reported)
        self.refresh()
        hint = self.sizeHint()
        geometry.open_at(self, hint.width(), hint.height())

    def save(self) -> None:
        from ...core.xapi import config

        settings = config.LrsSettings(enabled=self.enabled.isChecked(), endpoint=self.endpoint.text().strip(),
                                      key=self.key.text().strip(), secret=self.secret.text(),
                                      home_page=self.home_page.text().strip(),
                                      activity_base=self.base.text().strip() or config.DEFAULT_ACTIVITY_BASE)
        try:
            config.save(self.data_dir, settings)
        except config.SettingsError as exc:
            self.status.setText(f"Not saved. {exc}")
            self._fit_height()
            return
        except OSError as exc:
            self.status.setText(f"The settings could not be saved: {exc}")
            return
        self.record.attach_lrs()
        self.refresh("Saved.")

    def send_now(self) -> None:
        if self.sender.send(honour_backoff=False):
            self.send_button.setEnabled(False)
            self.status.setText("Sending…")
        else:
            self.refresh("Sending is off: switch it on and save first." if self.record.lrs_recorder is None
                         else "A send is already under way.")

    def _reported(self, report) -> None:
        self.send_button.setEnabled(True)
        self.refresh(report.line() + (f". Stopped: {report.error}" if report.error else "."))

    def refresh(self, note: str = "") -> None:
        from ...core.xapi.outbox import Outbox

        try:
            with Outbox(self.record.store.path) as outbox:
                state = outbox.status()
        except Exception as exc:
            self.status.setText(f"The outbox could not be read: {exc}")
            return
        lines = [f"Sent: {state.sent}. Waiting: {state.pending}."]
        if state.refused:
            first = state.refused[0]
            lines.append(f"Refused by the LRS and kept: {len(state.refused)} (first: {first.verb}, HTTP "
                         f"{first.status}: {first.reason}).")
        if state.last_error:
            lines.append(f"Last error: {state.last_error}.")
        if note:
            lines.append(note)
        self.status.setText("\n".join(lines))
        self._fit_height()

    def _fit_height(self) -> None:
        """A longer message (an error, a refusal) makes the dialog taller rather than cutting it off."""
        missing = self.status.heightForWidth(self.status.width()) - self.status.height()
        if missing > 0 and self.isVisible():
            self.resize(self.width(), self.height() + missing)


def open_dialog(parent: QWidget, record, sender: "LrsSender") -> None:
    """Progress > Learning Record Store…: the settings, the outbox and "Send now"."""
    if record.store is not None:
        LrsDialog(record, sender, parent).exec()
