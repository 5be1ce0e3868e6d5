"""The class overview rebuilt from the organisation's LRS, and its cache for offline use.

Why: a trainer whose trainees play on their own computers sees the whole class without
collecting history files. ``fetch`` reads the statements with the verbs ``completed``,
``attempted`` and ``voided`` (GET /xAPI/statements?verb=..., paged with ``more``, at most
``max_pages`` pages in all), keeps those about the organisation's accounts (``home_page``) and
scenarios (``activity_base``) as ``Record``s, and reduces them to ``ClassFacts``: per account and
scenario, the finished attempts, the best finished level and when they last played. Given the
class fetched before, it asks only for what the LRS stored since (xAPI's ``since``, per verb, from
the latest ``stored`` time read) and merges it in, voidings removing what they void; the whole
class is read again when the last whole read is a day old. ``overview`` turns the facts into the
same ``TraineeOverview`` rows the local store gives (``TraineeOverview.build``, with its stuck
rule). The facts and records are cached in ``class-from-lrs.json`` in the data folder, so the
class can be shown offline with the time it was fetched. Qt-free; ``fetch`` does network I/O.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import unquote

from ..files import write_atomically
from ..levels import Level
from ..progress.store import Trainee, TraineeOverview
from . import statements as xs
from .client import LrsClient, LrsRefused
from .config import LrsSettings

CACHE_FILE = "class-from-lrs.json"
CACHE_FORMAT = "service-roleplay-simulator/class-from-lrs"
CACHE_VERSION = 2  # 2 added the records and the ``since`` times; a version-1 cache is still shown
FULL_READ_EVERY = timedelta(days=1)  # an LRS whose ``since`` goes by the statement's timestamp (Ralph 5.1)
                                     # would not give statements sent late; a whole read finds them
PAGE_SIZE = 100  # statements asked for per page
MAX_PAGES = 200  # pages followed in all (the three verbs together), so a huge LRS cannot hang the fetch
LRS_ORIGIN = "lrs"  # Trainee.origin of an account the local store does not know
VERBS_READ = ("completed", "attempted", "voided")
_BY_RANK = {level.rank: level for level in Level}


class ClassCacheError(Exception):
    """The cache cannot be used; the message says why and what to do. The file is left as it is."""


@dataclass
class AccountFacts:
    """What the LRS says about one account: per scenario [finished, best rank or None, last played]."""

    name: str = ""  # the display name, when the organisation sends names
    scenarios: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    """What the class needs of one ``completed`` or ``attempted`` statement kept."""

    verb: str
    account: str
    name: str  # the display name sent with it, '' when none
    scenario: str
    registration: str
    rank: int | None  # the level's rank (``completed``)
    at: datetime


@dataclass
class ClassFacts:
    """The reduced statements of a class, with where and when they were fetched."""

    fetched_at: datetime
    lrs: str  # the LRS's xAPI base
    home_page: str
    activity_base: str
    accounts: dict[str, AccountFacts] = field(default_factory=dict)
    statements: int = 0  # statements read (by this fetch)
    complete: bool = True  # False when the page bound stopped the reading
    records: dict[str, Record] | None = None  # by statement id; None in a version-1 cache
    since: dict[str, str] = field(default_factory=dict)  # per verb: the latest ``stored`` read, when read to the end
    full_at: datetime | None = None  # when the whole class was last read
    newer_than: datetime | None = None  # this fetch read only what was new since the one at this time


def _scenario_id(object_id: str, activity_base: str) -> str | None:
    base = activity_base if activity_base.endswith("/") else activity_base + "/"
    if not object_id.startswith(base):
        return None
    rest = object_id[len(base):]
    return unquote(rest) if rest and "/" not in rest else None  # decisions (…/decisions/x) are not scenarios


def _record(statement: dict, verb: str, settings: LrsSettings) -> Record | None:
    actor = statement.get("actor") or {}
    account = actor.get("account") or {}
    name = account.get("name")
    scenario = _scenario_id(str((statement.get("object") or {}).get("id", "")), settings.activity_base)
    at = xs.parse_timestamp(statement.get("timestamp"))
    if account.get("homePage") != settings.home_page or not name or scenario is None or at is None:
        return None
    level = ((statement.get("result") or {}).get("extensions") or {}).get(xs.EXT["level"])
    rank = Level(level).rank if verb == "completed" and level in {lv.value for lv in Level} else None
    registration = str((statement.get("context") or {}).get("registration") or statement.get("id"))
    return Record(verb, str(name), str(actor.get("name") or ""), scenario, registration, rank, at)


def merge(records: dict[str, Record], statements: Iterable[dict], settings: LrsSettings) -> tuple[int, str | None]:
    """Add the statements about the class to ``records`` (by id, so a repeat counts once) and remove
    what their voidings void (after the others, in any order); returns (statements read, the
    latest ``stored`` time among them)."""
    read, latest, latest_at = 0, None, None
    voided: list[str] = []
    for statement in statements:
        read += 1
        if not isinstance(statement, dict):
            continue
        stored = xs.parse_timestamp(statement.get("stored")) if statement.get("stored") else None
        if stored is not None and (latest_at is None or stored > latest_at):
            latest, latest_at = str(statement["stored"]), stored
        verb = xs.verb_name(statement)
        obj = statement.get("object") or {}
        if verb == "voided" and obj.get("objectType") == "StatementRef":
            voided.append(str(obj.get("id")))
        elif verb in ("completed", "attempted") and statement.get("id") not in records:
            record = _record(statement, verb, settings)
            if record is not None:
                records[str(statement.get("id"))] = record
    for target in voided:
        records.pop(target, None)
    return read, latest


def facts_of(records: dict[str, Record], settings: LrsSettings, fetched_at: datetime, lrs: str = "") -> ClassFacts:
    """Per account and scenario: finished attempts (one per registration), the best level, last played."""
    facts = ClassFacts(fetched_at, lrs, settings.home_page, settings.activity_base, records=records)
    finished: set[tuple[str, str]] = set()
    for record in records.values():
        person = facts.accounts.setdefault(record.account, AccountFacts())
        if record.name:
            person.name = record.name
        row = person.scenarios.setdefault(record.scenario, [0, None, None])
        row[2] = record.at if row[2] is None else max(row[2], record.at)
        if record.verb != "completed" or (record.account, record.registration) in finished:
            continue
        finished.add((record.account, record.registration))
        row[0] += 1
        if record.rank is not None and (row[1] is None or record.rank > row[1]):
            row[1] = record.rank
    return facts


def reduce(statements: Iterable[dict], settings: LrsSettings, fetched_at: datetime | None = None,
           lrs: str = "") -> ClassFacts:
    """The facts of a class from its statements (any order; repeats and voided ones left out)."""
    records: dict[str, Record] = {}
    read, _ = merge(records, statements, settings)
    facts = facts_of(records, settings, fetched_at or datetime.now(timezone.utc), lrs)
    facts.statements = read
    return facts


def read_statements(client: LrsClient, verb: str, page_size: int = PAGE_SIZE, pages_left: int = MAX_PAGES,
                    progress: Callable[[int], None] | None = None, since: str | None = None
                    ) -> tuple[list[dict], int, bool]:
    """The statements with one ADL verb (stored after ``since``, if given), following ``more``;
    (statements, pages read, complete)."""
    found: list[dict] = []
    query: dict = {"verb": xs.ADL_VERBS + verb, "limit": page_size}
    if since:
        query["since"] = since
    answer = client.get_statements(query)
    pages = 0
    while True:
        if not answer.ok:
            raise LrsRefused(answer)
        pages += 1
        data = answer.json()
        data = data if isinstance(data, dict) else {}
        found.extend(s for s in data.get("statements") or [] if isinstance(s, dict))
        if progress is not None:
            progress(len(found))
        more = data.get("more")
        if not more:
            return found, pages, True
        if pages >= pages_left:
            return found, pages, False
        answer = client.get_more(str(more))


def _goes_on_from(cached: ClassFacts | None, settings: LrsSettings, lrs: str, now: datetime) -> bool:
    """Whether ``cached`` can be brought up to date with what is new, rather than read again whole."""
    return (cached is not None and cached.records is not None and cached.lrs == lrs
            and (cached.home_page, cached.activity_base) == (settings.home_page, settings.activity_base)
            and cached.full_at is not None and now - cached.full_at < FULL_READ_EVERY)


def fetch(settings: LrsSettings, client: LrsClient | None = None, *, page_size: int = PAGE_SIZE,
          max_pages: int = MAX_PAGES, now: datetime | None = None,
          progress: Callable[[int], None] | None = None, cached: ClassFacts | None = None) -> ClassFacts:
    """Read the class from the LRS (raises ``LrsUnreachable`` / ``LrsRefused`` as the client does).
    With ``cached``, the class fetched before, only what the LRS stored since is read (see above)."""
    client = client or LrsClient(settings.endpoint, settings.key, settings.secret)
    now = now or datetime.now(timezone.utc)
    base = cached if _goes_on_from(cached, settings, client.base, now) else None
    records = dict(base.records) if base is not None else {}
    since = dict(base.since) if base is not None else {}
    read, complete, left = 0, True, max_pages
    for verb in VERBS_READ:  # voidings last, so they find what they void
        if left <= 0:
            complete = False
            break
        found, pages, done = read_statements(client, verb, page_size, left,
                                             None if progress is None else
                                             (lambda n, before=read: progress(before + n)),
                                             since.get(verb) if base is not None else None)
        count, latest = merge(records, found, settings)
        read += count
        left -= pages
        complete = complete and done
        if not done:  # stopped by the bound: this verb is read again from where it was
            continue
        if latest is not None and (verb not in since or xs.parse_timestamp(latest) > xs.parse_timestamp(since[verb])):
            since[verb] = latest
    facts = facts_of(records, settings, now, client.base)
    facts.statements, facts.complete = read, complete
    facts.since = since  # a verb without one (none stored yet, or never read to the end) is read whole
    facts.full_at = base.full_at if base is not None else now
    facts.newer_than = base.fetched_at if base is not None else None
    return facts


def overview(facts: ClassFacts, library: Sequence[str] | None = None,
             known: Iterable[Trainee] = ()) -> list[TraineeOverview]:
    """The class as overview rows. An account the local store knows (``known``: its trainees, whose
    stable id the statements' account name is made from) shows that trainee's name; any other shows
    the display name sent with the statements, else the account name."""
    local = {xs.account_name(t.id): t for t in known}
    rows = []
    for account, person in facts.accounts.items():
        trainee = local.get(account) or Trainee(account, person.name or account, LRS_ORIGIN, facts.fetched_at)
        per = {sid: (f[0], _BY_RANK.get(f[1]), f[2]) for sid, f in person.scenarios.items()}
        rows.append(TraineeOverview.build(trainee, per, library))
    return sorted(rows, key=lambda r: (r.trainee.name.casefold(), r.trainee.id))


# -- the cache --------------------------------------------------------------------------------

def cache_path(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / CACHE_FILE


def save_cache(data_dir: str | os.PathLike, facts: ClassFacts) -> Path:
    """Write the facts (atomically: a crash leaves the previous cache or the new one)."""
    data = {
        "format": CACHE_FORMAT, "version": CACHE_VERSION, "fetched_at": xs.timestamp(facts.fetched_at),
        "lrs": facts.lrs, "home_page": facts.home_page, "activity_base": facts.activity_base,
        "statements": facts.statements, "complete": facts.complete,
        "accounts": {account: {"name": p.name, "scenarios": {
            sid: {"finished": f[0], "best": None if f[1] is None else _BY_RANK[f[1]].value,
                  "last_played": None if f[2] is None else xs.timestamp(f[2])}
            for sid, f in sorted(p.scenarios.items())}} for account, p in sorted(facts.accounts.items())},
        "since": facts.since, "full_at": None if facts.full_at is None else xs.timestamp(facts.full_at),
        "records": None if facts.records is None else {
            sid: [r.verb, r.account, r.name, r.scenario, r.registration,
                  None if r.rank is None else _BY_RANK[r.rank].value, xs.timestamp(r.at)]
            for sid, r in facts.records.items()},
    }
    return write_atomically(cache_path(data_dir), lambda f: f.write(json.dumps(data, indent=1, ensure_ascii=False)
                                                                    + "\n"))


def load_cache(data_dir: str | os.PathLike, settings: LrsSettings | None = None) -> ClassFacts | None:
    """The cached facts, or None when nothing was fetched yet. A cache of another LRS or
    organisation than ``settings`` raises ``ClassCacheError``, as does one that cannot be read."""
    path = cache_path(data_dir)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ClassCacheError(f"The class fetched earlier ({path}) cannot be read ({exc}); fetch it again when the "
                              f"LRS can be reached.") from exc
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        raise ClassCacheError(f"{path} is not a class fetched from an LRS; move it away and fetch again.")
    if not isinstance(data.get("version"), int) or data["version"] > CACHE_VERSION:
        raise ClassCacheError(f"{path} was written by a newer version of the app (format {data.get('version')}); "
                              f"update the app to read it, or fetch again when the LRS can be reached.")
    try:
        facts = ClassFacts(xs.parse_timestamp(data["fetched_at"]) or datetime.now(timezone.utc),
                           str(data.get("lrs", "")), str(data["home_page"]), str(data["activity_base"]),
                           statements=int(data["statements"]), complete=bool(data.get("complete", True)))
        for account, person in dict(data["accounts"]).items():
            facts.accounts[str(account)] = AccountFacts(str(person.get("name", "")), {
                str(sid): [int(f["finished"]), None if f["best"] is None else Level(f["best"]).rank,
                           xs.parse_timestamp(f["last_played"]) if f.get("last_played") else None]
                for sid, f in dict(person["scenarios"]).items()})
        if data.get("records") is not None:  # version 2: what a fetch of what is new merges into
            facts.records = {str(sid): _stored_record(r) for sid, r in dict(data["records"]).items()}
            facts.since = {str(verb): str(t) for verb, t in dict(data.get("since") or {}).items()}
            facts.full_at = xs.parse_timestamp(data["full_at"]) if data.get("full_at") else None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ClassCacheError(f"The class fetched earlier ({path}) is incomplete ({exc!r}); fetch it again when the "
                              f"LRS can be reached.") from exc
    if settings is not None and (facts.home_page, facts.activity_base) != (settings.home_page, settings.activity_base):
        raise ClassCacheError(f"The class fetched earlier is of another organisation ({facts.home_page}); fetch it "
                              f"again from the LRS now set.")
    return facts


def _stored_record(row: list) -> Record:
    verb, account, name, scenario, registration, level, at = row
    moment = xs.parse_timestamp(at)
    if verb not in ("completed", "attempted") or moment is None:
        raise ValueError(f"a statement kept as {verb!r} at {at!r}")
    return Record(verb, str(account), str(name), str(scenario), str(registration),
                  None if level is None else Level(level).rank, moment)


def when_text(moment: datetime) -> str:
    """'14:05, 2 Dec' in local time (with the year when it is not this year)."""
    local = moment.astimezone()
    text = f"{local:%H:%M}, {local.day} {local:%b}"
    return text + (f" {local.year}" if local.year != datetime.now().astimezone().year else "")


def source_line(facts: ClassFacts, offline_reason: str = "") -> str:
    """Where the rows come from, for the line above the table."""
    shown = when_text(facts.fetched_at)
    partial = "" if facts.complete else f" (the first {facts.statements} statements only: the LRS holds more)"
    if offline_reason:
        return f"Offline: showing what was fetched at {shown}{partial}. {offline_reason}"
    if facts.newer_than is not None:
        before = facts.newer_than.astimezone()
        since = f"{before:%H:%M}" if before.date() == facts.fetched_at.astimezone().date() else when_text(before)
        return f"Fetched from the LRS at {shown}: what was new since {since}{partial}."
    return f"Fetched from the LRS at {shown}{partial}."


# -- fetch, else the cache ----------------------------------------------------------------------

@dataclass
class ClassResult:
    """What to show: the facts (None when there are none) and, when they are not fresh, why."""

    facts: ClassFacts | None
    offline_reason: str = ""  # empty when the facts were just fetched
    note: str = ""  # a problem that did not stop the showing (the cache could not be written)

    @property
    def line(self) -> str:
        if self.facts is None:
            return self.offline_reason
        return " ".join(p for p in (source_line(self.facts, self.offline_reason), self.note) if p)


def fetch_class(data_dir: str | os.PathLike, settings: LrsSettings | None = None, client: LrsClient | None = None,
                **options) -> ClassResult:
    """Fetch the class (what is new since the cached fetch, merged into it) and cache it; when the LRS
    cannot be read, the cached class with the reason. ``options`` go to ``fetch`` (page_size,
    max_pages, now, progress)."""
    from . import config
    from .client import LrsUnreachable

    try:
        settings = settings or config.load(data_dir)
    except config.SettingsError as exc:
        return ClassResult(None, str(exc))
    if not settings.endpoint or not settings.home_page:
        return ClassResult(None, "No LRS is set up: set its address and the organisation's home page in "
                                 "Progress > Learning Record Store… (or `simulator lrs set`).")
    try:
        cached, cache_problem = load_cache(data_dir, settings), None
    except ClassCacheError as exc:  # read whole; the next fetch that succeeds replaces it
        cached, cache_problem = None, exc
    try:
        facts = fetch(settings, client, cached=cached, **options)
    except (LrsUnreachable, LrsRefused, ValueError) as exc:
        reason = str(exc)
        reason = (reason[0].upper() + reason[1:]).rstrip(".") + "."
        if cache_problem is not None:
            return ClassResult(None, f"{reason} {cache_problem}")
        if cached is None:
            return ClassResult(None, f"{reason} Nothing was fetched from it before, so there is nothing to show.")
        return ClassResult(cached, reason)
    try:
        save_cache(data_dir, facts)
    except OSError as exc:
        return ClassResult(facts, note=f"(Not kept for offline use: {exc}.)")
    return ClassResult(facts)
