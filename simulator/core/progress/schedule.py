"""The spaced-review rule: when a scenario comes back for review (documented in docs/progress.md).

Everything here is a pure, deterministic function of its arguments: ``now`` and the
finishing time are always passed in, never read from the clock.

The rule, in one sentence for the app:

    **Each WOW without a broken rule moves the scenario one rung up the ladder 1, 3, 7, 21,
    60 days; a Standard moves it one rung down; a Low (or any broken rule) sends it back to
    the start and brings it back within the hour.**

Details:

- A *rung* is a position on ``LADDER_DAYS`` (0 = 1 day ... 4 = 60 days); ``-1`` means
  "no rung yet" (never finished, or the last result was Low).
- Only finished attempts count; abandoned ones do not move the schedule.
- **WOW** (and compliance passed): one rung up (from no rung to rung 0), never past the last
  rung, which repeats. But a WOW played *before* the scenario was due does not climb
  (no cramming five WOWs in an evening to earn 60 days): it keeps its rung and restarts
  that rung's interval from now.
- **Standard** (compliance passed): one rung down, not below rung 0 (review in 1 day).
- **Low**, an unfinished path, or **any compliance breach**: back to no rung; due again
  ``RETRY_AFTER`` (1 hour) later, so it is waiting at the next session.
- The due time is the finishing time plus the interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from ..levels import Level

LADDER_DAYS: tuple[int, ...] = (1, 3, 7, 21, 60)
RETRY_AFTER = timedelta(hours=1)
NO_RUNG = -1

RULE_SENTENCE = ("Each WOW without a broken rule moves a scenario one step up the ladder 1, 3, 7, 21, 60 days; "
                 "a Standard moves it one step down; a Low or a broken rule brings it back within the hour.")


@dataclass(frozen=True)
class ReviewState:
    """Where a (trainee, scenario) pair stands on the review ladder."""

    rung: int = NO_RUNG  # index into LADDER_DAYS, or NO_RUNG
    due_at: datetime | None = None  # None: never finished, nothing is scheduled

    @property
    def interval(self) -> timedelta | None:
        """The interval of the current rung (None when there is no rung)."""
        return timedelta(days=LADDER_DAYS[self.rung]) if self.rung >= 0 else None

    def is_due(self, now: datetime) -> bool:
        return self.due_at is not None and self.due_at <= now


def next_review(state: ReviewState | None, level: Level, compliance_passed: bool,
                finished_at: datetime) -> ReviewState:
    """The review state after one finished attempt (see the module docstring for the rule)."""
    state = state or ReviewState()
    if level is Level.LOW or not compliance_passed:
        return ReviewState(NO_RUNG, finished_at + RETRY_AFTER)
    if level is Level.WOW:
        early = state.due_at is not None and finished_at < state.due_at and state.rung >= 0
        rung = state.rung if early else min(state.rung + 1, len(LADDER_DAYS) - 1)
    else:  # Standard
        rung = max(state.rung - 1, 0)
    return ReviewState(rung, finished_at + timedelta(days=LADDER_DAYS[rung]))


def fold(history: Iterable[tuple[Level, bool, datetime]]) -> ReviewState:
    """The state after a history of (level, compliance_passed, finished_at), oldest first."""
    state = ReviewState()
    for level, passed, finished_at in history:
        state = next_review(state, level, passed, finished_at)
    return state


def streaks(days: Iterable[int | date], today: int | date) -> tuple[int, int]:
    """(current, longest) runs of consecutive practice days.

    ``days`` are the days with practice (ordinal numbers or dates, any order, repeats allowed);
    the current streak still counts when the last practice day was yesterday (today is not over).
    """
    as_int = (lambda d: d.toordinal() if isinstance(d, date) else int(d))
    ordered = sorted({as_int(d) for d in days})
    today_n = as_int(today)
    longest = run = 0
    previous = None
    for day in ordered:
        run = run + 1 if previous is not None and day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    current = run if previous is not None and today_n - previous in (0, 1) else 0
    return current, longest


def utc(moment: datetime | None = None) -> datetime:
    """``moment`` as an aware UTC datetime (naive values are taken to be UTC); now when None."""
    if moment is None:
        return datetime.now(timezone.utc)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
