"""The progress controller: who is practising, the library's progress, resuming an attempt,
the progress and class views, export and import.

The main window holds one (``window.progress``) and forwards the Progress menu and the
library's "switch trainee" to it. Everything it needs from the window is listed in
``ProgressHost``; it reaches the window through nothing else (a test checks this), so the
window can change its insides without breaking the controller, and the controller can be
read without reading the window.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QStatusBar, QWidget

from ..base import fonts
from ..base.progress_text import plural
from ..settings import Settings
from ..widgets import message
from .practice_record import PracticeRecord

if TYPE_CHECKING:  # pragma: no cover
    from ...core.engine import PlaySession
    from ...core.model import Scenario
    from .class_view import ClassView
    from .progress_view import ProgressView


@runtime_checkable
class TraineeLibrary(Protocol):
    """What the controller needs from the library screen: its cards (each with ``entry`` and
    ``playable``), and showing who is practising and their progress on the cards."""

    cards: list

    def set_trainee_name(self, name: str, saving: bool = True) -> None: ...

    def set_progress(self, progress: dict | None) -> None: ...

    def due_cards(self) -> list: ...


@runtime_checkable
class ProgressHost(Protocol):
    """What the progress controller needs from the main window, and all it uses."""

    settings: Settings  # last_trainee, sync()
    record: PracticeRecord  # the store and the trainee practising
    library: TraineeLibrary
    stack: QStackedWidget  # the progress and class views are added to it and shown in it
    library_loading: bool  # while True the cards are incomplete: no progress, no resume offer

    def window(self) -> QWidget:
        """The parent of the controller's dialogs (for the main window: itself)."""

    def statusBar(self) -> QStatusBar: ...

    def show_library(self) -> None: ...

    def playing(self) -> bool:
        """True while a conversation is on screen (no dialog then: it would eat a timed decision)."""

    def scenario_for(self, entry) -> Scenario | None: ...

    def continue_session(self, scenario: Scenario, session: PlaySession, mode: str, timers: str) -> None:
        """Show a resumed conversation where it stands (its debrief if it had ended), with the time
        limits it started with."""

    def ask_resume(self, title: str, attempt) -> str:
        """'continue', 'discard' or 'later' for an unfinished attempt (tests replace it)."""


