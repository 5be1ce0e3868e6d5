"""The xAPI outbox: statements queued in the progress file with the step, and the sender.

``attach(store, settings)`` makes the store write each attempt's statements into its
``xapi_outbox`` table inside the very transaction that saves the step (a crash loses none;
a reply click pays one small INSERT). ``sync`` posts what is pending in batches; it never
drops a statement: a refused one (a 4xx other than 401/403/408/429) is found by splitting
the batch, kept, marked with the LRS's reason and reported, and the others go on; when the
LRS cannot be reached, or answers 408/429/5xx, the rest wait with exponential backoff.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..progress.records import StoreEvent
from ..progress.store import ProgressStore
from . import statements as xs
from .client import LrsClient, LrsUnreachable
from .config import LrsSettings

BATCH = 50
BACKOFF_FIRST, BACKOFF_MAX = 5.0, 3600.0
RETRY_STATUSES = {408, 429}
AUTH_STATUSES = {401, 403}


# -- queuing, inside the step's transaction ---------------------------------------------------

class Recorder:
    """A store listener that turns each attempt write into statements in the outbox."""

    def __init__(self, settings: LrsSettings) -> None:
        self.settings = settings
        self.profile = settings.profile()
        self._contexts: dict[str, xs.AttemptContext] = {}  # per attempt: a click reads nothing more

    def _context(self, db: sqlite3.Connection, event: StoreEvent) -> xs.AttemptContext:
        ctx = self._contexts.get(event.attempt_id)
        if ctx is None or event.kind in ("started", "resumed"):  # a resume may continue on a changed file
            digest, name, timers = db.execute("SELECT a.scenario_digest, t.name, a.timers FROM attempts a JOIN "
                                              "trainees t ON t.id = a.trainee_id WHERE a.id = ?",
                                              (event.attempt_id,)).fetchone()
            actor = xs.Actor(xs.account_name(event.trainee_id), name if self.settings.send_names else "")
            ctx = xs.AttemptContext(event.attempt_id, event.scenario_id, digest, event.mode, actor, timers)
            if len(self._contexts) > 64:
                self._contexts.clear()
            self._contexts[event.attempt_id] = ctx
        return ctx

    def __call__(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        if event.kind == "step_removed":
            self._take_back(db, event)
            return
        if event.kind == "trainee_removed":
            self._erase(db, event)
            return
        ctx = self._context(db, event)
        p, at = self.profile, event.at
        if event.kind == "started":
            scenario = event.scenario
            made = [xs.attempted(p, ctx, at, getattr(scenario, "title", ""), getattr(scenario, "summary", ""))]
        elif event.kind == "step":
            made = [xs.answered(p, ctx, event.number, event.step, at)]
        elif event.kind == "finished":
            made = xs.finished(p, ctx, event.result, event.duration or 0.0, at)
        elif event.kind == "abandoned":
            made = [xs.exited(p, ctx, at)]
        elif event.kind == "resumed":
            made = [xs.resumed(p, ctx, at, event.previous_attempt)]
        else:
            return
        _queue(db, event.attempt_id, event.trainee_id, made, at)

    def _take_back(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        """A practice step taken back: its statement is withdrawn if unsent, voided if already sent."""
        row = db.execute("SELECT seq, id, sent_at FROM xapi_outbox WHERE attempt_id = ? AND verb = 'answered' "
                         "ORDER BY seq DESC LIMIT 1", (event.attempt_id,)).fetchone()
        if row is None:
            return
        if row[2] is None:
            db.execute("DELETE FROM xapi_outbox WHERE seq = ?", (row[0],))
            return
        ctx = self._context(db, event)
        _queue(db, event.attempt_id, event.trainee_id, [xs.voided(self.profile, ctx.actor, row[1], event.at)],
               event.at)


    def _erase(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        """A trainee erased: each statement sent about them is voided at the LRS (the LRS keeps a
        voided statement but hides it: docs/xapi.md); those never sent are withdrawn with them."""
        actor = xs.Actor(xs.account_name(event.trainee_id))
        sent = db.execute("SELECT id, attempt_id FROM xapi_outbox WHERE trainee_id = ? AND sent_at IS NOT NULL AND "
                          "verb != 'voided' ORDER BY seq", (event.trainee_id,)).fetchall()
        db.execute("DELETE FROM xapi_outbox WHERE trainee_id = ? AND (sent_at IS NULL OR verb != 'voided')",
                   (event.trainee_id,))
        for target, attempt_id in sent:
            _queue(db, attempt_id, event.trainee_id, [xs.voided(self.profile, actor, target, event.at)], event.at)


def _queue(db: sqlite3.Connection, attempt_id: str, trainee_id: str, made: list[dict], at: datetime) -> None:
    db.executemany("INSERT OR IGNORE INTO xapi_outbox (id, attempt_id, trainee_id, verb, statement, queued_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   [(s["id"], attempt_id, trainee_id, s["verb"]["id"].rsplit("/", 1)[-1],
                     json.dumps(s, ensure_ascii=False, separators=(",", ":")), at.timestamp()) for s in made])


def attach(store: ProgressStore, settings: LrsSettings) -> Recorder | None:
    """Queue statements for this store's attempts when the organisation opted in; None otherwise."""
    if not settings.ready:
        return None
    recorder = Recorder(settings)
    store.add_listener(recorder)
    return recorder


