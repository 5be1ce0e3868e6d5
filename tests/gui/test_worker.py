"""The library's loading job: what a job cancelled while it analyses leaves in the catalogue cache."""

from __future__ import annotations

import json

import pytest

from simulator.gui.base import worker
from simulator.gui.base.worker import LoadJob

from .conftest import TIMER_SCENARIO


@pytest.mark.parametrize("keep_work", [True, False])
def test_a_job_cancelled_while_analysing_saves_only_when_nothing_replaces_it(tmp_path, monkeypatch, keep_work):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("first", "second"):
        (folder / f"{name}.yaml").write_text(TIMER_SCENARIO.replace("id: tiny-timer", f"id: {name}"), "utf-8")
    cache = tmp_path / "library-cache.json"
    job = LoadJob(1, [("user", str(folder))], str(cache))
    analysed = []
    real = worker._analysed

    def analyse_then_cancel(result):  # the app closes (or a reload starts) after the first file's analysis
        analysed.append(result.path)
        job.cancel(keep_work=keep_work)
        return real(result)

    monkeypatch.setattr(worker, "_analysed", analyse_then_cancel)
    job.run()  # in this thread
    assert len(analysed) == 1
    if keep_work:  # closing: the file analysed is kept for the next start, the other is not
        assert list(json.loads(cache.read_text(encoding="utf-8"))["files"]) == analysed
    else:  # a newer listing replaces this job and writes the cache itself
        assert not cache.exists()
