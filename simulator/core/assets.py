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


def resolve_scenario_asset(folder: str, relative: str) -> Path | None:
    """The asset's path, or None when it would leave the scenario's folder (absolute, '..', links)."""
    if not folder or os.path.isabs(relative) or relative.startswith(("/", "\\")) or ":" in relative:
        return None
    base = Path(folder).resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        return None
    return target
