"""Service levels and customer emotions: the vocabulary every other module shares."""

from __future__ import annotations

from enum import Enum


class Level(Enum):
    """The three service levels of the classic exercise, worst first."""

    LOW = "low"
    STANDARD = "standard"
    WOW = "wow"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @property
    def rank(self) -> int:
        """0 for Low, 1 for Standard, 2 for WOW: the order used to compare levels."""
        return _ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> "Level | None":
        try:
            return cls(text.strip().lower())
        except ValueError:
            return None


_ORDER = [Level.LOW, Level.STANDARD, Level.WOW]
_LABELS = {Level.LOW: "Low", Level.STANDARD: "Standard", Level.WOW: "WOW"}
_MEANINGS = {
    Level.LOW: "expectations not met",
    Level.STANDARD: "expectations met",
    Level.WOW: "expectations exceeded",
}
LEVEL_NAMES = [level.value for level in _ORDER]


class Emotion(Enum):
    """How the customer looks; portraits exist for each of these."""

    ANGRY = "angry"
    UPSET = "upset"
    NEUTRAL = "neutral"
    PLEASED = "pleased"
    DELIGHTED = "delighted"


EMOTION_NAMES = [e.value for e in Emotion]
MOOD_MIN, MOOD_MAX = 0, 100
DEFAULT_MOOD = 50


def emotion_for_mood(mood: int) -> Emotion:
    """Mood bands of 20 points: 0-19 angry, 20-39 upset, 40-59 neutral, 60-79 pleased, 80+ delighted."""
    order = list(Emotion)
    return order[min(4, max(0, mood // 20))]


def clamp_mood(mood: int) -> int:
    return max(MOOD_MIN, min(MOOD_MAX, mood))


# Skills a reply can show. A scenario may declare more under its top-level 'skills' key.
BUILTIN_SKILLS = (
    "empathy",
    "listening",
    "questioning",
    "clarity",
    "ownership",
    "problem_solving",
    "initiative",
    "honesty",
    "patience",
    "calm",
    "rapport",
    "positivity",
    "product_knowledge",
    "professional_language",
    "compliance",
    "follow_up",
)
