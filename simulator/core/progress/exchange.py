"""Export and import of progress, for trainers without a server.

- ``export_csv(store, target, trainee_id=None)``: one row per attempt (``CSV_COLUMNS``), for a
  spreadsheet. Times are ISO 8601 in UTC; ``compliance`` is 'passed', 'failed' or empty for an
  unfinished attempt; ``duration_seconds`` is the time spent deciding. Every text cell that a
  spreadsheet would run as a formula, ids and digests included, is prefixed with an apostrophe
  (``core.spreadsheet.safe_cells``).
- ``export_trainee_json(store, trainee_id)`` / ``write_trainee_json(store, trainee_id, path)``:
  a trainee's full history (every attempt, its steps and result) in the format below.
- ``import_trainee_json(store, source)`` / ``import_files(store, paths)``: bring trainees'
  exports into a trainer's store. Trainees and attempts keep their UUIDs, so importing the
  same file twice adds nothing; a later export of the same trainee adds only the new
  attempts, and replaces an attempt that was still open in the earlier export. Imported
  trainees have origin 'imported' (unless they already exist locally, e.g. your own export).

JSON format (``EXPORT_FORMAT``, version ``EXPORT_VERSION``)::

    {"format": "service-roleplay-simulator/progress", "version": 1, "exported_at": "...",
     "trainee": {"id": "...", "name": "Ana", "created_at": "..."},
     "attempts": [{"id": "<uuid>", "scenario": "lost-luggage", "digest": "<sha256>",
                   "mode": "practice", "status": "finished", "started_at": "...",
                   "finished_at": "...", "level": "wow", "score": 100,
                   "compliance_passed": true, "breaches": [], "ending_id": "...",
                   "duration": 12.5, "skills": [{"skill": "empathy", "shown": 1, "missed": 0}],
                   "steps": [{"number": 1, "node": "arrival", "reply": "pills-come-first",
                              "say": "...", "level": "wow", "seconds": 4.2, "timed_out": false,
                              "recorded_at": "..."}],
                   "result": {... PathResult.to_json() ...}, "timers": "as-written",
                   "resumed_from": ""}]}

A step's ``reply`` is the reply's id (``""`` for a reply without one; ``null`` when the time
ran out) and ``say`` the words as said: with ``level``, what a resume needs to find the very
reply again in a changed file (``core.replay.identify``). An attempt's ``resumed_from`` is the
attempt it continues when a resume on a changed file had to close that one (``""`` otherwise, and
in exports made before it was recorded).

Bad input raises ``ExchangeError`` (a ``ProgressError``) with a plain-language message and
writes nothing: each file is imported in one transaction. Both exports write to a temporary
``.part`` file next to the target and rename it into place (``files.write_atomically``), so a
crash or a full disk mid-export leaves the trainer's previous export as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterable

from ..files import write_atomically
from ..spreadsheet import safe_cells
from . import schedule
from .import_check import BadExport, Progress, read_export
from .names import name_key
from .records import ProgressError
from .store import ProgressStore

EXPORT_FORMAT = "service-roleplay-simulator/progress"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 200 * 1024 * 1024
CSV_COLUMNS = ("attempt_id", "trainee_id", "trainee", "scenario", "scenario_digest", "mode", "status", "started",
               "finished", "level", "score", "compliance", "breaches", "duration_seconds", "steps", "timers",
               "resumed_from")


class ExchangeError(ProgressError):
    """An export file that cannot be imported, or a target that cannot be written."""


@dataclass(frozen=True)
class ImportReport:
    source: str
    trainee_id: str
    trainee_name: str
    added: int  # new attempts
    updated: int  # attempts open in an earlier import, further along now
    unchanged: int  # already there: skipped

    @property
    def message(self) -> str:
        return (f"{self.trainee_name}: {self.added} new attempt(s), {self.updated} updated, "
                f"{self.unchanged} already imported.")


# -- CSV ------------------------------------------------------------------------------------

def export_csv(store: ProgressStore, target: str | os.PathLike | IO[str], trainee_id: str | None = None) -> int:
    """Write one row per attempt (all trainees unless ``trainee_id``); returns the number of rows."""
    names = {t.id: t.name for t in store.trainees()}
    attempts = store.attempts(trainee_id)
    rows = []
    for a in attempts:
        rows.append(safe_cells((
            a.id, a.trainee_id, names.get(a.trainee_id, ""), a.scenario_id, a.scenario_digest,
            a.mode, a.status, _iso(a.started_at), _iso(a.finished_at) if a.status == "finished" else "",
            a.level.value if a.level else "", "" if a.score is None else a.score,
            "" if a.compliance_passed is None else ("passed" if a.compliance_passed else "failed"),
            len(a.breaches), "" if a.duration is None else round(a.duration, 1), a.step_count, a.timers,
            a.resumed_from)))
    if isinstance(target, (str, os.PathLike)):
        # BOM: spreadsheets then read the file as UTF-8.
        _write_atomically(target, lambda f: _write_csv(f, rows), "The CSV file", encoding="utf-8-sig", newline="")
    else:
        _write_csv(target, rows)
    return len(rows)


def _write_csv(f: IO[str], rows: list[tuple]) -> None:
    writer = csv.writer(f)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)


# -- JSON export ----------------------------------------------------------------------------

def export_trainee_json(store: ProgressStore, trainee_id: str, now: datetime | None = None) -> dict:
    trainee = store.trainee(trainee_id)
    with store.reading() as db:
        attempts = db.execute(
            "SELECT id, scenario_id, scenario_digest, mode, status, started_at, finished_at, level, score, "
            "compliance_passed, breaches, ending_id, duration, result, timers, resumed_from FROM attempts WHERE "
            "trainee_id = ? "
            "ORDER BY started_at, id", (trainee_id,)).fetchall()
        steps: dict[str, list] = {}
        for r in db.execute("SELECT s.attempt_id, s.number, s.node, s.reply, s.say, s.level, s.seconds, s.timed_out, "
                            "s.recorded_at FROM steps s JOIN attempts a ON a.id = s.attempt_id WHERE a.trainee_id = ?"
                            " ORDER BY s.attempt_id, s.number", (trainee_id,)):
            steps.setdefault(r[0], []).append({
                "number": r[1], "node": r[2], "reply": r[3], "say": r[4], "level": r[5], "seconds": r[6],
                "timed_out": bool(r[7]), "recorded_at": _iso_ts(r[8])})
        skills: dict[str, list] = {}
        for r in db.execute("SELECT k.attempt_id, k.skill, k.shown, k.missed FROM attempt_skills k JOIN attempts a "
                            "ON a.id = k.attempt_id WHERE a.trainee_id = ? ORDER BY k.attempt_id, k.skill",
                            (trainee_id,)):
            skills.setdefault(r[0], []).append({"skill": r[1], "shown": r[2], "missed": r[3]})
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(schedule.utc(now)),
        "trainee": {"id": trainee.id, "name": trainee.name, "created_at": _iso(trainee.created_at)},
        "attempts": [{
            "id": r[0], "scenario": r[1], "digest": r[2], "mode": r[3], "status": r[4],
            "started_at": _iso_ts(r[5]), "finished_at": _iso_ts(r[6]), "level": r[7], "score": r[8],
            "compliance_passed": None if r[9] is None else bool(r[9]), "breaches": json.loads(r[10] or "[]"),
            "ending_id": r[11], "duration": r[12], "skills": skills.get(r[0], []), "steps": steps.get(r[0], []),
            "result": json.loads(r[13]) if r[13] else None, "timers": r[14], "resumed_from": r[15],
        } for r in attempts],
    }


def write_trainee_json(store: ProgressStore, trainee_id: str, path: str | os.PathLike,
                       now: datetime | None = None) -> Path:
    """Write the export atomically (a temporary file renamed into place)."""
    data = export_trainee_json(store, trainee_id, now)
    return _write_atomically(path, lambda f: json.dump(data, f, ensure_ascii=False, indent=1), "The export",
                             encoding="utf-8")


def _write_atomically(target: str | os.PathLike, write: Callable[[IO[str]], object], what: str, *,
                      encoding: str, newline: str | None = None) -> Path:
    """``files.write_atomically``, with a disk error told as an ExchangeError naming ``what``."""
    try:
        return write_atomically(target, write, encoding=encoding, newline=newline)
    except OSError as exc:
        raise ExchangeError(f"{what} {target} could not be written ({exc.strerror or exc}).", Path(target)) from exc


# -- JSON import ----------------------------------------------------------------------------

def import_files(store: ProgressStore, paths: Iterable[str | os.PathLike]) -> list[ImportReport]:
    """Import several exports; stops at the first bad file (earlier files stay imported)."""
    return [import_trainee_json(store, p) for p in paths]


def import_trainee_json(store: ProgressStore, source: str | os.PathLike | dict | IO[str],
                        progress: Progress | None = None) -> ImportReport:
    """Import one export in one transaction. Raises ``ExchangeError`` and nothing else: whatever is
    wrong with the file (or the store, while importing) is told in a sentence naming the file.
    ``progress(done, total)`` is called from time to time (from this thread) for a progress bar."""
    name = str(source) if isinstance(source, (str, os.PathLike)) else "the data given"
    try:
        data = source if isinstance(source, dict) else _load_json(source, name)
        try:
            trainee, attempts = read_export(data, EXPORT_FORMAT, EXPORT_VERSION, _halves(progress, 0))
        except RecursionError:
            raise BadExport("it is nested too deeply") from None
        return _import(store, trainee, attempts, name, _halves(progress, 1))
    except BadExport as exc:
        raise ExchangeError(f"{name} is not a progress export this app can read: {exc}.") from None
    except ExchangeError:
        raise
    except (ProgressError, sqlite3.Error) as exc:
        raise ExchangeError(f"{name} could not be imported ({exc}). Nothing was written from it.") from exc
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        # A backstop: read_export should have named the problem already.
        raise ExchangeError(f"{name} could not be imported: it holds a value this app cannot store "
                            f"({type(exc).__name__}). Nothing was written from it.") from exc


def _load_json(source: str | os.PathLike | IO[str], name: str):
    try:
        if isinstance(source, (str, os.PathLike)):
            if os.path.getsize(source) > MAX_IMPORT_BYTES:
                raise ExchangeError(f"{name} is too large to be a progress export.", source)
            with open(source, encoding="utf-8") as f:
                return json.load(f)
        return json.load(source)
    except OSError as exc:
        raise ExchangeError(f"{name} could not be read ({exc.strerror or exc}).") from exc
    except RecursionError:
        raise ExchangeError(f"{name} is not a progress export (its JSON is nested too deeply).") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"{name} is not a progress export (it is not valid JSON: {exc}).") from exc


def _halves(progress: Progress | None, half: int) -> Progress | None:
    """Reading is the first half of the bar, saving the second."""
    if progress is None:
        return None
    return lambda done, total: progress(half * total + done, 2 * total)


_CHUNK = 2000
_ATTEMPT_FIELDS = ("id", "trainee_id", "scenario", "digest", "mode", "status", "started_at", "finished_at", "level",
                   "level_rank", "score", "compliance_passed", "breaches", "ending_id", "duration", "result", "timers",
                   "resumed_from")


def _import(store: ProgressStore, trainee: dict, attempts: list[dict], name: str,
            progress: Progress | None = None) -> ImportReport:
    added = updated = unchanged = 0
    with store.writing() as db:
        row = db.execute("SELECT origin FROM trainees WHERE id = ?", (trainee["id"],)).fetchone()
        if row is None:
            db.execute("INSERT INTO trainees (id, name, name_key, origin, created_at) VALUES (?, ?, ?, 'imported', ?)",
                       (trainee["id"], trainee["name"], name_key(trainee["name"]), trainee["created_at"]))
        elif row[0] == "imported":
            db.execute("UPDATE trainees SET name = ?, name_key = ? WHERE id = ?",
                       (trainee["name"], name_key(trainee["name"]), trainee["id"]))
        existing = {r[0]: (r[1], r[2], r[3]) for r in db.execute(
            "SELECT a.id, a.trainee_id, a.status, (SELECT COUNT(*) FROM steps s WHERE s.attempt_id = a.id) "
            "FROM attempts a WHERE a.id IN (SELECT value FROM json_each(?))",
            (json.dumps([a["id"] for a in attempts]),))}
        new_rows, new_steps, new_skills, replace_ids = [], [], [], []
        pairs = set()
        for a in attempts:
            old = existing.get(a["id"])
            if old is not None:
                owner, status, step_count = old
                further = status == "open" and (a["status"] != "open" or len(a["steps"]) > step_count)
                if owner != trainee["id"] or not further:
                    unchanged += 1
                    continue
                replace_ids.append((a["id"],))
                updated += 1
            else:
                added += 1
            a = {**a, "trainee_id": trainee["id"]}
            new_rows.append(tuple(a[f] for f in _ATTEMPT_FIELDS))
            new_steps.extend(a["steps"])
            new_skills.extend(a["skills"])
            pairs.add((trainee["id"], a["scenario"]))
        queued = db.execute(  # what the replaced steps queued for the LRS stays with them (docs/xapi.md)
            "SELECT xapi_context, xapi_decision, xapi_choice, xapi_mood, xapi_breach, attempt_id, number, recorded_at "
            "FROM steps WHERE xapi_context IS NOT NULL AND attempt_id IN (SELECT value FROM json_each(?))",
            (json.dumps([r[0] for r in replace_ids]),)).fetchall()
        db.executemany("DELETE FROM attempts WHERE id = ?", replace_ids)  # cascades to steps and skills
        for start in range(0, len(new_rows), _CHUNK):  # in chunks, to tell the progress bar
            db.executemany(f"INSERT INTO attempts (id, trainee_id, scenario_id, scenario_digest, mode, status, "
                           f"started_at, finished_at, level, level_rank, score, compliance_passed, breaches, "
                           f"ending_id, duration, result, timers, resumed_from) VALUES "
                           f"({', '.join('?' * len(_ATTEMPT_FIELDS))})",
                           new_rows[start:start + _CHUNK])
            if progress is not None:
                progress(start + len(new_rows[start:start + _CHUNK]), len(new_rows))
        db.executemany("INSERT INTO steps (attempt_id, number, node, reply, say, level, seconds, timed_out,"
                       " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new_steps)
        db.executemany("UPDATE steps SET xapi_context = ?, xapi_decision = ?, xapi_choice = ?, xapi_mood = ?, "
                       "xapi_breach = ? WHERE attempt_id = ? AND number = ? AND ABS(recorded_at - ?) < 0.001",
                       queued)  # the same step: exports keep times to the millisecond
        db.executemany("INSERT INTO attempt_skills (attempt_id, skill, shown, missed) VALUES (?, ?, ?, ?)",
                       new_skills)
        store.rebuild_progress(db, sorted(pairs))
    return ImportReport(name, trainee["id"], trainee["name"], added, updated, unchanged)


# -- helpers --------------------------------------------------------------------------------

def _iso(moment: datetime | None) -> str:
    return "" if moment is None else schedule.utc(moment).isoformat(timespec="milliseconds")


def _iso_ts(ts: float | None) -> str | None:
    return None if ts is None else _iso(datetime.fromtimestamp(ts, timezone.utc))


def csv_text(store: ProgressStore, trainee_id: str | None = None) -> str:
    """The CSV export as a string (for a preview or a test)."""
    buffer = io.StringIO()
    export_csv(store, buffer, trainee_id)
    return buffer.getvalue()