class ProgressController:
    def __init__(self, host: ProgressHost) -> None:
        # a weak reference: the window holds the controller, not the other way round, so the window is
        # freed as soon as it is let go (in a cycle, the garbage collector would delete it mid-event)
        self.host = weakref.proxy(host)
        self.progress_view: ProgressView | None = None  # made on first use
        self.lrs_sender = None  # the outbox's background sender, once the store is open
        self.class_view: ClassView | None = None
        self.lrs_class = None  # the class fetched from the LRS (lrs_class.LrsClassFetch), on first use
        self._reported: set[str] = set()
        self._resume_offered = False

    def start_progress(self, ask: bool = True) -> None:
        """Open the progress store (telling the trainee about any repair) and ask who is practising."""
        record = self.host.record
        if not record.open():
            message(self.host.window(), "Progress will not be saved", record.error, warning=True)
            self.host.library.set_trainee_name("", saving=False)
            return
        if record.notices:
            message(self.host.window(), "Your progress file", "\n\n".join(record.notices))
        if self.lrs_sender is None:
            from .lrs_panel import LrsSender

            self.lrs_sender = LrsSender(record, self.host.window())  # sends the outbox in the background
        if ask:
            self.choose_trainee()

    def choose_trainee(self) -> None:
        record = self.host.record
        if record.store is None:
            message(self.host.window(), "Progress", record.error or "Progress is not available.")
            return
        from .trainee_picker import pick_trainee

        current = record.trainee.id if record.trainee else self.host.settings.last_trainee
        trainee = pick_trainee(record.store, self.host.window(), current or None, on_removed=self.trainee_removed)
        if trainee is not None:
            self.sign_in(trainee)
        elif record.trainee is None:
            self.host.library.set_trainee_name("")

    def trainee_removed(self, trainee_id: str) -> None:
        """The person practising was removed in the picker: nobody is signed in any more."""
        settings, record = self.host.settings, self.host.record
        if settings.last_trainee == trainee_id:
            settings.last_trainee = ""
        if record.trainee is not None and record.trainee.id == trainee_id:
            if self.host.playing():
                self.host.show_library()
            record.set_trainee(None)
            self.host.library.set_trainee_name("")

    def sign_in(self, trainee) -> None:
        """Practise as ``trainee``: the library shows their progress; an unfinished attempt is offered.
        Someone else signing in mid-conversation leaves it open for its player to resume."""
        record, settings = self.host.record, self.host.settings
        self._resume_offered = False
        switching = record.trainee is not None and record.trainee.id != trainee.id
        if switching and self.host.playing():
            self.host.show_library()
        record.set_trainee(trainee)
        settings.last_trainee = trainee.id
        settings.sync()
        self.host.library.set_trainee_name(trainee.name)
        self.offer_resume()

    def library_ids(self) -> list[str]:
        return [c.entry.id for c in self.host.library.cards if c.playable]

    def refresh_progress(self) -> None:
        """The cards' status and the count of reviews due, for the trainee practising now."""
        if self.host.library_loading:
            return
        library = self.host.library
        progress = self.host.record.scenario_progress(self.library_ids())
        library.set_progress(progress)
        due = len(library.due_cards())
        if progress is not None and due:
            self.host.statusBar().showMessage(
                f"{plural(due, 'scenario')} {'is' if due == 1 else 'are'} due for review", 10000)

    def offer_resume(self) -> None:
        """Once per sign-in, when the library is listed: continue an attempt left open by a crash or a close."""
        record = self.host.record
        if self._resume_offered or self.host.library_loading or not record.active:
            return
        self._resume_offered = True
        for attempt in [a for a in record.unfinished(self.library_ids()) if a.step_count]:
            card = next(c for c in self.host.library.cards if c.playable and c.entry.id == attempt.scenario_id)
            answer = self.host.ask_resume(card.entry.title, attempt)
            if answer == "continue":
                self.resume_attempt(attempt, card.entry)
                return
            if answer == "discard":
                record.discard(attempt.id)
                self.refresh_progress()

    def ask_resume(self, title: str, attempt) -> str:
        """'continue', 'discard' or 'later': the question the window asks by default."""
        replies = plural(attempt.step_count, "reply", "replies")
        box = QMessageBox(QMessageBox.Icon.Question, "Continue where you left off?",
                          f"You have an unfinished attempt at \u201c{title}\u201d ({replies} so far, "
                          f"{attempt.mode}). Continue it?", parent=self.host.window())
        box.setTextFormat(Qt.TextFormat.PlainText)
        buttons = {box.addButton("&Continue", QMessageBox.ButtonRole.AcceptRole): "continue",
                   box.addButton("&Discard it", QMessageBox.ButtonRole.DestructiveRole): "discard",
                   box.addButton("&Later", QMessageBox.ButtonRole.RejectRole): "later"}
        box.setDefaultButton(next(iter(buttons)))
        box.exec()
        return buttons.get(box.clickedButton(), "later")

    def resume_attempt(self, attempt, entry) -> None:
        scenario = self.host.scenario_for(entry)
        if scenario is None:
            return
        report = self.host.record.resume(attempt, scenario)
        if report is None:
            return
        if not report.complete:
            self.tell_scenario_changed(report)
        self.host.continue_session(scenario, report.session, attempt.mode, attempt.timers)

    def tell_scenario_changed(self, report) -> None:
        """The author edited the scenario since the attempt was saved: say which reply and where
        play goes on (plain text: the message quotes node names from the file)."""
        replayed = plural(report.applied, "reply", "replies")
        box = QMessageBox(QMessageBox.Icon.Information, "The scenario has changed",
                          f"{report.message}\n\n{replayed} of your {report.requested} replayed as you gave "
                          f"{'it' if report.applied == 1 else 'them'}. Your earlier attempt is kept in your history "
                          f"as it was.", parent=self.host.window())
        box.setObjectName("scenarioChangedBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def show_lrs(self) -> None:
        """Progress > Learning Record Store…"""
        if self._need_store() and self.lrs_sender is not None:
            from .lrs_panel import open_dialog

            open_dialog(self.host.window(), self.host.record, self.lrs_sender)

    def show_sent_about(self) -> None:
        """Progress > What is sent about me…: every statement about the trainee, as it is sent."""
        if self._need_store(trainee=True):
            from .sent_about_view import open_dialog

            open_dialog(self.host.window(), self.host.record.store, self.host.record.trainee)

    def _need_store(self, trainee: bool = False) -> bool:
        """True when the store (and, if asked, a trainee) is there; otherwise say what is missing."""
        record = self.host.record
        if record.store is None:
            message(self.host.window(), "Progress", record.error or "Progress is not available.")
            return False
        if trainee and record.trainee is None:
            self.choose_trainee()
        return not trainee or record.trainee is not None

    def library_entries(self) -> list:
        return [c.entry for c in self.host.library.cards if c.playable]

    def show_progress_view(self) -> None:
        if self._need_store(trainee=True):
            self.show_progress_of(self.host.record.trainee)

    def show_progress_of(self, trainee) -> None:
        """The progress view for ``trainee`` (the one practising, or one picked in the class view)."""
        stack = self.host.stack
        if self.progress_view is None:
            from .progress_view import ProgressView

            self.progress_view = ProgressView()
            self.progress_view.library_requested.connect(self.host.show_library)
            stack.addWidget(self.progress_view)
        try:
            self.progress_view.show_progress(self.host.record.store, trainee, self.library_entries())
        except Exception as exc:  # a store that fails to read: say so, stay where we are
            self.report_problem(f"Your progress could not be read: {exc}")
            return
        stack.setCurrentWidget(self.progress_view)
        fonts.refresh(self.progress_view)

    def ensure_class_view(self) -> "ClassView":
        if self.class_view is None:
            from .class_view import ClassView

            self.class_view = ClassView()
            self.class_view.library_requested.connect(self.host.show_library)
            self.class_view.store_changed.connect(self.refresh_progress)
            self.class_view.trainee_activated.connect(self.show_progress_of)
            self.host.stack.addWidget(self.class_view)
        return self.class_view

    def show_class_view(self) -> None:
        if not self._need_store():
            return
        view = self.ensure_class_view()
        try:
            view.show_class(self.host.record.store, self.library_entries())
        except Exception as exc:
            self.report_problem(f"The class overview could not be read: {exc}")
            return
        self.host.stack.setCurrentWidget(view)
        fonts.refresh(view)

    def show_lrs_class(self) -> None:
        """Progress > Class from LRS: the cached class at once, then the LRS's, fetched in the background."""
        if not self._need_store():
            return
        if self.lrs_class is None:
            from .lrs_class import LrsClassFetch

            self.lrs_class = LrsClassFetch(self)
        self.lrs_class.show()

    def export_history(self) -> None:
        if self._need_store(trainee=True):
            from .progress_actions import export_history_json

            export_history_json(self.host.window(), self.host.record.store, self.host.record.trainee.id)

    def export_attempts(self) -> None:
        if self._need_store():
            from .progress_actions import export_attempts_csv

            export_attempts_csv(self.host.window(), self.host.record.store)

    def import_histories(self) -> None:
        if not self._need_store():
            return
        from .progress_actions import import_histories

        outcome = import_histories(self.host.window(), self.host.record.store)
        if outcome is not None and outcome.ok:
            self.show_class_view()

    def report_problem(self, text: str) -> None:
        """Shown in the status bar every time, in a dialog the first time for each kind (never
        during a conversation: a dialog would eat the time of a timed decision)."""
        self.host.statusBar().showMessage(text, 15000)
        kind = text.split(":", 1)[0]
        if kind not in self._reported and not self.host.playing():
            self._reported.add(kind)
            message(self.host.window(), "Progress", text, warning=True)
