"""Work around a reference-count bug in some PySide6 builds (seen with 6.12.0 on Python 3.11).

There, every call to a Qt method that returns nothing (``label.setText(...)``, ``w.show()``)
releases one reference to ``None`` it never took. On Python 3.12+ ``None`` is immortal and
nothing happens; on 3.11 its count reaches zero after a few thousand calls and the
interpreter aborts with "none_dealloc: deallocating None". ``apply()`` detects the bug and,
only then, gives ``None`` a reference count that cannot run out.
"""

from __future__ import annotations

import sys

_applied = False


def leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 25


def apply() -> bool:
    """Returns True when the workaround was needed (and is now in place)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if leaks_none():
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # ob_refcnt is the first field
        _applied = True
    return _applied
