"""Mutated bundled scenarios and hostile conditions: loading always returns diagnostics, promptly.

The mutations are the kinds that once found tracebacks and a hang: bytes and lines changed,
numbers replaced by huge values, conditions and values nested deep, flags that multiply the
analysis states. ``simulator validate`` is also run on hostile files in a subprocess with a
timeout, so a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.conditions import Condition, ConditionError, parse_condition
from simulator.core.diagnostics import Diagnostic
from simulator.core.loader import LoadResult, ScenarioLoader
from tests.scenario_text import BASE, alias_file, flag_chain

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = [p.read_bytes() for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
SEEDS = BUNDLED + [flag_chain(14).encode(), flag_chain(22).encode()]
HUGE = ["1" + "0" * 400, "9" * 5000, "-" + "9" * 4400, "1" + "0" * 400 + ".5", "0" * 5000 + "7", "1_0" * 3000, "1e309",
        ".5", "-0", "+100"]
BYTES = b":-[]{}#&*!|>'\"%@`?,\t\n \\0123456789az\x00\xff\xc3"
NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
CONDITION_WORDS = ["(", ")", "not", "and", "or", "mood", "<", "<=", ">", ">=", "==", "!=", "-", "5", "99999999",
                   "9" * 5000, "asked_for_id", "Pills", "pills-sorted", "_x", "é", " ", "\t", "'", "#", ":"]
KEYS = [b"  portrait: ", b"        if: ", b"        sets: ", b"        goto: ", b"  mood: ", b"        mood: "]


def nested(kind: str, depth: int) -> bytes:
    if kind == "parens":
        return b"(" * depth + b"asked" + b")" * depth
    if kind == "not":
        return b"not " * depth + b"asked"
    if kind == "flow":
        return b"[" * depth + b"x" + b"]" * depth
    return b"{a: " * depth + b"1" + b"}" * depth


@st.composite
def mutation(draw, text: bytes) -> bytes:
    lines = text.split(b"\n")
    kind = draw(st.sampled_from(["byte", "delete", "duplicate", "swap", "indent", "number", "nest", "value"]))
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "byte":
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        new = bytes([draw(st.sampled_from(BYTES))])
        return text[:pos] + new + text[pos + 1:] if draw(st.booleans()) else text[:pos] + new + text[pos:]
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "indent":
        lines[at] = b"  " + lines[at] if draw(st.booleans()) else lines[at][2:]
    elif kind == "number":
        numbers = list(NUMBER.finditer(text))
        if not numbers:
            return text
        m = numbers[draw(st.integers(0, len(numbers) - 1))]
        return text[:m.start()] + draw(st.sampled_from(HUGE)).encode() + text[m.end():]
    elif kind == "nest":
        depth = draw(st.sampled_from([31, 33, 65, 400, 1000, 5000]))
        value = nested(draw(st.sampled_from(["parens", "not", "flow", "map"])), depth)
        lines.insert(at, draw(st.sampled_from(KEYS)) + value)
    else:  # a hostile value for a key that takes a condition, a flag or a name
        value = draw(st.sampled_from([b"x" * 300, b'"nul\\0byte"', b"[Pills-Sorted, mood]", b"/etc/passwd",
                                      b"../../outside.svg", b"'" + b"a and " * 2000 + b"a'", b"*nowhere", b"!!str"]))
        lines.insert(at, draw(st.sampled_from(KEYS)) + value)
    return b"\n".join(lines)


@st.composite
def mutated_scenarios(draw) -> bytes:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        text = draw(mutation(text))
    return text


def check_result(result) -> None:
    assert isinstance(result, LoadResult)
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)
    for d in result.diagnostics:
        assert d.format() and d.to_json()["code"] == d.code.code
        assert d.line >= 0 and d.column >= 0
    if result.scenario is not None:
        assert not result.errors and result.ok


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          database=None)
@given(mutated_scenarios())
def test_mutated_scenarios_load_to_diagnostics(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "scenario.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    result = ScenarioLoader().load(path)
    took = time.perf_counter() - started
    check_result(result)
    assert took < 5, f"loading took {took:.1f} s"


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(CONDITION_WORDS), max_size=60), st.integers(0, 2000), st.sampled_from(["(", "not "]))
def test_hostile_conditions_parse_or_say_why(words, depth, opener):
    text = opener * depth + " ".join(words) + (")" * depth if opener == "(" else "")
    try:
        parsed = parse_condition(text)
    except ConditionError as exc:
        assert 0 <= exc.offset <= len(text) and str(exc) and len(str(exc)) < 300
        return
    assert isinstance(parsed, Condition)
    assert parsed.holds(50, frozenset(parsed.flags)) in (True, False)


HOSTILE = {
    "deep-condition.yaml": BASE.replace("        feedback: f1", "        feedback: f1\n        if: " + "(" * 400 + "a"
                                        + ")" * 400),
    "many-nots.yaml": BASE.replace("        feedback: f1", "        feedback: f1\n        if: " + "not " * 1000 + "a"),
    "huge-int.yaml": BASE.replace("  wants:", "  mood: " + "9" * 5000 + "\n  wants:"),
    "huge-float.yaml": BASE.replace("  wants:", "  yearly_value: 1" + "0" * 400 + "\n  wants:"),
    "long-portrait.yaml": BASE.replace("  wants:", "  portrait: " + "p" * 300 + "\n  wants:"),
    "nul-portrait.yaml": BASE.replace("  wants:", '  portrait: "a\\0b.png"\n  wants:'),
    "flags.yaml": flag_chain(24),
    "alias-bomb.yaml": alias_file(" and ".join(["asked"] * 20000), 3000, "if"),
}


def test_validate_in_a_subprocess_finishes_on_hostile_files(tmp_path):
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "same-id.yaml").write_text(BASE.replace("title: T", "title: Twin"), encoding="utf-8")
    (tmp_path / "a-first.yaml").write_text(BASE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "simulator", "validate", str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=90)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    out = done.stdout
    expected = {"deep-condition.yaml": "E021", "many-nots.yaml": "E021", "huge-int.yaml": "E014",
                "huge-float.yaml": "E014", "long-portrait.yaml": "E014", "nul-portrait.yaml": "E014",
                "flags.yaml": "E029", "same-id.yaml": "E030", "alias-bomb.yaml": "E005"}
    for name, code in expected.items():
        assert re.search(rf"{re.escape(name)}:\d+:\d+: error {code}: ", out), f"{name}: {code} missing\n{out}"
    assert "a-first.yaml" in out.split("error E030:")[1].splitlines()[0]  # the later file names the earlier
    assert f"{len(HOSTILE) + 2} files checked" in out