def attach_saved(store: ProgressStore, previous: Recorder | None = None) -> tuple[Recorder | None, str]:
    """Attach (or re-attach after the settings changed) the recorder the saved settings ask for.
    Returns it (None: sending is off) and a sentence for the trainee when the settings are unreadable."""
    from .config import SettingsError, load

    if previous is not None:
        store.remove_listener(previous)
    try:
        return attach(store, load(store.data_dir)), ""
    except SettingsError as exc:
        return None, f"Attempts are not being sent to the LRS: {exc}"


# -- the outbox, read and marked by the sender (its own connection: any thread) ---------------

@dataclass(frozen=True)
class Refused:
    id: str
    verb: str
    status: int
    reason: str


@dataclass
class OutboxStatus:
    sent: int
    pending: int
    refused: list[Refused]
    last_error: str
    next_try: float | None  # epoch seconds of the earliest retry, None when nothing waits


class Outbox:
    """The ``xapi_outbox`` table of a progress file, for the sender and the outbox view."""

    def __init__(self, db_path: str | Path, timeout: float = 10.0) -> None:
        self.path = Path(db_path)
        self._db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._db.execute("PRAGMA synchronous = FULL")

    @classmethod
    def of(cls, store: ProgressStore) -> "Outbox":
        return cls(store.path, store.timeout)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Outbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def pending(self, limit: int, due_before: float | None = None) -> list[tuple[int, dict]]:
        rows = self._db.execute("SELECT seq, statement FROM xapi_outbox WHERE sent_at IS NULL AND refused_status IS "
                                "NULL AND (? IS NULL OR next_try <= ?) ORDER BY seq LIMIT ?",
                                (due_before, due_before, limit)).fetchall()
        return [(seq, json.loads(text)) for seq, text in rows]

    def _write(self, sql: str, rows: list[tuple]) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(sql, rows)
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def mark_sent(self, seqs: list[int], now: float) -> None:
        self._write("UPDATE xapi_outbox SET sent_at = ?, last_error = '' WHERE seq = ?", [(now, s) for s in seqs])

    def mark_refused(self, seq: int, status: int, reason: str) -> None:
        self._write("UPDATE xapi_outbox SET refused_status = ?, last_error = ? WHERE seq = ?", [(status, reason, seq)])

    def mark_retry(self, seqs: list[int], error: str, now: float) -> None:
        """Each waits longer after every failed try: 5 s, 10 s, 20 s ... at most an hour."""
        self._write("UPDATE xapi_outbox SET tries = tries + 1, last_error = ?, next_try = ? + "
                    f"MIN({BACKOFF_MAX}, {BACKOFF_FIRST} * (1 << MIN(tries, 20))) WHERE seq = ? AND sent_at IS NULL "
                    "AND refused_status IS NULL",
                    [(error, now, s) for s in seqs])

    def retry_refused(self) -> int:
        """Put refused statements back in the queue (after the organisation fixed the LRS's rules)."""
        cur = self._db.execute("UPDATE xapi_outbox SET refused_status = NULL, next_try = 0 WHERE refused_status "
                               "IS NOT NULL")
        return cur.rowcount

    def status(self) -> OutboxStatus:
        db = self._db
        sent = db.execute("SELECT COUNT(*) FROM xapi_outbox WHERE sent_at IS NOT NULL").fetchone()[0]
        pending, next_try = db.execute("SELECT COUNT(*), MIN(next_try) FROM xapi_outbox WHERE sent_at IS NULL AND "
                                       "refused_status IS NULL").fetchone()
        refused = [Refused(*r) for r in db.execute("SELECT id, verb, refused_status, last_error FROM xapi_outbox "
                                                   "WHERE refused_status IS NOT NULL ORDER BY seq")]
        last = db.execute("SELECT last_error FROM xapi_outbox WHERE last_error != '' AND sent_at IS NULL "
                          "ORDER BY tries DESC, seq DESC LIMIT 1").fetchone()
        return OutboxStatus(sent, pending, refused, last[0] if last else "", next_try if pending else None)

    def statements(self, attempt_id: str | None = None) -> list[dict]:
        rows = self._db.execute("SELECT statement FROM xapi_outbox WHERE ? IS NULL OR attempt_id = ? ORDER BY seq",
                                (attempt_id, attempt_id)).fetchall()
        return [json.loads(r[0]) for r in rows]


