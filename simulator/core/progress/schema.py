"""The progress file's schema: its tables, version by version, and the migrations between them.

A fresh store is built by running every migration from 0, so the migration path is exercised
on every new file; ``store.py`` backs an older file up before it migrates it.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from ..levels import Level
from ..modes import MODE_NAMES
from ..timing import TimeLimits
from . import schedule
from .names import name_key
from .records import moment, timestamp

SCHEMA_VERSION = 6
MODES = MODE_NAMES  # the strings stored in attempts.mode
TIME_LIMITS = tuple(t.value for t in TimeLimits)  # the strings stored in attempts.timers
STATUSES = ("open", "finished", "abandoned")
ORIGINS = ("local", "imported")
OUR_TABLES = frozenset({"trainees", "attempts", "steps", "attempt_skills"})  # in every version


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


# Version 5: the time-limit setting an attempt was played with (core/timing.py's TimeLimits), so a
# debrief and an export say when timers were extended or off. Older attempts were played as written.
_V4_TO_V5 = """
ALTER TABLE attempts ADD COLUMN timers TEXT NOT NULL DEFAULT 'as-written'
"""


def _migrate_4_to_5(db: sqlite3.Connection) -> None:
    _script(db, _V4_TO_V5)


# Version 6: a reply click queues its statement in the step's own row (``steps.xapi_*``: the
# attempt's context, the decision, the reply's place among the choices, the mood after it, the rule
# breached), so the click pays no second row or index. ``xapi_contexts`` holds what an attempt's
# statements share (the profile and actor then); ``xapi_decisions`` what each decision offered,
# once per decision of a scenario file. The sender moves queued steps into the outbox (``collected``:
# the last step number moved; an attempt's end moves the rest) and builds each statement, and its id
# (fixed by the attempt and the step), from them when it sends it (``core/xapi/stored.py``); the id
# is written into the row then. Rows queued before keep their statement whole and are sent as they
# are. The outbox is no longer written by a click, so it can have the index by attempt and step
# that taking a step back and erasing look rows up by. A resumed attempt that had to go on in a new attempt records the one it was resumed
# from (``attempts.resumed_from``; '' for every other attempt).
_V5_TO_V6 = """
CREATE TABLE xapi_outbox_v6 (
    seq INTEGER PRIMARY KEY,
    id TEXT,
    attempt_id TEXT NOT NULL,
    trainee_id TEXT NOT NULL,
    verb TEXT NOT NULL,
    statement TEXT,
    number INTEGER,
    queued_at REAL NOT NULL,
    sent_at REAL,
    tries INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    refused_status INTEGER
);
INSERT INTO xapi_outbox_v6 (seq, id, attempt_id, trainee_id, verb, statement, queued_at, sent_at, tries, next_try,
    last_error, refused_status)
    SELECT seq, id, attempt_id, trainee_id, verb, statement, queued_at, sent_at, tries, next_try, last_error,
    refused_status FROM xapi_outbox;
DROP TABLE xapi_outbox;
ALTER TABLE xapi_outbox_v6 RENAME TO xapi_outbox;
CREATE INDEX xapi_outbox_pending ON xapi_outbox (seq) WHERE sent_at IS NULL AND refused_status IS NULL;
CREATE INDEX xapi_outbox_attempt ON xapi_outbox (attempt_id, number);
CREATE TABLE xapi_contexts (
    id INTEGER PRIMARY KEY,
    attempt_id TEXT NOT NULL,
    data TEXT NOT NULL,
    collected INTEGER NOT NULL DEFAULT 0,
    open INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX xapi_contexts_open ON xapi_contexts (attempt_id) WHERE open = 1;
CREATE TABLE xapi_decisions (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE steps ADD COLUMN xapi_context INTEGER;
ALTER TABLE steps ADD COLUMN xapi_decision TEXT;
ALTER TABLE steps ADD COLUMN xapi_choice INTEGER;
ALTER TABLE steps ADD COLUMN xapi_mood INTEGER;
ALTER TABLE steps ADD COLUMN xapi_breach TEXT;
ALTER TABLE attempts ADD COLUMN resumed_from TEXT NOT NULL DEFAULT ''
"""


def _migrate_5_to_6(db: sqlite3.Connection) -> None:
    _script(db, _V5_TO_V6)


def _migrate_0_to_1(db: sqlite3.Connection) -> None:
    _script(db, _V1)


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    _script(db, _V1_TO_V2)
    pairs = db.execute("SELECT DISTINCT trainee_id, scenario_id FROM attempts").fetchall()
    rebuild_progress(db, pairs)


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
MIGRATIONS = {1: _migrate_0_to_1, 2: _migrate_1_to_2, 3: _migrate_2_to_3, 4: _migrate_3_to_4, 5: _migrate_4_to_5,
              6: _migrate_5_to_6}


def _script(db: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT our transaction; run the statements one by one instead.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def rebuild_progress(db: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
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
        state = schedule.fold((Level(level), bool(passed), moment(at)) for level, passed, at in history)
        db.execute(
            "INSERT OR REPLACE INTO progress (trainee_id, scenario_id, attempts, best_rank, last_played, rung, due_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (trainee_id, scenario_id, counts[0], counts[1], counts[2], state.rung, timestamp(state.due_at)))
