"""The cycle collector is one switch: it runs again only when the last pause has ended."""

from __future__ import annotations

import gc
import threading

from simulator.core.batch import collector_paused, pause_collector, resume_collector


def test_a_pass_ending_inside_a_background_job_leaves_the_collector_paused():
    assert gc.isenabled()
    with collector_paused():  # a pass on the UI thread ...
        pause_collector()  # ... while a background job starts
    assert not gc.isenabled()  # the pass ended, the job still runs
    done = threading.Event()
    threading.Thread(target=lambda: (resume_collector(), done.set())).start()
    assert done.wait(10)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_resume_without_a_pause_does_not_unbalance_the_next_pause():
    resume_collector()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
