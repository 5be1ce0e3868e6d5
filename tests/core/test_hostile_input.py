"""Broken or hostile files give a diagnostic: never a traceback, never a hang."""

from __future__ import annotations

import pytest

from simulator.core import diagnostics as dx
from simulator.core.loader import ScenarioLoader
from simulator.core.yamltree import MAX_BYTES, MAX_DEPTH
from tests.scenario_text import BASE


def load_bytes(data: bytes, tmp_path, name: str = "s.yaml"):
    path = tmp_path / name
    path.write_bytes(data)
    return ScenarioLoader().load(path)


def only_code(result) -> str:
    assert result.scenario is None
    assert result.errors, "expected an error"
    return result.errors[0].code.code


def test_missing_file(tmp_path):
    result = ScenarioLoader().load(tmp_path / "nope.yaml")
    assert only_code(result) == "E001"
    assert "cannot read" in result.errors[0].message


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"# just a comment\n", b"~\n", b"---\n"])
def test_empty_files(data, tmp_path):
    assert only_code(load_bytes(data, tmp_path)) == "E007"


def test_binary_file(tmp_path):
    result = load_bytes(b"format: 1\n\x00\x01\x02PNG", tmp_path)
    assert only_code(result) == "E003"
    assert result.errors[0].line == 2


def test_not_utf8_names_line_and_column(tmp_path):
    result = load_bytes("format: 1\ntitle: Caf".encode() + b"\xe9\n", tmp_path)
    assert only_code(result) == "E003"
    d = result.errors[0]
    assert (d.line, d.column) == (2, 11)
    assert "UTF-8" in d.hint


def test_byte_order_mark_is_accepted(tmp_path):
    assert load_bytes(b"\xef\xbb\xbf" + BASE.encode(), tmp_path).ok


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a sentence\n", "42\n", "[1, 2]\n"])
def test_top_level_not_a_mapping(text, tmp_path):
    assert only_code(load_bytes(text.encode(), tmp_path)) == "E008"


def test_too_large(tmp_path):
    data = BASE.encode() + b"#" * (MAX_BYTES + 10)
    result = load_bytes(data, tmp_path)
    assert only_code(result) == "E002"
    assert "10 MiB" in result.errors[0].message


@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{a: ", "}")])
def test_very_deep_flow_nesting(opening, closing, tmp_path):
    depth = 200_000
    result = load_bytes((opening * depth + "1" + closing * depth).encode(), tmp_path)
    assert only_code(result) == "E005"
    assert str(MAX_DEPTH) in result.errors[0].message


def test_very_deep_block_nesting(tmp_path):
    text = "".join("  " * i + "- \n" for i in range(MAX_DEPTH + 5))
    assert only_code(load_bytes(text.encode(), tmp_path)) == "E005"


def test_alias_expansion_bomb(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    result = load_bytes(("\n".join(lines) + "\n").encode(), tmp_path)
    assert only_code(result) == "E005"
    assert "alias" in result.errors[0].message


def test_small_aliases_are_fine(tmp_path):
    text = BASE.replace("feedback: f1", "feedback: &same She sighs.").replace("feedback: f2", "feedback: *same")
    result = load_bytes(text.encode(), tmp_path)
    assert result.ok
    assert result.scenario.nodes["a"].replies[1].feedback == "She sighs."


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo hi']", "!!python/name:os.system",
                                 "!custom value", "!!binary aGVsbG8="])
def test_tags_are_refused_not_constructed(tag, tmp_path):
    result = load_bytes(BASE.replace("title: T", f"title: {tag}").encode(), tmp_path)
    assert "E006" in {d.code.code for d in result.diagnostics}


def test_two_documents(tmp_path):
    result = load_bytes((BASE + "---\nformat: 1\n").encode(), tmp_path)
    assert only_code(result) == "E004"
    assert "more than one" in result.errors[0].message


@pytest.mark.parametrize("text", [
    "format: 1\n\tid: x\n",
    "format: 1\nid: 'unclosed\n",
    "format: 1\ntitle: a: b: c\n",
    "format: 1\n  id: x\n title: y\n",
    "{{{{\n",
    "format: 1\nid: *nowhere\n",
    "format: 1\n? [a, b]\n: c\n",
])
def test_syntax_errors_name_a_position(text, tmp_path):
    result = load_bytes(text.encode(), tmp_path)
    assert result.scenario is None
    d = result.errors[0]
    assert d.line >= 1 and d.column >= 1, d.format()
    assert d.hint


def test_garbage_never_raises(tmp_path):
    import random

    rng = random.Random(7)
    alphabet = "ab:- \n[]{}&*!|>'\"#%@`?,\t0123456789"
    for i in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        result = load_bytes(text.encode(), tmp_path, f"g{i}.yaml")
        assert result.scenario is None or result.ok
        for d in result.diagnostics:
            d.format()
    assert dx.YAML_SYNTAX.code == "E004"
