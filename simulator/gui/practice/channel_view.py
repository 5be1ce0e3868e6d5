"""What the play screen's conversation looks like in each channel (the customer's side panel is
in ``customer_panel``).

Face to face shows the portrait and speech bubbles; a chat shows message bubbles on two sides
and the customer typing for a moment before each message; an e-mail shows messages with their
headers and the answer being written; social media shows the customer's public post, the
comments under it and a note that everyone can read the answer; a phone call shows a call
header and the caller's voice instead of a face. The words and the timings are the core's
(``core.channels``); scenario text is always shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ...core import channels
from ...core.engine import Line
from ...core.model import Scenario
from ..base import theme
from ..base.layouts import clear, discard
from ..widgets import announce, level_badge, plain_label

CUSTOMER, EMPLOYEE = "customer", "employee"
# how much of a row a speech or chat bubble takes (the rest says whose line it is): more of it
# when the play screen needs the height, so that a long line wraps into fewer lines
BUBBLE_SHARE, WIDE_BUBBLE_SHARE = (4, 1), (9, 1)


def _tint(color: str, alpha: float) -> str:
    c = QColor(color)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {alpha})"


def _card(name: str, style: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(f"QFrame#{name} {{ {style} }} QFrame#{name} QLabel {{ background: transparent; border: none; }}")
    box = QVBoxLayout(frame)
    box.setContentsMargins(16, 10, 16, 12)
    box.setSpacing(4)
    return frame, box


def _head(box: QVBoxLayout, who: str, line: Line, show_level: bool, color: str = theme.MUTED,
          extra: str = "") -> None:
    """A message's first row: who wrote it, what it is (``extra``), and the level in practice."""
    head = QHBoxLayout()
    head.setSpacing(8)
    head.addWidget(plain_label(who, "small", bold=True, color=color, wrap=False))
    if extra:
        head.addWidget(plain_label(extra, "small", color=color, wrap=False))
    if line.speaker == EMPLOYEE and show_level and line.level is not None:
        head.addWidget(level_badge(line.level))
    head.addStretch(1)
    box.addLayout(head)

# -- the lines of the conversation, one look per channel ------------------------------------


def _narration(line: Line) -> QWidget:
    text = plain_label(line.text, "body", italic=True, color=theme.MUTED, selectable=True)
    text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    text.setAccessibleName(f"Narration: {line.text}")
    text.setContentsMargins(16, 4, 16, 4)
    return text


def speech_bubble(line: Line, name: str, show_level: bool) -> QFrame:
    """Face to face and on the phone: what was said, under who said it."""
    who = name if line.speaker == CUSTOMER else "You"
    if line.speaker == CUSTOMER:
        style = (f"background: {theme.CARD}; border: 1px solid {theme.BORDER};"
                 f" border-radius: 14px; border-top-left-radius: 4px;")
    else:
        style = (f"background: {_tint(theme.ACCENT, 0.10)}; border: 1px solid {_tint(theme.ACCENT, 0.35)};"
                 f" border-radius: 14px; border-top-right-radius: 4px;")
    frame, box = _card("speech", style)
    _head(box, who, line, show_level)
    box.addWidget(plain_label(line.text, "body", selectable=True))
    frame.setAccessibleName(f"{who}: {line.text}")
    return frame


def chat_bubble(line: Line, name: str, show_level: bool) -> QFrame:
    """A chat message: the customer's grey on the left, the trainee's filled on the right."""
    mine = line.speaker == EMPLOYEE
    who = "You" if mine else name
    if mine:
        style = f"background: {theme.ACCENT}; border-radius: 16px; border-bottom-right-radius: 4px;"
    else:
        style = "background: #E7EAEE; border-radius: 16px; border-bottom-left-radius: 4px;"
    frame, box = _card("chatBubble", style)
    color = "#FFFFFF" if mine else theme.TEXT
    _head(box, who, line, show_level, color="#EDE8FA" if mine else theme.MUTED)
    box.addWidget(plain_label(line.text, "body", color=color, selectable=True))
    frame.setAccessibleName(f"{who}: {line.text}")
    return frame