# -- sending -----------------------------------------------------------------------------------

@dataclass
class SyncReport:
    sent: int = 0
    pending: int = 0
    refused: list[Refused] = field(default_factory=list)  # newly refused in this run
    error: str = ""  # why sending stopped early ('' when everything due went)
    auth_failed: bool = False

    @property
    def reached(self) -> bool:
        return not self.error

    def line(self) -> str:
        text = f"sent {self.sent}, pending {self.pending}"
        if self.refused:
            text += f", refused {len(self.refused)}"
        return text


class _Stop(Exception):
    def __init__(self, message: str, auth: bool = False) -> None:
        super().__init__(message)
        self.auth = auth


def sync(outbox: Outbox, client: LrsClient, *, batch: int = BATCH, honour_backoff: bool = False,
         clock: Callable[[], float] = time.time, should_stop: Callable[[], bool] = lambda: False) -> SyncReport:
    """Send what is pending, oldest first. ``honour_backoff``: only what is due (the background
    sender); a manual sync sends everything now."""
    report = SyncReport()
    while not should_stop():
        due = outbox.pending(batch, clock() if honour_backoff else None)
        if not due:
            break
        try:
            _send(outbox, client, due, report, clock)
        except _Stop as stop:
            report.error, report.auth_failed = str(stop), stop.auth
            outbox.mark_retry([seq for seq, _ in due], str(stop), clock())
            break
    report.pending = outbox.status().pending
    return report


def _send(outbox: Outbox, client: LrsClient, part: list[tuple[int, dict]], report: SyncReport,
          clock: Callable[[], float]) -> None:
    try:
        answer = client.post_statements([s for _, s in part])
    except LrsUnreachable as exc:
        raise _Stop(str(exc)) from exc
    if answer.ok:
        outbox.mark_sent([seq for seq, _ in part], clock())
        report.sent += len(part)
        return
    status = answer.status
    if status in AUTH_STATUSES:
        raise _Stop(f"the LRS refused the key and secret (HTTP {status}): check them in the LRS settings", auth=True)
    if status in RETRY_STATUSES or status >= 500:
        raise _Stop(f"the LRS could not take the statements now (HTTP {status}: {answer.reason()})")
    if len(part) > 1:  # one statement in the batch is refused: find it, send the others
        half = len(part) // 2
        _send(outbox, client, part[:half], report, clock)
        _send(outbox, client, part[half:], report, clock)
        return
    seq, statement = part[0]
    refused = Refused(statement.get("id", ""), statement.get("verb", {}).get("id", "").rsplit("/", 1)[-1], status,
                      answer.reason())
    outbox.mark_refused(seq, status, refused.reason)
    report.refused.append(refused)


def now_ts() -> float:
    return datetime.now(timezone.utc).timestamp()
