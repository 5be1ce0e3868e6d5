"""How a conversation happens: the channel a scenario states, and the words for it.

The play screen looks like its channel (a chat thread, an e-mail, a public post, a call),
and the debrief and the library name it. The rules that do not need Qt live here: the labels,
how the brief says the customer reaches the organization, which channels show the customer's
face, the words for a caller's voice at each mood band, and how long the customer "types"
before a chat message appears.
"""

from __future__ import annotations

from .levels import Emotion

CHANNELS: dict[str, str] = {  # the key's value: how the app names it
    "face-to-face": "Face to face",
    "phone": "Phone call",
    "chat": "Chat",
    "email": "E-mail",
    "social": "Social media, in public",
}
DEFAULT_CHANNEL = "face-to-face"
# The brief names the organization the way the customer reaches it ("Visiting" only in person).
REACHES: dict[str, str] = {
    "face-to-face": "Visiting",
    "phone": "Calling",
    "chat": "Chatting with",
    "email": "Writing to",
    "social": "Posting about",
}

# On the phone the trainee hears the customer: the mood band is a voice, and how loud it is
# (1-5 bars of an audio-level meter): anger is loud, calm is quiet, delight is lively.
VOICE_WORDS: dict[Emotion, str] = {
    Emotion.ANGRY: "Raised voice",
    Emotion.UPSET: "Tense voice",
    Emotion.NEUTRAL: "Calm voice",
    Emotion.PLEASED: "Warm voice",
    Emotion.DELIGHTED: "Cheerful voice",
}
VOICE_LEVELS: dict[Emotion, int] = {
    Emotion.ANGRY: 5, Emotion.UPSET: 4, Emotion.NEUTRAL: 2, Emotion.PLEASED: 3, Emotion.DELIGHTED: 4,
}
VOICE_BARS = 5

# A chat message is "typed" for a moment before it appears: long enough to feel like a person,
# short enough never to slow a trainee down (and any key shows it at once).
TYPING_MIN_MS = 600
TYPING_MAX_MS = 1200
TYPING_MS_PER_CHARACTER = 4

PUBLIC_NOTE = "Public: everyone can read your answer."


def channel_or_default(channel: str) -> str:
    """The channel ``channel`` names, an unknown one read as the default (every screen reads it so)."""
    return channel if channel in CHANNELS else DEFAULT_CHANNEL


def channel_label(channel: str) -> str:
    """How the app names ``channel`` (an unknown one reads as the default)."""
    return CHANNELS.get(channel, CHANNELS[DEFAULT_CHANNEL])


def reaches_words(channel: str) -> str:
    """How the brief introduces the organization in ``channel``: 'Visiting', 'Calling', 'Writing to' ..."""
    return REACHES.get(channel, REACHES[DEFAULT_CHANNEL])


def shows_face(channel: str) -> bool:
    """Only face to face does the trainee see the customer's changing expression."""
    return channel not in CHANNELS or channel == DEFAULT_CHANNEL


def voice_words(emotion: Emotion) -> str:
    """What the trainee hears on a call at this mood band: 'Calm voice', 'Raised voice' ..."""
    return VOICE_WORDS[emotion]


def voice_level(emotion: Emotion) -> int:
    """How many of the ``VOICE_BARS`` bars the caller's voice fills at this mood band."""
    return VOICE_LEVELS[emotion]


def typing_delay_ms(text: str) -> int:
    """How long the customer is shown typing before a chat message of ``text`` appears."""
    return max(TYPING_MIN_MS, min(TYPING_MAX_MS, TYPING_MIN_MS + TYPING_MS_PER_CHARACTER * len(text)))


def call_duration(seconds: float) -> str:
    """A call's running time as a phone shows it: '0:07', '12:30', '1:02:03'."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def email_subject(title: str, reply: bool = False) -> str:
    """The subject line of the customer's e-mail (the scenario's title), or of an answer to it."""
    subject = " ".join(title.split()) or "(no subject)"
    return f"Re: {subject}" if reply else subject


GREETINGS = ("dear ", "hello", "hi ", "hi,", "good morning", "good afternoon", "good evening")


def email_salutation(name: str, answer: str = "") -> str:
    """How the trainee's answer to an e-mail opens; nothing when the ``answer`` the author wrote
    greets the customer itself (a second "Dear ..." would read as a mistake)."""
    if answer.lstrip().lower().startswith(GREETINGS):
        return ""
    return f"Dear {name}," if name else "Hello,"
