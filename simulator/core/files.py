"""Writing a file so that a crash or a full disk never leaves half of it in place."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO, Callable


def write_atomically(target: str | os.PathLike, write: Callable[[IO[str]], object], *, encoding: str = "utf-8",
                     newline: str | None = None) -> Path:
    """Write through ``write`` into a temporary file next to ``target`` (a unique name ending in
    ``.part``, so two writers never share one), flush it to disk, then rename it over the target:
    the target is the old file or the complete new one, never half of each. The file keeps the
    permissions of the one it replaces (a new one gets the usual ones, as ``open`` would give it).
    On any failure the temporary file is removed and the error raised (an ``OSError`` for disk
    problems)."""
    path = Path(target)
    handle, tmp = _create_part(path)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
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


def _create_part(path: Path) -> tuple[int, str]:
    """A new, empty ``<name>.<random>.part`` next to ``path``, with the permissions a new file
    gets (``tempfile.mkstemp`` would make it readable by its owner only)."""
    for _ in range(100):
        tmp = str(path.with_name(f"{path.name}.{os.urandom(4).hex()}.part"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")
