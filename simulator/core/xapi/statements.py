"""xAPI 1.0.3 statements about an attempt: pure functions from the store's records to JSON.

One attempt is one ``context.registration`` (the attempt's UUID). The verbs are ADL's; our own
extension IRIs are listed in ``EXT`` and documented with a whole attempt in docs/xapi.md.
Nothing here does I/O: the outbox (``outbox.py``) calls these inside the step's transaction, and
builds a reply's ``answered`` statement at send time from what it and the progress file keep.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable
from urllib.parse import quote

from ..levels import Level

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Reply
    from ..records import Step
    from ..scoring import PathResult

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERBS = ("attempted", "answered", "completed", "passed", "failed", "exited", "resumed", "voided")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
_EXT_BASE = "https://w3id.org/service-roleplay-simulator/xapi/extensions/"
EXT = {name: _EXT_BASE + name for name in (
    "scenario-digest", "app-version", "mode", "level", "mood", "breach", "compliance", "breaches",
    "value-kept", "value-lost", "currency", "previous-attempt", "timers")}
# Statement ids are UUIDv5 in this namespace, of the attempt and the step (see ``statement_id``).
NAMESPACE = uuid.UUID("4f7d3c52-2b8e-5a57-9d0e-6a1f7c3b9e21")
_NAMESPACE_BYTES = NAMESPACE.bytes
PLATFORM = "Service role-play simulator"


@dataclass(frozen=True)
class Profile:
    """What the organisation decides about the statements: where activities and accounts live."""

    activity_base: str  # absolute IRI; a scenario's activity id is this plus its id
    home_page: str  # the organisation's home page: actors are accounts on it
    language: str = "en"  # the language tag of every language map
    app_version: str = ""


@dataclass(frozen=True)
class Actor:
    account_name: str  # a stable pseudonym per trainee (a UUID kept in the store)
    display_name: str = ""  # only when the organisation configures sending names


def account_name(trainee_id: str) -> str:
    """The trainee's pseudonym: their store id as a UUID (never the display name or an e-mail)."""
    try:
        return str(uuid.UUID(trainee_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, "trainee:" + trainee_id))


def statement_id(attempt_id: str, what: str, number: int = 0, at: datetime | None = None) -> str:
    """Fixed when the step is taken (the attempt, the kind of statement, the step's number and time):
    the outbox keeps it with the statement, so a resend carries the same id and is idempotent."""
    moment = timestamp(at) if at is not None else ""
    return uuid5_text(f"{attempt_id}/{what}/{number}/{moment}")


def uuid5_text(name: str) -> str:
    """``str(uuid.uuid5(NAMESPACE, name))``, computed without UUID objects: a reply click makes one."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a Z (naive times are read as UTC, like the store)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_timestamp(text: object) -> datetime | None:
    """A statement's time read back (``timestamp``'s inverse; a time without a zone is UTC), or
    None when ``text`` is not one."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def verb_name(statement: object) -> str:
    """The verb's last word ('answered' for ADL's answered), '' when the statement has none."""
    verb = statement.get("verb") if isinstance(statement, dict) else None
    return str(verb.get("id", "")).rsplit("/", 1)[-1] if isinstance(verb, dict) else ""


def duration(seconds: float) -> str:
    """ISO 8601 duration, e.g. ``PT1M5.25S`` (hundredths of a second, as xAPI asks for at most)."""
    total = max(0.0, round(float(seconds), 2))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{int(hours)}H"
    if minutes:
        text += f"{int(minutes)}M"
    text += f"{secs:.2f}".rstrip("0").rstrip(".") + "S"
    return text


def scenario_iri(profile: Profile, scenario_id: str) -> str:
    base = profile.activity_base if profile.activity_base.endswith("/") else profile.activity_base + "/"
    return base + quote(scenario_id, safe="-._~")


def decision_iri(profile: Profile, scenario_id: str, node_id: str) -> str:
    return f"{scenario_iri(profile, scenario_id)}/decisions/{quote(node_id, safe='-._~')}"


