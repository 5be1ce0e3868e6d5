"""Surface cues: how often a look at the replies alone, not the customer, finds the WOW reply.

A trainee who learns that "the longest reply wins" has learnt nothing about service. For each
decision (a node with two or more replies, one of them WOW) a cue picks the reply that scores
highest on one surface feature; a tie shares the pick among the tied replies, so a cue that
cannot tell the replies apart is right as often as chance. A cue's rate is the share of a
scenario's decisions where it picks the WOW reply: chance is one in the number of replies,
about a third.

The authoring tools warn when a cue picks the WOW reply at more than half of a scenario's
decisions (``GIVEAWAY_RATE``, from ``MIN_DECISIONS`` decisions up): ``validate`` as a
warning, ``analyze`` with every cue's rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from . import diagnostics as dx
from .diagnostics import Diagnostic
from .levels import Level
from .model import Node, Reply, Scenario

GIVEAWAY_RATE = 0.5  # a cue right at more than half of the decisions gives the WOW reply away
MIN_DECISIONS = 4  # below this, rates say little

# Hedges that untrained staff use and trainees learn to read as "the wrong answer".
HEDGES = ("i'm afraid", "i am afraid", "unfortunately", "i'm sorry, but", "i'm sorry but", "policy", "can't",
          "cannot", "not able to", "unable to", "there's nothing", "there is nothing")
_WORD = re.compile(r"[\w'’-]+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def _hedges(text: str) -> int:
    low = text.lower().replace("’", "'")
    return sum(low.count(h) for h in HEDGES)


@dataclass(frozen=True)
class Cue:
    name: str
    description: str  # "the longest reply": how a trainee would say it
    score: Callable[[str], float]  # higher is the reply the cue picks


CUES: tuple[Cue, ...] = (
    Cue("longest", "the longest reply", len),
    Cue("most-words", "the reply with the most words", lambda t: len(_WORD.findall(t))),
    Cue("most-digits", "the reply with the most digits", lambda t: sum(c.isdigit() for c in t)),
    Cue("most-punctuation", "the reply with the most punctuation", lambda t: len(_PUNCTUATION.findall(t))),
    Cue("fewest-hedges", "the reply without hedges such as \"I'm afraid\"", lambda t: -_hedges(t)),
)


@dataclass(frozen=True)
class CueRate:
    cue: Cue
    hits: float  # decisions where the cue picks the WOW reply (ties shared)
    decisions: int

    @property
    def rate(self) -> float:
        return self.hits / self.decisions if self.decisions else 0.0

    @property
    def gives_away(self) -> bool:
        return self.decisions >= MIN_DECISIONS and self.rate > GIVEAWAY_RATE

    def to_json(self) -> dict:
        return {"cue": self.cue.name, "rate": round(self.rate, 3), "hits": round(self.hits, 3),
                "decisions": self.decisions}


def decisions(scenario: Scenario) -> list[Node]:
    """Every node that offers a real choice: two or more replies, one of them WOW."""
    return [node for node in scenario.nodes.values()
            if len(node.replies) >= 2 and any(r.level is Level.WOW for r in node.replies)]


def cue_hits(cue: Cue, replies: Iterable[Reply]) -> float:
    """1 when the cue picks the WOW reply alone, 1/k when it ties k replies including a WOW one."""
    replies = list(replies)
    scores = [cue.score(" ".join(r.say.split())) for r in replies]
    top = max(scores)
    tied = [r for r, s in zip(replies, scores) if s == top]
    return sum(r.level is Level.WOW for r in tied) / len(tied)


def cue_rates(scenario: Scenario) -> list[CueRate]:
    """Every cue's rate over the scenario's decisions, in the order of ``CUES``."""
    found = decisions(scenario)
    return [CueRate(cue, sum(cue_hits(cue, node.replies) for node in found), len(found)) for cue in CUES]


def library_rates(scenarios: Iterable[Scenario]) -> list[CueRate]:
    """Every cue's rate over the decisions of several scenarios together."""
    hits = {cue.name: 0.0 for cue in CUES}
    total = 0
    for scenario in scenarios:
        for rate in cue_rates(scenario):
            hits[rate.cue.name] += rate.hits
        total += len(decisions(scenario))
    return [CueRate(cue, hits[cue.name], total) for cue in CUES]


def giveaway_diagnostics(scenario: Scenario) -> list[Diagnostic]:
    """A warning for each cue that gives the WOW reply away, at the first decision where it does."""
    out = []
    found = decisions(scenario)
    for rate in cue_rates(scenario):
        if not rate.gives_away:
            continue
        first = next(node for node in found if cue_hits(rate.cue, node.replies) > 0)
        out.append(Diagnostic(
            dx.GIVEAWAY_CUE, f"{rate.cue.description} is the WOW reply at {rate.rate:.0%} of the {rate.decisions} "
            f"decisions (chance is about a third), the first at node '{first.id}'", scenario.path,
            first.pos.line, first.pos.column,
            "a trainee learns the pattern instead of the customer: make some WOW replies short and plain, some Low "
            "replies long and specific (docs/writing-scenarios.md)"))
    return out
