"""Writing a file so that a crash or a full disk never leaves half of it in place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Callable


def write_atomically(target: str | os.PathLike, write: Callable[[IO[str]], object], *, encoding: str = "utf-8",
                     newline: str | None = None) -> Path:
    """Write through ``write`` into a temporary file next to ``target`` (a unique name ending in
    ``.part``, so two writers never share one), flush it to disk, then rename it over the target:
    the target is the old file or the complete new one, never half of each. On any failure the
    temporary file is removed and the error raised (an ``OSError`` for disk problems)."""
    path = Path(target)
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # the first error is the one to report
            os.unlink(tmp)
        raise
    return path
