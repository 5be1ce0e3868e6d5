"""The main window: menus, the screens in a stack, the library loading, font scale, settings."""

from __future__ import annotations

import os
import traceback

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QStackedWidget

from ..core.assets import bundled_dir
from . import fonts, worker
from .library import LibraryView
from .practice_record import PracticeRecord
from .progress_text import next_review, plural
from .settings import MAX_SCALE, MIN_SCALE, Settings

SCALE_STEP = 1.1
SHORTCUTS = [
    ("Library", "Arrow keys: move between scenarios · Enter: open · Ctrl+F: search"),
    ("Briefing", "Enter: start · Esc: back to the library"),
    ("Play", "1-9: choose a reply · Arrow or Page keys: move between replies · Enter: choose"),
    ("", "Backspace: step back (Practice) · Ctrl+R: restart · Esc: quit to the library"),
    ("Progress", "Ctrl+Shift+W: who is practising · Ctrl+Shift+P: my progress · Ctrl+Shift+O: class overview"),
    ("Text size", "Ctrl+= larger · Ctrl+- smaller · Ctrl+0 reset"),
    ("Window", "F11: full screen"),
    ("Classroom", "Ctrl+F5: presenter mode on/off · Shift+F5: the three levels side by side (F1 there lists its keys)"),
]


def system_point_size() -> float:
    """The system font size, remembered before the app enlarged it."""
    app = QApplication.instance()
    size = app.property("systemPointSize")
    if not size:
        size = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
        app.setProperty("systemPointSize", size)
    return float(size)


