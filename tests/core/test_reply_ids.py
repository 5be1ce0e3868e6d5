"""``simulator ids``: ids written into the file in place, and nothing else changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.loader import ScenarioLoader
from simulator.core.reply_ids import add_ids, slug
from simulator.core.starter import starter_text
from tests.scenario_text import BASE

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
ID_LINE = re.compile(rb"^[ \t]+id: [a-z0-9-]+\r?\n", re.M)
ANY_ID = re.compile(rb"^([ \t]+id: )[a-z0-9-]+", re.M)

COMMENTED = """\
format: 1   # the format
id: t
title: 'T, quoted'
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
      # the low one
      - say: "Please fill in this form."   # a comment after the words
        level: low
        feedback: f1
        goto: end_low
      - say: >
          I can look it up
          right now.
        # a comment between keys
        level: standard
        feedback: f2
        goto: end_std
      -
        say: Your pills come first.
        level: wow
        feedback: f3
        goto: end_wow
      - {say: "Please fill in this form.", level: low, feedback: f4, if: mood > 90, goto: end_low, id: again}
  end_low:
    ending: {level: low}
  end_std:
    ending: {level: standard}
  end_wow:
    ending: {level: wow}
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _replies(path: Path):
    result = ScenarioLoader().load(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario.nodes["a"].replies


def test_ids_are_inserted_as_lines_and_the_rest_of_the_file_is_untouched(tmp_path):
    path = _write(tmp_path, COMMENTED)
    before = path.read_bytes()
    result, _ = add_ids(path)
    assert not result.refused and [i for _, i, _ in result.added] == ["fill-form", "look-right-now",
                                                                       "pills-come-first"]
    after = path.read_bytes()
    assert ID_LINE.sub(b"", after) == before  # only whole id lines were added
    lines = after.decode().splitlines()
    for node, new_id, line in result.added:
        assert lines[line - 1].strip() == f"id: {new_id}"
    assert lines[15] == "        id: fill-form" and lines[14].endswith("# a comment after the words")
    assert [r.id for r in _replies(path)] == ["fill-form", "look-right-now", "pills-come-first", "again"]
    assert _replies(path)[1].say == "I can look it up right now.\n"  # the folded text still reads the same


def test_a_second_run_finds_nothing_to_do(tmp_path):
    path = _write(tmp_path, COMMENTED)
    add_ids(path)
    once = path.read_bytes()
    result, new = add_ids(path)
    assert result.added == [] and not result.refused and new is None and path.read_bytes() == once


def test_flow_style_replies_get_the_id_after_the_brace(tmp_path):
    text = BASE.replace("      - say: One\n        level: low\n        feedback: f1\n        goto: end_low\n",
                        "      - {say: One, level: low, feedback: f1, goto: end_low}\n"
                        "      - {say: Two and a half,\n         level: low, feedback: f1, goto: end_low}\n")
    path = _write(tmp_path, text)
    result, _ = add_ids(path)
    assert not result.refused, result.refused
    text_after = path.read_text(encoding="utf-8")
    assert "      - {id: one, say: One, level: low" in text_after
    assert "      - {id: two-half, say: Two and a half,\n" in text_after
    assert [r.id for r in _replies(path)] == ["one", "two-half", "two", "three"]


def test_a_flow_list_of_replies_on_one_line(tmp_path):
    text = BASE.replace("end_wow\n  end_low:", "b\n  b:\n    customer: Then?\n    replies: [{say: Yes, level: wow, "
                        "feedback: x, goto: end_wow}, {\n      say: No, level: low, feedback: y, goto: end_low}]\n"
                        "  end_low:")
    path = _write(tmp_path, text)
    assert ScenarioLoader().load(path).ok
    result, _ = add_ids(path)
    assert not result.refused, result.refused
    after = path.read_text(encoding="utf-8")
    assert "    replies: [{id: yes, say: Yes, level: wow, feedback: x, goto: end_wow}, {\n      id: no, say: No," in after
    restored = ID_LINE.sub(b"", after.encode()).decode().replace("id: yes, ", "").replace("id: no, ", "")
    assert restored == text
    assert [r.id for r in ScenarioLoader().load(path).scenario.nodes["b"].replies] == ["yes", "no"]


def test_windows_line_breaks_and_a_byte_order_mark_are_kept(tmp_path):
    data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    path = _write(tmp_path, data)
    result, _ = add_ids(path)
    assert len(result.added) == 3
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert ID_LINE.sub(b"", after) == data


def test_a_file_with_errors_is_left_byte_for_byte(tmp_path):
    broken = BASE.replace("level: wow", "level: superb")
    path = _write(tmp_path, broken)
    result, new = add_ids(path)
    assert new is None and "errors" in result.refused and result.load.errors
    assert path.read_bytes() == broken.encode("utf-8")
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_reply_repeated_through_an_alias_is_refused_with_the_reason(tmp_path):
    text = BASE.replace("      - say: Three\n", "      - &third\n        say: Three\n") + \
        "  b:\n    customer: Again\n    replies:\n      - *third\n      - {say: Four, level: low, feedback: x, " \
        "goto: end_low}\n"
    text = text.replace("goto: end_std", "goto: b")
    path = _write(tmp_path, text)
    assert ScenarioLoader().load(path).ok
    result, new = add_ids(path)
    assert new is None and "alias" in result.refused and "write it out" in result.refused
    assert path.read_text(encoding="utf-8") == text


def test_slugs_are_short_unique_in_the_node_and_never_look_like_positions():
    assert slug("Let me look it up right now. May I see your tag?", set()) == "look-right-now"
    assert slug("Let me look it up right now.", {"look-right-now"}) == "look-right-now-2"
    assert slug("486 euros, today.", set()) == "r-486-euros-today"
    assert slug("Ça va? Très bien.", set()) == "tres-bien"
    assert slug("...", set()) == "reply"
    assert all(len(slug(w * 40, set())) <= 32 for w in ("word ", "x"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_reply_has_an_id_where_the_command_would_write_it(tmp_path, path):
    """Taking the id lines out of a bundled scenario and running the command puts an id line back
    exactly where each one was (an author may have chosen other names than the command's)."""
    bundled = path.read_bytes()
    assert add_ids(_write(tmp_path, bundled, "as-shipped.yaml"))[0].added == []
    stripped = ID_LINE.sub(b"", bundled)
    assert stripped != bundled
    copy = _write(tmp_path, stripped, path.name)
    result, _ = add_ids(copy)
    assert not result.refused
    assert ANY_ID.sub(rb"\1ID", copy.read_bytes()) == ANY_ID.sub(rb"\1ID", bundled)


def test_the_starter_scenario_has_an_id_on_every_reply(tmp_path):
    path = _write(tmp_path, starter_text("schema.json"))
    result = ScenarioLoader().load(path)
    assert result.ok and all(r.id for n in result.scenario.nodes.values() for r in n.replies)
    assert add_ids(path)[0].added == []


def test_the_command_line(tmp_path, capsys):
    good, bad = _write(tmp_path, BASE, "good.yaml"), _write(tmp_path, "format: 1\nid: [x\n", "bad.yaml")
    assert main(["ids", "--check", str(good)]) == 1
    assert "3 replies without an id" in capsys.readouterr().out
    assert good.read_text(encoding="utf-8") == BASE
    assert main(["ids", str(good)]) == 0
    out = capsys.readouterr().out
    assert f"{good}: added 3 ids" in out and "good.yaml:15: one (node 'a')" in out
    assert main(["ids", "--check", str(good)]) == 0
    assert main(["ids", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "left as it was: it has errors" in out and "E004" in out
    assert bad.read_text(encoding="utf-8") == "format: 1\nid: [x\n"


def test_a_change_that_would_not_load_the_same_is_never_written(tmp_path, monkeypatch):
    """The file is loaded again before it is written: an insertion that breaks it, or changes a
    reply, is refused (the safety net behind the placement rules)."""
    from simulator.core import reply_ids

    path = _write(tmp_path, BASE)
    monkeypatch.setattr(reply_ids, "_place", lambda text, starts, reply, new_id, where: (
        starts[reply.line - 1], "      - {say: [\n"))
    result, new = add_ids(path)
    assert new is None and "would make the file invalid" in result.refused
    monkeypatch.setattr(reply_ids, "_place", lambda text, starts, reply, new_id, where: (
        starts[reply.pairs[1][0].line - 1], f"        id: {new_id}\n        mood: 5\n"))
    result, new = add_ids(path)
    assert new is None and "would change the replies of node 'a'" in result.refused
    assert path.read_text(encoding="utf-8") == BASE
