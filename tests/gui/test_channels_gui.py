"""The play screen looks like the scenario's channel: a chat thread with typing, an e-mail with
its headers and the answer being written, a public post with its comments and a note that the
answer is public, a call with its header and the caller's voice and no face. Each is played by
keyboard to the end, and the words shown are the scenario's, as plain text."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from simulator.core import channels
from simulator.core.engine import Line

from .conftest import _make_window
from .test_app import card_for, open_by_keyboard

EMAIL_SCENARIO = """\
format: 1
id: tiny-email
title: "Where is my <b>refund</b>?"
channel: email
minutes: 2
customer:
  name: "Erin <i>Mail</i>"
  organization: "Test shop, customer e-mail"
  wants: "Her refund"
  expects: "A date"
  mood: 30
start: first
nodes:
  first:
    narration: "Tuesday morning. One e-mail in the queue."
    customer: "I returned the kettle three weeks ago. Where is my <b>refund</b>?"
    replies:
      - say: "Refunds take time."
        level: low
        mood: -10
        feedback: "She writes again within the hour."
        goto: second
      - say: "I can see the kettle arrived on the 3rd; the refund went out today and shows within 3 days."
        level: wow
        mood: 30
        feedback: "She replies with a thank-you."
        goto: thanks
  second:
    customer: "That is not an answer."
    replies:
      - say: "I am sorry. The refund went out today."
        level: standard
        feedback: "She accepts it."
        goto: thanks
  thanks:
    customer: "Thank you, that is all I needed."
    ending: {level: standard, title: Answered, feels: Relieved, thinks: Fine, returns: 70}
