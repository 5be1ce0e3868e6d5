"""The author's preview window: plays the scenario file, reloads on save and comes back to the
same point, lists problems, draws the map and lets the author jump anywhere with any state.

No rules of play here: the session (``PlaySession``) does the playing and the replaying.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMainWindow, QPushButton,
                               QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from ...core.analysis import Analysis, analyze
from ...core.engine import PlayError, PlaySession
from ...core.loader import LoadResult, ScenarioLoader
from ...core.model import Scenario
from ..base import geometry, theme
from ..practice.debrief import DebriefView
from ..practice.play import PlayView
from .file_watch import FileWatcher
from .map_legend import MapLegend
from .map_view import ScenarioMapView
from .problems import ProblemsPanel
from .watch_panel import WatchPanel

EDITOR_KEY = "workbench/editor_command"
STATUS_STYLES = {
    "ok": "background: #E8F3EE; color: #14553E; border: 1px solid #B7DCCB;",
    "warn": "background: #FFF4D6; color: #6B4A00; border: 1px solid #E9CF85;",
    "error": "background: #FBE9E4; color: #8A2C12; border: 1px solid #EDB8A8;",
}


def _scrolls_sideways(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless strip that scrolls sideways when the window is narrower than it."""
    area = QScrollArea()
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(widget)
    area.setFixedHeight(widget.sizeHint().height() + area.horizontalScrollBar().sizeHint().height())
    area.setAccessibleName(widget.accessibleName())
    return area


class PreviewPlayView(PlayView):
    """The trainee's play screen, telling the workbench after every redraw."""

    session_changed = Signal()

    def refresh(self) -> None:
        super().refresh()
        self.session_changed.emit()


