"""A layered layout of the scenario graph: start on the left, endings to the right.

Computed once, in plain Python, and shared by the app's map view and the SVG/DOT export.
Layers come from the longest route from a source, the order inside a layer from a few
barycentre sweeps (the usual way to keep crossings down); all of it is linear per sweep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import Analysis, node_order
from .checks import find_cycle
from .levels import Level
from .model import Scenario

NODE_WIDTH = 180.0
NODE_HEIGHT = 64.0
LAYER_GAP = 90.0
ROW_GAP = 28.0
SWEEPS = 4


@dataclass
class MapNode:
    id: str
    label: str  # the first words the customer says
    layer: int
    row: int
    x: float = 0.0
    y: float = 0.0
    ending_level: Level | None = None
    reachable: bool = True
    loose_end: bool = False
    is_start: bool = False

    @property
    def kind(self) -> str:
        if self.ending_level is not None:
            return "ending"
        return "loose end" if self.loose_end else "decision"


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    level: Level  # the reply's level; a timeout is Low
    label: str  # 'reply 2', 'timeout', with the condition when the route has one
    timeout: bool = False
    conditional: bool = False
    reply: str | None = None  # the reply's key (its id, else '#<position>'); None for the timeout

    @property
    def hop(self) -> tuple[str, str, str | None]:
        """(from node, to node, the reply's key or None for the timeout): how a played step names this edge."""
        return self.source, self.target, None if self.timeout else self.reply


@dataclass
class ScenarioMap:
    nodes: dict[str, MapNode]
    edges: list[MapEdge]
    width: float = 0.0
    height: float = 0.0
    node_width: float = NODE_WIDTH
    node_height: float = NODE_HEIGHT
    layers: list[list[str]] = field(default_factory=list)


def layout_scenario(scenario: Scenario, analysis: Analysis | None = None) -> ScenarioMap:
    if find_cycle(scenario):
        raise ValueError("a scenario with a cycle cannot be laid out in layers")
    edges = _edges(scenario)
    order = node_order(scenario)
    preds: dict[str, list[str]] = {n: [] for n in scenario.nodes}
    succs: dict[str, list[str]] = {n: [] for n in scenario.nodes}
    for e in edges:
        if e.target not in succs[e.source]:
            succs[e.source].append(e.target)
            preds[e.target].append(e.source)
    layer: dict[str, int] = {}
    for n in order:
        layer[n] = max((layer[p] + 1 for p in preds[n]), default=0)
    if scenario.start in layer and layer[scenario.start] != 0:  # the start always sits in the first column
        layer[scenario.start] = 0
    depth = max(layer.values(), default=0) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for n in order:
        layers[layer[n]].append(n)
    _reduce_crossings(layers, preds, succs)
    reachable = analysis.reachable_nodes if analysis else None
    nodes: dict[str, MapNode] = {}
    tallest = max((len(col) for col in layers), default=1)
    height = tallest * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    for li, column in enumerate(layers):
        offset = (height - (len(column) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP)) / 2
        for row, n in enumerate(column):
            node = scenario.nodes[n]
            nodes[n] = MapNode(
                id=n, label=_label(node.customer or node.narration), layer=li, row=row,
                x=li * (NODE_WIDTH + LAYER_GAP), y=offset + row * (NODE_HEIGHT + ROW_GAP),
                ending_level=node.ending.level if node.ending else None,
                reachable=reachable is None or n in reachable, loose_end=node.is_loose_end,
                is_start=n == scenario.start,
            )
    width = depth * (NODE_WIDTH + LAYER_GAP) - LAYER_GAP
    return ScenarioMap(nodes, edges, width, max(height, NODE_HEIGHT), layers=layers)


def _edges(scenario: Scenario) -> list[MapEdge]:
    edges = []
    for node in scenario.nodes.values():
        for reply in node.replies:
            conditional = len(reply.route.branches) > 1
            for branch in reply.route.branches:
                if branch.target in scenario.nodes:
                    label = f"reply {reply.index + 1}"
                    if branch.condition is not None:
                        label += f" if {branch.condition.text}"
                    elif conditional:
                        label += " else"
                    edges.append(MapEdge(node.id, branch.target, reply.level, label, False, conditional, reply.key))
        if node.timeout:
            for branch in node.timeout.route.branches:
                if branch.target in scenario.nodes:
                    edges.append(MapEdge(node.id, branch.target, Level.LOW, "timeout", True,
                                         len(node.timeout.route.branches) > 1))
    return edges


def _reduce_crossings(layers: list[list[str]], preds: dict, succs: dict) -> None:
    position = {n: i for column in layers for i, n in enumerate(column)}
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        indices = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        for li in indices:
            column = layers[li]
            neighbours = preds if downward else succs

            def barycentre(n: str) -> float:
                linked = neighbours[n]
                if not linked:
                    return float(position[n])
                return sum(position[m] for m in linked) / len(linked)

            column.sort(key=barycentre)
            for i, n in enumerate(column):
                position[n] = i


def _label(text: str, limit: int = 48) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
