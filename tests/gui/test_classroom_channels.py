"""The projector shows the customer as the scenario's channel shows them to the trainee: on the
phone no face but the caller's voice, which follows the mood; in a chat or on social media a
profile picture that does not change with the mood; in an e-mail no face; face to face the
changing face as before. The channel is named where the customer is introduced, and the
facilitator's window names it too. Played with the clicker's keys on real widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from simulator.core import channels  # noqa: E402
from simulator.core.classroom import ClassroomSession  # noqa: E402
from simulator.core.levels import Emotion  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.gui.classroom import PresenterView  # noqa: E402
from simulator.gui.classroom.facilitator import FacilitatorWindow  # noqa: E402
from simulator.gui.classroom.presenter import DECISION, TITLE  # noqa: E402
from simulator.gui.widgets.portraits import portrait_pixmap  # noqa: E402

# Calm at first (mood 50); reply A makes her angry (10), reply B delighted (90).
SCENARIO = """\
format: 1
id: tiny-{channel}
title: "The parcel that never came"
channel: {channel}
minutes: 2
customer:
  name: "Mei <b>Lin</b>"
  portrait: mei
  organization: "Parcel shop"
  wants: "Her parcel"
  expects: "Another excuse"
  mood: 50
start: first
nodes:
  first:
    customer: "Where is my parcel?"
    replies:
      - say: "Not my problem."
        level: low
        mood: -40
        feedback: "She is furious."
        goto: second
      - say: "It is at the depot: I have booked it for tomorrow morning."
        level: wow
        mood: 40
        feedback: "She is delighted."
        goto: second
  second:
    customer: "And now?"
    replies:
      - say: "Tomorrow morning, before ten."
        level: standard
        feedback: "She accepts it."
        goto: done
      - say: "Some time next week."
        level: low
        feedback: "She hangs up."
        goto: done
  done:
    customer: "Fine."
    ending: {{level: standard, title: Answered, feels: Tired, thinks: Fine, returns: 60}}
"""


@pytest.fixture
def scenario_in(tmp_path):
    def make(channel: str):
        path = tmp_path / f"tiny-{channel}.yaml"
        path.write_text(SCENARIO.format(channel=channel), encoding="utf-8")
        loaded = ScenarioLoader().load(path)
        assert loaded.scenario is not None, loaded.diagnostics
        return loaded.scenario
    return make


def projector(qtbot, scenario) -> PresenterView:
    view = PresenterView(ClassroomSession(scenario))
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return view


def play_revealed(qtbot, view: PresenterView, key: Qt.Key) -> None:
    """Pick a reply, reveal its level and feedback (R), then play it (→)."""
    assert view.screen_kind == DECISION
    qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert view.revealed
    qtbot.keyClick(view, Qt.Key.Key_Right)


def pictures(view: PresenterView) -> list[QLabel]:
    """Every label on the projector that shows a picture now."""
    return [w for w in view.stage.findChildren(QLabel)
            if w.isVisibleTo(view) and w.pixmap() is not None and not w.pixmap().isNull()]


def image(label: QLabel) -> QImage:
    return label.pixmap().toImage()


def rendered(view: PresenterView, emotion: Emotion) -> QImage:
    """The scenario's portrait at this emotion, at the size the projector shows its picture."""
    size = view.portrait.width()
    return portrait_pixmap(view.session.scenario, emotion, size, view.devicePixelRatioF()).toImage()


@pytest.mark.parametrize("channel", list(channels.CHANNELS))
def test_the_channel_is_named_where_the_customer_is_introduced(qtbot, scenario_in, channel):
    view = projector(qtbot, scenario_in(channel))
    assert view.screen_kind == TITLE
    label = channels.channel_label(channel)
    assert any(text.endswith(label) for text in view.visible_texts()), view.visible_texts()
    assert view.who_box.caption.isVisibleTo(view)
    caption = view.who_box.caption
    assert caption.mapTo(view, caption.rect().bottomLeft()).y() <= view.name.mapTo(view, view.name.rect().topLeft()).y()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    named = any(text.endswith(label) for text in view.visible_texts())
    assert named == (channel != "face-to-face")  # on a decision a face says it; else the channel stays named


