"""The debrief's sentence on why the level and score are what they are reads as plain English,
whatever punctuation a scenario's own words bring."""

from __future__ import annotations

import pytest

from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from tests.scenario_text import load_text

CASH = """\
format: 1
id: cash
title: Cash
customer: {name: A, organization: O, wants: w, expects: e}
start: a
nodes:
  a:
    customer: c
    replies:
      - {id: a-std, say: "One moment.", level: standard, feedback: f, goto: b}
  b:
    customer: c
    replies:
      - {id: b-bad, say: "Here you are.", level: low, feedback: f, goto: done, breach: BREACH}
  done: {customer: x, ending: {level: wow}}
"""


@pytest.mark.parametrize("breach", [
    "Started a cash withdrawal without checking an original identity document (anti-money-laundering law).",
    "Started a cash withdrawal without checking an original identity document (anti-money-laundering law)",
])
def test_a_breach_in_its_own_words_brackets_and_all_ends_its_own_sentence(tmp_path, breach):
    """The breach's words once stood in brackets with the decision's number after them:
    '... (anti-money-laundering law). (decision 2)), and a single breach ...'."""
    result = load_text(CASH.replace("BREACH", f'"{breach}"'), tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    session = PlaySession(result.scenario)
    session.choose("a-std")
    session.choose("b-bad")
    r = session.result()
    assert r.level is Level.LOW and r.score == 30
    assert r.explanation == (
        "Low: you broke a rule at decision 2: Started a cash withdrawal without checking an original identity "
        "document (anti-money-laundering law). A single breach fails the attempt however happy the customer is; "
        "your replies scored 30/100 (0-59: expectations not met; WOW 100, Standard 60 and Low 0 a decision).")
    assert r.breaches == [breach + " (decision 2)"]  # the list of breaches keeps its form
