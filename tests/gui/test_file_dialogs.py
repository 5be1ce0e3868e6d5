"""File dialogs open in the user's documents, not in the folder the app was started from."""

from __future__ import annotations

from simulator.gui.base.folders import documents_folder


def test_the_scenario_folder_and_open_dialogs_start_in_the_documents_folder(main_window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.chdir(tmp_path)  # where the app was started
    started: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda _p, _t, folder: started.append(folder) or "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, folder, *_: started.append(folder) or ("", ""))
    main_window.settings.user_folder = ""
    main_window.choose_user_folder()
    main_window.choose_scenario_file()
    assert started == [documents_folder()] * 2 and str(tmp_path) not in started
