"""The map's edges name the reply they stand for, so a played path is found by identity, not by a label."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.analysis import analyze
from simulator.core.graph_layout import layout_scenario
from simulator.core.loader import ScenarioLoader
from simulator.core.playthrough import canonical_playthroughs

BUNDLED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED[:3], ids=lambda p: p.stem)
def test_each_edge_carries_its_reply_and_each_played_step_finds_its_edge(path):
    scenario = ScenarioLoader().load(path).scenario
    analysis = analyze(scenario)
    smap = layout_scenario(scenario, analysis)
    for edge in smap.edges:
        if edge.timeout:
            assert edge.reply is None and edge.hop[2] is None
        else:
            reply = next(r for r in scenario.nodes[edge.source].replies if r.key == edge.reply)
            assert reply.level is edge.level
    hops = {edge.hop for edge in smap.edges}
    for play in canonical_playthroughs(scenario, analysis).values():
        steps = play.result.steps
        assert steps
        session_nodes = [s.node for s in steps]
        for step, target in zip(steps, session_nodes[1:] + [play.path.ending]):
            key = None if step.timed_out else next(r.key for r in scenario.nodes[step.node].replies
                                                   if r.say == step.said)
            assert (step.node, target, key) in hops
