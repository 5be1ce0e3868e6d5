"""The top of the play screen's side column: who the customer is, as the channel shows them
(a face, a profile picture, the sender of an e-mail, or on the phone a call header and the
caller's voice). The words are the core's (``core.channels``)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core import channels
from ...core.levels import Emotion
from ...core.model import Scenario
from ..base import fonts, theme
from ..widgets import plain_label
from ..widgets.portraits import portrait_pixmap
from ..widgets.voice_meter import VoiceMeter

PORTRAIT_SIZE = 240
AVATAR_SIZE = 96
SMALLEST_FACE = 64  # at very large text on a short screen, once the organization has given way
EMOTION_WORDS = {Emotion.ANGRY: "Angry", Emotion.UPSET: "Upset", Emotion.NEUTRAL: "Neutral",
                 Emotion.PLEASED: "Pleased", Emotion.DELIGHTED: "Delighted"}


class CustomerPanel(QWidget):
    """The top of the play screen's side column: who the customer is, as the channel shows them.
    Face to face: the portrait and how they look. Chat and social: a profile picture. E-mail:
    the sender. Phone: a call header with the running time and the caller's voice, no face."""

    def __init__(self) -> None:
        super().__init__()
        self.channel = channels.DEFAULT_CHANNEL
        self.scenario: Scenario | None = None
        self.face_size = PORTRAIT_SIZE  # smaller at large text on a short screen, so nothing overlaps
        self._emotion = Emotion.NEUTRAL
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        self.caption = plain_label("", "small", bold=True, color=theme.MUTED)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.caption)
        self.portrait = QLabel()
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name = plain_label("", "title", bold=True)
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.name)
        self.organization = plain_label("", "small", color=theme.MUTED)
        self.organization.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.organization)
        self.call_time = plain_label("0:00", "title", wrap=False)
        self.call_time.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.call_time.setAccessibleName("Call duration")
        box.addWidget(self.call_time)
        self.voice_meter = VoiceMeter()
        box.addWidget(self.voice_meter)
        self.emotion_label = plain_label("", "normal", bold=True, color=theme.MUTED)
        self.emotion_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.emotion_label)
        # on social media, always in view beside the thread, however long it grows
        self.public_note = plain_label(f"⚠  {channels.PUBLIC_NOTE}", "small", bold=True)
        self.public_note.setObjectName("publicNote")
        self.public_note.setStyleSheet("QLabel#publicNote { color: #6B4A00; background: #FFF4D6;"
                                       " border: 1px solid #E9CF85; border-radius: 8px; padding: 8px 12px; }")
        self.public_note.setAccessibleName(channels.PUBLIC_NOTE)
        box.addWidget(self.public_note)
        self._call_clock = QElapsedTimer()
        self._call_ended = False
        self.call_timer = QTimer(self, interval=1000, timeout=self._show_call_time)

    @property
    def on_a_call(self) -> bool:
        return self.channel == "phone"

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.channel = channels.channel_or_default(scenario.channel)
        c = scenario.customer
        name = c.name or "The customer"
        self.name.setText(name)
        self.organization.setText(c.organization)
        self.show_organization(True)
        phone = self.on_a_call
        captions = {"phone": "☎  Call in progress", "chat": "Chat", "email": "✉  E-mail from",
                    "social": "◉  Public post by"}
        self.caption.setText(captions.get(self.channel, ""))
        self.caption.setVisible(self.channel in captions)
        self.portrait.setVisible(self.channel in ("face-to-face", "chat", "social"))
        size = self.face_size if channels.shows_face(self.channel) else AVATAR_SIZE
        self.portrait.setFixedSize(size, size)
        if not channels.shows_face(self.channel) and self.portrait.isVisibleTo(self):
            # a profile picture: it does not change with the mood, as a face across a counter would
            self.portrait.setPixmap(portrait_pixmap(scenario, Emotion.NEUTRAL, size, self.devicePixelRatioF()))
            self.portrait.setAccessibleName(f"Profile picture of {name}")
        self.emotion_label.setVisible(channels.shows_face(self.channel) or phone)
        self.public_note.setVisible(self.channel == "social")
        self.call_time.setVisible(phone)
        self.voice_meter.setVisible(phone)
        self.start_call()

    def fit_name(self, width: int) -> None:
        """The customer's name in the title size, or smaller when a word of it would not fit a
        line ``width`` wide (a long surname at large text in the narrow side panel)."""
        words = self.name.text().split() or [""]
        for role in ("title", "heading", "normal"):
            metrics = QFontMetrics(fonts.role_font(role, bold=True))
            if max(metrics.horizontalAdvance(word) for word in words) <= width:
                break
        if self.name.property("textRole") != role:
            fonts.set_role(self.name, role, bold=True)

    def show_organization(self, shown: bool) -> None:
        """Whether the organization is shown under the name (when there is one): on a short screen
        at large text the play screen leaves it to the brief."""
        self.organization.setVisible(shown and bool(self.organization.text()))

    def organization_height(self, width: int) -> int:
        """The height the organization takes in the panel ``width`` wide when shown, spacing included
        (0 without one)."""
        if not self.organization.text():
            return 0
        return self.organization.heightForWidth(width) + self.layout().spacing()

    def set_face_size(self, size: int) -> None:
        """The portrait's side in pixels: the play screen makes it smaller when the text is large
        and the screen short, so the name, the mood and the countdown fit below it."""
        size = max(SMALLEST_FACE, min(PORTRAIT_SIZE, size))
        if size == self.face_size:
            return
        self.face_size = size
        if channels.shows_face(self.channel):
            self.portrait.setFixedSize(size, size)
            if self.scenario is not None:
                self.portrait.setPixmap(portrait_pixmap(self.scenario, self._emotion, size, self.devicePixelRatioF()))

    def set_picture_size(self, size: int) -> None:
        """The profile picture's side in pixels (a chat, a public post: no face to read): the play
        screen makes it smaller when the column is short of room for its words."""
        size = max(SMALLEST_FACE, min(AVATAR_SIZE, size))
        if channels.shows_face(self.channel) or self.scenario is None or size == self.portrait.width():
            return
        self.portrait.setFixedSize(size, size)
        self.portrait.setPixmap(portrait_pixmap(self.scenario, Emotion.NEUTRAL, size, self.devicePixelRatioF()))

    def start_call(self) -> None:
        """The call begins (again, after a restart): its time runs from 0:00."""
        self._call_ended = False
        self._call_clock.start()
        self._show_call_time()
        if self.on_a_call:
            self.call_timer.start()
        else:
            self.call_timer.stop()

    def set_state(self, emotion: Emotion, ended: bool) -> None:
        """Show the customer at this mood band: a face, or on the phone a voice."""
        name = (self.scenario.customer.name if self.scenario else "") or "the customer"
        if self.on_a_call:
            words = channels.voice_words(emotion)
            self.emotion_label.setText(words)
            self.emotion_label.setAccessibleName(f"Voice: {words}")
            self.voice_meter.set_level(channels.voice_level(emotion))
            if ended and not self._call_ended:
                self._call_ended = True
                self.call_timer.stop()
                self.caption.setText("☎  Call ended")
            elif not ended and self._call_ended:
                self._call_ended = False
                self.caption.setText("☎  Call in progress")
                self.call_timer.start()
            return
        self._emotion = emotion
        if channels.shows_face(self.channel):
            self.portrait.setPixmap(portrait_pixmap(self.scenario, emotion, self.face_size, self.devicePixelRatioF()))
            self.portrait.setAccessibleName(f"Portrait of {name}, looking {emotion.value}")
            self.emotion_label.setText(f"Looks {EMOTION_WORDS[emotion].lower()}")

    def _show_call_time(self) -> None:
        seconds = self._call_clock.elapsed() / 1000 if self._call_clock.isValid() else 0
        self.call_time.setText(channels.call_duration(seconds))
        self.call_time.setAccessibleDescription(f"{int(seconds)} seconds")

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().hideEvent(event)
        self.call_timer.stop()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.on_a_call and not self._call_ended:
            self.call_timer.start()
            self._show_call_time()
