"""The xAPI outbox: statements queued in the progress file with the step, and the sender.

``attach(store, settings)`` makes the store queue each attempt's statements inside the very
transaction that saves the step (a crash loses none). A reply click only writes a few more values
into the step's own row (``Recorder.step_columns``); its statement is built when it is sent
(``stored.py``). ``sync`` posts what is waiting in batches; it never drops a statement: a refused
one (a 4xx other than 401/403/408/429) is found by splitting the batch, kept, marked with the
LRS's reason and reported, and the others go on; when the LRS cannot be reached, or answers
408/429/5xx, the rest wait with exponential backoff.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from ..progress.records import StoreEvent, moment
from ..progress.store import ProgressStore
from . import statements as xs
from . import stored
from .client import LrsClient, LrsUnreachable
from .config import LrsSettings

BATCH = 50
BACKOFF_FIRST, BACKOFF_MAX = 5.0, 3600.0
RETRY_STATUSES = {408, 429}
AUTH_STATUSES = {401, 403}
_CACHED = 512  # attempts and decisions a recorder remembers


# -- queuing, inside the step's transaction ---------------------------------------------------

class Recorder:
    """A store listener that queues the statements about each attempt write.

    A reply click gives the values of the step's ``xapi_*`` columns (``step_columns``). What they
    refer to is written once: the attempt's context (``xapi_contexts``) when the attempt starts or
    resumes, the decision (``xapi_decisions``) the first time it is answered; the recorder remembers
    both, and forgets them when a write is rolled back (``rolled_back``), so the next click that
    needs one writes it again. An attempt's start and end are queued whole."""

    def __init__(self, settings: LrsSettings) -> None:
        self.settings = settings
        self.profile = settings.profile()
        self._contexts: dict[str, tuple[xs.AttemptContext, int | None]] = {}  # attempt -> (context, its row)
        self._decisions: dict[tuple, tuple[tuple, str]] = {}  # (node, line, reply ids) -> (the replies, key)

    def rolled_back(self) -> None:
        """The store rolled a write back: what this remembers having written may not be there."""
        self._contexts.clear()
        self._decisions.clear()

    def _context(self, db: sqlite3.Connection, attempt_id: str, fresh: bool = False,
                 row: bool = True) -> tuple[xs.AttemptContext, int | None]:
        """The attempt's context and (``row``: for steps to come) its ``xapi_contexts`` row; ``fresh``:
        read anew (the attempt starts, or resumes, maybe on a changed file or under changed settings)."""
        known = None if fresh else self._contexts.get(attempt_id)
        if known is None or (row and known[1] is None):
            if known is None:
                trainee_id, scenario_id, mode, digest, name, timers = db.execute(
                    "SELECT a.trainee_id, a.scenario_id, a.mode, a.scenario_digest, t.name, a.timers FROM attempts a "
                    "JOIN trainees t ON t.id = a.trainee_id WHERE a.id = ?", (attempt_id,)).fetchone()
                actor = xs.Actor(xs.account_name(trainee_id), name if self.settings.send_names else "")
                ctx = xs.AttemptContext(attempt_id, scenario_id, digest, mode, actor, timers)
            else:
                ctx = known[0]
            written = db.execute("INSERT INTO xapi_contexts (attempt_id, data) VALUES (?, ?)",
                                 (attempt_id, stored.context_json(self.profile, ctx))).lastrowid if row else None
            if len(self._contexts) > _CACHED:
                self._contexts.clear()
            known = self._contexts[attempt_id] = (ctx, written)
        return known

    def _decision(self, db: sqlite3.Connection, step) -> str:
        handle = (step.node, step.customer, tuple(map(id, step.offered)))
        known = self._decisions.get(handle)
        if known is None:  # the replies are kept with it, so no other reply can take their ids
            decision = xs.Decision.of(step)
            db.execute("INSERT OR IGNORE INTO xapi_decisions (key, data) VALUES (?, ?)",
                       (decision.key, decision.to_json()))
            if len(self._decisions) > _CACHED:
                self._decisions.clear()
            known = self._decisions[handle] = (step.offered, decision.key)
        return known[1]

    def step_columns(self, db: sqlite3.Connection, attempt_id: str, trainee_id: str, step) -> tuple:
        """The reply click: the step's ``xapi_context, xapi_decision, xapi_choice, xapi_mood,
        xapi_breach``, written with the step (its statement is built when sent, ``stored.py``)."""
        known = self._contexts.get(attempt_id)
        if known is None or known[1] is None:
            known = self._context(db, attempt_id)
        reply = step.reply
        return (known[1], self._decision(db, step), None if reply is None else step.offered.index(reply),
                step.mood_after, step.breach or None)

    def __call__(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        kind, attempt_id = event.kind, event.attempt_id
        if kind == "step_removed":
            self._take_back(db, event)
            return
        if kind == "trainee_removed":
            self._erase(db, event)
            return
        if kind in ("finished", "abandoned", "resumed"):  # its steps go before what is said about them
            stored.collect(db, attempt_id, close=True)
        opens = kind in ("started", "resumed")  # steps follow: they find their context written
        ctx = self._context(db, attempt_id, fresh=opens, row=opens)[0]
        p, at = self.profile, event.at
        if kind == "started":
            scenario = event.scenario
            made = [xs.attempted(p, ctx, at, getattr(scenario, "title", ""), getattr(scenario, "summary", ""))]
        elif kind == "finished":
            made = xs.finished(p, ctx, event.result, event.duration or 0.0, at)
        elif kind == "abandoned":
            made = [xs.exited(p, ctx, at)]
        elif kind == "resumed":
            made = [xs.resumed(p, ctx, at, event.previous_attempt)]
        else:
            return
        _queue(db, attempt_id, event.trainee_id, made, at)

    def _take_back(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        """A practice step taken back (told before its row goes): its statement is withdrawn if
        unsent (with the row, if it was not moved into the outbox yet), voided if already sent."""
        attempt_id, number = event.attempt_id, event.number
        recorded = db.execute("SELECT recorded_at FROM steps WHERE attempt_id = ? AND number = ?",
                              (attempt_id, number)).fetchone()
        target = xs.statement_id(attempt_id, "answered", number, moment(recorded[0]))
        row = db.execute("SELECT seq, sent_at FROM xapi_outbox WHERE attempt_id = ? AND (id = ? OR (id IS NULL AND "
                         "number = ?)) ORDER BY seq DESC LIMIT 1", (attempt_id, target, number)).fetchone()
        stored.uncollect(db, attempt_id, number)
        if row is None:
            return
        if row[1] is None:
            db.execute("DELETE FROM xapi_outbox WHERE seq = ?", (row[0],))
            return
        stored.freeze(db, row[0])
        ctx = self._context(db, attempt_id, row=False)[0]
        _queue(db, attempt_id, event.trainee_id, [xs.voided(self.profile, ctx.actor, target, event.at)], event.at)

    def _erase(self, db: sqlite3.Connection, event: StoreEvent) -> None:
        """A trainee erased: each statement sent about them is voided at the LRS (the LRS keeps a
        voided statement but hides it: docs/xapi.md); those never sent are withdrawn with them, and
        so are their attempts' contexts (which carry their pseudonym and maybe their name)."""
        who = event.trainee_id
        actor = xs.Actor(xs.account_name(who))
        sent = db.execute("SELECT id, attempt_id FROM xapi_outbox WHERE trainee_id = ? AND sent_at IS NOT NULL AND "
                          "verb != 'voided' ORDER BY seq", (who,)).fetchall()
        voided = {r[0] for r in db.execute("SELECT id FROM xapi_outbox WHERE trainee_id = ? AND verb = 'voided' AND "
                                           "sent_at IS NOT NULL", (who,))}
        db.execute("DELETE FROM xapi_outbox WHERE trainee_id = ? AND (sent_at IS NULL OR verb != 'voided')", (who,))
        db.execute("DELETE FROM xapi_contexts WHERE attempt_id IN (SELECT id FROM attempts WHERE trainee_id = ?)",
                   (who,))
        self._contexts.clear()
        for target, attempt_id in sent:
            void = xs.voided(self.profile, actor, target, event.at)
            if void["id"] not in voided:  # one already sent voids it
                _queue(db, attempt_id, who, [void], event.at)


def _queue(db: sqlite3.Connection, attempt_id: str, trainee_id: str, made: list[dict], at: datetime) -> None:
    """Statements other than a reply's, kept whole (they are few: an attempt's start and end)."""
    db.executemany("INSERT INTO xapi_outbox (id, attempt_id, trainee_id, verb, statement, queued_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   [(s["id"], attempt_id, trainee_id, xs.verb_name(s),
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

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def pending(self, limit: int, due_before: float | None = None) -> list[tuple[int, dict]]:
        """Up to ``limit`` waiting statements, oldest first (only those due by ``due_before`` if given),
        after the steps queued since are moved in. A row whose statement cannot be built is passed
        over, kept, and its last error says why."""
        if stored.queued_count(self._db):
            with self._transaction() as db:
                stored.collect(db)
        found: list[tuple[int, dict]] = []
        lost: list[int] = []
        fresh: list[tuple[str, int]] = []  # (id, seq) of rows whose statement is read for the first time
        builder = stored.Builder()
        rows = self._db.execute(f"{stored.ROWS} WHERE {stored.WAITING} AND (? IS NULL OR o.next_try <= ?) "
                                "ORDER BY o.seq", (due_before, due_before))
        try:
            for row in rows:
                statement = builder.build(row)
                if statement is None:
                    lost.append(row[0])
                    continue
                found.append((row[0], statement))
                if row[2] is None:
                    fresh.append((statement["id"], row[0]))
                if len(found) >= limit:
                    break
        finally:
            rows.close()
        if lost or fresh:
            with self._transaction() as db:
                db.executemany("UPDATE xapi_outbox SET last_error = ? WHERE seq = ?",
                               [(stored.UNBUILDABLE, seq) for seq in lost])
                db.executemany("UPDATE xapi_outbox SET id = ? WHERE seq = ?", fresh)  # the view, erasing, voiding
        return found

    def _mark(self, sql: str, rows: list[tuple]) -> None:
        with self._transaction() as db:
            db.executemany(sql, rows)

    def mark_sent(self, seqs: list[int], now: float) -> None:
        self._mark("UPDATE xapi_outbox SET sent_at = ?, last_error = '' WHERE seq = ?", [(now, s) for s in seqs])

    def mark_refused(self, seq: int, status: int, reason: str) -> None:
        self._mark("UPDATE xapi_outbox SET refused_status = ?, last_error = ? WHERE seq = ?", [(status, reason, seq)])

    def mark_retry(self, seqs: list[int], error: str, now: float) -> None:
        """Each waits longer after every failed try: 5 s, 10 s, 20 s ... at most an hour."""
        self._mark("UPDATE xapi_outbox SET tries = tries + 1, last_error = ?, next_try = ? + "
                   f"MIN({BACKOFF_MAX}, {BACKOFF_FIRST} * (1 << MIN(tries, 20))) WHERE seq = ? AND sent_at IS NULL "
                   "AND refused_status IS NULL",
                   [(error, now, s) for s in seqs])

    def retry_refused(self) -> int:
        """Put refused statements back in the queue (after the organisation fixed the LRS's rules)."""
        with self._transaction() as db:
            return db.execute("UPDATE xapi_outbox SET refused_status = NULL, next_try = 0 WHERE refused_status "
                              "IS NOT NULL").rowcount

    def _waiting(self) -> tuple[int, float | None]:
        count, next_try = self._db.execute(f"SELECT COUNT(*), MIN(next_try) FROM xapi_outbox o WHERE "
                                           f"{stored.WAITING}").fetchone()
        queued = stored.queued_count(self._db)  # steps not moved in yet: due at once
        return count + queued, (0.0 if queued else next_try)

    def waiting(self) -> int:
        """How many statements wait to be sent."""
        return self._waiting()[0]

    def status(self) -> OutboxStatus:
        db = self._db
        sent = db.execute("SELECT COUNT(*) FROM xapi_outbox WHERE sent_at IS NOT NULL").fetchone()[0]
        pending, next_try = self._waiting()
        refused = [Refused(*r) for r in db.execute("SELECT id, verb, refused_status, last_error FROM xapi_outbox "
                                                   "WHERE refused_status IS NOT NULL ORDER BY seq")]
        last = db.execute("SELECT last_error FROM xapi_outbox WHERE last_error != '' AND sent_at IS NULL "
                          "ORDER BY tries DESC, seq DESC LIMIT 1").fetchone()
        return OutboxStatus(sent, pending, refused, last[0] if last else "", next_try if pending else None)

    def statements(self, attempt_id: str | None = None) -> list[dict]:
        """The statements queued, sent or refused (about one attempt, or all), as they are sent."""
        return [s for _, s in stored.statements(self._db, attempt_id) if s is not None]

    def about(self, trainee_id: str) -> list[tuple[str, str, dict | None]]:
        """(state, attempt id, statement) of everything queued, sent or refused about one trainee, in
        queue order; state is 'sent', 'refused' or 'waiting'. A row whose step is gone has no
        statement (None). Read in one transaction: the sender moving steps into the outbox
        meanwhile changes nothing of what is shown."""
        db = self._db
        db.execute("BEGIN")
        try:
            rows = {seq: ("sent" if sent is not None else "waiting" if refused is None else "refused", attempt)
                    for seq, attempt, sent, refused in db.execute(
                        "SELECT seq, attempt_id, sent_at, refused_status FROM xapi_outbox WHERE trainee_id = ?",
                        (trainee_id,))}
            found = stored.statements(db, trainee_id=trainee_id)
        finally:
            db.execute("COMMIT")
        return [(*rows[seq], statement) if seq is not None else
                ("waiting", str(((statement or {}).get("context") or {}).get("registration", "")), statement)
                for seq, statement in found]


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
    report.pending = outbox.waiting()
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
    refused = Refused(statement.get("id", ""), xs.verb_name(statement), status,
                      answer.reason())
    outbox.mark_refused(seq, status, refused.reason)
    report.refused.append(refused)


def now_ts() -> float:
    return datetime.now(timezone.utc).timestamp()