def verb(name: str) -> dict:
    return {"id": ADL_VERBS + name, "display": {"en-US": name}}


def actor_json(profile: Profile, actor: Actor) -> dict:
    agent = {"objectType": "Agent", "account": {"homePage": profile.home_page, "name": actor.account_name}}
    if actor.display_name:
        agent["name"] = actor.display_name
    return agent


def _lang(profile: Profile, text: str) -> dict:
    return {profile.language: text}


def _scenario_ref(profile: Profile, scenario_id: str) -> dict:
    return {"objectType": "Activity", "id": scenario_iri(profile, scenario_id)}


@dataclass(frozen=True)
class AttemptContext:
    """What every statement about one attempt shares."""

    attempt_id: str  # the registration
    scenario_id: str
    scenario_digest: str
    mode: str  # 'practice', 'assessment' or 'class'
    actor: Actor
    timers: str = "as-written"  # the time-limit setting (core/timing.py); sent only when adjusted


def _base(profile: Profile, ctx: AttemptContext, name: str, obj: dict, at: datetime, what: str,
          number: int = 0, parent: bool = False, fixed_id: str = "") -> dict:
    context: dict = {
        "registration": ctx.attempt_id,
        "platform": PLATFORM,
        "language": profile.language,
        "extensions": {EXT["scenario-digest"]: ctx.scenario_digest, EXT["app-version"]: profile.app_version,
                       EXT["mode"]: ctx.mode},
    }
    if ctx.timers != "as-written":
        context["extensions"][EXT["timers"]] = ctx.timers
    if parent:
        context["contextActivities"] = {"parent": [_scenario_ref(profile, ctx.scenario_id)]}
    return {
        "id": fixed_id or statement_id(ctx.attempt_id, what, number, at),
        "actor": actor_json(profile, ctx.actor),
        "verb": verb(name),
        "object": obj,
        "context": context,
        "timestamp": timestamp(at),
    }


def scenario_activity(profile: Profile, scenario_id: str, title: str = "", summary: str = "") -> dict:
    definition: dict = {"type": SIMULATION}
    if title:
        definition["name"] = _lang(profile, title)
    if summary:
        definition["description"] = _lang(profile, summary)
    return {"objectType": "Activity", "id": scenario_iri(profile, scenario_id), "definition": definition}


def attempted(profile: Profile, ctx: AttemptContext, at: datetime, title: str = "", summary: str = "") -> dict:
    return _base(profile, ctx, "attempted", scenario_activity(profile, ctx.scenario_id, title, summary), at,
                 "attempted")


def _choice_id(reply: "Reply") -> str:
    return reply.id or reply.key


