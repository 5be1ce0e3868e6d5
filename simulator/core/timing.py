"""How long a timed decision gives the trainee: time to read, then the author's time to think.

A decision with a ``timeout`` starts its countdown only after a reading allowance: the words on
screen (what the customer says and every reply offered) at READING_WPM words a minute. The
author's ``timeout.seconds`` are thinking time on top. The trainee's time-limit setting
multiplies the whole allowance (x1.5, x2) or turns time limits off (WCAG 2.2.1 Timing
Adjustable). An attempt records the setting it was played with, so debriefs and exports say when
timers were adjusted. Documented for authors in docs/scoring.md (Timers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

READING_WPM = 180  # a comfortable reading rate for adults reading on screen, slower than the 250 often quoted
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class TimeLimits(StrEnum):
    """The trainee's setting; the values are what the settings file and the progress store keep."""

    AS_WRITTEN = "as-written"
    LONGER = "x1.5"
    DOUBLE = "x2"
    OFF = "off"

    @property
    def factor(self) -> float | None:
        """What the allowance is multiplied by; None when there is no time limit at all."""
        return _FACTORS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def adjusted(self) -> bool:
        return self is not TimeLimits.AS_WRITTEN

    @property
    def sentence(self) -> str:
        """What a debrief or an export says about an attempt played with this setting ('' as written)."""
        return _SENTENCES[self]

    @classmethod
    def or_default(cls, text: object) -> "TimeLimits":
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            return cls.AS_WRITTEN


_FACTORS = {TimeLimits.AS_WRITTEN: 1.0, TimeLimits.LONGER: 1.5, TimeLimits.DOUBLE: 2.0, TimeLimits.OFF: None}
_LABELS = {TimeLimits.AS_WRITTEN: "As written", TimeLimits.LONGER: "Longer (x1.5)",
           TimeLimits.DOUBLE: "Double (x2)", TimeLimits.OFF: "Off (no time limits)"}
_SENTENCES = {TimeLimits.AS_WRITTEN: "", TimeLimits.LONGER: "Played with time limits extended x1.5.",
              TimeLimits.DOUBLE: "Played with time limits doubled (x2).",
              TimeLimits.OFF: "Played with time limits turned off."}


def word_count(text: str) -> int:
    """Words as a reader meets them: 'don't' and 'check-in' are one word each, digits count."""
    return len(_WORD.findall(text or ""))


def reading_seconds(texts: Iterable[str], wpm: int = READING_WPM) -> float:
    """The time to read ``texts`` at ``wpm`` words a minute."""
    return sum(word_count(t) for t in texts) * 60.0 / wpm


@dataclass(frozen=True)
class Allowance:
    """A timed decision's time: ``reading`` seconds first, then ``thinking``; ``total`` is both."""

    reading: float
    thinking: float

    @property
    def total(self) -> float:
        return self.reading + self.thinking


def allowance(thinking_seconds: float, texts: Iterable[str], limits: TimeLimits = TimeLimits.AS_WRITTEN,
              wpm: int = READING_WPM) -> Allowance | None:
    """The time a timed decision gives: reading ``texts`` (the customer's words and the replies),
    then the author's ``thinking_seconds``, both times the setting's factor; None when limits are off."""
    factor = limits.factor
    if factor is None:
        return None
    return Allowance(reading_seconds(texts, wpm) * factor, float(thinking_seconds) * factor)
