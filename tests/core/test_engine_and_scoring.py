from __future__ import annotations

import json

import pytest

from simulator.core.conditions import ConditionError, parse_condition
from simulator.core.engine import Choice, PlayError, PlaySession
from simulator.core.levels import Emotion, Level, emotion_for_mood
from simulator.core.model import Customer
from simulator.core.scoring import LifetimeValue, score_of
from tests.scenario_text import BASE, load_text

TWO_STEP = """\
format: 1
id: two
title: Two steps
customer: {name: Ann, organization: Bank, wants: cash, expects: cash, mood: 50, yearly_value: 10000,
           yearly_growth: 2000}
start: ask
nodes:
  ask:
    customer: "I need 20,000 in cash now."
    timeout: {seconds: 5, mood: -10, feedback: She taps the counter., goto: wait}
    replies:
      - {say: "Here you go, no questions.", level: low, mood: 30, breach: no source-of-funds form, feedback: She grins., goto: wait}
      - {say: "I need your ID first.", level: standard, mood: -5, feedback: She sighs., sets: [asked_id], goto: wait}
      - {say: "Let's do this safely and fast.", level: wow, mood: 10, skills: [empathy, compliance], feedback: She nods., sets: [asked_id], goto: wait}
  wait:
    customer: "Well?"
    replies:
      - {say: "Done.", level: standard, feedback: ok, skills: [clarity], goto: {}}
      - {say: "Anything else?", level: wow, if: asked_id, feedback: ok, skills: [follow_up], goto: {}}
  happy:
    customer: "Thanks!"
    ending: {level: wow, returns: 90, title: Sorted}
  meh:
    customer: "Fine."
    ending: {level: standard, returns: 60}
  angry:
    customer: "Unbelievable."
    ending: {level: low, returns: 10}
""".replace("goto: {}}", "goto: [{if: mood >= 60, then: happy}, {if: mood < 30, then: angry}, {else: meh}]}")


