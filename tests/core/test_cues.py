"""Surface cues: a look at the replies alone must not find the WOW reply."""

from __future__ import annotations

import pytest

from simulator.core.cues import CUES, MIN_DECISIONS, cue_hits, cue_rates, library_rates
from simulator.core.levels import Level
from simulator.core.model import Reply, Route

CUE = {c.name: c for c in CUES}


def reply(say: str, level: str) -> Reply:
    return Reply(index=0, key=say, say=say, level=Level(level), route=Route(()))


def chain(decisions: list[tuple[str, str, str]]):
    """A scenario of decisions in a row, each (low, standard, wow) words."""
    from simulator.core.model import Branch, Ending, Node, Scenario

    nodes = {}
    for i, words in enumerate(decisions):
        nxt = f"d{i + 1}" if i + 1 < len(decisions) else "end"
        nodes[f"d{i}"] = Node(f"d{i}", customer="…", replies=[
            Reply(j, f"r{j}", w, lv, Route((Branch(nxt),))) for j, (w, lv) in enumerate(zip(words, Level))])
    nodes["end"] = Node("end", ending=Ending(Level.WOW))
    return Scenario("s", "S", "d0", nodes)


def test_a_tie_shares_the_pick():
    replies = [reply("Yes.", "low"), reply("Yes!", "standard"), reply("Yes?", "wow")]
    assert cue_hits(CUE["longest"], replies) == pytest.approx(1 / 3)
    assert cue_hits(CUE["most-digits"], [reply("Room 118.", "wow"), reply("Room one.", "low")]) == 1
    assert cue_hits(CUE["most-digits"], [reply("Room 118.", "low"), reply("Room 12.", "wow")]) == 0


def test_hedges_count_against_a_reply_whichever_apostrophe():
    replies = [reply("I’m afraid that is the policy.", "low"), reply("Let me look.", "wow"),
               reply("Unfortunately not.", "standard")]
    assert cue_hits(CUE["fewest-hedges"], replies) == 1


def test_rates_per_scenario_and_library():
    long_wow = chain([("No.", "Yes, we can.", "Yes, we can do that today for you.")] * MIN_DECISIONS)
    fair = chain([("Let me see what we can do today.", "No.", "Yes.")] * MIN_DECISIONS)
    rates = {r.cue.name: r for r in cue_rates(long_wow)}
    assert rates["longest"].rate == 1 and rates["longest"].gives_away
    assert rates["longest"].decisions == MIN_DECISIONS
    fair_rates = {r.cue.name: r for r in cue_rates(fair)}
    assert fair_rates["longest"].rate == 0 and not fair_rates["longest"].gives_away
    library = {r.cue.name: r for r in library_rates([long_wow, fair])}
    assert library["longest"].rate == 0.5 and library["longest"].decisions == 2 * MIN_DECISIONS


def test_too_few_decisions_never_give_away():
    short = chain([("No.", "Yes, we can.", "Yes, we can do that today for you.")] * (MIN_DECISIONS - 1))
    assert not any(r.gives_away for r in cue_rates(short))


def test_validate_warns_at_the_first_decision_a_cue_gives_away(tmp_path):
    from tests.scenario_text import load_text

    lines = ["format: 1", "id: cues", "title: Cues", "customer: {name: A, organization: O, wants: w, expects: e}",
             "start: d0", "nodes:"]
    for i in range(MIN_DECISIONS):
        nxt = f"d{i + 1}" if i + 1 < MIN_DECISIONS else "end"
        lines += [f"  d{i}:", "    customer: c", "    replies:",
                  f"      - {{id: a, say: 'No.', level: low, feedback: f, goto: {nxt}}}",
                  f"      - {{id: b, say: 'Yes, we can.', level: standard, feedback: f, goto: {nxt}}}",
                  f"      - {{id: c, say: 'Yes, we can do that for you today.', level: wow, feedback: f, goto: {nxt}}}"]
    lines += ["  end: {customer: x, ending: {level: wow}}"]
    result = load_text("\n".join(lines) + "\n", tmp_path)
    found = [d for d in result.diagnostics if d.code.code == "W110"]
    assert {d.message.split(" is the WOW")[0] for d in found} == {"the longest reply", "the reply with the most words"}
    assert all(d.line == 7 and "node 'd0'" in d.message and "100%" in d.message for d in found)
    assert result.scenario is not None  # a warning: the scenario still plays
