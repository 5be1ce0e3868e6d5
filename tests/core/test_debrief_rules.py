"""Rules the debrief and the class overview show, decided in the core."""

from __future__ import annotations

from dataclasses import replace

from simulator.core.levels import Level
from simulator.core.progress import TraineeOverview
from simulator.core.scoring import StepReview

STEP = StepReview(number=1, node="a", customer="Hello", said="Sorry.", level=Level.LOW, feedback="", breach="",
                  best_say="Let me fix that now.", best_level=Level.WOW, mood_before=50, mood_after=40,
                  seconds=3.0, timed_out=False)


def test_the_best_reply_is_shown_only_where_the_trainee_did_not_give_it():
    assert STEP.shows_best
    assert not replace(STEP, said=STEP.best_say, level=Level.WOW).shows_best
    assert replace(STEP, said="", timed_out=True).shows_best  # silence never gave the best reply
    assert not replace(STEP, best_say="").shows_best  # nothing better was offered


def test_stuck_means_finished_twice_or_more_and_never_above_low():
    assert TraineeOverview.STUCK_AFTER == 2 and "twice" in TraineeOverview.STUCK_RULE
    assert not TraineeOverview.is_stuck(1, Level.LOW)
    assert TraineeOverview.is_stuck(2, Level.LOW) and TraineeOverview.is_stuck(5, Level.LOW)
    assert not TraineeOverview.is_stuck(3, Level.STANDARD) and not TraineeOverview.is_stuck(3, None)
