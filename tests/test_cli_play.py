"""`simulator play`: headless play by a pick rule, printed as a transcript or as JSON, saved only for a trainee."""

from __future__ import annotations

import json

import pytest

from simulator.cli import main
from simulator.core.progress import DB_FILENAME, ProgressStore

SCENARIO = """\
format: 1
id: picks
title: Picks
customer:
  name: Ann
  organization: Shop
  wants: a refund
  expects: a refund
  yearly_value: 1000
  currency: EUR
start: d1
nodes:
  d1:
    customer: "My parcel never came."
    replies:
      - id: d1-low
        say: "Not our problem."
        level: low
        feedback: f
        goto: d2
      - id: d1-wow
        say: "I have found it already: it is at the depot, and I will bring it round myself tonight."
        level: wow
        feedback: f
        goto: d2
      - id: d1-std
        say: "Let me look up the tracking number for you."
        level: standard
        feedback: f
        goto: d2
  d2:
    customer: "And the refund?"
    replies:
      - id: d2-wow
        say: "Refunded, with the postage, and a voucher for the wait."
        level: wow
        feedback: f
        goto: d3
      - id: d2-low
        say: "Fill in a form."
        level: low
        feedback: f
        goto: d3
  d3:
    customer: "Anything else?"
    replies:
      - id: d3-std
        say: "That is all done now."
        level: standard
        feedback: f
        goto: end_std
      - id: d3-wow
        say: "I have noted that you work days, so the courier will come after six."
        level: wow
        feedback: f
        goto: end_wow
  end_std:
    customer: "Fine."
    ending: {level: standard, returns: 50}
  end_wow:
    customer: "Brilliant, thank you."
    ending: {level: wow, returns: 90}
"""


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "picks.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return str(path)


def played(capsys, scenario, pick, *extra):
    assert main(["play", scenario, "--pick", pick, "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("pick, ids", [
    ("wow", ["d1-wow", "d2-wow", "d3-wow"]),
    ("standard", ["d1-std", "d2-low", "d3-std"]),  # no Standard at d2: the nearest lower level
    ("low", ["d1-low", "d2-low", "d3-std"]),  # nothing at or below Low at d3: the first reply
    ("first", ["d1-low", "d2-wow", "d3-std"]),
    ("longest", ["d1-wow", "d2-wow", "d3-wow"]),
    ("shortest", ["d1-low", "d2-low", "d3-std"]),
    ("2,1,2", ["d1-wow", "d2-wow", "d3-wow"]),
    ("3,2,1", ["d1-std", "d2-low", "d3-std"]),
])
def test_each_pick_rule_takes_the_replies_it_promises(capsys, scenario, pick, ids):
    result = played(capsys, scenario, pick)
    assert [s["id"] for s in result["steps"]] == ids


def test_json_carries_the_path_result(capsys, scenario):
    result = played(capsys, scenario, "standard")
    assert result["level"] == "standard"
    assert result["score"] == round((60 + 0 + 60) / 3)
    assert result["band"] == "Low band 0-59: expectations not met"
    assert result["compliance"] == "passed" and result["compliance_passed"] is True
    profit = sum(1000 for _ in range(5)) * 0.20
    assert result["value_kept"] == pytest.approx(profit * 0.5)
    assert result["value_lost"] == pytest.approx(profit * 0.5)
    assert result["steps"][0] == {"node": "d1", "reply": "d1-std", "id": "d1-std", "level": "standard",
                                  "said": "Let me look up the tracking number for you.",
                                  "mood": result["steps"][0]["mood"]}
    assert [s["level"] for s in result["steps"]] == ["standard", "low", "standard"]
    assert result["attempt_id"] == ""  # no trainee: nothing saved


def test_text_prints_the_transcript_then_the_result(capsys, scenario):
    assert main(["play", scenario, "--pick", "wow"]) == 0
    out = capsys.readouterr().out
    order = ["Ann: My parcel never came.", "You: I have found it already", "Ann: And the refund?",
             "You: Refunded, with the postage", "You: I have noted that you work days", "Ann: Brilliant, thank you."]
    positions = [out.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Picks: wow (score 100/100 · WOW band 90-100: expectations exceeded; compliance passed)" in out
    assert "Saved" not in out


def test_a_trainee_gets_the_attempt_saved(capsys, scenario, tmp_path):
    folder = tmp_path / "data"
    result = played(capsys, scenario, "wow", "--trainee", "Ana", "--data-dir", str(folder))
    with ProgressStore(folder) as store:
        attempt = store.attempt(result["attempt_id"])
        assert attempt.status == "finished" and attempt.score == 100 and attempt.step_count == 3


def test_without_a_trainee_nothing_is_written(capsys, scenario, tmp_path):
    folder = tmp_path / "data"
    played(capsys, scenario, "low", "--data-dir", str(folder))
    assert not (folder / DB_FILENAME).exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_a_blank_trainee_is_refused_rather_than_played_unsaved(capsys, scenario, tmp_path, name):
    folder = tmp_path / "data"
    assert main(["play", scenario, "--pick", "wow", "--trainee", name, "--data-dir", str(folder)]) == 1
    assert "--trainee needs a name" in capsys.readouterr().err
    assert not (folder / DB_FILENAME).exists()


@pytest.mark.parametrize("pick, words", [("2,1", "2 reply number(s)"), ("9,1,1", "offers 3 replies, not 9"),
                                         ("best", "use wow, standard, low, longest, shortest, first"),
                                         ("0,1", "start at 1")])
def test_a_pick_that_cannot_be_followed_is_said_plainly(capsys, scenario, pick, words):
    assert main(["play", scenario, "--pick", pick]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
