"""The author's preview window: plays the scenario file, reloads on save and comes back to the
same point, lists problems, draws the map and lets the author jump anywhere with any state.

The trainee's play screen takes the left; the map, the watch panel and the problems share the
right as tabs, so that all of it fits a 1366x768 laptop at every text size. The file is loaded
and checked in the background (``preview_load.FileChecker``): the last good version stays on
show, and playable, until the newest save's result arrives.

No rules of play here: the session (``PlaySession``) does the playing and the replaying.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QBoxLayout, QFileDialog, QFrame, QHBoxLayout, QInputDialog, QLabel, QMainWindow,
                               QPushButton, QScrollArea, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from ...core.analysis import Analysis
from ...core.engine import PlayError, PlaySession
from ...core.loader import LoadResult
from ...core.model import Scenario
from ..base import fonts, geometry, theme
from ..practice.debrief import DebriefView
from ..practice.play import PlayView
from .file_watch import FileWatcher
from .map_legend import MapLegend
from .map_view import ScenarioMapView
from .preview_load import Checked, FileChecker
from .problems import ProblemsPanel
from .watch_panel import WatchPanel

EDITOR_KEY = "workbench/editor_command"
STATUS_STYLES = {
    "ok": "background: #E8F3EE; color: #14553E; border: 1px solid #B7DCCB;",
    "warn": "background: #FFF4D6; color: #6B4A00; border: 1px solid #E9CF85;",
    "error": "background: #FBE9E4; color: #8A2C12; border: 1px solid #EDB8A8;",
    "checking": f"background: {theme.CARD}; color: {theme.MUTED}; border: 1px dashed {theme.BORDER};",
    "note": f"background: {theme.CARD}; color: {theme.TEXT}; border: 1px solid {theme.BORDER};",
}
NOTE_MS = 8000  # how long a note (a problem copied, where play restarted) replaces the status line
TEXT_SIZES = (1.0, 1.25, 1.5, 1.75, 2.0)  # View > Text size
PLAY_MIN_HEIGHT = 320  # what the window holds the play screen to; it fits its portrait to the height it gets
PLAY_SHARE = 0.62  # of the window's width, for the play screen, when the text size leaves a choice
CONVERSATION_CHARS = 40  # the play screen's conversation is at least this many characters wide


def scrolls_down(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless area that scrolls down, never sideways: it takes the area's width."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class PreviewPlayView(PlayView):
    """The trainee's play screen, telling the workbench after every redraw.

    Its pane is narrower than the trainee's window and shares the screen with the author's
    tools: the scenario's title is in the window's title instead (beside the buttons there is no
    room for it, and above them it took the height the replies need at large text), its margins
    are a pane's, and the end of the conversation puts its button under its words."""

    session_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.hide()
        self.top_bar.insertStretch(0, 1)  # the mode and the buttons stay on the right
        self.layout().setContentsMargins(16, 10, 16, 10)  # a pane beside others, not a whole screen
        self.layout().setSpacing(10)
        self.end_panel.layout().setDirection(QBoxLayout.Direction.TopToBottom)

    def refresh(self) -> None:
        super().refresh()
        self.session_changed.emit()

    def pane_width(self) -> int:
        """The width the preview gives the play screen at this text size: the side panel and a
        conversation of CONVERSATION_CHARS characters a line. It depends on the text size (and,
        through the side panel, the screen's height) only, never on what is on show, so the pane
        keeps its width as the play goes on and as the file is saved again (sized by what it
        showed, it widened at the first feedback, and again at the end)."""
        outer = self.layout()
        margins = outer.contentsMargins()
        body = outer.itemAt(1).layout()  # under the top bar: the side panel and the conversation
        words = QFontMetrics(fonts.role_font("body")).averageCharWidth() * CONVERSATION_CHARS
        return margins.left() + margins.right() + self.side.width() + body.spacing() + words