def _header_row(box: QVBoxLayout, *pairs: tuple[str, str]) -> None:
    """One row of an e-mail's header: 'From: name', 'To: name', each a key and its value."""
    row = QHBoxLayout()
    row.setSpacing(8)
    for i, (key, value) in enumerate(pairs):
        if i:
            row.addSpacing(16)
        row.addWidget(plain_label(key, "small", bold=True, color=theme.MUTED, wrap=False))
        row.addWidget(plain_label(value, "small", color=theme.TEXT), 1 if i == len(pairs) - 1 else 0)
    box.addLayout(row)


def email_message(line: Line, scenario: Scenario, show_level: bool, first: bool) -> QFrame:
    """An e-mail: From, To and Subject over the message. The customer's signs off with their
    name; the trainee's is the answer sent, opening with a salutation."""
    name = scenario.customer.name or "The customer"
    mine = line.speaker == EMPLOYEE
    frame, box = _card("emailSent" if mine else "email",
                       f"background: {theme.CARD}; border: 1px solid {theme.BORDER}; border-radius: 6px;"
                       + (f" border-left: 5px solid {theme.ACCENT};" if mine else ""))
    subject = channels.email_subject(scenario.title, reply=mine or not first)
    if mine:
        _head(box, "Your answer, sent", line, show_level)
        _header_row(box, ("To:", name), ("Subject:", subject))
    else:
        _header_row(box, ("From:", name), ("To:", scenario.customer.organization or "You"))
        _header_row(box, ("Subject:", subject))
    rule = QFrame()
    rule.setFrameShape(QFrame.Shape.HLine)
    rule.setStyleSheet(f"color: {theme.BORDER};")
    box.addWidget(rule)
    salutation = channels.email_salutation(name, line.text) if mine else ""
    if salutation:
        box.addWidget(plain_label(salutation, "body", color=theme.MUTED))
    box.addWidget(plain_label(line.text, "body", selectable=True))
    if not mine:
        box.addWidget(plain_label(name, "body", italic=True, color=theme.MUTED))
    frame.setAccessibleName(f"E-mail from {'you' if mine else name}, subject {subject}: {line.text}")
    return frame


def social_item(line: Line, scenario: Scenario, show_level: bool, post: bool) -> QFrame:
    """On social media: the customer's first message is the public post; what follows are
    comments under it, the trainee's answering in public."""
    name = scenario.customer.name or "The customer"
    mine = line.speaker == EMPLOYEE
    if post:
        frame, box = _card("socialPost", f"background: {theme.CARD}; border: 1px solid {theme.BORDER};"
                                         f" border-radius: 10px;")
        _head(box, name, line, show_level, extra="posted in public")
        box.addWidget(plain_label(line.text, "heading", selectable=True))
        frame.setAccessibleName(f"Public post by {name}: {line.text}")
        return frame
    who = "You, for the business" if mine else name
    frame, box = _card("socialComment",
                       f"background: {_tint(theme.ACCENT, 0.08) if mine else theme.CARD};"
                       f" border: 1px solid {_tint(theme.ACCENT, 0.35) if mine else theme.BORDER}; border-radius: 10px;")
    _head(box, who, line, show_level, extra="public reply" if mine else "commented")
    box.addWidget(plain_label(line.text, "body", selectable=True))
    frame.setAccessibleName(f"{'Your public reply' if mine else 'Comment by ' + name}: {line.text}")
    return frame


