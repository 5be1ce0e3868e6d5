"""The bundled trainee library trains noticing the customer, not spotting a pattern.

No surface cue (the longest reply, the most words, digits or punctuation, the reply without
hedges) finds the WOW reply at more than 40% of the library's decisions, or at more than
half of any scenario's; the library is large and uses several channels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core.channels import CHANNELS
from simulator.core.cues import GIVEAWAY_RATE, cue_rates, library_rates
from simulator.core.loader import ScenarioLoader

LIBRARY = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))
LIBRARY_RATE = 0.40
MIN_TRAINEE_SCENARIOS = 22
MIN_CHANNELS = 4


def _scenario(path: Path):
    result = ScenarioLoader(analyze=False).load(path)
    assert result.scenario is not None, f"{path.name} does not load"
    return result.scenario


@pytest.mark.parametrize("path", LIBRARY, ids=[p.stem for p in LIBRARY])
def test_no_cue_gives_a_scenarios_wow_replies_away(path):
    loud = [f"{r.cue.description}: {r.rate:.0%}" for r in cue_rates(_scenario(path)) if r.rate > GIVEAWAY_RATE]
    assert not loud, f"{path.name}: " + ", ".join(loud)


def test_no_cue_finds_the_wow_reply_across_the_library():
    rates = library_rates(_scenario(p) for p in LIBRARY)
    loud = [f"{r.cue.description}: {r.rate:.0%} of {r.decisions}" for r in rates if r.rate > LIBRARY_RATE]
    assert not loud, ", ".join(loud)


def test_the_library_is_large_and_uses_several_channels():
    scenarios = [_scenario(p) for p in LIBRARY]
    assert len(scenarios) >= MIN_TRAINEE_SCENARIOS
    used = {s.channel for s in scenarios}
    assert used <= set(CHANNELS) and len(used) >= MIN_CHANNELS, sorted(used)
