"""The author's workbench: live reload to the same point, problems panel, map, watch panel."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from simulator.core.diagnostics import Diagnostic, UNKNOWN_KEY  # noqa: E402
from simulator.core.graph_layout import layout_scenario  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LOST_LUGGAGE = ROOT / "docs" / "examples" / "lost-luggage.yaml"
PILLS_LINE = 'customer: "So where is it?"'


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "lost-luggage.yaml"
    shutil.copy(LOST_LUGGAGE, path)
    return path


@pytest.fixture
def preview(qtbot, data_dir, scenario_file):
    from simulator.gui.settings import Settings
    from simulator.gui.base.style import stylesheet
    from simulator.gui.workbench.preview_window import PreviewWindow

    QApplication.instance().setStyleSheet(stylesheet())
    return _opened(qtbot, PreviewWindow(str(scenario_file), Settings(str(data_dir))))


def _opened(qtbot, window):
    """The preview shown, once its first check of the file (in the background) is on show."""
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=20000)
    return window


def _reload(qtbot, window) -> None:
    """F5, and wait for the result."""
    with qtbot.waitSignal(window.reloaded, timeout=20000):
        window.reload()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _transcript_texts(window) -> list[str]:
    return [line.text for line in window.play._shown_lines]


def test_run_preview_opens_the_window_and_returns(qtbot, data_dir, scenario_file):
    from argparse import Namespace

    from PySide6.QtCore import QTimer

    from simulator.gui.app import run_preview
    from simulator.gui.workbench.preview_window import PreviewWindow

    seen = []

    def windows() -> list[PreviewWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewWindow) and w.isVisible()]

    def check_and_close():  # once the window shows the file, checked in the background
        seen[:] = [w.scenario.id for w in windows() if w.scenario is not None]
        if seen:
            close_all()

    def close_all():  # as the author does: closing the last window ends the app (a quit() would be left over)
        poll.stop()
        for window in windows():
            window.close()

    poll = QTimer(interval=20, timeout=check_and_close)
    deadline = QTimer(singleShot=True, interval=20000, timeout=close_all)  # never for ever
    poll.start()
    deadline.start()
    assert run_preview(str(scenario_file), Namespace(data_dir=str(data_dir))) == 0
    deadline.stop()
    assert seen == ["lost-luggage"]


def test_save_reloads_to_the_same_node(qtbot, preview, scenario_file):
    play = preview.play
    assert play.session.node.id == "arrival"
    play.choose(2)  # the WOW reply: on to 'pills'
    assert play.session.node.id == "pills"
    choices = play.session.choices

    _edit(scenario_file, PILLS_LINE, 'customer: "So where on earth is my suitcase?"')
    qtbot.waitUntil(lambda: "So where on earth is my suitcase?" in _transcript_texts(preview), timeout=5000)
    assert play.session.node.id == "pills"
    assert play.session.choices == choices
    assert "back at node 'pills'" in preview.status_line.text()
    assert preview.problems.count() == 0


def test_replay_that_stops_early_says_where_and_why(qtbot, preview, scenario_file):
    preview.play.choose(2)  # the WOW reply at 'arrival'
    assert preview.play.session.node.id == "pills"
    # the author deletes that reply: the saved choice cannot be replayed any more
    lines = scenario_file.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "Your pills come first." in line)
    end = next(i for i in range(first + 1, len(lines)) if "goto:" in lines[i])
    del lines[first:end + 1]
    scenario_file.write_text("".join(lines), encoding="utf-8")
    qtbot.waitUntil(lambda: preview.last_report is not None and not preview.last_report.complete, timeout=5000)
    status = preview.status_line.text()
    assert "replay stopped after 0 of 1" in status
    assert "The reply you gave at 'arrival' has been removed by the author" in status
    assert preview.status_line.isVisible()
    assert preview.play.session.node.id == "arrival"
    # the flag that reply set is now never set: a warning, listed, which does not block the reload
    assert preview.problems.count() > 0
    assert all(not d.is_error for d in preview.problems.diagnostics)


def test_reload_finds_replies_by_id_and_stops_at_one_whose_level_changed(qtbot, preview, scenario_file):
    preview.play.choose(2)  # the WOW reply at 'arrival', id pills-come-first
    lines = scenario_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "id: fill-form-contact" in line) - 1
    wow = next(i for i, line in enumerate(lines) if "id: pills-come-first" in line) - 1
    end = next(i for i in range(wow + 1, len(lines)) if "goto:" in lines[i]) + 1
    moved = lines[:start] + lines[wow:end] + lines[start:wow] + lines[end:]  # the WOW reply now comes first
    scenario_file.write_text("".join(moved), encoding="utf-8")
    qtbot.waitUntil(lambda: preview.last_report is not None and preview.scenario.nodes["arrival"].replies[0].id
                    == "pills-come-first", timeout=5000)
    assert preview.last_report.complete and preview.play.session.node.id == "pills"
    assert preview.play.session.steps[0].reply.id == "pills-come-first"
    _edit(scenario_file, "        id: pills-come-first\n        level: wow", "        id: pills-come-first\n"
                                                                             "        level: standard")
    qtbot.waitUntil(lambda: not preview.last_report.complete, timeout=5000)
    assert "The reply you gave at 'arrival' has been changed by the author" in preview.status_line.text()
    assert preview.play.session.node.id == "arrival" and preview.play.session.steps == []


def test_reload_of_a_renamed_scenario_starts_again_and_says_why(qtbot, preview, scenario_file):
    preview.play.choose(2)
    _edit(scenario_file, "id: lost-luggage ", "id: lost-bag     ")
    qtbot.waitUntil(lambda: preview.scenario.id == "lost-bag", timeout=5000)
    status = preview.status_line.text()
    assert "Started again from the beginning" in status and "'lost-luggage', not 'lost-bag'" in status
    assert preview.play.session.node.id == "arrival" and preview.play.session.steps == []


def test_errors_keep_the_last_good_version_and_clear_when_fixed(qtbot, preview, scenario_file):
    preview.play.choose(2)
    good = preview.scenario
    _edit(scenario_file, "    customer: \"So where is it?\"\n",
          "    customer: \"So where is it?\"\n    colour: blue\n")
    line = scenario_file.read_text(encoding="utf-8").splitlines().index("    colour: blue") + 1
    qtbot.waitUntil(lambda: preview.problems.count() > 0, timeout=5000)
    codes = [d.code.code for d in preview.problems.diagnostics]
    assert UNKNOWN_KEY.code in codes
    row = codes.index(UNKNOWN_KEY.code)
    texts = preview.problems.row_texts(row)
    assert texts[0] == f"✖ {UNKNOWN_KEY.code}\n{line}:5" and "colour" in texts[1]
    assert "\nHint: " in texts[1]  # the hint under the message, in the same row
    item = preview.problems.tree.topLevelItem(row)
    assert item.data(0, Qt.ItemDataRole.AccessibleTextRole) == f"error {UNKNOWN_KEY.code}, line {line}, column 5"
    # the last good version still runs, where it was
    assert preview.scenario is good
    assert preview.play.session.node.id == "pills"
    assert preview.play.reply_buttons
    assert "last good version" in preview.status_line.text()
    preview.play.choose(0)  # and it still plays
    assert preview.play.session.ended

    _edit(scenario_file, "    colour: blue\n", "")
    qtbot.waitUntil(lambda: preview.problems.count() == 0, timeout=5000)
    assert preview.scenario is not good
    assert preview.problems.summary.text() == "No problems"


def test_double_click_on_a_problem_copies_the_location(qtbot, preview, scenario_file):
    _edit(scenario_file, "level: wow\n        mood: +20", "level: wonderful\n        mood: +20")
    qtbot.waitUntil(lambda: preview.problems.count() > 0, timeout=5000)
    QGuiApplication.clipboard().clear()
    tree = preview.problems.tree
    item = tree.topLevelItem(0)
    d = item.data(0, Qt.ItemDataRole.UserRole)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    expected = f"{scenario_file}:{d.line}:{d.column}"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=3000)
    assert d.line > 0
    assert "Copied" in preview.status_line.text()


def test_editor_command_arguments_never_go_through_a_shell():
    from simulator.gui.workbench.problems import editor_arguments

    d = Diagnostic(UNKNOWN_KEY, "x", "/tmp/my file.yaml", 12, 5)
    assert editor_arguments("code -g {file}:{line}:{column}", d) == ["code", "-g", "/tmp/my file.yaml:12:5"]
    assert editor_arguments("gedit +{line} {file}", d) == ["gedit", "+12", "/tmp/my file.yaml"]
    assert editor_arguments("myeditor", d) == ["myeditor", "/tmp/my file.yaml"]
    assert editor_arguments("vi {file}; rm -rf ~", d)[1:] == ["/tmp/my file.yaml;", "rm", "-rf", "~"]
    assert editor_arguments("", d) == []


def test_map_shows_every_node_and_highlights_the_path(qtbot, preview):
    view = preview.map
    assert set(view.node_items) == set(preview.scenario.nodes)
    preview.play.choose(2)  # arrival -> pills, by the WOW reply
    assert view.node_items["arrival"].on_path and view.node_items["pills"].current
    on_path = [(e.edge.source, e.edge.target, e.edge.label) for e in view.edge_items if e.on_path]
    assert on_path == [("arrival", "pills", "reply 3")]
    assert not view.node_items["calm_exit"].on_path
    # endings carry their level's name, not just a colour
    assert any("WOW ending" in t for t in view.node_items["delighted_exit"].tags())
    preview.play.step_back()
    assert not view.node_items["pills"].on_path and view.node_items["arrival"].current


def test_map_click_shows_text_and_double_click_plays_from_the_node(qtbot, preview):
    view = preview.map
    view.resetTransform()
    view.center_on_node("calm_exit")
    item = view.node_items["pills"]
    view.centerOn(item)
    pos = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert "So where is it?" in preview.node_text.text()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: preview.play.session.start_node == "pills", timeout=3000)
    assert preview.play.session.node.id == "pills"


def test_map_by_keyboard_arrows_select_nodes_and_enter_plays_from_one(qtbot, preview):
    view = preview.map
    view.resetTransform()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    def walk(*keys) -> list[str]:
        seen = []
        for key in keys:
            qtbot.keyClick(view, key)
            seen.append(view.selected)
        return seen

    # lost-luggage as drawn: arrival -> pills -> three endings, one above another
    right, down, up = Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Up
    assert walk(right) == ["arrival"]  # nothing selected yet: the start node
    assert view.node_items["arrival"].selected
    assert walk(right, right, down, down, up, up, up) == [
        "pills", "calm_exit", "delighted_exit", "delighted_exit", "calm_exit", "angry_exit", "angry_exit"]
    assert not view.node_items["arrival"].selected and view.node_items["angry_exit"].selected
    assert walk(down, Qt.Key.Key_Left) == ["calm_exit", "pills"]  # back along the row
    assert "So where is it?" in preview.node_text.text()  # the selected node's text is shown
    bar = view.horizontalScrollBar()
    chosen, before = view.selected, bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Left if before else Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected == chosen and bar.value() != before  # Shift+arrow pans and keeps the selection
    assert walk(Qt.Key.Key_Home, right) == ["arrival", "pills"]
    target = "pills"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.play.session.start_node == target, timeout=3000)
    _reload(qtbot, preview)  # a live reload keeps the same node selected
    assert view.selected == target and view.node_items[target].selected


def test_the_play_screens_keys_stay_in_the_play_screen(qtbot, preview):
    """Digits, arrows, Backspace and Esc choose, move, step back and quit only while the keyboard
    is in the conversation: not while the author types a mood or walks the map."""
    preview.play.choose(2)
    assert len(preview.play.session.steps) == 1
    spin = preview.watch.mood_spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    value = spin.value()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == value + 1
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_1, Qt.Key.Key_Escape):
        qtbot.keyClick(spin, key)
    assert len(preview.play.session.steps) == 1 and preview.isVisible()
    reply = preview.play.reply_buttons[0]
    reply.setFocus()
    qtbot.waitUntil(reply.hasFocus)
    qtbot.keyClick(reply, Qt.Key.Key_Backspace)  # in the conversation, the same key steps back
    assert preview.play.session.steps == []


def test_zoom_and_fit(qtbot, preview):
    view = preview.map
    view.resetTransform()
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(1.0)
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.node_items.values():
        assert visible.contains(item.sceneBoundingRect())


def test_jump_with_a_mood_takes_the_conditional_route(qtbot, preview):
    watch = preview.watch
    assert "pills_sorted" in watch.flag_boxes
    # mood 70 with the flag: the WOW reply at 'pills' leads to the delighted ending
    watch.set_values("pills", 70, {"pills_sorted"})
    qtbot.mouseClick(watch.play_button, Qt.MouseButton.LeftButton)
    session = preview.play.session
    assert (session.start_node, session.mood, session.flags) == ("pills", 70, frozenset({"pills_sorted"}))
    wow = next(i for i, r in enumerate(session.available_replies()) if r.level.value == "wow")
    preview.play.choose(wow)
    assert preview.play.session.node.id == "delighted_exit"
    assert preview.map.node_items["delighted_exit"].current

    # the same reply with a low mood goes to the calm ending
    watch.set_values("pills", 40, {"pills_sorted"})
    watch.apply()
    preview.play.choose(wow)
    assert preview.play.session.node.id == "calm_exit"
    assert "Mood" in watch.state_label.text()


def test_watch_panel_follows_the_session(qtbot, preview):
    preview.play.choose(2)
    watch = preview.watch
    assert watch.node_combo.currentData() == "pills"
    assert watch.mood_spin.value() == preview.play.session.mood
    assert watch.flag_boxes["pills_sorted"].isChecked()
    assert "pills_sorted" in watch.state_label.text()


def _generate():
    spec = importlib.util.spec_from_file_location("_bench_core", ROOT / "bench" / "core.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def test_map_of_500_nodes(qtbot, tmp_path):
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

    from simulator.core.analysis import analyze
    from simulator.gui.workbench.map_view import ScenarioMapView

    text = _generate()(500)
    result = ScenarioLoader().load_bytes(text.encode(), str(tmp_path / "big.yaml"))
    assert result.scenario is not None
    view = ScenarioMapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.build(result.scenario, analyze(result.scenario))
    assert len(view.node_items) == 500
    assert len(view.edge_items) == len(layout_scenario(result.scenario).edges)
    assert view.scene().itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex  # zoomed out: two items a frame
    assert view.viewportUpdateMode() == QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate
    assert all(i.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for i in view.node_items.values())
    view.show()
    view.fit()
    view.grab()  # paints without error


def test_file_watcher_survives_replace_by_rename(qtbot, tmp_path):
    from simulator.gui.workbench.file_watch import FileWatcher

    path = tmp_path / "a.yaml"
    path.write_text("one", encoding="utf-8")
    watcher = FileWatcher(str(path))
    for n, word in enumerate(("two", "three")):
        tmp = tmp_path / f".a.yaml.{n}.swp"
        tmp.write_text(word, encoding="utf-8")
        with qtbot.waitSignal(watcher.changed, timeout=5000):
            os.replace(tmp, path)
        assert str(path) in watcher.watched()
    watcher.stop()


def test_controls_have_accessible_names(preview):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QSpinBox

    for cls in (QComboBox, QSpinBox):
        for widget in preview.findChildren(cls):
            assert widget.accessibleName(), widget
    for widget in preview.findChildren(QAbstractButton):
        if widget.isVisible() and widget.parent() is not None and not widget.text().strip():
            assert widget.accessibleName(), widget
    assert preview.map.accessibleName() == "Scenario map"
    assert preview.problems.tree.accessibleName() == "Problems"


def test_enter_on_a_problem_opens_it_once_with_the_editor_command(qtbot, preview, scenario_file):
    _edit(scenario_file, "level: wow\n        mood: +20", "level: wonderful\n        mood: +20")
    qtbot.waitUntil(lambda: preview.problems.count() > 0, timeout=5000)
    preview.set_editor_command("/nonexistent/editor-xyz +{line} {file}")
    opened = []
    preview.problems.problem_opened.connect(opened.append)
    tree = preview.problems.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert len(opened) == 1
    d = opened[0]
    # the editor cannot start: the location is copied instead, and the status bar says so
    assert QGuiApplication.clipboard().text() == f"{scenario_file}:{d.line}:{d.column}"
    assert "Could not start" in preview.status_line.text()
    assert preview.editor_command() == "/nonexistent/editor-xyz +{line} {file}"


def _bench_map():
    spec = importlib.util.spec_from_file_location("_bench_map", ROOT / "bench" / "map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate_map(nodes: int, flags: int = 0) -> str:
    return _bench_map().generate(nodes, flags)


def test_a_file_with_many_flags_reloads_without_a_widget_per_flag(qtbot, data_dir, tmp_path):
    """Work, not time: a reload of 600 nodes and 1,200 flags creates a handful of widgets (one
    check box per flag made such files take seconds), and the map has one item per node and
    route, plus its two layers."""
    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    path = tmp_path / "big.yaml"
    path.write_text(_generate_map(600, 1200), encoding="utf-8")
    window = _opened(qtbot, PreviewWindow(str(path), Settings(str(data_dir))))
    assert window.scenario is not None and len(window.watch.flag_boxes) == 1200
    before = len(QApplication.allWidgets())
    _reload(qtbot, window)
    assert len(QApplication.allWidgets()) - before < 100
    assert len(window.watch.flag_boxes) == 1200
    view = window.map
    assert len(view.scene().items()) == len(view.node_items) + len(view.edge_items) + 2
    # the list still ticks, filters and plays from a state
    watch = window.watch
    watch.set_values("start", 50, {"f7"})
    assert watch.values()[2] == ["f7"]
    watch.flag_filter.setText("f119")
    shown = [f for f, item in watch.flag_boxes.items() if not item.isHidden()]
    assert shown == ["f119", "f1190", "f1191", "f1192", "f1193", "f1194", "f1195", "f1196", "f1197", "f1198",
                     "f1199"]
    watch.apply()
    assert window.play.session.flags == frozenset({"f7"})


def test_zoomed_out_the_map_is_one_overview_and_still_answers_clicks_and_keys(qtbot, preview):
    view = preview.map
    view.resetTransform()
    view.zoom_by(0.3)
    view.viewport().grab()
    assert view.overview_shown and view.overview.isVisible() and view.detail.opacity() == 0
    item = view.node_items["pills"]
    pos = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.selected == "pills" and "So where is it?" in preview.node_text.text()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected == "arrival"
    view.resetTransform()
    view.viewport().grab()
    assert not view.overview_shown and view.detail.opacity() == 1 and not view.overview.isVisible()


def test_a_map_too_large_to_draw_says_so_and_suggests_the_graph_command(qtbot, data_dir, tmp_path, monkeypatch):
    from simulator.gui.settings import Settings
    from simulator.gui.workbench import map_view
    from simulator.gui.workbench.preview_window import PreviewWindow

    monkeypatch.setattr(map_view, "MAX_DRAWN_NODES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(_generate_map(300), encoding="utf-8")
    window = _opened(qtbot, PreviewWindow(str(path), Settings(str(data_dir))))
    assert window.scenario is not None
    assert window.map.scene().items() == [] and window.map.node_items == {}
    status = window.status_line.text()
    assert "300 nodes" in status and "simulator graph" in status and "-o map.svg" in status
    window.map.fit()
    qtbot.keyClick(window.map, Qt.Key.Key_Home)  # nothing to walk: no error
    assert window.play.session.node.id == "start"


def test_the_first_frame_after_fit_works_for_the_path_played_not_for_every_node(qtbot, tmp_path):
    """Work, not time: from 100% with a path played, Fit and the frame after it make next to no
    Python objects on a map of 2,000 nodes. Regrouping every box for the overview on each Fit,
    and listing every item of the scene to see whether there was a map, made 300 KB of them and
    a first frame of 66-129 ms (bench/map.py prints the frame times)."""
    import tracemalloc

    from simulator.core.analysis import analyze
    from PySide6.QtGui import QColor

    from simulator.gui.workbench.map_items import PATH
    from simulator.gui.workbench.map_view import ScenarioMapView

    bench = _bench_map()
    scenario = ScenarioLoader().load_bytes(bench.generate(2000).encode(), str(tmp_path / "big.yaml")).scenario
    view = ScenarioMapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.build(scenario, analyze(scenario))
    hops, current = bench.played_path(scenario, 5)
    view.highlight(hops, current)
    view.resetTransform()
    view.center_on_node(current)
    view.viewport().grab()
    assert not view.overview_shown
    tracemalloc.start()
    try:
        view.fit()
        view.viewport().grab()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert view.overview_shown
    assert peak < 32_000, f"Fit and its first frame made {peak:,} bytes of Python objects"
    # the overview still draws the path played and the selection over the map at rest
    view.select_node(current)
    image = view.viewport().grab().toImage()
    centre = view.mapFromScene(view.node_items[current].sceneBoundingRect().center())
    assert view.node_items[current].node.ending_level is None
    assert image.pixelColor(centre).name() == QColor(PATH).name()  # the node the preview is at, filled
