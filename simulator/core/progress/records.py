"""The progress store's records: what it returns, its errors and notices, and the row helpers.

Plain data, no SQL beyond turning a row into a record; ``store.py`` writes and reads them,
``reports.py`` builds the read-side summaries from them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Sequence

from ..levels import Level
from ..records import Choice, Step
from ..scoring import PathResult
from . import schedule

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Scenario

RANK_OF_LEVEL = {level: level.rank for level in Level}
LEVEL_BY_RANK = {level.rank: level for level in Level}


# -- errors and notices -----------------------------------------------------------------------

class ProgressError(Exception):
    """Base of the store's errors; ``str(error)`` is a plain-language message for the trainee."""

    def __init__(self, message: str, path: str | os.PathLike | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None


class DataFolderError(ProgressError):
    """The data folder cannot be created or written to (read-only disk, no permission, ...)."""


class StoreTooNewError(ProgressError):
    """The progress file was written by a newer version of the app; it is left untouched."""


class StoreDamagedError(ProgressError):
    """The file turned out to be damaged while in use; reopening the store moves it aside."""


class StoreBusyError(ProgressError):
    """Another window kept the file locked for longer than the timeout."""


class NotOurs(sqlite3.DatabaseError):
    """A readable SQLite file that another program made (none of this app's tables)."""


class AttemptError(ProgressError):
    """An attempt or trainee that does not exist, or a move its state does not allow."""


@dataclass(frozen=True)
class StoreNotice:
    """Something the app should tell the trainee once, after opening the store."""

    kind: str  # 'migrated' or 'moved_aside'
    message: str
    path: Path  # the backup copy or the file moved aside


# -- records --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trainee:
    id: str
    name: str
    origin: str  # 'local' (plays on this machine) or 'imported' (from a JSON export)
    created_at: datetime


@dataclass(frozen=True)
class StepRecord:
    """One saved decision: the reply's id ('' for a reply without one), the words as said and
    its level, so a resume finds the very reply again (or says it is gone) in a changed file."""

    number: int  # 1-based
    node: str
    reply: str | None  # the reply's id ('' when it has none; digits in older stores: its position); None: timed out
    say: str
    level: Level
    seconds: float
    timed_out: bool
    recorded_at: datetime

    @property
    def choice(self) -> Choice:
        return Choice(self.node, None if self.timed_out else (self.reply or ""), self.say, self.seconds,
                      self.level.value)


@dataclass(frozen=True)
class AttemptRecord:
    id: str
    trainee_id: str
    scenario_id: str
    scenario_digest: str
    mode: str
    status: str  # 'open', 'finished' or 'abandoned'
    started_at: datetime
    finished_at: datetime | None  # also the time an attempt was abandoned
    level: Level | None
    score: int | None
    compliance_passed: bool | None
    breaches: tuple[str, ...]
    ending_id: str
    duration: float | None  # seconds spent on the decisions (sum of the steps' seconds)
    step_count: int
    timers: str = "as-written"  # the time-limit setting it was played with (core/timing.py)
    resumed_from: str = ""  # the attempt it continues, when a resume on a changed file closed that one


class ScenarioProgress:
    """One scenario's badge in the library (read-only).

    ``attempts`` finished attempts; ``best_level`` the best level finished (None: none yet);
    ``last_played`` when it was last started or finished (None: never played); ``due_at`` when it
    is due for review (None: nothing scheduled); ``rung`` its place on the review ladder.
    A plain slotted class rather than a dataclass: the library builds one per scenario on every
    refresh, and times are kept as stored numbers until someone reads them.
    """

    __slots__ = ("scenario_id", "attempts", "best_level", "rung", "_last", "_due")

    def __init__(self, scenario_id: str, attempts: int = 0, best_level: Level | None = None,
                 last_played: datetime | None = None, due_at: datetime | None = None,
                 rung: int = schedule.NO_RUNG) -> None:
        self.scenario_id, self.attempts, self.best_level, self.rung = scenario_id, attempts, best_level, rung
        self._last, self._due = timestamp(last_played), timestamp(due_at)

    @classmethod
    def _row(cls, row: tuple) -> "ScenarioProgress":
        self = cls.__new__(cls)
        self.scenario_id, self.attempts, best, self._last, self._due, self.rung = row
        self.best_level = LEVEL_BY_RANK.get(best)
        return self

    @property
    def last_played(self) -> datetime | None:
        return moment_or_none(self._last)

    @property
    def due_at(self) -> datetime | None:
        return moment_or_none(self._due)

    @property
    def never_played(self) -> bool:
        return self._last is None

    def is_due(self, now: datetime) -> bool:
        return self._due is not None and self._due <= schedule.utc(now).timestamp()

    def _key(self) -> tuple:
        return self.scenario_id, self.attempts, self.best_level, self._last, self._due, self.rung

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ScenarioProgress) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"ScenarioProgress({self.scenario_id!r}, attempts={self.attempts}, best_level={self.best_level}, "
                f"last_played={self.last_played}, due_at={self.due_at}, rung={self.rung})")


@dataclass(frozen=True)
class DueReview:
    scenario_id: str
    due_at: datetime
    rung: int
    best_level: Level | None


@dataclass(frozen=True)
class DomainCompletion:
    domain: str
    total: int  # scenarios in the library in this domain
    played: int  # finished at least once
    wow: int  # reached WOW at least once

    @property
    def fraction(self) -> float:
        return self.played / self.total if self.total else 0.0


@dataclass(frozen=True)
class AttemptPoint:
    """One finished attempt on the level-over-time chart."""

    attempt_id: str
    scenario_id: str
    finished_at: datetime
    level: Level
    score: int
    mode: str


