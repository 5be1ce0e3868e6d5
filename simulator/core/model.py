"""The scenario model: what a loaded scenario file is, independent of YAML."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .channels import DEFAULT_CHANNEL
from .conditions import Condition
from .levels import DEFAULT_MOOD, Emotion, Level

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Pos:
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Branch:
    """One way out of a route: taken when ``condition`` holds (or always, when it is None)."""

    target: str
    condition: Condition | None = None
    pos: Pos = Pos()


@dataclass(frozen=True, slots=True)
class Route:
    """Where a reply or a timeout leads: the first branch whose condition holds."""

    branches: tuple[Branch, ...]

    def resolve(self, mood: int, flags: frozenset[str]) -> str:
        for branch in self.branches:
            if branch.condition is None or branch.condition.holds(mood, flags):
                return branch.target
        return self.branches[-1].target  # the loader guarantees an unconditional last branch

    @property
    def targets(self) -> list[str]:
        return [b.target for b in self.branches]


@dataclass(frozen=True, slots=True)
class Reply:
    """One thing the employee can say.

    Its identity is ``id`` (the file's ``id:`` key, unique in the node), which survives the
    reordering, insertion and deletion of its siblings; a reply without one is known only by its
    exact words (``say``), never by its position. ``key`` is a handle for this loaded file only
    (the id, else ``#`` and the 1-based position): use it to tell the replies on screen apart,
    never store it.
    """

    index: int  # position in the node, from 0
    key: str  # in-memory handle: the id, else '#<position>' (no id can contain '#')
    say: str
    level: Level
    route: Route
    mood: int = 0
    skills: tuple[str, ...] = ()
    feedback: str = ""
    breach: str = ""
    breach_cost: float = 0  # what the breach costs the business (a fine, a fraud loss), in the customer's currency
    sets: tuple[str, ...] = ()
    condition: Condition | None = None
    pos: Pos = Pos()
    id: str = ""  # the author's stable id; '' when the file gives none
    id_pos: Pos = Pos()  # where the id is written (the reply's position when it has none)


@dataclass(frozen=True, slots=True)
class Timeout:
    """What happens when the trainee lets the time limit run out: it counts as a Low reply."""

    seconds: int
    route: Route
    mood: int = 0
    feedback: str = ""
    pos: Pos = Pos()


@dataclass(frozen=True, slots=True)
class Ending:
    level: Level
    title: str = ""
    feels: str = ""
    thinks: str = ""
    returns: int = 50  # likelihood to come back, in percent
    pos: Pos = Pos()


@dataclass(slots=True)
class Node:
    id: str
    customer: str = ""
    narration: str = ""
    emotion: Emotion | None = None
    replies: list[Reply] = field(default_factory=list)
    ending: Ending | None = None
    timeout: Timeout | None = None
    discuss: str = ""
    weight: int = 1  # how much this decision counts in the score
    pos: Pos = Pos()

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    @property
    def is_loose_end(self) -> bool:
        return self.ending is None and not self.replies


@dataclass(slots=True)
class Customer:
    name: str = ""
    about: str = ""
    portrait: str = ""
    organization: str = ""
    wants: str = ""
    expects: str = ""
    mood: int = DEFAULT_MOOD
    yearly_value: float = 0
    yearly_growth: float = 0
    years: int = 5
    margin: float = 20  # percent of revenue that is profit
    currency: str = ""
    portrait_pos: Pos = Pos()


@dataclass(slots=True)
class Scenario:
    id: str
    title: str
    start: str
    nodes: dict[str, Node]
    customer: Customer = field(default_factory=Customer)
    domain: str = ""
    difficulty: str = ""
    channel: str = DEFAULT_CHANNEL
    minutes: int = 0
    summary: str = ""
    tags: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # skills declared by this scenario, beyond the built-in ones
    format: int = FORMAT_VERSION
    path: str = ""
    digest: str = ""  # sha256 of the file's bytes: which version of the file an attempt was played on

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else ""