class PreviewWindow(QMainWindow):
    reloaded = Signal()  # after every load attempt, good or not

    def __init__(self, path: str, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.settings = settings
        self._qs = QSettings(settings.path, QSettings.Format.IniFormat) if settings is not None else None
        self.loader = ScenarioLoader()
        self.scenario: Scenario | None = None  # the last good version
        self.analysis: Analysis | None = None
        self.last_result: LoadResult | None = None
        self.last_report = None
        self.loaded_at = ""
        self.setWindowTitle(f"Preview: {os.path.basename(self.path)}")

        central = QWidget(objectName="screen")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)
        self.status_line = QLabel("")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setWordWrap(True)
        self.status_line.setAccessibleName("Preview status")
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status_line)

        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.horizontal = QSplitter(Qt.Orientation.Horizontal)
        self.stack = QStackedWidget()
        self.play = PreviewPlayView()
        self.play.session_changed.connect(self._session_changed)
        self.play.debrief_requested.connect(self.show_debrief)
        self.play.quit_requested.connect(self.close)
        self.debrief = DebriefView()
        self.debrief.library_button.setText("Back to the &preview")
        self.debrief.library_button.setAccessibleName("Back to the preview")
        self.debrief.retry_requested.connect(self.restart)
        self.debrief.library_requested.connect(lambda: self.stack.setCurrentWidget(self.play))
        self.stack.addWidget(self.play)
        self.stack.addWidget(self.debrief)
        self.horizontal.addWidget(self.stack)

        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.setSpacing(6)
        map_bar = QHBoxLayout()
        map_title = QLabel("Scenario map")
        map_title.setStyleSheet("font-weight: 600;")
        map_bar.addWidget(map_title)
        map_bar.addStretch(1)
        self.map = ScenarioMapView()
        for text, name, slot in (("−", "Zoom out", self.map.zoom_out), ("+", "Zoom in", self.map.zoom_in),
                                 ("Fit", "Fit the map to the window", self.map.fit)):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setStyleSheet("padding: 2px 10px;")
            button.clicked.connect(slot)
            map_bar.addWidget(button)
        side_box.addLayout(map_bar)
        side_box.addWidget(self.map, 1)
        side_box.addWidget(_scrolls_sideways(MapLegend()))  # its one long line must not set the window's width
        self.node_text = QLabel("Click a node to read it; double-click to play from it.")
        self.node_text.setTextFormat(Qt.TextFormat.PlainText)
        self.node_text.setWordWrap(True)
        self.node_text.setAccessibleName("Selected node")
        self.node_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.node_text.setStyleSheet(f"background: {theme.CARD}; border: 1px solid {theme.BORDER};"
                                     f" border-radius: 6px; padding: 6px;")
        self.node_text.setMaximumHeight(120)
        side_box.addWidget(self.node_text)
        self.watch = WatchPanel()
        side_box.addWidget(self.watch)
        self.horizontal.addWidget(side)
        self.horizontal.setStretchFactor(0, 3)
        self.horizontal.setStretchFactor(1, 2)
        self.horizontal.setSizes([780, 620])

        self.problems = ProblemsPanel()
        self.problems.editor_command = self.editor_command()
        self.problems.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.vertical.addWidget(self.horizontal)
        self.vertical.addWidget(self.problems)
        self.vertical.setStretchFactor(0, 4)
        self.vertical.setStretchFactor(1, 1)
        self.vertical.setSizes([740, 130])
        outer.addWidget(self.vertical, 1)
        self.setCentralWidget(central)

        self.map.node_clicked.connect(self.show_node_text)
        self.map.node_activated.connect(self.play_from_node)
        self.watch.play_from_requested.connect(self.play_from)
        self._menus()

        self.watcher = FileWatcher(self.path, self)
        self.watcher.changed.connect(lambda _p: self.reload())
        self.reload()
        geometry.open_at(self, 1440, 900)
        QTimer.singleShot(0, self.map.fit)

    # -- menus ---------------------------------------------------------------------------------

    def _menus(self) -> None:
        def action(menu, text, shortcut, slot, tip=""):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        file_menu = self.menuBar().addMenu("&File")
        action(file_menu, "&Open scenario…", QKeySequence.StandardKey.Open, self.open_file)
        action(file_menu, "&Reload", "F5", self.reload, "Load the file again now")
        action(file_menu, "Set &editor command…", "", self.ask_editor_command,
               "The command that opens a problem in your text editor")
        file_menu.addSeparator()
        action(file_menu, "&Close", QKeySequence.StandardKey.Close, self.close)
        play_menu = self.menuBar().addMenu("&Play")
        action(play_menu, "Restart from the &start", "Ctrl+Shift+R", self.restart_from_start)
        action(play_menu, "Play from the &node picked in the watch panel", "Ctrl+P", self.watch.apply)
        view = self.menuBar().addMenu("&View")
        action(view, "Zoom &in on the map", "Ctrl+=", self.map.zoom_in)
        action(view, "Zoom &out on the map", "Ctrl+-", self.map.zoom_out)
        action(view, "&Fit the map", "Ctrl+0", self.map.fit)
        action(view, "Go to the &map", "Ctrl+M", lambda: self.map.setFocus(Qt.FocusReason.ShortcutFocusReason))
        action(view, "Go to the &problems", "Ctrl+Shift+M",
               lambda: self.problems.tree.setFocus(Qt.FocusReason.ShortcutFocusReason))
        action(view, "Go to the &watch panel", "Ctrl+Shift+W",
               lambda: self.watch.node_combo.setFocus(Qt.FocusReason.ShortcutFocusReason))

    # -- settings ------------------------------------------------------------------------------

    def editor_command(self) -> str:
        if self._qs is not None:
            value = self._qs.value(EDITOR_KEY, "")
            if value:
                return str(value)
        return os.environ.get("SIMULATOR_EDITOR", "")

    def set_editor_command(self, command: str) -> None:
        self.problems.editor_command = command.strip()
        if self._qs is not None:
            self._qs.setValue(EDITOR_KEY, command.strip())
            self._qs.sync()

    def ask_editor_command(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Editor command",
            "The command that opens a file at a line, with {file}, {line}, {column} and {folder};\n"
            "for example: code -g {file}:{line}:{column}  or  gedit +{line} {file}\n"
            "Leave it empty to copy file:line:column to the clipboard instead.",
            text=self.problems.editor_command)
        if ok:
            self.set_editor_command(text)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", os.path.dirname(self.path),
                                              "Scenarios (*.yaml *.yml)")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        self.watcher.stop()
        self.watcher.deleteLater()
        self.path = os.path.abspath(path)
        self.setWindowTitle(f"Preview: {os.path.basename(self.path)}")
        self.scenario = None
        self.play.session = None
        self.watcher = FileWatcher(self.path, self)
        self.watcher.changed.connect(lambda _p: self.reload())
        self.reload()
        self.map.fit()

    # -- loading -------------------------------------------------------------------------------

    @property
    def session(self) -> PlaySession | None:
        return self.play.session

    def reload(self) -> None:
        result = self.loader.load(self.path)
        self.last_result = result
        self.problems.set_diagnostics(result.diagnostics)
        stamp = time.strftime("%H:%M:%S")
        name = os.path.basename(self.path)
        if result.scenario is None:
            errors = len(result.errors)
            plural = "s" if errors != 1 else ""
            if self.scenario is not None:
                self._status("error", f"{name} has {errors} error{plural} (see Problems below): still playing "
                                      f"the last good version, loaded at {self.loaded_at}.")
            else:
                self._status("error", f"{name} has {errors} error{plural} (see Problems below): "
                                      f"fix them and save, the preview starts by itself.")
            self.reloaded.emit()
            return
        first = self.scenario is None
        scenario = result.scenario
        self.analysis = result.analysis or analyze(scenario)  # the loader's own, when it ran one
        old = self.play.session
        restart_note = ""
        report, session = None, None
        if old is not None and not first:
            try:
                report = PlaySession.from_json(scenario, old.to_json())
                session = report.session
            except PlayError as exc:  # e.g. the node played from is gone, or the scenario's id changed
                restart_note = f" Started again from the beginning: {exc}."
        if session is None:
            session = PlaySession(scenario)
        self.last_report = report
        self.scenario = scenario
        self.loaded_at = stamp
        self.map.build(scenario, self.analysis)
        self.watch.set_scenario(scenario)
        self.play.show_session(scenario, session)
        self.stack.setCurrentWidget(self.play)
        warnings = len(result.warnings)
        extra = f" {warnings} warning{'s' if warnings != 1 else ''} below." if warnings else ""
        if self.map.build_error:
            extra += f" The map cannot be drawn: {self.map.build_error}."
        if restart_note:
            self._status("warn", f"Reloaded {name} at {stamp}.{restart_note}{extra}")
        elif report is None:
            self._status("ok", f"Loaded {name} at {stamp}.{extra}")
        elif report.complete:
            self._status("ok" if not warnings else "warn",
                         f"Reloaded {name} at {stamp}: back at node '{session.node.id}' after replaying "
                         f"{report.applied} repl{'y' if report.applied == 1 else 'ies'}.{extra}")
        else:
            self._status("warn", f"Reloaded {name} at {stamp}: replay stopped after {report.applied} of "
                                 f"{report.requested} replies. {report.message}{extra}")
        self.reloaded.emit()

    def _status(self, kind: str, text: str) -> None:
        self.status_line.setText(text)
        self.status_line.setStyleSheet(STATUS_STYLES[kind] + " border-radius: 6px; padding: 6px 10px;")
        self.status_kind = kind

    # -- playing from anywhere -------------------------------------------------------------------

    def play_from(self, node_id: str, mood: int, flags: list[str]) -> None:
        if self.scenario is None:
            return
        try:
            session = PlaySession(self.scenario, start=node_id, mood=mood, flags=flags)
        except PlayError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.play.show_session(self.scenario, session)
        self.stack.setCurrentWidget(self.play)
        shown = ", ".join(sorted(flags)) or "no flags"
        self.statusBar().showMessage(f"Playing from '{node_id}' with mood {mood} and {shown}", 8000)

    def play_from_node(self, node_id: str) -> None:
        """From the map: keep the state the preview has now, start at the node."""
        session = self.play.session
        mood = session.mood if session is not None else None
        flags = sorted(session.flags) if session is not None else []
        if mood is None and self.scenario is not None:
            mood = self.scenario.customer.mood
        self.play_from(node_id, mood, flags)

    def restart(self) -> None:
        session = self.play.session
        if self.scenario is None or session is None:
            return
        self.play_from(session.start_node, session.start_mood, sorted(session.start_flags))

    def restart_from_start(self) -> None:
        if self.scenario is not None:
            self.play.show_session(self.scenario, PlaySession(self.scenario))
            self.stack.setCurrentWidget(self.play)

    def show_debrief(self) -> None:
        session = self.play.session
        if self.scenario is None or session is None:
            return
        self.debrief.show_result(self.scenario, session.result(), self.analysis)
        self.stack.setCurrentWidget(self.debrief)

    # -- keeping the side panels in step ----------------------------------------------------------

    def path_hops(self) -> list[tuple[str, str, str | None]]:
        session = self.play.session
        if session is None:
            return []
        nodes = [s.node for s in session.steps] + [session.node.id]
        return [(s.node, nodes[i + 1], None if s.reply is None else s.reply.key)
                for i, s in enumerate(session.steps)]

    def _session_changed(self) -> None:
        session = self.play.session
        if session is None or session.scenario is not self.scenario:
            return
        self.map.highlight(self.path_hops(), session.node.id)
        self.watch.show_session(session)

    def show_node_text(self, node_id: str) -> None:
        if self.scenario is None or node_id not in self.scenario.nodes:
            return
        node = self.scenario.nodes[node_id]
        parts = [f"{node_id}"]
        if node.narration:
            parts.append(f"({node.narration})")
        if node.customer:
            parts.append(f"Customer: {node.customer}")
        if node.ending is not None:
            e = node.ending
            parts.append(f"Ending: {theme.level_badge_text(e.level)}" + (f" - {e.title}" if e.title else ""))
        for reply in node.replies:
            parts.append(f"{reply.index + 1}. [{reply.level.label}] {reply.say}")
        self.node_text.setText("\n".join(parts))
        self.watch.set_values(node_id, self.watch.mood_spin.value(),
                              self.watch.ticked_flags())

    def closeEvent(self, event) -> None:
        self.play.stop()
        self.watcher.stop()
        super().closeEvent(event)