class MainWindow(QMainWindow):
    library_ready = Signal()  # the library finished loading (each reload)
    debrief_shown = Signal()

    def __init__(self, settings: Settings, present: bool = False, persist: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.persist = persist
        self.present = present
        self.setWindowTitle("Service role-play simulator")
        self.setMinimumSize(900, 620)
        self.opened_files: list[str] = []
        self.library_loading = False
        self.load_errors: list[str] = []
        self._generation = 0
        self._jobs: list[worker.LoadJob] = []
        self._analysis_cache: dict[str, object] = {}
        self._scenarios: dict[str, object] = {}  # path -> Scenario parsed by a library job this session
        self.current = None  # the Scenario being briefed or played
        self.mode = settings.mode
        self.last_debrief: tuple | None = None  # (scenario, result, analysis) handed to the debrief
        self.debrief = None
        self.classroom = None  # the presenter's window while a scenario is shown to a room

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.library = LibraryView()
        self.stack.addWidget(self.library)
        self.library.scenario_chosen.connect(self.open_briefing)
        self.library.switch_trainee_requested.connect(self.choose_trainee)
        self.record = PracticeRecord(settings.data_dir, self)
        self.record.problem.connect(self._progress_problem)
        self.record.trainee_changed.connect(self.refresh_progress)
        self._reported: set[str] = set()
        self._resume_offered = False
        # made on first use: start-up shows only the library
        self._briefing = self._play = self._progress_view = self._class_view = None
        self._build_menus()
        self.apply_font_scale(settings.font_scale, save=False)
        geometry = settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self.statusBar().showMessage("Loading the library…")

    # -- menus -------------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                unique = []
                for seq in shortcut:
                    if not seq.isEmpty() and seq not in unique:
                        unique.append(seq)
                action.setShortcuts(unique)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName("Menu bar")
        file = bar.addMenu("&File")
        self._action(file, "&Open scenario…", self.choose_scenario_file, QKeySequence.StandardKey.Open)
        self._action(file, "Scenario &folder…", self.choose_user_folder)
        self._action(file, "&Reload library", self.load_library, QKeySequence.StandardKey.Refresh)
        self._action(file, "&Library", self.show_library, QKeySequence("Ctrl+L"))
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view = bar.addMenu("&View")
        self._action(view, "&Larger text", self.zoom_in,
                     [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), *QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)])
        self._action(view, "&Smaller text", self.zoom_out, [QKeySequence("Ctrl+-"), *QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut)])
        self._action(view, "&Reset text size", self.zoom_reset, QKeySequence("Ctrl+0"))
        view.addSeparator()
        self.mood_action = self._action(view, "Show the &mood meter", self.toggle_mood_meter, checkable=True)
        self.mood_action.setChecked(self.settings.mood_meter)
        self.fullscreen_action = self._action(view, "&Full screen", self.toggle_full_screen,
                                              QKeySequence(Qt.Key.Key_F11), checkable=True)
        view.addSeparator()
        self.presenter_action = self._action(view, "&Presenter mode (a scenario opens on the projector)",
                                             self.set_presenter_mode, QKeySequence("Ctrl+F5"), checkable=True)
        self._action(view, "The &three levels side by side", self.show_three_levels, QKeySequence("Shift+F5"))
        self.screen_menu = view.addMenu("Presenter &screen")
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        progress = bar.addMenu("&Progress")
        self._action(progress, "&Who is practising?…", self.choose_trainee, QKeySequence("Ctrl+Shift+W"))
        self._action(progress, "My &progress", self.show_progress_view, QKeySequence("Ctrl+Shift+P"))
        self._action(progress, "&Class overview", self.show_class_view, QKeySequence("Ctrl+Shift+O"))
        progress.addSeparator()
        self._action(progress, "Export my &history (JSON)…", self.export_history)
        self._action(progress, "Export all attempts (&CSV)…", self.export_attempts)
        self._action(progress, "&Import trainees' histories…", self.import_histories)
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)

    # -- library -------------------------------------------------------------------------------

    def sources(self) -> list[tuple[str, str]]:
        sources = [("bundled", str(bundled_dir("scenarios")))]
        folder = self.settings.user_folder
        if folder and os.path.isdir(folder):
            sources.append(("user", folder))
        sources.extend(("file", f) for f in self.opened_files)
        return sources

    def cache_path(self) -> str | None:
        """The catalogue cache, kept with the settings (None: no settings folder, nothing cached)."""
        folder = os.path.dirname(self.settings.path)
        return os.path.join(folder, "library-cache.json") if folder else None

    def load_library(self) -> None:
        self._generation += 1
        self.library_loading = True
        self.library.clear()
        self._scenarios.clear()
        self.statusBar().showMessage("Loading the library…")
        for old in self._jobs:
            if old.generation >= 0:  # an earlier listing: its results would be ignored anyway
                old.cancel()
        job = worker.LoadJob(self._generation, self.sources(), self.cache_path())
        self._jobs = [j for j in self._jobs if j.generation >= self._generation - 1] + [job]
        worker.start(job, self._on_loaded, self._on_library_finished, self._on_failed)

    def cancel_jobs(self) -> None:
        for job in self._jobs:
            job.cancel()

    def _on_loaded(self, generation: int, item: worker.LibraryItem) -> None:
        """A file listed, or (later) found broken by the graph analysis: its card shows it."""
        if generation == self._generation:
            self._add_item(item)

    def _add_item(self, item: worker.LibraryItem):
        if item.scenario is not None:
            self._scenarios[item.entry.path] = item.scenario
        else:
            self._scenarios.pop(item.entry.path, None)
        return self.library.add_entry(item.origin, item.entry)

    def _on_failed(self, generation: int, trace: str) -> None:
        self.load_errors.append(trace)
        self.statusBar().showMessage("The library could not be loaded completely: " + trace.strip().splitlines()[-1])

    def _on_library_finished(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.library_loading = False
        self.library.finish_loading()
        broken = sum(not c.playable for c in self.library.cards)
        self.statusBar().showMessage(f"{count} scenario file{'s' * (count != 1)} loaded"
                                     + (f", {broken} with problems" if broken else ""), 8000)
        self.refresh_progress()
        self.library_ready.emit()
        self.offer_resume()

    def choose_user_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Scenario folder", self.settings.user_folder or os.getcwd())
        if folder:
            self.set_user_folder(folder)

    def set_user_folder(self, folder: str) -> None:
        self.settings.user_folder = folder
        self.settings.sync()
        self.show_library()
        self.load_library()

    def choose_scenario_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", self.settings.user_folder or os.getcwd(),
                                              "Scenarios (*.yaml *.yml);;All files (*)")
        if path:
            self.open_scenario_file(path)

    def open_scenario_file(self, path: str) -> None:
        """Load one file off the UI thread; open its briefing, or show its problems in the library."""
        path = os.path.abspath(path)
        if path not in self.opened_files:
            self.opened_files.append(path)
        job = worker.LoadJob(-1, [("file", path)])
        self._jobs.append(job)

        def loaded(_generation: int, item: worker.LibraryItem) -> None:
            card = self._add_item(item)
            if item.entry.playable:
                self.open_briefing(item.entry)
            else:
                self._show_problems(card)

        worker.start(job, loaded, lambda *_: None, self._on_failed,
                     lambda _g, item: self._show_problems(self._add_item(item)))

    def _show_problems(self, card) -> None:
        self.show_library()
        card.setFocus()
        self.statusBar().showMessage(f"{os.path.basename(card.entry.path)} has problems: see its card", 8000)

    # -- screens -------------------------------------------------------------------------------

    @property
    def briefing(self):
        if self._briefing is None:
            from .briefing import BriefingView

            self._briefing = BriefingView()
            self._briefing.back_requested.connect(self.show_library)
            self._briefing.start_requested.connect(self.start_play)
            self.stack.addWidget(self._briefing)
            fonts.refresh(self._briefing)
        return self._briefing

    @property
    def play(self):
        if self._play is None:
            from .play import PlayView

            self._play = PlayView()
            self._play.quit_requested.connect(self.show_library)
            self._play.debrief_requested.connect(self.show_debrief)
            self._play.step_taken.connect(self.record.step)
            self._play.step_undone.connect(self.record.undo)
            self._play.restarted.connect(self.record.restart)
            self._play.left_unfinished.connect(self.record.leave)
            self.stack.addWidget(self._play)
            fonts.refresh(self._play)
        return self._play

    def show_library(self) -> None:
        if self._play is not None:
            self._play.stop()
        self.stack.setCurrentWidget(self.library)
        self.library.focus_first()

    def scenario_for(self, entry):
        """The entry's Scenario: parsed this session, or read now (the card came from the cache).
        A file that changed and broke since it was listed gets its card updated; None then."""
        scenario = self._scenarios.get(entry.path)
        if scenario is not None:
            return scenario
        from ..core.catalog import CatalogEntry
        from ..core.loader import ScenarioLoader

        try:
            result = ScenarioLoader().load(entry.path)
        except Exception:  # a loader bug shows as the file's problem, as in the library's own loading
            result = worker.crashed_result(entry.path, traceback.format_exc())
        if result.scenario is None:
            origin = next((c.origin for c in self.library.cards if c.entry.path == entry.path), "file")
            self._show_problems(self.library.add_entry(origin, CatalogEntry.from_result(result)))
            return None
        self._scenarios[entry.path] = result.scenario
        return result.scenario

    def open_briefing(self, chosen) -> None:
        """Show the briefing for a library entry (or a Scenario)."""
        scenario = chosen if hasattr(chosen, "nodes") else self.scenario_for(chosen)
        if scenario is None:
            return
        self.current = scenario
        self.briefing.show_scenario(scenario, self.mode)
        self.stack.setCurrentWidget(self.briefing)
        self.briefing.start_button.setFocus()

    def start_play(self, mode: str) -> None:
        if self.current is None:
            return
        if self.presenting:
            self.present_scenario(self.current)
            return
        self.mode = mode
        self.settings.mode = mode
        self.play.start(self.current, mode, self.settings.mood_meter)
        self.record.begin(self.current, mode)
        self.stack.setCurrentWidget(self.play)
        if self.play.reply_buttons:
            self.play.reply_buttons[0].setFocus()

    def analysis_for(self, scenario):
        key = f"{scenario.path}|{scenario.digest}"
        if key not in self._analysis_cache:
            from ..core.analysis import analyze

            self._analysis_cache[key] = analyze(scenario)
        return self._analysis_cache[key]

    def show_debrief(self) -> None:
        session = self.play.session
        if session is None:
            return
        scenario = session.scenario
        result = session.result()
        try:
            analysis = self.analysis_for(scenario)
        except Exception:  # the debrief still works without the canonical paths
            analysis = None
        self.last_debrief = (scenario, result, analysis)
        saved = self.record.attempt_id is not None
        state = self.record.finish(result)
        view = self._debrief_view()
        view.show_result(scenario, result, analysis)
        if saved and state is not None:
            note = f"Saved to {self.record.trainee.name}'s progress. {next_review(state.due_at)}".strip()
        elif self.record.active:
            note = "This attempt was not saved (see the message in the status bar)."
        else:
            note = ""
        view.set_record_note(note)
        self.refresh_progress()
        self.stack.setCurrentWidget(view)
        fonts.refresh(view)
        self.debrief_shown.emit()

    def _debrief_view(self):
        if self.debrief is None:
            from .debrief import DebriefView

            self.debrief = DebriefView()
            self.debrief.retry_requested.connect(self.retry)
            self.debrief.library_requested.connect(self.show_library)
            self.stack.addWidget(self.debrief)
        return self.debrief

    # -- the classroom -------------------------------------------------------------------------

    def set_presenter_mode(self, on: bool) -> None:
        """In presenter mode the briefing's Start opens the scenario for a room, full screen;
        turning it off closes the room's window."""
        self.presenter_action.setChecked(on)
        self.briefing.set_presenting(on)
        if not on and self.classroom is not None:
            self.close_classroom()
        self.statusBar().showMessage("Presenter mode: choose a scenario; it opens full screen on the projector"
                                     if on else "Presenter mode off", 8000)

    @property
    def presenting(self) -> bool:
        return self.presenter_action.isChecked()

    def chosen_scenario(self):
        """The scenario being briefed or played, else the focused card's; None (and a message) if neither."""
        if self.stack.currentWidget() is not self.library and self.current is not None:
            return self.current
        card = next((c for c in self.library.cards if c.hasFocus() and c.playable), None)
        if card is None:
            self.statusBar().showMessage("Choose a scenario in the library first", 8000)
            return None
        return self.scenario_for(card.entry)

    def show_three_levels(self) -> None:
        scenario = self.chosen_scenario()
        if scenario is not None:
            from .classroom import THREE_LEVELS

            self.present_scenario(scenario, THREE_LEVELS)

    def present_scenario(self, scenario, start: str | None = None) -> None:
        """Open the classroom window for ``scenario`` on the projector (with the facilitator's window)."""
        from .classroom import PRESENTER, present

        try:
            analysis = self.analysis_for(scenario)
        except Exception:  # the three-levels view says it has nothing to show
            analysis = None
        if self.classroom is not None:
            self.classroom.close()
        self.classroom = present(scenario, analysis, screen=self.settings.presenter_screen or None,
                                 font_scale=self.settings.presenter_font_scale, start=start or PRESENTER)
        self.classroom.library_requested.connect(self.close_classroom)
        self.classroom.font_scale_changed.connect(self._save_presenter_scale)

    def _save_presenter_scale(self, scale: float) -> None:
        self.settings.presenter_font_scale = scale

    def close_classroom(self) -> None:
        if self.classroom is not None:
            self.classroom.close()
            self.classroom = None
        self.show_library()
        self.activateWindow()

    def _fill_screen_menu(self) -> None:
        from PySide6.QtGui import QActionGroup, QGuiApplication

        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        chosen = self.settings.presenter_screen
        names = [("", "The projector (found automatically)")] + [
            (s.name(), f"{s.name()}  ({s.size().width()}×{s.size().height()})") for s in QGuiApplication.screens()]
        for name, text in names:
            action = self.screen_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, n=name: setattr(self.settings, "presenter_screen", n))

    def retry(self) -> None:
        if self.current is not None:
            self.start_play(self.mode)

    # -- progress --------------------------------------------------------------------------------

    def start_progress(self, ask: bool = True) -> None:
        """Open the progress store (telling the trainee about any repair) and ask who is practising."""
        if not self.record.open():
            QMessageBox.warning(self, "Progress will not be saved", self.record.error)
            self.library.set_trainee_name("", saving=False)
            return
        if self.record.notices:
            QMessageBox.information(self, "Your progress file", "\n\n".join(self.record.notices))
        if ask:
            self.choose_trainee()

    def choose_trainee(self) -> None:
        if self.record.store is None:
            QMessageBox.information(self, "Progress", self.record.error or "Progress is not available.")
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
            QMessageBox.information(self, "The scenario has changed",
                                    f"Only {report.applied} of your {report.requested} replies could be replayed: "
                                    f"{report.reason}. You continue from there.")
        self.current = scenario
        self.mode = attempt.mode
        self.play.show_session(scenario, report.session, attempt.mode)
        self.stack.setCurrentWidget(self.play)
        if report.session.ended:
            self.show_debrief()
        elif self.play.reply_buttons:
            self.play.reply_buttons[0].setFocus()

    def _need_store(self, trainee: bool = False) -> bool:
        """True when the store (and, if asked, a trainee) is there; otherwise say what is missing."""
        if self.record.store is None:
            QMessageBox.information(self, "Progress", self.record.error or "Progress is not available.")
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

    def _progress_problem(self, message: str) -> None:
        """Shown in the status bar every time, in a dialog the first time for each kind (never
        during a conversation: a dialog would eat the time of a timed decision)."""
        self.statusBar().showMessage(message, 15000)
        kind = message.split(":", 1)[0]
        playing = self._play is not None and self.stack.currentWidget() is self._play
        if kind not in self._reported and not playing:
            self._reported.add(kind)
            QMessageBox.warning(self, "Progress", message)

    # -- view ----------------------------------------------------------------------------------

    @property
    def font_scale(self) -> float:
        return self._scale

    def apply_font_scale(self, scale: float, save: bool = True) -> None:
        self._scale = round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)
        font = QFont(QApplication.font())
        font.setPointSizeF(fonts.base_point_size(system_point_size(), self._scale))
        QApplication.setFont(font)
        self.setFont(font)
        fonts.refresh(self)
        if save:
            self.settings.font_scale = self._scale
            self.settings.sync()
        self.statusBar().showMessage(f"Text size {round(self._scale * 100)}%", 3000)

    def zoom_in(self) -> None:
        self.apply_font_scale(self._scale * SCALE_STEP)

    def zoom_out(self) -> None:
        self.apply_font_scale(self._scale / SCALE_STEP)

    def zoom_reset(self) -> None:
        self.apply_font_scale(1.0)

    def toggle_mood_meter(self, checked: bool) -> None:
        self.settings.mood_meter = checked
        if self._play is not None:
            self._play.set_mood_meter(checked)

    def toggle_full_screen(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()

    def show_window(self) -> None:
        self.show()
        if self.present:
            self.set_presenter_mode(True)

    def show_shortcuts(self) -> None:
        text = "\n".join(f"{k}: {v}" if k else f"      {v}" for k, v in SHORTCUTS)
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts", text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def closeEvent(self, event) -> None:
        if self._play is not None:
            self._play.stop()
        self.cancel_jobs()
        self.record.close()
        if self.classroom is not None:
            self.classroom.close()
        if self.persist:
            self.settings.geometry = self.saveGeometry()
            self.settings.mode = self.mode
            self.settings.sync()
        super().closeEvent(event)
