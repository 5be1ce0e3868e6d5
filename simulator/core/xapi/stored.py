"""The outbox's rows as statements, and where the waiting ones begin.

A reply click queues a compact row (``outbox.Recorder``): the step it answers, the decision
(``xapi_decisions``, kept once per decision), the reply's place among its choices, the mood after
it, and the attempt's context (``xapi_contexts``: the organisation's profile and the actor as they
were then). Its statement is built here when it is sent or shown, from that row and the step the
progress file keeps (level, seconds, time), so it is the same on every resend; its id too, the
UUIDv5 of the attempt and the step (``statements.statement_id``), which the sender writes into the
row the first time it reads it. Every other row, and every row queued before format 6, holds its
statement whole.

``xapi_outbox_from`` holds one number: every row below it was sent or refused. The sender reads
from there, so the queue needs no index (each index would cost every reply click a page).
"""

from __future__ import annotations

import json
import sqlite3

from ..levels import Level
from ..progress.records import moment
from . import statements as xs

ROWS = ("SELECT o.seq, o.statement, o.id, o.attempt_id, o.number, o.choice, o.mood, o.breach, c.data, d.data, "
        "s.level, s.seconds, s.recorded_at FROM xapi_outbox o LEFT JOIN xapi_contexts c ON c.id = o.context "
        "LEFT JOIN xapi_decisions d ON d.key = o.decision "
        "LEFT JOIN steps s ON s.attempt_id = o.attempt_id AND s.number = o.number ")
WAITING = "o.sent_at IS NULL AND o.refused_status IS NULL"
UNBUILDABLE = "the step this statement describes is no longer in the progress file"


def context_json(profile: xs.Profile, ctx: xs.AttemptContext) -> str:
    """What an attempt's statements share, as the ``xapi_contexts`` row keeps it."""
    return json.dumps({"activity_base": profile.activity_base, "home_page": profile.home_page,
                       "language": profile.language, "app_version": profile.app_version,
                       "registration": ctx.attempt_id, "scenario": ctx.scenario_id, "digest": ctx.scenario_digest,
                       "mode": ctx.mode, "timers": ctx.timers, "account": ctx.actor.account_name,
                       "name": ctx.actor.display_name}, ensure_ascii=False, separators=(",", ":"))


def _context(text: str) -> tuple[xs.Profile, xs.AttemptContext]:
    d = json.loads(text)
    return (xs.Profile(d["activity_base"], d["home_page"], d["language"], d["app_version"]),
            xs.AttemptContext(d["registration"], d["scenario"], d["digest"], d["mode"],
                              xs.Actor(d["account"], d["name"]), d["timers"]))


class Builder:
    """Turns rows selected with ``ROWS`` into statements, reading each context and decision once."""

    def __init__(self) -> None:
        self._contexts: dict[str, tuple[xs.Profile, xs.AttemptContext]] = {}
        self._decisions: dict[str, xs.Decision] = {}

    def build(self, row: tuple) -> dict | None:
        """The row's statement; None when what it refers to is gone (the row is kept, never dropped)."""
        _, text, sid, attempt_id, number, choice, mood, breach, context, decision, level, seconds, recorded = row
        if text is not None:
            return json.loads(text)
        if context is None or decision is None or level is None:
            return None
        at = moment(recorded)
        if context not in self._contexts:
            self._contexts[context] = _context(context)
        if decision not in self._decisions:
            self._decisions[decision] = xs.Decision.from_json(decision)
        profile, ctx = self._contexts[context]
        sid = sid or xs.statement_id(attempt_id, "answered", number, at)
        return xs.answered(profile, ctx, xs.Answer(sid, number, self._decisions[decision], choice, Level(level),
                                                   mood, breach or "", seconds, at))


def statements(db: sqlite3.Connection, where: str = "1", params: tuple = ()) -> list[tuple[int, dict | None]]:
    """(seq, statement) of the rows ``where`` selects, in queue order."""
    builder = Builder()
    return [(row[0], builder.build(row)) for row in db.execute(f"{ROWS} WHERE {where} ORDER BY o.seq", params)]


def freeze(db: sqlite3.Connection, seq: int) -> None:
    """Keep a compact row's statement whole, before the step it is built from goes (a step taken
    back after it was sent: the LRS holds it, and the outbox shows it as sent)."""
    [(_, statement)] = statements(db, "o.seq = ?", (seq,))
    if statement is not None:
        db.execute("UPDATE xapi_outbox SET statement = ? WHERE seq = ?",
                   (json.dumps(statement, ensure_ascii=False, separators=(",", ":")), seq))


# -- where the waiting rows begin -------------------------------------------------------------

def waiting_from(db: sqlite3.Connection) -> int:
    return db.execute("SELECT seq FROM xapi_outbox_from").fetchone()[0]


def advance(db: sqlite3.Connection) -> None:
    """After rows were sent or refused: the first row still waiting (or past the last row)."""
    start = waiting_from(db)
    first = db.execute(f"SELECT seq FROM xapi_outbox o WHERE seq >= ? AND {WAITING} ORDER BY seq LIMIT 1",
                       (start,)).fetchone()
    db.execute("UPDATE xapi_outbox_from SET seq = ?", (first[0] if first else _after_last(db),))


def after_delete(db: sqlite3.Connection) -> None:
    """Rows were deleted: a row queued next may take the number of a deleted one, so the start
    never stays above the row after the last."""
    db.execute("UPDATE xapi_outbox_from SET seq = MIN(seq, ?)", (_after_last(db),))


def lower_to(db: sqlite3.Connection, where: str) -> None:
    """Rows ``where`` selects wait again (refused ones put back in the queue)."""
    first = db.execute(f"SELECT MIN(seq) FROM xapi_outbox WHERE {where}").fetchone()[0]
    if first is not None:
        db.execute("UPDATE xapi_outbox_from SET seq = MIN(seq, ?)", (first,))


def _after_last(db: sqlite3.Connection) -> int:
    return db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM xapi_outbox").fetchone()[0]