@dataclass(frozen=True)
class Decision:
    """What one decision offered, as its ``answered`` statement shows it: the node, the customer's
    line and each reply offered (choice id, words, level rank) in the order offered. It depends on
    the scenario file alone, so the outbox keeps it once (by ``key``) for every click on it."""

    node: str
    customer: str
    choices: tuple[tuple[str, str, int], ...]

    @classmethod
    def of(cls, step: "Step") -> "Decision":
        return cls(step.node, step.customer, tuple((_choice_id(r), r.say, r.level.rank) for r in step.offered))

    def to_json(self) -> str:
        return json.dumps([self.node, self.customer, [list(c) for c in self.choices]], ensure_ascii=False,
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Decision":
        node, customer, choices = json.loads(text)
        return cls(node, customer, tuple((str(c[0]), str(c[1]), int(c[2])) for c in choices))

    @property
    def key(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Answer:
    """One reply as its ``answered`` statement reports it: what the outbox keeps of a click (the
    statement's id, fixed then, the decision, the reply's place among its choices, the mood after)
    with what the progress file keeps of the step (level, seconds, time)."""

    id: str
    number: int
    decision: Decision
    choice: int | None  # the chosen reply's place in ``decision.choices``; None: the time ran out
    level: Level
    mood: int  # the customer's mood after the reply
    breach: str
    seconds: float
    at: datetime


def answered(profile: Profile, ctx: AttemptContext, answer: Answer) -> dict:
    """One decision as a ``choice`` interaction: the replies offered, the WOW one(s) as correct."""
    decision = answer.decision
    best = max((rank for _, _, rank in decision.choices), default=Level.WOW.rank)
    definition = {
        "type": INTERACTION,
        "interactionType": "choice",
        "choices": [{"id": choice_id, "description": _lang(profile, say)} for choice_id, say, _ in decision.choices],
        "correctResponsesPattern": [choice_id for choice_id, _, rank in decision.choices if rank == best],
    }
    if decision.customer:
        definition["description"] = _lang(profile, decision.customer)
    definition["name"] = _lang(profile, f"Decision {decision.node}")
    obj = {"objectType": "Activity", "id": decision_iri(profile, ctx.scenario_id, decision.node),
           "definition": definition}
    rank = answer.level.rank
    extensions = {EXT["level"]: answer.level.value, EXT["mood"]: answer.mood}
    if answer.breach:
        extensions[EXT["breach"]] = answer.breach
    result = {
        "response": "" if answer.choice is None else decision.choices[answer.choice][0],
        "success": answer.choice is not None and answer.level is Level.WOW,
        "score": {"scaled": rank / 2, "raw": rank, "min": 0, "max": 2},
        "duration": duration(answer.seconds),
        "extensions": extensions,
    }
    statement = _base(profile, ctx, "answered", obj, answer.at, "answered", answer.number, parent=True,
                      fixed_id=answer.id)
    statement["result"] = result
    return statement


def passes(result: "PathResult") -> bool:
    """Passed: no compliance breach and the customer's expectations met (Standard or WOW)."""
    return bool(result.compliance_passed) and result.complete and result.level.rank >= Level.STANDARD.rank


def finished(profile: Profile, ctx: AttemptContext, result: "PathResult", seconds: float, at: datetime,
             title: str = "") -> list[dict]:
    """``completed`` with the score, duration and outcome, then exactly one of ``passed`` / ``failed``."""
    value = result.value
    extensions = {
        EXT["level"]: result.level.value,
        EXT["compliance"]: "passed" if result.compliance_passed else "failed",
        EXT["breaches"]: list(result.breaches),
        EXT["value-kept"]: round(float(value.kept), 2),
        EXT["value-lost"]: round(float(value.lost), 2),
    }
    if value.currency:
        extensions[EXT["currency"]] = value.currency
    score = {"scaled": max(0, min(100, int(result.score))) / 100, "raw": int(result.score), "min": 0, "max": 100}
    ok = passes(result)
    obj = scenario_activity(profile, ctx.scenario_id, title)
    out = []
    for name in ("completed", "passed" if ok else "failed"):
        statement = _base(profile, ctx, name, obj, at, name)
        statement["result"] = {"score": score, "success": ok, "completion": True, "duration": duration(seconds),
                               "extensions": extensions}
        out.append(statement)
    return out


def exited(profile: Profile, ctx: AttemptContext, at: datetime) -> dict:
    statement = _base(profile, ctx, "exited", _scenario_ref(profile, ctx.scenario_id), at, "exited")
    statement["result"] = {"completion": False}
    return statement


def resumed(profile: Profile, ctx: AttemptContext, at: datetime, previous_attempt: str = "") -> dict:
    statement = _base(profile, ctx, "resumed", _scenario_ref(profile, ctx.scenario_id), at, "resumed")
    if previous_attempt:
        statement["context"]["extensions"][EXT["previous-attempt"]] = previous_attempt
    return statement


def voided(profile: Profile, actor: Actor, target_id: str, at: datetime) -> dict:
    """Voids one earlier statement (a step taken back, or a trainee erased)."""
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"voided/{target_id}")),
        "actor": actor_json(profile, actor),
        "verb": verb("voided"),
        "object": {"objectType": "StatementRef", "id": target_id},
        "timestamp": timestamp(at),
    }


