"""The organisation's LRS settings: saved by `simulator lrs set` and the dialog, refused with a plain
sentence (and the saved file left byte for byte as it was) when they could not work."""

from __future__ import annotations

import os
import stat

import pytest

from simulator.cli import main
from simulator.core.xapi import config

from .conftest import HOME_PAGE, KEY, SECRET


def _set(tmp_path, *args: str) -> int:
    return main(["lrs", "set", "--data-dir", str(tmp_path), *args])


def test_lrs_set_saves_the_settings_and_the_secret_apart_and_disable_keeps_the_rest(tmp_path, capsys):
    assert _set(tmp_path, "--lrs", "http://127.0.0.1:8100", "--key", KEY, "--secret", SECRET, "--home-page",
                HOME_PAGE, "--enable") == 0
    said = capsys.readouterr().out
    assert "Sending is on." in said and str(tmp_path / config.SECRET_FILE) in said
    saved = config.load(tmp_path)
    assert (saved.enabled, saved.endpoint, saved.key, saved.secret, saved.home_page) == (
        True, "http://127.0.0.1:8100", KEY, SECRET, HOME_PAGE)
    assert SECRET not in (tmp_path / config.SETTINGS_FILE).read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(tmp_path / config.SECRET_FILE).st_mode) == 0o600
    assert _set(tmp_path, "--disable") == 0
    off = config.load(tmp_path)
    assert not off.enabled and (off.endpoint, off.home_page, off.secret) == (saved.endpoint, HOME_PAGE, SECRET)


@pytest.mark.parametrize("args, words", [
    (("--enable",), "Set the organisation's home page before switching sending on"),
    (("--home-page", "training department"), "is not a web address"),
    (("--home-page", "mailto:training@example.org"), "is not a web address"),
    (("--lrs", "ftp://lrs.example.org/xAPI/"), "is not an http:// or https:// address"),
    (("--activity-base", "scenarios/"), "The start of scenario ids 'scenarios/' is not a web address"),
])
def test_settings_that_cannot_work_are_refused_and_the_saved_ones_stay(tmp_path, capsys, args, words):
    assert _set(tmp_path, "--lrs", "https://lrs.example.org/xAPI/", "--key", KEY, "--secret", SECRET) == 0
    before = (tmp_path / config.SETTINGS_FILE).read_bytes()
    capsys.readouterr()
    if args == ("--enable",):
        assert config.load(tmp_path).home_page == ""
    assert _set(tmp_path, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("simulator: nothing was saved.") and words in err and "Traceback" not in err
    assert (tmp_path / config.SETTINGS_FILE).read_bytes() == before


def test_the_dialog_refuses_an_address_that_cannot_work_and_says_why(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from simulator.gui.progress.lrs_panel import LrsDialog, LrsSender
    from simulator.gui.progress.practice_record import PracticeRecord

    record = PracticeRecord(str(tmp_path))
    assert record.open(), record.error
    sender = LrsSender(record)
    dialog = LrsDialog(record, sender)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.endpoint.setText("lrs.example.org/xAPI")
    dialog.home_page.setText(HOME_PAGE)
    dialog.enabled.setChecked(True)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Not saved. The LRS address 'lrs.example.org/xAPI' is not an http://")
    assert not (tmp_path / config.SETTINGS_FILE).exists() and record.lrs_recorder is None
    dialog.endpoint.setText("https://lrs.example.org/xAPI/")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "Saved." in dialog.status.text() and config.load(tmp_path).enabled and record.lrs_recorder is not None
    sender.stop()
    record.close()
