"""Core speed: loading + validating against a bare YAML parse, and analysis growth.

Run: python3 bench/core.py
Prints, for generated scenarios of 500 and 5,000 nodes:
- load+validate (what `simulator validate` does) against a bare `yaml.load` with the C safe
  loader of the same text, as a ratio (goal: at most 1.25x);
- analysis time (goal: linear growth, under 0.5 s at 5,000 nodes), also per state explored.
Linear growth shows as a steady time per state. Expect one step between 500 and 5,000 nodes: a
500-node analysis fits in the processor's cache and a 5,000-node one does not (both ends of that
step are printed: 500 -> 5,000 and 5,000 -> 10,000 nodes).
Medians of several runs, measured side by side in one process.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402

LEVELS = ("low", "standard", "wow")


def generate(n_nodes: int, seed: int = 1) -> str:
    """A scenario of n_nodes nodes in our format: three replies each, some flags and conditions,
    some weighted decisions and some costly breaches (on Low replies)."""
    rng = random.Random(seed)
    n_endings = max(3, n_nodes // 50)
    n_decisions = n_nodes - n_endings
    out = [
        "format: 1", "id: generated", "title: Generated", "domain: retail", "minutes: 10",
        "customer:", "  name: Pat", "  organization: Shop", "  wants: help", "  expects: help",
        "  yearly_value: 5000", "start: d0", "nodes:",
    ]
    for i in range(n_decisions):
        out.append(f"  d{i}:")
        out.append(f'    customer: "Moment {i}: the customer explains what is going on, in a sentence or two."')
        if i % 7 == 0:
            out.append('    narration: "She looks at the queue behind her."')
        if i % 5 == 0:
            out.append("    weight: 2")  # the analysis weighs decisions
        out.append("    replies:")
        for k in range(3):
            def target() -> str:
                if i >= n_decisions - 3:
                    return f"e{rng.randrange(n_endings)}"
                return f"d{min(n_decisions - 1, i + 1 + rng.randrange(3))}"
            out.append(f'      - say: "Option {k} at moment {i}: what the employee could say here, politely."')
            out.append(f"        level: {LEVELS[(k + i) % 3]}")
            out.append(f"        mood: {rng.choice((-15, -5, 0, 5, 10))}")
            out.append("        skills: [empathy, clarity]")
            out.append(f'        feedback: "What happens after option {k}: she nods, or frowns."')
            if i % 40 == 1 and k == 2:
                out.append("        sets: [offered_help]")
            if i % 25 == 3 and (k + i) % 3 == 0:  # a Low reply
                out.append('        breach: "skipped a check"')  # the breach-value check has breaches to weigh
                out.append("        breach_cost: 500")
            if i % 40 == 20 and k == 0:
                out.append("        goto:")
                out.append("          - if: offered_help")
                out.append(f"            then: {target()}")
                out.append(f"          - else: {target()}")
            else:
                out.append(f"        goto: {target()}")
    for j in range(n_endings):
        out.append(f"  e{j}:")
        out.append('    customer: "Thank you, that is all."')
        out.append(f"    ending: {{level: {LEVELS[j % 3]}, feels: calm, thinks: fine, returns: {30 + j % 60}}}")
    return "\n".join(out) + "\n"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    loader = ScenarioLoader()
    analysis_times = {}
    states = {}
    for n in (500, 5000, 10000):
        text = generate(n)
        data = text.encode()
        runs = 7 if n == 500 else 5 if n == 5000 else 3
        result = loader.load_bytes(data, f"generated-{n}.yaml")
        assert result.ok, [d.format() for d in result.errors][:5]
        bare = median_time(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs)
        ours = median_time(lambda: loader.load_bytes(data, f"generated-{n}.yaml"), runs)
        scenario = result.scenario
        analysis_times[n] = median_time(lambda: analyze(scenario), runs)
        a = analyze(scenario)
        states[n] = a.state_count
        if n == 10000:  # only the analysis: the load ratio is measured at 500 and 5,000 nodes
            print(f"{n:>5} nodes: analysis {analysis_times[n] * 1000:6.1f} ms "
                  f"({analysis_times[n] / a.state_count * 1e6:.1f} us per state)")
            continue
        print(f"{n:>5} nodes ({len(data) / 1024:,.0f} KiB, about 10^{len(str(a.path_count)) - 1} paths): "
              f"bare yaml.load {bare * 1000:7.1f} ms | load+validate {ours * 1000:7.1f} ms | "
              f"ratio {ours / bare:.2f}x (goal <= 1.25x) | analysis {analysis_times[n] * 1000:6.1f} ms "
              f"({analysis_times[n] / a.state_count * 1e6:.1f} us per state)")
    for small, large in ((500, 5000), (5000, 10000)):
        growth = analysis_times[large] / analysis_times[small]
        print(f"analysis growth {small:,} -> {large:,} nodes: {growth:.1f}x for {large / small:.0f}x the nodes, "
              f"{states[large] / states[small]:.1f}x the states (linear: the same)")
    print(f"5,000 nodes analysed in {analysis_times[5000]:.3f} s (goal < 0.5 s)")


if __name__ == "__main__":
    main()