# -- the parts of the xAPI 1.0.3 rules we rely on (used by tests and by ``simulator lrs check``) --

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$")
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def problems(statement: dict) -> list[str]:
    """What in ``statement`` breaks the rules of xAPI 1.0.3 we rely on; [] when none."""
    found: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            found.append(message)

    def lang_map(value: object, where: str) -> None:
        need(isinstance(value, dict) and bool(value), f"{where} is not a language map")
        for tag, text in (value or {}).items() if isinstance(value, dict) else ():
            need(bool(_LANG.match(tag)), f"{where}: {tag!r} is not a language tag")
            need(isinstance(text, str), f"{where}[{tag}] is not a string")

    def iri(value: object, where: str) -> None:
        need(isinstance(value, str) and bool(_IRI.match(value)), f"{where} {value!r} is not an absolute IRI")

    def extensions(value: object, where: str) -> None:
        for key in (value or {}):
            iri(key, f"{where} key")

    need(bool(_UUID.match(str(statement.get("id", "")))), "id is not a UUID")
    need(bool(_TIMESTAMP.match(str(statement.get("timestamp", "")))), "timestamp is not ISO 8601 UTC")
    actor = statement.get("actor") or {}
    account = actor.get("account") or {}
    need("mbox" not in actor and "mbox_sha1sum" not in actor, "actor carries an e-mail address")
    iri(account.get("homePage"), "actor.account.homePage")
    need(bool(account.get("name")), "actor.account.name is empty")
    v = statement.get("verb") or {}
    need(str(v.get("id", "")).startswith(ADL_VERBS) and v["id"][len(ADL_VERBS):] in VERBS, "verb is not an ADL verb")
    lang_map(v.get("display"), "verb.display")
    obj = statement.get("object") or {}
    if obj.get("objectType") == "StatementRef":
        need(bool(_UUID.match(str(obj.get("id", "")))), "object.id is not a UUID")
    else:
        iri(obj.get("id"), "object.id")
        definition = obj.get("definition") or {}
        if definition:
            iri(definition.get("type"), "object.definition.type")
            for key in ("name", "description"):
                if key in definition:
                    lang_map(definition[key], f"object.definition.{key}")
            for choice in definition.get("choices", ()):
                need(bool(choice.get("id")) and not re.search(r"\s", choice["id"]), "a choice id is empty or spaced")
                lang_map(choice.get("description"), "a choice's description")
            extensions(definition.get("extensions"), "object.definition.extensions")
    context = statement.get("context") or {}
    if "registration" in context:
        need(bool(_UUID.match(str(context["registration"]))), "context.registration is not a UUID")
    if "language" in context:
        need(bool(_LANG.match(context["language"])), "context.language is not a language tag")
    extensions(context.get("extensions"), "context.extensions")
    for activity in (context.get("contextActivities") or {}).get("parent", ()):
        iri(activity.get("id"), "context.contextActivities.parent id")
    result = statement.get("result")
    if result is not None:
        score = result.get("score")
        if score is not None:
            scaled = score.get("scaled")
            need(scaled is None or -1 <= scaled <= 1, "result.score.scaled is outside [-1, 1]")
            lo, hi, raw = score.get("min"), score.get("max"), score.get("raw")
            need(lo is None or hi is None or lo < hi, "result.score.min is not below max")
            need(raw is None or ((lo is None or raw >= lo) and (hi is None or raw <= hi)),
                 "result.score.raw is outside min/max")
        if "duration" in result:
            need(bool(_DURATION.match(str(result["duration"]))), "result.duration is not ISO 8601")
        extensions(result.get("extensions"), "result.extensions")
    return found


def all_problems(statements: Iterable[dict]) -> list[str]:
    return [f"{s.get('id', '?')} ({(s.get('verb') or {}).get('id', '?')}): {p}" for s in statements
            for p in problems(s)]
