"""The main window: menus, the screens in a stack, the library loading, font scale, settings.

It owns the practice screens (library, briefing, play, debrief) and holds two controllers:
``progress`` (who is practising, progress views, resume, export and import) and ``room``
(presenter mode, the three levels). Each states what it needs from the window in a Protocol
(``ProgressHost``, ``ClassroomHost``); the few methods below that only forward to a controller
are kept for the code and tests that drive the window.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from ..core.assets import bundled_dir
from ..core.timing import TimeLimits
from .base import fonts, geometry, worker
from .base.folders import documents_folder
from .base.progress_text import next_review
from .classroom.controller import ClassroomController
from .practice.library import LibraryView
from .progress.controller import ProgressController
from .progress.practice_record import PracticeRecord
from .settings import MAX_SCALE, MIN_SCALE, Settings
from .widgets.keys_help import KeysHelp

SCALE_STEP = 1.1


class MainWindow(QMainWindow):
    library_ready = Signal()  # the library finished loading (each reload)
    library_settled = Signal()  # ... and its background work (checking new files, the cache) is done
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
        self.library_busy = False  # the library's background work (new files checked, the cache saved) is running
        self.load_errors: list[str] = []
        self._generation = 0
        self._jobs: list[worker.LoadJob] = []
        self._analysis_cache: dict[str, object] = {}
        self._scenarios: dict[str, object] = {}  # path -> Scenario parsed by a library job this session
        self.current = None  # the Scenario being briefed or played
        self.mode = settings.mode
        self.last_debrief: tuple | None = None  # (scenario, result, analysis) handed to the debrief
        self.debrief = None
        self.progress = ProgressController(self)
        self.room = ClassroomController(self)

        self._set_text_size(settings.font_scale)  # before any screen is built: each is built at its size
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.library = LibraryView()
        self.stack.addWidget(self.library)
        self.library.scenario_chosen.connect(self.open_briefing)
        self.library.switch_trainee_requested.connect(self.progress.choose_trainee)
        self.record = PracticeRecord(settings.data_dir, self)
        self.record.problem.connect(self.progress.report_problem)
        self.record.trainee_changed.connect(self.progress.refresh_progress)
        # made on first use: start-up shows only the library
        self._briefing = self._play = None
        self._build_menus()
        geometry.restore(self, settings.geometry, 1280, 800)
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
        self.time_menu = view.addMenu("&Time limits")  # WCAG 2.2.1: extend or turn off the timed decisions
        self.time_actions = {}
        group = QActionGroup(self)
        for limits in TimeLimits:
            action = self._action(self.time_menu, limits.label, lambda _=False, v=limits: self.set_time_limits(v),
                                  checkable=True)
            group.addAction(action)
            action.setChecked(limits is self.settings.time_limits)
            self.time_actions[limits] = action
        self.fullscreen_action = self._action(view, "&Full screen", self.toggle_full_screen,
                                              QKeySequence(Qt.Key.Key_F11), checkable=True)
        view.addSeparator()
        self.presenter_action = self._action(view, "&Presenter mode (a scenario opens on the projector)",
                                             self.room.set_presenter_mode, QKeySequence("Ctrl+F5"), checkable=True)
        self._action(view, "The &three levels side by side", self.room.show_three_levels, QKeySequence("Shift+F5"))
        self.screen_menu = view.addMenu("Presenter &screen")
        self.screen_menu.aboutToShow.connect(self.room.fill_screen_menu)
        progress = bar.addMenu("&Progress")
        self._action(progress, "&Who is practising?…", self.progress.choose_trainee, QKeySequence("Ctrl+Shift+W"))
        self._action(progress, "My &progress", self.progress.show_progress_view, QKeySequence("Ctrl+Shift+P"))
        self._action(progress, "&Class overview", self.progress.show_class_view, QKeySequence("Ctrl+Shift+O"))
        self._action(progress, "Class &from LRS", self.progress.show_lrs_class)
        progress.addSeparator()
        self._action(progress, "Export my &history (JSON)…", self.progress.export_history)
        self._action(progress, "Export all attempts (&CSV)…", self.progress.export_attempts)
        self._action(progress, "&Import trainees' histories…", self.progress.import_histories)
        progress.addSeparator()
        self._action(progress, "&Learning Record Store…", self.progress.show_lrs)
        self._action(progress, "What is &sent about me…", self.progress.show_sent_about)
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
        self.library_loading = self.library_busy = True
        self.library.clear()
        self._scenarios.clear()
        self.statusBar().showMessage("Loading the library…")
        for old in self._jobs:
            if old.generation >= 0:  # an earlier listing: its results would be ignored anyway
                old.cancel()
        job = worker.LoadJob(self._generation, self.sources(), self.cache_path())
        self._jobs = [j for j in self._jobs if j.generation >= self._generation - 1] + [job]
        worker.start(job, self._on_loaded, self._on_library_finished, self._on_failed, on_done=self._on_library_done)

    def cancel_jobs(self) -> None:
        """The app closes: stop the jobs, keeping what they already analysed."""
        for job in self._jobs:
            job.cancel(keep_work=True)

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
        if self.stack.currentWidget() is self.library:
            self.library.loaded()
        broken = sum(not c.playable for c in self.library.cards)
        self.statusBar().showMessage(f"{count} scenario file{'s' * (count != 1)} loaded"
                                     + (f", {broken} with problems" if broken else ""), 8000)
        self.progress.refresh_progress()
        self.library_ready.emit()
        self.progress.offer_resume()

    def _on_library_done(self, generation: int) -> None:
        if generation == self._generation:
            self.library_busy = False
            self.library_settled.emit()

    def choose_user_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs are imported when first used: a faster start

        folder = QFileDialog.getExistingDirectory(self, "Scenario folder", self.settings.user_folder or documents_folder())
        if folder:
            self.set_user_folder(folder)

    def set_user_folder(self, folder: str) -> None:
        self.settings.user_folder = folder
        self.settings.sync()
        self.show_library()
        self.load_library()

    def choose_scenario_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", self.settings.user_folder or documents_folder(),
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
        self.library.focus_card(card)
        self.statusBar().showMessage(f"{os.path.basename(card.entry.path)} has problems: see its card", 8000)

    # -- screens -------------------------------------------------------------------------------

    @property
    def briefing(self):
        if self._briefing is None:
            from .practice.briefing import BriefingView

            self._briefing = BriefingView()
            self._briefing.back_requested.connect(self.show_library)
            self._briefing.start_requested.connect(self.start_play)
            self._briefing.time_limits_chosen.connect(self.set_time_limits)
            self.stack.addWidget(self._briefing)
            fonts.refresh(self._briefing)
        return self._briefing

    @property
    def play(self):
        if self._play is None:
            from .practice.play import PlayView

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
        self.library.focus_current()

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
            result = worker.crashed_result(entry.path, worker.current_trace())
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
        self.briefing.set_time_limits(self.settings.time_limits)
        self.stack.setCurrentWidget(self.briefing)
        self.briefing.start_button.setFocus()

    def start_play(self, mode: str) -> None:
        if self.current is None:
            return
        if self.room.presenting:
            self.room.present_scenario(self.current)
            return
        self.mode = mode
        self.settings.mode = mode
        self.play.time_limits = self.settings.time_limits
        self.play.start(self.current, mode, self.settings.mood_meter)
        self.record.begin(self.current, mode, self.play.time_limits.value)
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
        from ..core.modes import Mode
        from .practice.report import played_by

        trainee = self.record.trainee
        view.set_player_note(played_by(trainee.name if trainee is not None else "", Mode.or_default(self.mode).label))
        view.show_result(scenario, result, analysis)
        if saved and state is not None:
            note = f"Saved to {self.record.trainee.name}'s progress. {next_review(state.due_at)}".strip()
        elif self.record.active:
            note = "This attempt was not saved (see the message in the status bar)."
        else:
            note = ""
        timers = TimeLimits.or_default(self.play.time_limits).sentence
        view.set_timers_note(timers)
        view.set_record_note(f"{timers} {note}".strip())
        self.progress.refresh_progress()
        self.stack.setCurrentWidget(view)
        fonts.refresh(view)
        self.debrief_shown.emit()

    def _debrief_view(self):
        if self.debrief is None:
            from .practice.debrief import DebriefView

            self.debrief = DebriefView()
            self.debrief.retry_requested.connect(self.retry)
            self.debrief.library_requested.connect(self.show_library)
            self.stack.addWidget(self.debrief)
        return self.debrief

    def retry(self) -> None:
        if self.current is not None:
            self.start_play(self.mode)

    def playing(self) -> bool:
        """True while a conversation is on screen."""
        return self._play is not None and self.stack.currentWidget() is self._play

    def continue_session(self, scenario, session, mode: str, timers: str = "as-written") -> None:
        """Show a resumed conversation where it stands (its debrief if it had ended), with the time
        limits it started with."""
        self.current = scenario
        self.mode = mode
        self.play.time_limits = TimeLimits.or_default(timers)
        self.play.show_session(scenario, session, mode)
        self.stack.setCurrentWidget(self.play)
        if session.ended:
            self.show_debrief()
        elif self.play.reply_buttons:
            self.play.reply_buttons[0].setFocus()

    def chosen_scenario(self):
        """The scenario being briefed or played, else the current card's; None (and a message) if neither."""
        if self.stack.currentWidget() is not self.library and self.current is not None:
            return self.current
        card = self.library.current_card()
        if card is None or not card.playable:
            self.statusBar().showMessage("Choose a scenario in the library first", 8000)
            return None
        return self.scenario_for(card.entry)

    # -- the controllers' parts, as the code and tests that drive the window call them --------

    def start_progress(self, ask: bool = True) -> None:
        self.progress.start_progress(ask)

    def choose_trainee(self) -> None:
        self.progress.choose_trainee()

    def sign_in(self, trainee) -> None:
        self.progress.sign_in(trainee)

    def _trainee_removed(self, trainee_id: str) -> None:
        self.progress.trainee_removed(trainee_id)

    def refresh_progress(self) -> None:
        self.progress.refresh_progress()

    def offer_resume(self) -> None:
        self.progress.offer_resume()

    def ask_resume(self, title: str, attempt) -> str:
        """'continue', 'discard' or 'later' (a dialog); tests replace it."""
        return self.progress.ask_resume(title, attempt)

    def show_progress_view(self) -> None:
        self.progress.show_progress_view()

    def show_class_view(self) -> None:
        self.progress.show_class_view()

    @property
    def _progress_view(self):
        return self.progress.progress_view

    @property
    def _class_view(self):
        return self.progress.class_view

    @property
    def classroom(self):
        """The room's window while a scenario is shown to a room, else None."""
        return self.room.classroom

    @property
    def presenting(self) -> bool:
        return self.room.presenting

    def show_three_levels(self) -> None:
        self.room.show_three_levels()

    def present_scenario(self, scenario, start: str | None = None) -> None:
        self.room.present_scenario(scenario, start)

    def close_classroom(self) -> None:
        self.room.close_classroom()

    # -- view ----------------------------------------------------------------------------------

    @property
    def font_scale(self) -> float:
        return self._scale

    def _set_text_size(self, scale: float) -> None:
        self._scale = round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)
        self.setFont(fonts.set_text_scale(self._scale))

    def apply_font_scale(self, scale: float) -> None:
        """Ctrl+= / Ctrl+-: every screen's text follows, and the size is remembered."""
        self._set_text_size(scale)
        fonts.refresh(self)
        facilitator = self.classroom.facilitator if self.classroom is not None else None
        if facilitator is not None:  # the laptop's window of a class session uses the app's sizes too
            fonts.refresh(facilitator)
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

    def set_time_limits(self, limits: TimeLimits) -> None:
        """From the next conversation on: an attempt keeps the setting it started with, and records it."""
        self.settings.time_limits = limits
        self.settings.sync()
        self.time_actions[limits].setChecked(True)
        if self._briefing is not None:
            self._briefing.set_time_limits(limits)
        self.statusBar().showMessage(f"Time limits: {limits.label.lower()}, from the next conversation", 5000)

    def toggle_full_screen(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()

    def show_window(self) -> None:
        self.show()
        if self.present:
            self.room.set_presenter_mode(True)

    def shortcuts_box(self) -> KeysHelp:
        return KeysHelp(self)

    def show_shortcuts(self) -> None:
        self.shortcuts_box().exec()

    def closeEvent(self, event) -> None:
        if self._play is not None:
            self._play.stop()
        self.cancel_jobs()
        if self.progress.lrs_sender is not None:
            self.progress.lrs_sender.stop()
        self.record.close()
        if self.classroom is not None:
            self.classroom.close()
        if self.persist:
            self.settings.geometry = geometry.remembered(self) or QByteArray()
            self.settings.mode = self.mode
            self.settings.sync()
        super().closeEvent(event)
