"""ProgressStore: trainees, attempts saved step by step, results, review schedule (SQLite).

Qt-free; the app presents what this returns. One store = one SQLite file, ``progress.db``
in the data folder (see ``paths.py`` for how the folder is chosen).

Typical use by the app::

    store = ProgressStore(resolve_data_dir(args.data_dir, default=qt_default).path)
    for notice in store.notices:          # migration backups, a damaged file moved aside
        show_message(notice.message)
    me = store.trainee_by_name("Ana") or store.add_trainee("Ana")
    for open_attempt in store.unfinished_attempts(me.id):   # offer to resume
        report = store.resume_session(open_attempt.id, scenario)   # engine ReplayReport
        if not report.complete: tell(report.message)      # which saved reply the author changed
        attempt = store.rebase_attempt(open_attempt.id, report.applied, scenario.digest)
    attempt = store.start_attempt(me.id, scenario, "practice")
    step = session.choose(reply); store.record_step(attempt, step)   # committed at once
    store.remove_last_step(attempt)        # after session.undo(), practice only
    store.finish_attempt(attempt, session.result())   # -> ReviewState (next review)
    store.scenario_progress(me.id, [s.id for s in library])   # the library's badges
    store.due_for_review(me.id, now)       # the "Due for review" section
    store.progress_summary(me.id, library, now)   # the progress view
    store.class_overview(library, origin="imported")   # a trainer's class

Data safety (also in docs/progress.md):

- Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``); ``record_step``
  commits the step before it returns, with ``synchronous=FULL``, so killing the app loses
  at most the click in progress.
- WAL journal mode and a busy timeout: several windows or processes may use the same file.
- ``PRAGMA user_version`` holds the schema version (``SCHEMA_VERSION``). An older file is
  copied to ``progress.db.v<N>-backup-<time>`` (SQLite's backup API, so the copy is
  consistent) before it is migrated in one transaction. A file from a newer app is never
  touched, not even its journal mode or its write-ahead log (the file is inspected first, by a
  read-only connection when it has a log, else a query-only one):
  ``StoreTooNewError``. Another program's SQLite file (none of our tables), whatever its
  ``user_version``, is renamed to ``progress.db.not-progress-<time>`` and a fresh store started.
- A file that is not a readable SQLite database, or fails ``PRAGMA quick_check``, is renamed
  to ``progress.db.damaged-<time>`` (never deleted) and a fresh store is started; a
  ``StoreNotice`` tells the trainee where the old file went.
- A data folder that cannot be created or written raises ``DataFolderError`` with a
  plain-language message; nothing is written anywhere else.

Times: the API takes and returns aware UTC ``datetime`` values (naive ones are read as UTC);
every method that writes or compares times takes an optional ``now`` for tests.
The store is safe to share between threads (one connection behind a lock); each thread or
process may also open its own store on the same file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import unicodedata
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, Iterator, Sequence

from ..engine import Choice, PlaySession, ReplayReport, Step
from ..levels import Level
from ..modes import MODE_NAMES, Mode
from ..scoring import PathResult
from . import schedule
from .names import MAX_NAME, clean_name
from .paths import DB_FILENAME
from .schedule import ReviewState

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Scenario

SCHEMA_VERSION = 4
MODES = MODE_NAMES  # the strings stored in attempts.mode
STATUSES = ("open", "finished", "abandoned")
ORIGINS = ("local", "imported")
_OUR_TABLES = frozenset({"trainees", "attempts", "steps", "attempt_skills"})  # in every version
_RANK = {level: level.rank for level in Level}
_BY_RANK = {level.rank: level for level in Level}


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


class _NotOurs(sqlite3.DatabaseError):
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
        self._last, self._due = _ts(last_played), _ts(due_at)

    @classmethod
    def _row(cls, row: tuple) -> "ScenarioProgress":
        self = cls.__new__(cls)
        self.scenario_id, self.attempts, best, self._last, self._due, self.rung = row
        self.best_level = _BY_RANK.get(best)
        return self

    @property
    def last_played(self) -> datetime | None:
        return _dt_or_none(self._last)

    @property
    def due_at(self) -> datetime | None:
        return _dt_or_none(self._due)

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

    STUCK_AFTER: ClassVar[int] = 2
    STUCK_RULE: ClassVar[str] = "finished twice or more, never above Low"  # ``is_stuck`` in words, for the trainer

    @staticmethod
    def is_stuck(finished: int, best: Level | None) -> bool:
        """Stuck on a scenario: finished at least STUCK_AFTER times and never above Low (see STUCK_RULE)."""
        return finished >= TraineeOverview.STUCK_AFTER and best is Level.LOW

    @classmethod
    def build(cls, trainee: Trainee, per_scenario: dict[str, tuple[int, Level | None, datetime | None]],
              library: Sequence[str] | None) -> "TraineeOverview":
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
            last_played=last, other_scenarios=len(others), other_attempts=sum(f[0] for f in others))


@dataclass(frozen=True)
class StoreEvent:
    """What a write did, for listeners that add rows in the same transaction (the xAPI outbox).

    ``kind``: 'started', 'step', 'step_removed', 'finished', 'abandoned', 'resumed' or
    'trainee_removed' (before the trainee's rows are deleted; ``attempt_id`` is ''). A listener is
    called inside the write's transaction with its connection: what it writes commits or rolls back
    with the step itself. It must be quick (it runs on every reply click) and must not commit."""

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


# -- schema ---------------------------------------------------------------------------------

# Version 1, as the first release shipped it. Fresh stores are built by running every
# migration from 0, so the migration path is exercised on every new file.
_V1 = """
CREATE TABLE trainees (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'imported')),
    created_at REAL NOT NULL
);
CREATE UNIQUE INDEX trainees_local_name ON trainees (name COLLATE NOCASE) WHERE origin = 'local';
CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    trainee_id TEXT NOT NULL REFERENCES trainees (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    scenario_digest TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
    status TEXT NOT NULL CHECK (status IN ('open', 'finished', 'abandoned')),
    started_at REAL NOT NULL,
    finished_at REAL,
    level TEXT,
    score INTEGER,
    compliance_passed INTEGER,
    breaches TEXT NOT NULL DEFAULT '[]',
    ending_id TEXT NOT NULL DEFAULT '',
    duration REAL,
    result TEXT
);
CREATE INDEX attempts_trainee ON attempts (trainee_id);
CREATE TABLE steps (
    attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    node TEXT NOT NULL,
    reply TEXT,
    say TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0,
    recorded_at REAL NOT NULL,
    PRIMARY KEY (attempt_id, number)
) WITHOUT ROWID;
CREATE TABLE attempt_skills (
    attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    shown INTEGER NOT NULL,
    missed INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, skill)
) WITHOUT ROWID;
"""

# Version 2: the level as a comparable rank, an explicit timed-out flag on steps, the
# per-scenario progress table (library badges and review schedule, so the library reads
# one row per scenario instead of scanning attempts) and the indexes the queries need.
_V1_TO_V2 = """
ALTER TABLE attempts ADD COLUMN level_rank INTEGER;
UPDATE attempts SET level_rank = CASE level WHEN 'low' THEN 0 WHEN 'standard' THEN 1 WHEN 'wow' THEN 2 END;
ALTER TABLE steps ADD COLUMN timed_out INTEGER NOT NULL DEFAULT 0;
UPDATE steps SET timed_out = (reply IS NULL);
DROP INDEX attempts_trainee;
CREATE INDEX attempts_by_status ON attempts (trainee_id, status, started_at);
CREATE INDEX attempts_by_pair ON attempts (trainee_id, scenario_id, finished_at);
CREATE INDEX attempts_finished ON attempts (trainee_id, finished_at) WHERE status = 'finished';
CREATE TABLE progress (
    trainee_id TEXT NOT NULL REFERENCES trainees (id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    best_rank INTEGER,
    last_played REAL,
    rung INTEGER NOT NULL DEFAULT -1,
    due_at REAL,
    PRIMARY KEY (trainee_id, scenario_id)
) WITHOUT ROWID;
CREATE INDEX progress_due ON progress (trainee_id, due_at) WHERE due_at IS NOT NULL;
"""

# Version 3: local trainees' names are unique ignoring case in every alphabet, not only ASCII
# (SQLite's NOCASE folds A-Z alone, so it let "Émile" and "émile" both in). ``name_key`` holds
# ``name_key(name)``, written by Python wherever a name is written; its unique index replaces
# the NOCASE one. The migration fills the key and settles names that now collide (see
# ``_settle_name_collisions``).
_V2_TO_V3 = """
ALTER TABLE trainees ADD COLUMN name_key TEXT NOT NULL DEFAULT ''
"""
_V3_INDEXES = """
DROP INDEX trainees_local_name;
CREATE UNIQUE INDEX trainees_local_key ON trainees (name_key) WHERE origin = 'local';
"""


# Version 4: the xAPI outbox. Statements about an attempt are written in the same transaction as
# the step they describe (see ``StoreEvent`` and ``add_listener``), so a crash loses none; the
# sender (``core/xapi/outbox.py``) marks them sent or refused. No foreign key: a statement about
# an attempt outlives the attempt's deletion until it is sent (nothing is dropped silently). Few
# indexes, since every reply click writes a row: ``seq`` orders the queue, ``id`` keeps a
# statement queued once, and the partial index finds what waits.
_V3_TO_V4 = """
CREATE TABLE xapi_outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    attempt_id TEXT NOT NULL,
    trainee_id TEXT NOT NULL,
    verb TEXT NOT NULL,
    statement TEXT NOT NULL,
    queued_at REAL NOT NULL,
    sent_at REAL,
    tries INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    refused_status INTEGER
);
CREATE INDEX xapi_outbox_pending ON xapi_outbox (seq) WHERE sent_at IS NULL AND refused_status IS NULL
"""


def _migrate_3_to_4(db: sqlite3.Connection) -> None:
    _script(db, _V3_TO_V4)


def _migrate_0_to_1(db: sqlite3.Connection) -> None:
    _script(db, _V1)


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    _script(db, _V1_TO_V2)
    pairs = db.execute("SELECT DISTINCT trainee_id, scenario_id FROM attempts").fetchall()
    _rebuild_progress(db, pairs)


def _migrate_2_to_3(db: sqlite3.Connection) -> list[str]:
    _script(db, _V2_TO_V3)
    rows = db.execute("SELECT id, name FROM trainees").fetchall()
    db.executemany("UPDATE trainees SET name_key = ? WHERE id = ?", [(name_key(name), tid) for tid, name in rows])
    renamed = _settle_name_collisions(db)
    _script(db, _V3_INDEXES)
    if not renamed:
        return []
    return ["Some trainees' names differed only in capital letters or in how an accent was typed, which the app "
            "now treats as the same name, "
            "so the later one was renamed (all their progress is kept): "
            + "; ".join(f"{old} is now {new}" for old, new in renamed) + "."]


def _settle_name_collisions(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Local trainees whose names differ only in non-ASCII case ("Émile", "émile") could both be
    saved before version 3. Nobody's data is merged or dropped: the earliest-created of each group
    keeps the name, each later one gets the first free " (2)", " (3)", ... suffix (never one another
    trainee already has), so the picker can tell them apart and they can rename themselves.
    Imported trainees are left as they are (their names need not be unique). Returns (old, new) names."""
    rows = db.execute("SELECT id, name, name_key FROM trainees WHERE origin = 'local' "
                      "ORDER BY created_at, id").fetchall()
    taken: set[str] = set()
    later, renamed = [], []
    for row in rows:
        if row[2] in taken:
            later.append(row)
        taken.add(row[2])
    for trainee_id, name, _ in later:
        n = 2
        while name_key(f"{name} ({n})") in taken:
            n += 1
        new_name = f"{name} ({n})"
        taken.add(name_key(new_name))
        db.execute("UPDATE trainees SET name = ?, name_key = ? WHERE id = ?",
                   (new_name, name_key(new_name), trainee_id))
        renamed.append((name, new_name))
    return renamed


