"""The read side of the progress store: the library's badges, what is due, the progress view,
the class overview. Each takes an open connection (``ProgressStore.reading()``)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Iterable, Sequence

from ..levels import Level
from . import schedule
from .records import (LEVEL_BY_RANK, AttemptPoint, DomainCompletion, DueReview, ProgressSummary, ScenarioProgress,
                      SkillShortfall, Trainee, TraineeOverview, moment, moment_or_none, timestamp)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Scenario


def scenario_progress(db: sqlite3.Connection, trainee_id: str, scenario_ids: Iterable[str] | None = None
                      ) -> dict[str, ScenarioProgress]:
    """The library's badges: one indexed read of the per-scenario progress table.

    With ``scenario_ids`` (the library), every id gets an entry (never-played ones empty) and
    scenarios not in the library are left out; without it, only scenarios ever started.
    """
    rows = db.execute("SELECT scenario_id, attempts, best_rank, last_played, due_at, rung FROM progress "
                      "WHERE trainee_id = ?", (trainee_id,)).fetchall()
    make = ScenarioProgress._row
    found = {r[0]: make(r) for r in rows}
    if scenario_ids is None:
        return found
    get = found.get
    return {sid: get(sid) or make((sid, 0, None, None, None, schedule.NO_RUNG)) for sid in scenario_ids}


def due_for_review(db: sqlite3.Connection, trainee_id: str, now: datetime | None = None,
                   scenario_ids: Iterable[str] | None = None) -> list[DueReview]:
    """Scenarios whose review is due at ``now``, most overdue first (only those in ``scenario_ids`` if given)."""
    rows = db.execute("SELECT scenario_id, due_at, rung, best_rank FROM progress WHERE trainee_id = ? AND "
                      "due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, scenario_id",
                      (trainee_id, timestamp(schedule.utc(now)))).fetchall()
    keep = set(scenario_ids) if scenario_ids is not None else None
    return [DueReview(r[0], moment(r[1]), r[2], LEVEL_BY_RANK.get(r[3])) for r in rows if keep is None or r[0] in keep]


def progress_summary(db: sqlite3.Connection, trainee_id: str, scenarios: Sequence["Scenario"] = (), now: datetime | None = None,
                     tz: tzinfo | None = None, weak_skills: int = 5) -> ProgressSummary:
    """The progress view: completion per domain of ``scenarios`` (the library), the level of each
    finished attempt over time, the skills most often missed, practice-day streaks (days in ``tz``,
    default the computer's time zone) and how many reviews are due at ``now``."""
    now = schedule.utc(now)
    offset = now.astimezone(tz).utcoffset() or timedelta(0)
    badges = scenario_progress(db, trainee_id)
    timeline = db.execute("SELECT id, scenario_id, finished_at, level, score, mode FROM attempts "
                          "WHERE trainee_id = ? AND status = 'finished' ORDER BY finished_at, id",
                          (trainee_id,)).fetchall()
    skills = db.execute("SELECT k.skill, SUM(k.missed), SUM(k.shown) FROM attempts a JOIN attempt_skills k "
                        "ON k.attempt_id = a.id WHERE a.trainee_id = ? AND a.status = 'finished' "
                        "GROUP BY k.skill HAVING SUM(k.missed) > 0 "
                        "ORDER BY SUM(k.missed) DESC, SUM(k.missed) * 1.0 / (SUM(k.missed) + SUM(k.shown)) "
                        "DESC, k.skill LIMIT ?", (trainee_id, weak_skills)).fetchall()
    days = [r[0] for r in db.execute(
        "SELECT DISTINCT CAST((started_at + ?) / 86400 AS INTEGER) FROM attempts WHERE trainee_id = ? "
        "AND (status = 'finished' OR EXISTS (SELECT 1 FROM steps s WHERE s.attempt_id = attempts.id))",
        (offset.total_seconds(), trainee_id))]
    today = int((now.timestamp() + offset.total_seconds()) // 86400)
    current, longest = schedule.streaks(days, today)
    domains: dict[str, list[int]] = {}
    for scenario in scenarios:
        badge = badges.get(scenario.id)
        tally = domains.setdefault(scenario.domain or "other", [0, 0, 0])
        tally[0] += 1
        if badge and badge.attempts:
            tally[1] += 1
            tally[2] += badge.best_level is Level.WOW
    return ProgressSummary(
        trainee_id=trainee_id,
        domains=[DomainCompletion(d, *t) for d, t in sorted(domains.items())],
        timeline=[AttemptPoint(r[0], r[1], moment(r[2]), Level(r[3]), r[4], r[5]) for r in timeline],
        weak_skills=[SkillShortfall(r[0], r[1], r[2]) for r in skills],
        current_streak=current, longest_streak=longest, practice_days=len(days),
        finished_attempts=len(timeline),
        due_now=sum(1 for b in badges.values() if b.is_due(now)),
    )


def class_overview(db: sqlite3.Connection, trainees: Sequence[Trainee], scenarios: Sequence["Scenario"] | None = None,
                   origin: str | None = None) -> list[TraineeOverview]:
    """Who has done what and who is stuck, for ``trainees`` (every trainee, or only 'local' /
    'imported' ones), against the library ``scenarios`` (every scenario played when None); see
    ``TraineeOverview.build``."""
    library = [s.id for s in scenarios] if scenarios is not None else None
    rows = db.execute("SELECT p.trainee_id, p.scenario_id, p.attempts, p.best_rank, p.last_played "
                      "FROM progress p JOIN trainees t ON t.id = p.trainee_id "
                      "WHERE ? IS NULL OR t.origin = ?", (origin, origin)).fetchall()
    scores = db.execute("SELECT trainee_id, scenario_id, MAX(score) FROM attempts WHERE status = 'finished' "
                        "AND score IS NOT NULL GROUP BY trainee_id, scenario_id").fetchall()
    per: dict[str, dict[str, tuple]] = {}
    for trainee_id, scenario_id, attempts, best_rank, last_played in rows:
        per.setdefault(trainee_id, {})[scenario_id] = (attempts, LEVEL_BY_RANK.get(best_rank),
                                                       moment_or_none(last_played))
    top: dict[str, dict[str, int]] = {}
    for trainee_id, scenario_id, score in scores:
        top.setdefault(trainee_id, {})[scenario_id] = score
    return [TraineeOverview.build(trainee, per.get(trainee.id, {}), library, top.get(trainee.id))
            for trainee in trainees]
