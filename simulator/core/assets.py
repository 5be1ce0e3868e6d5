"""Where bundled files live, and the rule that keeps a scenario's assets inside its folder."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PORTRAIT_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
PLACEHOLDER = "placeholder"  # the neutral face shown when a portrait is missing
ICONS = ("app.svg", "chevron-down.svg")  # drawn by the app itself; a missing one is a broken install
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_dir(name: str) -> Path:
    """``assets`` or ``scenarios``: next to the package in a checkout, inside it when installed."""
    beside = _PACKAGE.parent / name
    if beside.is_dir():
        return beside
    return _PACKAGE / "_bundled" / name


@lru_cache(maxsize=1)
def bundled_portraits() -> frozenset[str]:
    folder = bundled_dir("assets") / "portraits"
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.is_dir() and p.name != PLACEHOLDER)


def bundled_content_problems() -> list[str]:
    """What is missing from the bundled content, in words (an empty list when it is whole).

    The smoke test of an install or a bundle fails on any of these: an app without its
    scenarios, faces or icons starts, but is not the app a trainee was promised.
    """
    from .levels import EMOTION_NAMES

    problems = []
    scenarios = bundled_dir("scenarios")
    if not any(scenarios.glob("*.yaml")):
        problems.append(f"no bundled scenarios in {scenarios}")
    icons = bundled_dir("assets") / "icons"
    problems += [f"the icon {icons / name} is missing" for name in ICONS if not (icons / name).is_file()]
    portraits = bundled_dir("assets") / "portraits"
    if not bundled_portraits():
        problems.append(f"no bundled portraits in {portraits}")
    for name in sorted(bundled_portraits() | {PLACEHOLDER}):
        for emotion in EMOTION_NAMES:
            if not any((portraits / name / (emotion + suffix)).is_file() for suffix in PORTRAIT_SUFFIXES):
                problems.append(f"the portrait {name}/{emotion} is missing from {portraits}")
    return problems


MAX_NAME_BYTES = 255  # one part of a path, on every file system the app runs on
MAX_PATH_BYTES = 1024


def asset_name_problem(relative: str) -> str | None:
    """Why ``relative`` cannot name a file at all (a control character, a part too long), or None."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in relative):
        return "it contains a control character"
    if len(relative.encode("utf-8", "replace")) > MAX_PATH_BYTES:
        return f"it is longer than {MAX_PATH_BYTES:,} bytes"
    if any(len(part.encode("utf-8", "replace")) > MAX_NAME_BYTES for part in relative.replace("\\", "/").split("/")):
        return f"a part of it is longer than {MAX_NAME_BYTES} bytes"
    return None


def resolve_scenario_asset(folder: str, relative: str) -> Path | None:
    """The asset's path, or None when it would leave the scenario's folder (absolute, '..', links)
    or cannot name a file (see ``asset_name_problem``)."""
    if not folder or os.path.isabs(relative) or relative.startswith(("/", "\\")) or ":" in relative:
        return None
    if asset_name_problem(relative) is not None:
        return None
    try:
        base = Path(folder).resolve()
        target = (base / relative).resolve()
    except (OSError, ValueError, RuntimeError):  # a loop of links, a path the system refuses
        return None
    if target != base and base not in target.parents:
        return None
    return target


def inside_folder(folder: str, path: Path) -> bool:
    """Whether ``path``, once every link is followed, is in ``folder`` (False if it cannot be resolved)."""
    try:
        base = Path(folder).resolve()
        target = path.resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return target == base or base in target.parents


def is_file(path: Path) -> bool:
    """``path.is_file()`` that says False, instead of raising, for a path the system refuses."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def portrait_images(folder: Path) -> list[Path]:
    """The files of a portrait folder the app may show: ``<emotion>.svg/.png/.jpg/.jpeg``, in order."""
    from .levels import EMOTION_NAMES

    return [folder / f"{stem}{suffix}" for stem in EMOTION_NAMES for suffix in PORTRAIT_SUFFIXES
            if is_file(folder / f"{stem}{suffix}")]


def image_in(folder: Path, stems: list[str], within: str = "") -> Path | None:
    """The first ``<stem><suffix>`` image in ``folder``; with ``within``, only one that stays inside
    that folder (a link to a file elsewhere is skipped, as the checks report it)."""
    for stem in stems:
        for suffix in PORTRAIT_SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if is_file(candidate) and (not within or inside_folder(within, candidate)):
                return candidate
    return None
