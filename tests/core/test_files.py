"""The atomic file writer: all or nothing, and the permissions a file would have had anyway."""

from __future__ import annotations

import os
import stat

import pytest

from simulator.core.files import write_atomically

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_only
def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        target = tmp_path / "attempts.csv"
        write_atomically(target, lambda f: f.write("one"))
        assert mode(target) == 0o644  # readable by the trainer's other tools, as open() would make it
        os.chmod(target, 0o640)
        write_atomically(target, lambda f: f.write("two"))
        assert target.read_text() == "two" and mode(target) == 0o640
    finally:
        os.umask(umask)


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "history.json"
    target.write_text("old", encoding="utf-8")

    def fail_half_way(f) -> None:
        f.write("new and incompl")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fail_half_way)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["history.json"]
