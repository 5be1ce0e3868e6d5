"""Pausing the cyclic garbage collector while a pass allocates many small objects that stay alive.

Loading and analysing build hundreds of thousands of tuples and nodes at once; letting the
collector rescan them every few thousand allocations makes those passes grow faster than the
input. Nothing they build has reference cycles to collect.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
