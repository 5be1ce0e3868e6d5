"""Replay after an author's edit matches replies by identity, never by position.

Every bundled scenario, on several paths: a reply on the path (or a sibling of it) is removed,
moved, joined by a new one, or given another level or other words; the saved choices are then
replayed on the edited scenario. It must never continue with a reply whose words or level differ
from what was saved, must stop exactly where the edit touched the reply given, and must replay in
full when the edit only touched its siblings. Both with the bundled ids and with the ids taken
out (replies then known by their exact words).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from simulator.core.analysis import analyze
from simulator.core.conditions import parse_condition
from simulator.core.engine import Choice, PlaySession, Stop
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader
from simulator.core.model import Reply, Scenario

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
EDITS = ("remove-chosen", "remove-sibling", "reverse", "insert-first", "insert-same-words", "change-level",
         "change-words", "swap-words")


def _expected_stop(kind: str, with_ids: bool) -> Stop | None:
    """Where the edit touched the reply given: by id, new words or level are a changed reply; by words,
    new words are another reply (the one given is gone) and a swap of words moves the reply."""
    if kind == "remove-chosen":
        return Stop.REMOVED
    if kind == "change-level":
        return Stop.CHANGED
    if kind == "change-words":
        return Stop.CHANGED if with_ids else Stop.REMOVED
    if kind == "swap-words":
        return Stop.CHANGED if with_ids else None
    return None


def _load(path: Path) -> Scenario:
    result = ScenarioLoader(analyze=False).load(path)
    assert result.ok, [d.format() for d in result.errors]
    return result.scenario


def _without_ids(scenario: Scenario) -> Scenario:
    nodes = {nid: replace(n, replies=[replace(r, id="", key=f"#{r.index + 1}") for r in n.replies])
             for nid, n in scenario.nodes.items()}
    return replace(scenario, nodes=nodes)


def _with_replies(scenario: Scenario, node_id: str, replies: list[Reply]) -> Scenario:
    """The scenario as the loader would give it after the author rewrote one node's replies."""
    renumbered = [replace(r, index=i, key=r.id or f"#{i + 1}") for i, r in enumerate(replies)]
    nodes = dict(scenario.nodes)
    nodes[node_id] = replace(scenario.nodes[node_id], replies=renumbered)
    return replace(scenario, nodes=nodes, digest="edited")


def _other_level(level: Level) -> Level:
    return Level.WOW if level is not Level.WOW else Level.LOW


def _edit(scenario: Scenario, node_id: str, chosen: Reply, kind: str) -> Scenario | None:
    replies = list(scenario.nodes[node_id].replies)
    at = replies.index(chosen)
    others = [r for r in replies if r is not chosen]
    if kind == "remove-chosen":
        replies.remove(chosen)
    elif kind == "remove-sibling":
        if not others:
            return None
        replies.remove(others[0])
    elif kind == "reverse":
        replies.reverse()
    elif kind in ("insert-first", "insert-same-words"):
        words = chosen.say if kind == "insert-same-words" else "A reply the author added later."
        if kind == "insert-same-words" and not chosen.id:
            return None  # two replies without ids and the same words: W109, and the replay says it cannot tell
        new_id = "added-later" if chosen.id else ""
        replies.insert(0, replace(chosen, say=words, level=_other_level(chosen.level), id=new_id))
    elif kind == "change-level":
        replies[at] = replace(chosen, level=_other_level(chosen.level))
    elif kind == "change-words":
        replies[at] = replace(chosen, say=chosen.say + " Right away.")
    elif kind == "swap-words":  # the chosen reply takes a sibling's words and level: the position stays
        if not others:
            return None
        replies[at] = replace(chosen, say=others[0].say, level=others[0].level)
        replies[replies.index(others[0])] = replace(others[0], say=chosen.say, level=chosen.level)
    return _with_replies(scenario, node_id, replies)


def _paths(scenario: Scenario) -> list[list[int]]:
    """The canonical Low / Standard / WOW paths and two seeded random ones, as picks among the offered."""
    paths = []
    for path in analyze(scenario).canonical.values():
        session = PlaySession(scenario)
        assert session.replay(path.choices).complete
        paths.append([s.offered.index(s.reply) if s.reply else -1 for s in session.steps])
    rng = random.Random(scenario.id)
    for _ in range(2):
        session, picks = PlaySession(scenario), []
        while not session.ended:
            pick = rng.randrange(len(session.available_replies())) if session.available_replies() else -1
            session.time_out() if pick < 0 else session.choose(pick)
            picks.append(pick)
        paths.append(picks)
    return paths


