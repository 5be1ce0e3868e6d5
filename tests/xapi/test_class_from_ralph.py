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
