"""What a saved play-through remembers of each decision, and how it is found again.

A decision is saved as a ``Choice``: the node, the reply's id (``''`` when the file gives the
reply none), the words as said and the reply's level. Replaying it on a file the author has
edited since finds the reply by its identity (``identify``): by its id, or, for a reply without
one, by its exact words; never by its position. A reply that is gone, or whose words or level
are not what was saved, stops the replay there (``ReplayStop``), with a sentence for the trainee.

``parse_session`` checks a saved session (``PlaySession.to_json``) before anything is rebuilt
from it: damaged or tampered data is a ``PlayError`` naming the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Sequence

from .levels import MOOD_MAX, MOOD_MIN
from .records import FLAG_NAME, Choice, PlayError, seconds_value
from .records import kind_of as _kind
from .records import shorten as _short

if TYPE_CHECKING:  # pragma: no cover
    from .model import Reply, Scenario

SESSION_FORMAT = 1
__all__ = ["FLAG_NAME", "SESSION_FORMAT", "Choice", "PlayError", "ReplayStop", "SavedSession", "Stop",
           "identify", "parse_session", "seconds_value"]


class Stop(Enum):
    """Why a replay stopped before a saved choice."""

    CHANGED = "changed"  # the reply is there, but its words or level are not what was saved
    REMOVED = "removed"  # no reply of the node has that identity any more
    NOT_OFFERED = "not-offered"  # the reply is there but its condition no longer offers it
    AMBIGUOUS = "ambiguous"  # several replies without an id say these exact words
    DIVERGED = "diverged"  # the conversation now reaches another node
    ENDED = "ended"  # the conversation now ends before this choice
    NO_TIME_LIMIT = "no-time-limit"  # the time ran out at a node that no longer has a limit


@dataclass(frozen=True)
class ReplayStop:
    """Where a replay stopped and why, in words for the trainee."""

    kind: Stop
    node: str  # the node the replay stopped at
    saved_node: str = ""  # the node of the saved choice (differs for DIVERGED)

    @property
    def message(self) -> str:
        """A sentence for the trainee: what changed, and that they go on from there."""
        at = f"'{self.node}'"
        if self.kind is Stop.CHANGED:
            return f"The reply you gave at {at} has been changed by the author; you continue from there."
        if self.kind is Stop.REMOVED:
            return f"The reply you gave at {at} has been removed by the author; you continue from there."
        if self.kind is Stop.NOT_OFFERED:
            return f"The reply you gave at {at} is no longer offered there; you continue from there."
        if self.kind is Stop.AMBIGUOUS:
            return (f"The reply you gave at {at} can no longer be told apart from another one with the same words; "
                    f"you continue from there.")
        if self.kind is Stop.DIVERGED:
            return (f"The conversation now reaches {at} where it used to reach '{self.saved_node}'; "
                    f"you continue from {at}.")
        if self.kind is Stop.ENDED:
            return f"The conversation now ends at {at} before your next reply."
        return f"{at} no longer has a time limit, so the time running out there cannot be replayed; " \
               f"you continue from there."

    @property
    def reason(self) -> str:
        """The message as a clause (no capital, no full stop), to go inside another sentence."""
        text = self.message.rstrip(".")
        return text[0].lower() + text[1:] if text.startswith("The ") else text


def identify(choice: Choice, replies: Sequence["Reply"]) -> tuple["Reply | None", Stop | None]:
    """The reply of ``replies`` (a node's, in file order) that ``choice`` names, unchanged; else why not.

    A saved id names the reply; a reply without an id (and older saves, whose reply names were
    positions made only of digits) is found by its exact words. Either way the reply found must
    say the saved words at the saved level, or it is CHANGED: never another reply."""
    saved_id = choice.reply or ""
    if saved_id and not saved_id.isdigit():
        found = next((r for r in replies if r.id == saved_id), None)
        if found is None:
            return None, Stop.REMOVED
        return (found, None) if _unchanged(found, choice) else (None, Stop.CHANGED)
    same_words = [r for r in replies if r.say == choice.say] if choice.say else []
    if not same_words:
        return None, Stop.REMOVED
    if len(same_words) > 1:
        return None, Stop.AMBIGUOUS
    found = same_words[0]
    return (found, None) if _unchanged(found, choice) else (None, Stop.CHANGED)


def _unchanged(reply: "Reply", choice: Choice) -> bool:
    return reply.say == choice.say and (not choice.level or reply.level.value == choice.level)


@dataclass(frozen=True)
class SavedSession:
    """A checked ``PlaySession.to_json``: safe to rebuild from."""

    start: str
    mood: int | None
    flags: frozenset[str]
    choices: tuple[Choice, ...]
    same_file: bool  # saved on exactly this version of the file: every choice must replay


def parse_session(scenario: "Scenario", data: object) -> SavedSession:
    """Check saved session data against ``scenario``; ``PlayError`` naming the first problem."""
    if not isinstance(data, dict):
        raise PlayError(f"the saved session should be a set of keys, found {_kind(data)}")
    fmt = data.get("session_format", SESSION_FORMAT)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or not 1 <= fmt <= SESSION_FORMAT:
        raise PlayError(f"the saved session is in format {_kind(fmt)}; this version reads format {SESSION_FORMAT}")
    scenario_id = data.get("scenario", scenario.id)
    if not isinstance(scenario_id, str):
        raise PlayError(f"the saved session names its scenario with {_kind(scenario_id)}, not an id")
    if scenario_id != scenario.id:
        raise PlayError(f"the saved session is of the scenario '{_short(scenario_id)}', not '{scenario.id}'")
    digest = data.get("digest", "")
    if not isinstance(digest, str):
        raise PlayError(f"the saved session's file digest is {_kind(digest)}, not text")
    start = data.get("start", scenario.start)
    if start is None:
        start = scenario.start
    if not isinstance(start, str):
        raise PlayError(f"the saved session starts at {_kind(start)}, not a node name")
    if start not in scenario.nodes:
        raise PlayError(f"the saved session starts at the node '{_short(start)}', which the scenario does not have")
    mood = data.get("mood")
    if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int) or not MOOD_MIN <= mood <= MOOD_MAX):
        raise PlayError(f"the saved session's mood is {_kind(mood)}; a mood is a whole number from "
                        f"{MOOD_MIN} to {MOOD_MAX}")
    flags = data.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) and FLAG_NAME.match(f) for f in flags):
        raise PlayError("the saved session's flags should be a list of names (letters, digits, '_' and '-')")
    choices = data.get("choices", [])
    if not isinstance(choices, list):
        raise PlayError(f"the saved session's choices should be a list, found {_kind(choices)}")
    if len(choices) > len(scenario.nodes):  # a conversation never visits a node twice (no loops)
        raise PlayError(f"the saved session has {len(choices)} choices, more than the scenario's "
                        f"{len(scenario.nodes)} nodes allow")
    parsed = tuple(Choice.from_json(c, f"choice {i} of the saved session") for i, c in enumerate(choices, 1))
    return SavedSession(start, mood, frozenset(flags), parsed, bool(digest) and digest == scenario.digest)
