"""Exact analysis of a scenario by dynamic programming over its state graph.

A state is (node, mood, flags), but only the parts of mood and flags that some condition
further down can still test: a scenario without conditions has one state per node. Every
figure (path count, best and worst score, reachable levels and endings, the canonical
Low/Standard/WOW playthroughs) comes from a pass over that acyclic graph in topological
order, never from listing paths.

The work has a limit, so that a hostile file cannot hang the tools: moods and flags can
multiply the states (n flags that are all tested at the end give 2**n), and exploring more
than ``MAX_STATES`` states or ``MAX_MOVES`` moves beyond one per node and reply (or tracking
more flags than ``MAX_TRACKED`` and ``MAX_FLAGS`` allow) stops the analysis with E029 instead. At the
limit the analysis still takes well under a second, so the live preview stays responsive.
Below it, every figure is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from . import diagnostics as dx
from .batch import collector_paused
from .checks import find_cycle, successor_map
from .diagnostics import Diagnostic
from .records import Choice
from .levels import Level, clamp_mood
from .conditions import Condition
from .model import Node, Reply, Route, Scenario
from .scoring import POINTS, LifetimeValue, level_of, score_of

# Beyond what the file itself holds (one state per node, one move per reply or timeout, one flag
# per node), which the parser has already paid for: the limits bound what moods and flags multiply.
MAX_STATES = 20_000  # states explored (a node, with the mood and flags later conditions can still test)
MAX_MOVES = 60_000  # moves from one state to the next (each reply or timeout on offer)
MAX_TRACKED = 200_000  # flags that matter, summed over the nodes reached
MAX_FLAGS = 1_000  # different flags that replies set and conditions test
_NONE = -(10**18)  # "no such path" in the maximisations
# Canonical paths: as few replies at other levels as possible, then as many at the wanted level.
_MATCH, _MISMATCH = 1, -1000


@dataclass(frozen=True)
class CanonicalPath:
    """The playthrough that shows one level best: the fewest replies at other levels, then the most at this one."""

    level: Level
    choices: tuple[Choice, ...]
    ending: str
    score: int

    def to_json(self) -> dict:
        return {"level": self.level.value, "ending": self.ending, "score": self.score,
                "choices": [c.to_json() for c in self.choices]}


@dataclass
class Analysis:
    path_count: int = 0
    best_score: int = 0
    worst_score: int = 0
    max_decisions: int = 0
    min_decisions: int = 0
    reachable_levels: list[Level] = field(default_factory=list)
    reachable_nodes: set[str] = field(default_factory=set)
    reachable_endings: list[str] = field(default_factory=list)
    canonical: dict[Level, CanonicalPath] = field(default_factory=dict)
    state_count: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def paths_text(self) -> str:
        """The path count for people: exact up to 18 digits, then 'about 10^N' (it can have thousands
        of digits, more than Python turns into text by default)."""
        if self.path_count < 10 ** 18:
            return f"{self.path_count:,}"
        digits = int(self.path_count.bit_length() * 0.30102999566398120)  # log10(2): no conversion to text
        if self.path_count >= 10 ** (digits + 1):
            digits += 1
        elif self.path_count < 10 ** digits:
            digits -= 1
        return f"about 10^{digits}"

    def to_json(self) -> dict:
        """``path_count`` is null when it is too long for JSON readers; ``paths`` always says it."""
        return {
            "reachable_levels": [lv.value for lv in self.reachable_levels],
            "best_score": self.best_score,
            "worst_score": self.worst_score,
            "path_count": self.path_count if self.path_count < 10 ** 300 else None,
            "paths": self.paths_text(),
            "max_decisions": self.max_decisions,
            "min_decisions": self.min_decisions,
            "reachable_endings": self.reachable_endings,
            "canonical_paths": {lv.value: p.to_json() for lv, p in self.canonical.items()},
            "state_count": self.state_count,
        }


class _Graph:
    """The reachable state graph while it is explored: per state, its node, mood, flags and moves.

    Move: (target, its reply's _Move)."""

    def __init__(self) -> None:
        self.node: list[str] = []
        self.mood: list[int | None] = []
        self.flags: list[frozenset[str]] = []
        self.edges: list[list[tuple[int, _Move]]] = []
        self.index: dict[tuple, int] = {}

    def add(self, node: str, mood: int | None, flags: frozenset[str]) -> tuple[int, bool]:
        key = (node, mood, flags)
        found = self.index.get(key)
        if found is not None:
            return found, False
        self.index[key] = len(self.node)
        self.node.append(node)
        self.mood.append(mood)
        self.flags.append(flags)
        self.edges.append([])
        return len(self.node) - 1, True


class _Flat:
    """The explored graph in topological order, with its moves in flat arrays.

    State 0 is the start and every move goes to a higher state, so each pass is one loop from the
    last state down; the moves of state s are ``off[s]`` to ``off[s + 1]`` in the per-move lists.
    Flat, ordered arrays keep the passes linear in practice: nested lists visited in exploration
    order spend most of their time waiting for memory on large scenarios.
    """

    def __init__(self, graph: _Graph, rank: dict[str, int]) -> None:
        order = sorted(range(len(graph.node)), key=lambda s: rank[graph.node[s]])  # the start comes first
        new = [0] * len(order)
        for i, s in enumerate(order):
            new[s] = i
        self.n = len(order)
        self.node = [graph.node[s] for s in order]
        self.mood = [graph.mood[s] for s in order]
        self.flags = [graph.flags[s] for s in order]
        edges = [e for s in order for e in graph.edges[s]]
        self.off = [0] * (self.n + 1)
        for i, s in enumerate(order):
            self.off[i + 1] = self.off[i] + len(graph.edges[s])
        self.tgt = [new[t] for t, _move in edges]
        moves = [move for _t, move in edges]
        self.pts = [m.points for m in moves]
        self.brk = [m.breach for m in moves]
        self.moves = moves
        self.lvl = [m.level for m in moves]
        self.wts = [m.weight for m in moves]
        self.cost = [m.cost for m in moves]

    def is_end(self, s: int) -> bool:
        return self.off[s] == self.off[s + 1]


def node_order(scenario: Scenario, succ: dict[str, list[str]] | None = None) -> list[str]:
    """Node ids in topological order (every route goes forward). The graph must be acyclic."""
    indegree = {n: 0 for n in scenario.nodes}
    succ = succ if succ is not None else successor_map(scenario)
    for targets in succ.values():
        for t in targets:
            indegree[t] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    order = []
    while ready:
        n = ready.pop()
        order.append(n)
        for t in succ[n]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    return order


def analyze(scenario: Scenario) -> Analysis:
    with collector_paused():
        return _analyze(scenario)


def _analyze(scenario: Scenario) -> Analysis:
    succ = successor_map(scenario)
    if scenario.start not in scenario.nodes or find_cycle(scenario, succ):
        raise ValueError("analysis needs a scenario without errors (a known start, no cycles)")
    order = node_order(scenario, succ)
    try:
        explored = _explore(scenario, order, succ)
    except _TooLarge as exc:
        return Analysis(state_count=len(exc.graph.node), diagnostics=[_limit_diagnostic(scenario, exc)])
    graph = _Flat(explored, {n: i for i, n in enumerate(order)})
    result = Analysis(state_count=graph.n)
    result.reachable_nodes = set(graph.node)
    result.reachable_endings = [n for n in order if n in result.reachable_nodes and scenario.nodes[n].is_ending]
    _count_paths(graph, result)
    _scores(graph, result)
    _levels(scenario, graph, result)
    result.diagnostics = _diagnostics(scenario, graph, result, succ) + _breach_pays(scenario, graph)
    return result


def _breach_pays(scenario: Scenario, graph: _Flat) -> list[Diagnostic]:
    """W111 when some path with a breach keeps more of the customer's value (likelihood to return
    times profit, less ``breach_cost``) than every path by the book, exactly.

    Per state: ``any_`` the most any path from it keeps, ``book`` the most a path without a breach
    keeps, ``broken`` the most a path with at least one breach keeps (with the move it starts by).
    """
    off, tgt, brk, cost = graph.off, graph.tgt, graph.brk, graph.cost
    if not any(brk):
        return []
    profit = LifetimeValue.of(scenario.customer, 100).profit
    n = graph.n
    any_, book, broken = [float(_NONE)] * n, [float(_NONE)] * n, [float(_NONE)] * n
    pick = [-1] * n
    for s in range(n - 1, -1, -1):
        lo, hi = off[s], off[s + 1]
        if lo == hi:
            ending = scenario.nodes[graph.node[s]].ending
            any_[s] = book[s] = profit * (ending.returns if ending else 0) / 100
            continue
        for k in range(lo, hi):
            t = tgt[k]
            kept = any_[t] - cost[k]
            if kept > any_[s]:
                any_[s] = kept
            if brk[k]:
                value = kept
            else:
                value = broken[t]
                if book[t] > book[s]:
                    book[s] = book[t]
            if value > broken[s]:
                broken[s], pick[s] = value, k
    if broken[0] <= _NONE / 2 or book[0] <= _NONE / 2 or broken[0] <= book[0]:
        return []
    k = pick[0]
    while not brk[k]:  # follow the best breach path to its first breach
        k = pick[tgt[k]]
    move = graph.moves[k]
    node = scenario.nodes[move.node]
    pos = move.reply.pos if move.reply is not None else node.pos
    money = f"{scenario.customer.currency + ' ' if scenario.customer.currency else ''}"
    return [Diagnostic(dx.BREACH_PAYS, f"a path that breaks the rule at node '{node.id}' keeps {money}"
                                       f"{broken[0]:,.0f} of the customer's value, more than any path by the book "
                                       f"({money}{book[0]:,.0f}); the debrief shows it keeping no more than that",
                       scenario.path, pos.line, pos.column,
                       "state what the breach costs the business with 'breach_cost:' (a fine, a fraud loss), or "
                       "give its ending a lower 'returns'")]


def _terminal_level(scenario: Scenario, graph: _Flat, s: int) -> Level:
    ending = scenario.nodes[graph.node[s]].ending
    return ending.level if ending else Level.LOW  # a loose end or a stuck state counts as Low


def _relevance(scenario: Scenario, order: list[str], succ: dict[str, list[str]]) -> tuple[dict[str, bool], _Flags]:
    """For each node: can a condition at or after it test the mood, and which flags matter there.

    A flag matters at a node when a condition at or after it tests the flag and a reply before it
    (or the move into it) can set it: dropping any other flag from a state changes no outcome.
    The sets are bit masks over the tested flags, so this pass stays linear in the nodes.
    """
    nodes = scenario.nodes
    ever_set = {flag for node in nodes.values() for reply in node.replies for flag in reply.sets}
    bit: dict[str, int] = {}  # the flags that some reply sets and some condition tests
    own: dict[str, tuple[bool, int]] = {}
    for n in order:
        node = nodes[n]
        conds = [r.condition for r in node.replies if r.condition]
        routes = [r.route for r in node.replies] + ([node.timeout.route] if node.timeout else [])
        conds += [b.condition for route in routes for b in route.branches if b.condition]
        mask = 0
        for c in conds:
            for flag in c.flags:
                if flag in ever_set:
                    mask |= 1 << bit.setdefault(flag, len(bit))
        own[n] = (any(c.uses_mood for c in conds), mask)
    if len(bit) > MAX_FLAGS:
        raise _TooLarge(_Graph(), f"{len(bit):,} different flags are set and tested (at most {MAX_FLAGS:,})")
    mood: dict[str, bool] = {}
    tested: dict[str, int] = {}
    for n in reversed(order):
        uses_mood, mask = own[n]
        for t in succ[n]:
            uses_mood = uses_mood or mood[t]
            mask |= tested[t]
        mood[n], tested[n] = uses_mood, mask
    settable = dict.fromkeys(order, 0)
    for n in order:
        here = settable[n]
        for reply in nodes[n].replies:
            for flag in reply.sets:
                if flag in bit:
                    here |= 1 << bit[flag]
        for t in succ[n]:
            settable[t] |= here
    return mood, _Flags({n: tested[n] & settable[n] for n in order}, list(bit))


class _Flags:
    """The flags that matter at each node, as frozensets made when a node is first reached; the
    flags made count against MAX_TRACKED (a state's work grows with the flags it carries)."""

    def __init__(self, masks: dict[str, int], names: list[str]) -> None:
        self.masks = masks
        self.names = names
        self.sets: dict[str, frozenset[str]] = {}
        self.left = MAX_TRACKED + len(masks)

    def at(self, node: str, graph: "_Graph") -> frozenset[str]:
        found = self.sets.get(node)
        if found is None:
            mask, names = self.masks[node], []
            while mask:
                low = mask & -mask
                names.append(self.names[low.bit_length() - 1])
                mask ^= low
            self.left -= len(names)
            if self.left < 0:
                raise _TooLarge(graph, f"more than {MAX_TRACKED:,} flags to track, beyond one per node")
            found = self.sets[node] = frozenset(names)
        return found


class _TooLarge(Exception):
    """The analysis went past a limit (``why``); ``graph`` is what it had explored."""

    def __init__(self, graph: _Graph, why: str) -> None:
        super().__init__()
        self.graph = graph
        self.why = why


def _limit_diagnostic(scenario: Scenario, exc: _TooLarge) -> Diagnostic:
    """E029, at the node with the most states so far (where moods and flags multiply)."""
    counts: dict[str, int] = {}
    for node_id in exc.graph.node:
        counts[node_id] = counts.get(node_id, 0) + 1
    busiest = max(counts, key=counts.__getitem__) if counts else scenario.start
    node = scenario.nodes[busiest]
    where = f" (node '{busiest}' is reached in {counts[busiest]:,} different states)" if counts else ""
    return Diagnostic(dx.ANALYSIS_LIMIT, f"the scenario is too complex to check every path: {exc.why}{where}",
                      scenario.path, node.pos.line, node.pos.column,
                      "each flag that is still tested later doubles the states: test flags sooner after they are "
                      "set, use fewer flags, or split the scenario (see 'Limits' in docs/scenario-format.md)")


def _explore(scenario: Scenario, order: list[str], succ: dict[str, list[str]]) -> _Graph:
    mood_matters, flags_matter = _relevance(scenario, order, succ)
    graph = _Graph()
    nodes = scenario.nodes
    start = scenario.start
    start_mood = clamp_mood(scenario.customer.mood) if mood_matters[start] else None
    graph.add(start, start_mood, frozenset())
    todo = [0]
    moves_left = MAX_MOVES + sum(len(n.replies) + (n.timeout is not None) for n in nodes.values())
    states_max = MAX_STATES + len(nodes)
    offers: dict[str, list[_Move]] = {}  # per node, its moves as far as they do not depend on the state
    index, kept = graph.index, flags_matter.sets
    while todo:
        s = todo.pop()
        node_id = graph.node[s]
        node = nodes[node_id]
        if node.is_ending:
            continue
        mood, flags = graph.mood[s], graph.flags[s]
        offer = offers.get(node_id)
        if offer is None:
            offer = offers[node_id] = _offer(node)
        moves = [m for m in offer if m.condition is None or m.condition.holds(mood or 0, flags)]
        edges = graph.edges[s]
        moves_left -= len(moves)
        if moves_left < 0:
            raise _TooLarge(graph, f"more than {MAX_MOVES:,} moves to explore, beyond one per reply")
        for move in moves:
            new_mood = clamp_mood(mood + move.mood) if mood is not None else None
            new_flags = flags.union(move.sets) if move.sets else flags
            target = move.target or move.route.resolve(new_mood or 0, new_flags)
            keep = kept.get(target)
            if keep is None:
                keep = flags_matter.at(target, graph)
            projected = new_flags & keep if new_flags and not new_flags <= keep else new_flags
            key = (target, new_mood if mood_matters[target] else None, projected)
            t_id = index.get(key)
            if t_id is None:
                t_id, _new = graph.add(*key)
                if t_id >= states_max:
                    raise _TooLarge(graph, f"its moods and flags make more than {MAX_STATES:,} states to explore, "
                                           "beyond one per node")
                todo.append(t_id)
            edges.append((t_id, move))
    return graph


class _Move(NamedTuple):
    """A reply or timeout on offer at a decision, as far as it does not depend on the state."""

    condition: Condition | None
    mood: int
    sets: tuple[str, ...] | frozenset[str]
    route: Route
    target: str | None  # where it always leads, when its route has one way out
    level: Level
    points: int  # the level's POINTS times the decision's weight
    weight: int
    breach: bool
    cost: float  # what a breach costs the business
    node: str
    reply: Reply | None  # None: the time ran out
    seconds: float

    def choice(self) -> Choice:
        """Made only for the few moves a result names: a Choice per move would cost more than the search."""
        return Choice.of(self.node, self.reply, self.seconds)


def _offer(node: Node) -> list[_Move]:
    weight = node.weight

    def only(route: Route) -> str | None:
        return route.branches[0].target if len(route.branches) == 1 else None

    moves = [_Move(reply.condition, reply.mood, reply.sets, reply.route, only(reply.route), reply.level,
                   POINTS[reply.level] * weight, weight, bool(reply.breach),
                   reply.breach_cost if reply.breach else 0, node.id, reply, 0.0)
             for reply in node.replies]
    if node.timeout:
        t = node.timeout
        moves.append(_Move(None, t.mood, (), t.route, only(t.route), Level.LOW, 0, weight, False, 0, node.id, None,
                           float(t.seconds)))
    return moves


def _count_paths(graph: _Flat, result: Analysis) -> None:
    n, off, tgt = graph.n, graph.off, graph.tgt
    count = [1] * n
    longest = [0] * n
    shortest = [0] * n
    for s in range(n - 1, -1, -1):
        lo, hi = off[s], off[s + 1]
        if lo == hi:
            continue
        targets = tgt[lo:hi]
        count[s] = sum([count[t] for t in targets])
        longest[s] = 1 + max([longest[t] for t in targets])
        shortest[s] = 1 + min([shortest[t] for t in targets])
    result.path_count, result.max_decisions, result.min_decisions = count[0], longest[0], shortest[0]


def _scores(graph: _Flat, result: Analysis) -> None:
    top = POINTS[Level.WOW]
    best_points, best_weights = _max_average(graph, graph.pts)
    worst_points, worst_weights = _max_average(graph, [top * w - p for p, w in zip(graph.pts, graph.wts)])
    result.best_score = score_of(best_points, best_weights)
    result.worst_score = score_of(top * worst_weights - worst_points, worst_weights)


def _max_average(graph: _Flat, gains: list[int]) -> tuple[int, int]:
    """(sum of gains, sum of weights) of a path with the highest weighted average, exactly
    (Dinkelbach's method); ``gains[k]`` is what move k earns.

    For a trial average a/b, one backward pass finds the path maximising sum(b*gain - a*weight);
    if that sum is positive the path beats a/b and becomes the next trial, else a/b is the optimum.
    The pass keeps only each state's best sum; the path is found again by following, from the
    start, a move that achieves it.
    """
    n, off, tgt, wts = graph.n, graph.off, graph.tgt, graph.wts
    total, count, s = 0, 0, 0
    while off[s] < off[s + 1]:  # any path to start from: the first reply each time
        k = off[s]
        total += gains[k]
        count += wts[k]
        s = tgt[k]
    if count == 0:
        return 0, 0
    while True:
        a, b = total, count
        net = [b * g - a * w for g, w in zip(gains, wts)]
        gain = [0] * n
        for s in range(n - 1, -1, -1):
            lo, hi = off[s], off[s + 1]
            if lo < hi:
                gain[s] = max([net[k] + gain[tgt[k]] for k in range(lo, hi)])
        if gain[0] <= 0:
            return a, b
        total = count = s = 0
        while off[s] < off[s + 1]:
            k = off[s]
            while net[k] + gain[tgt[k]] != gain[s]:
                k += 1
            total += gains[k]
            count += wts[k]
            s = tgt[k]


def _levels(scenario: Scenario, graph: _Flat, result: Analysis) -> None:
    """Per level: is a path reaching it possible, and the canonical path that shows it.

    Per state and "breached yet?", the best of (matches - 1000 * mismatches) over the paths from
    it that end at that level; the path is found again from the start by following best moves.
    """
    n, off, tgt, brk, lvl = graph.n, graph.off, graph.tgt, graph.brk, graph.lvl
    ends = [s for s in range(n) if off[s] == off[s + 1]]
    end_level = {s: _terminal_level(scenario, graph, s) for s in ends}
    bits = (0, 1) if any(brk) else (0,)
    for wanted in Level:
        gain = [_MATCH if level is wanted else _MISMATCH for level in lvl]
        value = [[_NONE] * n, [_NONE] * n]  # [breached yet?][state]
        for s in ends:
            for breached in bits:
                if level_of(end_level[s], bool(breached)) is wanted:
                    value[breached][s] = 0
        for s in range(n - 1, -1, -1):
            lo, hi = off[s], off[s + 1]
            if lo == hi:
                continue
            for breached in bits:
                best = _NONE
                for k in range(lo, hi):
                    after = value[1 if (breached or brk[k]) else 0][tgt[k]]
                    if after != _NONE and after + gain[k] > best:
                        best = after + gain[k]
                value[breached][s] = best
        if value[0][0] == _NONE:
            continue
        result.reachable_levels.append(wanted)
        choices, s, breached, points, weights = [], 0, 0, 0, 0
        while off[s] < off[s + 1]:
            k = off[s]
            while True:  # the first move that achieves the best value, as the pass chose it
                after = value[1 if (breached or brk[k]) else 0][tgt[k]]
                if after != _NONE and after + gain[k] == value[breached][s]:
                    break
                k += 1
            choices.append(graph.moves[k].choice())
            points += graph.pts[k]
            weights += graph.wts[k]
            breached = 1 if (breached or brk[k]) else 0
            s = tgt[k]
        result.canonical[wanted] = CanonicalPath(wanted, tuple(choices), graph.node[s], score_of(points, weights))


def _diagnostics(scenario: Scenario, graph: _Flat, result: Analysis, succ: dict[str, list[str]]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    path = scenario.path
    static = _statically_reachable(scenario, succ)
    for node in scenario.nodes.values():
        if node.id in result.reachable_nodes:
            continue
        why = ("the conditions on the way here never hold" if node.id in static
               else "no reply or timeout leads here")
        if node.is_ending:
            out.append(Diagnostic(dx.UNREACHABLE_ENDING, f"no path reaches the ending '{node.id}': {why}", path,
                                  node.pos.line, node.pos.column,
                                  "route a reply to it, or remove it if it is no longer needed"))
        else:
            out.append(Diagnostic(dx.UNREACHABLE_NODE, f"no path reaches node '{node.id}': {why}", path,
                                  node.pos.line, node.pos.column,
                                  "route a reply to it, or remove it if it is no longer needed"))
    start = scenario.nodes[scenario.start]
    for level in Level:
        if level not in result.reachable_levels:
            out.append(Diagnostic(dx.LEVEL_UNREACHABLE, f"no path reaches a {level.label} outcome", path,
                                  start.pos.line, start.pos.column,
                                  f"add an ending with 'level: {level.value}' that a path can reach"
                                  + (" without a breach" if level is not Level.LOW else "")))
    stuck_seen: set[str] = set()
    for s, node_id in enumerate(graph.node):
        node = scenario.nodes[node_id]
        if not graph.is_end(s) or node.is_ending or node.is_loose_end or node_id in stuck_seen:
            continue
        stuck_seen.add(node_id)
        state = []
        if graph.mood[s] is not None:
            state.append(f"the mood is {graph.mood[s]}")
        if graph.flags[s]:
            state.append("the flags are " + ", ".join(sorted(graph.flags[s])))
        when = f" when {' and '.join(state)}" if state else ""
        out.append(Diagnostic(dx.STUCK, f"at node '{node_id}' no reply is available{when}", path,
                              node.pos.line, node.pos.column,
                              "add a reply without 'if', or make the replies' conditions cover every case"))
    return out


def _statically_reachable(scenario: Scenario, succ: dict[str, list[str]]) -> set[str]:
    seen = {scenario.start}
    todo = [scenario.start]
    while todo:
        for t in succ[todo.pop()]:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen
