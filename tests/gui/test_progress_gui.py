"""The progress screens through their real widgets: the trainee picker, the progress view, the
class view and the export/import actions, filled by playing scenarios into a real store."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from simulator.core.analysis import analyze
from simulator.core.engine import PlaySession
from simulator.core.levels import Level
from simulator.core.loader import ScenarioLoader
from simulator.core.progress import ImportReport, ProgressStore, write_trainee_json
from simulator.gui.base import fonts
from simulator.gui.progress.class_view import FINISHED, LAST, NAME, ORIGIN, PLAYED, STUCK, WOW, ClassView
from simulator.gui.progress.progress_actions import (export_attempts_csv, export_history_json, import_histories,
                                            import_message)
from simulator.gui.progress.progress_view import ProgressView, completion_text, shortfall_text, skill_name
from simulator.gui.progress.trainee_picker import TraineePicker

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


# -- playing scenarios into a store -----------------------------------------------------------

@pytest.fixture(scope="module")
def library():
    """Three scenarios in two domains: lost-luggage and sea-view-room (tourism), no-receipt-return (refunds)."""
    loader = ScenarioLoader()
    scenarios = [loader.load(ROOT / "docs" / "examples" / "lost-luggage.yaml").scenario]
    scenarios += [loader.load(ROOT / "scenarios" / f"{name}.yaml").scenario
                  for name in ("sea-view-room", "no-receipt-return")]
    assert all(s is not None for s in scenarios)
    return scenarios


_PATHS: dict[str, dict] = {}


def play(store: ProgressStore, trainee_id: str, scenario, level: Level, now: datetime, mode: str = "practice") -> str:
    """A whole attempt on the canonical path of ``level``, saved step by step; returns its id."""
    if scenario.id not in _PATHS:
        _PATHS[scenario.id] = analyze(scenario).canonical
    attempt = store.start_attempt(trainee_id, scenario, mode, now=now)
    session = PlaySession(scenario)
    for choice in _PATHS[scenario.id][level].choices:
        store.record_step(attempt, session.choose(choice.reply, 3.0), now=now)
    assert session.ended and session.result().level is level
    store.finish_attempt(attempt, session.result(), now=now)
    return attempt


@pytest.fixture
def store(data_dir):
    with ProgressStore(data_dir) as s:
        yield s


def answer_next_box(qtbot, button_text: str, seen: list[str]) -> None:
    """When the next modal message box opens, remember its text and press the button named ``button_text``."""
    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, attempt)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, attempt)


# -- the trainee picker -------------------------------------------------------------------------

@pytest.fixture
def picker_for(qtbot):
    def make(store, **kwargs) -> TraineePicker:
        picker = TraineePicker(store, **kwargs)
        qtbot.addWidget(picker)
        picker.show()
        qtbot.waitExposed(picker)
        picker.activateWindow()
        return picker
    return make


def test_picker_adds_a_name_by_keyboard_then_enter_chooses_it(qtbot, store, picker_for):
    picker = picker_for(store)
    assert picker.names() == [] and picker.empty_label.isVisibleTo(picker)
    qtbot.waitUntil(picker.name_edit.hasFocus)  # nobody yet: the name field is ready for typing
    qtbot.keyClicks(picker.name_edit, "  Ana   Lima ")
    qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)
    assert picker.names() == ["Ana Lima"]
    assert picker.isVisible() and picker.chosen is None  # Enter in the field added; it did not start
    assert picker.name_edit.text() == ""
    qtbot.waitUntil(picker.list.hasFocus)
    with qtbot.waitSignal(picker.accepted, timeout=2000):
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.chosen == store.trainee_by_name("Ana Lima")


def test_picker_refuses_empty_and_duplicate_names_with_a_message(qtbot, store, picker_for):
    store.add_trainee("Ana")
    store.add_trainee("Émile")
    picker = picker_for(store)
    picker.name_edit.setFocus()
    for typed, expected in (("   ", "Please type a name."), ("ANA", "already someone called Ana"),
                            ("émile", "already someone called Émile"),  # case ignored beyond ASCII too
                            ("E\u0301mile", "already someone called Émile")):  # an accent typed as two characters
        picker.name_edit.clear()
        if typed.isascii():
            qtbot.keyClicks(picker.name_edit, typed)
        else:  # QTest cannot type letters outside ASCII; an input method would insert them like this
            picker.name_edit.insert(typed)
        qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)
        assert picker.message.isVisibleTo(picker)
        assert expected in picker.message.text()
        assert picker.chosen is None and picker.isVisible()
    assert sorted(t.name for t in store.trainees()) == ["Ana", "Émile"]
    qtbot.keyClicks(picker.name_edit, "x")  # editing the name clears the message
    assert not picker.message.isVisibleTo(picker)


def test_picker_lists_the_most_recent_first_and_jumps_by_typing(qtbot, store, picker_for, library):
    ana = store.add_trainee("Ana", now=T0)
    ben = store.add_trainee("Ben", now=T0)
    store.add_trainee("Chloé", now=T0)
    play(store, ana.id, library[0], Level.WOW, T0 + DAY)
    play(store, ben.id, library[0], Level.LOW, T0 + 2 * DAY)
    picker = picker_for(store, now=T0 + 2 * DAY)
    assert picker.names() == ["Ben", "Ana", "Chloé"]
    assert picker.selected() == ben
    assert "last practised today, 1 finished attempt" in picker.detail.text()
    picker.list.setFocus()
    qtbot.waitUntil(picker.list.hasFocus)
    qtbot.keyClick(picker.list, "c")
    assert picker.selected().name == "Chloé"
    qtbot.keyClick(picker.list, Qt.Key.Key_Up)
    assert picker.selected() == ana
    with qtbot.waitSignal(picker.accepted, timeout=2000):
        qtbot.keyClick(picker.list, Qt.Key.Key_Enter)
    assert picker.chosen == ana


def test_picker_preselects_the_last_trainee(store, picker_for):
    store.add_trainee("Ana", now=T0)
    ben = store.add_trainee("Ben", now=T0 - DAY)
    picker = picker_for(store, current_id=ben.id)
    assert picker.selected() == ben and picker.start_button.text().replace("&", "") == "Start as Ben"


def test_picker_renames_in_place_with_f2_and_refuses_a_taken_name(qtbot, store, picker_for):
    ana = store.add_trainee("Ana", now=T0 + DAY)
    store.add_trainee("Ben", now=T0)
    picker = picker_for(store)
    picker.list.setFocus()
    qtbot.waitUntil(picker.list.hasFocus)
    assert picker.selected() == ana
    qtbot.keyClick(picker.list, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and QApplication.focusWidget() is not picker.name_edit)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Anabel")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.trainee(ana.id).name == "Anabel")
    qtbot.waitUntil(lambda: "Anabel" in picker.names())

    assert not picker.rename(ana.id, "  ben ")
    assert "Not renamed" in picker.message.text() and "already someone called Ben" in picker.message.text()
    assert store.trainee(ana.id).name == "Anabel"


def test_picker_removes_only_after_confirmation_that_says_progress_is_deleted(qtbot, store, picker_for, library):
    ana = store.add_trainee("Ana", now=T0 + DAY)
    ben = store.add_trainee("Ben", now=T0)
    play(store, ana.id, library[0], Level.WOW, T0 + DAY)
    picker = picker_for(store, now=T0 + DAY)
    assert picker.selected() == ana
    seen: list[str] = []
    answer_next_box(qtbot, "Keep", seen)
    picker.list.setFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Delete)
    assert "deletes all of Ana's progress" in seen[0] and "1 finished attempt" in seen[0]
    assert "cannot be undone" in seen[0]
    assert store.trainee_by_name("Ana") == ana and picker.names() == ["Ana", "Ben"]

    answer_next_box(qtbot, "Remove Ana", seen)
    with qtbot.waitSignal(picker.trainee_removed, timeout=2000) as removed:
        picker.remove_button.click()
    assert removed.args == [ana.id]
    assert store.trainee_by_name("Ana") is None and store.attempts(ana.id) == []
    assert picker.names() == ["Ben"] and picker.selected() == ben


# -- the progress view --------------------------------------------------------------------------

@pytest.fixture
def progress_view(qtbot):
    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def ana_history(store, library):
    """Ana: lost-luggage Low, Standard, WOW on three days in a row; no-receipt-return Standard."""
    luggage, _sea_view, no_receipt = library
    ana = store.add_trainee("Ana", now=T0)
    play(store, ana.id, luggage, Level.LOW, T0)
    play(store, ana.id, luggage, Level.STANDARD, T0 + DAY, "assessment")
    play(store, ana.id, no_receipt, Level.STANDARD, T0 + DAY + timedelta(hours=1))
    play(store, ana.id, luggage, Level.WOW, T0 + 2 * DAY)
    return ana


def test_progress_view_shows_what_the_store_computes(progress_view, store, library, ana_history):
    now = T0 + 2 * DAY + timedelta(hours=2)
    shown = progress_view.show_progress(store, ana_history, library, now)
    summary = store.progress_summary(ana_history.id, library, now)
    assert shown == summary
    assert progress_view.title_label.text() == "Ana's progress"
    # Completion per domain, in words.
    assert progress_view.domain_labels["tourism"].text() == "1 of 2 played, 1 at WOW"
    assert progress_view.domain_labels["refunds"].text() == "1 of 1 played, 0 at WOW"
    assert progress_view.domain_bars["tourism"].value() == 1 and progress_view.domain_bars["tourism"].maximum() == 2
    # One chart point per finished attempt, in the store's order and levels.
    assert len(progress_view.chart.points) == summary.finished_attempts == 4
    assert [p.level for p in progress_view.chart.points] == [Level.LOW, Level.STANDARD, Level.STANDARD, Level.WOW]
    # The weakest skill first, with its tally.
    assert summary.weak_skills, "the Low path should miss at least one skill"
    weakest = summary.weak_skills[0]
    assert progress_view.skill_labels[0].text() == skill_name(weakest.skill)
    assert shortfall_text(weakest.missed, weakest.shown) in progress_view.skill_labels[0].accessibleName()
    assert len(progress_view.skill_labels) == len(summary.weak_skills)
    # Streaks and reviews.
    assert progress_view.stat_labels["current_streak"].text() == str(summary.current_streak) == "3"
    assert progress_view.stat_labels["longest_streak"].text() == "3"
    assert progress_view.stat_labels["practice_days"].text() == "3"
    assert progress_view.stat_labels["due_now"].text() == str(summary.due_now)
    assert "4 finished attempts" in progress_view.subtitle_label.text()


def test_the_chart_describes_each_attempt_and_walks_them_by_keyboard(qtbot, progress_view, store, library,
                                                                     ana_history):
    progress_view.show_progress(store, ana_history, library, T0 + 2 * DAY)
    chart = progress_view.chart
    assert "4 finished attempts" in chart.accessibleDescription() and "1 Low" in chart.accessibleDescription()
    assert progress_view.chart_caption.text().startswith("Attempt 4 of 4 · The suitcase that went to Lisbon")
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    with qtbot.waitSignal(chart.current_changed, timeout=1000) as changed:
        qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert changed.args[0].startswith("Attempt 1 of 4") and "▼ Low" in changed.args[0]
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert "Attempt 2 of 4" in progress_view.chart_caption.text() and "Assessment" in progress_view.chart_caption.text()
    assert not chart.grab().isNull()


def test_progress_view_empty_state(progress_view, store, library):
    bea = store.add_trainee("Bea")
    progress_view.show_progress(store, bea, library, T0)
    assert progress_view.chart.points == []
    assert "No finished attempts yet" in progress_view.chart.accessibleDescription()
    assert progress_view.stat_labels["current_streak"].text() == "0"
    assert progress_view.domain_labels["tourism"].text() == completion_text(0, 2, 0)
    assert progress_view.skill_labels == []
    image = progress_view.chart.grab().toImage()
    assert image.width() > 100  # painted without points, without error


def test_progress_view_back_button_and_escape_ask_for_the_library(qtbot, progress_view, store, library):
    progress_view.show_progress(store, store.add_trainee("Bea"), library, T0)
    with qtbot.waitSignal(progress_view.library_requested, timeout=1000):
        qtbot.mouseClick(progress_view.back_button, Qt.MouseButton.LeftButton)
    progress_view.activateWindow()
    progress_view.scroll.setFocus()
    qtbot.waitUntil(progress_view.scroll.hasFocus)
    with qtbot.waitSignal(progress_view.library_requested, timeout=1000):
        qtbot.keyClick(progress_view.scroll, Qt.Key.Key_Escape)


def test_progress_view_text_follows_the_app_scale(qtbot, progress_view, store, library, ana_history):
    progress_view.show_progress(store, ana_history, library, T0 + 2 * DAY)
    before_title = progress_view.title_label.font().pointSizeF()
    before_chart = progress_view.chart.font().pointSizeF()
    chart = progress_view.chart
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # attempt 2 of 4 picked
    bigger = QFont(QApplication.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5)
    QApplication.setFont(bigger)
    fonts.refresh(progress_view)
    qtbot.waitUntil(lambda: progress_view.title_label.font().pointSizeF() > before_title * 1.4)
    assert progress_view.chart.font().pointSizeF() > before_chart * 1.4
    assert len(progress_view.chart.points) == 4  # rebuilt with the same data
    # ... keeping the attempt picked and the keyboard on the chart
    assert progress_view.chart.current == 1 and progress_view.chart.hasFocus()
    assert progress_view.chart_caption.text().startswith("Attempt 2 of 4")


def test_a_hidden_progress_view_waits_until_shown_to_follow_the_text_size(qtbot, progress_view, store, library,
                                                                          ana_history):
    progress_view.show_progress(store, ana_history, library, T0 + 2 * DAY)
    chart, size = progress_view.chart, progress_view.title_label.font().pointSizeF()
    progress_view.hide()
    bigger = QFont(QApplication.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5)
    QApplication.setFont(bigger)
    fonts.refresh(progress_view)
    assert progress_view.chart is chart  # not built again while nobody sees it
    progress_view.show()
    assert progress_view.chart is not chart and progress_view.title_label.font().pointSizeF() > size * 1.4


# -- the class view and the actions -------------------------------------------------------------

@pytest.fixture
def exports(tmp_path, library):
    """Two trainees' JSON exports, made on their own computers."""
    luggage, sea_view, no_receipt = library
    paths = []
    with ProgressStore(tmp_path / "ana-laptop") as laptop:
        ana = laptop.add_trainee("Ana", now=T0)
        play(laptop, ana.id, luggage, Level.WOW, T0)
        play(laptop, ana.id, no_receipt, Level.STANDARD, T0 + DAY)
        paths.append(write_trainee_json(laptop, ana.id, tmp_path / "ana.json"))
    with ProgressStore(tmp_path / "ben-laptop") as laptop:
        ben = laptop.add_trainee("Ben", now=T0)
        play(laptop, ben.id, luggage, Level.LOW, T0)
        play(laptop, ben.id, luggage, Level.LOW, T0 + DAY)  # twice, never better: stuck
        play(laptop, ben.id, sea_view, Level.STANDARD, T0 + DAY)
        play(laptop, ben.id, sea_view, Level.WOW, T0 + 2 * DAY)
        paths.append(write_trainee_json(laptop, ben.id, tmp_path / "ben.json"))
    return paths