def _saved(scenario: Scenario, picks: list[int]) -> list[Choice]:
    session = PlaySession(scenario)
    for pick in picks:
        session.time_out() if pick < 0 else session.choose(pick, 1.5)
    text = json.dumps(session.to_json(), allow_nan=False)  # what is stored: standard JSON
    return [Choice.from_json(c) for c in json.loads(text)["choices"]]


@pytest.mark.parametrize("with_ids", [True, False], ids=["ids", "words"])
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_replay_after_an_edit_never_continues_with_another_reply(path, with_ids):
    original = _load(path)
    if not with_ids:
        original = _without_ids(original)
    else:
        assert all(r.id for n in original.nodes.values() for r in n.replies)
    replays = 0
    for picks in _paths(original):
        saved = _saved(original, picks)
        for k, choice in enumerate(saved):
            if choice.reply is None:
                continue
            chosen = next(r for r in original.nodes[choice.node].replies if r.say == choice.say)
            for kind in EDITS:
                edited = _edit(original, choice.node, chosen, kind)
                if edited is None:
                    continue
                report = PlaySession(edited).replay(saved)
                replays += 1
                steps = report.session.steps
                for step, was in zip(steps, saved):  # never another reply
                    assert step.node == was.node
                    if was.reply is not None:
                        assert (step.reply.say, step.level.value) == (was.say, was.level), (kind, k)
                want = _expected_stop(kind, with_ids)
                if want is not None:
                    assert report.applied == k and not report.complete, (kind, k, report.message)
                    assert report.stop.node == choice.node and report.stop.kind is want, (kind, report.stop)
                    assert f"The reply you gave at '{choice.node}' has been" in report.message
                elif kind == "swap-words":  # known by its words, the reply now written elsewhere is the same one
                    assert report.applied > k, (kind, k, report.message)
                else:
                    assert report.complete, (kind, k, report.message)
    assert replays >= 20


def test_the_reported_case_deleting_the_first_reply_of_the_opening_stops_the_resume(tmp_path):
    """bereaved-traveller: reply 1 at 'opening' chosen; the author deletes reply 1 from the file."""
    from simulator.core.progress import ProgressStore

    source = (ROOT / "scenarios" / "bereaved-traveller.yaml").read_text(encoding="utf-8")
    scenario = ScenarioLoader().load_text(source, "b.yaml").scenario
    with ProgressStore(tmp_path / "data") as store:
        ann = store.add_trainee("Ann")
        attempt = store.start_attempt(ann.id, scenario, "practice")
        session = PlaySession(scenario)
        store.record_step(attempt, session.choose(0, 2.0))
        [saved] = store.steps(attempt)
        assert saved.reply == scenario.nodes["opening"].replies[0].id != ""
        lines = source.splitlines(keepends=True)
        first = next(i for i, line in enumerate(lines) if "once a credit is issued" in line.lower())
        end = next(i for i in range(first + 1, len(lines)) if lines[i].lstrip().startswith("- say:"))
        edited = ScenarioLoader().load_text("".join(lines[:first] + lines[end:]), "b.yaml").scenario
        assert edited.nodes["opening"].replies[0].say == scenario.nodes["opening"].replies[1].say
        report = store.resume_session(attempt, edited)
        assert report.applied == 0 and report.session.steps == []
        assert report.message == ("The reply you gave at 'opening' has been removed by the author; "
                                  "you continue from there.")
        new_id = store.rebase_attempt(attempt, report.applied, edited.digest)
        assert new_id != attempt and store.steps(new_id) == []
        assert store.attempt(attempt).status == "abandoned" and store.steps(attempt) == [saved]


def test_older_saves_naming_replies_by_position_are_matched_by_their_words(tmp_path):
    """Stores written before ids counted replies from 1: '2' is a position, never trusted as such."""
    scenario = _load(ROOT / "docs" / "examples" / "lost-luggage.yaml")
    second = scenario.nodes["arrival"].replies[1]
    old = Choice("arrival", "2", second.say, 3.0, second.level.value)
    assert PlaySession(scenario).replay([old]).complete
    moved = _with_replies(scenario, "arrival", list(reversed(scenario.nodes["arrival"].replies)))
    report = PlaySession(moved).replay([old])
    assert report.complete and report.session.steps[0].reply.say == second.say
    other_words = Choice("arrival", "2", "Something no reply says.", 3.0, "standard")
    assert PlaySession(scenario).replay([other_words]).stop.kind is Stop.REMOVED


