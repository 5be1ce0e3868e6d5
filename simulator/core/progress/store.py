"""ProgressStore: trainees, attempts saved step by step, results, review schedule (SQLite).

Qt-free; the app presents what this returns. One store = one SQLite file, ``progress.db``
in the data folder (see ``paths.py`` for how the folder is chosen). Beside it: ``records.py``
(what it returns), ``schema.py`` (the tables and migrations), ``opening.py`` (checking,
migrating or moving aside the file), ``reports.py`` (the read-side summaries). ``exchange.py``
writes whole histories through ``writing()`` / ``reading()`` and ``rebuild_progress``.

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
import uuid
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from ..engine import Choice, PlaySession, ReplayReport, Step
from ..levels import Level
from ..modes import Mode
from ..scoring import PathResult
from . import reports, schedule
from .names import clean_name, name_key
from .paths import DB_FILENAME
from .records import (AttemptError, AttemptRecord, DueReview, ProgressError, ProgressSummary, ScenarioProgress,
                      StepRecord, StoreDamagedError, StoreEvent, StoreNotice, Trainee, TraineeOverview,
                      attempt_from_row, moment, moment_or_none, timestamp)
from .schedule import ReviewState
from .opening import StoreFile
from .schema import MODES, TIME_LIMITS, rebuild_progress

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Scenario


# -- the store ------------------------------------------------------------------------------

class ProgressStore:
    """Trainee progress in one SQLite file; see the module docstring for the guarantees."""

    def __init__(self, data_dir: str | os.PathLike, *, filename: str = DB_FILENAME, timeout: float = 10.0) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / filename
        self.timeout = timeout
        self._lock = threading.RLock()
        self._listeners: list[Callable[[sqlite3.Connection, StoreEvent], None]] = []
        self._tagger = None  # the listener that writes its part of each step into the step's row
        self._step_listeners: list[Callable[[sqlite3.Connection, StoreEvent], None]] = []  # the others
        opened = StoreFile(self.data_dir, self.path, timeout)
        self._db = opened.open()
        self.notices: list[StoreNotice] = opened.notices  # migration backups, a file moved aside

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
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the lock is taken at BEGIN so concurrent writers queue, not fail."""
        with self._lock, self._errors():
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                for listener in self._listeners:  # what a listener remembers having written is gone
                    getattr(listener, "rolled_back", lambda: None)()
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
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
        """Call ``listener(db, event)`` inside every attempt write's transaction (see ``StoreEvent``);
        ``listener.rolled_back()``, if it has one, after a write was rolled back.

        A listener with ``step_columns(db, attempt_id, trainee_id, step)`` (the xAPI outbox; one at a
        time) is not told of each step: it gives the values of the ``steps.xapi_*`` columns instead,
        written with the step in the same INSERT, so a reply click pays no second statement."""
        if hasattr(listener, "step_columns"):
            if self._tagger is not None:
                raise ValueError("only one listener can write the steps' xapi columns")
            self._tagger = listener
        self._listeners.append(listener)
        self._step_listeners = [item for item in self._listeners if item is not self._tagger]

    def remove_listener(self, listener: Callable[[sqlite3.Connection, StoreEvent], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)
        if listener is self._tagger:
            self._tagger = None
        self._step_listeners = [item for item in self._listeners if item is not self._tagger]

    def _notify(self, db: sqlite3.Connection, kind: str, attempt_id: str, at: datetime,
                owner: tuple[str, str, str] | None = None, **extra) -> None:
        """``owner``: the attempt's (mode, trainee, scenario) when the caller has read them."""
        listeners = self._step_listeners if kind == "step" else self._listeners
        if not listeners:
            return
        mode, trainee_id, scenario_id = owner or self._owner(db, attempt_id)
        event = StoreEvent(kind, attempt_id, trainee_id, scenario_id, mode, at, **extra)
        for listener in list(listeners):
            listener(db, event)

    @property
    def schema_version(self) -> int:
        with self.reading() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    # -- trainees -----------------------------------------------------------------------------

    def add_trainee(self, name: str, *, now: datetime | None = None) -> Trainee:
        """A new local trainee. Names are unique among local trainees, ignoring case in any alphabet
        (``name_key``), so the picker never shows two people the trainee cannot tell apart."""
        name = _typed_name(name)
        trainee = Trainee(uuid.uuid4().hex, name, "local", schedule.utc(now))
        with self.writing() as db:
            self._refuse_taken_name(db, name, None, " Pick that name from the list, or add something to tell "
                                                    "you apart.")
            db.execute("INSERT INTO trainees (id, name, name_key, origin, created_at) VALUES (?, ?, ?, 'local', ?)",
                       (trainee.id, name, name_key(name), timestamp(trainee.created_at)))
        return trainee

    def trainees(self, origin: str | None = None) -> list[Trainee]:
        """Trainees sorted by name; ``origin`` 'local' or 'imported' to keep only those."""
        with self.reading() as db:
            rows = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE ? IS NULL OR origin = ?"
                              " ORDER BY name COLLATE NOCASE, id", (origin, origin)).fetchall()
        return [Trainee(r[0], r[1], r[2], moment(r[3])) for r in rows]

    def trainee(self, trainee_id: str) -> Trainee:
        with self.reading() as db:
            row = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE id = ?",
                             (trainee_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no trainee with id {trainee_id}.")
        return Trainee(row[0], row[1], row[2], moment(row[3]))

    def trainee_by_name(self, name: str) -> Trainee | None:
        """The local trainee with this name (ignoring case in any alphabet and extra spaces), or None."""
        with self.reading() as db:
            row = db.execute("SELECT id, name, origin, created_at FROM trainees WHERE origin = 'local' AND "
                             "name_key = ?", (name_key(name),)).fetchone()
        return Trainee(row[0], row[1], row[2], moment(row[3])) if row else None

    def rename_trainee(self, trainee_id: str, name: str) -> None:
        """Rename under the same rule as ``add_trainee`` (changing only the case of one's own name is fine)."""
        name = _typed_name(name)
        with self.writing() as db:
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
        with self.writing() as db:
            for listener in list(self._listeners):  # e.g. the xAPI outbox voids what it sent about them
                listener(db, StoreEvent("trainee_removed", "", trainee_id, "", "", schedule.utc(None)))
            db.execute("DELETE FROM trainees WHERE id = ?", (trainee_id,))

    # -- attempts, step by step ---------------------------------------------------------------

    def start_attempt(self, trainee_id: str, scenario: "Scenario", mode: str, *,
                      now: datetime | None = None, timers: str = "as-written") -> str:
        """Begin an attempt at the scenario's start; returns its id (a UUID, stable across export/import).
        ``timers``: the time-limit setting it is played with (a TimeLimits value)."""
        if mode not in MODES:
            raise AttemptError(f"Unknown mode {mode!r}: use 'practice' or 'assessment'.")
        if timers not in TIME_LIMITS:
            raise AttemptError(f"Unknown time-limit setting {timers!r}: use one of {', '.join(TIME_LIMITS)}.")
        attempt_id = str(uuid.uuid4())
        at = timestamp(schedule.utc(now))
        with self.writing() as db:
            if db.execute("SELECT 1 FROM trainees WHERE id = ?", (trainee_id,)).fetchone() is None:
                raise AttemptError(f"There is no trainee with id {trainee_id}.")
            db.execute("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_digest, mode, status, started_at,"
                       " timers) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
                       (attempt_id, trainee_id, scenario.id, scenario.digest or "", mode, at, timers))
            db.execute("INSERT INTO progress (trainee_id, scenario_id, last_played) VALUES (?, ?, ?) "
                       "ON CONFLICT (trainee_id, scenario_id) DO UPDATE SET last_played = "
                       "MAX(COALESCE(last_played, 0), excluded.last_played)", (trainee_id, scenario.id, at))
            self._notify(db, "started", attempt_id, moment(at), scenario=scenario)
        return attempt_id

    def record_step(self, attempt_id: str, step: Step, *, now: datetime | None = None) -> int:
        """Save one decision; committed before this returns. Returns the step's number (1-based)."""
        timed_out = step.reply is None
        at = schedule.utc(now)
        row = (step.node, None if timed_out else step.reply.id, "" if timed_out else step.reply.say,
               step.level.value, float(step.seconds), int(timed_out), timestamp(at))
        tagger = self._tagger
        with self.writing() as db:
            owner = self._open_attempt(db, attempt_id)
            number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM steps WHERE attempt_id = ?",
                                (attempt_id,)).fetchone()[0]
            if tagger is None:
                db.execute("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out, "
                           "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (attempt_id, number, *row))
            else:
                db.execute("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out, "
                           "recorded_at, xapi_context, xapi_decision, xapi_choice, xapi_mood, xapi_breach) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (attempt_id, number, *row, *tagger.step_columns(db, attempt_id, owner[1], step)))
            self._notify(db, "step", attempt_id, at, owner, number=number, step=step)
        return number

    def remove_last_step(self, attempt_id: str) -> bool:
        """Take back the last saved step (practice step back). False when there was none."""
        with self.writing() as db:
            owner = self._open_attempt(db, attempt_id)
            mode = Mode(owner[0])
            if not mode.allows_step_back:
                raise AttemptError(f"Steps cannot be taken back in {mode.label.lower()} mode.")
            number = db.execute("SELECT MAX(number) FROM steps WHERE attempt_id = ?", (attempt_id,)).fetchone()[0]
            if number is None:
                return False
            self._notify(db, "step_removed", attempt_id, schedule.utc(None), owner, number=number)
            db.execute("DELETE FROM steps WHERE attempt_id = ? AND number = ?", (attempt_id, number))
        return True

    def rebase_attempt(self, attempt_id: str, kept_steps: int, scenario_digest: str, *,
                       now: datetime | None = None) -> str:
        """A resumed attempt continues on a changed scenario file; returns the attempt to go on with.

        When every step still replays, the attempt just records the file it now continues on.
        Otherwise nothing saved is dropped or rewritten: the attempt is closed as abandoned with
        all its steps as they were, and a new attempt (same trainee, mode and start time) begins
        with copies of the first ``kept_steps`` steps, the ones that still replay."""
        with self.writing() as db:
            self._open_attempt(db, attempt_id)
            count = db.execute("SELECT COUNT(*) FROM steps WHERE attempt_id = ?", (attempt_id,)).fetchone()[0]
            if kept_steps >= count:
                db.execute("UPDATE attempts SET scenario_digest = ? WHERE id = ?", (scenario_digest or "", attempt_id))
                self._notify(db, "resumed", attempt_id, schedule.utc(now))
                return attempt_id
            new_id = str(uuid.uuid4())
            db.execute("INSERT INTO attempts (id, trainee_id, scenario_id, scenario_digest, mode, status, started_at,"
                       " timers, resumed_from) SELECT ?, trainee_id, scenario_id, ?, mode, 'open', started_at, timers,"
                       " id FROM attempts WHERE id = ?",
                       (new_id, scenario_digest or "", attempt_id))
            db.execute("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out, "
                       "recorded_at) SELECT ?, number, node, reply, say, level, seconds, timed_out, recorded_at "
                       "FROM steps WHERE attempt_id = ? AND number <= ?", (new_id, attempt_id, kept_steps))
            db.execute("UPDATE attempts SET status = 'abandoned', finished_at = ? WHERE id = ?",
                       (timestamp(schedule.utc(now)), attempt_id))
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
        with self.writing() as db:
            owner = self._open_attempt(db, attempt_id)
            trainee_id, scenario_id = owner[1:]
            if duration is None:
                duration = db.execute("SELECT COALESCE(SUM(seconds), 0) FROM steps WHERE attempt_id = ?",
                                      (attempt_id,)).fetchone()[0]
            db.execute("UPDATE attempts SET status = 'finished', finished_at = ?, level = ?, level_rank = ?, score = ?,"
                       " compliance_passed = ?, breaches = ?, ending_id = ?, duration = ?, result = ? WHERE id = ?",
                       (timestamp(at), result.level.value, result.level.rank, int(result.score),
                        int(result.compliance_passed), json.dumps(list(result.breaches), ensure_ascii=False),
                        result.ending_id or "", float(duration), data, attempt_id))
            db.executemany("INSERT OR REPLACE INTO attempt_skills (attempt_id, skill, shown, missed) VALUES (?,?,?,?)",
                           [(attempt_id, s.skill, s.shown, s.missed) for s in result.skills])
            row = db.execute("SELECT rung, due_at FROM progress WHERE trainee_id = ? AND scenario_id = ?",
                             (trainee_id, scenario_id)).fetchone()
            before = ReviewState(row[0], moment_or_none(row[1])) if row else ReviewState()
            state = schedule.next_review(before, result.level, result.compliance_passed, at)
            db.execute("INSERT INTO progress (trainee_id, scenario_id, attempts, best_rank, last_played, rung, due_at)"
                       " VALUES (?, ?, 1, ?, ?, ?, ?) ON CONFLICT (trainee_id, scenario_id) DO UPDATE SET"
                       " attempts = attempts + 1, best_rank = MAX(COALESCE(best_rank, -1), excluded.best_rank),"
                       " last_played = MAX(COALESCE(last_played, 0), excluded.last_played),"
                       " rung = excluded.rung, due_at = excluded.due_at",
                       (trainee_id, scenario_id, result.level.rank, timestamp(at), state.rung, timestamp(state.due_at)))
            self._notify(db, "finished", attempt_id, at, owner, result=result, duration=float(duration))
        return state

    def abandon_attempt(self, attempt_id: str, *, now: datetime | None = None) -> None:
        """The trainee declined to resume: the attempt stays in the history, marked abandoned."""
        with self.writing() as db:
            self._open_attempt(db, attempt_id)
            db.execute("UPDATE attempts SET status = 'abandoned', finished_at = ? WHERE id = ?",
                       (timestamp(schedule.utc(now)), attempt_id))
            self._notify(db, "abandoned", attempt_id, schedule.utc(now))

    def _open_attempt(self, db: sqlite3.Connection, attempt_id: str) -> tuple[str, str, str]:
        """The open attempt's (mode, trainee, scenario); refuses one that is missing or closed."""
        row = db.execute("SELECT status, mode, trainee_id, scenario_id FROM attempts WHERE id = ?",
                         (attempt_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no attempt with id {attempt_id}.")
        if row[0] != "open":
            raise AttemptError(f"This attempt is already {row[0]}.")
        return row[1:]

    @staticmethod
    def _owner(db: sqlite3.Connection, attempt_id: str) -> tuple[str, str, str]:
        return db.execute("SELECT mode, trainee_id, scenario_id FROM attempts WHERE id = ?", (attempt_id,)).fetchone()

    # -- reading attempts ---------------------------------------------------------------------

    _ATTEMPT_COLUMNS = ("a.id, a.trainee_id, a.scenario_id, a.scenario_digest, a.mode, a.status, a.started_at, "
                        "a.finished_at, a.level, a.score, a.compliance_passed, a.breaches, a.ending_id, a.duration, "
                        "(SELECT COUNT(*) FROM steps s WHERE s.attempt_id = a.id), a.timers, a.resumed_from")

    def attempt(self, attempt_id: str) -> AttemptRecord:
        with self.reading() as db:
            row = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE a.id = ?",
                             (attempt_id,)).fetchone()
        if row is None:
            raise AttemptError(f"There is no attempt with id {attempt_id}.")
        return attempt_from_row(row)

    def attempts(self, trainee_id: str | None = None, scenario_id: str | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first; all of them when no trainee is given."""
        with self.reading() as db:
            rows = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE (? IS NULL OR a.trainee_id = ?)"
                              " AND (? IS NULL OR a.scenario_id = ?) ORDER BY a.started_at, a.id",
                              (trainee_id, trainee_id, scenario_id, scenario_id)).fetchall()
        return [attempt_from_row(r) for r in rows]

    def unfinished_attempts(self, trainee_id: str) -> list[AttemptRecord]:
        """Attempts still open (the app crashed or was closed mid-play), newest first: offer to resume."""
        with self.reading() as db:
            rows = db.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempts a WHERE a.trainee_id = ? AND "
                              "a.status = 'open' ORDER BY a.started_at DESC, a.id", (trainee_id,)).fetchall()
        return [attempt_from_row(r) for r in rows]

    def steps(self, attempt_id: str) -> list[StepRecord]:
        with self.reading() as db:
            rows = db.execute("SELECT number, node, reply, say, level, seconds, timed_out, recorded_at FROM steps "
                              "WHERE attempt_id = ? ORDER BY number", (attempt_id,)).fetchall()
        return [StepRecord(r[0], r[1], r[2], r[3], Level(r[4]), r[5], bool(r[6]), moment(r[7])) for r in rows]

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
        with self.reading() as db:
            row = db.execute("SELECT result FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    # -- progress: read-side reports (reports.py) -----------------------------------------------

    def scenario_progress(self, trainee_id: str, scenario_ids: Iterable[str] | None = None
                          ) -> dict[str, ScenarioProgress]:
        """The library's badges (``reports.scenario_progress``)."""
        with self.reading() as db:
            return reports.scenario_progress(db, trainee_id, scenario_ids)

    def due_for_review(self, trainee_id: str, now: datetime | None = None,
                       scenario_ids: Iterable[str] | None = None) -> list[DueReview]:
        """Scenarios whose review is due at ``now``, most overdue first (``reports.due_for_review``)."""
        with self.reading() as db:
            return reports.due_for_review(db, trainee_id, now, scenario_ids)

    def progress_summary(self, trainee_id: str, scenarios: Sequence["Scenario"] = (), now: datetime | None = None,
                         tz: tzinfo | None = None, weak_skills: int = 5) -> ProgressSummary:
        """The progress view (``reports.progress_summary``)."""
        with self.reading() as db:
            return reports.progress_summary(db, trainee_id, scenarios, now, tz, weak_skills)

    def class_overview(self, scenarios: Sequence["Scenario"] | None = None, origin: str | None = None
                       ) -> list[TraineeOverview]:
        """Who has done what and who is stuck (``reports.class_overview``)."""
        trainees = self.trainees(origin)
        with self.reading() as db:
            return reports.class_overview(db, trainees, scenarios, origin)

    # -- for exchange.py: writing whole histories in one transaction -----------------------------

    def rebuild_progress(self, db: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
        """Recompute the per-scenario progress of (trainee, scenario) ``pairs`` inside ``writing()``."""
        rebuild_progress(db, pairs)


# -- helpers --------------------------------------------------------------------------------

def _typed_name(name: str) -> str:
    """A name as typed, cleaned by ``clean_name``; refuses one with nothing visible left."""
    name = clean_name(name)
    if not name:
        raise AttemptError("Please type a name.")
    return name
