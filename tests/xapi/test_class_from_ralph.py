"""Against a real LRS (Ralph): two trainees play and sync, the class fetched back matches the
local overview, paging follows ``more`` to the end, and offline the cached class is shown."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from simulator.cli import main
from simulator.core.progress import ProgressStore
from simulator.core.xapi import class_from_lrs as cl
from simulator.core.xapi import config as xconfig
from simulator.core.xapi.client import LrsClient

from .conftest import HOME_PAGE, KEY, SECRET
from .test_class_from_lrs import comparable

FILE = "docs/examples/lost-luggage.yaml"
PLAYS = (("wow", "Ana"), ("low", "Ana"), ("low", "Ben"), ("low", "Ben"), ("standard", "Cleo"))


def own_class(data_dir, url) -> xconfig.LrsSettings:
    """Settings of an organisation of its own (its own activity base), so other tests' statements
    in the same Ralph are not part of this class."""
    settings = xconfig.LrsSettings(enabled=True, endpoint=url, key=KEY, secret=SECRET, home_page=HOME_PAGE,
                                   activity_base=f"https://training.example.org/class-{uuid.uuid4().hex[:8]}/")
    xconfig.save(data_dir, settings)
    return settings


@pytest.fixture
def synced(tmp_path, live_ralph, luggage, capsys):
    settings = own_class(tmp_path, live_ralph.url)
    for pick, name in PLAYS:
        assert main(["play", FILE, "--pick", pick, "--trainee", name, "--data-dir", str(tmp_path)]) == 0
    assert main(["sync", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith("pending 0")
    with ProgressStore(tmp_path) as store:
        local, trainees = store.class_overview([luggage]), store.trainees()
    return tmp_path, settings, local, trainees


def test_the_class_fetched_from_ralph_matches_the_local_overview(synced, luggage):
    data_dir, settings, local, trainees = synced
    moment = datetime(2026, 12, 2, 14, 5, tzinfo=timezone.utc)
    result = cl.fetch_class(data_dir, now=moment)
    assert result.offline_reason == "" and result.facts is not None and result.facts.complete
    rows = cl.overview(result.facts, [luggage.id], trainees)
    assert comparable(rows) == comparable(local)
    assert {r.trainee.name for r in rows} == {"Ana", "Ben", "Cleo"}
    assert {r.trainee.name: r.stuck for r in rows} == {"Ana": [], "Ben": [luggage.id], "Cleo": []}
    assert {r.trainee.name: r.finished_attempts for r in rows} == {"Ana": 2, "Ben": 2, "Cleo": 1}
    assert result.line == f"Fetched from the LRS at {cl.when_text(moment)}."
    assert cl.load_cache(data_dir, settings).fetched_at == moment


def test_paging_follows_more_to_the_end_and_the_page_bound_is_said(synced, luggage, live_ralph):
    data_dir, settings, local, trainees = synced
    client = LrsClient(live_ralph.url, KEY, SECRET)
    pages = []
    real_more = client.get_more

    def counted(more):
        pages.append(more)
        return real_more(more)

    client.get_more = counted
    paged = cl.fetch(settings, client, page_size=2)
    assert len(pages) >= 5  # five completed statements alone take three pages of two
    assert paged.complete
    assert comparable(cl.overview(paged, [luggage.id], trainees)) == comparable(local)

    bounded = cl.fetch(settings, LrsClient(live_ralph.url, KEY, SECRET), page_size=2, max_pages=2)
    assert not bounded.complete
    assert "the LRS holds more" in cl.source_line(bounded)
    assert sum(p[0] for a in bounded.accounts.values() for p in a.scenarios.values()) < 5


def test_offline_the_cached_class_is_shown_with_when_it_was_fetched(synced, luggage, live_ralph):
    data_dir, settings, local, trainees = synced
    moment = datetime(2026, 12, 2, 14, 5, tzinfo=timezone.utc)
    assert cl.fetch_class(data_dir, now=moment).offline_reason == ""
    cached = cl.cache_path(data_dir).read_bytes()
    live_ralph.stop()
    result = cl.fetch_class(data_dir)
    assert result.facts is not None and result.facts.fetched_at == moment
    assert result.line.startswith(f"Offline: showing what was fetched at {cl.when_text(moment)}.")
    assert "did not answer" in result.offline_reason
    assert comparable(cl.overview(result.facts, [luggage.id], trainees)) == comparable(local)
    assert cl.cache_path(data_dir).read_bytes() == cached  # offline reading leaves the cache as it was

    cl.cache_path(data_dir).unlink()
    nothing = cl.fetch_class(data_dir)
    assert nothing.facts is None and "nothing to show" in nothing.line


def test_a_second_fetch_asks_only_for_what_is_new_and_equals_a_whole_fetch(synced, luggage, live_ralph):
    from simulator.core.xapi.outbox import Outbox, attach

    data_dir, settings, local, trainees = synced
    first = cl.fetch_class(data_dir)
    assert first.offline_reason == "" and first.facts.newer_than is None
    cached = cl.load_cache(data_dir, settings)
    assert {"completed", "attempted"} <= set(cached.since) and cached.full_at == cached.fetched_at
    with Outbox(data_dir / "progress.db") as outbox:
        before = {s["id"] for s in outbox.statements()}
    for pick, name in (("wow", "Dan"), ("standard", "Ana")):
        assert main(["play", FILE, "--pick", pick, "--trainee", name, "--data-dir", str(data_dir)]) == 0
    with ProgressStore(data_dir) as store:  # Ben is erased: what was sent about him is voided
        attach(store, xconfig.load(data_dir))
        store.remove_trainee(store.trainee_by_name("Ben").id)
        trainees = store.trainees()
    assert main(["sync", "--data-dir", str(data_dir)]) == 0
    with Outbox(data_dir / "progress.db") as outbox:
        new = [s for s in outbox.statements() if s["id"] not in before
               and s["verb"]["id"].rsplit("/", 1)[-1] in cl.VERBS_READ]
    assert any(s["verb"]["id"].endswith("/voided") for s in new)

    client = LrsClient(live_ralph.url, KEY, SECRET)
    asked = []
    real_get = client.get_statements

    def recorded(query=None):
        asked.append(dict(query or {}))
        return real_get(query)

    client.get_statements = recorded
    second = cl.fetch_class(data_dir, client=client)
    assert second.offline_reason == ""
    assert [(q["verb"].rsplit("/", 1)[-1], q.get("since")) for q in asked] == [
        (verb, cached.since.get(verb)) for verb in cl.VERBS_READ]
    assert second.facts.statements == len(new)  # only what was stored since
    assert second.facts.newer_than == cached.fetched_at
    assert second.line == cl.source_line(second.facts)
    assert second.line.startswith(f"Fetched from the LRS at {cl.when_text(second.facts.fetched_at)}: what was new "
                                  f"since {cached.fetched_at.astimezone():%H:%M}")

    whole = cl.fetch(settings, LrsClient(live_ralph.url, KEY, SECRET))
    assert whole.newer_than is None and whole.statements > second.facts.statements
    assert second.facts.records == whole.records
    rows = cl.overview(second.facts, [luggage.id], trainees)
    assert comparable(rows) == comparable(cl.overview(whole, [luggage.id], trainees))
    with ProgressStore(data_dir) as store:
        assert comparable(rows) == comparable(store.class_overview([luggage]))
    assert {r.trainee.name for r in rows} == {"Ana", "Cleo", "Dan"}  # Ben's statements are voided
    kept = cl.load_cache(data_dir, settings)
    assert kept.records == whole.records and kept.full_at == cached.full_at


def test_a_day_after_the_whole_class_was_read_or_from_an_earlier_cache_it_is_read_whole(synced, luggage, live_ralph):
    import json
    from datetime import timedelta

    data_dir, settings, local, trainees = synced
    assert cl.fetch_class(data_dir).offline_reason == ""
    cached = cl.load_cache(data_dir, settings)
    client = LrsClient(live_ralph.url, KEY, SECRET)
    asked = []
    real_get = client.get_statements
    client.get_statements = lambda query=None: asked.append(dict(query or {})) or real_get(query)

    cl.fetch(settings, client, cached=cached, now=cached.full_at + timedelta(hours=23))
    assert all(q.get("since") for q in asked if q["verb"].rsplit("/", 1)[-1] in cached.since)
    asked.clear()
    later = cl.fetch(settings, client, cached=cached, now=cached.full_at + cl.FULL_READ_EVERY)
    assert asked and not any("since" in q for q in asked) and later.newer_than is None
    assert later.full_at == cached.full_at + cl.FULL_READ_EVERY

    path = cl.cache_path(data_dir)  # a cache the earlier version wrote: the class, no statements kept
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({k: v for k, v in {**data, "version": 1}.items()
                                if k not in ("records", "since", "full_at")}), encoding="utf-8")
    earlier = cl.load_cache(data_dir, settings)
    assert earlier.records is None
    assert comparable(cl.overview(earlier, [luggage.id], trainees)) == comparable(local)  # shown offline as before
    asked.clear()
    assert cl.fetch(settings, client, cached=earlier).newer_than is None
    assert asked and not any("since" in q for q in asked)
