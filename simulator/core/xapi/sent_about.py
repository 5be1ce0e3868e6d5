"""What is sent about one trainee: every statement the outbox holds about them, in plain words.

A trainee has the right to see what leaves the computer about them, and to trust it: the view is
built from the very statements the sender posts (``Outbox.about``), not from a description of
them, so what it shows is what the LRS receives, id for id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..levels import Level
from ..modes import Mode
from ..wording import plural
from .config import LrsSettings
from .statements import ADL_VERBS, EXT, SIMULATION, account_name
from .stored import UNBUILDABLE

STATES = ("sent", "waiting", "refused")
_STATE_WORDS = {"sent": "Sent", "waiting": "Waiting", "refused": "Refused by the LRS, kept here"}


@dataclass(frozen=True)
class SentStatement:
    """One statement about the trainee: its state, when, and what it says."""

    state: str  # one of STATES
    at: datetime | None  # the statement's timestamp, in UTC
    what: str  # what the statement says, in plain words
    statement: dict | None  # exactly as it is (or was) sent; None when its step is gone

    @property
    def state_words(self) -> str:
        return _STATE_WORDS[self.state]


@dataclass(frozen=True)
class SentAttempt:
    """The statements about one attempt, in the order they are sent."""

    attempt_id: str
    scenario: str  # the scenario's title (or its id)
    items: list[SentStatement]

    @property
    def started(self) -> datetime | None:
        return next((item.at for item in self.items if item.at), None)

    def state_words(self) -> str:
        """'All sent', or how many of its statements wait or were refused."""
        waiting = sum(item.state == "waiting" for item in self.items)
        refused = sum(item.state == "refused" for item in self.items)
        if not waiting and not refused:
            return "All sent"
        parts = [f"{waiting} waiting"] if waiting else []
        return ", ".join(parts + ([f"{refused} refused"] if refused else []))


@dataclass(frozen=True)
class SentAbout:
    """Everything the outbox holds about one trainee, attempt by attempt, and how they appear in it."""

    account: str  # the pseudonym statements carry
    home_page: str
    name_sent: str  # the display name, when the organisation chose to send names; else ''
    sending: bool  # the organisation opted in: statements are queued and sent
    endpoint: str
    attempts: list[SentAttempt]  # in the order they were first queued

    @property
    def items(self) -> list[SentStatement]:
        return [item for attempt in self.attempts for item in attempt.items]

    def count(self, state: str) -> int:
        return sum(item.state == state for item in self.items)

    def headline(self) -> str:
        """Whether anything leaves this computer, and where to."""
        waiting = self.count("waiting")
        if not self.sending:
            text = "Sending to a Learning Record Store is off: nothing about you leaves this computer."
            if waiting:
                text += f" {plural(waiting, 'statement')} queued while it was on wait here and are not sent."
            return text
        if not self.endpoint:
            return "Sending is on, but no LRS address is set yet: what is queued about you waits here."
        return f"Sending is on: each attempt goes, decision by decision, to the LRS at {self.endpoint}."

    def identity(self) -> str:
        """How the LRS knows the trainee: a pseudonym, never an e-mail address."""
        if not self.home_page:
            return "You would be sent as an account on the organisation's home page, never by e-mail address."
        name = f" with your name “{self.name_sent}”" if self.name_sent else ", not by your name"
        return f"You are sent as the account {self.account} on {self.home_page}{name}; never by e-mail address."

    def counts(self) -> str:
        refused = self.count("refused")
        text = f"Sent: {self.count('sent')}. Waiting: {self.count('waiting')}."
        return text + (f" Refused by the LRS and kept here: {refused}." if refused else "")

    def to_json(self) -> str:
        """A copy for the trainee to keep: each statement with its state, as sent."""
        return json.dumps({"account": {"homePage": self.home_page, "name": self.account},
                           "statements": [{"state": item.state, "statement": item.statement}
                                          for item in self.items]}, ensure_ascii=False, indent=2)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")


def sent_about(rows: list[tuple[str, str, dict | None]], trainee_id: str, display_name: str,
               settings: LrsSettings) -> SentAbout:
    """The view of ``Outbox.about(trainee_id)``'s rows, under the organisation's settings."""
    titles: dict[str, str] = {}  # attempt -> the scenario's title, from its start or end
    grouped: dict[str, list[SentStatement]] = {}
    for state, attempt_id, statement in rows:
        definition = ((statement or {}).get("object") or {}).get("definition") or {}
        if definition.get("type") == SIMULATION and definition.get("name") and attempt_id not in titles:
            titles[attempt_id] = next(iter(definition["name"].values()))
        grouped.setdefault(attempt_id, []).append(_item(state, statement))
    attempts = [SentAttempt(attempt_id, titles.get(attempt_id) or _scenario_of(items) or "An earlier attempt", items)
                for attempt_id, items in grouped.items()]
    return SentAbout(account_name(trainee_id), settings.home_page, display_name if settings.send_names else "",
                     settings.ready, settings.endpoint, attempts)


def _item(state: str, statement: dict | None) -> SentStatement:
    if statement is None:
        return SentStatement(state, None, f"Kept, cannot be shown: {UNBUILDABLE}", None)
    return SentStatement(state, _moment(statement.get("timestamp", "")), describe(statement), statement)


def _scenario_of(items: list[SentStatement]) -> str:
    return next((name for item in items if item.statement and (name := _scenario_id(item.statement))), "")


def _scenario_id(statement: dict) -> str:
    parents = ((statement.get("context") or {}).get("contextActivities") or {}).get("parent") or []
    iri = parents[0].get("id", "") if parents else (statement.get("object") or {}).get("id", "")
    return iri.rstrip("/").rsplit("/", 1)[-1] if "://" in iri else ""


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _level(extensions: dict) -> str:
    level = Level.parse(str(extensions.get(EXT["level"], "")))
    return level.label if level else "no level"


def describe(statement: dict) -> str:
    """What one of our statements says, in a sentence a trainee reads at a glance."""
    verb = str((statement.get("verb") or {}).get("id", "")).removeprefix(ADL_VERBS)
    result = statement.get("result") or {}
    extensions = result.get("extensions") or {}
    if verb == "attempted":
        mode = Mode.parse((statement.get("context") or {}).get("extensions", {}).get(EXT["mode"]))
        return f"Started the scenario ({mode.label.lower() if mode else 'in class'})"
    if verb == "answered":
        definition = (statement.get("object") or {}).get("definition") or {}
        chosen = result.get("response", "")
        words = next((next(iter(c.get("description", {}).values()), "") for c in definition.get("choices", ())
                      if c.get("id") == chosen), "")
        said = f"replied “{words}”" if chosen else "gave no reply in time"
        breach = extensions.get(EXT["breach"])
        return (f"{next(iter((definition.get('name') or {}).values()), 'A decision')}: {said}, "
                f"{_level(extensions)}" + (f", broke the rule “{breach}”" if breach else ""))
    if verb == "completed":
        raw = (result.get("score") or {}).get("raw")
        compliance = extensions.get(EXT["compliance"], "")
        return (f"Finished: {_level(extensions)}, score {raw} of 100"
                + (f", compliance {compliance}" if compliance else ""))
    if verb == "passed":
        return "Passed"
    if verb == "failed":
        breaches = extensions.get(EXT["breaches"]) or []
        if breaches:
            return f"Failed (rules broken: {', '.join(map(str, breaches))})"
        return f"Failed ({_level(extensions)}: the customer's expectations were not met)"
    if verb == "exited":
        return "Left the attempt unfinished"
    if verb == "resumed":
        return "Went on with the attempt"
    if verb == "voided":
        return "Withdrew an earlier statement (a reply taken back, or your record erased)"
    return verb or "A statement"
