"""PlaySession: one play-through of a scenario, step by step, saveable as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .levels import Emotion, Level, clamp_mood, emotion_for_mood
from .model import Ending, Node, Reply, Scenario
from .scoring import PathResult, path_result

SESSION_FORMAT = 1


class PlayError(ValueError):
    """A move the session cannot make (a reply not on offer, playing after the end)."""


@dataclass(frozen=True)
class Choice:
    """What the trainee did at one decision: enough to replay it on a changed file."""

    node: str
    reply: str | None  # the reply's key; None when the time ran out
    say: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"node": self.node, "reply": self.reply, "say": self.say, "seconds": self.seconds}

    @classmethod
    def from_json(cls, data: dict) -> "Choice":
        return cls(str(data["node"]), None if data.get("reply") is None else str(data["reply"]),
                   str(data.get("say", "")), float(data.get("seconds", 0.0)))


@dataclass(frozen=True)
class Step:
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
        if self.reply is None:
            return Choice(self.node, None, "", self.seconds)
        return Choice(self.node, self.reply.key, self.reply.say, self.seconds)


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
    reason: str = ""

    @property
    def complete(self) -> bool:
        return self.applied == self.requested


class PlaySession:
    """Plays a scenario; all rules of play live here, the app only presents them."""

    def __init__(self, scenario: Scenario, start: str | None = None, mood: int | None = None,
                 flags: Iterable[str] = ()) -> None:
        self.scenario = scenario
        self.start_node = start or scenario.start
        if self.start_node not in scenario.nodes:
            raise PlayError(f"there is no node '{self.start_node}'")
        self.start_mood = clamp_mood(scenario.customer.mood if mood is None else mood)
        self.start_flags = frozenset(flags)
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
        mood = clamp_mood(self._mood + timeout.mood)
        return self._advance(None, Level.LOW, offered, mood, self._flags, timeout.route.resolve(mood, self._flags),
                             timeout.feedback, "", float(timeout.seconds if seconds is None else seconds))

    def undo(self) -> bool:
        """Step back one decision (Practice mode). False when there is nothing to undo."""
        if not self.steps:
            return False
        choices = self.choices[:-1]
        self._reset()
        for choice in choices:
            self._apply(choice)
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

    def _apply(self, choice: Choice) -> str:
        """Replay one saved choice; returns '' or the reason it cannot be replayed."""
        if self.ended:
            return f"the conversation now ends at '{self._node_id}' before this choice"
        if choice.node != self._node_id:
            return f"the conversation now reaches '{self._node_id}' where it used to reach '{choice.node}'"
        if choice.reply is None:
            if self.node.timeout is None:
                return f"node '{self._node_id}' no longer has a time limit"
            self.time_out(choice.seconds)
            return ""
        offered = self.available_replies()
        match = next((r for r in offered if r.key == choice.reply), None)
        if match is not None and choice.say and match.say != choice.say:
            match = next((r for r in offered if r.say == choice.say), match)
        if match is None and choice.say:
            match = next((r for r in offered if r.say == choice.say), None)
        if match is None:
            return f"the reply \"{_short(choice.say or choice.reply)}\" is no longer offered at '{self._node_id}'"
        self.choose(match, choice.seconds)
        return ""

    # -- replay and persistence ----------------------------------------------------------

    def replay(self, choices: Iterable[Choice]) -> ReplayReport:
        choices = list(choices)
        for i, choice in enumerate(choices):
            reason = self._apply(choice)
            if reason:
                return ReplayReport(self, i, len(choices), reason)
        return ReplayReport(self, len(choices), len(choices))

    def to_json(self) -> dict:
        return {
            "session_format": SESSION_FORMAT,
            "scenario": self.scenario.id,
            "digest": self.scenario.digest,
            "start": self.start_node,
            "mood": self.start_mood,
            "flags": sorted(self.start_flags),
            "choices": [c.to_json() for c in self.choices],
        }

    @classmethod
    def from_json(cls, scenario: Scenario, data: dict) -> ReplayReport:
        """Rebuild a session on ``scenario`` (perhaps a changed version) by replaying its choices."""
        start = data.get("start") if data.get("start") in scenario.nodes else None
        session = cls(scenario, start, data.get("mood"), data.get("flags", ()))
        return session.replay(Choice.from_json(c) for c in data.get("choices", []))

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
        return path_result(self.scenario.customer, self.start_mood, self.steps, node.id, node.ending,
                           node.customer if node.is_ending else "", self.ended)


def _node_lines(node: Node, lines: list[Line]) -> None:
    if node.narration:
        lines.append(Line("narration", node.narration.strip()))
    if node.customer:
        lines.append(Line("customer", node.customer.strip()))


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
