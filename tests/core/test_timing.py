"""The reading allowance of a timed decision and the time-limit setting."""

from __future__ import annotations

import pytest

from simulator.core.timing import READING_WPM, TimeLimits, allowance, reading_seconds, word_count


def test_words_are_counted_as_a_reader_meets_them():
    assert word_count("I don't know: check-in at 10:30, gate B12.") == 9  # "10:30" reads as two
    assert word_count("") == 0 and word_count("  — ...  ") == 0


def test_reading_time_follows_the_documented_rate():
    words = " ".join(["word"] * 150)  # 150 words: 50 seconds at 180 words a minute
    assert READING_WPM == 180
    assert reading_seconds([words]) == pytest.approx(50.0)
    assert reading_seconds([words, "two more"]) == pytest.approx(152 * 60 / 180)
    assert reading_seconds([words], wpm=300) == pytest.approx(30.0)


@pytest.mark.parametrize("limits, factor", [(TimeLimits.AS_WRITTEN, 1), (TimeLimits.LONGER, 1.5),
                                            (TimeLimits.DOUBLE, 2)])
def test_thinking_time_comes_on_top_of_reading_and_the_setting_scales_both(limits, factor):
    texts = ["Where is my bag? " * 6, "I will find it.", "Fill in the form."]  # 24 + 4 + 4 words
    given = allowance(20, texts, limits)
    assert given.reading == pytest.approx(32 * 60 / 180 * factor)
    assert given.thinking == pytest.approx(20 * factor)
    assert given.total == pytest.approx(given.reading + given.thinking)


def test_off_means_no_limit_and_unknown_settings_read_as_written():
    assert allowance(20, ["words"], TimeLimits.OFF) is None
    assert TimeLimits.or_default("x2") is TimeLimits.DOUBLE
    assert TimeLimits.or_default("nonsense") is TimeLimits.AS_WRITTEN
    assert not TimeLimits.AS_WRITTEN.adjusted and TimeLimits.OFF.adjusted
    assert TimeLimits.AS_WRITTEN.sentence == "" and "x1.5" in TimeLimits.LONGER.sentence
