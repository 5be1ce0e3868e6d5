"""Reading a progress export strictly, before anything is written.

An export comes from another computer and may be damaged, edited by hand or hostile, so every
field is checked for its kind and range here, and whatever is wrong is raised as ``BadExport``
(a sentence fragment: "attempt 3 has a finishing time that is not a date and time"), which
``exchange`` turns into its ``ExchangeError`` naming the file. Nothing else escapes: times that
are not ISO 8601 or overflow once moved to UTC, integers SQLite cannot hold, infinities and NaN,
strings Python cannot encode (lone surrogates), ids given twice, nesting too deep to copy.

The rows returned are ready for SQLite; the names are cleaned by the store's one rule
(``names.clean_name``).
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any, Callable

from ..levels import Level
from . import schedule
from .names import clean_name
from .schema import MODES, STATUSES, TIME_LIMITS

MAX_ID = 64  # characters in a trainee or attempt id (UUIDs are 36)
MAX_TEXT = 100_000  # characters in one text field (a reply, an ending id)
MAX_IMPORTED_NAME = 200  # characters in a trainee's name, after cleaning
MAX_INT = 2 ** 63 - 1  # SQLite's INTEGER
MAX_SCORE = 100

Progress = Callable[[int, int], None]


class BadExport(Exception):
    """What is wrong with an export, as the end of a sentence."""


def read_export(data: Any, export_format: str, export_version: int,
                progress: Progress | None = None) -> tuple[dict, list[dict]]:
    """The trainee and the attempts of an export (parsed JSON), checked field by field.
    ``progress(done, total)`` is called now and then with the attempts read so far."""
    if not isinstance(data, dict) or data.get("format") != export_format:
        raise BadExport("it was not made by 'Export my history'")
    version = data.get("version")
    if type(version) is not int or not 1 <= version <= export_version:
        shown = version if type(version) in (int, str) and len(str(version)) < 20 else "unknown"
        raise BadExport(f"it is format version {shown!r}; update the app to read it")
    trainee = data.get("trainee")
    if not isinstance(trainee, dict) or not _is_ident(trainee.get("id")) or not isinstance(trainee.get("name"), str):
        raise BadExport("the trainee's id or name is missing")
    name = clean_name(_text(trainee, "name", "the trainee"))
    if len(name) > MAX_IMPORTED_NAME:
        raise BadExport(f"the trainee's name is longer than {MAX_IMPORTED_NAME} characters")
    person = {"id": trainee["id"], "name": name or "(no name)",
              "created_at": _time(trainee, "created_at", "the trainee", optional=True) or 0.0}
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise BadExport("the list of attempts is missing")
    rows, seen = [], set()
    for i, attempt in enumerate(attempts, 1):
        row = _attempt(attempt, f"attempt {i}")
        if row["id"] in seen:
            raise BadExport(f"attempt {i} has the same id as an earlier one ({row['id']})")
        seen.add(row["id"])
        rows.append(row)
        if progress is not None and i % 1000 == 0:
            progress(i, len(attempts))
    return person, rows


def _attempt(a: Any, where: str) -> dict:
    if not isinstance(a, dict) or not _is_ident(a.get("id")) or not isinstance(a.get("scenario"), str):
        raise BadExport(f"{where} has no id or scenario")
    if a.get("mode") not in MODES or a.get("status") not in STATUSES:
        raise BadExport(f"{where} has an unknown mode or status")
    attempt_id, finished = a["id"], a["status"] == "finished"
    scenario = _text(a, "scenario", where)
    if not 0 < len(scenario) <= 200 or not scenario.isprintable():
        raise BadExport(f"{where} has a scenario id that is empty, too long or holds control characters")
    started = _time(a, "started_at", where)
    finished_at = _time(a, "finished_at", where, optional=True)
    level = score = None
    if finished:
        level = _level(a.get("level"))
        score = a.get("score")
        if level is None or type(score) is not int or not 0 <= score <= MAX_SCORE or finished_at is None:
            raise BadExport(f"{where} is finished but has no level, score (0 to {MAX_SCORE}) or finishing time")
    compliance = _flag(a, "compliance_passed", where)
    breaches = a.get("breaches") or []
    if not isinstance(breaches, list) or not all(isinstance(b, str) for b in breaches):
        raise BadExport(f"{where} has a list of breaches that is not a list of rule names")
    for b in breaches:
        _check_text(b, where, "breach")
    result = a.get("result")
    if result is not None and not isinstance(result, dict):
        raise BadExport(f"{where} has a result that is not a record")
    timers = a.get("timers", "as-written")  # exports before timers were recorded: played as written
    if timers not in TIME_LIMITS:
        raise BadExport(f"{where} has an unknown time-limit setting")
    resumed_from = _text(a, "resumed_from", where)  # exports before it was recorded: ''
    if resumed_from and not _is_ident(resumed_from):
        raise BadExport(f"{where} names the attempt it was resumed from with an id that is too long or holds "
                        f"control characters")
    return {
        "id": attempt_id, "scenario": scenario, "digest": _text(a, "digest", where), "mode": a["mode"],
        "status": a["status"], "started_at": started, "finished_at": finished_at,
        "level": level.value if level else None, "level_rank": level.rank if level else None, "score": score,
        "compliance_passed": None if compliance is None else int(compliance),
        "breaches": json.dumps(breaches, ensure_ascii=False), "ending_id": _text(a, "ending_id", where),
        "duration": _number(a, "duration", where),
        "result": None if result is None else _json_text(result, where), "timers": timers,
        "resumed_from": resumed_from,
        "steps": _steps(a, attempt_id, started, where),
        "skills": _skills(a, attempt_id, where),
    }


def _steps(a: dict, attempt_id: str, started: float, where: str) -> list[tuple]:
    steps = a.get("steps") or []
    if not isinstance(steps, list):
        raise BadExport(f"{where} has a list of steps that is not a list")
    rows, numbers = [], set()
    for n, s in enumerate(steps, 1):
        here = f"{where}, step {n},"
        if not isinstance(s, dict) or not isinstance(s.get("node"), str) or _level(s.get("level")) is None:
            raise BadExport(f"{where} has a step without a node or level")
        number = _integer(s, "number", here, low=1, default=n)
        if number in numbers:
            raise BadExport(f"{where} has two steps numbered {number}")
        numbers.add(number)
        reply = s.get("reply")
        if reply is not None:
            reply = _text(s, "reply", here)
        timed_out = _flag(s, "timed_out", here)
        rows.append((attempt_id, number, _text(s, "node", here), reply, _text(s, "say", here),
                     _level(s["level"]).value, _number(s, "seconds", here) or 0.0,
                     int(reply is None if timed_out is None else timed_out),
                     _time(s, "recorded_at", here, optional=True) or started))
    return rows


def _skills(a: dict, attempt_id: str, where: str) -> list[tuple]:
    skills = a.get("skills") or []
    if not isinstance(skills, list) or not all(isinstance(k, dict) and isinstance(k.get("skill"), str)
                                               for k in skills):
        raise BadExport(f"{where} has a malformed skill tally")
    rows, names = [], set()
    for k in skills:
        skill = _text(k, "skill", where)
        if skill in names:
            raise BadExport(f"{where} counts the skill {skill!r} twice")
        names.add(skill)
        rows.append((attempt_id, skill, _integer(k, "shown", where, default=0),
                     _integer(k, "missed", where, default=0)))
    return rows


# -- one field ----------------------------------------------------------------------------------

def _is_ident(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and value.isprintable()


def _level(value: Any) -> Level | None:
    return Level.parse(value) if isinstance(value, str) else None


def _check_text(value: str, where: str, what: str) -> str:
    if len(value) > MAX_TEXT:
        raise BadExport(f"{where} has a {what} longer than {MAX_TEXT} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadExport(f"{where} has a {what} that is not valid Unicode text") from None
    return value


def _text(obj: dict, key: str, where: str) -> str:
    """A text field; missing or null is ''."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadExport(f"{where} has a {key.replace('_', ' ')} that is not text")
    return _check_text(value, where, key.replace("_", " "))