class Thread(QScrollArea):
    """The conversation so far, drawn as the scenario's channel shows it. In a chat, each new
    customer message is typed for a moment first (``core.channels.typing_delay_ms``); any key or
    click shows it at once, and the replies can be chosen meanwhile."""

    line_shown = Signal()  # a line is drawn: the play screen gives the transcript the room it needs

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Conversation so far")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(4, 4, 12, 4)
        outer.setSpacing(10)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(10)
        outer.addLayout(self.rows)
        self.typing_row = QHBoxLayout()
        outer.addLayout(self.typing_row)
        self.footer_box = QVBoxLayout()
        outer.addLayout(self.footer_box)
        outer.addStretch(1)
        self.setWidget(holder)
        self.verticalScrollBar().rangeChanged.connect(self._scroll_to_newest)
        self.scenario: Scenario | None = None
        self.channel = channels.DEFAULT_CHANNEL
        self.show_level = False
        self.lines: list[Line] = []  # every line given, shown or still being typed
        self.shown: list[Line] = []
        self.pending: list[Line] = []
        self.newest: QWidget | None = None  # the last line drawn
        self.typing_indicator: QWidget | None = None
        self.footer: QWidget | None = None
        self.typing_timer = QTimer(self, singleShot=True, timeout=self._typed)
        self._watching = False
        self._redrawing = False
        self.wide_lines = False
        self._bubble_rows: list[tuple[QHBoxLayout, int]] = []  # a row and where its bubble is in it

    def start(self, scenario: Scenario, show_level: bool) -> None:
        self.scenario = scenario
        self.channel = channels.channel_or_default(scenario.channel)
        self.show_level = show_level
        self.clear()

    @property
    def typing(self) -> bool:
        return self.typing_indicator is not None

    def clear(self) -> None:
        self._stop_typing()
        self.pending = []
        clear(self.rows)
        self._bubble_rows = []
        self.newest = None
        self.lines = []
        self.shown = []

    def set_lines(self, lines: list[Line], awaiting_reply: bool) -> None:
        """The session's transcript: new lines are added (in a chat, typed first); a transcript
        that is not a continuation (a step back) is drawn again at once."""
        if lines[:len(self.lines)] != self.lines:
            self.clear()
            self.pending = list(lines)
            self._redrawing = True  # drawn again (a step back): not news to announce
            try:
                self.flush()
            finally:
                self._redrawing = False
        else:
            self.flush()  # the trainee has answered: whatever was still being typed is there now
            new = lines[len(self.lines):]
            # only what the customer says after the trainee's last reply is typed: a conversation
            # shown again from the middle (the author's preview) does not replay every message
            answered = max((i + 1 for i, line in enumerate(new) if line.speaker == EMPLOYEE), default=0)
            for line in new[:answered]:
                self._show(line)
            self.pending = list(new[answered:])
            self._advance()
        self.lines = list(lines)
        self._set_footer(awaiting_reply)

    def flush(self) -> None:
        """Show every line still waiting, now."""
        self._stop_typing()
        while self.pending:
            self._show(self.pending.pop(0))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().hideEvent(event)
        self.flush()  # off screen (quit, the debrief): nothing goes on typing

    # -- typing --------------------------------------------------------------------------------

    def _advance(self) -> None:
        while self.pending:
            line = self.pending[0]
            if self.channel == "chat" and line.speaker == CUSTOMER:
                self._start_typing(line)
                return
            self._show(self.pending.pop(0))

    def _start_typing(self, line: Line) -> None:
        name = (self.scenario.customer.name if self.scenario else "") or "The customer"
        frame, box = _card("typing", "background: #E7EAEE; border-radius: 16px; border-bottom-left-radius: 4px;")
        box.addWidget(plain_label(f"{name} is typing…", "small", italic=True, color=theme.MUTED, wrap=False))
        frame.setAccessibleName(f"{name} is typing")
        self.typing_row.addWidget(frame)
        self.typing_row.addStretch(1)
        frame.show()
        self.typing_indicator = frame
        self._watch(True)
        self.typing_timer.start(channels.typing_delay_ms(line.text))

    def _typed(self) -> None:
        self._stop_typing()
        if self.pending:
            self._show(self.pending.pop(0))
        self._advance()

    def _stop_typing(self) -> None:
        self.typing_timer.stop()
        if self.typing_indicator is not None:
            clear(self.typing_row)
            self.typing_indicator = None
        self._watch(False)

    def _watch(self, on: bool) -> None:
        """While the customer types, any key or click in this window shows the message at once."""
        app = QApplication.instance()
        if on and not self._watching:
            app.installEventFilter(self)
        elif not on and self._watching:
            app.removeEventFilter(self)
        self._watching = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress) \
                and self.pending and isinstance(watched, QWidget) and watched.window() is self.window():
            self.flush()
        return False

    # -- drawing ----------------------------------------------------------------------------

    def _show(self, line: Line) -> None:
        scenario = self.scenario
        name = scenario.customer.name or "Customer"
        first_from_customer = line.speaker == CUSTOMER and not any(s.speaker == CUSTOMER for s in self.shown)
        side = line.speaker
        if line.speaker == "narration":
            widget, side = _narration(line), "full"
        elif self.channel == "chat":
            widget = chat_bubble(line, name, self.show_level)
        elif self.channel == "email":
            widget, side = email_message(line, scenario, self.show_level, first_from_customer), "full"
        elif self.channel == "social":
            widget = social_item(line, scenario, self.show_level, first_from_customer)
            side = "full" if first_from_customer else "indented"
        else:
            widget = speech_bubble(line, name, self.show_level)
        row = QHBoxLayout()
        row.setSpacing(0)
        bubble, rest = WIDE_BUBBLE_SHARE if self.wide_lines else BUBBLE_SHARE
        if side == CUSTOMER:
            row.addWidget(widget, bubble)
            row.addStretch(rest)
            self._bubble_rows.append((row, 0))
        elif side == EMPLOYEE:
            row.addStretch(rest)
            row.addWidget(widget, bubble)
            self._bubble_rows.append((row, 1))
        elif side == "indented":
            row.addSpacing(48 if line.speaker == EMPLOYEE else 24)
            row.addWidget(widget, 1)
        else:
            row.addWidget(widget, 1)
        self.rows.addLayout(row)
        widget.show()
        self.newest = widget
        self.shown.append(line)
        if line.speaker == CUSTOMER and not self._redrawing:  # a screen reader says what they just said
            announce(widget, f"{name}: {line.text}")
        self.line_shown.emit()

    def set_wide_lines(self, wide: bool) -> None:
        """Let the speech and chat bubbles take more of the row (the play screen asks for it when
        the replies need the height that a long line wrapped narrow takes)."""
        if wide == self.wide_lines:
            return
        self.wide_lines = wide
        bubble, rest = WIDE_BUBBLE_SHARE if wide else BUBBLE_SHARE
        for row, at in self._bubble_rows:
            row.setStretch(at, bubble)
            row.setStretch(1 - at, rest)

    def newest_height(self, wide: bool | None = None, width: int | None = None) -> int:
        """The height the newest line needs at the width it is drawn (a bubble takes its share
        of the row; ``wide``: the share of wide lines, or not, instead of the one on show), or with
        the transcript ``width`` wide: the play screen keeps at least this much of it in view."""
        newest = self.typing_indicator or self.newest
        if newest is None:
            return 0
        newest.ensurePolished()  # drawn a moment ago: measured with its style sheet's borders
        inset = self.width() - self.viewport().width()  # the frame and the scroll bar
        width = (self.viewport().width() if width is None else width - inset) - 16
        if self.shown and self.shown[-1].speaker in (CUSTOMER, EMPLOYEE) and self.channel in ("face-to-face", "chat",
                                                                                             "phone"):
            bubble, rest = WIDE_BUBBLE_SHARE if (self.wide_lines if wide is None else wide) else BUBBLE_SHARE
            width = width * bubble // (bubble + rest)
        return newest.heightForWidth(width) if newest.hasHeightForWidth() else newest.sizeHint().height()

    def _scroll_to_newest(self, _low: int, high: int) -> None:
        """Down to the end, but never past the start of the newest line: a long e-mail or post in
        a short window is read from its first word, the answer being written below it."""
        target = high
        newest = self.typing_indicator or self.newest
        if newest is not None and newest.parent() is self.widget():
            self.widget().layout().activate()  # where the newest line is now: on a screen just shown, not yet placed
            target = min(high, max(0, newest.mapTo(self.widget(), QPoint(0, 0)).y() - 8))
        self.verticalScrollBar().setValue(target)

    def _set_footer(self, awaiting_reply: bool) -> None:
        """Under an e-mail thread, while the trainee has to answer: the answer being written."""
        if self.footer is not None:
            discard(self.footer)
            self.footer = None
        if not awaiting_reply or self.channel != "email" or self.scenario is None:
            return
        name = self.scenario.customer.name or "The customer"
        frame, box = _card("emailDraft", f"background: {theme.CARD}; border: 2px dashed {_tint(theme.ACCENT, 0.5)};"
                                         f" border-radius: 6px;")
        box.addWidget(plain_label("✎  Your answer, being written: choose what you write below", "small",
                                  bold=True, color=theme.ACCENT))
        _header_row(box, ("To:", name), ("Subject:", channels.email_subject(self.scenario.title, reply=True)))
        box.addWidget(plain_label(f"{channels.email_salutation(name)}  …", "body", color=theme.MUTED))
        frame.setAccessibleName("Your answer, being written")
        self.footer = frame
        self.footer_box.addWidget(frame)
        frame.show()
