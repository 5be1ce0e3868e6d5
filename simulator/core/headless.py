"""Play a scenario without the app: the attempt is recorded exactly as the app records it.

The same store calls in the same order (start, each step as it is taken, finish) and, when the
organisation opted in to xAPI, the same outbox listener, so scripts and tests have the whole
path from an attempt to the LRS. ``--pick`` says which reply to take at each decision.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .engine import PlaySession
from .levels import Level
from .model import Reply, Scenario

PICKS = ("wow", "standard", "low", "first")


class PlayError(Exception):
    """A pick that cannot be followed, said plainly."""


@dataclass
class HeadlessResult:
    attempt_id: str
    trainee_id: str
    scenario_id: str
    level: str
    score: int
    compliance_passed: bool
    steps: list[dict] = field(default_factory=list)
    queued: int = 0  # xAPI statements queued for the LRS (0 when sending is off)

    def to_json(self) -> dict:
        return dict(self.__dict__)


def parse_pick(text: str) -> str | list[int]:
    """'wow', 'standard', 'low', 'first', or 1-based positions '2,1,3' (one per decision)."""
    text = text.strip().lower()
    if text in PICKS:
        return text
    try:
        numbers = [int(part) for part in text.split(",")]
    except ValueError:
        raise PlayError(f"--pick {text!r}: use wow, standard, low, first or positions like 2,1,3") from None
    if any(n < 1 for n in numbers):
        raise PlayError(f"--pick {text!r}: positions start at 1")
    return numbers


def _choose(offered: list[Reply], pick: str | list[int], decision: int, node: str) -> Reply:
    if isinstance(pick, list):
        if decision >= len(pick):
            raise PlayError(f"--pick gives {len(pick)} position(s) but the conversation needs a reply at decision "
                            f"{decision + 1} (node '{node}')")
        n = pick[decision]
        if n > len(offered):
            raise PlayError(f"--pick: decision {decision + 1} (node '{node}') offers {len(offered)} replies, not {n}")
        return offered[n - 1]
    if pick == "first":
        return offered[0]
    wanted = Level(pick)
    # The reply of that level, else the nearest level below it, else the nearest above.
    order = sorted(offered, key=lambda r: (r.level.rank > wanted.rank, abs(r.level.rank - wanted.rank)))
    return order[0]


def play(scenario: Scenario, pick: str | list[int], trainee: str, data_dir: str | os.PathLike,
         mode: str = "practice") -> HeadlessResult:
    """Play ``scenario`` to its end as ``trainee`` (created when new), saving every step."""
    from .progress import ProgressStore
    from .xapi import config as xconfig
    from .xapi.outbox import Outbox, attach

    session = PlaySession(scenario)
    with ProgressStore(data_dir) as store:
        recorder = attach(store, xconfig.load(data_dir))
        person = store.trainee_by_name(trainee) or store.add_trainee(trainee)
        attempt_id = store.start_attempt(person.id, scenario, mode)
        steps = []
        decision = 0
        while not session.ended:
            offered = session.available_replies()
            if not offered:
                break
            step = session.choose(_choose(offered, pick, decision, session.node.id))
            store.record_step(attempt_id, step)
            steps.append({"node": step.node, "reply": step.reply.id or step.reply.key, "level": step.level.value,
                          "mood": step.mood_after})
            decision += 1
        result = session.result()
        store.finish_attempt(attempt_id, result)
        queued = 0
        if recorder is not None:
            with Outbox.of(store) as outbox:
                queued = len(outbox.statements(attempt_id))
    return HeadlessResult(attempt_id, person.id, scenario.id, result.level.value, int(result.score),
                          bool(result.compliance_passed), steps, queued)