def test_a_phone_call_shows_the_callers_voice_and_never_a_face(qtbot, scenario_in):
    view = projector(qtbot, scenario_in("phone"))
    assert not view.portrait.isVisibleTo(view) and view.portrait.pixmap().isNull()
    assert pictures(view) == []
    calm = channels.voice_words(Emotion.NEUTRAL)
    assert calm in view.visible_texts()
    assert view.who_box.meter.isVisibleTo(view) and view.who_box.meter.level == channels.voice_level(Emotion.NEUTRAL)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert calm in view.visible_texts() and pictures(view) == []
    play_revealed(qtbot, view, Qt.Key.Key_A)
    assert view.screen_kind == DECISION and view.run.session.emotion == Emotion.ANGRY
    texts = view.visible_texts()
    assert channels.voice_words(Emotion.ANGRY) in texts and calm not in texts
    assert view.who_box.meter.level == channels.voice_level(Emotion.ANGRY)
    assert pictures(view) == [] and view.portrait.pixmap().isNull()
    assert not any("looking" in w.accessibleName() for w in view.findChildren(QLabel))  # no face, even unseen


def test_the_meter_is_sized_for_the_room(qtbot, scenario_in):
    view = projector(qtbot, scenario_in("phone"))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    meter = view.who_box.meter
    assert meter.width() >= view._body * 5  # as wide as a face would be, not the laptop's 5 text lines
    assert meter.height() >= view._body * 2
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert meter.width() >= view._body * 5


@pytest.mark.parametrize("channel", ["chat", "social"])
def test_a_profile_picture_stays_the_same_whatever_the_mood(qtbot, scenario_in, channel):
    view = projector(qtbot, scenario_in(channel))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert pictures(view) == [view.portrait]
    first = image(view.portrait)
    assert first == rendered(view, Emotion.NEUTRAL)
    play_revealed(qtbot, view, Qt.Key.Key_A)
    assert view.run.session.emotion == Emotion.ANGRY
    assert pictures(view) == [view.portrait]
    assert image(view.portrait) == first == rendered(view, Emotion.NEUTRAL)
    assert image(view.portrait) != rendered(view, Emotion.ANGRY)  # the face would have changed
    assert not any("looking" in w.accessibleName() for w in view.findChildren(QLabel))
    assert not any(channels.voice_words(e) in view.visible_texts() for e in Emotion)
    note = channels.PUBLIC_NOTE
    assert any(text.endswith(note) for text in view.visible_texts()) == (channel == "social")


def test_an_email_shows_no_face(qtbot, scenario_in):
    view = projector(qtbot, scenario_in("email"))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    play_revealed(qtbot, view, Qt.Key.Key_B)
    assert view.run.session.emotion == Emotion.DELIGHTED
    assert pictures(view) == [] and not view.who_box.meter.isVisibleTo(view)
    assert "Mei <b>Lin</b>" in view.visible_texts()  # the sender, as plain text


def test_face_to_face_keeps_the_face_that_follows_the_mood(qtbot, scenario_in):
    view = projector(qtbot, scenario_in("face-to-face"))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert pictures(view) == [view.portrait] and image(view.portrait) == rendered(view, Emotion.NEUTRAL)
    size = view.portrait.width()
    assert size == view._body * 6  # a decision's face, as before
    play_revealed(qtbot, view, Qt.Key.Key_B)
    assert view.run.session.emotion == Emotion.DELIGHTED
    assert image(view.portrait) == rendered(view, Emotion.DELIGHTED) != rendered(view, Emotion.NEUTRAL)
    assert view.portrait.accessibleName().endswith("looking delighted")
    assert not view.who_box.caption.isVisibleTo(view) and not view.who_box.meter.isVisibleTo(view)
    assert not view.public_note.isVisibleTo(view)


@pytest.mark.parametrize("channel", ["phone", "face-to-face"])
def test_the_facilitators_window_names_the_channel(qtbot, scenario_in, channel):
    view = projector(qtbot, scenario_in(channel))
    notes = FacilitatorWindow(view)
    qtbot.addWidget(notes)
    notes.show()
    qtbot.waitExposed(notes)
    assert notes.channel.isVisible() and notes.channel.text() == channels.channel_label(channel)
    assert notes.channel.toolTip()  # what the room is shown of the customer


@pytest.mark.parametrize("channel", ["phone", "face-to-face"])
def test_the_three_levels_name_the_channel_beside_the_title(qtbot, scenario_in, channel):
    from simulator.core.analysis import analyze
    from simulator.gui.classroom import ThreeLevelsView

    scenario = scenario_in(channel)
    view = ThreeLevelsView(scenario, analyze(scenario))
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    assert view.brief.text().startswith(f"{scenario.title} · {channels.channel_label(channel)} · ")
