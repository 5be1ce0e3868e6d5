"""The class overview rebuilt from statements agrees with the local store's, and its cache keeps it."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest

from simulator.core.headless import play
from simulator.core.levels import Level
from simulator.core.progress import ProgressStore
from simulator.core.xapi import class_from_lrs as cl
from simulator.core.xapi import config as xconfig
from simulator.core.xapi import statements as xs
from simulator.core.xapi.outbox import Outbox

from .conftest import opt_in

AT = datetime(2026, 12, 2, 14, 5, tzinfo=timezone.utc)


def comparable(rows):
    """What a trainer reads in a row, keyed by the trainee's name."""
    return {r.trainee.name: (r.finished_attempts, r.scenarios_played, r.scenarios_wow, dict(r.best_levels),
                             sorted(r.stuck), r.other_scenarios, r.other_attempts) for r in rows}


@pytest.fixture
def played_class(tmp_path, luggage, breachy):
    """Ana: WOW then Low on the luggage; Ben: Low twice (stuck) and one breachy attempt."""
    opt_in(tmp_path)
    for scenario, pick, name in ((luggage, "wow", "Ana"), (luggage, "low", "Ana"), (luggage, "low", "Ben"),
                                 (luggage, "low", "Ben"), (breachy, "first", "Ben")):
        play(scenario, pick, name, tmp_path)
    with Outbox(tmp_path / "progress.db") as outbox:
        statements = outbox.statements()
    return tmp_path, statements


def test_the_rebuilt_class_matches_the_local_overview(played_class, luggage):
    data_dir, statements = played_class
    settings = xconfig.load(data_dir)
    facts = cl.reduce(statements, settings, AT)
    with ProgressStore(data_dir) as store:
        local = store.class_overview([luggage])
        trainees = store.trainees()
    rebuilt = cl.overview(facts, [luggage.id], trainees)
    assert comparable(rebuilt) == comparable(local)
    assert {r.trainee.name: r.stuck for r in rebuilt} == {"Ana": [], "Ben": [luggage.id]}
    assert {r.trainee.name: r.other_attempts for r in rebuilt} == {"Ana": 0, "Ben": 1}
    assert [r.trainee.id for r in rebuilt] == [t.id for t in sorted(trainees, key=lambda t: t.name)]
    by_name = {r.trainee.name: r for r in local}
    for row in rebuilt:
        assert abs((row.last_played - by_name[row.trainee.name].last_played).total_seconds()) < 0.001


def test_an_unknown_account_shows_its_sent_name_else_the_account_name(played_class, luggage):
    data_dir, statements = played_class
    facts = cl.reduce(statements, xconfig.load(data_dir), AT)
    rows = cl.overview(facts, [luggage.id])  # a trainer's computer that knows none of them
    accounts = {s["actor"]["account"]["name"] for s in statements}
    assert {r.trainee.name for r in rows} == accounts
    assert {r.trainee.origin for r in rows} == {cl.LRS_ORIGIN}
    named = copy.deepcopy(statements)
    for s in named:
        s["actor"]["name"] = "Sent " + s["actor"]["account"]["name"][:4]
    rows = cl.overview(cl.reduce(named, xconfig.load(data_dir), AT), [luggage.id])
    assert {r.trainee.name for r in rows} == {"Sent " + a[:4] for a in accounts}


def test_repeats_voided_statements_and_other_organisations_are_left_out(played_class, luggage):
    data_dir, statements = played_class
    settings = xconfig.load(data_dir)
    with ProgressStore(data_dir) as store:
        ben = store.trainee_by_name("Ben")
    ben_account = xs.account_name(ben.id)
    completed = [s for s in statements if s["verb"]["id"].endswith("/completed")
                 and s["actor"]["account"]["name"] == ben_account and s["object"]["id"].endswith(luggage.id)]
    assert len(completed) == 2
    stranger = copy.deepcopy(completed[0])
    stranger["id"] = "0c6f7d6e-1111-4222-8333-444455556666"
    stranger["actor"]["account"]["homePage"] = "https://another.example.com"
    voiding = xs.voided(settings.profile(), xs.Actor(ben_account), completed[1]["id"], AT)
    facts = cl.reduce(statements + statements + [stranger, voiding], settings, AT)
    assert set(facts.accounts) == {s["actor"]["account"]["name"] for s in statements}  # not the stranger
    assert len(facts.accounts) == 2
    ben_luggage = facts.accounts[ben_account].scenarios[luggage.id]
    assert ben_luggage[:2] == [1, Level.LOW.rank]  # the repeat counted once, the voided one not at all
    rows = {r.trainee.name: r for r in cl.overview(facts, [luggage.id], [ben])}
    assert rows["Ben"].stuck == []  # once at Low is not stuck
    assert all(len(r.trainee.name) == 36 for n, r in rows.items() if n != "Ben")


def test_the_cache_keeps_the_facts_and_a_newer_one_is_refused_untouched(played_class, luggage):
    data_dir, statements = played_class
    settings = xconfig.load(data_dir)
    facts = cl.reduce(statements, settings, AT, "http://lrs.example/xAPI/")
    cl.save_cache(data_dir, facts)
    back = cl.load_cache(data_dir, settings)
    assert back is not None and back.fetched_at == AT and back.lrs == facts.lrs
    with ProgressStore(data_dir) as store:
        trainees = store.trainees()
    assert comparable(cl.overview(back, [luggage.id], trainees)) == comparable(cl.overview(facts, [luggage.id],
                                                                                           trainees))
    path = cl.cache_path(data_dir)
    assert json.loads(path.read_text())["version"] == cl.CACHE_VERSION
    assert not list(data_dir.glob("*.part"))

    other = xconfig.LrsSettings(home_page="https://another.example.com", activity_base=settings.activity_base)
    with pytest.raises(cl.ClassCacheError, match="another organisation"):
        cl.load_cache(data_dir, other)
    data = json.loads(path.read_text())
    data["version"] = cl.CACHE_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(cl.ClassCacheError, match="newer version"):
        cl.load_cache(data_dir, settings)
    path.write_text("{ not json")
    with pytest.raises(cl.ClassCacheError, match="cannot be read"):
        cl.load_cache(data_dir, settings)
    assert path.read_bytes() == b"{ not json" and before != b"{ not json"
    assert cl.load_cache(data_dir / "nowhere") is None


def test_the_source_line_says_when_it_was_fetched():
    facts = cl.ClassFacts(AT, "x", "h", "a")
    local = AT.astimezone()
    assert cl.source_line(facts) == f"Fetched from the LRS at {local:%H:%M}, {local.day} {local:%b}."
    offline = cl.source_line(facts, "The LRS did not answer.")
    assert offline.startswith(f"Offline: showing what was fetched at {local:%H:%M}, {local.day} {local:%b}")
    facts.complete = False
    assert "the LRS holds more" in cl.source_line(facts)
    facts.complete = True
    facts.newer_than = AT - timedelta(hours=1)
    earlier = facts.newer_than.astimezone()
    assert cl.source_line(facts) == (f"Fetched from the LRS at {local:%H:%M}, {local.day} {local:%b}: what was new "
                                     f"since {earlier:%H:%M}" + ("" if earlier.date() == local.date() else
                                                                 f", {earlier.day} {earlier:%b}") + ".")
    facts.newer_than = AT - timedelta(days=3)
    assert cl.source_line(facts).endswith(f"what was new since {cl.when_text(facts.newer_than)}.")
