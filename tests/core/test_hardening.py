"""Inputs that used to raise or hang: each is now a diagnostic with a position and a hint."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from simulator.core import analysis, conditions
from simulator.core import diagnostics as dx
from simulator.core.analysis import analyze
from simulator.core.levels import Level
from simulator.core.catalog import CatalogEntry, duplicate_ids, with_duplicate_id
from simulator.core.loader import MAX_NUMBER_DIGITS, ScenarioLoader
from tests.scenario_text import BASE, alias_file, edit, flag_chain, load_text

ROOT = Path(__file__).resolve().parents[2]


def problems(result, code: str) -> list[dx.Diagnostic]:
    return [d for d in result.diagnostics if d.code.code == code]


def the_problem(result, code: str) -> dx.Diagnostic:
    found = problems(result, code)
    assert found, f"{code} not reported; got: " + "; ".join(d.format() for d in result.diagnostics)
    d = found[0]
    assert d.line >= 1 and d.column >= 1 and d.hint, d.format()
    return d


# -- conditions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("condition", ["(" * 400 + "asked" + ")" * 400, "not " * 1000 + "asked",
                                       "not (" * 300 + "asked" + ")" * 300])
def test_deeply_nested_condition_is_a_diagnostic(condition, tmp_path):
    result = load_text(edit(insert={16: f"        if: {condition}"}), tmp_path)
    d = the_problem(result, "E021")
    assert d.line == 17 and str(conditions.MAX_DEPTH) in d.message
    assert d.column > 13  # at the first level too many, not at the start of the condition
    assert len(d.message) < 300  # the condition is quoted cut short
    assert result.scenario is None


def test_nesting_up_to_the_limit_still_parses():
    depth = conditions.MAX_DEPTH
    parsed = conditions.parse_condition("(" * (depth // 2) + "not " * (depth // 2) + "x" + ")" * (depth // 2))
    assert parsed.flags == {"x"}
    assert parsed.holds(50, {"x"}) and not parsed.holds(50, set())  # an even number of 'not'


@pytest.mark.parametrize("number", ["9" * 5000, "1" + "0" * 400, "0" * 5000 + "1" + "0" * 10])
def test_huge_number_in_a_condition_is_a_diagnostic(number, tmp_path):
    result = load_text(edit(insert={16: f"        if: mood < {number}"}), tmp_path)
    d = the_problem(result, "E021")
    assert d.line == 17 and "digits" in d.message and "0 to 100" in d.hint


def test_leading_zeros_are_not_digits_too_many():
    assert conditions.parse_condition("mood < " + "0" * 50 + "20").holds(10, set())


# -- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,key", [
    ("  yearly_value: 1" + "0" * 400, "yearly_value"),  # 1e400: a float would overflow
    ("  yearly_value: 1" + "0" * 400 + ".5", "yearly_value"),
    ("  yearly_growth: -" + "9" * 5000, "yearly_growth"),
    ("  mood: " + "7" * 4400, "mood"),  # beyond Python's int-string limit
    ("  years: +" + "1_000" * 2000, "years"),
])
def test_huge_number_in_a_number_key_is_a_diagnostic(line, key, tmp_path):
    result = load_text(edit(insert={8: line}), tmp_path)
    d = the_problem(result, "E014")
    assert d.line == 9 and key in d.message and f"{MAX_NUMBER_DIGITS} digits" in d.message
    assert len(d.message) < 200


def test_long_numbers_below_the_limit_still_load(tmp_path):
    result = load_text(edit(insert={8: "  yearly_value: 000000000000000000012000.50000000000000000001\n"
                                       "  mood: -" + "0" * 5000 + "0\n  years: +" + "0" * 5000 + "7"}), tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    customer = result.scenario.customer
    assert customer.yearly_value == pytest.approx(12000.5) and customer.mood == 0 and customer.years == 7


# -- portraits ----------------------------------------------------------------------------------

@pytest.mark.parametrize("portrait,why", [
    ("x" * 300, "255"),
    ("faces/" + "y" * 256 + ".png", "255"),
    ('"nul\\0byte.png"', "control character"),
    ('"faces/bell\\a.svg"', "control character"),
])
def test_unusable_portrait_name_is_a_diagnostic(portrait, why, tmp_path):
    result = load_text(edit(insert={8: f"  portrait: {portrait}"}), tmp_path)
    d = the_problem(result, "E014")
    assert d.line == 9 and why in d.message and "portrait" in d.message


def test_portrait_file_linked_out_of_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    faces = tmp_path / "scenario" / "faces"
    faces.mkdir(parents=True)
    (faces / "angry.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    os.symlink(outside / "secret.svg", faces / "neutral.svg")
    result = load_text(edit(insert={8: "  portrait: faces"}), tmp_path / "scenario")
    d = the_problem(result, "E023")
    assert d.line == 9 and "neutral.svg" in d.message and "angry" not in d.message
    assert len(problems(result, "E023")) == 1


def test_portrait_folder_with_its_own_files_is_fine(tmp_path):
    faces = tmp_path / "faces"
    faces.mkdir()
    (faces / "neutral.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    os.symlink(faces / "neutral.svg", faces / "upset.svg")  # a link that stays inside is fine
    result = load_text(edit(insert={8: "  portrait: faces"}), tmp_path)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]


# -- flag names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("flag,fix", [("Pills-Sorted", "pills_sorted"), ("9lives", "_9lives"), ("mood", "mood_flag"),
                                      ("asked-twice", "asked_twice")])
def test_a_flag_that_no_condition_could_test_is_refused_where_it_is_set(flag, fix, tmp_path):
    result = load_text(edit(insert={16: f"        sets: [ok_flag, {flag}]"}), tmp_path)
    d = the_problem(result, "E014")
    assert (d.line, d.column) == (17, 25) and fix in d.hint
    assert result.scenario is None


def test_the_same_rule_applies_in_conditions(tmp_path):
    result = load_text(edit(insert={16: "        if: Pills_Sorted or mood > 5"}), tmp_path)
    d = the_problem(result, "E021")
    assert "pills_sorted" in d.hint
    assert conditions.flag_name_problem("pills_sorted") is None
    assert conditions.flag_name_problem("Pills_Sorted") is not None


# -- the analysis limit -------------------------------------------------------------------------

def test_analysis_below_the_limit_is_exact():
    result = ScenarioLoader().load_text(flag_chain(12), "flags.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    a = result.analysis
    assert a is not None and a.state_count < analysis.MAX_STATES
    assert a.path_count == 2 ** 13  # each of 12 decisions, then the last one, two ways each
    wow = a.canonical[Level.WOW]
    assert wow.ending == "good" and len(wow.choices) == 13  # every flag set, all of them tested at the end
    assert set(a.reachable_levels) == set(Level)


@pytest.mark.parametrize("flags", [14, 24, 40])
def test_a_file_beyond_the_limit_gets_e029_promptly(flags):
    started = time.perf_counter()
    result = ScenarioLoader().load_text(flag_chain(flags), "flags.yaml")
    took = time.perf_counter() - started
    d = the_problem(result, "E029")
    assert result.scenario is None and result.analysis is None
    assert f"{analysis.MAX_STATES:,}" in d.message and "docs/scenario-format.md" in d.hint
    node_lines = [i for i, line in enumerate(flag_chain(flags).splitlines(), 1) if re.match(r"  n\d+:", line)]
    assert d.line in node_lines  # at a decision where the states multiply
    assert took < 5, f"{took:.1f} s"


def test_the_limit_is_documented():
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert f"{analysis.MAX_STATES:,} states" in doc and f"{analysis.MAX_MOVES:,} moves" in doc
    for code in dx.all_codes():
        assert f"| {code.code} | {code.name} |" in doc, code.code


def test_many_replies_in_many_states_count_as_moves():
    """Few states, but each offers a thousand replies: the moves limit stops it."""
    moods = "\n".join(f"      - {{say: m{i}, level: low, feedback: f, mood: {i - 50}, goto: wide}}" for i in range(101))
    wide = "\n".join(f"      - {{say: r{i}, level: low, feedback: f, goto: last}}" for i in range(1000))
    text = "\n".join(["format: 1", "id: wide", "title: Wide", "start: first",
                      "customer: {name: A, organization: O, wants: w, expects: e}", "nodes:",
                      "  first:", "    customer: c", "    replies:", moods,
                      "  wide:", "    customer: c", "    replies:", wide,
                      "  last:", "    customer: c", "    replies:",
                      "      - {say: a, level: wow, feedback: f, goto: [{if: mood > 50, then: end}, {else: end}]}",
                      "      - {say: b, level: low, feedback: f, goto: end}",
                      "  end: {customer: x, ending: {level: wow}}"]) + "\n"
    scenario = ScenarioLoader(analyze=False).load_text(text, "wide.yaml").scenario
    assert scenario is not None
    found = analyze(scenario)
    assert found.state_count < 300 and [d.code.code for d in found.diagnostics] == ["E029"]
    assert "moves" in found.diagnostics[0].message


def test_a_large_file_without_conditions_is_not_over_the_limit(monkeypatch):
    """One state per node is what the file holds: the limit bounds only what moods and flags multiply."""
    monkeypatch.setattr(analysis, "MAX_STATES", 100)
    monkeypatch.setattr(analysis, "MAX_MOVES", 100)
    n = 1000
    nodes = [f"  n{i}: {{customer: c, replies: [{{say: a, level: low, feedback: f, goto: n{i + 1}}}, "
             f"{{say: b, level: wow, feedback: f, goto: n{i + 1}}}]}}" for i in range(n)]
    text = "\n".join(["format: 1", "id: long", "title: Long", "start: n0",
                      "customer: {name: A, organization: O, wants: w, expects: e}", "nodes:", *nodes,
                      f"  n{n}: {{customer: x, ending: {{level: wow}}}}"]) + "\n"
    scenario = ScenarioLoader(analyze=False).load_text(text, "long.yaml").scenario
    found = analyze(scenario)
    assert not any(d.is_error for d in found.diagnostics) and found.state_count == n + 1
    assert found.path_count == 2 ** n and found.canonical[Level.WOW].score == 100


def test_flags_set_and_tested_are_bounded_too():
    n = analysis.MAX_FLAGS + 1
    result = ScenarioLoader().load_text(flag_chain(n), "flags.yaml")
    d = the_problem(result, "E029")
    assert f"{n:,} different flags" in d.message


# -- duplicate scenario ids ---------------------------------------------------------------------

def test_validate_of_several_files_names_the_other_file(tmp_path):
    first, second, third = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    first.write_text(BASE, encoding="utf-8")
    second.write_text(BASE.replace("title: T", "title: Copy"), encoding="utf-8")
    third.write_text(BASE.replace("id: t", "id: other"), encoding="utf-8")
    results = ScenarioLoader().load_many([tmp_path, first])  # a file named twice is not its own duplicate
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["a.yaml"].ok and by_name["c.yaml"].ok
    later = by_name["b.yaml"]
    d = the_problem(later, "E030")
    assert later.scenario is None and (d.line, d.column) == (2, 5)
    assert str(first) in d.message and "'t'" in d.message
    assert [r.path for r in results].count(str(first)) == 2 and not problems(results[-1], "E030")


def test_duplicate_ids_ignores_files_that_cannot_be_played():
    assert duplicate_ids([("a", ""), ("b", "x"), ("c", ""), ("d", "x"), ("e", "x")]) == {3: "b", 4: "b"}


def test_a_catalogue_entry_with_a_taken_id_cannot_be_played():
    entry = CatalogEntry("/lib/b.yaml", True, "B", "same", id_line=2, id_column=5)
    marked = with_duplicate_id(entry, "/lib/a.yaml")
    assert not marked.playable and marked.title == "B" and marked.id == "same"
    assert [(d.code.code, d.line, d.column) for d in marked.errors] == [("E030", 2, 5)]
    assert "/lib/a.yaml" in marked.errors[0].message
    again = CatalogEntry.from_json(marked.to_json())
    assert again == marked


def test_a_path_count_of_thousands_of_digits_is_shown_and_exported():
    """3**9100 paths (a chain of 9,100 decisions) has more digits than Python turns into text by default."""
    import json

    from simulator.core.analysis import Analysis

    huge = Analysis(path_count=3 ** 9100)
    assert huge.paths_text() == "about 10^4341"  # 9100 * log10(3) = 4341.7
    data = json.loads(json.dumps(huge.to_json()))
    assert data["path_count"] is None and data["paths"] == "about 10^4341"
    small = Analysis(path_count=123_456).to_json()
    assert small["path_count"] == 123_456 and small["paths"] == "123,456"


def test_a_pipe_or_a_folder_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    (tmp_path / "folder.yaml").mkdir()
    for path in (pipe, tmp_path / "folder.yaml", str(tmp_path / "nul\0.yaml")):
        result = ScenarioLoader().load(path)
        assert [d.code.code for d in result.errors] == ["E001"], result.diagnostics


@pytest.mark.parametrize("value,key,uses,code", [
    (" and ".join(["asked"] * 20000), "if", 3000, "E005"),  # beyond the alias limit: long texts weigh more
    (" and ".join(["asked"] * 20000), "if", 300, None),  # below it: the condition is read once, not 300 times
    ("n" * 1_000_000, "goto", 3000, "E005"),
    ("n" * 100_000, "goto", 600, "E020"),  # 60 MB of repeated names: checked, promptly
])
def test_aliases_repeating_long_texts_stay_prompt(value, key, uses, code):
    started = time.perf_counter()
    result = ScenarioLoader().load_text(alias_file(value, uses, key), "alias.yaml")
    took = time.perf_counter() - started
    codes = {d.code.code for d in result.errors}
    assert (code in codes) if code else not codes, [d.format()[:200] for d in result.errors[:3]]
    assert took < 5, f"{took:.1f} s"
