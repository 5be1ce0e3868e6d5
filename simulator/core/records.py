"""The records of a play-through, shared by the engine, the scoring rule, replay and the store.

A ``Step`` is one decision as it was played (the reply, the level, the mood before and after);
a ``Choice`` is what is saved of it: enough to find the same reply again in a changed file.
Both sit below the engine and the scoring rule, so each can use them without the other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .levels import LEVEL_NAMES, Level
from .schema import ID_PATTERN

if TYPE_CHECKING:  # pragma: no cover
    from .model import Reply

_NAME = FLAG_NAME = re.compile(ID_PATTERN)  # node, reply and flag names
MAX_TEXT = 100_000  # longer words than any reply: the saved data is damaged


class PlayError(ValueError):
    """A move the session cannot make (a reply not on offer, playing after the end), or saved
    session data that cannot be restored; the message names the problem."""


@dataclass(frozen=True)
class Choice:
    """What the trainee did at one decision: enough to find the same reply in a changed file."""

    node: str
    reply: str | None  # the reply's id ('' when it has none); None when the time ran out
    say: str = ""  # the words as said
    seconds: float = 0.0
    level: str = ""  # the reply's level as it was given ('low' for a timeout); '' when not saved (older data)

    @classmethod
    def of(cls, node: str, reply: "Reply | None", seconds: float = 0.0) -> "Choice":
        """The choice of ``reply`` (None: the time ran out) at ``node``."""
        if reply is None:
            return cls(node, None, "", seconds, Level.LOW.value)
        return cls(node, reply.id, reply.say, seconds, reply.level.value)

    def to_json(self) -> dict:
        return {"node": self.node, "reply": self.reply, "say": self.say, "level": self.level,
                "seconds": self.seconds}

    @classmethod
    def from_json(cls, data: object, where: str = "the choice") -> "Choice":
        """A choice from saved data; ``PlayError`` naming ``where`` when a value is missing or wrong."""
        if not isinstance(data, dict):
            raise PlayError(f"{where} should be a set of keys, found {kind_of(data)}")
        node = data.get("node")
        if not isinstance(node, str) or not _NAME.match(node):
            raise PlayError(f"{where} has no node name (found {kind_of(node)})")
        reply = data.get("reply")
        if reply is not None and not (isinstance(reply, str) and (reply == "" or _NAME.match(reply))):
            raise PlayError(f"{where} names its reply with {kind_of(reply)}, not an id")
        say = data.get("say", "")
        if not isinstance(say, str) or len(say) > MAX_TEXT:
            raise PlayError(f"{where} has {kind_of(say)} for the words said, not text")
        level = data.get("level", "")
        if not isinstance(level, str) or (level and level not in LEVEL_NAMES):
            raise PlayError(f"{where} has the level {kind_of(level)}; use one of {', '.join(LEVEL_NAMES)}")
        if reply is None and level not in ("", Level.LOW.value):
            raise PlayError(f"{where} is a time-out with the level '{level}'; a time-out counts as low")
        seconds = seconds_value(data.get("seconds", 0.0), where)
        return cls(node, reply, say, seconds, level)


def seconds_value(value: object, where: str) -> float:
    """Seconds spent on a decision: a finite number, not negative."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlayError(f"{where} gives {kind_of(value)} for the seconds, not a number")
    if not math.isfinite(value) or value < 0:
        raise PlayError(f"{where} gives {value} seconds; the time spent is a finite number, not negative")
    return float(value)


@dataclass(frozen=True)
class Step:
    """One decision as it was played: what was offered and chosen, and what it did to the customer."""

    node: str
    customer: str
    reply: Reply | None  # None: the time ran out
    level: Level
    offered: tuple[Reply, ...]
    mood_before: int
    mood_after: int
    flags_after: frozenset[str]
    feedback: str
    breach: str
    seconds: float

    @property
    def choice(self) -> Choice:
        """What is saved of this step: the reply's id and level, the words as said."""
        return Choice.of(self.node, self.reply, self.seconds)


def kind_of(value: object) -> str:
    """A found value in words for a message about damaged data (never the whole value)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return f"'{shorten(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__


def shorten(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters, so a message stays readable."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
