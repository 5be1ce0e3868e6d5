"""A scenario states its channel (an unknown one is a clear error with the choices), and the
channel's rules: the typing pause, the voice at each mood band, a call's time, an e-mail's subject."""

from __future__ import annotations

from simulator.core.channels import CHANNELS, DEFAULT_CHANNEL
from tests.scenario_text import BASE, edit, load_text


def test_the_channel_is_read_and_defaults_to_face_to_face(tmp_path):
    assert load_text(BASE, tmp_path).scenario.channel == DEFAULT_CHANNEL == "face-to-face"
    for channel in CHANNELS:
        result = load_text(edit(insert={3: f"channel: {channel}"}), tmp_path)
        assert result.scenario is not None and result.scenario.channel == channel


def test_an_unknown_channel_names_the_choices(tmp_path):
    result = load_text(edit(insert={3: "channel: fax"}), tmp_path)
    assert result.scenario is None
    (problem,) = result.errors
    assert (problem.line, problem.column) == (4, 10)
    assert "email" in problem.message + problem.hint


def test_the_typing_pause_is_short_and_grows_with_the_message():
    from simulator.core.channels import TYPING_MAX_MS, TYPING_MIN_MS, typing_delay_ms

    assert typing_delay_ms("") == TYPING_MIN_MS == 600 <= typing_delay_ms("Hi") < 650
    delays = [typing_delay_ms("x" * n) for n in (10, 50, 100, 150, 2000)]
    assert delays == sorted(delays) and delays[0] < delays[2]
    assert delays[-1] == TYPING_MAX_MS == 1200


def test_only_face_to_face_shows_a_face_and_a_call_is_heard_as_a_voice():
    from simulator.core.channels import VOICE_BARS, shows_face, voice_level, voice_words
    from simulator.core.levels import Emotion, emotion_for_mood

    assert [c for c in CHANNELS if shows_face(c)] == [DEFAULT_CHANNEL]
    assert voice_words(emotion_for_mood(50)) == "Calm voice"
    assert voice_words(emotion_for_mood(5)) == "Raised voice"
    words = [voice_words(e) for e in Emotion]
    assert len(set(words)) == len(Emotion) and all(w.endswith(" voice") for w in words)
    assert voice_level(Emotion.ANGRY) == VOICE_BARS > voice_level(Emotion.NEUTRAL) >= 1


def test_a_call_duration_reads_like_a_phone_and_an_email_answer_like_a_reply():
    from simulator.core.channels import call_duration, channel_label, email_salutation, email_subject

    assert [call_duration(s) for s in (0, 7.9, 65, 750, 3723)] == ["0:00", "0:07", "1:05", "12:30", "1:02:03"]
    assert email_subject("  Where is\n my refund? ") == "Where is my refund?"
    assert email_subject("Where is my refund?", reply=True) == "Re: Where is my refund?"
    assert email_salutation("Erin") == "Dear Erin," and email_salutation("") == "Hello,"
    assert email_salutation("Erin", "Hi Erin, thanks for writing.") == ""  # the answer greets her itself
    assert email_salutation("Erin", "Dear Erin, I am sorry.") == email_salutation("Erin", " hello!") == ""
    assert email_salutation("Erin", "Highly unusual, I agree.") == "Dear Erin,"
    assert channel_label("fax") == channel_label(DEFAULT_CHANNEL) == "Face to face"


def test_the_format_doc_describes_each_channel_with_the_words_the_app_uses():
    from pathlib import Path

    from simulator.core.channels import TYPING_MAX_MS, TYPING_MIN_MS, VOICE_LEVELS, VOICE_WORDS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    section = doc.split("### `channel`: what the play screen looks like")[1].split("\n### ")[0]
    assert all(f"| `{channel}` |" in section for channel in CHANNELS)
    assert all(f'"{label}"' in section for label in CHANNELS.values())
    assert all(f'{emotion.value} "{words}" ({VOICE_LEVELS[emotion]}' in section for emotion, words in VOICE_WORDS.items())
    assert f"{TYPING_MIN_MS / 1000:g} to {TYPING_MAX_MS / 1000:g} seconds" in section
