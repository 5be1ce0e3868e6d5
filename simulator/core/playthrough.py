"""A canonical path played through the engine: one way to turn the analysis's choices into a conversation.

The analysis finds the Low, Standard and WOW paths without playing them; the debrief's WOW
transcript, the classroom's three levels side by side and ``simulator analyze`` all show them
played, and all take them from ``playthrough`` so each shows the same conversation.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Analysis, CanonicalPath
from .engine import Line, PlaySession
from .levels import Level
from .model import Scenario
from .scoring import PathResult


@dataclass(frozen=True)
class Exchange:
    """One decision of a playthrough as the room sees it: the scene, then the employee's reply."""

    narration: str
    customer: str
    reply: str  # '' when the time ran out
    level: Level


@dataclass(frozen=True)
class Playthrough:
    """A canonical playthrough replayed through the engine: its transcript, steps and result."""

    level: Level
    path: CanonicalPath
    lines: tuple[Line, ...]
    exchanges: tuple[Exchange, ...]
    closing_narration: str
    result: PathResult

    @property
    def closing_words(self) -> str:
        return self.result.closing_words


def playthrough(scenario: Scenario, path: CanonicalPath) -> Playthrough:
    """``path`` played from the start of ``scenario``; ValueError (saying why) when it no longer replays."""
    session = PlaySession(scenario)
    report = session.replay(path.choices)
    if not report.complete:
        raise ValueError(f"the {path.level.label} path no longer replays: {report.reason}")
    nodes = scenario.nodes
    exchanges = tuple(Exchange(nodes[s.node].narration.strip(), nodes[s.node].customer.strip(),
                               s.reply.say if s.reply else "", s.level) for s in session.steps)
    return Playthrough(path.level, path, tuple(session.transcript()), exchanges, session.node.narration.strip(),
                       session.result())


def canonical_playthroughs(scenario: Scenario, analysis: Analysis) -> dict[Level, Playthrough]:
    """Low, Standard and WOW (in that order) as the analysis found them; a level no path reaches is absent."""
    return {level: playthrough(scenario, analysis.canonical[level]) for level in Level if level in analysis.canonical}