@pytest.fixture
def class_view(qtbot, store, library):
    view = ClassView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.show_class(store, library, T0 + 3 * DAY)
    return view


def test_class_view_after_importing_two_exports_and_importing_twice_adds_no_rows(class_view, store, exports):
    assert class_view.row_count() == 0 and class_view.empty_label.isVisibleTo(class_view)
    with_signal = []
    class_view.store_changed.connect(lambda: with_signal.append(True))
    first = class_view.import_histories(exports, notify=False)
    assert first.ok and first.message == "Imported 2 trainees, 6 attempts."
    assert with_signal == [True]
    assert class_view.shown_names() == ["Ana", "Ben"]
    assert [class_view.cell_text(r, ORIGIN) for r in range(2)] == ["Imported", "Imported"]
    assert [class_view.cell_text(r, FINISHED) for r in range(2)] == ["2", "4"]
    assert [class_view.cell_text(r, PLAYED) for r in range(2)] == ["2 of 3", "2 of 3"]
    assert [class_view.cell_text(r, WOW) for r in range(2)] == ["1", "1"]
    assert class_view.cell_text(0, LAST) == "2 days ago"
    luggage = class_view.column_of("lost-luggage")
    assert class_view.cell_text(0, luggage) == "★ WOW · 100"  # the best level, and the best score
    assert class_view.cell_text(1, luggage) == "▼ Low · 0 ⚠"
    assert class_view.cell_text(1, STUCK) == "⚠ The suitcase that went to Lisbon"
    assert class_view.cell_text(0, class_view.column_of("sea-view-room")) == "—"
    assert "2 trainees: 2 imported" in class_view.subtitle_label.text()

    again = class_view.import_histories(exports, notify=False)
    assert again.ok and again.message == "Nothing new: the 6 attempts of 2 trainees were already present."
    assert class_view.row_count() == 2 and len(store.attempts()) == 6


