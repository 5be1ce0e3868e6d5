"""A small valid scenario as text, with known line numbers, for tests to break on purpose."""

from __future__ import annotations

from pathlib import Path

from simulator.core.loader import LoadResult, ScenarioLoader

BASE = """\
format: 1
id: t
title: T
customer:
  name: Ann
  organization: Shop
  wants: a refund
  expects: a refund
start: a
nodes:
  a:
    customer: Hello
    replies:
      - say: One
        level: low
        feedback: f1
        goto: end_low
      - say: Two
        level: standard
        feedback: f2
        goto: end_std
      - say: Three
        level: wow
        feedback: f3
        goto: end_wow
  end_low:
    ending: {level: low}
  end_std:
    ending: {level: standard}
  end_wow:
    ending: {level: wow}
"""


def edit(text: str = BASE, replace: dict[int, str] | None = None, insert: dict[int, str] | None = None) -> str:
    """Replace lines (1-based) and insert text after lines (keys are the original line numbers)."""
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines, 1):
        out.append((replace or {}).get(number, line))
        if insert and number in insert:
            out.append(insert[number])
    return "\n".join(out)


def load_text(text: str, tmp_path: Path, name: str = "s.yaml") -> LoadResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ScenarioLoader().load(path)


def chain(decisions: int = 4, replies: int = 3) -> str:
    """A scenario whose decisions follow one another, each with the same number of replies and
    none with an ``id`` (so every decision's replies have the same keys: 1, 2, 3...), with
    different words everywhere: a screen that kept the last decision's widgets would show them."""
    levels = ("low", "standard", "wow")
    lines = ["format: 1", "id: chain", "title: Chain", "customer:", "  name: Ann", "  organization: Shop",
             "  wants: a refund", "  expects: a refund", "start: d1", "nodes:"]
    for number in range(1, decisions + 1):
        lines += [f"  d{number}:", f'    customer: "Line {number} from the customer."', "    replies:"]
        for option in range(1, replies + 1):
            level = levels[(option - 1) % 3]
            target = f"d{number + 1}" if number < decisions else f"end_{level}"
            lines += [f'      - say: "Decision {number}, reply {option}."', f"        level: {level}",
                      f'        feedback: "Feedback {number}.{option}."', f"        goto: {target}"]
    for level in levels:
        lines += [f"  end_{level}:", f'    customer: "The end ({level})."', f"    ending: {{level: {level}}}"]
    return "\n".join(lines) + "\n"


def flag_chain(n: int) -> str:
    """n decisions that may each set a flag, all tested together at the end: 2**n analysis states."""
    lines = ["format: 1", "id: flags", "title: Flags", "start: n0",
             "customer: {name: A, organization: O, wants: w, expects: e}", "nodes:"]
    for i in range(n):
        lines += [f"  n{i}:", "    customer: c", "    replies:",
                  f"      - {{say: a, level: standard, feedback: f, sets: [f{i}], goto: n{i + 1}}}",
                  f"      - {{say: b, level: low, feedback: f, goto: n{i + 1}}}"]
    every = " and ".join(f"f{i}" for i in range(n))
    lines += [f"  n{n}:", "    customer: c", "    replies:",
              f"      - {{say: a, level: wow, feedback: f, goto: [{{if: '{every}', then: good}}, {{else: so_so}}]}}",
              "      - {say: b, level: low, feedback: f, goto: bad}",
              "  good: {customer: x, ending: {level: wow}}", "  so_so: {customer: x, ending: {level: standard}}",
              "  bad: {customer: x, ending: {level: low}}"]
    return "\n".join(lines) + "\n"


def alias_file(value: str, uses: int, key: str) -> str:
    """A scenario that writes ``value`` once, with an anchor, and repeats it ``uses`` times by alias."""
    lines = ["format: 1", "id: t", "title: T", "customer: {name: A, organization: O, wants: w, expects: e}",
             "start: a", f"summary: &v '{value}'", "nodes:", "  a:", "    customer: c", "    replies:",
             "      - {say: s, level: low, feedback: f, sets: [asked], goto: b}", "  b:", "    customer: c",
             "    replies:"]
    lines += [f"      - {{say: s, level: low, feedback: f, {key}: *v, goto: end}}" if key == "if"
              else "      - {say: s, level: low, feedback: f, goto: *v}"] * uses
    return "\n".join(lines + ["  end: {ending: {level: low}}"]) + "\n"
