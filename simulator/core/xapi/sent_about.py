"""What is sent about one trainee: every statement the outbox holds about them, in plain words.

A trainee has the right to see what leaves the computer about them, and to trust it: the view is
built from the very statements the sender posts (``Outbox.about``), not from a description of
them, so what it shows is what the LRS receives, id for id, and how they are named in it is read
from the statements themselves (the actor was fixed when each attempt started).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..files import write_atomically
from ..levels import Level
from ..modes import Mode
from ..wording import plural
from .config import LrsSettings
from .statements import EXT, SIMULATION, account_name, parse_timestamp, verb_name
from .stored import UNBUILDABLE

# sent; sent and then voided (a reply taken back); waiting; refused by the LRS and kept; kept
# but never sendable (the step it describes is gone)
STATES = ("sent", "withdrawn", "waiting", "refused", "kept")
_STATE_WORDS = {"sent": "Sent", "withdrawn": "Sent, then withdrawn", "waiting": "Waiting",
                "refused": "Refused by the LRS, kept here", "kept": "Kept here, cannot be sent"}


@dataclass(frozen=True)
class SentStatement:
    """One statement about the trainee: its state, when, and what it says."""

    state: str  # one of STATES
    at: datetime | None  # the statement's timestamp
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

    @property
    def state_words(self) -> str:
        """'All sent', or how many of its statements wait, were refused or cannot be sent."""
        counts = {state: sum(item.state == state for item in self.items) for state in ("waiting", "refused", "kept")}
        parts = [f"{n} {'cannot be sent' if state == 'kept' else state}" for state, n in counts.items() if n]
        return ", ".join(parts) or "All sent"


@dataclass(frozen=True)
class Identity:
    """How statements name the trainee: an account on a home page, with a name or not."""

    home_page: str
    account: str
    name: str = ""

    def words(self) -> str:
        named = f" with your name “{self.name}”" if self.name else ", not by your name"
        return f"the account {self.account} on {self.home_page}{named}"


@dataclass(frozen=True)
class SentAbout:
    """Everything the outbox holds about one trainee, attempt by attempt, and how they appear in it."""

    identities: list[Identity]  # as the statements name them (as the settings would, when there are none)
    sending: bool  # the organisation opted in: the app queues and sends statements
    endpoint: str
    attempts: list[SentAttempt]  # in the order they were first queued
    settings_problem: str = ""  # why the saved LRS settings could not be read ('' when they could)

    @property
    def items(self) -> list[SentStatement]:
        return [item for attempt in self.attempts for item in attempt.items]

    def count(self, state: str) -> int:
        return sum(item.state == state for item in self.items)

    def headline(self) -> str:
        """Whether the app sends anything, and where to."""
        waiting = self.count("waiting")
        if not self.sending:
            text = "Sending to a Learning Record Store is off: the app sends nothing about you."
            if waiting:
                text += (f" {plural(waiting, 'statement')} queued while it was on "
                         f"{'waits' if waiting == 1 else 'wait'} here, unsent.")
            return text
        if not self.endpoint:
            return "Sending is on, but no LRS address is set yet: what is queued about you waits here."
        return f"Sending is on: each attempt goes, decision by decision, to the LRS at {self.endpoint}."

    def identity(self) -> str:
        """How the LRS knows the trainee: a pseudonym, never an e-mail address."""
        if not self.identities:
            return "You would be sent as an account on the organisation's home page, never by e-mail address."
        named = "; ".join(identity.words() for identity in self.identities)
        return f"You are sent as {named}; never by e-mail address."

    def counts(self) -> str:
        text = f"Sent: {self.count('sent') + self.count('withdrawn')}. Waiting: {self.count('waiting')}."
        if self.count("refused"):
            text += f" Refused by the LRS and kept here: {self.count('refused')}."
        return text

    def to_json(self) -> str:
        """A copy for the trainee to keep: each statement with its state, as sent."""
        return json.dumps({"accounts": [{"homePage": i.home_page, "name": i.account} for i in self.identities],
                           "statements": [{"state": item.state, "statement": item.statement}
                                          for item in self.items]}, ensure_ascii=False, indent=2)

    def save(self, path: str | Path) -> Path:
        """Write the copy whole or not at all (an existing file is replaced only by a complete one)."""
        return write_atomically(path, lambda out: out.write(self.to_json() + "\n"))


def _obj(value: object) -> dict:
    """``value`` when it is a JSON object, else an empty one: a statement of an odd shape is still told."""
    return value if isinstance(value, dict) else {}


def _text(language_map: object, fallback: str = "") -> str:
    return next((str(v) for v in _obj(language_map).values() if isinstance(v, str) and v), fallback)


def sent_about(rows: list[tuple[str, str, dict | None]], trainee_id: str, display_name: str,
               settings: LrsSettings, settings_problem: str = "") -> SentAbout:
    """The view of ``Outbox.about(trainee_id)``'s rows, under the organisation's settings."""
    voided = {target for _, _, s in rows if verb_name(s) == "voided"
              and isinstance(target := _obj(_obj(s).get("object")).get("id"), str) and target}
    titles: dict[str, str] = {}  # attempt -> the scenario's title, from its start or end
    grouped: dict[str, list[SentStatement]] = {}
    identities: dict[Identity, None] = {}
    withdrawn: dict[str, str] = {}  # statement id -> what it said, for the voiding that withdraws it
    for state, attempt_id, statement in rows:
        shown = _obj(statement)
        definition = _obj(_obj(shown.get("object")).get("definition"))
        if definition.get("type") == SIMULATION and attempt_id not in titles and _text(definition.get("name")):
            titles[attempt_id] = _text(definition.get("name"))
        account = _obj(_obj(shown.get("actor")).get("account"))
        if account.get("homePage") and account.get("name"):
            name = _obj(shown.get("actor")).get("name")
            identities[Identity(str(account["homePage"]), str(account["name"]), name if isinstance(name, str)
                                else "")] = None
        sid = shown.get("id") if isinstance(shown.get("id"), str) else None
        if state == "sent" and sid in voided:
            state = "withdrawn"
        item = _item(state, statement)
        if sid in voided:
            withdrawn[sid] = item.what
        grouped.setdefault(attempt_id, []).append(item)
    if not identities and settings.home_page:
        identities[Identity(settings.home_page, account_name(trainee_id),
                            display_name if settings.send_names else "")] = None
    attempts = [SentAttempt(attempt_id, titles.get(attempt_id) or _scenario_of(items) or "An earlier attempt",
                            [_naming_target(item, withdrawn) for item in items])
                for attempt_id, items in grouped.items()]
    return SentAbout(list(identities), settings.ready, settings.endpoint, attempts, settings_problem)


def _item(state: str, statement: dict | None) -> SentStatement:
    if not isinstance(statement, dict):
        return SentStatement("kept" if statement is None and state == "waiting" else state, None,
                             f"Kept, cannot be shown: {UNBUILDABLE}", None)
    try:
        what = describe(statement)
    except (TypeError, ValueError, AttributeError, KeyError):  # a shape no version of the app wrote
        what = "A statement the app cannot put in words (its whole text is below)"
    return SentStatement(state, parse_timestamp(statement.get("timestamp")), what, statement)


def _naming_target(item: SentStatement, withdrawn: dict[str, str]) -> SentStatement:
    """A voiding says which statement it withdraws, when that one is listed too."""
    target = _obj(_obj(item.statement).get("object")).get("id")
    if verb_name(item.statement) != "voided" or not isinstance(target, str) or target not in withdrawn:
        return item
    return replace(item, what=f"Withdrew the earlier statement “{withdrawn[target]}”")


def _scenario_of(items: list[SentStatement]) -> str:
    """The scenario's id, from its activity's IRI, when no statement of the attempt gives its title."""
    for item in items:
        shown = _obj(item.statement)
        parents = _obj(_obj(shown.get("context")).get("contextActivities")).get("parent")
        iri = _obj(parents[0]).get("id") if isinstance(parents, list) and parents else None
        iri = iri or _obj(shown.get("object")).get("id")
        if isinstance(iri, str) and "://" in iri:
            return iri.rstrip("/").rsplit("/", 1)[-1]
    return ""


def _level(extensions: dict) -> str:
    level = Level.parse(str(extensions.get(EXT["level"], "")))
    return level.label if level else "no level"


def _answered(definition: dict, result: dict, extensions: dict) -> str:
    chosen = result.get("response")
    choices = definition.get("choices") if isinstance(definition.get("choices"), list) else []
    words = next((_text(_obj(c).get("description")) for c in choices if _obj(c).get("id") == chosen), "")
    if not chosen:
        said = "gave no reply in time"
    else:
        said = f"replied “{words}”" if words else f"gave reply {chosen}"
    breach = extensions.get(EXT["breach"])
    return (f"{_text(definition.get('name'), 'A decision')}: {said}, {_level(extensions)}"
            + (f", broke the rule “{breach}”" if breach else ""))


def describe(statement: dict) -> str:
    """What one of our statements says, in a sentence a trainee reads at a glance."""
    verb = verb_name(statement)
    result = _obj(statement.get("result"))
    extensions = _obj(result.get("extensions"))
    if verb == "attempted":
        mode = Mode.parse(_obj(_obj(statement.get("context")).get("extensions")).get(EXT["mode"]))
        return f"Started the scenario ({mode.label.lower()})" if mode else "Started the scenario"
    if verb == "answered":
        return _answered(_obj(_obj(statement.get("object")).get("definition")), result, extensions)
    if verb == "completed":
        raw = _obj(result.get("score")).get("raw")
        compliance = extensions.get(EXT["compliance"])
        return (f"Finished: {_level(extensions)}" + (f", score {raw} of 100" if isinstance(raw, (int, float)) else "")
                + (f", compliance {compliance}" if isinstance(compliance, str) else ""))
    if verb == "passed":
        return "Passed"
    if verb == "failed":
        breaches = extensions.get(EXT["breaches"])
        if isinstance(breaches, list) and breaches:
            return f"Failed (rules broken: {'; '.join(map(str, breaches))})"
        return f"Failed ({_level(extensions)}: the customer's expectations were not met)"
    if verb == "exited":
        return "Left the attempt unfinished"
    if verb == "resumed":
        return "Went on with the attempt"
    if verb == "voided":
        return "Withdrew an earlier statement"
    return verb or "A statement"