def _integer(obj: dict, key: str, where: str, *, low: int = 0, default: int | None = None) -> int:
    value = obj.get(key, default)
    if type(value) is not int or not low <= value <= MAX_INT:
        raise BadExport(f"{where} has a {key} that is not a whole number from {low} to {MAX_INT}")
    return value


def _number(obj: dict, key: str, where: str) -> float | None:
    """A finite number of seconds, 0 or more; missing or null is None."""
    value = obj.get(key)
    if value is None:
        return None
    if type(value) not in (int, float) or not (0 <= value <= 1e12) or not math.isfinite(value):
        raise BadExport(f"{where} has a {key} that is not a number of seconds")
    return float(value)


def _flag(obj: dict, key: str, where: str) -> bool | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, bool):
        raise BadExport(f"{where} has a {key.replace('_', ' ')} that is not true or false")
    return value


def _time(obj: dict, key: str, where: str, *, optional: bool = False) -> float | None:
    """An ISO 8601 date and time as a UTC timestamp (a time without a zone is UTC)."""
    value = obj.get(key)
    what = key.replace("_at", "").replace("_", " ")
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise BadExport(f"{where} has a {what} time that is not an ISO 8601 date and time (like "
                        f"2024-03-01T09:00:00+00:00)")
    try:
        return schedule.utc(datetime.fromisoformat(value)).timestamp()
    except (ValueError, OverflowError, OSError):
        raise BadExport(f"{where} has a {what} time that is not a date and time this app can use: {value!r}") \
            from None


def _json_text(value: dict, where: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=True, allow_nan=False)
    except (ValueError, TypeError, RecursionError):
        raise BadExport(f"{where} has a result that is nested too deeply or holds a value that is not a "
                        f"number") from None
