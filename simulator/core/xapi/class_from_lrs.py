"""The class overview rebuilt from the organisation's LRS, and its cache for offline use.

Why: a trainer whose trainees play on their own computers sees the whole class without
collecting history files. ``fetch`` reads the statements with the verbs ``completed``,
``attempted`` and ``voided`` (GET /xAPI/statements?verb=..., paged with ``more``, at most
``max_pages`` pages in all), keeps those about the organisation's accounts (``home_page``) and
scenarios (``activity_base``), and reduces them to ``ClassFacts``: per account and scenario, the
finished attempts, the best finished level and when they last played. ``overview`` turns the
facts into the same ``TraineeOverview`` rows the local store gives (``TraineeOverview.build``,
with its stuck rule). The facts are cached in ``class-from-lrs.json`` in the data folder, so the
class can be shown offline with the time it was fetched. Qt-free; ``fetch`` does network I/O.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
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
CACHE_VERSION = 1
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


@dataclass
class ClassFacts:
    """The reduced statements of a class, with where and when they were fetched."""

    fetched_at: datetime
    lrs: str  # the LRS's xAPI base
    home_page: str
    activity_base: str
    accounts: dict[str, AccountFacts] = field(default_factory=dict)
    statements: int = 0  # statements read
    complete: bool = True  # False when the page bound stopped the reading


def _parse_time(text: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _scenario_id(object_id: str, activity_base: str) -> str | None:
    base = activity_base if activity_base.endswith("/") else activity_base + "/"
    if not object_id.startswith(base):
        return None
    rest = object_id[len(base):]
    return unquote(rest) if rest and "/" not in rest else None  # decisions (…/decisions/x) are not scenarios


def reduce(statements: Iterable[dict], settings: LrsSettings, fetched_at: datetime | None = None,
           lrs: str = "") -> ClassFacts:
    """The facts of a class from its statements (any order; repeats and voided ones left out)."""
    facts = ClassFacts(fetched_at or datetime.now(timezone.utc), lrs, settings.home_page, settings.activity_base)
    kept: list[dict] = []
    voided: set[str] = set()
    seen: set[str] = set()
    for statement in statements:
        facts.statements += 1
        if not isinstance(statement, dict) or statement.get("id") in seen:
            continue
        seen.add(statement.get("id"))
        verb = str((statement.get("verb") or {}).get("id", "")).rsplit("/", 1)[-1]
        obj = statement.get("object") or {}
        if verb == "voided" and obj.get("objectType") == "StatementRef":
            voided.add(str(obj.get("id")))
        elif verb in ("completed", "attempted"):
            kept.append(statement)
    finished: set[tuple[str, str]] = set()  # (account, registration): one finished attempt each
    for statement in kept:
        if statement.get("id") in voided:
            continue
        actor = statement.get("actor") or {}
        account = actor.get("account") or {}
        name = account.get("name")
        scenario = _scenario_id(str((statement.get("object") or {}).get("id", "")), settings.activity_base)
        at = _parse_time(statement.get("timestamp"))
        if account.get("homePage") != settings.home_page or not name or scenario is None or at is None:
            continue
        person = facts.accounts.setdefault(str(name), AccountFacts())
        if actor.get("name"):
            person.name = str(actor["name"])
        row = person.scenarios.setdefault(scenario, [0, None, None])
        row[2] = at if row[2] is None else max(row[2], at)
        if statement["verb"]["id"].endswith("/completed"):
            registration = str((statement.get("context") or {}).get("registration") or statement.get("id"))
            if (name, registration) in finished:
                continue
            finished.add((name, registration))
            level = ((statement.get("result") or {}).get("extensions") or {}).get(xs.EXT["level"])
            rank = Level(level).rank if level in {lv.value for lv in Level} else None
            row[0] += 1
            if rank is not None and (row[1] is None or rank > row[1]):
                row[1] = rank
    return facts


def read_statements(client: LrsClient, verb: str, page_size: int = PAGE_SIZE, pages_left: int = MAX_PAGES,
                    progress: Callable[[int], None] | None = None) -> tuple[list[dict], int, bool]:
    """The statements with one ADL verb, following ``more``; (statements, pages read, complete)."""
    found: list[dict] = []
    answer = client.get_statements({"verb": xs.ADL_VERBS + verb, "limit": page_size})
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


def fetch(settings: LrsSettings, client: LrsClient | None = None, *, page_size: int = PAGE_SIZE,
          max_pages: int = MAX_PAGES, now: datetime | None = None,
          progress: Callable[[int], None] | None = None) -> ClassFacts:
    """Read the class from the LRS (raises ``LrsUnreachable`` / ``LrsRefused`` as the client does)."""
    client = client or LrsClient(settings.endpoint, settings.key, settings.secret)
    everything: list[dict] = []
    complete, left = True, max_pages
    for verb in VERBS_READ:
        if left <= 0:
            complete = False
            break
        found, pages, done = read_statements(client, verb, page_size, left,
                                             None if progress is None else
                                             (lambda n, before=len(everything): progress(before + n)))
        everything.extend(found)
        left -= pages
        complete = complete and done
    facts = reduce(everything, settings, now or datetime.now(timezone.utc), client.base)
    facts.complete = complete
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
        facts = ClassFacts(_parse_time(data["fetched_at"]) or datetime.now(timezone.utc), str(data.get("lrs", "")),
                           str(data["home_page"]), str(data["activity_base"]), statements=int(data["statements"]),
                           complete=bool(data.get("complete", True)))
        for account, person in dict(data["accounts"]).items():
            facts.accounts[str(account)] = AccountFacts(str(person.get("name", "")), {
                str(sid): [int(f["finished"]), None if f["best"] is None else Level(f["best"]).rank,
                           _parse_time(f["last_played"]) if f.get("last_played") else None]
                for sid, f in dict(person["scenarios"]).items()})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ClassCacheError(f"The class fetched earlier ({path}) is incomplete ({exc!r}); fetch it again when the "
                              f"LRS can be reached.") from exc
    if settings is not None and (facts.home_page, facts.activity_base) != (settings.home_page, settings.activity_base):
        raise ClassCacheError(f"The class fetched earlier is of another organisation ({facts.home_page}); fetch it "
                              f"again from the LRS now set.")
    return facts


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
    """Fetch the class and cache it; when the LRS cannot be read, the cached class with the reason.
    ``options`` go to ``fetch`` (page_size, max_pages, now, progress)."""
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
        facts = fetch(settings, client, **options)
    except (LrsUnreachable, LrsRefused, ValueError) as exc:
        reason = str(exc)
        reason = (reason[0].upper() + reason[1:]).rstrip(".") + "."
        try:
            cached = load_cache(data_dir, settings)
        except ClassCacheError as cache_exc:
            return ClassResult(None, f"{reason} {cache_exc}")
        if cached is None:
            return ClassResult(None, f"{reason} Nothing was fetched from it before, so there is nothing to show.")
        return ClassResult(cached, reason)
    try:
        save_cache(data_dir, facts)
    except OSError as exc:
        return ClassResult(facts, note=f"(Not kept for offline use: {exc}.)")
    return ClassResult(facts)