@pytest.fixture
def scenario(tmp_path):
    result = load_text(TWO_STEP, tmp_path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


def test_play_to_a_wow_ending(scenario):
    s = PlaySession(scenario)
    assert [r.say for r in s.available_replies()] == [r.say for r in scenario.nodes["ask"].replies]
    s.choose(2)
    assert s.mood == 60 and s.flags == {"asked_id"}
    assert len(s.available_replies()) == 2  # the conditional reply is now on offer
    s.choose("#2")  # an in-memory key: the second reply on offer has no id
    assert s.ended and s.node.id == "happy"
    r = s.result()
    assert r.level is Level.WOW and r.score == 100 and r.compliance_passed
    assert r.mood_curve == [50, 60, 60]
    assert r.closing_words == "Thanks!"
    assert "WOW" in r.explanation and "Sorted" in r.explanation
    # an all-WOW path misses nothing: a skill is missed only where a better reply showed it
    assert {t.skill: (t.shown, t.missed) for t in r.skills} == {"empathy": (1, 0), "compliance": (1, 0),
                                                               "follow_up": (1, 0)}


def test_breach_fails_the_attempt_however_happy(scenario):
    s = PlaySession(scenario)
    s.choose(0)  # the pleasing breach: mood 80
    s.choose(0)
    r = s.result()
    assert s.node.id == "happy"
    assert r.level is Level.LOW and not r.compliance_passed
    assert r.breaches == ["no source-of-funds form (decision 1)"]
    assert "broke a rule" in r.explanation
    assert r.steps[0].best_say == "Let's do this safely and fast." and r.steps[0].best_level is Level.WOW


def test_conditional_reply_hidden_without_flag(scenario):
    s = PlaySession(scenario)
    s.choose(0)
    assert [r.say for r in s.available_replies()] == ["Done."]
    with pytest.raises(PlayError):
        s.choose("#2")


def test_timeout_counts_as_low_and_takes_its_route(scenario):
    s = PlaySession(scenario)
    step = s.time_out()
    assert step.reply is None and step.level is Level.LOW and s.node.id == "wait" and s.mood == 40
    s.choose(0)
    r = s.result()
    assert s.node.id == "meh" and r.score == 30 and r.steps[0].timed_out  # Low 0 and Standard 60
    assert r.steps[0].feedback == "She taps the counter."


def test_time_out_without_limit_is_refused(scenario):
    s = PlaySession(scenario)
    s.choose(1)
    with pytest.raises(PlayError):
        s.time_out()


def test_undo_restores_mood_flags_and_node(scenario):
    s = PlaySession(scenario)
    s.choose(2)
    s.choose(1)
    assert s.ended
    assert s.undo() and s.node.id == "wait" and s.mood == 60 and not s.ended
    assert s.undo() and s.node.id == "ask" and s.mood == 50 and s.flags == frozenset()
    assert not s.undo()


def test_json_round_trip(scenario):
    s = PlaySession(scenario)
    s.choose(1, seconds=3.5)
    data = json.loads(json.dumps(s.to_json()))
    report = PlaySession.from_json(scenario, data)
    assert report.complete
    assert report.session.node.id == "wait" and report.session.mood == 45
    assert report.session.choices == s.choices and report.session.choices[0].seconds == 3.5


def test_replay_after_reordering_uses_ids_and_words(tmp_path, scenario):
    s = PlaySession(scenario)
    s.choose(2)
    changed = TWO_STEP.replace(
        '      - {say: "I need your ID first."', '      - {say: "New first reply.", level: low, feedback: x, goto: wait}\n'
                                                  '      - {say: "I need your ID first."')
    new = load_text(changed, tmp_path, "changed.yaml").scenario
    report = PlaySession.from_json(new, s.to_json())
    assert report.complete and report.session.node.id == "wait" and report.session.mood == 60


def test_replay_stops_with_a_reason_when_a_reply_is_gone(tmp_path, scenario):
    s = PlaySession(scenario)
    s.choose(2)
    s.choose(1)
    gone = "\n".join(line for line in TWO_STEP.split("\n") if "Anything else?" not in line)
    new = load_text(gone, tmp_path, "c.yaml").scenario
    report = PlaySession.from_json(new, s.to_json())
    assert report.applied == 1 and report.requested == 2
    assert report.message == ("The reply you gave at 'wait' has been removed by the author; "
                              "you continue from there.")
    assert [st.node for st in report.session.steps] == ["ask"] and report.session.node.id == "wait"


def test_replay_stops_before_a_reply_whose_words_were_edited(tmp_path, scenario):
    """Replies without an id are known by their exact words: new words are another reply."""
    s = PlaySession(scenario)
    s.choose(2)
    new = load_text(TWO_STEP.replace("Let's do this safely and fast.", "Let's do this safely."), tmp_path, "e.yaml")
    report = PlaySession.from_json(new.scenario, s.to_json())
    assert not report.complete and report.applied == 0 and report.session.steps == []
    assert "'ask' has been removed by the author" in report.message


def test_replay_by_id_tells_a_changed_reply_from_a_removed_one(tmp_path):
    text = TWO_STEP.replace('{say: "Let\'s do this', '{id: safe-fast, say: "Let\'s do this')
    assert "id: safe-fast" in text
    scenario = load_text(text, tmp_path).scenario
    s = PlaySession(scenario)
    s.choose("safe-fast")
    assert s.choices[0].reply == "safe-fast" and s.choices[0].level == "wow"
    moved = text.replace("level: wow, mood: 10", "level: standard, mood: 10")
    report = PlaySession.from_json(load_text(moved, tmp_path, "m.yaml").scenario, s.to_json())
    assert report.applied == 0 and report.message == ("The reply you gave at 'ask' has been changed by the author; "
                                                      "you continue from there.")
    reworded = text.replace("safely and fast", "safely, and fast")
    report = PlaySession.from_json(load_text(reworded, tmp_path, "w.yaml").scenario, s.to_json())
    assert report.applied == 0 and "has been changed" in report.message
    renamed = text.replace("safe-fast", "careful")
    report = PlaySession.from_json(load_text(renamed, tmp_path, "r.yaml").scenario, s.to_json())
    assert report.applied == 0 and "has been removed" in report.message


def test_transcript_marks_speakers(scenario):
    s = PlaySession(scenario)
    s.choose(1)
    lines = s.transcript()
    assert [l.speaker for l in lines] == ["customer", "employee", "customer"]
    assert lines[1].level is Level.STANDARD


def test_play_from_any_node_with_mood_and_flags(scenario):
    s = PlaySession(scenario, start="wait", mood=10, flags=["asked_id"])
    assert len(s.available_replies()) == 2
    s.choose(0)
    assert s.node.id == "angry"


def test_emotion_follows_mood_unless_overridden(tmp_path):
    result = load_text(BASE.replace("    customer: Hello", "    customer: Hello\n    emotion: angry"), tmp_path)
    s = PlaySession(result.scenario)
    assert s.emotion is Emotion.ANGRY
    assert [emotion_for_mood(m) for m in (0, 19, 20, 45, 65, 80, 100)] == [
        Emotion.ANGRY, Emotion.ANGRY, Emotion.UPSET, Emotion.NEUTRAL, Emotion.PLEASED, Emotion.DELIGHTED,
        Emotion.DELIGHTED]


def test_choice_json():
    c = Choice("n", None, "", 4.0)
    assert Choice.from_json(c.to_json()) == c


def test_score_rule():
    assert score_of(0, 3) == 0
    assert score_of(300, 3) == 100
    assert score_of(3 * 60, 3) == 60  # expectations met at every decision: a pass
    assert score_of(4 * 100 + 2 * 60, 6) == 87  # four WOW, two Standard: 520 / 6 = 86.67, rounded up
    assert score_of(100 + 0, 2) == 50
    assert score_of(3 * 100 + 60, 3 + 1) == 90  # a WOW at a decision of weight 3 and one Standard
    assert score_of(0, 0) == 0


def test_score_bands_agree_with_the_levels():
    from simulator.core.scoring import POINTS, band_of, band_text

    assert [band_of(s) for s in (0, 59, 60, 89, 90, 100)] == [Level.LOW, Level.LOW, Level.STANDARD,
                                                              Level.STANDARD, Level.WOW, Level.WOW]
    assert all(band_of(POINTS[level]) is level for level in Level)  # a path all at one level is in its band
    assert band_text(Level.STANDARD) == "60-89: expectations met"


def test_lifetime_value_of_the_classic_exercise():
    value = LifetimeValue.of(Customer(yearly_value=10000, yearly_growth=2000), returns=30)
    assert value.revenue == 70000 and value.profit == 14000
    assert value.kept == pytest.approx(4200) and value.lost == pytest.approx(9800)


@pytest.mark.parametrize("text,mood,flags,expected", [
    ("mood < 20", 19, set(), True),
    ("mood < 20", 20, set(), False),
    ("mood >= 60 and asked", 60, {"asked"}, True),
    ("mood >= 60 and asked", 60, set(), False),
    ("not asked or mood == 5", 5, {"asked"}, True),
    ("not (asked or mood != 5)", 5, set(), True),
    ("a and b or c", 0, {"c"}, True),
    ("a and (b or c)", 0, {"c"}, False),
    ("mood > -1", 0, set(), True),
])
def test_conditions(text, mood, flags, expected):
    assert parse_condition(text).holds(mood, frozenset(flags)) is expected


@pytest.mark.parametrize("text", ["mood <", "mood = 5", "a and", "(a", "a b", "__import__('os')", "Flag", "mood < x",
                                  "a; b", ""])
def test_bad_conditions(text):
    with pytest.raises(ConditionError):
        parse_condition(text)
