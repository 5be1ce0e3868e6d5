"""The editor command is built by a pure function: placeholders filled in one pass, the file
passed so that its name can never be read as an option, no shell involved."""

from __future__ import annotations

import os

import pytest

from simulator.core.editor_command import editor_arguments


def test_a_file_named_after_a_placeholder_is_not_filled_in_again(tmp_path):
    path = str(tmp_path / "{line}.yaml")
    assert editor_arguments("code -g {file}:{line}:{column}", path, 12, 5) == ["code", "-g", f"{path}:12:5"]
    odd = str(tmp_path / "{column}{file}.yaml")
    assert editor_arguments("gedit +{line} {file}", odd, 3, 1) == ["gedit", "+3", odd]


@pytest.mark.parametrize("name", ["-rf.yaml", "--help", "-", "+5.yaml"])
def test_a_file_name_starting_with_a_dash_is_passed_as_an_absolute_path(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    for command in ("gedit +{line} {file}", "myeditor", "code -g {file}:{line}"):
        args = editor_arguments(command, name, 2, 1)
        absolute = str(tmp_path / name)
        assert os.path.isabs(absolute)
        assert any(a == absolute or a.startswith(absolute + ":") for a in args[1:]), args
        assert not any(a == name or a.startswith(name + ":") for a in args[1:]), args
    assert editor_arguments("myeditor", name) == ["myeditor", str(tmp_path / name)]


def test_folder_placeholder_and_positions_start_at_one(tmp_path):
    path = str(tmp_path / "a.yaml")
    assert editor_arguments("ed --cwd {folder} {file}:{line}:{column}", path, 0, 0) == \
        ["ed", "--cwd", str(tmp_path), f"{path}:1:1"]


def test_unknown_braces_stay_and_no_shell_runs(tmp_path):
    path = str(tmp_path / "a.yaml")
    assert editor_arguments("vi {file}; rm -rf ~ {other}", path) == ["vi", f"{path};", "rm", "-rf", "~", "{other}"]
    assert editor_arguments("vi '{file}'", path) == ["vi", path]


@pytest.mark.parametrize("command", ["", "   ", "vi 'unclosed"])
def test_an_empty_or_broken_command_gives_nothing_to_run(command, tmp_path):
    assert editor_arguments(command, str(tmp_path / "a.yaml")) == []


def test_no_file_gives_nothing_to_run():
    assert editor_arguments("vi {file}", "") == []