def test_a_reply_no_longer_offered_stops_the_replay(tmp_path):
    scenario = _load(ROOT / "docs" / "examples" / "lost-luggage.yaml")
    session = PlaySession(scenario)
    session.choose(0)
    kit = next(r for r in scenario.nodes["pills"].replies if r.condition is not None)
    session.choose(kit)
    now_hidden = replace(kit, condition=parse_condition("pills_sorted"))  # reply 1 at 'arrival' does not set it
    replies = [now_hidden if r is kit else r for r in scenario.nodes["pills"].replies]
    report = PlaySession(_with_replies(scenario, "pills", replies)).replay(session.choices)
    assert report.applied == 1 and report.stop.kind is Stop.NOT_OFFERED
    assert report.message == "The reply you gave at 'pills' is no longer offered there; you continue from there."


# -- the same edits made to the file's text, loaded again ----------------------------------------


def _block(lines: list[str], node, i: int) -> tuple[int, int]:
    """Line indices [start, end) of reply ``i`` of ``node`` in the file."""
    replies = node.replies
    start = replies[i].pos.line - 1
    if i + 1 < len(replies):
        return start, replies[i + 1].pos.line - 1
    dash = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > dash):
        end += 1
    return start, end


def _text_edit(text: str, node, chosen_index: int, kind: str) -> str:
    lines = text.splitlines(keepends=True)
    first, _ = _block(lines, node, 0)
    start, end = _block(lines, node, chosen_index)
    block = lines[start:end]
    chosen = node.replies[chosen_index]
    if kind == "remove-chosen":
        return "".join(lines[:start] + lines[end:])
    if kind == "move-first":
        rest = lines[:start] + lines[end:]
        return "".join(rest[:first] + block + rest[first:])
    if kind == "insert-first":
        added = [re.sub(r"id: \S+", "id: added-later", line) for line in block]
        added = [re.sub(r"level: \w+", f"level: {_other_level(chosen.level).value}", line) for line in added]
        words = chosen.say.split("\n")[0][:12]
        added = "".join(added).replace(words, "Added later. " + words, 1)
        return "".join(lines[:first]) + added + "".join(lines[first:])
    if kind == "change-level":
        edited = [re.sub(r"level: \w+", f"level: {_other_level(chosen.level).value}", line, count=1) for line in block]
        return "".join(lines[:start] + edited + lines[end:])
    words = chosen.say.split("\n")[0][:12]
    return "".join(lines[:start]) + "".join(block).replace(words, "Honestly, " + words, 1) + "".join(lines[end:])


TEXT_EDITS = {"remove-chosen": Stop.REMOVED, "move-first": None, "insert-first": None,
              "change-level": Stop.CHANGED, "change-words": Stop.CHANGED}


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_the_same_edits_written_into_the_file_never_replay_another_reply(path):
    text = path.read_text(encoding="utf-8")
    loader = ScenarioLoader(analyze=False)
    original = loader.load_text(text, str(path)).scenario
    checked = 0
    for level, canonical in analyze(original).canonical.items():
        if level is Level.STANDARD:
            continue
        saved = [Choice.from_json(c) for c in json.loads(json.dumps([c.to_json() for c in canonical.choices]))]
        for k, choice in enumerate(saved):
            if choice.reply is None:
                continue
            node = original.nodes[choice.node]
            index = next(i for i, r in enumerate(node.replies) if r.id == choice.reply)
            for kind, want in TEXT_EDITS.items():
                result = loader.load_text(_text_edit(text, node, index, kind), str(path))
                if not result.ok:
                    continue  # e.g. removing the reply left a flag never set: the author would fix that first
                edited = result.scenario
                if kind in ("change-level", "change-words"):
                    now = next(r for r in edited.nodes[choice.node].replies if r.id == choice.reply)
                    assert (now.say, now.level.value) != (choice.say, choice.level), kind
                report = PlaySession(edited).replay(saved)
                checked += 1
                for step, was in zip(report.session.steps, saved):
                    if was.reply is not None:
                        assert (step.reply.id, step.reply.say, step.level.value) == (was.reply, was.say, was.level)
                if want is None:
                    assert report.complete, (kind, k, report.message)
                else:
                    assert report.applied == k and report.stop.kind is want, (kind, k, report.message)
    assert checked >= 10
