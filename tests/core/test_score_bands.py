"""The score's band in words: one phrasing for the debrief, the PDF, the progress view and the class overview."""

from __future__ import annotations

import pytest

from simulator.core.levels import Level
from simulator.core.scoring import band_of, band_words, score_text


@pytest.mark.parametrize("score, words", [
    (0, "Low band 0-59: expectations not met"),
    (59, "Low band 0-59: expectations not met"),
    (60, "Standard band 60-89: expectations met"),
    (72, "Standard band 60-89: expectations met"),
    (89, "Standard band 60-89: expectations met"),
    (90, "WOW band 90-100: expectations exceeded"),
    (100, "WOW band 90-100: expectations exceeded"),
])
def test_each_score_names_its_band(score, words):
    assert band_words(score) == words
    assert score_text(score) == f"{score}/100 · {words}"


def test_the_words_name_the_level_band_of_gives():
    for score in range(101):
        assert band_words(score).startswith(band_of(score).label + " band ")
    assert band_of(72) is Level.STANDARD