@dataclass(frozen=True)
class SkillShortfall:
    skill: str
    missed: int  # decisions where the skill was on offer and the chosen reply did not show it
    shown: int

    @property
    def miss_rate(self) -> float:
        return self.missed / (self.missed + self.shown) if self.missed + self.shown else 0.0


@dataclass(frozen=True)
class ProgressSummary:
    trainee_id: str
    domains: list[DomainCompletion]
    timeline: list[AttemptPoint]
    weak_skills: list[SkillShortfall]  # most often missed first
    current_streak: int  # consecutive practice days up to today (or yesterday)
    longest_streak: int
    practice_days: int
    finished_attempts: int
    due_now: int


@dataclass(frozen=True)
class TraineeOverview:
    """One row of a trainer's class overview.

    ``finished_attempts`` and ``last_played`` cover every scenario, so they agree with the CSV export
    and "My progress" of the same store; the per-scenario figures are about the library given, and
    what was finished on scenarios outside it (retired, renamed, another trainer's) is counted in
    ``other_scenarios`` / ``other_attempts`` rather than silently dropped.
    """

    trainee: Trainee
    finished_attempts: int  # every finished attempt, in the library or not
    scenarios_played: int  # of the library given (all scenarios seen when no library given)
    scenarios_total: int
    scenarios_wow: int
    best_levels: dict[str, Level | None] = field(default_factory=dict)
    stuck: list[str] = field(default_factory=list)  # library scenarios where ``is_stuck``
    last_played: datetime | None = None
    other_scenarios: int = 0  # scenarios not in the library given, finished at least once
    other_attempts: int = 0  # finished attempts on those (included in finished_attempts)
    best_scores: dict[str, int] = field(default_factory=dict)  # library scenario -> best score of a finished attempt

    STUCK_AFTER: ClassVar[int] = 2
    STUCK_RULE: ClassVar[str] = "finished twice or more, never above Low"  # ``is_stuck`` in words, for the trainer

    @staticmethod
    def is_stuck(finished: int, best: Level | None) -> bool:
        """Stuck on a scenario: finished at least STUCK_AFTER times and never above Low (see STUCK_RULE)."""
        return finished >= TraineeOverview.STUCK_AFTER and best is Level.LOW

    @classmethod
    def build(cls, trainee: Trainee, per_scenario: dict[str, tuple[int, Level | None, datetime | None]],
              library: Sequence[str] | None, best_scores: dict[str, int] | None = None) -> "TraineeOverview":
        """One row from (finished attempts, best finished level, last played) per scenario: the one
        place that turns those facts into a row, whether they come from the store or from an LRS."""
        ids = list(library) if library is not None else sorted(per_scenario)
        in_library = set(ids)
        finished = {sid: per_scenario[sid] for sid in ids if sid in per_scenario and per_scenario[sid][0]}
        others = [f for sid, f in per_scenario.items() if sid not in in_library and f[0]]
        last = max((f[2] for f in per_scenario.values() if f[2] is not None), default=None)
        return cls(
            trainee=trainee, finished_attempts=sum(f[0] for f in per_scenario.values()),
            scenarios_played=len(finished), scenarios_total=len(ids),
            scenarios_wow=sum(1 for f in finished.values() if f[1] is Level.WOW),
            best_levels={sid: (per_scenario[sid][1] if sid in per_scenario else None) for sid in ids},
            stuck=[sid for sid, f in finished.items() if cls.is_stuck(f[0], f[1])],
            last_played=last, other_scenarios=len(others), other_attempts=sum(f[0] for f in others),
            best_scores={sid: score for sid, score in (best_scores or {}).items() if sid in in_library})


@dataclass(frozen=True)
class StoreEvent:
    """What a write did, for listeners that add rows in the same transaction (the xAPI outbox).

    ``kind``: 'started', 'step', 'step_removed' (before the step's row is deleted), 'finished',
    'abandoned', 'resumed' or 'trainee_removed' (before the trainee's rows are deleted;
    ``attempt_id`` is ''). A listener is called inside the write's transaction with its
    connection: what it writes commits or rolls back with the step itself. It must be quick (it
    runs on every reply click) and must not commit."""

    kind: str
    attempt_id: str
    trainee_id: str
    scenario_id: str
    mode: str
    at: datetime
    scenario: "Scenario | None" = None  # 'started'
    number: int = 0  # 'step', 'step_removed'
    step: Step | None = None  # 'step'
    result: PathResult | None = None  # 'finished'
    duration: float | None = None  # 'finished'
    previous_attempt: str = ""  # 'resumed' after a rebase onto a new attempt: the one closed


# -- rows ------------------------------------------------------------------------------------

def timestamp(moment: datetime | None) -> float | None:
    return None if moment is None else schedule.utc(moment).timestamp()



def moment(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, timezone.utc)


def moment_or_none(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, timezone.utc)


def attempt_from_row(r: tuple) -> AttemptRecord:
    return AttemptRecord(
        id=r[0], trainee_id=r[1], scenario_id=r[2], scenario_digest=r[3], mode=r[4], status=r[5],
        started_at=moment(r[6]), finished_at=moment_or_none(r[7]), level=Level(r[8]) if r[8] else None, score=r[9],
        compliance_passed=None if r[10] is None else bool(r[10]), breaches=tuple(json.loads(r[11] or "[]")),
        ending_id=r[12] or "", duration=r[13], step_count=r[14], timers=r[15] or "as-written",
        resumed_from=r[16] or "")
