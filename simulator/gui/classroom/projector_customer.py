"""The customer on the projector, as the scenario's channel shows them to the trainee.

The room should notice the customer from what the channel really gives: face to face, the
face and how it changes; on the phone no face, only the voice (in words and on an audio-level
meter); in a chat or on social media a profile picture that does not change with the mood; in
an e-mail only the sender. A changing face on the projector for a phone call would hand the
class a cue no caller gives. The words are the core's (``core.channels``), as on the play
screen (gui/practice/customer_panel.py), sized here for the back of a room.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core import channels
from ...core.levels import Emotion
from ...core.model import Scenario
from ..widgets.portraits import portrait_pixmap
from ..widgets.voice_meter import VoiceMeter
from . import presenter_theme as pt

# The customer's side column, in body text sizes: a face (or a meter as wide) on a decision,
# larger on the brief and the outcome; a profile picture smaller, as a chat shows it.
FACE_BODIES = 6
ROOMY_FACE_BODIES = 8
AVATAR_SHARE = 0.6
BOX_SHARE = 1.15  # the column is a little wider than the face
# what the channel is called beside the customer (face to face: the face says it)
GLYPHS = {"phone": "☎", "email": "✉", "social": "◉"}
PUBLIC_GLYPH = "⚠"
# what the room is shown of the customer, for the facilitator (who sees the hidden mood as a number)
ROOM_SEES = {
    "face-to-face": "The room sees the customer's face, which follows the mood.",
    "phone": "No face: the room hears the caller's voice, in words and on a level meter.",
    "chat": "A profile picture that does not change with the mood.",
    "email": "No face: only the sender's name.",
    "social": "A profile picture that does not change with the mood; the answer is public.",
}


def channel_of(scenario: Scenario) -> str:
    """The scenario's channel, read as every screen reads it (``channels.channel_or_default``)."""
    return channels.channel_or_default(scenario.channel)


def channel_text(channel: str, font: QFont) -> str:
    """The channel's name as the projector writes it, with its sign when ``font`` has one: '☎  Phone call'."""
    glyph = pt.font_glyph(font, GLYPHS.get(channel, ""))
    return f"{glyph}  {channels.channel_label(channel)}".strip()


def public_note() -> QLabel:
    """On social media the answer is public: said on the projector in an outlined box (no tint to wash out)."""
    label = pt.text_label("", "body", bold=True)
    glyph = pt.font_glyph(label.font(), PUBLIC_GLYPH)
    label.setText(f"{glyph}  {channels.PUBLIC_NOTE}".strip())
    label.setObjectName("publicNote")
    label.setStyleSheet(f"QLabel#publicNote {{ color: {pt.TEXT}; background: {pt.BACKGROUND};"
                        f" border: 3px solid {pt.OUTLINE}; border-radius: 10px; padding: 0.2em 0.5em; }}")
    label.setAccessibleName(channels.PUBLIC_NOTE)
    return label


class CustomerBox(QWidget):
    """The column beside the customer's words: the channel, then the face, the profile picture
    or the caller's voice, then the name. ``set_scenario`` once, ``show_state`` on every screen,
    ``apply_size`` whenever the text size is fitted."""

    def __init__(self) -> None:
        super().__init__()
        self.scenario: Scenario | None = None
        self.channel = channels.DEFAULT_CHANNEL
        self.emotion = Emotion.NEUTRAL
        self.face = pt.body_px(1080, 1.0) * FACE_BODIES
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.caption = pt.text_label("", "small", bold=True, color=pt.MUTED)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setAccessibleName("Channel")
        box.addWidget(self.caption)
        self.portrait = QLabel()
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        self.meter = VoiceMeter(pt.body_px(1080, 1.0), lit=pt.ACCENT, unlit=pt.BACKGROUND, outline=pt.OUTLINE)
        box.addWidget(self.meter, 0, Qt.AlignmentFlag.AlignHCenter)
        self.voice = pt.text_label("", "body", bold=True)
        self.voice.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.voice)
        self.name = pt.text_label("", "small", bold=True)
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.name)
        box.addStretch(1)

    @property
    def on_a_call(self) -> bool:
        return self.channel == "phone"

    @property
    def has_picture(self) -> bool:
        """A face or a profile picture: every channel but the phone and e-mail."""
        return self.channel not in ("phone", "email")

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.channel = channel_of(scenario)
        self.caption.setText(channel_text(self.channel, self.caption.font()))
        self.portrait.setVisible(self.has_picture)
        if not self.has_picture:
            self.portrait.clear()
        self.meter.setVisible(self.on_a_call)
        self.voice.setVisible(self.on_a_call)
        name = scenario.customer.name or "The customer"
        self.name.setText(name)
        self.portrait.setAccessibleName(f"Profile picture of {name}")

    def show_state(self, emotion: Emotion, introduced: bool) -> None:
        """The customer at this mood band, as the channel shows it. The channel is named above them
        where they are ``introduced`` (the brief) and, but face to face, on every screen."""
        self.emotion = emotion
        self.caption.setVisible(introduced or not channels.shows_face(self.channel))
        if self.on_a_call:
            words = channels.voice_words(emotion)
            self.voice.setText(words)
            self.voice.setAccessibleName(f"Voice: {words}")
            self.meter.set_level(channels.voice_level(emotion))
        elif channels.shows_face(self.channel):
            self.portrait.setAccessibleName(f"{self.name.text()}, looking {emotion.value}")
        self._draw()

    def apply_size(self, body: int, roomy: bool) -> None:
        """Sized from the body text: larger on the brief and the outcome (``roomy``) than on a decision."""
        self.face = body * (ROOMY_FACE_BODIES if roomy else FACE_BODIES)
        width = round(self.face * BOX_SHARE)
        if self.on_a_call:  # the voice's words on one line, whichever the mood
            metrics = QFontMetrics(pt.font(body, "body", bold=True))
            width = max(width, max(metrics.horizontalAdvance(w) for w in channels.VOICE_WORDS.values()) + body // 2)
        self.setFixedWidth(width)
        self.layout().setSpacing(max(4, body // 4))
        self.meter.set_unit(max(4, self.face // channels.VOICE_BARS))
        self.meter.setFixedSize(self.meter.sizeHint())
        self._draw()

    def picture_size(self) -> int:
        """The side of the face, or of the smaller profile picture, in pixels."""
        return self.face if channels.shows_face(self.channel) else round(self.face * AVATAR_SHARE)

    def _draw(self) -> None:
        if self.scenario is None or not self.has_picture:
            return
        size = self.picture_size()
        # a profile picture is the neutral one whatever the mood, as on the play screen
        emotion = self.emotion if channels.shows_face(self.channel) else Emotion.NEUTRAL
        self.portrait.setPixmap(portrait_pixmap(self.scenario, emotion, size, self.devicePixelRatioF()))
        self.portrait.setFixedSize(size, size)