class PreviewWindow(QMainWindow):
    reloaded = Signal()  # after every result shown, good or not (a result a newer save overtook is never shown)

    def __init__(self, path: str, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.settings = settings
        self._qs = QSettings(settings.path, QSettings.Format.IniFormat) if settings is not None else None
        self.scenario: Scenario | None = None  # the last good version
        self.analysis: Analysis | None = None
        self.last_result: LoadResult | None = None
        self.last_report = None
        self.loaded_at = ""
        self.status_kind = ""
        self._load_status = ("checking", "")
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_MS,
                                  timeout=lambda: self._show_status(*self._load_status))
        self._tab_before_errors: QWidget | None = None
        self.font_scale = settings.font_scale if settings is not None else 1.0
        self.setFont(fonts.set_text_scale(self.font_scale))  # before the screens are built: each at its size
        self._title()

        central = QWidget(objectName="screen")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 8, 6)
        self.status_line = QLabel("")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setWordWrap(True)
        self.status_line.setAccessibleName("Preview status")
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.horizontal = QSplitter(Qt.Orientation.Horizontal)
        self.horizontal.setChildrenCollapsible(False)
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
        self.waiting = QLabel("")  # until a version of the file plays: what the preview is waiting for
        self.waiting.setObjectName("screen")
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.setWordWrap(True)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setAccessibleName("Nothing to play yet")
        self.waiting.setContentsMargins(40, 40, 40, 40)
        fonts.set_role(self.waiting, "heading")
        self.stack.addWidget(self.waiting)
        self.stack.addWidget(self.play)
        self.stack.addWidget(self.debrief)
        self.stack.currentChanged.connect(self._screen_changed)
        self._sizes_before_debrief: list[int] = []
        # the play screen sizes its portrait from the height it has, so its minimum height follows the
        # window's: left to itself it would hold the window as tall as it once was, past the screen
        self.stack.setMinimumHeight(PLAY_MIN_HEIGHT)
        self.horizontal.addWidget(self.stack)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Map, watch panel and problems")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._map_page(), "Map")
        self.watch = WatchPanel()
        self.watch.play_from_requested.connect(self.play_from)
        self.watch_page = scrolls_down(self.watch)
        self.tabs.addTab(self.watch_page, "Watch")
        self.problems = ProblemsPanel()
        self.problems.editor_command = self.editor_command()
        self.problems.message.connect(self.note)
        self.tabs.addTab(self.problems, "Problems")
        self.tools = tools = QWidget()  # what the last load said, over the tabs (the play screen keeps the height)
        tools_box = QVBoxLayout(tools)
        tools_box.setContentsMargins(0, 6, 0, 0)
        tools_box.setSpacing(6)
        tools_box.addWidget(self.status_line)
        tools_box.addWidget(self.tabs, 1)
        self.horizontal.addWidget(tools)
        self.horizontal.setStretchFactor(0, 3)
        self.horizontal.setStretchFactor(1, 2)
        outer.addWidget(self.horizontal, 1)
        self.setCentralWidget(central)
        self._menus()

        self.watcher = FileWatcher(self.path, self)
        self.watcher.changed.connect(lambda _p: self.reload())
        self.checker = FileChecker(self.path, self)
        self.checker.checked.connect(self._show_checked)
        geometry.open_at(self, 1440, 900)
        self._share_width()
        self.reload()

    def _map_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 6, 0, 0)
        box.setSpacing(6)
        bar = QHBoxLayout()
        title = QLabel("Scenario map")
        title.setStyleSheet("font-weight: 600;")
        bar.addWidget(title)
        bar.addStretch(1)
        self.map = ScenarioMapView()
        self.map.node_clicked.connect(self.show_node_text)
        self.map.node_activated.connect(self.play_from_node)
        for text, name, slot in (("−", "Zoom out", self.map.zoom_out), ("+", "Zoom in", self.map.zoom_in),
                                 ("Fit", "Fit the map to the window", self.map.fit)):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setStyleSheet("padding: 2px 10px;")
            button.clicked.connect(slot)
            bar.addWidget(button)
        box.addLayout(bar)
        self.node_text = QLabel("Click a node to read it; double-click to play from it.")
        self.node_text.setTextFormat(Qt.TextFormat.PlainText)
        self.node_text.setWordWrap(True)
        self.node_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.node_text.setAccessibleName("Selected node")
        self.node_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.node_text.setStyleSheet(f"background: {theme.CARD}; padding: 6px;")
        reading = scrolls_down(self.node_text)  # a long node scrolls here, whole, instead of being cut
        reading.setStyleSheet(f"QScrollArea {{ border: 1px solid {theme.BORDER}; border-radius: 6px; }}")
        self.map_split = QSplitter(Qt.Orientation.Vertical)  # the author may give the node's text more room
        self.map_split.setChildrenCollapsible(False)
        self.map_split.addWidget(self.map)
        self.map_split.addWidget(reading)
        self.map_split.setStretchFactor(0, 3)
        self.map_split.setStretchFactor(1, 1)
        self.map_split.setSizes([600, 150])  # in proportion: the map, then a few lines of the node's text
        box.addWidget(self.map_split, 1)
        self.legend = MapLegend()
        box.addWidget(self.legend)
        return page

    def _share_width(self) -> None:
        """The play screen gets its share of the width, or all it needs at this text size; the tabs the rest.
        What it needs is its minimum: what it shows never moves the divider."""
        need = self.play.pane_width()
        self.stack.setMinimumWidth(need)
        total = max(1, self.horizontal.width() if self.isVisible() else self.width() - 8)
        play = max(int(total * PLAY_SHARE), need)
        self.horizontal.setSizes([play, max(1, total - play)])

    # -- menus ---------------------------------------------------------------------------------

    def _menus(self) -> None:
        def action(menu, text, shortcut, slot, tip=""):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            if tip:  # (no status bar for status tips: the menus show tool tips)
                a.setToolTip(tip)
                menu.setToolTipsVisible(True)
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
        action(view, "Go to the &map", "Ctrl+M", lambda: self._go_to(self.map_split.parentWidget(), self.map))
        action(view, "Go to the &problems", "Ctrl+Shift+M", lambda: self._go_to(self.problems, self.problems.tree))
        action(view, "Go to the &watch panel", "Ctrl+Shift+W", lambda: self._go_to(self.watch_page,
                                                                                   self.watch.node_combo))
        sizes = view.addMenu("&Text size")
        group = QActionGroup(self)
        self.text_size_actions = {}
        for scale in TEXT_SIZES:
            a = action(sizes, f"{round(scale * 100)}%", "", lambda _=False, s=scale: self.apply_font_scale(s))
            a.setCheckable(True)
            a.setChecked(abs(scale - self.font_scale) < 0.01)
            group.addAction(a)
            self.text_size_actions[scale] = a

    def _title(self) -> None:
        """The window's title: the scenario's title (the play screen leaves it out) and its file."""
        name = os.path.basename(self.path)
        self.setWindowTitle(f"Preview: {self.scenario.title} ({name})" if self.scenario else f"Preview: {name}")

    def _go_to(self, page: QWidget, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(page)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

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

    def apply_font_scale(self, scale: float) -> None:
        """View > Text size: the preview's text at ``scale`` (the trainer's window shares the setting)."""
        self.font_scale = scale
        self.setFont(fonts.set_text_scale(scale))
        fonts.refresh(self)
        for size, a in self.text_size_actions.items():
            a.setChecked(abs(size - scale) < 0.01)
        if self.settings is not None:
            self.settings.font_scale = scale
            self.settings.sync()
        self._share_width()

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", os.path.dirname(self.path),
                                              "Scenarios (*.yaml *.yml)")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        self.watcher.stop()
        self.watcher.deleteLater()
        self.path = os.path.abspath(path)
        self.scenario = None
        self._title()
        self.play.stop()
        self.play.session = None
        self.stack.setCurrentWidget(self.waiting)
        self.watcher = FileWatcher(self.path, self)
        self.watcher.changed.connect(lambda _p: self.reload())
        self.checker.check(self.path)
        self._status("checking", f"Checking {os.path.basename(self.path)}…")

    # -- loading -------------------------------------------------------------------------------

    @property
    def session(self) -> PlaySession | None:
        return self.play.session

    def reload(self) -> None:
        """Check the file again in the background; what is on show stays until the result arrives."""
        self.checker.check()
        name = os.path.basename(self.path)
        if self.scenario is None:
            self._status("checking", f"Checking {name}…")
        else:
            self._status("checking", f"Checking {name} (saved at {time.strftime('%H:%M:%S')})… Until then you "
                                     f"are playing the version loaded at {self.loaded_at}.")

    def _show_checked(self, checked: Checked) -> None:
        """The newest save's result: show it, or its errors beside the last good version."""
        result = self.last_result = checked.result
        self.problems.set_diagnostics(result.diagnostics)
        self._problems_tab(result)
        stamp = time.strftime("%H:%M:%S")
        name = os.path.basename(self.path)
        if result.scenario is None:
            errors = len(result.errors)
            plural = "s" if errors != 1 else ""
            if self.scenario is not None:
                self._status("error", f"{name} has {errors} error{plural} (see Problems): still playing "
                                      f"the last good version, loaded at {self.loaded_at}.")
            else:
                self._status("error", f"Nothing to play yet: {name} has {errors} error{plural} (see Problems). "
                                      f"Fix them and save: the preview starts by itself.")
            self.reloaded.emit()
            return
        first = self.scenario is None
        scenario = result.scenario
        self.analysis = checked.analysis
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
        self._title()
        self.map.build(scenario, self.analysis, checked.layout)
        self.watch.set_scenario(scenario)
        self.play.show_session(scenario, session)
        self.stack.setCurrentWidget(self.play)
        if first:
            self.map.fit()
        self._status(*self._loaded_words(name, stamp, report, session, restart_note, len(result.warnings)))
        self.reloaded.emit()

    def _loaded_words(self, name: str, stamp: str, report, session: PlaySession, restart_note: str,
                      warnings: int) -> tuple[str, str]:
        """(status kind, text) after a good load: where the replay left the preview, and what to know."""
        extra = f" {warnings} warning{'s' if warnings != 1 else ''} in Problems." if warnings else ""
        if self.map.build_error:
            extra += f" The map cannot be drawn: {self.map.build_error}."
        if restart_note:
            return "warn", f"Reloaded {name} at {stamp}.{restart_note}{extra}"
        if report is None:
            return "ok", f"Loaded {name} at {stamp}.{extra}"
        if report.complete:
            return ("ok" if not warnings else "warn",
                    f"Reloaded {name} at {stamp}: back at node '{session.node.id}' after replaying "
                    f"{report.applied} repl{'y' if report.applied == 1 else 'ies'}.{extra}")
        return "warn", (f"Reloaded {name} at {stamp}: replay stopped after {report.applied} of "
                        f"{report.requested} replies. {report.message}{extra}")

    def _problems_tab(self, result: LoadResult) -> None:
        """The tab says how many problems there are; errors bring it to the front until they are fixed."""
        count = len(result.diagnostics)
        self.tabs.setTabText(self.tabs.indexOf(self.problems), f"Problems ({count})" if count else "Problems")
        if result.errors and self.tabs.currentWidget() is not self.problems:
            self._tab_before_errors = self.tabs.currentWidget()
            self.tabs.setCurrentWidget(self.problems)
        elif not result.errors and self._tab_before_errors is not None:
            if self.tabs.currentWidget() is self.problems:
                self.tabs.setCurrentWidget(self._tab_before_errors)
            self._tab_before_errors = None

    def _status(self, kind: str, text: str) -> None:
        """What the last load (or the check under way) says: it stays until the next one."""
        self._note_timer.stop()
        self._load_status = (kind, text)
        self._show_status(kind, text)
        self.status_kind = kind
        if self.scenario is None:  # nothing plays yet: the play screen's place says why, in large
            self.waiting.setText(text)

    def note(self, text: str) -> None:
        """A passing message (what a click did), in the status line for NOTE_MS; then the load's
        status again. The status line at the top says it all: no status bar under the play screen
        takes its height."""
        self._show_status("note", text)
        self._note_timer.start()

    def _show_status(self, kind: str, text: str) -> None:
        self.status_line.setText(text)
        self.status_line.setStyleSheet(STATUS_STYLES[kind] + " border-radius: 6px; padding: 4px 10px;")

    # -- playing from anywhere -------------------------------------------------------------------

    def play_from(self, node_id: str, mood: int, flags: list[str]) -> None:
        if self.scenario is None:
            return
        try:
            session = PlaySession(self.scenario, start=node_id, mood=mood, flags=flags)
        except PlayError as exc:
            self.note(str(exc))
            return
        self.play.show_session(self.scenario, session)
        self.stack.setCurrentWidget(self.play)
        shown = ", ".join(sorted(flags)) or "no flags"
        self.note(f"Playing from '{node_id}' with mood {mood} and {shown}")

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

    def _screen_changed(self) -> None:
        """The debrief takes the whole width, as in the trainee's window (it is laid out for it);
        back at play, the map, watch panel and problems return where they were."""
        debrief = self.stack.currentWidget() is self.debrief
        if debrief and self.tools.isVisible():
            self._sizes_before_debrief = self.horizontal.sizes()
            self.tools.hide()
        elif not debrief and self.tools.isHidden():
            self.tools.show()
            if self._sizes_before_debrief:
                self.horizontal.setSizes(self._sizes_before_debrief)

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