def test_class_view_sorts_by_keyboard_and_enter_opens_a_trainee(qtbot, class_view, store, exports, library):
    class_view.import_histories(exports, notify=False)
    local = store.add_trainee("Zoe", now=T0)
    play(store, local.id, library[2], Level.WOW, T0)
    class_view.refresh()
    assert class_view.shown_names() == ["Ana", "Ben", "Zoe"]
    assert class_view.cell_text(2, ORIGIN) == "Local"
    # an attempt on a scenario outside the library counts, and says where it is
    class_view.show_class(store, library[:2], T0 + 3 * DAY)
    assert class_view.cell_text(2, FINISHED) == "1" and class_view.cell_text(2, PLAYED) == "0 of 2 (+1 other)"
    index = class_view.proxy.index(2, FINISHED)
    assert "1 of them on 1 scenario not in this library" in class_view.proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    class_view.show_class(store, library, T0 + 3 * DAY)
    class_view.sort_box.setFocus()
    qtbot.waitUntil(class_view.sort_box.hasFocus)
    qtbot.keyClick(class_view.sort_box, Qt.Key.Key_Down)  # Finished attempts, most first
    assert class_view.sort_box.currentText() == "Finished attempts"
    assert class_view.shown_names() == ["Ben", "Ana", "Zoe"]
    # Sorting by a heading keeps the box in step; the best level sorts by rank, not by text.
    luggage = class_view.column_of("lost-luggage")
    class_view.table.sortByColumn(luggage, Qt.SortOrder.DescendingOrder)
    assert class_view.shown_names()[:2] == ["Ana", "Ben"]
    class_view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert class_view.shown_names() == ["Zoe", "Ben", "Ana"] and class_view.sort_box.currentText() == "Name"

    class_view.filter_edit.setText("be")
    assert class_view.shown_names() == ["Ben"]
    class_view.table.setFocus()
    qtbot.waitUntil(class_view.table.hasFocus)
    class_view.table.setCurrentIndex(class_view.proxy.index(0, FINISHED))
    qtbot.keyClick(class_view.table, Qt.Key.Key_Right)
    assert class_view.table.currentIndex().column() == PLAYED
    with qtbot.waitSignal(class_view.trainee_activated, timeout=1000) as activated:
        qtbot.keyClick(class_view.table, Qt.Key.Key_Return)
    assert activated.args[0].name == "Ben" and activated.args[0].origin == "imported"
    # The names stay in view while the scenario columns scroll: the overlay shows the name column only.
    frozen = class_view.table.frozen
    shown = [c for c in range(class_view.proxy.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [NAME] and frozen.isVisible()
    assert frozen.columnWidth(NAME) == class_view.table.columnWidth(NAME)
    opened, clicks = [], []
    class_view.trainee_activated.connect(opened.append)
    class_view.table.doubleClicked.connect(clicks.append)
    cell = class_view.table.visualRect(class_view.proxy.index(0, PLAYED)).center()
    qtbot.mouseClick(class_view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # as a real double
    qtbot.mouseDClick(class_view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # click: press first
    assert len(clicks) == 1, clicks
    assert [t.name for t in opened] == ["Ben"]  # once per double click


def test_class_view_cells_tell_the_level_in_words_for_screen_readers(class_view, exports):
    class_view.import_histories(exports, notify=False)
    proxy = class_view.proxy
    cell = proxy.index(1, class_view.column_of("lost-luggage"))
    spoken = proxy.data(cell, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Ben, The suitcase that went to Lisbon: best level Low") and "stuck" in spoken
    assert proxy.data(cell, Qt.ItemDataRole.BackgroundRole) is not None  # colour too, never alone
    assert class_view.table.accessibleName() and class_view.filter_edit.accessibleName()


def test_class_view_esc_asks_for_the_library(qtbot, class_view):
    class_view.activateWindow()
    class_view.filter_edit.setFocus()
    qtbot.waitUntil(class_view.filter_edit.hasFocus)
    with qtbot.waitSignal(class_view.library_requested, timeout=1000):
        qtbot.keyClick(class_view.filter_edit, Qt.Key.Key_Escape)


def test_csv_export_writes_what_the_store_holds(tmp_path, store, library, ana_history):
    ben = store.add_trainee("Ben")
    play(store, ben.id, library[1], Level.WOW, T0)
    everyone = export_attempts_csv(None, store, None, tmp_path / "all.csv", notify=False)
    assert everyone.ok and everyone.message == f"Exported 5 attempts to {tmp_path / 'all.csv'}"
    with open(tmp_path / "all.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["attempt_id"] for r in rows] == [a.id for a in store.attempts()]
    assert [r["level"] for r in rows] == [a.level.value for a in store.attempts()]

    only_ana = export_attempts_csv(None, store, ana_history.id, tmp_path / "ana.csv", notify=False)
    assert only_ana.ok and "Ana's 4 attempts" in only_ana.message
    with open(tmp_path / "ana.csv", encoding="utf-8-sig", newline="") as f:
        assert {r["trainee"] for r in csv.DictReader(f)} == {"Ana"}


def test_history_export_writes_the_trainees_full_history(tmp_path, store, ana_history):
    outcome = export_history_json(None, store, ana_history.id, tmp_path / "ana.json", notify=False)
    assert outcome.ok and outcome.message == f"Saved Ana's history (4 attempts) to {tmp_path / 'ana.json'}"
    data = json.loads((tmp_path / "ana.json").read_text(encoding="utf-8"))
    assert data["trainee"]["name"] == "Ana"
    assert [a["id"] for a in data["attempts"]] == [a.id for a in store.attempts(ana_history.id)]
    assert [a["level"] for a in data["attempts"]] == ["low", "standard", "standard", "wow"]


def test_actions_ask_for_a_file_add_the_suffix_and_cancel_quietly(monkeypatch, tmp_path, store, ana_history):
    from PySide6.QtWidgets import QFileDialog

    answers = [(str(tmp_path / "ana-history"), ""), ("", "")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: answers.pop(0)))
    outcome = export_history_json(None, store, ana_history.id, notify=False)
    assert outcome.ok and (tmp_path / "ana-history.json").exists()
    assert export_history_json(None, store, ana_history.id, notify=False) is None  # cancelled: nothing said
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    assert import_histories(None, store, notify=False) is None


def test_actions_report_problems_in_words_not_tracebacks(qtbot, tmp_path, store, ana_history, exports):
    missing = tmp_path / "no-such-folder" / "all.csv"
    failed = export_attempts_csv(None, store, None, missing, notify=False)
    assert not failed.ok and failed.message.startswith("The attempts could not be exported.")
    assert str(missing) in failed.message and "Traceback" not in failed.message
    failed = export_history_json(None, store, ana_history.id, missing.with_suffix(".json"), notify=False)
    assert not failed.ok and "could not be exported" in failed.message
    assert not export_history_json(None, store, "nobody", tmp_path / "x.json", notify=False).ok

    bad = tmp_path / "notes.json"
    bad.write_text("this is not JSON", encoding="utf-8")
    seen: list[str] = []
    answer_next_box(qtbot, "OK", seen)
    mixed = import_histories(None, store, [bad, exports[0], tmp_path / "gone.json"], notify=True)
    assert not mixed.ok and seen == [mixed.message]
    assert mixed.message.startswith("Imported 1 trainee, 2 attempts.")
    assert "These 2 files could not be imported:" in mixed.message and "notes.json" in mixed.message
    assert "gone.json" in mixed.message and "Traceback" not in mixed.message
    assert store.trainee_by_name("Ana") is not None and len(store.trainees()) == 2


def test_import_message_counts_trainees_attempts_and_skipped_ones():
    reports = [ImportReport("a.json", "t1", "Ana", 10, 0, 3), ImportReport("b.json", "t2", "Ben", 4, 0, 0)]
    assert import_message(reports) == "Imported 2 trainees, 14 attempts (3 already present, skipped)."
    assert import_message([ImportReport("a.json", "t1", "Ana", 0, 1, 2)]) == \
        "Imported 1 trainee, 0 attempts (1 updated, 2 already present, skipped)."
    assert import_message([ImportReport("a.json", "t1", "Ana", 0, 0, 1)]) == \
        "Nothing new: the 1 attempt of 1 trainee was already present."


def test_scores_in_the_progress_view_and_class_overview_are_labelled_by_band(qtbot, progress_view, class_view,
                                                                              store, library, ana_history):
    from simulator.core.scoring import score_text

    summary = store.progress_summary(ana_history.id, library, T0 + 2 * DAY)
    latest = summary.timeline[-1]
    progress_view.show_progress(store, ana_history, library, T0 + 2 * DAY)
    assert progress_view.chart_caption.text().endswith(f"score {score_text(latest.score)}")
    class_view.show_class(store, library, T0 + 3 * DAY)
    proxy = class_view.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.data(proxy.index(r, 0)) == "Ana")
    cell = proxy.index(row, class_view.column_of("lost-luggage"))
    best = max(p.score for p in summary.timeline if p.scenario_id == "lost-luggage")
    assert proxy.data(cell).endswith(f" · {best}")
    assert proxy.data(cell, Qt.ItemDataRole.ToolTipRole).endswith(f"best score {score_text(best)}")
    assert f"best score {score_text(best)}" in proxy.data(cell, Qt.ItemDataRole.AccessibleTextRole)
