"""A scenario states its channel; an unknown one is a clear error with the choices."""

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