"""


@pytest.fixture
def window(qtbot, data_dir, tmp_path):
    folder = tmp_path / "channel-scenarios"
    folder.mkdir()
    (folder / "tiny-email.yaml").write_text(EMAIL_SCENARIO, encoding="utf-8")
    return _make_window(qtbot, data_dir, folder)


def frames(play, name: str) -> list[QFrame]:
    return [f for f in play.thread.findChildren(QFrame, name) if f.isVisibleTo(play)]


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def said(play, speaker: str) -> list[str]:
    return [line.text for line in play.session.transcript() if line.speaker == speaker]


def play_to_the_end(qtbot, play, each=None) -> None:
    """Press reply 1 at every decision, at once (in a chat, while the customer is still typing)."""
    while not play.session.ended:
        assert play.reply_buttons, "a decision with no reply on offer"
        if each is not None:
            each()
        steps = len(play.session.steps)
        qtbot.keyClick(play.reply_buttons[0], "1")
        assert len(play.session.steps) == steps + 1
    assert play.end_panel.isVisibleTo(play)


def assert_plain(widget) -> None:
    labels = widget.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_a_chat_types_each_message_briefly_and_any_key_shows_it(qtbot, window):
    play = open_by_keyboard(qtbot, window, "the-last-person-promised", "practice")
    thread = play.thread
    first = next(line for line in play.session.transcript() if line.speaker == "customer")
    # the customer is typing: the message is not there yet, the replies already are
    assert thread.typing and thread.pending and first.text not in texts(thread)
    name = play.scenario.customer.name
    assert f"{name} is typing…" in texts(thread)
    assert play.reply_buttons and play.reply_buttons[0].hasFocus()
    qtbot.waitUntil(lambda: not thread.typing, timeout=3000)  # it appears by itself, in about a second
    assert first.text in texts(thread) and not thread.pending
    # restarted, it types again; any key (here one that does nothing else) shows it at once
    play.restart()
    assert thread.typing
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_X)
    assert not thread.typing and first.text in texts(thread) and play.session.steps == []


def test_a_chat_is_played_by_keyboard_as_bubbles_on_two_sides(qtbot, window):
    play = open_by_keyboard(qtbot, window, "the-last-person-promised", "practice")
    play_to_the_end(qtbot, play)  # every reply pressed while the customer was still typing
    thread = play.thread
    qtbot.waitUntil(lambda: not thread.typing, timeout=3000)
    bubbles = frames(play, "chatBubble")
    mine = [b for b in bubbles if texts(b)[0] == "You"]
    theirs = [b for b in bubbles if b not in mine]
    assert [texts(b)[-1] for b in theirs] == said(play, "customer")
    assert [texts(b)[-1] for b in mine] == said(play, "employee")
    assert not frames(play, "speech") and not play.portrait.pixmap().isNull()  # a profile picture
    holder = thread.widget()
    qtbot.waitUntil(lambda: all(b.width() > 0 for b in bubbles))
    left = {b.mapTo(holder, b.rect().topLeft()).x() for b in theirs}
    right = {b.mapTo(holder, b.rect().topRight()).x() for b in mine}
    assert max(left) < min(b.mapTo(holder, b.rect().topLeft()).x() for b in mine)  # theirs on the left
    assert min(right) > max(b.mapTo(holder, b.rect().topRight()).x() for b in theirs)  # mine on the right
    assert_plain(thread)


def test_an_email_shows_headers_and_the_answer_being_written(qtbot, window):
    play = open_by_keyboard(qtbot, window, "tiny-email", "practice")
    scenario = play.scenario
    name = scenario.customer.name
    assert not play.thread.typing  # only a chat is typed
    draft = frames(play, "emailDraft")
    assert len(draft) == 1 and "Re: Where is my <b>refund</b>?" in texts(draft[0])
    assert f"{channels.email_salutation(name)}  …" in texts(draft[0])
    seen_drafts = []
    play_to_the_end(qtbot, play, each=lambda: seen_drafts.append(len(frames(play, "emailDraft"))))
    assert seen_drafts == [1, 1]
    assert not frames(play, "emailDraft")  # the conversation is over: nothing more to write
    received = frames(play, "email")
    assert [texts(m)[-2] for m in received] == said(play, "customer")
    first = texts(received[0])
    assert first[:4] == ["From:", name, "To:", scenario.customer.organization] and "Where is my <b>refund</b>?" in first
    assert "Re: Where is my <b>refund</b>?" in texts(received[1])
    assert first[-1] == name  # signed with the sender's name
    sent = frames(play, "emailSent")
    assert [texts(m)[-1] for m in sent] == said(play, "employee")
    assert all("To:" in texts(m) and name in texts(m) for m in sent)
    assert "Tuesday morning. One e-mail in the queue." in texts(play.thread)
    assert play.customer_panel.caption.text().endswith("E-mail from") and not play.portrait.isVisibleTo(play)
    assert_plain(play.thread)


def test_social_media_shows_the_post_its_comments_and_that_the_answer_is_public(qtbot, window):
    play = open_by_keyboard(qtbot, window, "one-star-in-public", "practice")
    notes = []

    def note_is_shown():
        note = play.customer_panel.public_note  # beside the thread: in view however long it grows
        notes.append(note.isVisibleTo(play) and channels.PUBLIC_NOTE in note.text())

    play_to_the_end(qtbot, play, each=note_is_shown)
    assert notes and all(notes)
    customer = said(play, "customer")
    post = frames(play, "socialPost")
    assert len(post) == 1 and texts(post[0])[-1] == customer[0]
    assert texts(post[0])[:2] == [play.scenario.customer.name, "posted in public"]
    comments = frames(play, "socialComment")
    replies = [c for c in comments if "public reply" in texts(c)]
    assert [texts(c)[-1] for c in replies] == said(play, "employee")
    assert [texts(c)[-1] for c in comments if c not in replies] == customer[1:]
    assert_plain(play.thread)


def test_a_phone_call_has_a_call_header_and_a_voice_never_a_face(qtbot, window):
    play = open_by_keyboard(qtbot, window, "bereaved-traveller", "practice")
    panel = play.customer_panel
    assert not play.portrait.isVisibleTo(play)
    assert panel.caption.text().endswith("Call in progress") and panel.name.text() == play.scenario.customer.name
    assert re.fullmatch(r"\d+:\d\d", panel.call_time.text()) and panel.call_time.isVisibleTo(play)
    qtbot.waitUntil(lambda: panel.call_time.text() != "0:00", timeout=3000)  # the call's time runs

    voices = []

    def voice_follows_the_mood():
        emotion = play.session.emotion
        voices.append(play.emotion_label.text())
        assert play.emotion_label.text() == channels.voice_words(emotion)
        assert panel.voice_meter.level == channels.voice_level(emotion) and panel.voice_meter.isVisibleTo(play)

    play_to_the_end(qtbot, play, each=voice_follows_the_mood)
    assert voices and all(v.endswith("voice") for v in voices)
    assert panel.caption.text().endswith("Call ended") and not panel.call_timer.isActive()
    assert not play.portrait.isVisibleTo(play) and not any(
        label.pixmap() is not None and not label.pixmap().isNull() and label.isVisibleTo(play)
        for label in panel.findChildren(QLabel))
    bubbles = frames(play, "speech")
    assert [texts(b)[-1] for b in bubbles] == [line.text for line in play.session.transcript()
                                              if line.speaker != "narration"]
    assert_plain(play.thread)


def test_face_to_face_keeps_the_portrait_and_the_library_and_brief_name_the_channel(qtbot, window):
    card = card_for(window, "the-last-person-promised")
    assert channels.channel_label("chat") in [text for text, _, _ in card.chips()]
    assert "Chat" in card.accessible_description()
    play = open_by_keyboard(qtbot, window, "lost-luggage", "practice")
    chip_texts = texts(window.briefing)
    assert channels.channel_label("face-to-face") in chip_texts
    assert play.portrait.isVisibleTo(play) and play.emotion_label.text().startswith("Looks")
    assert not play.customer_panel.call_time.isVisibleTo(play) and not play.customer_panel.public_note.isVisibleTo(play)
    assert frames(play, "speech") and not play.thread.typing
    assert [texts(b)[-1] for b in frames(play, "speech")] == [
        line.text for line in play.session.transcript() if line.speaker != "narration"]


def test_a_step_back_in_a_chat_draws_the_thread_again_at_once(qtbot, window):
    play = open_by_keyboard(qtbot, window, "the-last-person-promised", "practice")
    qtbot.keyClick(play.reply_buttons[0], "1")
    assert play.thread.typing  # the answer to it is being typed
    qtbot.keyClick(play.reply_buttons[0], Qt.Key.Key_Backspace)
    assert play.session.steps == [] and not play.thread.typing
    assert [line.text for line in play.thread.shown] == [line.text for line in play.session.transcript()]
    assert play.thread.shown == play._shown_lines and all(isinstance(x, Line) for x in play.thread.shown)


def test_a_chat_shown_again_from_the_middle_types_only_the_message_after_the_last_reply(qtbot, window):
    play = open_by_keyboard(qtbot, window, "the-last-person-promised", "practice")
    session = play.session
    for _ in range(2):
        qtbot.keyClick(play.reply_buttons[0], "1")
    play.show_session(play.scenario, session, "practice")  # as the author's preview does after a reload
    lines = session.transcript()
    last_reply = max(i for i, line in enumerate(lines) if line.speaker == "employee")
    assert play.thread.typing and play.thread.shown == lines[:last_reply + 1]
    qtbot.waitUntil(lambda: not play.thread.typing, timeout=3000)
    assert play.thread.shown == lines
    # leaving the screen shows at once whatever was still being typed
    qtbot.keyClick(play.reply_buttons[0], "1")
    assert play.thread.typing
    play.thread.hide()
    assert not play.thread.typing and play.thread.shown == session.transcript()
