"""The main window's progress part: who is practising, the library's progress, resuming an
attempt, the progress and class views, export and import.

A part of ``MainWindow`` (mixed into it), kept apart so that each file has one job; it uses the
window's ``record`` (PracticeRecord), ``library``, ``stack`` and ``settings``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ..core.timing import TimeLimits
from . import fonts
from .progress_text import plural
from .widgets import message


class ProgressPart:
    def start_progress(self, ask: bool = True) -> None:
        """Open the progress store (telling the trainee about any repair) and ask who is practising."""
        if not self.record.open():
            message(self, "Progress will not be saved", self.record.error, warning=True)
            self.library.set_trainee_name("", saving=False)
            return
        if self.record.notices:
            message(self, "Your progress file", "\n\n".join(self.record.notices))
        from .xapi_panel import LrsSender

        self.lrs_sender = LrsSender(self.record, self)  # sends the outbox in the background when opted in
        if ask:
            self.choose_trainee()

    def choose_trainee(self) -> None:
        if self.record.store is None:
            message(self, "Progress", self.record.error or "Progress is not available.")
            return
        from .trainee_picker import pick_trainee

        current = self.record.trainee.id if self.record.trainee else self.settings.last_trainee
        trainee = pick_trainee(self.record.store, self, current or None, on_removed=self._trainee_removed)
        if trainee is not None:
            self.sign_in(trainee)
        elif self.record.trainee is None:
            self.library.set_trainee_name("")

    def _trainee_removed(self, trainee_id: str) -> None:
        """The person practising was removed in the picker: nobody is signed in any more."""
        if self.settings.last_trainee == trainee_id:
            self.settings.last_trainee = ""
        if self.record.trainee is not None and self.record.trainee.id == trainee_id:
            if self.stack.currentWidget() is self._play and self._play is not None:
                self.show_library()
            self.record.set_trainee(None)
            self.library.set_trainee_name("")

    def sign_in(self, trainee) -> None:
        """Practise as ``trainee``: the library shows their progress; an unfinished attempt is offered.
        Someone else signing in mid-conversation leaves it open for its player to resume."""
        self._resume_offered = False
        switching = self.record.trainee is not None and self.record.trainee.id != trainee.id
        if switching and self._play is not None and self.stack.currentWidget() is self._play:
            self.show_library()
        self.record.set_trainee(trainee)
        self.settings.last_trainee = trainee.id
        self.settings.sync()
        self.library.set_trainee_name(trainee.name)
        self.offer_resume()

    def library_ids(self) -> list[str]:
        return [c.entry.id for c in self.library.cards if c.playable]

    def refresh_progress(self) -> None:
        """The cards' status and the count of reviews due, for the trainee practising now."""
        if self.library_loading:
            return
        progress = self.record.scenario_progress(self.library_ids())
        self.library.set_progress(progress)
        due = len(self.library.due_cards())
        if progress is not None and due:
            self.statusBar().showMessage(f"{plural(due, 'scenario')} {'is' if due == 1 else 'are'} due for review",
                                         10000)

    def offer_resume(self) -> None:
        """Once per sign-in, when the library is listed: continue an attempt left open by a crash or a close."""
        if self._resume_offered or self.library_loading or not self.record.active:
            return
        self._resume_offered = True
        for attempt in [a for a in self.record.unfinished(self.library_ids()) if a.step_count]:
            card = next(c for c in self.library.cards if c.playable and c.entry.id == attempt.scenario_id)
            answer = self.ask_resume(card.entry.title, attempt)
            if answer == "continue":
                self.resume_attempt(attempt, card.entry)
                return
            if answer == "discard":
                self.record.discard(attempt.id)
                self.refresh_progress()

    def ask_resume(self, title: str, attempt) -> str:
        """'continue', 'discard' or 'later'; tests may replace it."""
        replies = plural(attempt.step_count, "reply", "replies")
        box = QMessageBox(QMessageBox.Icon.Question, "Continue where you left off?",
                          f"You have an unfinished attempt at \u201c{title}\u201d ({replies} so far, "
                          f"{attempt.mode}). Continue it?", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        buttons = {box.addButton("&Continue", QMessageBox.ButtonRole.AcceptRole): "continue",
                   box.addButton("&Discard it", QMessageBox.ButtonRole.DestructiveRole): "discard",
                   box.addButton("&Later", QMessageBox.ButtonRole.RejectRole): "later"}
        box.setDefaultButton(next(iter(buttons)))
        box.exec()
        return buttons.get(box.clickedButton(), "later")

    def resume_attempt(self, attempt, entry) -> None:
        scenario = self.scenario_for(entry)
        if scenario is None:
            return
        report = self.record.resume(attempt, scenario)
        if report is None:
            return
        if not report.complete:
            self.tell_scenario_changed(report)
        self.current = scenario
        self.mode = attempt.mode
        self.play.time_limits = TimeLimits.or_default(attempt.timers)  # it goes on with the time limits it started with
        self.play.show_session(scenario, report.session, attempt.mode)
        self.stack.setCurrentWidget(self.play)
        if report.session.ended:
            self.show_debrief()
        elif self.play.reply_buttons:
            self.play.reply_buttons[0].setFocus()

    def tell_scenario_changed(self, report) -> None:
        """The author edited the scenario since the attempt was saved: say which reply and where
        play goes on (plain text: the message quotes node names from the file)."""
        replayed = plural(report.applied, "reply", "replies")
        box = QMessageBox(QMessageBox.Icon.Information, "The scenario has changed",
                          f"{report.message}\n\n{replayed} of your {report.requested} replayed as you gave "
                          f"{'it' if report.applied == 1 else 'them'}. Your earlier attempt is kept in your history "
                          f"as it was.", parent=self)
        box.setObjectName("scenarioChangedBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def _need_store(self, trainee: bool = False) -> bool:
        """True when the store (and, if asked, a trainee) is there; otherwise say what is missing."""
        if self.record.store is None:
            message(self, "Progress", self.record.error or "Progress is not available.")
            return False
        if trainee and self.record.trainee is None:
            self.choose_trainee()
        return not trainee or self.record.trainee is not None

    def library_entries(self) -> list:
        return [c.entry for c in self.library.cards if c.playable]

    def show_progress_view(self) -> None:
        if self._need_store(trainee=True):
            self.show_progress_of(self.record.trainee)

    def show_progress_of(self, trainee) -> None:
        """The progress view for ``trainee`` (the one practising, or one picked in the class view)."""
        if self._progress_view is None:
            from .progress_view import ProgressView

            self._progress_view = ProgressView()
            self._progress_view.library_requested.connect(self.show_library)
            self.stack.addWidget(self._progress_view)
        try:
            self._progress_view.show_progress(self.record.store, trainee, self.library_entries())
        except Exception as exc:  # a store that fails to read: say so, stay where we are
            self._progress_problem(f"Your progress could not be read: {exc}")
            return
        self.stack.setCurrentWidget(self._progress_view)
        fonts.refresh(self._progress_view)

    def show_class_view(self) -> None:
        if not self._need_store():
            return
        if self._class_view is None:
            from .class_view import ClassView

            self._class_view = ClassView()
            self._class_view.library_requested.connect(self.show_library)
            self._class_view.store_changed.connect(self.refresh_progress)
            self._class_view.trainee_activated.connect(self.show_progress_of)
            self.stack.addWidget(self._class_view)
        try:
            self._class_view.show_class(self.record.store, self.library_entries())
        except Exception as exc:
            self._progress_problem(f"The class overview could not be read: {exc}")
            return
        self.stack.setCurrentWidget(self._class_view)
        fonts.refresh(self._class_view)

    def export_history(self) -> None:
        if self._need_store(trainee=True):
            from .progress_actions import export_history_json

            export_history_json(self, self.record.store, self.record.trainee.id)

    def export_attempts(self) -> None:
        if self._need_store():
            from .progress_actions import export_attempts_csv

            export_attempts_csv(self, self.record.store)

    def import_histories(self) -> None:
        if not self._need_store():
            return
        from .progress_actions import import_histories

        outcome = import_histories(self, self.record.store)
        if outcome is not None and outcome.ok:
            self.show_class_view()

    def show_lrs(self) -> None:
        if self._need_store():
            from .xapi_panel import open_dialog

            open_dialog(self)

    def _progress_problem(self, text: str) -> None:
        """Shown in the status bar every time, in a dialog the first time for each kind (never
        during a conversation: a dialog would eat the time of a timed decision)."""
        self.statusBar().showMessage(text, 15000)
        kind = text.split(":", 1)[0]
        playing = self._play is not None and self.stack.currentWidget() is self._play
        if kind not in self._reported and not playing:
            self._reported.add(kind)
            message(self, "Progress", text, warning=True)
