"""Modes of play and what each allows: decided here, asked by the play screen, the settings and the store.

The values are the strings the progress store and the settings have always kept, so a
``Mode`` is stored as it is and older data reads back unchanged. The classroom has no mode
of its own: the room votes and the facilitator reveals, whatever the trainee's mode.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """How an attempt is played: practice teaches as it goes, assessment measures."""

    PRACTICE = "practice"
    ASSESSMENT = "assessment"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def description(self) -> str:
        """One sentence for the trainee who chooses the mode."""
        return _DESCRIPTIONS[self]

    @property
    def shows_feedback(self) -> bool:
        """Feedback, the level of each reply and the live mood right after each reply; else only at the debrief."""
        return self is Mode.PRACTICE

    @property
    def allows_step_back(self) -> bool:
        """Whether the trainee may take back the last reply and choose again."""
        return self is Mode.PRACTICE

    @classmethod
    def parse(cls, text: object) -> "Mode | None":
        """The mode a stored or typed value names; None for anything else."""
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            return None

    @classmethod
    def or_default(cls, text: object) -> "Mode":
        """The mode ``text`` names, or practice (the default) when it names none."""
        return cls.parse(text) or DEFAULT_MODE


_LABELS = {Mode.PRACTICE: "Practice", Mode.ASSESSMENT: "Assessment"}
_DESCRIPTIONS = {
    Mode.PRACTICE: "See what each reply does right after you choose it, and step back to try another.",
    Mode.ASSESSMENT: "Play it through for real: no feedback and no step back until the debrief.",
}
DEFAULT_MODE = Mode.PRACTICE
MODE_NAMES = tuple(mode.value for mode in Mode)
