"""The facilitator's window, for the laptop while the projector shows the clean scene.

It follows the PresenterView (``state_changed``) and shows what the room cannot see yet: each
reply's level, feedback, rule breaches and skills, the customer's hidden mood, questions for
the class, and the outcome. Vote counts typed here go to the same ``ClassRun`` as the quick
keys. Keys it does not use itself (a clicker's arrows and page keys, '.', R...) go to whatever
the projector shows (``forward_key``: the presenter, the three levels or the class debrief),
so the clicker keeps working whichever window has the focus. The keys are taken at the window
level (an event filter on every widget in it), so a focused button never eats →, Space or
Enter; only a vote box keeps the keys it edits with. Its buttons act on the presenter and are
off while the projector shows something else.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QSpinBox, QVBoxLayout,
                               QWidget)

from ...core import channels
from ...core.classroom import MAX_VOTES, discussion_prompts, letter
from ...core.model import Reply
from ...core.presenter_flow import Shown
from ..base import geometry, theme
from ..base.layouts import clear, show_items
from ..practice import report
from ..widgets import chip, level_badge, plain_label
from . import keys
from .presenter import DECISION, ENDING, TITLE, PresenterView
from .projector_customer import ROOM_SEES, channel_of

_K = Qt.Key
# the keys a vote box edits with: they stay in the box; every other key goes to the projector
VOTE_BOX_KEYS = (*range(_K.Key_0, _K.Key_9 + 1), _K.Key_Up, _K.Key_Down, _K.Key_Backspace, _K.Key_Delete,
                 _K.Key_Home, _K.Key_End, _K.Key_Tab, _K.Key_Backtab)


class FacilitatorWindow(QWidget):
    """A second top-level window; build it with the PresenterView it follows.

    forward_key: what to do with a key this window does not use; the ClassroomWindow passes its
    own ``handle_key`` (the view on the projector now). Default: the presenter's.
    """

    three_levels_requested = Signal()
    debrief_requested = Signal()
    presenter_requested = Signal()
    teams_requested = Signal()
    library_requested = Signal()

    def __init__(self, presenter: PresenterView, forward_key: Callable[[QKeyEvent], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.presenter = presenter
        self.forward_key = forward_key or presenter.handle_key
        self.setWindowTitle("Facilitator: " + presenter.session.scenario.title)
        self.setAccessibleName("Facilitator window")
        self.setObjectName("screen")
        geometry.open_at(self, 1100, 760)  # within the screen, title bar and task bar included (F2 on one screen)
        self.projector_view = "presenter"
        self._built_for: Shown | None = None  # what the reply rows were built for
        self.vote_boxes: dict[str, QSpinBox] = {}
        self.play_buttons: dict[str, QPushButton] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(10)
        top = QHBoxLayout()
        self.where = plain_label("", "heading", bold=True)
        self.where.setAccessibleName("What the projector shows")
        top.addWidget(self.where, 1)
        channel = channel_of(presenter.session.scenario)  # what the room notices the customer by
        self.channel = chip(channels.channel_label(channel))
        self.channel.setAccessibleName("Channel")
        self.channel.setToolTip(ROOM_SEES[channel])
        self.channel.setAccessibleDescription(ROOM_SEES[channel])
        top.addWidget(self.channel)
        self.mood = chip("")
        self.mood.setAccessibleName("Customer mood, hidden from the room")
        top.addWidget(self.mood)
        outer.addLayout(top)
        self.state_line = plain_label("", "small", color=theme.MUTED)
        self.state_line.setAccessibleName("Projector state")
        outer.addWidget(self.state_line)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page = QWidget()
        self.page = QVBoxLayout(page)
        self.page.setContentsMargins(0, 0, 8, 0)
        self.page.setSpacing(10)
        self.scroll.setWidget(page)
        outer.addWidget(self.scroll, 1)
        self.customer = plain_label("", "body", bold=True, selectable=True)
        self.customer.setAccessibleName("The customer says")
        self.page.addWidget(self.customer)
        self.options_frame = QFrame(objectName="panel")
        self.options = QGridLayout(self.options_frame)
        self.options.setContentsMargins(14, 10, 14, 10)
        self.options.setHorizontalSpacing(12)
        self.options.setVerticalSpacing(8)
        self.page.addWidget(self.options_frame)
        self.prompts_title = plain_label("Questions for the class", "heading", bold=True)
        self.page.addWidget(self.prompts_title)
        self.prompts = QVBoxLayout()
        self.page.addLayout(self.prompts)
        self.outcome = plain_label("", "body", selectable=True)
        self.outcome.setAccessibleName("Outcome")
        self.page.addWidget(self.outcome)
        self.page.addStretch(1)
        self.message = plain_label("", "small", bold=True)
        self.message.setAccessibleName("Message")
        outer.addWidget(self.message)

        bar = QHBoxLayout()  # what the presenter does next; under it, what the projector shows (two rows: one
        views = QHBoxLayout()  # row of eleven buttons was wider than a laptop's screen at a large text size)
        self.back_button = self._button("← Back", "Back one screen (← or Page Up)", presenter.back)
        self.reveal_button = self._button("Reveal", "Reveal the levels and feedback on the projector (R)",
                                          lambda: presenter.reveal())
        self.blank_button = self._button("Blank", "Blank the projector ('.')", presenter.toggle_blank)
        self.timeout_button = self._button("Time runs out", "Let the time run out (T)", presenter.time_out)
        self.next_button = self._button("Next →", "Play the pick or the majority, continue (→ or Page Down)",
                                        presenter.next)
        self.next_button.setObjectName("primary")
        for b in (self.back_button, self.reveal_button, self.blank_button, self.timeout_button, self.next_button):
            bar.addWidget(b)
        bar.addStretch(1)
        views.addStretch(1)
        self.presenter_button = self._button("Presenter", "Show the presenter screen on the projector",
                                             self.presenter_requested.emit)
        self.levels_button = self._button("Three levels", "Show the three levels side by side (L)",
                                          self.three_levels_requested.emit)
        self.debrief_button = self._button("Class debrief", "Show the votes and the scoreboard",
                                           self.debrief_requested.emit)
        self.teams_button = self._button("Teams…", "Name the teams that take turns", self.teams_requested.emit)
        self.keys_button = self._button("Keys", "The presenter's keys (F1 on the projector)", self._show_keys)
        self.leave_button = self._button("Leave", "Leave presenter mode (Ctrl+W)", self.library_requested.emit)
        for b in (self.presenter_button, self.levels_button, self.debrief_button, self.teams_button,
                  self.keys_button, self.leave_button):
            views.addWidget(b)
        outer.addLayout(bar)
        outer.addLayout(views)
        self.keys_text = plain_label("\n".join(f"{k}:  {a}" for k, a in keys.PRESENTER_KEYS), "small")
        self.keys_text.setVisible(False)
        self.keys_text.setAccessibleName("Presenter keys")
        self.page.insertWidget(0, self.keys_text)  # at the top of what scrolls: at large text it is taller than room

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        presenter.state_changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # keys go to the presenter until a control is chosen

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.strip("←→… "))
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.setAutoDefault(False)  # Enter (some clickers send it) drives the presenter, not this button
        button.clicked.connect(lambda _=False: slot())
        return button

    def _show_keys(self) -> None:
        self.keys_text.setVisible(not self.keys_text.isVisible())
        if self.keys_text.isVisible():
            self.scroll.verticalScrollBar().setValue(0)

    def set_projector_view(self, name: str) -> None:
        """'presenter', 'three-levels' or 'debrief': what the ClassroomWindow shows now."""
        self.projector_view = name
        self.refresh()

    # -- following the presenter -------------------------------------------------------------------

    def refresh(self) -> None:
        p = self.presenter
        run = p.run
        kind = p.screen_kind
        team = f"{run.team} · " if p.session.has_teams else ""
        if self.projector_view == "three-levels":
            where = "The three levels side by side"
        elif self.projector_view == "debrief":
            where = "The class debrief"
        else:
            where = team + p.flow.caption
        self.where.setText(where)
        self.mood.setText(f"Mood {run.session.mood}/100 (hidden)")
        state = ["Screen BLANK" if p.blanked else "Screen on",
                 "levels REVEALED" if p.revealed else "levels hidden"]
        if p.pending:
            state.append(f"typing votes: {p.pending}")
        self.state_line.setText(" · ".join(state))
        self.message.setText(p.message)
        self.reveal_button.setText("Hide levels" if p.revealed else "Reveal")
        self.blank_button.setText("Unblank" if p.blanked else "Blank")
        on_presenter = self.projector_view == "presenter"  # the buttons act on the presenter, not on what is shown
        self.reveal_button.setEnabled(on_presenter)
        self.blank_button.setEnabled(on_presenter)
        self.next_button.setEnabled(on_presenter)
        self.timeout_button.setEnabled(on_presenter and kind == DECISION and run.node.timeout is not None)
        self.back_button.setEnabled(on_presenter and (kind != TITLE or p.session.index > 0))
        self.options_frame.setEnabled(on_presenter)
        self.customer.setText(run.node.customer.strip() if kind != TITLE else
                              f"Next: {run.team}" if p.session.has_teams else "The brief is on the projector.")
        self._options()
        self._prompts()
        self._outcome()
        self._watch_keys()

    def _options(self) -> None:
        """The replies on the projector, with their levels: built again whenever what is shown changes."""
        flow = self.presenter.flow
        shown = flow.shown
        if shown != self._built_for:
            self._built_for = shown
            self._build_options(flow.replies)
        states = flow.reply_states()
        self.options_frame.setVisible(bool(states))
        for state in states:
            box = self.vote_boxes[state.reply.key]
            if box.value() != state.votes:
                box.blockSignals(True)
                box.setValue(state.votes)
                box.blockSignals(False)
            button = self.play_buttons[state.reply.key]
            button.setText(("▶ " if state.picked else "") + f"Play {state.letter}")

    def _build_options(self, offered: Sequence[Reply]) -> None:
        clear(self.options)
        self.vote_boxes, self.play_buttons = {}, {}
        for col, text in enumerate(("", "Reply", "Level", "Votes", "")):
            self.options.addWidget(plain_label(text, "small", bold=True, color=theme.MUTED, wrap=False), 0, col)
        for i, reply in enumerate(offered, 1):
            label = letter(i - 1)
            self.options.addWidget(plain_label(label, "title", bold=True, wrap=False), i, 0, Qt.AlignmentFlag.AlignTop)
            details = [reply.say]
            if reply.feedback:
                details.append(f"→ {reply.feedback}")
            if reply.breach:
                details.append(f"✖ Breaks a rule: {reply.breach}")
            if reply.skills:
                details.append("Skills: " + ", ".join(report.skill_name(s) for s in reply.skills))
            if reply.mood:
                details.append(f"Mood {reply.mood:+d}")
            text = plain_label("\n".join(details), "normal", selectable=True)
            text.setAccessibleName(f"Reply {label}: " + ". ".join(details))
            self.options.addWidget(text, i, 1)
            self.options.addWidget(level_badge(reply.level), i, 2, Qt.AlignmentFlag.AlignTop)
            box = QSpinBox()
            box.setRange(0, MAX_VOTES)
            box.setAccessibleName(f"Votes for {label}")
            box.setToolTip(f"How many people chose {label} (or type the number, then {label}, on the projector)")
            box.valueChanged.connect(lambda value, label=label: self.presenter.record_votes(label, value))
            box.installEventFilter(self)
            self.options.addWidget(box, i, 3, Qt.AlignmentFlag.AlignTop)
            self.vote_boxes[reply.key] = box
            button = QPushButton(f"Play {label}")
            button.setAccessibleName(f"Play reply {label}")
            button.setToolTip(f"Play reply {label} now, whatever the votes")
            button.clicked.connect(lambda _=False, label=label: self.presenter.play(label))
            self.options.addWidget(button, i, 4, Qt.AlignmentFlag.AlignTop)
            self.play_buttons[reply.key] = button
        self.options.setColumnStretch(1, 1)
        show_items(self.options)

    def _prompts(self) -> None:
        clear(self.prompts)
        p = self.presenter
        prompts = discussion_prompts(p.run.node, p.flow.replies) if p.screen_kind == DECISION else []
        self.prompts_title.setVisible(bool(prompts))
        for prompt in prompts:
            label = plain_label(f"•  {prompt}", "normal", selectable=True)
            self.prompts.addWidget(label)
        show_items(self.prompts)

    def _outcome(self) -> None:
        p = self.presenter
        if p.screen_kind != ENDING:
            self.outcome.setVisible(False)
            return
        result = p.run.result()
        ending = result.ending
        lines = [f"{theme.level_badge_text(result.level)} · score {result.score}/100 · "
                 f"{report.compliance_symbol(result)} {report.compliance_text(result)}",
                 result.explanation]
        if ending is not None:
            lines += [f"Feels: {ending.feels}" if ending.feels else "", f"Thinks: {ending.thinks}" if ending.thinks else ""]
        lines.append(f"Comes back: {result.value.returns}% likely")
        self.outcome.setText("\n".join(x for x in lines if x))
        self.outcome.setVisible(True)

    # -- keys: the clicker keeps driving the projector ---------------------------------------------

    def _watch_keys(self) -> None:
        """Every widget in the window hands its keys to ``eventFilter`` first (installing twice is harmless)."""
        for widget in self.findChildren(QWidget):
            if widget.window() is self:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key pressed on any widget here goes to the projector first; the widget gets only what it leaves.
        The types are checked first: PySide6 6.8 can hand a filter a wrapper of another type."""
        if not isinstance(event, QEvent) or not isinstance(watched, QWidget) or event.type() != QEvent.Type.KeyPress \
                or watched is self or watched.window() is not self:  # a dialog opened from here keeps its keys
            return False
        if isinstance(watched, QSpinBox) and event.key() in VOTE_BOX_KEYS and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # typing a number of votes
        return self.forward_key(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.forward_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()  # closing only hides it; F2 on the projector brings it back

