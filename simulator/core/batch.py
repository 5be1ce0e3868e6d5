"""Pausing the cyclic garbage collector while a pass allocates many small objects that stay alive.

Loading and analysing build hundreds of thousands of tuples and nodes at once; letting the
collector rescan them every few thousand allocations makes those passes grow faster than the
input. Nothing they build has reference cycles to collect. The GUI also pauses it while a
background job runs (the collector must not free Qt widgets from a worker thread).

The collector is one switch for the whole process, so every pause goes through the counter
here: it runs again only when the last pause, on any thread, has ended.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


def pause_collector() -> None:
    """Stop the collector until a matching ``resume_collector`` (pauses nest, across threads)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume_collector() -> None:
    global _pauses
    with _lock:
        if _pauses == 0:
            return
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    pause_collector()
    try:
        yield
    finally:
        resume_collector()
