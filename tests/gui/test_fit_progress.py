"""The progress screens fit a 1366x768 laptop at 100%, 125% and 150% text: my progress (with a
few attempts, so that its chart and tables have content), the class overview (with a class file
imported and trainees on this computer) and "Who is practising?" with no trainee and with
twelve. Checked as the trainee's screens are (test_fit_trainee.py).

Set FIT_SHOTS to a folder to keep a picture of every screen checked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from simulator.core.levels import Level
from simulator.core.progress import ProgressStore, write_trainee_json
from simulator.gui.progress.class_view import STUCK
from simulator.gui.progress.trainee_picker import TraineePicker

from .fit_checks import fit_problems, save_shot, table_problems
from .test_app import card_for
from .test_fit_trainee import SCALES, check_screen, play_into, settle, signed_in_window

@pytest.fixture
def trainee_window(qtbot, data_dir):
    return signed_in_window(qtbot, data_dir)


CLASS = ("Ana Kowalska", "Ben Okafor", "Chidinma Eze-Williams", "Dmitri Volkov", "Eva Lindqvist")


def import_class(qtbot, window, tmp_path) -> None:
    """A trainer's class: histories exported on other computers, imported here as a class file each."""
    scenarios = [window.scenario_for(card_for(window, sid).entry)
                 for sid in ("cash-withdrawal-queue", "sea-view-room", "lost-luggage", "bereaved-traveller")]
    start = datetime.now(timezone.utc) - timedelta(days=12)
    levels = (Level.WOW, Level.LOW, Level.STANDARD, Level.LOW)
    paths = []
    for n, name in enumerate(CLASS):
        with ProgressStore(tmp_path / f"laptop-{n}") as laptop:
            trainee = laptop.add_trainee(name, now=start)
            for i, scenario in enumerate(scenarios[:2 + n % 3]):
                play_into(laptop, trainee.id, scenario, levels[(n + i) % 4], start + timedelta(days=n + i))
            if n == 1:  # twice more at Low on two scenarios: stuck on them, as the overview says
                for scenario in scenarios[:2]:
                    play_into(laptop, trainee.id, scenario, Level.LOW, start + timedelta(days=8))
            paths.append(write_trainee_json(laptop, trainee.id, tmp_path / f"trainee-{n}.json"))
    view = window.progress.ensure_class_view()
    view.store = window.record.store
    outcome = view.import_histories(paths, notify=False)
    assert outcome.ok, outcome.message
    window.activateWindow()  # back from the import's progress dialog, as a window manager does
    qtbot.waitUntil(window.isActiveWindow)
    window.show_library()


@pytest.mark.parametrize("scale", SCALES)
def test_my_progress_fits(qtbot, trainee_window, scale):
    window = trainee_window
    window.apply_font_scale(scale)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.stack.currentWidget()
    assert view is window.progress.progress_view and view.summary.finished_attempts >= 4
    qtbot.waitUntil(lambda: view.chart is not None and view.chart.isVisible())
    settle()
    save_shot(view.scroll.widget(), f"progress-page-{round(scale * 100)}")
    check_screen(window, "progress", scale)


@pytest.mark.parametrize("scale", SCALES)
def test_the_class_overview_fits(qtbot, trainee_window, tmp_path, scale):
    window = trainee_window
    import_class(qtbot, window, tmp_path)
    window.apply_font_scale(scale)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.stack.currentWidget()
    assert view is window.progress.class_view and view.row_count() == len(CLASS) + 1
    assert any(view.cell_text(row, STUCK) for row in range(view.row_count()))
    qtbot.waitUntil(lambda: view.table.isVisible())
    settle()
    check_screen(window, "class", scale, table_problems(view.table))
    folder = tmp_path / "Training department" / "Spring intake, customer service" / "Exports for the trainers"
    folder.mkdir(parents=True)
    outcome = view.export_csv(folder / "class-attempts.csv", notify=False)
    assert outcome.ok and view.status.text().replace("\u200b", "") == outcome.message  # in full, on the bar
    check_screen(window, "class-exported", scale, table_problems(view.table))


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("trainees", [0, 12])
def test_who_is_practising_fits(qtbot, trainee_window, scale, trainees):
    window = trainee_window
    window.apply_font_scale(scale)
    store = window.record.store
    for trainee in store.trainees():
        store.remove_trainee(trainee.id)
    for n in range(trainees):
        store.add_trainee(f"{CLASS[n % len(CLASS)]} {n + 1}")
    picker = TraineePicker(store, window)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    settle()
    assert picker.list.count() == trainees
    save_shot(picker, f"picker-{trainees}-{round(scale * 100)}")
    problems = fit_problems(picker)
    assert problems == [], f"picker with {trainees} at {scale:.0%}:\n" + "\n".join(problems)
