"""Every key the presenter's and the three levels' help lists works from every widget of the facilitator's window."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton, QSpinBox, QWidget  # noqa: E402

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.classroom import ClassroomWindow  # noqa: E402
from simulator.gui.classroom import keys  # noqa: E402
from simulator.gui.classroom.presenter import DECISION, TITLE  # noqa: E402

LUGGAGE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "lost-luggage.yaml"
K, CTRL, NONE = Qt.Key, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
# each word the key help shows, and the keys it stands for ("…" and "then" are words, not keys)
WORDS = {"→": [K.Key_Right], "←": [K.Key_Left], "↑": [K.Key_Up], "↓": [K.Key_Down], "Page Down": [K.Key_PageDown],
         "Page Up": [K.Key_PageUp], "Space": [K.Key_Space], "Enter": [K.Key_Return, K.Key_Enter],
         "End": [K.Key_End], "Home": [K.Key_Home], "Esc": [K.Key_Escape], "F1": [K.Key_F1], "F2": [K.Key_F2],
         ".": [K.Key_Period], "12": [K.Key_1, K.Key_2]}
IGNORED = {"…", "then", "or", "/"}


def listed_keys() -> list[tuple[Qt.Key, Qt.KeyboardModifier]]:
    """The keys both help lists show, read from their text (a word this does not know fails the test)."""
    found: list[tuple[Qt.Key, Qt.KeyboardModifier]] = []
    for label, _ in keys.PRESENTER_KEYS + keys.THREE_LEVELS_KEYS:
        text = label.replace("Page Down", "Page_Down").replace("Page Up", "Page_Up")
        for word in text.split():
            word = word.replace("_", " ")
            if word in IGNORED:
                continue
            mods, name = (CTRL, word[5:]) if word.startswith("Ctrl+") else (NONE, word)
            if name in WORDS:
                codes = WORDS[name]
            elif len(name) == 1 and (name.isalnum() or name in "=-"):
                codes = [{"=": K.Key_Equal, "-": K.Key_Minus}.get(name, Qt.Key(ord(name)))]
            else:
                raise AssertionError(f"the key help shows {word!r}: teach this test what it is")
            found += [(code, mods) for code in codes if (code, mods) not in found]
    return found


@pytest.fixture
def window(qtbot):
    loaded = ScenarioLoader().load(LUGGAGE)
    window = ClassroomWindow(loaded.scenario, analyze(loaded.scenario), facilitator=True)
    qtbot.addWidget(window)
    qtbot.addWidget(window.facilitator)
    window.resize(1280, 720)
    window.show()
    window.facilitator.show()
    qtbot.waitExposed(window.facilitator)
    return window


def focusable(notes: QWidget) -> list[QWidget]:
    return [w for w in notes.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(notes) and w.isEnabled()]


def test_every_listed_key_reaches_the_projector_from_every_widget(qtbot, window):
    notes = window.facilitator
    qtbot.keyClick(notes, K.Key_Right)  # a decision: the vote boxes and play buttons are there too
    assert window.presenter.screen_kind == DECISION
    heard: list[tuple[int, Qt.KeyboardModifier]] = []
    notes.forward_key = lambda event: event.key() == K.Key_Control or heard.append((event.key(), event.modifiers())) or True
    widgets = focusable(notes)
    assert {notes.teams_button, notes.keys_button, notes.next_button} <= set(widgets)
    assert any(isinstance(w, QSpinBox) for w in widgets) and len([w for w in widgets if isinstance(w, QPushButton)]) > 8
    clicked: list[QPushButton] = []
    for button in notes.findChildren(QPushButton):
        button.clicked.connect(lambda _=False, b=button: clicked.append(b))
    listed = listed_keys()
    assert (K.Key_Right, NONE) in listed and (K.Key_W, CTRL) in listed and (K.Key_B, NONE) in listed
    for widget in widgets:
        widget.setFocus()
        for key, mods in listed:
            if isinstance(widget, QSpinBox) and (key in (K.Key_Up, K.Key_Down, K.Key_Home, K.Key_End)
                                                 or K.Key_0 <= key <= K.Key_9):
                continue  # a vote box keeps the keys that type and step its number
            heard.clear()
            qtbot.keyClick(widget, key, mods)
            assert heard == [(key, mods)], (widget.objectName() or type(widget).__name__, widget.accessibleName(), key)
    assert clicked == []  # no Space or Enter pressed a button


def test_right_arrow_on_a_focused_button_advances_the_projector(qtbot, window):
    notes, view = window.facilitator, window.presenter
    notes.teams_button.setFocus()
    qtbot.keyClick(notes.teams_button, K.Key_Right)  # Teams… has the focus, as after clicking it
    assert view.screen_kind == DECISION
    assert not notes.keys_text.isVisible()  # the focus did not move on to "Keys" and press it
    qtbot.keyClick(notes.teams_button, K.Key_Left)
    assert view.screen_kind == TITLE
    notes.keys_button.setFocus()
    qtbot.keyClick(notes.keys_button, K.Key_Space)
    assert view.screen_kind == DECISION and not notes.keys_text.isVisible()


def test_a_vote_box_keeps_its_digits(qtbot, window):
    notes, view = window.facilitator, window.presenter
    qtbot.keyClick(notes, K.Key_Right)
    box = notes.vote_boxes[view.run.offered()[0].key]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "7")
    qtbot.waitUntil(lambda: view.run.votes("A") == 7)
    assert view.screen_kind == DECISION and not view.blanked
    qtbot.keyClick(box, K.Key_Period)  # a clicker's blank still reaches the projector
    assert view.blanked
