"""``~`` and ``$VARS`` in --data-dir and SIMULATOR_HOME: settings, cache and progress in one folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.gui.progress.practice_record import PracticeRecord
from simulator.gui.settings import settings_for


@pytest.mark.parametrize("how", ["argument", "environment"])
@pytest.mark.parametrize("written", ["~/x", "$PLACE/x"])
def test_settings_cache_and_progress_share_one_expanded_folder(qapp, tmp_path, monkeypatch, how, written):
    home, elsewhere = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PLACE", str(home))
    monkeypatch.chdir(elsewhere)
    if how == "environment":
        monkeypatch.setenv("SIMULATOR_HOME", written)
        settings = settings_for(None)
    else:
        monkeypatch.delenv("SIMULATOR_HOME", raising=False)
        settings = settings_for(written)
    expected = home / "x"
    settings.font_scale = 1.2
    settings.sync()
    assert Path(settings.path) == expected / "settings.ini" and Path(settings.path).is_file()
    record = PracticeRecord(settings.data_dir)
    assert record.open(), record.error
    try:
        assert record.store.path == expected / "progress.db" and record.store.path.is_file()
    finally:
        record.close()
    assert os.listdir(elsewhere) == []  # nothing written where the app was started
