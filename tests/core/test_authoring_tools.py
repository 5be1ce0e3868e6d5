"""The author's command-line tools: JSON Schema, starter scenario, map export."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from simulator.cli import main
from simulator.core.analysis import analyze
from simulator.core.graph_export import to_dot, to_svg
from simulator.core.graph_layout import layout_scenario
from simulator.core.json_schema import SCHEMA_FILE, scenario_schema, schema_text
from simulator.core.loader import ScenarioLoader
from simulator.core.schema import SECTIONS
from tests.scenario_text import BASE, edit

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


def test_shipped_schema_matches_the_loader_declarations():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: simulator schema > " + str(SCHEMA_FILE)
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$defs"]["reply"]["required"] == ["say", "level", "goto"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_satisfy_the_schema(path):
    errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


BROKEN = {
    "unknown key": edit(replace={16: "        feedbak: f1"}),
    "unknown level": edit(replace={15: "        level: super"}),
    "missing say": edit(replace={14: "      - level: low", 15: ""}),
    "mood out of range": edit(insert={8: "  mood: 150"}),
    "replies and ending": edit(insert={12: "    ending: {level: low}"}),
    "branch without else": edit(replace={17: "        goto:\n          - if: mood < 10\n            then: end_low"}),
    "bad node id": edit(replace={17: "        goto: end low!"}),
    "missing format": "\n".join(BASE.split("\n")[1:]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_samples_fail_both_schema_and_loader(name):
    text = BROKEN[name]
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))), f"schema accepted: {name}"
    assert ScenarioLoader().load_text(text, f"{name}.yaml").errors, f"loader accepted: {name}"


def test_format_reference_documents_every_key():
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    missing = [f"{section}.{key}" for section, keys in SECTIONS.items() for key in keys if f"`{key}`" not in doc]
    assert missing == []


def test_format_reference_example_is_clean():
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(format: 1.*?)```", doc, re.S).group(1)
    result = ScenarioLoader().load_text(example, str(ROOT / "docs" / "example.yaml"))
    assert result.diagnostics == []


def test_new_writes_a_clean_starter_with_every_feature(tmp_path, capsys):
    target = tmp_path / "mine.yaml"
    assert main(["new", str(target)]) == 0
    assert main(["validate", "--strict", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "yaml-language-server: $schema=" in text
    used = {key for key in re.findall(r"^\s*-?\s*([a-z_]+):", text, re.M)}
    every = {key for keys in SECTIONS.values() for key in keys}
    assert every - used == set()
    assert main(["new", str(target)]) == 1  # never overwrites by accident
    assert "exists already" in capsys.readouterr().err


def _scenario(path):
    scenario = ScenarioLoader().load(path).scenario
    return scenario, layout_scenario(scenario, analyze(scenario))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_svg_and_dot_contain_every_node(path, tmp_path):
    scenario, smap = _scenario(path)
    svg = to_svg(scenario, smap)
    root = ET.fromstring(svg)
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {f"node-{n}" for n in scenario.nodes} <= ids
    dot = to_dot(scenario, smap)
    for node in scenario.nodes:
        assert f'"{node}" [' in dot
    assert dot.count(" -> ") == len(smap.edges)


def test_layout_places_routes_forward_and_marks_problems(tmp_path):
    text = BASE + "  orphan:\n    customer: hi <b>there</b>\n    replies:\n" \
                  "      - {say: x, level: low, feedback: y, goto: end_low}\n" \
                  "      - {say: z, level: wow, feedback: y, goto: end_wow}\n"
    scenario = ScenarioLoader().load_text(text, "o.yaml").scenario
    smap = layout_scenario(scenario, analyze(scenario))
    assert all(smap.nodes[e.source].layer < smap.nodes[e.target].layer for e in smap.edges)
    assert not smap.nodes["orphan"].reachable and smap.nodes["a"].is_start
    assert smap.nodes["end_wow"].kind == "ending"
    svg = to_svg(scenario, smap)
    assert "[unreachable]" in svg and "&lt;b&gt;there&lt;/b&gt;" in svg and "<b>" not in svg


def test_graph_command(tmp_path):
    source = tmp_path / "s.yaml"
    source.write_text(BASE, encoding="utf-8")
    assert main(["graph", str(source), "-o", str(tmp_path / "m.svg")]) == 0
    ET.parse(tmp_path / "m.svg")
    assert main(["graph", str(source), "-o", str(tmp_path / "m.dot")]) == 0
    assert (tmp_path / "m.dot").read_text().startswith('digraph "t"')
    source.write_text("format: 1\n", encoding="utf-8")
    assert main(["graph", str(source), "-o", str(tmp_path / "x.svg")]) == 1
