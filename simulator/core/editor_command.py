"""The command that opens a scenario file at a line in the author's own editor.

Qt-free and pure, so it is tested without starting an editor. The author's command, such as
``code -g {file}:{line}:{column}`` or ``gedit +{line} {file}``, is split like a shell would
split it (``shlex``) but never run through a shell; the placeholders are filled in one pass,
so a file called ``{line}.yaml`` is not filled in again; and the file is always passed as an
absolute path, so one called ``-rf.yaml`` or ``--help`` cannot be read as an option.
"""

from __future__ import annotations

import os
import re
import shlex

PLACEHOLDERS = ("file", "line", "column", "folder")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def editor_arguments(command: str, file: str, line: int = 1, column: int = 1) -> list[str]:
    """The program and its arguments for opening ``file`` at ``line``:``column`` with ``command``.

    ``{file}`` is the absolute path, ``{folder}`` the folder holding it, ``{line}`` and ``{column}``
    start at 1. Without any placeholder, the file is added as the last argument. Returns [] when
    the command is empty or cannot be split (an unclosed quote) or there is no file.
    """
    try:
        parts = shlex.split(command)
    except ValueError:
        return []
    if not parts or not file:
        return []
    path = os.path.abspath(file)
    values = {"file": path, "folder": os.path.dirname(path), "line": str(max(int(line or 1), 1)),
              "column": str(max(int(column or 1), 1))}
    if not any(_PLACEHOLDER.search(part) for part in parts):
        return parts + [path]
    return [_PLACEHOLDER.sub(lambda m: values[m.group(1)], part) for part in parts]
