"""The spaced-review rule: pure functions of their arguments."""

from __future__ import annotations

from datetime import date, timedelta

from simulator.core.levels import Level
from simulator.core.progress import LADDER_DAYS, RETRY_AFTER, ReviewState, fold, next_review, streaks
from simulator.core.progress.schedule import NO_RUNG

from .conftest import T0

DAY = timedelta(days=1)


def test_wow_on_time_climbs_the_ladder_1_3_7_21_60_then_stays_at_60():
    state, now, intervals = None, T0, []
    for _ in range(7):
        state = next_review(state, Level.WOW, True, now)
        intervals.append((state.due_at - now).days)
        now = state.due_at  # played exactly when due
    assert LADDER_DAYS == (1, 3, 7, 21, 60)
    assert intervals == [1, 3, 7, 21, 60, 60, 60]


def test_wow_before_the_review_is_due_does_not_climb():
    first = next_review(None, Level.WOW, True, T0)  # rung 0, due in 1 day
    second = next_review(first, Level.WOW, True, first.due_at)  # rung 1, due 3 days later
    early = next_review(second, Level.WOW, True, second.due_at - DAY)  # a day early
    assert early.rung == second.rung
    assert early.due_at == second.due_at - DAY + 3 * DAY  # the same interval, from now


def test_standard_steps_one_rung_down_but_not_below_one_day():
    state = fold([(Level.WOW, True, T0), (Level.WOW, True, T0 + DAY), (Level.WOW, True, T0 + 4 * DAY)])
    assert state.rung == 2
    after = next_review(state, Level.STANDARD, True, T0 + 11 * DAY)
    assert after.rung == 1 and after.due_at == T0 + 14 * DAY
    assert next_review(None, Level.STANDARD, True, T0) == ReviewState(0, T0 + DAY)
    assert next_review(ReviewState(0, T0), Level.STANDARD, True, T0).rung == 0


def test_low_or_any_breach_restarts_and_comes_back_within_the_hour():
    high = ReviewState(4, T0)
    assert RETRY_AFTER == timedelta(hours=1)
    assert next_review(high, Level.LOW, True, T0) == ReviewState(NO_RUNG, T0 + RETRY_AFTER)
    # A breach fails the attempt whatever level is passed in.
    assert next_review(high, Level.WOW, False, T0) == ReviewState(NO_RUNG, T0 + RETRY_AFTER)
    # After a Low, the next WOW starts the ladder again at 1 day.
    assert next_review(ReviewState(NO_RUNG, T0 + RETRY_AFTER), Level.WOW, True, T0 + 2 * RETRY_AFTER).rung == 0


def test_the_rule_is_deterministic_and_fold_matches_step_by_step():
    history = [(Level.WOW, True, T0), (Level.LOW, True, T0 + DAY), (Level.WOW, True, T0 + 2 * DAY),
               (Level.STANDARD, True, T0 + 3 * DAY), (Level.WOW, True, T0 + 10 * DAY)]
    state = None
    for level, passed, at in history:
        state = next_review(state, level, passed, at)
    assert fold(history) == state == fold(list(history))
    assert not fold([]).is_due(T0) and fold([]).due_at is None
    assert state.is_due(state.due_at) and not state.is_due(state.due_at - timedelta(seconds=1))


def test_streaks_count_consecutive_practice_days():
    d = date(2024, 3, 1)
    days = [d, d, d + DAY, d + 2 * DAY, d + 5 * DAY, d + 6 * DAY]
    assert streaks(days, d + 6 * DAY) == (2, 3)
    assert streaks(days, d + 7 * DAY) == (2, 3)  # yesterday still counts: today is not over
    assert streaks(days, d + 8 * DAY) == (0, 3)
    assert streaks([], d) == (0, 0)
    assert streaks([10, 11, 12], 12) == (3, 3)
