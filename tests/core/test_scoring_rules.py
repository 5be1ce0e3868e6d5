"""The scoring rule a trainer reads: a pass band for Standard, weights, the deciding moment,
breaches that never pay, honest skills."""

from __future__ import annotations

from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from tests.scenario_text import load_text

THREE = """\
format: 1
id: three
title: Three
customer: {name: A, organization: O, wants: w, expects: e, yearly_value: 10000, yearly_growth: 2000,
           currency: EUR}
start: a
nodes:
  a:
    customer: c
    weight: 3
    replies:
      - {id: a-low, say: "No.", level: low, feedback: f, skills: [empathy], goto: b_low}
      - {id: a-std, say: "Fine.", level: standard, feedback: f, skills: [clarity], goto: b}
      - {id: a-wow, say: "Sure.", level: wow, feedback: f, skills: [empathy, ownership], goto: b}
  b:
    customer: c
    replies:
      - {id: b-std, say: "Okay.", level: standard, feedback: f, goto: end_std}
      - {id: b-wow, say: "Yes.", level: wow, feedback: f, goto: end_wow}
      - {id: b-bad, say: "Skip it.", level: low, breach: "skipped the check", BREACH_COST feedback: f, goto: end_wow}
  b_low:
    customer: c
    replies:
      - {id: c-std, say: "Okay.", level: standard, feedback: f, goto: end_std}
      - {id: c-wow, say: "Yes.", level: wow, feedback: f, goto: end_std}
  end_std: {customer: x, ending: {level: standard, returns: 50}}
  end_wow: {customer: x, ending: {level: wow, returns: 85}}
"""


def play(tmp_path, *replies, cost=""):
    result = load_text(THREE.replace("BREACH_COST ", cost), tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    session = PlaySession(result.scenario)
    for key in replies:
        session.choose(key)
    assert session.ended
    return session.result()


def test_expectations_met_at_every_decision_is_a_pass(tmp_path):
    r = play(tmp_path, "a-std", "b-std")
    assert (r.level, r.score) == (Level.STANDARD, 60)
    assert "60-89: expectations met" in r.explanation


def test_the_pivotal_decision_counts_its_weight(tmp_path):
    assert play(tmp_path, "a-wow", "b-std").score == 90  # (3 x 100 + 60) / 4
    assert play(tmp_path, "a-std", "b-wow").score == 70  # (3 x 60 + 100) / 4


def test_the_debrief_names_the_decision_that_set_the_level(tmp_path):
    r = play(tmp_path, "a-low", "c-wow")  # after the Low reply only a Standard ending is left
    assert r.level is Level.STANDARD and r.score == 25 and r.deciding == 1
    r = play(tmp_path, "a-wow", "b-std")  # WOW band, Standard ending: decision 2 closed the WOW ending
    assert r.level is Level.STANDARD and r.score == 90 and r.deciding == 2
    assert "decision 2 set the level" in r.explanation


def test_a_breach_never_keeps_more_than_the_book_and_its_cost_comes_off(tmp_path):
    book = play(tmp_path, "a-wow", "b-wow")
    broken = play(tmp_path, "a-wow", "b-bad")
    assert broken.level is Level.LOW and not broken.compliance_passed and broken.deciding == 2
    assert broken.value.kept <= book.value.kept
    costly = play(tmp_path, "a-wow", "b-bad", cost="breach_cost: 5000, ")
    assert costly.value.breach_cost == 5000 and costly.value.kept == broken.value.kept - 5000


def test_a_breach_that_would_pay_is_capped_at_the_best_path_by_the_book(tmp_path):
    text = THREE.replace("goto: end_wow}\n  b_low", "goto: end_top}\n  b_low").replace(
        "BREACH_COST ", "") + "  end_top: {customer: x, ending: {level: wow, returns: 95}}\n"
    result = load_text(text, tmp_path)
    assert any(d.code.code == "W111" for d in result.diagnostics)
    session = PlaySession(result.scenario)
    session.choose("a-wow")
    session.choose("b-bad")
    value = session.result().value
    assert value.capped and value.returns == 85 and value.kept == value.profit * 85 / 100


def test_skills_are_missed_only_where_a_better_reply_showed_them(tmp_path):
    perfect = play(tmp_path, "a-wow", "b-wow")
    assert all(t.missed == 0 for t in perfect.skills)
    middling = {t.skill: (t.shown, t.missed) for t in play(tmp_path, "a-std", "b-std").skills}
    # empathy is missed because the WOW reply showed it; the Low reply showing it too changes nothing
    assert middling == {"clarity": (1, 0), "empathy": (0, 1), "ownership": (0, 1)}
