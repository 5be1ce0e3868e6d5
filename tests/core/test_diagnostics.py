"""Every diagnostic code: a file that triggers it, and the line it is reported on."""

from __future__ import annotations

import pytest

from simulator.core import diagnostics as dx
from tests.scenario_text import BASE, edit, load_text

# code -> (scenario text, expected line, a word the message or hint must contain)
CASES: dict[str, tuple[str, int, str]] = {
    "E004": ("format: 1\nid: [unclosed\ntitle: x\n", 3, "bracket"),
    "E006": (edit(replace={3: "title: !!python/object:os.system x"}), 3, "tag"),
    "E007": ("# only a comment\n", 1, "empty"),
    "E008": ("- one\n- two\n", 1, "set of keys"),
    "E009": (edit(replace={1: "format: 2"}), 1, "format"),
    "E010": (edit(replace={15: "        feedback: f0"}), 14, "level"),
    "E011": (edit(replace={16: "        feedbak: f1"}), 16, "did you mean 'feedback'"),
    "E012": (edit(insert={16: "        feedback: again"}), 17, "line 16"),
    "E013": (edit(replace={12: "    customer: [a, b]"}), 12, "text"),
    "E014": (edit(insert={8: "  mood: 150"}), 9, "from 0 to 100"),
    "E015": (edit(replace={15: "        level: lowish"}), 15, "did you mean 'low'"),
    "E016": (edit(insert={16: "        skills: [empaty]"}), 17, "did you mean 'empathy'"),
    "E020": (edit(replace={17: "        goto: end_loww"}), 17, "did you mean 'end_low'"),
    "E021": (edit(insert={16: "        if: mood <"}), 17, "number"),
    "E022": (edit(replace={25: "        goto: a"}), 11, "a -> a"),
    "E023": (edit(insert={8: "  portrait: ../../etc/face.png"}), 9, "folder"),
    "E024": (edit(insert={16: "", 12: "    ending: {level: low}"}), 13, "both"),
    "E025": (edit(replace={17: "        goto:\n          - if: mood < 10\n            then: end_low"}), 18, "else"),
    "E026": (edit(replace={14: "      - say: One\n        if: mood > 90", 18: "      - say: Two\n        if: mood > 90",
                           22: "      - say: Three\n        if: mood > 90"}), 11, "no reply"),
    "E027": (edit(insert={16: "        breach: skipped the identity check"}, replace={15: "        level: wow"}), 14, "low"),
    "E028": (edit(replace={9: "start: end_low"}), 26, "start"),
    "W101": (BASE + "  orphan:\n    customer: hi\n    replies:\n      - {say: x, level: low, feedback: y, goto: end_low}\n"
                    "      - {say: z, level: wow, feedback: y, goto: end_wow}\n", 32, "no reply"),
    "W102": (BASE.replace("        goto: end_wow", "        goto: limbo") + "  limbo:\n    customer: hm\n", 32, "loose end"),
    "W103": (BASE + "  spare_end:\n    ending: {level: wow}\n", 32, "spare_end"),
    "W104": (BASE.replace("ending: {level: standard}", "ending: {level: low}"), 11, "Standard"),
    "W105": (edit(replace={20: ""}), 18, "feedback"),
    "W106": (edit(replace={n: "" for n in range(18, 26)}).replace("\n\n" * 4, "\n")
             .replace("    ending: {level: standard}", "    ending: {level: standard}"), 11, "single"),
    "W107": (edit(insert={8: "  portrait: nobody_by_that_name"}), 9, "neutral"),
    "W108": (edit(insert={16: "        if: asked_id"}), 14, "asked_id"),
    "W109": (edit(replace={18: "      - say: One"}), 18, "line 14"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_reported_at_its_line(code, tmp_path):
    text, line, word = CASES[code]
    result = load_text(text, tmp_path)
    found = [d for d in result.diagnostics if d.code.code == code]
    assert found, f"{code} not reported; got: " + "; ".join(d.format() for d in result.diagnostics)
    assert found[0].line == line, found[0].format()
    assert word.lower() in (found[0].message + " " + found[0].hint).lower(), found[0].format()
    assert found[0].file.endswith("s.yaml")
    if found[0].is_error:
        assert result.scenario is None


def test_every_code_has_a_case():
    """File-level codes are checked in test_hostile_input, the analysis limit and duplicate ids (which
    need a generated file or several files) in test_hardening, a giveaway cue (W110) in test_cues, a
    breach that pays (W111) in test_scoring_rules and test_analysis_exact; every other code is in CASES."""
    file_level = {"E001", "E002", "E003", "E005"}
    elsewhere = {"E029", "E030", "W110", "W111"}
    assert {c.code for c in dx.all_codes()} - file_level - elsewhere == set(CASES)


def test_reply_ids_duplicate_and_digits_only_are_reported_where_written(tmp_path):
    text = edit(insert={14: "        id: ask", 18: "        id: ask", 22: "        id: '3'"})
    diagnostics = load_text(text, tmp_path).diagnostics
    found = [(d.code.code, d.line) for d in diagnostics]
    assert ("E012", 20) in found and ("E014", 25) in found, found
    assert "line 15" in next(d.hint for d in diagnostics if d.code.code == "E012")  # where the first id is


def test_reply_ids_are_identities_and_keys_never_collide_with_them(tmp_path):
    result = load_text(edit(insert={18: "        id: ask-twice"}), tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    replies = result.scenario.nodes["a"].replies
    assert [r.id for r in replies] == ["", "ask-twice", ""]
    assert [r.key for r in replies] == ["#1", "ask-twice", "#3"]


def test_base_scenario_is_clean(tmp_path):
    result = load_text(BASE, tmp_path)
    assert result.diagnostics == []
    assert result.ok


def test_all_problems_are_collected_in_one_pass(tmp_path):
    text = edit(replace={15: "        level: lowish", 16: "        feedbak: f1", 21: "        goto: nowhere"})
    codes = sorted(d.code.code for d in load_text(text, tmp_path).diagnostics)
    assert codes == ["E011", "E015", "E020", "W105"]


def test_cycle_message_shows_the_loop(tmp_path):
    text = BASE + "  b:\n    customer: x\n    replies:\n      - {say: p, level: low, feedback: q, goto: c}\n" \
                  "      - {say: r, level: wow, feedback: q, goto: end_wow}\n" \
                  "  c:\n    customer: y\n    replies:\n      - {say: p, level: low, feedback: q, goto: b}\n" \
                  "      - {say: r, level: wow, feedback: q, goto: end_wow}\n"
    text = text.replace("        goto: end_std", "        goto: b")
    cycle = [d for d in load_text(text, tmp_path).diagnostics if d.code is dx.CYCLE]
    assert len(cycle) == 1
    assert "b -> c -> b" in cycle[0].message


def test_format_line_of_diagnostic():
    d = dx.Diagnostic(dx.UNKNOWN_KEY, "unknown key 'x'", "f.yaml", 3, 5, "did you mean 'y'?")
    assert d.format() == "f.yaml:3:5: error E011: unknown key 'x'\n    hint: did you mean 'y'?"
    assert d.to_json()["code"] == "E011" and d.to_json()["severity"] == "error"


def test_plain_words_are_text_not_booleans(tmp_path):
    """YAML 1.1 reads 'No' as false; in a scenario it is what the customer says."""
    result = load_text(edit(replace={12: "    customer: No", 14: "      - say: yes"}), tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    node = result.scenario.nodes["a"]
    assert node.customer == "No" and node.replies[0].say == "yes"


def test_a_node_whose_second_reply_has_an_invalid_level_is_not_called_a_single_reply(tmp_path):
    """Two replies are written; the loader drops the one with `level: lowish` (E015): no W106 about it."""
    text = edit(replace={n: "" for n in range(22, 26)}).replace("level: standard", "level: lowish")
    result = load_text(text, tmp_path)
    codes = [d.code.code for d in result.diagnostics]
    assert "E015" in codes and "W106" not in codes, [d.format() for d in result.diagnostics]
    single = load_text(edit(replace={n: "" for n in range(18, 26)}), tmp_path, "one.yaml")  # one reply written
    assert "W106" in [d.code.code for d in single.diagnostics]
