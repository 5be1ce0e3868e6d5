"""Play a scenario without the app: the attempt is recorded exactly as the app records it.

The same store calls in the same order (start, each step as it is taken, finish) and, when the
organisation opted in to xAPI, the same outbox listener, so scripts and tests have the whole
path from an attempt to the LRS. Without a trainee nothing is recorded: the path is played and
its result reported, for authors checking a scenario. ``--pick`` says which reply to take at
each decision.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .engine import Line, PlaySession
from .levels import Level
from .model import Reply, Scenario
from .scoring import band_words

PICKS = ("wow", "standard", "low", "longest", "shortest", "first")
MAX_DECISIONS = 10_000  # a pick that goes round a loop forever stops here, with a message


class PlayError(Exception):
    """A pick that cannot be followed, said plainly."""


@dataclass
class HeadlessResult:
    attempt_id: str  # '' when nothing was recorded (no trainee)
    trainee_id: str
    scenario_id: str
    level: str
    score: int
    compliance_passed: bool
    steps: list[dict] = field(default_factory=list)
    queued: int = 0  # xAPI statements queued for the LRS (0 when sending is off)
    band: str = ""  # the score's band in words: 'Standard band 60-89: expectations met'
    breaches: list[str] = field(default_factory=list)
    ending_id: str = ""
    complete: bool = True
    value_kept: float = 0.0
    value_lost: float = 0.0
    currency: str = ""
    transcript: list[Line] = field(default_factory=list, repr=False)

    @property
    def compliance(self) -> str:
        return "passed" if self.compliance_passed else "failed"

    def to_json(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "transcript"}
        data["compliance"] = self.compliance
        return data


def parse_pick(text: str) -> str | list[int]:
    """A rule ('wow', 'standard', 'low', 'longest', 'shortest', 'first') or 1-based reply numbers
    '2,1,3', one per decision in order."""
    text = text.strip().lower()
    if text in PICKS:
        return text
    try:
        numbers = [int(part) for part in text.split(",")]
    except ValueError:
        raise PlayError(f"--pick {text!r}: use wow, standard, low, longest, shortest, first or reply numbers "
                        f"like 2,1,3") from None
    if any(n < 1 for n in numbers):
        raise PlayError(f"--pick {text!r}: reply numbers start at 1")
    return numbers


def choose(offered: list[Reply], pick: str | list[int], decision: int, node: str) -> Reply:
    """The reply ``pick`` takes at decision ``decision`` (0-based) among ``offered``.

    A level takes the first reply of that level, else of the nearest lower level, else the first
    reply; 'longest' and 'shortest' go by the characters said (the first among equals)."""
    if isinstance(pick, list):
        if decision >= len(pick):
            raise PlayError(f"--pick gives {len(pick)} reply number(s) but the conversation needs a reply at "
                            f"decision {decision + 1} (node '{node}')")
        n = pick[decision]
        if n > len(offered):
            raise PlayError(f"--pick: decision {decision + 1} (node '{node}') offers {len(offered)} replies, not {n}")
        return offered[n - 1]
    if pick == "first":
        return offered[0]
    if pick == "longest":
        return max(offered, key=lambda r: len(r.say))  # max keeps the first of equals
    if pick == "shortest":
        return min(offered, key=lambda r: len(r.say))
    wanted = Level(pick).rank
    for rank in range(wanted, -1, -1):
        match = next((r for r in offered if r.level.rank == rank), None)
        if match is not None:
            return match
    return offered[0]


def play(scenario: Scenario, pick: str | list[int], trainee: str | None, data_dir: str | os.PathLike | None = None,
         mode: str = "practice") -> HeadlessResult:
    """Play ``scenario`` to its end; with a ``trainee`` (created when new) every step is saved in
    ``data_dir`` as the app saves it, without one nothing is written."""
    if not trainee:
        return _walk(scenario, pick, None, None, "", "")
    from .progress import ProgressStore
    from .xapi import config as xconfig
    from .xapi.outbox import Outbox, attach

    with ProgressStore(data_dir) as store:
        recorder = attach(store, xconfig.load(data_dir))
        person = store.trainee_by_name(trainee) or store.add_trainee(trainee)
        attempt_id = store.start_attempt(person.id, scenario, mode)
        played = _walk(scenario, pick, store, attempt_id, person.id, attempt_id)
        if recorder is not None:
            with Outbox.of(store) as outbox:
                played.queued = len(outbox.statements(attempt_id))
    return played


def _walk(scenario: Scenario, pick, store, attempt_id, trainee_id: str, shown_id: str) -> HeadlessResult:
    session = PlaySession(scenario)
    steps = []
    while not session.ended:
        offered = session.available_replies()
        if not offered:
            break
        if len(steps) >= MAX_DECISIONS:
            raise PlayError(f"--pick {pick!r} still had no ending after {MAX_DECISIONS} decisions: it goes round "
                            f"a loop; give reply numbers instead")
        step = session.choose(choose(offered, pick, len(steps), session.node.id))
        if store is not None:
            store.record_step(attempt_id, step)
        reply_id = step.reply.id or step.reply.key
        steps.append({"node": step.node, "reply": reply_id, "id": reply_id, "level": step.level.value,
                      "said": step.reply.say, "mood": step.mood_after})
    result = session.result()
    if store is not None:
        store.finish_attempt(attempt_id, result)
    return HeadlessResult(
        shown_id, trainee_id, scenario.id, result.level.value, int(result.score), bool(result.compliance_passed),
        steps, band=band_words(result.score), breaches=list(result.breaches),
        ending_id=result.ending_id, complete=result.complete, value_kept=round(result.value.kept, 2),
        value_lost=round(result.value.lost, 2), currency=result.value.currency, transcript=session.transcript())
