"""The play screen: the customer (as the channel shows them), the transcript, the replies,
the countdown.

All rules of play are in ``PlaySession``; this screen shows its state and forwards choices.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QApplication, QBoxLayout, QFrame, QHBoxLayout, QProgressBar, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from ...core import channels
from ...core.engine import Line, PlaySession
from ...core.levels import Level
from ...core.model import Scenario
from ...core.modes import Mode
from ...core.timing import READING_WPM, TimeLimits, allowance
from ..base import fonts, theme
from ..base.layouts import clear, discard
from ..widgets import announce, ask_yes_no, chip, level_badge, plain_label, screen_shortcut
from .channel_view import Thread
from .customer_panel import AVATAR_SIZE, CustomerPanel
from .play_room import (LOOKS, NARROW_SIDE, ROOMY, SHORT_SCREEN_LINES, SIDE_INSETS, SIDE_WIDTH, Look, PlayReply,
                        RepliesArea, feedback_height, first_that_fits)

# the most of the conversation's height the transcript claims for the newest line, however
# many replies there are: the replies scroll rather than hide what the customer just said
TRANSCRIPT_SHARE = 0.4
NEWEST_ROOM = 12  # the transcript's inset around the newest line scrolled into view (8 above, 4 below)


def whole_thinking(view: "PlayView") -> str:
    """The thinking time after the reading allowance, in words."""
    return f"{int(view._deadline - view._reading + 0.999)} seconds"


class PlayView(QWidget):
    debrief_requested = Signal()
    quit_requested = Signal()
    # for the progress record: a decision taken (the engine's Step), taken back, the conversation
    # started again, or left unfinished
    step_taken = Signal(object)
    step_undone = Signal()
    restarted = Signal()
    left_unfinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.session: PlaySession | None = None
        self.scenario: Scenario | None = None
        self.mode = Mode.PRACTICE
        self.mood_meter_enabled = True
        self.reply_buttons: list[PlayReply] = []
        self.look = ROOMY  # how much room the conversation leaves around its words (play_room)
        self._designed: tuple[QMargins, int] | None = None  # the screen's margins, before a look tightened them
        self._clock = QElapsedTimer()
        self._deadline = 0.0  # reading allowance plus thinking time, in seconds
        self._reading = 0.0
        self._used = 0.0  # seconds of the allowance used: counted only while no dialog is open
        self._tick_clock = QElapsedTimer()
        self.time_limits = TimeLimits.AS_WRITTEN  # the trainee's setting, for the next conversation
        self.reading_wpm = READING_WPM
        self.countdown_timer = QTimer(self, interval=100, timeout=self._tick)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.setSpacing(16)

        # top bar
        top = QHBoxLayout()
        top.setSpacing(12)
        self.title = plain_label("", "heading", bold=True)  # a long title wraps: never cut off
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.title, 1)
        self.mode_chip = chip("")
        top.addWidget(self.mode_chip)
        self.back_button = self._tool_button("↶ Step back", "Step back one reply (Backspace)", self.step_back)
        self.restart_button = self._tool_button("⟲ Restart", "Restart the conversation (Ctrl+R)", self.restart)
        self.quit_button = self._tool_button("✕ Quit", "Quit to the library (Esc)", self.quit)
        for b in (self.back_button, self.restart_button, self.quit_button):
            top.addWidget(b)
        outer.addLayout(top)
        self.top_bar = top

        self.body = body = QHBoxLayout()
        body.setSpacing(24)
        outer.addLayout(body, 1)

        # the customer
        self.side = side = QFrame(objectName="panel")
        side.setFixedWidth(SIDE_WIDTH)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(*SIDE_INSETS[SIDE_WIDTH], *SIDE_INSETS[SIDE_WIDTH])
        side_box.setSpacing(10)
        self.customer_panel = CustomerPanel()  # the portrait, or what the channel shows instead
        side_box.addWidget(self.customer_panel)
        self.portrait = self.customer_panel.portrait
        self.emotion_label = self.customer_panel.emotion_label
        side_box.addSpacing(8)
        self.mood_box = QWidget()
        mood_layout = QVBoxLayout(self.mood_box)
        mood_layout.setContentsMargins(0, 0, 0, 0)
        mood_layout.setSpacing(4)
        self.mood_caption = plain_label("Mood", "small", bold=True, color=theme.MUTED)
        mood_layout.addWidget(self.mood_caption)
        self.mood_bar = QProgressBar()
        self.mood_bar.setRange(0, 100)
        self.mood_bar.setTextVisible(False)
        self.mood_bar.setAccessibleName("Customer mood")
        mood_layout.addWidget(self.mood_bar)
        side_box.addWidget(self.mood_box)
        side_box.addSpacing(8)
        self.countdown_box = QFrame()
        count_layout = QVBoxLayout(self.countdown_box)
        count_layout.setContentsMargins(0, 0, 0, 0)
        count_layout.setSpacing(4)
        self.countdown_label = plain_label("", "title", bold=True, wrap=False)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.countdown_label.setAccessibleName("Time left")
        self.countdown_caption = plain_label("Time to answer", "small", bold=True, color=theme.MUTED)
        count_layout.addWidget(self.countdown_caption)
        count_layout.addWidget(self.countdown_label)
        self.countdown_bar = QProgressBar()
        self.countdown_bar.setTextVisible(False)
        self.countdown_bar.setAccessibleName("Time left")
        count_layout.addWidget(self.countdown_bar)
        side_box.addWidget(self.countdown_box)
        side_box.addStretch(1)
        body.addWidget(side, 0, Qt.AlignmentFlag.AlignTop)
        # what the side panel holds changes size by itself too (the countdown's words as the reading
        # time ends, a style applied late): the face is fitted again once its layout has settled
        self._refit = QTimer(self, singleShot=True, interval=0, timeout=self._fit)
        side.installEventFilter(self)

        # the conversation
        self.conversation = conversation = QVBoxLayout()
        conversation.setSpacing(ROOMY.spacing)
        body.addLayout(conversation, 1)
        self.thread = Thread()  # the transcript, drawn as the channel shows it
        self.transcript_area = self.thread
        self.thread.line_shown.connect(self._fit)
        conversation.addWidget(self.thread, 1)

        self.feedback = QFrame(objectName="panel")
        self.feedback_box = feedback_box = QVBoxLayout(self.feedback)
        feedback_box.setContentsMargins(*ROOMY.feedback_margins)
        feedback_box.setSpacing(ROOMY.feedback_spacing)
        self.feedback_head = feedback_head = QHBoxLayout()  # beside the words, a column (play_room)
        feedback_head.setSpacing(6)
        self.feedback_title = plain_label("What happened", "small", bold=True, color=theme.MUTED, wrap=False)
        feedback_head.addWidget(self.feedback_title)
        self.feedback_badge_holder = QHBoxLayout()
        feedback_head.addLayout(self.feedback_badge_holder)
        feedback_head.addStretch(1)
        feedback_box.addLayout(feedback_head)
        self.feedback_text = plain_label("", "body")
        self.feedback_text.setAccessibleName("Feedback on your reply")
        self.feedback_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        feedback_box.addWidget(self.feedback_text, 1)
        conversation.addWidget(self.feedback)

        self.prompt = plain_label("Your reply  ·  press 1-9, or use the arrow keys and Enter", "small", bold=True,
                                  color=theme.MUTED)
        conversation.addWidget(self.prompt)
        self.replies_scroll = RepliesArea()
        self.replies_box = self.replies_scroll.box
        conversation.addWidget(self.replies_scroll)
        self.end_panel = QFrame(objectName="panel")
        end_box = QHBoxLayout(self.end_panel)
        end_box.setContentsMargins(20, 14, 20, 14)
        end_box.addWidget(plain_label("The conversation has ended.", "heading", bold=True), 1)
        self.debrief_button = QPushButton("See the debrief  ▶")
        self.debrief_button.setObjectName("primary")
        self.debrief_button.setAutoDefault(True)  # Enter clicks it
        self.debrief_button.setAccessibleName("See the debrief")
        fonts.set_role(self.debrief_button, "heading", bold=True)
        self.debrief_button.clicked.connect(self._finish)
        end_box.addWidget(self.debrief_button)
        conversation.addWidget(self.end_panel)

        for n in range(1, 10):
            for seq in (QKeySequence(str(n)), QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + n))):
                screen_shortcut(seq, self, lambda n=n: self.choose_number(n))
        for key, delta in ((Qt.Key.Key_Up, -1), (Qt.Key.Key_Down, 1), (Qt.Key.Key_PageUp, -1),
                           (Qt.Key.Key_PageDown, 1), (Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            screen_shortcut(key, self, lambda d=delta: self.move_focus(d))
        screen_shortcut(Qt.Key.Key_Backspace, self, self.step_back)
        screen_shortcut(QKeySequence.StandardKey.Undo, self, self.step_back)
        screen_shortcut("Ctrl+R", self, self.restart)
        screen_shortcut(Qt.Key.Key_Escape, self, self.quit)

    def _tool_button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(True)  # Enter clicks the focused button
        button.setToolTip(tip)
        button.setAccessibleName(text.split(" ", 1)[1])
        button.setAccessibleDescription(tip)
        fonts.set_role(button, "normal")
        button.clicked.connect(slot)
        return button

    # -- setup -----------------------------------------------------------------------------

    def start(self, scenario: Scenario, mode: str, mood_meter: bool = True) -> None:
        self.scenario = scenario
        self.mode = Mode.or_default(mode)
        self.mood_meter_enabled = mood_meter
        self.session = PlaySession(scenario)
        self.title.setText(scenario.title)
        timers = TimeLimits.or_default(self.time_limits)
        self.mode_chip.setText(self.mode.label + (f" · timers {timers.value}" if timers.adjusted else ""))
        self.mode_chip.setAccessibleName(f"Mode: {self.mode_chip.text()}")
        self.customer_panel.set_scenario(scenario)
        self.thread.start(scenario, self.mode.shows_feedback)
        self.back_button.setVisible(self.mode.allows_step_back)
        self._clear_transcript()
        self.refresh()

    def set_mood_meter(self, visible: bool) -> None:
        self.mood_meter_enabled = visible
        self._update_mood()

    def confirm(self, title: str, text: str) -> bool:
        """Asks before something that loses the conversation; tests may replace it."""
        return ask_yes_no(self, title, text)

    # -- actions -----------------------------------------------------------------------------

    def choose_number(self, number: int) -> None:
        if 1 <= number <= len(self.reply_buttons):
            self.reply_buttons[number - 1].click()

    def choose(self, index: int) -> None:
        session = self.session
        if session is None or session.ended or not 0 <= index < len(session.available_replies()):
            return
        seconds = self._clock.elapsed() / 1000 if self._clock.isValid() else 0.0
        session.choose(index, round(seconds, 1))
        self.step_taken.emit(session.steps[-1])
        self.refresh()
        self._announce_step()

    def time_out(self) -> None:
        session = self.session
        if session is None or session.ended or session.node.timeout is None:
            return
        self.countdown_timer.stop()
        session.time_out()
        self.step_taken.emit(session.steps[-1])
        self.refresh()
        self._announce_step()

    def step_back(self) -> None:
        if self.session is not None and self.mode.allows_step_back and self.session.undo():
            self.step_undone.emit()
            self.refresh()

    def restart(self) -> None:
        if self.session is None:
            return
        if self.session.steps and not self.confirm("Restart?", "Start this conversation again from the beginning? "
                                                                 "Your replies so far will be lost."):
            return
        self.session.restart()
        self.restarted.emit()
        self._clear_transcript()
        self.refresh()

    def quit(self) -> None:
        if self.session is not None and not self.session.ended:
            if self.session.steps and not self.confirm("Quit?", "Leave this conversation and go back to the "
                                                                 "library? It will not count as an attempt."):
                return
            self.left_unfinished.emit()
        self.stop()
        self.quit_requested.emit()

    def stop(self) -> None:
        self.countdown_timer.stop()

    def move_focus(self, delta: int) -> None:
        buttons = self.reply_buttons
        if not buttons:
            return
        current = next((i for i, b in enumerate(buttons) if b.hasFocus()), None)
        target = 0 if current is None else max(0, min(len(buttons) - 1, current + delta))
        buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
        self.replies_scroll.ensure_visible(buttons[target])

    def _finish(self) -> None:
        if self.session is not None and self.session.ended:
            self.stop()
            self.debrief_requested.emit()

    # -- presenting the session ----------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self._update_transcript()
        self._update_portrait()
        self._update_mood()
        self._update_feedback()
        self._update_replies()
        self._update_countdown()
        self.back_button.setEnabled(self.mode.allows_step_back and bool(session.steps))
        self.restart_button.setEnabled(bool(session.steps))
        self._fit()
        self._refit.start()  # once more when what was just drawn has its style and its place

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.side and event.type() == QEvent.Type.LayoutRequest:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """Share the height at this text size: while a decision is on offer, the roomiest look in
        which the newest line and every reply are in view together (``play_room``); the transcript
        keeps its share (the replies scroll when even the tightest look leaves no room for them);
        and the portrait shrinks so the name, the mood and the countdown fit under it in the side
        panel."""
        self._fit_side()
        look = self._choose_look()
        self._apply_look(look)
        body = self._body_height(look)
        self.thread.setMinimumHeight(self._transcript_needs(look, body))
        panel = self.customer_panel
        box, frame = self.side.layout(), self.side.frameWidth()  # the panel's border is outside its layout
        width = self.side.width() - 2 * frame
        inset = box.contentsMargins()
        widest = width - inset.left() - inset.right()  # a wider face would widen the column it is measured in
        panel.fit_name(widest)
        panel.layout().activate()  # measured as it is now: a face or an organization changed a moment ago counts
        needed = 2 * frame + (box.heightForWidth(width) if box.hasHeightForWidth() else box.sizeHint().height())
        # the organization (on the brief already) gives way when the column has no room for it: beside the
        # smallest face, or where there is no face to make smaller (a call, an e-mail, a chat's picture)
        place = panel.organization_height(widest)
        spare = body - needed - (0 if panel.organization.isVisibleTo(self.side) else place)  # with it shown
        portrait = panel.portrait
        if not channels.shows_face(panel.channel):
            panel.show_organization(spare >= 0)
            if portrait.isVisibleTo(self.side):  # a profile picture gives way next
                panel.set_picture_size(portrait.height() + (spare if spare >= 0 else spare + place))
            return
        if not portrait.isVisibleTo(self.side):
            return
        room = portrait.height() + spare
        keep = room >= AVATAR_SIZE
        panel.show_organization(keep)
        panel.set_face_size(min(widest, room if keep else room + place))

    def _fit_side(self) -> None:
        """The customer's column, wide or narrow (SIDE_WIDTH): it follows the screen's height and the
        text size only, never what is on show, so the conversation keeps its width as the play goes on."""
        lines = self._body_height(ROOMY) / QFontMetrics(fonts.role_font("body")).lineSpacing()
        shortest, short = SHORT_SCREEN_LINES
        width = NARROW_SIDE if shortest <= lines < short else SIDE_WIDTH
        if self.side.minimumWidth() != width:
            self.side.setFixedWidth(width)
            across, down = SIDE_INSETS[width]
            self.side.layout().setContentsMargins(across, down, across, down)

    def _column_width(self) -> int:
        """The conversation's width beside the customer's column."""
        margins = self.layout().contentsMargins()
        return self.width() - margins.left() - margins.right() - self.side.width() - self.body.spacing()

    def _screen_margins(self, look: Look) -> tuple[QMargins, int]:
        """The screen's margins and the spacing under its top bar in ``look``."""
        margins, spacing = self._designed or (self.layout().contentsMargins(), self.layout().spacing())
        if look.screen_margin is None:
            return margins, spacing
        tight = look.screen_margin
        return (QMargins(margins.left(), min(margins.top(), tight), margins.right(), min(margins.bottom(), tight)),
                min(spacing, tight))

    def _body_height(self, look: Look) -> int:
        """The height under the top bar in ``look``: the side panel's and the conversation's."""
        margins, spacing = self._screen_margins(look)
        top = self.top_bar
        width = self.width() - margins.left() - margins.right()
        head = top.heightForWidth(width) if top.hasHeightForWidth() else top.sizeHint().height()
        return self.height() - margins.top() - margins.bottom() - head - spacing

    def _transcript_needs(self, look: Look, body: int) -> int:
        """The transcript's height: the newest line whole, up to its share of the height."""
        newest = self.thread.newest_height(look.wide_lines, self._column_width()) + NEWEST_ROOM
        return min(int(body * TRANSCRIPT_SHARE), max(120, newest))

    def _needs(self, look: Look, body: int, width: int) -> int:
        """The conversation's height in ``look``: the transcript, the feedback, the prompt and every reply."""
        parts = [self._transcript_needs(look, body)]
        if self.feedback.isVisibleTo(self):
            parts.append(feedback_height(self, look, width))
        if look.prompt:
            parts.append(self.prompt.heightForWidth(width))
        buttons = self.reply_buttons
        parts.append(sum(b.height_at(width, look.pad) for b in buttons) + look.gap * (len(buttons) - 1))
        return sum(parts) + look.spacing * (len(parts) - 1)

    def _choose_look(self) -> Look:
        if self.session is None or self.session.ended or not self.reply_buttons:
            return ROOMY
        width = self._column_width()  # as it is about to be: the side panel may have changed a moment ago
        room = {look: self._body_height(look) for look in LOOKS}
        return first_that_fits({look: self._needs(look, room[look], width) for look in LOOKS}, room)

    def _apply_look(self, look: Look) -> None:
        self.look = look
        for button in self.reply_buttons:
            button.set_pad(look.pad)
        for layout, spacing in ((self.replies_box, look.gap), (self.conversation, look.spacing)):
            if layout.spacing() != spacing:
                layout.setSpacing(spacing)
        box, head = self.feedback_box, self.feedback_head
        box.setContentsMargins(*look.feedback_margins)
        if box.spacing() != look.feedback_spacing:
            box.setSpacing(look.feedback_spacing)
        across, down = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        box.setDirection(across if look.feedback_beside else down)
        head.setDirection(down if look.feedback_beside else across)
        self.thread.set_wide_lines(look.wide_lines)
        self.prompt.setVisible(look.prompt and self.session is not None and not self.session.ended)
        if look is not ROOMY and self._designed is None:
            self._designed = (self.layout().contentsMargins(), self.layout().spacing())
        margins, spacing = self._screen_margins(look)
        self.layout().setContentsMargins(margins)
        if self.layout().spacing() != spacing:
            self.layout().setSpacing(spacing)
        self.replies_scroll.fit_scroll_bar()

    @property
    def _shown_lines(self) -> list[Line]:
        """The transcript the screen holds (in a chat, a message still being typed included)."""
        return self.thread.lines

    def _clear_transcript(self) -> None:
        self.thread.clear()
        self.customer_panel.start_call()  # a conversation begun again is a new call

    def _update_transcript(self) -> None:
        self.thread.set_lines(self.session.transcript(), awaiting_reply=not self.session.ended)

    def _update_portrait(self) -> None:
        self.customer_panel.set_state(self.session.emotion, self.session.ended)

    def _update_mood(self) -> None:
        if self.session is None:
            return
        visible = self.mood_meter_enabled and self.mode.shows_feedback
        self.mood_box.setVisible(visible)
        mood = self.session.mood
        self.mood_bar.setValue(mood)
        self.mood_caption.setText(f"Mood  {mood}/100")
        self.mood_bar.setAccessibleDescription(f"{mood} out of 100")

    def _update_feedback(self) -> None:
        session = self.session
        step = session.steps[-1] if session.steps else None
        show = self.mode.shows_feedback and step is not None
        self.feedback.setVisible(show)
        clear(self.feedback_badge_holder)
        if not show:
            return
        if step.reply is None:
            self.feedback_title.setText("The time ran out")
            text = step.feedback or "You did not answer in time."
        else:
            self.feedback_title.setText("What your reply did")
            text = step.feedback or "(No feedback for this reply.)"
        self.feedback_badge_holder.addWidget(level_badge(step.level), 0, Qt.AlignmentFlag.AlignLeft)
        if step.breach:
            text += f"\nRule broken: {step.breach}"
        self.feedback_text.setText(text)
        self.feedback.setStyleSheet(f"QFrame#panel {{ border-left: 6px solid {theme.LEVEL_COLORS[step.level]}; }}")

    def _announce_step(self) -> None:
        """Tell a screen reader what the reply did: the level reached and, in practice, the
        feedback (the customer's answer is announced by the transcript as it appears)."""
        step = self.session.steps[-1] if self.session and self.session.steps else None
        if step is None or not self.mode.shows_feedback:
            return
        head = "The time ran out. " if step.reply is None else ""
        text = f"{head}Level reached: {step.level.label}. {self.feedback_text.text()}"
        announce(self.feedback_text, text.replace("\n", " "))

    def _update_replies(self) -> None:
        session = self.session
        for button in self.reply_buttons:
            discard(button)
        self.reply_buttons = []
        ended = session.ended
        self.end_panel.setVisible(ended)
        if ended:
            self.debrief_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        for i, reply in enumerate(session.available_replies()):
            button = PlayReply(i + 1, reply.say, self.look.pad)
            button.clicked.connect(lambda _=False, i=i: self.choose(i))
            self.replies_box.addWidget(button)
            self.reply_buttons.append(button)
        if self.reply_buttons:
            self.reply_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_countdown(self) -> None:
        session = self.session
        timeout = session.node.timeout
        self._clock.start()
        node = session.node
        given = None if timeout is None or session.ended else allowance(
            timeout.seconds, [node.narration, node.customer, *(r.say for r in session.available_replies())],
            TimeLimits.or_default(self.time_limits), self.reading_wpm)
        if given is None:
            self.countdown_timer.stop()
            self.countdown_box.hide()
            return
        self._reading, self._deadline = given.reading, given.total
        self._used = 0.0
        self._tick_clock.start()
        self.countdown_bar.setRange(0, int(self._deadline * 10))
        self.countdown_box.show()
        self._tick()
        self.countdown_timer.start()

    def remaining(self) -> float:
        """Seconds left of the reading allowance and the thinking time together."""
        return max(0.0, self._deadline - self._used)

    def reading_left(self) -> float:
        return max(0.0, self._reading - self._used)

    def _tick(self) -> None:
        passed = self._tick_clock.restart() / 1000 if self._tick_clock.isValid() else 0.0
        if QApplication.activeModalWidget() is None:  # a dialog is open: the time stands still
            self._used += passed
        left = self.remaining()
        reading = self.reading_left()
        shown = reading if reading > 0 else left
        thinking = int(self._deadline - self._reading + 0.999)
        self.countdown_caption.setText(f"Time to read, then {thinking // 60}:{thinking % 60:02d} to answer"
                                       if reading > 0 else "Time to answer")
        whole = int(shown + 0.999)
        self.countdown_label.setText(f"{whole // 60}:{whole % 60:02d}")
        self.countdown_bar.setValue(int(left * 10))
        urgent = reading <= 0 and left <= min(10.0, (self._deadline - self._reading) / 3)
        color = theme.LEVEL_COLORS[Level.LOW] if urgent else theme.TEXT
        self.countdown_label.setStyleSheet(f"color: {color};")
        self.countdown_label.setAccessibleDescription(f"{whole} seconds to read, then {whole_thinking(self)} to "
                                                      f"answer" if reading > 0 else f"{whole} seconds left")
        if left <= 0:
            self.time_out()

    def show_session(self, scenario: Scenario, session: PlaySession, mode: str = Mode.PRACTICE) -> None:
        """Show an existing session (the author's preview: after a replay, or from a chosen node)."""
        self.start(scenario, mode, self.mood_meter_enabled)
        self.session = session
        self._clear_transcript()
        self.refresh()
