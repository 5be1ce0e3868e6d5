"""Scenario and trainee text is shown as the literal text on every screen: a reply that says
``<img src="file:///etc/passwd">`` is shown as those characters, never loaded as an image.

A scenario with HTML in every text (title, summary, customer, lines, replies, feedback, breach,
endings), played by a trainee whose name is HTML too, is walked screen by screen: every label,
button, tool tip and item of a list or table must either be shown as plain text, or be rich
text into which the scenario's text went escaped. Message boxes are checked as they open.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QLabel, QMessageBox, QWidget)

from .conftest import _make_window
from .test_app import open_by_keyboard, press_reply

IMG = "<img src='file:///etc/passwd'>"


def hostile(what: str) -> str:
    return f"<b>{what}</b> {IMG}"


HTML_SCENARIO = f"""\
format: 1
id: html-everywhere
title: "{hostile('Title')}"
domain: testing
difficulty: easy
minutes: 2
summary: "{hostile('Summary')}"
customer:
  name: "{hostile('Name')}"
  about: "{hostile('About')}"
  organization: "{hostile('Organization')}"
  wants: "{hostile('Wants')}"
  expects: "{hostile('Expects')}"
  mood: 50
start: ask
nodes:
  ask:
    narration: "{hostile('Narration')}"
    customer: "{hostile('Customer line')}"
    replies:
      - say: "{hostile('First reply')} and some more words to say"
        level: wow
        mood: 10
        feedback: "{hostile('First feedback')}"
        goto: again
      - say: "{hostile('Second reply')} and other words to say"
        level: standard
        feedback: "{hostile('Second feedback')}"
        goto: again
      - say: "{hostile('Third reply')} with words of its own"
        level: low
        mood: -10
        breach: "{hostile('Breach')}"
        feedback: "{hostile('Third feedback')}"
        goto: again
  again:
    customer: "{hostile('Second line')}"
    replies:
      - say: "{hostile('Fourth reply')} and some more words"
        level: wow
        feedback: "{hostile('Fourth feedback')}"
        goto: happy
      - say: "{hostile('Fifth reply')} and other words here"
        level: low
        feedback: "{hostile('Fifth feedback')}"
        goto: gone
  happy:
    customer: "{hostile('Thanks')}"
    ending: {{level: wow, title: "{hostile('Happy ending')}", feels: "{hostile('Feels')}",
              thinks: "{hostile('Thinks')}", returns: 90}}
  gone:
    customer: "{hostile('Bye')}"
    ending: {{level: low, title: "{hostile('Sad ending')}", feels: "{hostile('Sad')}",
              thinks: "{hostile('Never')}", returns: 0}}
"""

TRAINEE_TAIL = " & Co"
TRAINEE = hostile("Trainee") + TRAINEE_TAIL
SCENARIO_TAG = re.compile(r"<(b|img)\b", re.IGNORECASE)


def shown_as_rich(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format == Qt.TextFormat.PlainText:
        return False
    if text_format == Qt.TextFormat.AutoText:
        return QtGui_Qt.mightBeRichText(text)
    return True


def problems_in(where: str, text: str, rich: bool) -> list[str]:
    """Why ``text`` would not be shown literally ([] when it is)."""
    if not text:
        return []
    if rich:
        if SCENARIO_TAG.search(text):
            return [f"{where}: scenario HTML shown as rich text: {text[:120]!r}"]
        return []
    if "&lt;" in text or "&gt;" in text:
        return [f"{where}: escaped twice, shown as entities: {text[:120]!r}"]
    return []


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, where: str, out: list[str], depth: int = 0):
    if depth > 3:
        return
    try:
        columns = max(model.columnCount(parent), 1)
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                out.extend(problems_in(f"{where} tool tip of an item", tip, shown_as_rich(
                    tip, Qt.TextFormat.AutoText)))
            if column == 0 and columns > 1 and model.hasChildren(index):
                _model_texts(model, index, where, out, depth + 1)


def screen_problems(root: QWidget, name: str) -> list[str]:
    """Every label, button, tool tip and item text under ``root`` that would not show literally."""
    out: list[str] = []
    widgets = [root] + root.findChildren(QWidget)
    for widget in widgets:
        where = f"{name}: {type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if isinstance(widget, QLabel):
            out.extend(problems_in(where, widget.text(), shown_as_rich(widget.text(), widget.textFormat())))
        if isinstance(widget, QAbstractButton):
            out.extend(problems_in(where + " text", widget.text(), False))
            shown = re.sub(r"&(.)", r"\1", widget.text())  # as Qt draws it: '&x' marks a shortcut key
            if "Trainee</b>" in shown and TRAINEE_TAIL not in shown:
                out.append(f"{where}: the '&' of a name was read as a shortcut key: {widget.text()!r}")
        tip = widget.toolTip()
        out.extend(problems_in(where + " tool tip", tip, shown_as_rich(tip, Qt.TextFormat.AutoText)))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            _model_texts(widget.model(), QModelIndex(), where, out)
    return list(dict.fromkeys(out))  # each problem once


def scenario_text_on(root: QWidget) -> bool:
    """The walk means something: the screen does show some of the scenario's text."""
    texts = [w.text() for w in root.findChildren(QLabel)] + [w.text() for w in root.findChildren(QAbstractButton)]
    texts += [w.toolTip() for w in root.findChildren(QWidget)]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None:
            for row in range(model.rowCount()):
                for column in range(4):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                 Qt.ItemDataRole.AccessibleTextRole):
                        value = model.data(model.index(row, column), role)
                        texts.append(value if isinstance(value, str) else "")
    return any("</b>" in t or "&lt;/b&gt;" in t for t in texts)


