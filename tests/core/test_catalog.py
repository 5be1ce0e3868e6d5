"""The library catalogue cache: reused only for unchanged files, never trusted when damaged."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from simulator.core import catalog
from simulator.core.catalog import CatalogCache, CatalogEntry
from simulator.core.loader import ScenarioLoader

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "lost-luggage.yaml"


def test_an_entry_round_trips_through_json_with_its_diagnostics(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\ntitle: Broken\nnodes: [\n", encoding="utf-8")
    for path in (EXAMPLE, broken):
        entry = CatalogEntry.from_result(ScenarioLoader().load(path))
        assert CatalogEntry.from_json(json.loads(json.dumps(entry.to_json()))) == entry
    assert not entry.playable and entry.errors[0].code.code == "E004" and entry.errors[0].line > 0


def test_an_unchanged_file_is_served_from_the_cache_and_a_changed_one_is_not(tmp_path):
    path = tmp_path / "lost-luggage.yaml"
    shutil.copy(EXAMPLE, path)
    entry = CatalogEntry.from_result(ScenarioLoader().load(path))
    cache = CatalogCache(tmp_path / "cache.json")
    cache.put(entry)
    cache.save()
    assert CatalogCache(tmp_path / "cache.json").get(str(path)) == entry
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "title: Changed", 1), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time even on a coarse clock
    assert CatalogCache(tmp_path / "cache.json").get(str(path)) is None


def test_entries_made_by_other_code_or_a_damaged_cache_are_ignored(tmp_path, monkeypatch):
    path = tmp_path / "cache.json"
    entry = CatalogEntry.from_result(ScenarioLoader().load(EXAMPLE))
    cache = CatalogCache(path)
    cache.put(entry)
    cache.save()
    monkeypatch.setattr(catalog, "code_fingerprint", lambda: "another version")
    assert CatalogCache(path).get(str(EXAMPLE)) is None
    monkeypatch.undo()
    for damage in ("{not json", json.dumps({"version": 1, "code": catalog.code_fingerprint(), "files": {
            str(EXAMPLE): {"key": catalog.file_key(str(EXAMPLE)), "entry": {"path": 3}}}}), "[]"):
        path.write_text(damage, encoding="utf-8")
        assert CatalogCache(path).get(str(EXAMPLE)) is None


def test_files_gone_from_the_library_are_forgotten(tmp_path):
    path = tmp_path / "cache.json"
    cache = CatalogCache(path)
    cache.put(CatalogEntry.from_result(ScenarioLoader().load(EXAMPLE)))
    cache.keep_only([])
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["files"] == {}
