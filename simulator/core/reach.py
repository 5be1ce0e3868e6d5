"""What can still be reached from a moment of play, for the debrief's two questions:

- which decision set the level (the first after which nothing better than the level reached
  was still possible), and
- how much of the customer's value the best path by the book keeps (a breach is never shown
  keeping more).

Exact: a memoised walk over the states (node, mood, flags) below a moment, without recursion,
with the same limit on the work as the analysis, so a hostile file cannot hang the debrief.
"""

from __future__ import annotations

from .levels import clamp_mood
from .model import Scenario

MAX_STATES = 200_000  # past this the questions go unanswered (None) rather than hold the app

State = tuple[str, int, frozenset]
_STUCK = (0, 0)  # a loose end or no reply on offer: counted as Low, and nobody comes back


class Reach:
    """Best ending level and best compliant likelihood to return, from any state of a scenario."""

    def __init__(self, scenario: Scenario, limit: int = MAX_STATES) -> None:
        self.scenario = scenario
        self.limit = limit
        self._best: dict[State, tuple[int, int | None]] = {}  # state: (level rank, compliant returns)

    def best_level_rank(self, state: State) -> int | None:
        """The rank of the best level any path from ``state`` ends at (a loose end is Low), or None past the limit."""
        found = self._solve(state)
        return None if found is None else found[0]

    def best_compliant_returns(self, state: State) -> int | None:
        """The highest ``returns`` of an ending reached from ``state`` without a breach (None: no such path,
        or past the limit)."""
        found = self._solve(state)
        return None if found is None else found[1]

    def _moves(self, state: State):
        node_id, mood, flags = state
        node = self.scenario.nodes[node_id]
        for reply in node.replies:
            if reply.condition is not None and not reply.condition.holds(mood, flags):
                continue
            after_mood, after_flags = clamp_mood(mood + reply.mood), flags | frozenset(reply.sets)
            yield (reply.route.resolve(after_mood, after_flags), after_mood, after_flags), bool(reply.breach)
        if node.timeout is not None:
            after_mood = clamp_mood(mood + node.timeout.mood)
            yield (node.timeout.route.resolve(after_mood, flags), after_mood, flags), False

    def _solve(self, start: State) -> tuple[int, int | None] | None:
        best = self._best
        if start in best:
            return best[start]
        stack: list[tuple[State, list | None]] = [(start, None)]
        while stack:
            state, moves = stack[-1]
            if state in best:
                stack.pop()
                continue
            node = self.scenario.nodes.get(state[0])
            if node is None or node.is_ending or not (node.replies or node.timeout):
                ending = node.ending if node is not None else None
                best[state] = (ending.level.rank, ending.returns) if ending else _STUCK
                stack.pop()
                continue
            if moves is None:
                moves = list(self._moves(state))
                if not moves:
                    best[state] = _STUCK
                    stack.pop()
                    continue
                stack[-1] = (state, moves)
                pending = [m for m, _ in moves if m not in best]
                if pending:
                    if len(best) + len(stack) + len(pending) > self.limit:
                        return None
                    stack.extend((m, None) for m in pending)
                    continue
            rank, returns = 0, None
            for move, breach in moves:
                child_rank, child_returns = best[move]
                rank = max(rank, child_rank)
                if not breach and child_returns is not None:
                    returns = child_returns if returns is None else max(returns, child_returns)
            best[state] = (rank, returns)
            stack.pop()
        return best[start]