# Target version -> step. A step runs inside the migration's one transaction and may return
# sentences for the trainee (added to the "migrated" notice) about anything it had to change.
MIGRATIONS = {1: _migrate_0_to_1, 2: _migrate_1_to_2, 3: _migrate_2_to_3, 4: _migrate_3_to_4}


def _script(db: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT our transaction; run the statements one by one instead.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _rebuild_progress(db: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Recompute the progress rows of (trainee, scenario) pairs from their attempts."""
    for trainee_id, scenario_id in pairs:
        counts = db.execute(
            "SELECT COUNT(*) FILTER (WHERE status = 'finished'), MAX(level_rank) FILTER (WHERE status = 'finished'),"
            " MAX(MAX(started_at, COALESCE(finished_at, started_at))) "
            "FROM attempts WHERE trainee_id = ? AND scenario_id = ?", (trainee_id, scenario_id)).fetchone()
        if counts[2] is None:
            db.execute("DELETE FROM progress WHERE trainee_id = ? AND scenario_id = ?", (trainee_id, scenario_id))
            continue
        history = db.execute(
            "SELECT level, compliance_passed, finished_at FROM attempts WHERE trainee_id = ? AND scenario_id = ?"
            " AND status = 'finished' ORDER BY finished_at, id", (trainee_id, scenario_id)).fetchall()
        state = schedule.fold((Level(level), bool(passed), _dt(at)) for level, passed, at in history)
        db.execute(
            "INSERT OR REPLACE INTO progress (trainee_id, scenario_id, attempts, best_rank, last_played, rung, due_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (trainee_id, scenario_id, counts[0], counts[1], counts[2], state.rung, _ts_or_none(state.due_at)))


# -- the store ------------------------------------------------------------------------------

class ProgressStore:
    """Trainee progress in one SQLite file; see the module docstring for the guarantees."""

    def __init__(self, data_dir: str | os.PathLike, *, filename: str = DB_FILENAME, timeout: float = 10.0) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / filename
        self.timeout = timeout
        self.notices: list[StoreNotice] = []
        self._lock = threading.RLock()
        self._listeners: list[Callable[[sqlite3.Connection, StoreEvent], None]] = []
        self._ensure_folder()
        self._db = self._open()

    # -- opening, recovery, migration ---------------------------------------------------------

    def _ensure_folder(self) -> None:
        folder = self.data_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(
                f"Your progress cannot be saved: the folder {folder} could not be created "
                f"({exc.strerror or exc}). Choose another folder with --data-dir or the SIMULATOR_HOME "
                f"setting.", folder) from exc
        if not folder.is_dir():
            raise DataFolderError(
                f"Your progress cannot be saved: {folder} is not a folder. Choose another folder with "
                f"--data-dir or the SIMULATOR_HOME setting.", folder)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DataFolderError(
                f"Your progress cannot be saved: the folder {folder} is read-only. Make it writable, or "
                f"choose another folder with --data-dir or the SIMULATOR_HOME setting.", folder)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None, check_same_thread=False)
        return db

    def _open(self) -> sqlite3.Connection:
        """Look at the file before anything could change it: the connection is query-only until the
        checks pass, so a file from a newer app, or another program's database, is refused or moved
        aside byte for byte (even the switch to WAL journal mode would rewrite its header)."""
        try:
            version = self._inspect_read_only()
        except _NotOurs as exc:
            return self._recover(None, exc, foreign=True)
        except sqlite3.Error as exc:
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        try:
            db = self._connect()
        except sqlite3.Error as exc:
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        try:
            if version is None:
                db.execute("PRAGMA query_only = ON")
                version = self._inspect(db)
                db.execute("PRAGMA query_only = OFF")
            self._configure(db)
        except _NotOurs as exc:
            db.close()
            return self._recover(None, exc, foreign=True)
        except sqlite3.Error as exc:
            db.close()
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        except BaseException:
            db.close()
            raise
        if version < SCHEMA_VERSION:
            try:
                self._migrate(db)
            except sqlite3.Error as exc:
                db.close()
                self._raise_unless_damaged(exc)
                raise ProgressError(f"Your progress file {self.path} could not be updated to the new format "
                                    f"({exc}). It has not been changed.", self.path) from exc
        return db

    def _inspect_read_only(self) -> int | None:
        """``_inspect`` through a read-only connection when the file has a write-ahead log its last
        writer did not fold back in: a writable connection, even a query-only one, folds it into the
        file when it closes, which would change a newer app's file. None when there is no log (the
        query-only look on the writable connection is enough, and leaves no side files behind) or
        SQLite cannot open the file read-only."""
        if not Path(str(self.path) + "-wal").exists():
            return None
        try:
            db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, timeout=self.timeout,
                                 isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            return self._inspect(db)
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "readonly" in text or "read-only" in text or "unable to open" in text:
                return None
            raise
        finally:
            db.close()

    def _inspect(self, db: sqlite3.Connection) -> int:
        """The file's format version, by reading only. Raises ``_NotOurs`` for another program's
        database (whatever its ``user_version``), ``StoreTooNewError`` for a newer app's file, and
        ``sqlite3.DatabaseError`` for a damaged one."""
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (tables or version != 0) and not (version > 0 and _OUR_TABLES <= tables):
            raise _NotOurs("it is not a progress file of this app: it holds other tables")
        if version > SCHEMA_VERSION:
            raise StoreTooNewError(
                f"Your progress file {self.path} was saved by a newer version of the app (format {version}; this "
                f"version reads up to {SCHEMA_VERSION}). It has not been changed. Please update the app.", self.path)
        check = db.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(str(r[0]) for r in check[:3]))
        return version

    def _configure(self, db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - only on filesystems without shared memory
            db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    def _raise_unless_damaged(self, exc: sqlite3.Error) -> None:
        """Errors that say nothing about the file's contents must not move it aside."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StoreBusyError(f"Your progress file {self.path} is in use by another program and stayed locked. "
                                 f"Close other copies of the app and try again.", self.path) from exc
        if "readonly" in text or "read-only" in text:
            raise DataFolderError(f"Your progress cannot be saved: {self.path} is read-only. Make it writable, or "
                                  f"choose another folder with --data-dir or the SIMULATOR_HOME setting.",
                                  self.path) from exc

    def _recover(self, db: sqlite3.Connection | None, exc: BaseException, *, foreign: bool = False
                 ) -> sqlite3.Connection:
        """Move the unreadable (or another program's) file and its WAL side files aside, byte for byte,
        then start a fresh store."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kind = "not-progress" if foreign else "damaged"
        target = _free_name(self.path.with_name(f"{self.path.name}.{kind}-{stamp}"))
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(str(self.path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(target) + suffix))
        except OSError as move_error:
            raise ProgressError(
                f"Your progress file {self.path} cannot be read ({exc}), and it could not be moved aside "
                f"({move_error.strerror or move_error}). Nothing was deleted. Move or rename it yourself, or choose "
                f"another folder with --data-dir.", self.path) from move_error
        if foreign:
            message = (f"The file {self.path} is not a progress file of this app (it is another program's "
                       f"database). It was not changed: it was renamed to {target}, and a new empty progress file "
                       f"was started.")
        else:
            message = (f"Your progress file could not be read ({exc}). It was kept, renamed to {target}, and a new "
                       f"empty progress file was started. Keep the old file if you want someone to try to rescue it.")
        self.notices.append(StoreNotice("moved_aside", message, target))
        fresh = self._connect()
        self._configure(fresh)
        self._migrate(fresh)
        return fresh

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")  # one window migrates; another waits and then finds it done
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            backup = self._backup(db, version) if 0 < version < SCHEMA_VERSION else None
            notes: list[str] = []  # what a step changed that the trainee should hear about
            for target in range(version + 1, SCHEMA_VERSION + 1):
                notes.extend(MIGRATIONS[target](db) or ())
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if backup is not None:
            self.notices.append(StoreNotice(
                "migrated", " ".join([f"Your progress file was updated to a new format. A copy of the old one was "
                                      f"kept at {backup}.", *notes]), backup))

    def _backup(self, db: sqlite3.Connection, version: int) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = _free_name(self.path.with_name(f"{self.path.name}.v{version}-backup-{stamp}"))
        # A second connection reads a consistent snapshot (WAL lets it read while ``db`` holds the
        # write lock, so no other window can change the file between the copy and the migration).
        source = sqlite3.connect(str(self.path), timeout=self.timeout)
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target

    # -- plumbing -----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None  # type: ignore[assignment]

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the lock is taken at BEGIN so concurrent writers queue, not fail."""
        with self._lock, self._errors():
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors():
            yield self._db

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except ProgressError:
            raise
        except sqlite3.OperationalError as exc:
            self._raise_unless_damaged(exc)
            if "malformed" in str(exc).lower() or "not a database" in str(exc).lower():
                raise self._damaged(exc) from exc
            raise ProgressError(f"Your progress could not be saved or read ({exc}).", self.path) from exc
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, exc: BaseException) -> StoreDamagedError:
        return StoreDamagedError(f"Your progress file {self.path} is damaged ({exc}). Restart the app: it will keep "
                                 f"the damaged file under another name and start a fresh one.", self.path)

    # -- listeners (the xAPI outbox) -----------------------------------------------------------

    def add_listener(self, listener: Callable[[sqlite3.Connection, StoreEvent], None]) -> None:
        """Call ``listener(db, event)`` inside every attempt write's transaction (see ``StoreEvent``)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[sqlite3.Connection, StoreEvent], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, db: sqlite3.Connection, kind: str, attempt_id: str, at: datetime, **extra) -> None:
        if not self._listeners:
            return
        trainee_id, scenario_id, mode = db.execute("SELECT trainee_id, scenario_id, mode FROM attempts WHERE id = ?",
                                                   (attempt_id,)).fetchone()
        event = StoreEvent(kind, attempt_id, trainee_id, scenario_id, mode, at, **extra)
        for listener in list(self._listeners):
            listener(db, event)

    @property
    def schema_version(self) -> int:
        with self._read() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    # -- trainees -----------------------------------------------------------------------------

    def add_trainee(self, name: str, *, now: datetime | None = None) -> Trainee:
        """A new local trainee. Names are unique among local trainees, ignoring case in any alphabet
        (``name_key``), so the picker never shows two people the trainee cannot tell apart."""
        name = _typed_name(name)
        trainee = Trainee(uuid.uuid4().hex, name, "local", schedule.utc(now))
        with self._write() as db:
            self._refuse_taken_name(db, name, None, " Pick that name from the list, or add something to tell "
                                                    "you apart.")
            db.execute("INSERT INTO trainees (id, name, name_key, origin, created_at) VALUES (?, ?, ?, 'local', ?)",
                       (trainee.id, name, name_key(name), _ts(trainee.created_at)))
        return trainee

    def trainees(self, origin: str | None = None) -> list[Trainee]:
        """Trainees sorted by name; ``origin`` 'local' or 'imported' to keep only those."""
        with self._read() as db:
            rows = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE ? IS NULL OR origin = ?"
                              " ORDER BY name COLLATE NOCASE, id", (origin, origin)).fetchall()
        return [Trainee(r[0], r[1], r[2], _dt(r[3])) for r in rows]

    def trainee(self, trainee_id: str) -> Trainee:
        with self._read() as db:
            row = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE id = ?",
                             (trainee_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no trainee with id {trainee_id}.")
        return Trainee(row[0], row[1], row[2], _dt(row[3]))

    def trainee_by_name(self, name: str) -> Trainee | None:
        """The local trainee with this name (ignoring case in any alphabet and extra spaces), or None."""
        with self._read() as db:
            row = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE origin = 'local' AND "
                             "name_key = ?", (name_key(name),)).fetchone()
        return Trainee(row[0], row[1], row[2], _dt(row[3])) if row else None

    def rename_trainee(self, trainee_id: str, name: str) -> None:
        """Rename under the same rule as ``add_trainee`` (changing only the case of one's own name is fine)."""
        name = _typed_name(name)
        with self._write() as db:
            origin = db.execute("SELECT origin FROM trainees WHERE id = ?", (trainee_id,)).fetchone()
            if origin is None:
                raise AttemptError(f"There is no trainee with id {trainee_id}.")
            if origin[0] == "local":
                self._refuse_taken_name(db, name, trainee_id)
            db.execute("UPDATE trainees SET name = ?, name_key = ? WHERE id = ?", (name, name_key(name), trainee_id))

    @staticmethod
    def _refuse_taken_name(db: sqlite3.Connection, name: str, except_id: str | None, hint: str = "") -> None:
        """Name the local trainee who already has this name, as the picker does (the unique index
        on ``name_key`` is the backstop; this gives the plain message)."""
        row = db.execute("SELECT name FROM trainees WHERE origin = 'local' AND name_key = ? AND id IS NOT ?",
                         (name_key(name), except_id)).fetchone()
        if row is not None:
            raise AttemptError(f"There is already someone called {row[0]}.{hint}")

    def remove_trainee(self, trainee_id: str) -> None:
        """Delete a trainee and all their attempts (an explicit user action; export first if unsure)."""
        with self._write() as db:
            for listener in list(self._listeners):  # e.g. the xAPI outbox voids what it sent about them
                listener(db, StoreEvent("trainee_removed", "", trainee_id, "", "", schedule.utc(None)))
            db.execute("DELETE FROM trainees WHERE id = ?", (trainee_id,))

    # -- attempts, step by step ---------------------------------------------------------------

    def start_attempt(self, trainee_id: str, scenario: "Scenario", mode: str, *,
                      now: datetime | None = None) -> str:
        """Begin an attempt at the scenario's start; returns its id (a UUID, stable across export/import)."""
        if mode not in MODES:
            raise AttemptError(f"Unknown mode {mode!r}: use 'practice' or 'assessment'.")
        attempt_id = str(uuid.uuid4())
        at = _ts(schedule.utc(now))
        with self._write() as db:
            if db.execute("SELECT 1 FROM trainees WHERE id = ?", (trainee_id,)).fetchone() is None:
                raise AttemptError(f"There is no trainee with id {trainee_id}.")
            db.execute("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_digest, mode, status, started_at)"
                       " VALUES (?, ?, ?, ?, ?, 'open', ?)",
                       (attempt_id, trainee_id, scenario.id, scenario.digest or "", mode, at))
            db.execute("INSERT INTO progress (trainee_id, scenario_id, last_played) VALUES (?, ?, ?) "
                       "ON CONFLICT (trainee_id, scenario_id) DO UPDATE SET last_played = "
                       "MAX(COALESCE(last_played, 0), excluded.last_played)", (trainee_id, scenario.id, at))
            self._notify(db, "started", attempt_id, _dt(at), scenario=scenario)
        return attempt_id

    def record_step(self, attempt_id: str, step: Step, *, now: datetime | None = None) -> int:
        """Save one decision; committed before this returns. Returns the step's number (1-based)."""
        timed_out = step.reply is None
        at = schedule.utc(now)
        row = (step.node, None if timed_out else step.reply.id, "" if timed_out else step.reply.say,
               step.level.value, float(step.seconds), int(timed_out), _ts(at))
        with self._write() as db:
            self._open_attempt(db, attempt_id)
            number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM steps WHERE attempt_id = ?",
                                (attempt_id,)).fetchone()[0]
            db.execute("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out, "
                       "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (attempt_id, number, *row))
            self._notify(db, "step", attempt_id, at, number=number, step=step)
        return number

    def remove_last_step(self, attempt_id: str) -> bool:
        """Take back the last saved step (practice step back). False when there was none."""
        with self._write() as db:
            mode = Mode(self._open_attempt(db, attempt_id))
            if not mode.allows_step_back:
                raise AttemptError(f"Steps cannot be taken back in {mode.label.lower()} mode.")
            number = db.execute("SELECT MAX(number) FROM steps WHERE attempt_id = ?", (attempt_id,)).fetchone()[0]
            removed = db.execute("DELETE FROM steps WHERE attempt_id = ? AND number = ?",
                                 (attempt_id, number)).rowcount
            if removed:
                self._notify(db, "step_removed", attempt_id, schedule.utc(None), number=number)
        return bool(removed)

    def rebase_attempt(self, attempt_id: str, kept_steps: int, scenario_digest: str, *,
                       now: datetime | None = None) -> str:
        """A resumed attempt continues on a changed scenario file; returns the attempt to go on with.

        When every step still replays, the attempt just records the file it now continues on.
        Otherwise nothing saved is dropped or rewritten: the attempt is closed as abandoned with
        all its steps as they were, and a new attempt (same trainee, mode and start time) begins
        with copies of the first ``kept_steps`` steps, the ones that still replay."""
        with self._write() as db:
            self._open_attempt(db, attempt_id)
            count = db.execute("SELECT COUNT(*) FROM steps WHERE attempt_id = ?", (attempt_id,)).fetchone()[0]
            if kept_steps >= count:
                db.execute("UPDATE attempts SET scenario_digest = ? WHERE id = ?", (scenario_digest or "", attempt_id))
                self._notify(db, "resumed", attempt_id, schedule.utc(now))
                return attempt_id
            new_id = str(uuid.uuid4())
            db.execute("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_digest, mode, status, started_at)"
                       " SELECT ?, trainee_id, scenario_id, ?, mode, 'open', started_at FROM attempts WHERE id = ?",
                       (new_id, scenario_digest or "", attempt_id))
            db.execute("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out, "
                       "recorded_at) SELECT ?, number, node, reply, say, level, seconds, timed_out, recorded_at "
                       "FROM steps WHERE attempt_id = ? AND number <= ?", (new_id, attempt_id, kept_steps))
            db.execute("UPDATE attempts SET status = 'abandoned', finished_at = ? WHERE id = ?",
                       (_ts(schedule.utc(now)), attempt_id))
            self._notify(db, "abandoned", attempt_id, schedule.utc(now))
            self._notify(db, "resumed", new_id, schedule.utc(now), previous_attempt=attempt_id)
        return new_id

    def finish_attempt(self, attempt_id: str, result: PathResult, *, now: datetime | None = None,
                       duration: float | None = None) -> ReviewState:
        """Save the result and reschedule the scenario's review. Returns the new review state.

        ``duration`` defaults to the sum of the saved steps' seconds (time spent deciding; a
        resumed attempt's wall-clock time would count the days in between).
        """
        at = schedule.utc(now)
        data = json.dumps(result.to_json(), ensure_ascii=False, default=str)
        with self._write() as db:
            self._open_attempt(db, attempt_id)
            trainee_id, scenario_id = db.execute("SELECT trainee_id, scenario_id FROM attempts WHERE id = ?",
                                                 (attempt_id,)).fetchone()
            if duration is None:
                duration = db.execute("SELECT COALESCE(SUM(seconds), 0) FROM steps WHERE attempt_id = ?",
                                      (attempt_id,)).fetchone()[0]
            db.execute("UPDATE attempts SET status = 'finished', finished_at = ?, level = ?, level_rank = ?, score = ?,"
                       " compliance_passed = ?, breaches = ?, ending_id = ?, duration = ?, result = ? WHERE id = ?",
                       (_ts(at), result.level.value, result.level.rank, int(result.score),
                        int(result.compliance_passed), json.dumps(list(result.breaches), ensure_ascii=False),
                        result.ending_id or "", float(duration), data, attempt_id))
            db.executemany("INSERT OR REPLACE INTO attempt_skills (attempt_id, skill, shown, missed) VALUES (?,?,?,?)",
                           [(attempt_id, s.skill, s.shown, s.missed) for s in result.skills])
            row = db.execute("SELECT rung, due_at FROM progress WHERE trainee_id = ? AND scenario_id = ?",
                             (trainee_id, scenario_id)).fetchone()
            before = ReviewState(row[0], _dt_or_none(row[1])) if row else ReviewState()
            state = schedule.next_review(before, result.level, result.compliance_passed, at)
            db.execute("INSERT INTO progress (trainee_id, scenario_id, attempts, best_rank, last_played, rung, due_at)"
                       " VALUES (?, ?, 1, ?, ?, ?, ?) ON CONFLICT (trainee_id, scenario_id) DO UPDATE SET"
                       " attempts = attempts + 1, best_rank = MAX(COALESCE(best_rank, -1), excluded.best_rank),"
                       " last_played = MAX(COALESCE(last_played, 0), excluded.last_played),"
                       " rung = excluded.rung, due_at = excluded.due_at",
                       (trainee_id, scenario_id, result.level.rank, _ts(at), state.rung, _ts(state.due_at)))
            self._notify(db, "finished", attempt_id, at, result=result, duration=float(duration))
        return state

    def abandon_attempt(self, attempt_id: str, *, now: datetime | None = None) -> None:
        """The trainee declined to resume: the attempt stays in the history, marked abandoned."""
        with self._write() as db:
            self._open_attempt(db, attempt_id)
            db.execute("UPDATE attempts SET status = 'abandoned', finished_at = ? WHERE id = ?",
                       (_ts(schedule.utc(now)), attempt_id))
            self._notify(db, "abandoned", attempt_id, schedule.utc(now))

    def _open_attempt(self, db: sqlite3.Connection, attempt_id: str) -> str:
        row = db.execute("SELECT status, mode FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no attempt with id {attempt_id}.")
        if row[0] != "open":
            raise AttemptError(f"This attempt is already {row[0]}.")
        return row[1]

    # -- reading attempts ---------------------------------------------------------------------

    _ATTEMPT_COLUMNS = ("a.id, a.trainee_id, a.scenario_id, a.scenario_digest, a.mode, a.status, a.started_at, "
                        "a.finished_at, a.level, a.score, a.compliance_passed, a.breaches, a.ending_id, a.duration, "
                        "(SELECT COUNT(*) FROM steps s WHERE s.attempt_id = a.id)")

    def attempt(self, attempt_id: str) -> AttemptRecord:
        with self._read() as db:
            row = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE a.id = ?",
                             (attempt_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no attempt with id {attempt_id}.")
        return _attempt(row)

    def attempts(self, trainee_id: str | None = None, scenario_id: str | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first; all of them when no trainee is given."""
        with self._read() as db:
            rows = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE (? IS NULL OR a.trainee_id = ?)"
                              " AND (? IS NULL OR a.scenario_id = ?) ORDER BY a.started_at, a.id",
                              (trainee_id, trainee_id, scenario_id, scenario_id)).fetchall()
        return [_attempt(r) for r in rows]

    def unfinished_attempts(self, trainee_id: str) -> list[AttemptRecord]:
        """Attempts still open (the app crashed or was closed mid-play), newest first: offer to resume."""
        with self._read() as db:
            rows = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE a.trainee_id = ? AND "
                              "a.status = 'open' ORDER BY a.started_at DESC, a.id", (trainee_id,)).fetchall()
        return [_attempt(r) for r in rows]

    def steps(self, attempt_id: str) -> list[StepRecord]:
        with self._read() as db:
            rows = db.execute("SELECT number, node, reply, say, level, seconds, timed_out, recorded_at FROM steps "
                              "WHERE attempt_id = ? ORDER BY number", (attempt_id,)).fetchall()
        return [StepRecord(r[0], r[1], r[2], r[3], Level(r[4]), r[5], bool(r[6]), _dt(r[7])) for r in rows]

    def resume_choices(self, attempt_id: str) -> list[Choice]:
        """The saved steps as engine Choices, to replay with ``PlaySession.replay``."""
        return [s.choice for s in self.steps(attempt_id)]

    def resume_session(self, attempt_id: str, scenario: "Scenario") -> ReplayReport:
        """A PlaySession rebuilt from the saved steps, each found by its reply's identity. Check
        ``report.complete``: if the scenario file changed (compare ``attempt(id).scenario_digest`` with
        ``scenario.digest``) the replay stops before a reply that was removed or changed, and
        ``report.message`` says so; then ``rebase_attempt`` gives the attempt to go on with."""
        return PlaySession(scenario).replay(self.resume_choices(attempt_id))

    def result_json(self, attempt_id: str) -> dict | None:
        """The full PathResult.to_json() saved at the end (for a past attempt's debrief), or None."""
        with self._read() as db:
            row = db.execute("SELECT result FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    # -- progress -----------------------------------------------------------------------------

    def scenario_progress(self, trainee_id: str, scenario_ids: Iterable[str] | None = None
                          ) -> dict[str, ScenarioProgress]:
        """The library's badges: one indexed read of the per-scenario progress table.

        With ``scenario_ids`` (the library), every id gets an entry (never-played ones empty) and
        scenarios not in the library are left out; without it, only scenarios ever started.
        """
        with self._read() as db:
            rows = db.execute("SELECT scenario_id, attempts, best_rank, last_played, due_at, rung FROM progress "
                              "WHERE trainee_id = ?", (trainee_id,)).fetchall()
        make = ScenarioProgress._row
        found = {r[0]: make(r) for r in rows}
        if scenario_ids is None:
            return found
        get = found.get
        return {sid: get(sid) or make((sid, 0, None, None, None, schedule.NO_RUNG)) for sid in scenario_ids}

    def due_for_review(self, trainee_id: str, now: datetime | None = None,
                       scenario_ids: Iterable[str] | None = None) -> list[DueReview]:
        """Scenarios whose review is due at ``now``, most overdue first (only those in ``scenario_ids`` if given)."""
        with self._read() as db:
            rows = db.execute("SELECT scenario_id, due_at, rung, best_rank FROM progress WHERE trainee_id = ? AND "
                              "due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, scenario_id",
                              (trainee_id, _ts(schedule.utc(now)))).fetchall()
        keep = set(scenario_ids) if scenario_ids is not None else None
        return [DueReview(r[0], _dt(r[1]), r[2], _BY_RANK.get(r[3])) for r in rows if keep is None or r[0] in keep]

    def progress_summary(self, trainee_id: str, scenarios: Sequence["Scenario"] = (), now: datetime | None = None,
                         tz: tzinfo | None = None, weak_skills: int = 5) -> ProgressSummary:
        """The progress view: completion per domain of ``scenarios`` (the library), the level of each
        finished attempt over time, the skills most often missed, practice-day streaks (days in ``tz``,
        default the computer's time zone) and how many reviews are due at ``now``."""
        now = schedule.utc(now)
        offset = now.astimezone(tz).utcoffset() or timedelta(0)
        badges = self.scenario_progress(trainee_id)
        with self._read() as db:
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
            timeline=[AttemptPoint(r[0], r[1], _dt(r[2]), Level(r[3]), r[4], r[5]) for r in timeline],
            weak_skills=[SkillShortfall(r[0], r[1], r[2]) for r in skills],
            current_streak=current, longest_streak=longest, practice_days=len(days),
            finished_attempts=len(timeline),
            due_now=sum(1 for b in badges.values() if b.is_due(now)),
        )

    def class_overview(self, scenarios: Sequence["Scenario"] | None = None, origin: str | None = None
                       ) -> list[TraineeOverview]:
        """Who has done what and who is stuck, for every trainee (or only 'local' / 'imported' ones),
        against the library ``scenarios`` (every scenario played when None); see ``TraineeOverview``."""
        library = [s.id for s in scenarios] if scenarios is not None else None
        with self._read() as db:
            rows = db.execute("SELECT p.trainee_id, p.scenario_id, p.attempts, p.best_rank, p.last_played "
                              "FROM progress p JOIN trainees t ON t.id = p.trainee_id "
                              "WHERE ? IS NULL OR t.origin = ?", (origin, origin)).fetchall()
        per: dict[str, list[tuple]] = {}
        for row in rows:
            per.setdefault(row[0], []).append(row)
        return [TraineeOverview.build(trainee, {r[1]: (r[2], _BY_RANK.get(r[3]), _dt_or_none(r[4]))
                                                for r in per.get(trainee.id, [])}, library)
                for trainee in self.trainees(origin)]

    # -- for exchange.py ----------------------------------------------------------------------

    def _rebuild(self, db: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
        _rebuild_progress(db, pairs)


# -- helpers --------------------------------------------------------------------------------

def name_key(name: str) -> str:
    """What makes two trainee names "the same": spaces collapsed, case folded in every alphabet
    (``str.casefold``: "ÅSA" ~ "åsa", "STRASSE" ~ "straße") and Unicode NFC, so an "é" typed as one
    character or as "e" plus an accent matches. SQLite's NOCASE folds only A-Z."""
    folded = unicodedata.normalize("NFC", " ".join(str(name).split())).casefold()
    return unicodedata.normalize("NFC", folded)


def _typed_name(name: str) -> str:
    """A name as typed, cleaned by ``clean_name``; refuses one with nothing visible left."""
    name = clean_name(name)
    if not name:
        raise AttemptError("Please type a name.")
    return name


def _ts(moment: datetime | None) -> float | None:
    return None if moment is None else schedule.utc(moment).timestamp()


_ts_or_none = _ts


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, timezone.utc)


def _dt_or_none(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, timezone.utc)


def _attempt(r: tuple) -> AttemptRecord:
    return AttemptRecord(
        id=r[0], trainee_id=r[1], scenario_id=r[2], scenario_digest=r[3], mode=r[4], status=r[5],
        started_at=_dt(r[6]), finished_at=_dt_or_none(r[7]), level=Level(r[8]) if r[8] else None, score=r[9],
        compliance_passed=None if r[10] is None else bool(r[10]), breaches=tuple(json.loads(r[11] or "[]")),
        ending_id=r[12] or "", duration=r[13], step_count=r[14])


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
