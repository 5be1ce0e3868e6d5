"""Importing a large history runs off the UI thread, with a progress dialog, and the window keeps
responding; every refused file is told in a plain-text message."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from simulator.core.progress import EXPORT_FORMAT, ProgressStore
from simulator.gui.progress import progress_actions
from simulator.gui.progress.progress_actions import import_histories

from .test_progress_gui import answer_next_box

ATTEMPTS = 50_000


def _big_export(path, n=ATTEMPTS):
    attempts = [{"id": f"attempt-{i:06d}", "scenario": f"scenario-{i % 7}", "digest": "d" * 64, "mode": "practice",
                 "status": "finished", "started_at": "2024-03-01T09:00:00+00:00",
                 "finished_at": "2024-03-01T09:05:00+00:00", "level": "standard", "score": 70,
                 "compliance_passed": True, "breaches": [], "ending_id": "calm", "duration": 12.5,
                 "skills": [{"skill": "empathy", "shown": 1, "missed": 0}],
                 "steps": [{"number": 1, "node": "ask", "reply": "r1", "say": "Let me check.", "level": "standard",
                            "seconds": 3.0, "timed_out": False, "recorded_at": "2024-03-01T09:01:00+00:00"}]}
                for i in range(n)]
    path.write_text(json.dumps({"format": EXPORT_FORMAT, "version": 1, "exported_at": "2024-03-02T00:00:00+00:00",
                                "trainee": {"id": "ben-id", "name": "Ben"}, "attempts": attempts}), encoding="utf-8")
    return path


def test_fifty_thousand_attempts_import_in_the_background_with_progress(qtbot, tmp_path, monkeypatch):
    export = _big_export(tmp_path / "ben.json")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    threads: list[int] = []
    real_import = progress_actions.import_trainee_json

    def recording_import(*args, **kwargs):
        threads.append(threading.get_ident())
        return real_import(*args, **kwargs)

    monkeypatch.setattr(progress_actions, "import_trainee_json", recording_import)
    ticks: list[int] = []  # the UI thread's timer fires while the import runs
    values: list[int] = []
    shown: list[bool] = []

    def tick():
        ticks.append(1)
        for dialog in window.findChildren(QProgressDialog):
            values.append(dialog.value())
            shown.append(dialog.isVisible())

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(15)
    seen: list[str] = []
    answer_next_box(qtbot, "OK", seen)
    with ProgressStore(tmp_path / "trainer") as store:
        outcome = import_histories(window, store, [export], notify=True)
        timer.stop()
        assert outcome.ok, outcome.message
        assert len(store.attempts()) == ATTEMPTS and len(store.steps("attempt-049999")) == 1
    assert seen == [outcome.message] and "Imported 1 trainee" in outcome.message
    assert threads and threading.get_ident() not in threads  # never on the UI thread
    assert len(ticks) >= 3
    intermediate = sorted({v for v in values if 0 < v < 1000})
    assert len(intermediate) >= 3, values  # the bar moved while the job ran
    assert values == sorted(values)
    assert any(shown)
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]  # closed at the end


def test_every_refused_file_is_named_in_one_plain_text_message(qtbot, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    html = tmp_path / "<b>bold<i>.json"
    html.write_text('{"format": "<img src=\'file:///etc/passwd\'>"}', encoding="utf-8")
    late = tmp_path / "late.json"
    late.write_text(json.dumps({"format": EXPORT_FORMAT, "version": 1, "trainee": {"id": "t", "name": "T"},
                                "attempts": [{"id": "a", "scenario": "s", "mode": "practice", "status": "open",
                                              "started_at": "0001-01-01T00:00:00+14:00"}]}), encoding="utf-8")
    boxes: list[QMessageBox] = []

    def grab():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, grab)
            return
        boxes.append(box)
        assert box.textFormat() == Qt.TextFormat.PlainText
        seen_text.append(box.text())
        box.accept()

    seen_text: list[str] = []
    QTimer.singleShot(0, grab)
    with ProgressStore(tmp_path / "trainer") as store:
        outcome = import_histories(None, store, [deep, html, late], notify=True)
        assert store.trainees() == []
    assert not outcome.ok and seen_text == [outcome.message]
    assert "These 3 files could not be imported" in outcome.message
    for path in (deep, html, late):
        assert str(path) in outcome.message
    assert "nested too deeply" in outcome.message and "Traceback" not in outcome.message