class BoxWatcher:
    """Checks every message box that opens: plain text, or rich text with the HTML escaped."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.problems: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._look)
        self.timer.start(20)

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.seen.append(box.text())
            self.problems += problems_in(f"message box {box.windowTitle()!r}", box.text(),
                                         shown_as_rich(box.text(), box.textFormat()))
            box.reject() if box.escapeButton() is None else box.escapeButton().click()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def html_folder(tmp_path):
    folder = tmp_path / "html-scenarios"
    folder.mkdir()
    (folder / "html-everywhere.yaml").write_text(HTML_SCENARIO, encoding="utf-8")
    broken = HTML_SCENARIO.replace("id: html-everywhere", "id: html-broken").replace("level: wow\n", "level: amazing\n", 1)
    (folder / "html-broken.yaml").write_text(broken, encoding="utf-8")  # its card lists its problems
    return folder


def test_every_screen_shows_scenario_and_trainee_text_literally(qtbot, data_dir, html_folder):
    window = _make_window(qtbot, data_dir, html_folder)
    assert window.record.open(), window.record.error
    trainee = window.record.store.add_trainee(TRAINEE)
    assert trainee.name == TRAINEE
    window.sign_in(trainee)
    problems: list[str] = []
    walked = []

    def walk(screen: QWidget, name: str) -> None:
        problems.extend(p for p in screen_problems(screen, name) if p not in problems)
        walked.append((name, scenario_text_on(screen)))

    window.show_library()
    assert any(not card.playable and "html-broken" in card.entry.path for card in window.library.cards)
    walk(window.library, "library")
    play = open_by_keyboard(qtbot, window, "html-everywhere", "practice")
    walk(window.briefing, "brief")
    walk(play, "play (first decision)")
    press_reply(qtbot, play, 2)  # the breach, with its feedback
    walk(play, "play (feedback)")
    press_reply(qtbot, play, 0)
    assert play.session.ended
    with qtbot.waitSignal(window.debrief_shown, timeout=5000):
        qtbot.keyClick(play.debrief_button, Qt.Key.Key_Return)
    walk(window.debrief, "debrief")
    window.show_progress_view()
    walk(window.stack.currentWidget(), "progress")
    window.show_class_view()
    walk(window.stack.currentWidget(), "class overview")
    window.show_library()
    walk(window.library, "library (played)")
    walk(window, "main window")
    from simulator.gui.progress.trainee_picker import TraineePicker

    picker = TraineePicker(window.record.store, parent=window, current_id=trainee.id)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    walk(picker, "trainee picker")
    assert TRAINEE_TAIL in re.sub(r"&(.)", r"\1", picker.start_button.text())
    picker.reject()
    assert problems == [], "\n".join(problems)
    assert [name for name, shown in walked if not shown] == [], "a screen showed none of the scenario's text"


def test_the_scenario_has_changed_box_shows_reply_text_literally(qtbot, data_dir, html_folder, monkeypatch):
    path = html_folder / "html-everywhere.yaml"
    first = _make_window(qtbot, data_dir, html_folder)
    assert first.record.open()
    ann = first.record.store.add_trainee("Ann")
    first.sign_in(ann)
    open_by_keyboard(qtbot, first, "html-everywhere", "practice")
    press_reply(qtbot, first.play, 1)  # "Second reply": saved, and the attempt is left open
    first.close()
    text = path.read_text(encoding="utf-8")
    start, end = text.index('      - say: "<b>First reply'), text.index('      - say: "<b>Third reply')
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # the reply played is no longer offered
    second = _make_window(qtbot, data_dir, html_folder)
    monkeypatch.setattr(second, "ask_resume", lambda *_: "continue")
    boxes = BoxWatcher()
    try:
        assert second.record.open()
        second.sign_in(ann)
    finally:
        boxes.stop()
    assert boxes.problems == []
    assert boxes.seen, "no message box said the scenario had changed"
    assert any("has been removed by the author" in text for text in boxes.seen)  # and it is plain text


def test_the_problems_panel_and_map_of_the_preview_show_scenario_text_literally(qtbot, data_dir, html_folder):
    from PySide6.QtWidgets import QGraphicsView

    from simulator.gui.settings import Settings
    from simulator.gui.workbench.preview_window import PreviewWindow

    path = html_folder / "html-everywhere.yaml"
    window = PreviewWindow(str(path), Settings(str(data_dir)))
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scenario is not None, timeout=20000)  # checked in the background
    text = path.read_text(encoding="utf-8").replace("    narration:", f"    \"{hostile('Key')}\": 1\n    narration:", 1)
    path.write_text(text, encoding="utf-8")  # an unknown key: its problem quotes it; the last good version stays

    def rows() -> list[str]:
        return [" ".join(window.problems.row_texts(r)) for r in range(window.problems.count())]

    qtbot.waitUntil(lambda: any("<b>Key</b>" in row for row in rows()), timeout=10000)
    window.show_node_text("ask")  # a node picked on the map: its text in the side panel
    assert "<b>Customer line</b>" in window.node_text.text()
    problems = screen_problems(window, "preview")
    tips = [item.toolTip() for view in window.findChildren(QGraphicsView) for item in view.scene().items()]
    assert any("<b>" in tip or "&lt;b&gt;" in tip for tip in tips), tips  # the map's nodes and routes carry scenario text
    for tip in tips:
        problems += problems_in("map item tool tip", tip, shown_as_rich(tip, Qt.TextFormat.AutoText))
    assert problems == [], "\n".join(problems)
    assert scenario_text_on(window)


def test_the_plain_tip_helper_shows_exactly_the_text():
    from simulator.gui.widgets import plain_tip

    for text in ["<b>X</b>", f"{IMG} and  two  spaces\nnext line", "a < b & c > d", "&lt;b&gt;", "Plain"]:
        tip = plain_tip(text)
        if QtGui_Qt.mightBeRichText(tip):
            doc = QTextDocument()
            doc.setHtml(tip)
            assert doc.toPlainText() == text.replace("\n", "\u2029") or doc.toPlainText() == text
        else:
            assert tip == text


def test_the_picker_cleans_a_typed_name_by_the_stores_rule(qtbot, tmp_path):
    from simulator.core.progress import ProgressStore
    from simulator.gui.progress.trainee_picker import TraineePicker

    with ProgressStore(tmp_path / "data") as store:
        store.add_trainee("Ana")
        picker = TraineePicker(store)
        qtbot.addWidget(picker)
        picker.show()
        qtbot.waitExposed(picker)
        for typed, problem in (("\u202eAna", "already someone called Ana"), ("\u200b\u2066\u2069", "type a name")):
            picker.name_edit.clear()
            picker.name_edit.insert(typed)  # as an input method or a paste would
            qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)
            assert problem in picker.message.text()
        picker.name_edit.clear()
        picker.name_edit.insert("Be\u202en\x07")
        qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)
        assert sorted(t.name for t in store.trainees()) == ["Ana", "Ben"]
        assert picker.names().count("Ben") == 1
        picker.reject()
