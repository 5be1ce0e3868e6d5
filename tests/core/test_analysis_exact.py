"""The analysis (dynamic programming) agrees with brute-force enumeration of every path."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.analysis import analyze
from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader

LEVELS = ["low", "standard", "wow"]
CONDITIONS = ["mood < 40", "mood >= 60", "f", "not f", "g and mood > 30", "f or g"]


@st.composite
def scenarios(draw):
    n_decisions = draw(st.integers(1, 6))
    n_endings = draw(st.integers(1, 3))
    ids = [f"n{i}" for i in range(n_decisions)] + [f"e{i}" for i in range(n_endings)]
    nodes = {}
    for i in range(n_decisions):
        later = ids[i + 1:]

        def route():
            if draw(st.booleans()):
                return draw(st.sampled_from(later))
            return [{"if": draw(st.sampled_from(CONDITIONS)), "then": draw(st.sampled_from(later))},
                    {"else": draw(st.sampled_from(later))}]

        replies = []
        for _ in range(draw(st.integers(1, 3))):
            reply = {"say": f"r{len(replies)}", "level": draw(st.sampled_from(LEVELS)),
                     "mood": draw(st.sampled_from([-30, -10, 0, 10, 30])), "feedback": "x", "goto": route()}
            if draw(st.integers(0, 3)) == 0:
                reply["sets"] = [draw(st.sampled_from(["f", "g"]))]
            if draw(st.integers(0, 4)) == 0:
                reply["if"] = draw(st.sampled_from(CONDITIONS))
            if reply["level"] == "low" and draw(st.integers(0, 4)) == 0:
                reply["breach"] = "rule"
                if draw(st.booleans()):
                    reply["breach_cost"] = draw(st.sampled_from([500, 3000]))
            replies.append(reply)
        node = {"customer": f"c{i}", "replies": replies}
        if draw(st.integers(0, 2)) == 0:
            node["weight"] = draw(st.integers(2, 4))
        if draw(st.integers(0, 3)) == 0:
            node["timeout"] = {"seconds": 5, "mood": -10, "goto": route()}
        nodes[ids[i]] = node
    for j in range(n_endings):
        nodes[f"e{j}"] = {"customer": "bye", "ending": {"level": draw(st.sampled_from(LEVELS)),
                                                         "returns": draw(st.sampled_from([10, 50, 90]))}}
    doc = {"format": 1, "id": "gen", "title": "Generated", "start": "n0",
           "customer": {"name": "A", "organization": "O", "wants": "w", "expects": "e",
                        "mood": draw(st.sampled_from([20, 50, 70])), "yearly_value": 1000},
           "skills": [], "nodes": nodes}
    doc["nodes"] = nodes
    return yaml.safe_dump(doc, sort_keys=False)


def brute_force(scenario):
    """Every complete path, by playing every choice through the engine."""
    results = []

    def walk(session):
        if session.ended:
            results.append((session.result(), session.node.id, len(session.steps)))
            return
        moves = list(range(len(session.available_replies())))
        for i in moves:
            session.choose(i)
            walk(session)
            session.undo()
        if session.node.timeout is not None:
            session.time_out()
            walk(session)
            session.undo()

    walk(PlaySession(scenario))
    return results


def weight(result, wanted: Level) -> int:
    return sum(1 if s.level is wanted else -1000 for s in result.steps)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_analysis_matches_enumeration(text):
    loaded = ScenarioLoader(analyze=False).load_text(text, "gen.yaml")
    assert not loaded.errors, [d.format() for d in loaded.errors]
    scenario = loaded.scenario
    analysis = analyze(scenario)
    paths = brute_force(scenario)

    assert analysis.path_count == len(paths)
    assert analysis.best_score == max(r.score for r, _, _ in paths)
    assert analysis.worst_score == min(r.score for r, _, _ in paths)
    assert analysis.max_decisions == max(n for _, _, n in paths)
    assert analysis.min_decisions == min(n for _, _, n in paths)
    assert set(analysis.reachable_levels) == {r.level for r, _, _ in paths}
    reached_endings = {node for _, node, _ in paths if scenario.nodes[node].is_ending}
    assert set(analysis.reachable_endings) == reached_endings
    for level, canonical in analysis.canonical.items():
        session = PlaySession(scenario)
        report = session.replay(canonical.choices)
        assert report.complete and session.ended
        result = session.result()
        assert result.level is level and session.node.id == canonical.ending and result.score == canonical.score
        assert weight(result, level) == max(weight(r, level) for r, _, _ in paths if r.level is level)
    # a breach never pays: no breach path is shown keeping more than the best path by the book
    book = [r.value.kept for r, _, _ in paths if r.compliance_passed]
    if book:
        assert all(r.value.kept <= max(book) + 1e-9 for r, _, _ in paths if not r.compliance_passed)
    # W111 says exactly when the breach would have paid before the debrief capped it
    raw = [r.value.profit * (r.ending.returns if r.ending and r.complete else 0) / 100 - r.value.breach_cost
           for r, _, _ in paths if not r.compliance_passed]
    warned = any(d.code.code == "W111" for d in analysis.diagnostics)
    assert warned == bool(book and raw and max(raw) > max(book) + 1e-9)


def test_path_count_is_exact_beyond_listing():
    """A chain of 60 decisions with 3 replies each has 3**60 paths: counted, not listed."""
    nodes = {}
    for i in range(60):
        nxt = f"d{i + 1}" if i < 59 else "end"
        nodes[f"d{i}"] = {"customer": "?", "replies": [
            {"say": str(k), "level": LEVELS[k], "feedback": "x", "goto": nxt} for k in range(3)]}
    nodes["end"] = {"ending": {"level": "wow"}}
    text = yaml.safe_dump({"format": 1, "id": "chain", "title": "Chain", "start": "d0",
                           "customer": {"name": "A", "organization": "O", "wants": "w", "expects": "e"},
                           "nodes": nodes})
    scenario = ScenarioLoader(analyze=False).load_text(text, "chain.yaml").scenario
    analysis = analyze(scenario)
    assert analysis.path_count == 3 ** 60
    assert (analysis.best_score, analysis.worst_score) == (100, 0)
    assert len(analysis.canonical[Level.WOW].choices) == 60
