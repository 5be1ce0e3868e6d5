"""The outbox's rows as statements, where the waiting ones begin, and the steps still to move in.

A reply click queues its statement in the step's own row (``outbox.Recorder.step_columns``): the
attempt's context (``xapi_contexts``: the organisation's profile and the actor as they were then),
the decision (``xapi_decisions``, kept once per decision), the reply's place among its choices,
the mood after it and the rule breached. ``collect`` moves such steps into the outbox, as rows
that name the step; the sender does before it sends, and an attempt's end (or resume) does for
its own steps, so an attempt's statements keep their order. A row's statement is built here when
it is sent or shown, from the step the progress file keeps (level, seconds, time) and what it
refers to, so it is the same on every resend; its id too, the UUIDv5 of the attempt and the step
(``statements.statement_id``), which the sender writes into the row the first time it reads it.
Every other row (an attempt's start and end, voidings), and every row queued before format 6,
holds its statement whole.
"""

from __future__ import annotations

import json
import sqlite3

from ..levels import Level
from ..progress.records import moment
from . import statements as xs

_STEP = "s.xapi_choice, s.xapi_mood, s.xapi_breach, c.data, d.data, s.level, s.seconds, s.recorded_at "
ROWS = ("SELECT o.seq, o.statement, o.id, o.attempt_id, o.number, " + _STEP +
        "FROM xapi_outbox o LEFT JOIN steps s ON s.attempt_id = o.attempt_id AND s.number = o.number "
        "LEFT JOIN xapi_contexts c ON c.id = s.xapi_context LEFT JOIN xapi_decisions d ON d.key = s.xapi_decision ")
QUEUED = ("SELECT NULL, NULL, NULL, s.attempt_id, s.number, " + _STEP +
          "FROM xapi_contexts c JOIN steps s ON s.attempt_id = c.attempt_id AND s.number > c.collected AND "
          "s.xapi_context = c.id LEFT JOIN xapi_decisions d ON d.key = s.xapi_decision WHERE c.open = 1 ")
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
    """Turns rows selected with ``ROWS`` (or ``QUEUED``) into statements, reading each context and
    decision once."""

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
        if context not in self._contexts:
            self._contexts[context] = _context(context)
        if decision not in self._decisions:
            self._decisions[decision] = xs.Decision.from_json(decision)
        profile, ctx = self._contexts[context]
        at = moment(recorded)
        answer = xs.Answer(sid or xs.statement_id(attempt_id, "answered", number, at), number,
                           self._decisions[decision], choice, Level(level), mood, breach or "", seconds, at)
        return xs.answered(profile, ctx, answer)


def statements(db: sqlite3.Connection, attempt_id: str | None = None, where: str = "1", params: tuple = (),
               queued: bool = True, trainee_id: str | None = None) -> list[tuple[int | None, dict | None]]:
    """(seq, statement) of the outbox's rows ``where`` selects, in queue order, then (``queued``)
    those of the steps not moved in yet (seq None); of one attempt, or one trainee's, or all."""
    builder = Builder()
    found = [(row[0], builder.build(row)) for row in db.execute(
        f"{ROWS} WHERE ({where}) AND (? IS NULL OR o.attempt_id = ?) AND (? IS NULL OR o.trainee_id = ?) "
        "ORDER BY o.seq", (*params, attempt_id, attempt_id, trainee_id, trainee_id))]
    if queued:
        found += [(None, builder.build(row)) for row in db.execute(
            f"{QUEUED} AND (? IS NULL OR c.attempt_id = ?) AND (? IS NULL OR c.attempt_id IN (SELECT id FROM "
            "attempts WHERE trainee_id = ?)) ORDER BY c.id, s.number", (attempt_id, attempt_id, trainee_id,
                                                                        trainee_id))]
    return found


def queued_count(db: sqlite3.Connection) -> int:
    """Steps queued and not moved into the outbox yet."""
    return db.execute(f"SELECT COUNT(*) FROM ({QUEUED})").fetchone()[0]


def collect(db: sqlite3.Connection, attempt_id: str | None = None, close: bool = False) -> None:
    """Move the steps queued under the open contexts (of one attempt, or all) into the outbox, in
    step order. ``close``: the attempt ends, so its contexts get no more steps. Without an attempt,
    the contexts of attempts no longer open are closed after their steps are moved."""
    contexts = db.execute("SELECT id, attempt_id, collected FROM xapi_contexts WHERE open = 1 AND (? IS NULL OR "
                          "attempt_id = ?) ORDER BY id", (attempt_id, attempt_id)).fetchall()
    for ctx, attempt, collected in contexts:
        moved = db.execute("INSERT INTO xapi_outbox (attempt_id, trainee_id, verb, number, queued_at) SELECT "
                           "s.attempt_id, a.trainee_id, 'answered', s.number, s.recorded_at FROM steps s JOIN "
                           "attempts a ON a.id = s.attempt_id WHERE s.attempt_id = ? AND s.number > ? AND "
                           "s.xapi_context = ? ORDER BY s.number", (attempt, collected, ctx)).rowcount
        if moved:
            db.execute("UPDATE xapi_contexts SET collected = (SELECT MAX(number) FROM steps WHERE attempt_id = ? AND "
                       "xapi_context = ?) WHERE id = ?", (attempt, ctx, ctx))
    if attempt_id is None:
        db.execute("UPDATE xapi_contexts SET open = 0 WHERE open = 1 AND attempt_id NOT IN "
                   "(SELECT id FROM attempts WHERE status = 'open')")
    elif close:
        db.execute("UPDATE xapi_contexts SET open = 0 WHERE attempt_id = ? AND open = 1", (attempt_id,))


def uncollect(db: sqlite3.Connection, attempt_id: str, number: int) -> None:
    """Step ``number`` is taken back: a step taken again under that number is moved in anew."""
    db.execute("UPDATE xapi_contexts SET collected = MIN(collected, ?) WHERE attempt_id = ?", (number - 1, attempt_id))


def freeze(db: sqlite3.Connection, seq: int) -> None:
    """Keep a row's statement whole, before the step it is built from goes (a step taken back after
    it was sent: the LRS holds it, and the outbox shows it as sent)."""
    [(_, statement)] = statements(db, where="o.seq = ?", params=(seq,), queued=False)
    if statement is not None:
        db.execute("UPDATE xapi_outbox SET statement = ? WHERE seq = ?",
                   (json.dumps(statement, ensure_ascii=False, separators=(",", ":")), seq))
