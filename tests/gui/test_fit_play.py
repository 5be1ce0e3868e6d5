"""The play screen fits a 1366x768 laptop's screen at every text size: every reply of a
four-reply decision is in view at once, also while a countdown runs (a trainee is never judged,
or timed, on replies they could not see), each reply's words are shown whole, the customer's name
stays clear of the portrait, and the customer's newest line stays in view in the conversation.
At larger text still, where no look leaves the room, the replies scroll and the keys bring the
one they reach into view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from simulator.core.modes import Mode

from simulator.gui.widgets import ReplyButton

from .fit_checks import fit_problems, rect_in, reply_text_fits as text_fits
from .test_app import card_for, focus_card

SCENARIO = "cash-withdrawal-queue"  # four replies on the ID, then four at a timed decision
SCENARIO_FILE = Path(__file__).resolve().parents[2] / "scenarios" / f"{SCENARIO}.yaml"
SHOTS = os.environ.get("FIT_PLAY_SHOTS")  # a folder: the screens are saved there to look at


def start_play(qtbot, window):
    window.briefing.mode_buttons[Mode.PRACTICE].setChecked(True)
    qtbot.keyClick(window.briefing.start_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.play
    return window.play


def open_play(qtbot, window, scale, scenario=SCENARIO):
    window.apply_font_scale(scale)
    window.showMaximized()
    qtbot.waitUntil(lambda: window.isMaximized() or window.width() >= 1300)
    qtbot.keyClick(focus_card(qtbot, window, card_for(window, scenario)), Qt.Key.Key_Return)
    return start_play(qtbot, window)


def in_view(widget, area) -> bool:
    """``widget`` is whole within the viewport of the scroll ``area``, as it is scrolled now."""
    viewport = area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def replies_in_view(play) -> int:
    return sum(in_view(button, play.replies_scroll) for button in play.reply_buttons)


def to_the_timed_decision(play) -> None:
    """The ID's four replies, then the first timed decision's four (a chat's message shown at once)."""
    for index in (1, 2):
        play.thread.flush()
        play.reply_buttons[index].click()
    play.thread.flush()
    assert len(play.reply_buttons) == 4 and play.countdown_box.isVisible()


def check_fits(qtbot, window, play, label, all_in_view=True):
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    for _ in range(3):  # the layouts, the zero-delay re-fit and the style sheets settle at this size
        QApplication.processEvents()
    if SHOTS:
        window.grab().save(os.path.join(SHOTS, f"{label}.png"))
    for button in play.reply_buttons:
        assert text_fits(button), (label, button.number, button.height())
    panel = play.customer_panel
    if panel.portrait.isVisible():  # the side panel's words settle a moment after the conversation's
        qtbot.waitUntil(lambda: not rect_in(panel.name, window).intersects(rect_in(panel.portrait, window)))
    assert fit_problems(play, skip=(ReplyButton,)) == [], label  # no words cut, squeezed or scrolled sideways
    thread = play.thread
    assert thread.viewport().height() >= 120, (label, thread.viewport().height())
    assert in_view(thread.newest, thread), (label, thread.newest.geometry(), thread.viewport().rect())
    assert not thread.horizontalScrollBar().isVisible()
    assert not play.replies_scroll.horizontalScrollBar().isVisible()
    if all_in_view:  # every reply in view at once: nothing to scroll to
        assert replies_in_view(play) == len(play.reply_buttons), (label, replies_in_view(play))
        assert not play.replies_scroll.verticalScrollBar().isVisible(), label
    else:  # no look leaves the room: the replies scroll, and the focused one is scrolled into view
        assert play.replies_scroll.verticalScrollBar().isVisible(), label
        for button in play.reply_buttons[:-1]:
            qtbot.keyClick(button, Qt.Key.Key_Down)
        last = play.reply_buttons[-1]
        assert last.hasFocus() and in_view(last, play.replies_scroll), label


@pytest.mark.parametrize("scale", [1.0, 1.21, 1.25, 1.33, 1.5])
def test_every_reply_of_a_decision_is_in_view_at_once_with_the_newest_line_at_every_text_size(qtbot, main_window,
                                                                                             scale):
    window = main_window
    play = open_play(qtbot, window, scale)
    play.reply_buttons[1].click()  # to the four replies on the ID
    assert len(play.reply_buttons) == 4
    check_fits(qtbot, window, play, f"four-replies-{scale}")
    play.reply_buttons[2].click()  # to the first timed decision
    assert len(play.reply_buttons) == 4 and play.countdown_box.isVisible()
    check_fits(qtbot, window, play, f"timed-{scale}")
    if scale == 1.0:  # where there is room, the line that says how to choose stays over the replies
        assert play.prompt.isVisible()


def test_at_larger_text_still_the_replies_scroll_and_the_keys_bring_the_one_they_reach_into_view(qtbot,
                                                                                                 main_window):
    play = open_play(qtbot, main_window, 1.75)
    to_the_timed_decision(play)
    check_fits(qtbot, main_window, play, "timed-1.75", all_in_view=False)


@pytest.mark.parametrize("channel, scale", [("phone", 1.33), ("phone", 1.5), ("chat", 1.33), ("chat", 1.5),
                                            ("email", 1.25), ("email", 1.33), ("social", 1.33), ("social", 1.5)])
def test_in_each_channel_the_timed_decisions_four_replies_are_in_view_with_the_newest_line(qtbot, main_window,
                                                                                          tmp_path, channel,
                                                                                          scale):
    """The same conversation on the phone, in a chat and by e-mail (each draws its lines its own
    way): the four replies of the timed decision in view at once. By e-mail at 150% the message
    with its headers takes the transcript's share of the height, and the replies scroll."""
    from simulator.core.loader import ScenarioLoader

    path = tmp_path / f"{SCENARIO}-{channel}.yaml"
    path.write_text(SCENARIO_FILE.read_text(encoding="utf-8").replace("channel: face-to-face", f"channel: {channel}"),
                    encoding="utf-8")
    window = main_window
    window.apply_font_scale(scale)
    window.showMaximized()
    qtbot.waitUntil(lambda: window.isMaximized() or window.width() >= 1300)
    window.open_briefing(ScenarioLoader().load(path).scenario)
    play = start_play(qtbot, window)
    assert play.thread.channel == channel
    to_the_timed_decision(play)
    check_fits(qtbot, window, play, f"{channel}-timed-{scale}")


def test_a_conversation_opened_after_another_shows_the_customers_newest_line(qtbot, main_window):
    """Drawn while the screen was out of view, the transcript used to stay scrolled where the last
    conversation had left it, the customer's opening line below the fold."""
    window = main_window
    play = open_play(qtbot, window, 1.33, "day-thirty-five")
    for step in range(6):  # down the conversation, each decision laid out as it comes
        qtbot.waitUntil(lambda: all(b.isVisible() and b.width() != 640 for b in play.reply_buttons))
        play.choose(step % len(play.reply_buttons) if step else len(play.reply_buttons) - 1)
    window.show_library()
    play = open_play(qtbot, window, 1.33, "doctor-demo")
    check_fits(qtbot, window, play, "after-another-1.33")


def test_once_laid_out_the_play_screen_stays_still_instead_of_fitting_its_side_panel_again_and_again(
        qtbot, main_window):
    """Each fit of the customer's face asked for another, and the screen was fitted again without
    end (thousands of times a second, a laptop's processor kept busy)."""
    from PySide6.QtCore import QEvent, QObject

    class Requests(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    play = open_play(qtbot, main_window, 1.5)
    play.reply_buttons[1].click()  # four replies, no countdown: nothing on the screen changes by itself
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    for _ in range(5):
        QApplication.processEvents()
    requests = Requests()
    watched = (play, play.side, play.customer_panel, play.replies_scroll, play.replies_scroll.widget(), play.thread)
    for widget in watched:
        widget.installEventFilter(requests)
    for _ in range(20):
        QApplication.processEvents()
    for widget in watched:
        widget.removeEventFilter(requests)
    assert requests.count == 0


def test_a_screen_reader_hears_each_customer_line_the_feedback_and_the_level(qtbot, main_window, monkeypatch):
    from simulator.gui.practice import channel_view, play as play_module

    said = []
    monkeypatch.setattr(channel_view, "announce", lambda widget, text: said.append(text))
    monkeypatch.setattr(play_module, "announce", lambda widget, text: said.append(text))
    play = open_play(qtbot, main_window, 1.0)
    opening = play.session.transcript()[-1].text
    assert said == [f"Viktor Sokolov: {opening}"]
    said.clear()
    play.reply_buttons[1].click()  # a WOW reply
    answer = play.session.transcript()[-1]
    assert answer.speaker == "customer"
    assert f"Viktor Sokolov: {answer.text}" in said
    feedback = [t for t in said if t.startswith("Level reached")]
    assert feedback == [f"Level reached: WOW. {play.session.steps[-1].feedback}"]
    said.clear()
    qtbot.keyClick(play, Qt.Key.Key_Backspace)  # a step back draws the transcript again: nothing new is said
    assert len(play.session.steps) == 0 and said == []


def test_the_real_announcement_is_sent_without_error(qtbot):
    from PySide6.QtWidgets import QLabel

    from simulator.gui.widgets import announce

    label = QLabel("x")
    qtbot.addWidget(label)
    announce(label, "Level reached: WOW.")  # with or without the Qt 6.8 event, nothing breaks
    announce(label, "")


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_replies_are_named_by_number_and_words_and_every_control_is_at_least_24_px(qtbot, main_window, scale):
    from PySide6.QtWidgets import QAbstractButton

    play = open_play(qtbot, main_window, scale)
    play.reply_buttons[1].click()
    qtbot.waitUntil(lambda: all(b.isVisible() and b.height() > 0 for b in play.reply_buttons))
    for button in play.reply_buttons:
        assert button.accessibleName() == f"{button.number}: {button.text()}"
    controls = [w for w in play.findChildren(QAbstractButton) if w.isVisible()]
    assert len(controls) >= 6, [(type(w).__name__, w.accessibleName()) for w in play.findChildren(QAbstractButton)]  # the replies and the step back, restart and quit buttons
    for control in controls:
        assert control.width() >= 24 and control.height() >= 24, (control.accessibleName(), control.size())


def test_in_a_chat_the_message_typed_after_the_narration_gets_room_too(qtbot, main_window):
    """The transcript's room follows the newest line drawn, also one typed in after the screen
    was laid out."""
    play = open_play(qtbot, main_window, 1.5, "the-last-person-promised")
    qtbot.waitUntil(lambda: play.thread.shown and play.thread.shown[-1].speaker == "customer", timeout=10000)
    check_fits(qtbot, main_window, play, "chat-1.5")
