"""PlaySession: one play-through of a scenario, step by step, saveable as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

from .levels import Emotion, Level, clamp_mood, emotion_for_mood
from .model import Ending, Node, Reply, Scenario
from .reach import Reach
from .records import FLAG_NAME, Choice, PlayError, Step, seconds_value
from .replay import SESSION_FORMAT, ReplayStop, Stop, identify, parse_session
from .scoring import PathResult, path_result

__all__ = ["SESSION_FORMAT", "Choice", "Line", "PlayError", "PlaySession", "ReplayReport", "ReplayStop", "Step",
           "Stop"]


@dataclass(frozen=True)
class Line:
    """One line of the transcript."""

    speaker: str  # 'customer', 'employee' or 'narration'
    text: str
    level: Level | None = None  # for employee lines


@dataclass
class ReplayReport:
    """How far a list of choices replayed, and why it stopped if it did not finish."""

    session: "PlaySession"
    applied: int
    requested: int
    stop: ReplayStop | None = None  # why it stopped before choice ``applied`` (0-based), if it did

    @property
    def complete(self) -> bool:
        return self.applied == self.requested

    @property
    def reason(self) -> str:
        """Why the replay stopped, as a clause ('' when it did not)."""
        return self.stop.reason if self.stop else ""

    @property
    def message(self) -> str:
        """Why the replay stopped, as a sentence for the trainee ('' when it did not)."""
        return self.stop.message if self.stop else ""


class PlaySession:
    """Plays a scenario; all rules of play live here, the app only presents them."""

    def __init__(self, scenario: Scenario, start: str | None = None, mood: int | None = None,
                 flags: Iterable[str] = ()) -> None:
        self.scenario = scenario
        self.start_node = start or scenario.start
        if self.start_node not in scenario.nodes:
            raise PlayError(f"there is no node '{self.start_node}'")
        if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int)):
            raise PlayError(f"a mood is a whole number, not {mood!r}")
        self.start_mood = clamp_mood(scenario.customer.mood if mood is None else mood)
        self.start_flags = frozenset(flags)
        odd = next((f for f in self.start_flags if not (isinstance(f, str) and FLAG_NAME.match(f))), None)
        if odd is not None:
            raise PlayError(f"a flag is a name (letters, digits, '_' and '-'), not {odd!r}")
        self._node_id = self.start_node
        self._mood = self.start_mood
        self._flags = self.start_flags
        self.steps: list[Step] = []

    # -- state ---------------------------------------------------------------------------

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self._node_id]

    @property
    def mood(self) -> int:
        return self._mood

    @property
    def flags(self) -> frozenset[str]:
        return self._flags

    @property
    def emotion(self) -> Emotion:
        return self.node.emotion or emotion_for_mood(self._mood)

    @property
    def ended(self) -> bool:
        node = self.node
        return node.is_ending or node.is_loose_end or not self.available_replies() and node.timeout is None

    @property
    def ending(self) -> Ending | None:
        return self.node.ending

    @property
    def choices(self) -> list[Choice]:
        return [s.choice for s in self.steps]

    def available_replies(self) -> list[Reply]:
        if self.node.is_ending:
            return []
        return [r for r in self.node.replies if r.condition is None or r.condition.holds(self._mood, self._flags)]

    # -- moves ---------------------------------------------------------------------------

    def choose(self, reply: Reply | int | str, seconds: float = 0.0) -> Step:
        """Take a reply: a Reply, its 0-based position among the available ones, or its key."""
        offered = tuple(self.available_replies())
        if self.ended:
            raise PlayError("the conversation has ended")
        chosen = self._find(reply, offered)
        seconds = seconds_value(seconds, "the reply")
        mood = clamp_mood(self._mood + chosen.mood)
        flags = self._flags | frozenset(chosen.sets)
        return self._advance(chosen, chosen.level, offered, mood, flags, chosen.route.resolve(mood, flags),
                             chosen.feedback, chosen.breach, seconds)

    def time_out(self, seconds: float | None = None) -> Step:
        """The time limit ran out without a reply: the node's timeout route, counted as a Low reply."""
        timeout = self.node.timeout
        if timeout is None or self.node.is_ending:
            raise PlayError(f"node '{self._node_id}' has no time limit")
        offered = tuple(self.available_replies())
        seconds = seconds_value(timeout.seconds if seconds is None else seconds, "the time-out")
        mood = clamp_mood(self._mood + timeout.mood)
        return self._advance(None, Level.LOW, offered, mood, self._flags, timeout.route.resolve(mood, self._flags),
                             timeout.feedback, "", seconds)

    def undo(self) -> bool:
        """Step back one decision (Practice mode). False when there is nothing to undo."""
        if not self.steps:
            return False
        kept = self.steps[:-1]
        self._reset()
        for step in kept:  # the same file: the very replies, not a search for them
            if step.reply is None:
                self.time_out(step.seconds)
            else:
                self.choose(step.reply, step.seconds)
        return True

    def restart(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._node_id, self._mood, self._flags = self.start_node, self.start_mood, self.start_flags
        self.steps = []

    def _find(self, reply: Reply | int | str, offered: tuple[Reply, ...]) -> Reply:
        if isinstance(reply, Reply):
            if reply in offered:
                return reply
        elif isinstance(reply, int):
            if 0 <= reply < len(offered):
                return offered[reply]
        else:
            for r in offered:
                if r.key == reply:
                    return r
        raise PlayError(f"that reply is not on offer at node '{self._node_id}'")

    def _advance(self, reply, level, offered, mood, flags, target, feedback, breach, seconds) -> Step:
        step = Step(self._node_id, self.node.customer, reply, level, offered, self._mood, mood, flags,
                    feedback, breach, seconds)
        self.steps.append(step)
        self._node_id, self._mood, self._flags = target, mood, flags
        return step

    def _apply(self, choice: Choice) -> ReplayStop | None:
        """Replay one saved choice by the reply's identity; None, or why it cannot be replayed."""
        here = self._node_id
        if self.ended:
            return ReplayStop(Stop.ENDED, here, choice.node)
        if choice.node != here:
            return ReplayStop(Stop.DIVERGED, here, choice.node)
        if choice.reply is None:
            if self.node.timeout is None:
                return ReplayStop(Stop.NO_TIME_LIMIT, here, choice.node)
            self.time_out(choice.seconds)
            return None
        reply, why = identify(choice, self.node.replies)
        if reply is None:
            return ReplayStop(why or Stop.REMOVED, here, choice.node)
        if reply not in self.available_replies():
            return ReplayStop(Stop.NOT_OFFERED, here, choice.node)
        self.choose(reply, choice.seconds)
        return None

    # -- replay and persistence ----------------------------------------------------------

    def replay(self, choices: Iterable[Choice]) -> ReplayReport:
        """Apply saved choices in order, finding each reply by its identity (see ``replay.identify``).

        It stops before the first choice whose reply is gone, changed or no longer offered, or
        whose node the conversation no longer reaches: nothing is ever replayed with another reply."""
        choices = list(choices)
        for i, choice in enumerate(choices):
            stop = self._apply(choice)
            if stop is not None:
                return ReplayReport(self, i, len(choices), stop)
        return ReplayReport(self, len(choices), len(choices))

    def to_json(self) -> dict:
        """The session as standard JSON data (no NaN or infinity), for ``from_json``."""
        data = {
            "session_format": SESSION_FORMAT,
            "scenario": self.scenario.id,
            "digest": self.scenario.digest,
            "start": self.start_node,
            "mood": self.start_mood,
            "flags": sorted(self.start_flags),
            "choices": [c.to_json() for c in self.choices],
        }
        try:
            json.dumps(data, allow_nan=False)
        except ValueError as exc:  # pragma: no cover - choose() and time_out() refuse such numbers
            raise PlayError(f"the session cannot be saved: {exc}") from exc
        return data

    @classmethod
    def from_json(cls, scenario: Scenario, data: object) -> ReplayReport:
        """Rebuild a session on ``scenario`` (perhaps a changed version) by replaying its choices.

        The data is checked first: damaged or tampered data is a ``PlayError`` naming the problem.
        Saved on this very file (same digest), every choice must replay; on a changed file the
        replay stops where the author's edit makes a saved reply unsafe to repeat."""
        saved = parse_session(scenario, data)
        session = cls(scenario, saved.start, saved.mood, saved.flags)
        report = session.replay(saved.choices)
        if saved.same_file and not report.complete:
            raise PlayError(f"choice {report.applied + 1} of the saved session does not fit the scenario it was "
                            f"saved on: {report.reason}")
        return report

    # -- presentation helpers ------------------------------------------------------------

    def transcript(self) -> list[Line]:
        lines: list[Line] = []
        nodes = self.scenario.nodes
        for step in self.steps:
            _node_lines(nodes[step.node], lines)
            if step.reply is None:
                lines.append(Line("narration", "(No answer: the time ran out.)", Level.LOW))
            else:
                lines.append(Line("employee", step.reply.say, step.level))
        _node_lines(self.node, lines)
        return lines

    def result(self) -> PathResult:
        node = self.node
        nodes = self.scenario.nodes
        breached = any(s.breach for s in self.steps)
        reach = Reach(self.scenario)
        compliant = reach.best_compliant_returns(self._state_before(0)) if breached and self.steps else None
        return path_result(self.scenario.customer, self.start_mood, self.steps, node.id, node.ending,
                           node.customer if node.is_ending else "", self.ended,
                           weights={s.node: nodes[s.node].weight for s in self.steps},
                           compliant_returns=compliant,
                           deciding=None if breached or not self.ended else self._deciding(reach, node))

    def _state_before(self, index: int) -> tuple[str, int, frozenset]:
        """(node, mood, flags) when decision ``index`` (0-based) was taken."""
        if index == 0:
            return (self.start_node, self.start_mood, self.start_flags)
        before = self.steps[index - 1]
        return (self.steps[index].node, before.mood_after, before.flags_after)

    def _deciding(self, reach: Reach, end: Node) -> int | None:
        """The first decision after which no ending better than the one reached was within reach."""
        reached = end.ending.level.rank if end.ending else 0  # a loose end counts as Low
        for i in range(len(self.steps)):
            after = (self.steps[i + 1].node if i + 1 < len(self.steps) else end.id,
                     self.steps[i].mood_after, self.steps[i].flags_after)
            before_rank, after_rank = reach.best_level_rank(self._state_before(i)), reach.best_level_rank(after)
            if before_rank is None or after_rank is None:
                return None
            if after_rank <= reached < before_rank:
                return i + 1
        return None


def _node_lines(node: Node, lines: list[Line]) -> None:
    if node.narration:
        lines.append(Line("narration", node.narration.strip()))
    if node.customer:
        lines.append(Line("customer", node.customer.strip()))
