"""Checks on a built scenario that need no exploration of moods and flags."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from . import diagnostics as dx
from .assets import (PORTRAIT_SUFFIXES, asset_name_problem, bundled_portraits, inside_folder, is_file,
                     portrait_images, resolve_scenario_asset)
from .cues import giveaway_diagnostics
from .diagnostics import Diagnostic, Suggester, did_you_mean
from .model import Scenario


def check_structure(scenario: Scenario, problems: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
    """The graph checks. ``problems``: what the loader reported already; a node with an error in
    it may have lost replies the file has, so the checks that count replies skip it."""
    out: list[Diagnostic] = []
    path = scenario.path
    troubled = nodes_with_errors(scenario, problems)

    def report(code: dx.Code, message: str, pos, hint: str = "") -> None:
        out.append(Diagnostic(code, message, path, pos.line, pos.column, hint))

    nodes = scenario.nodes
    flags_set = {flag for node in nodes.values() for r in node.replies for flag in r.sets}
    suggest = Suggester()
    for node in nodes.values():
        routes = [(r.route, f"reply {r.index + 1} of node '{node.id}'") for r in node.replies]
        if node.timeout:
            routes.append((node.timeout.route, f"the timeout of node '{node.id}'"))
        for route, what in routes:
            for branch in route.branches:
                if branch.target not in nodes:
                    report(dx.UNKNOWN_NODE, f"{what} goes to '{branch.target}', which is not a node", branch.pos,
                           suggest(branch.target, nodes) or "add that node under 'nodes:' or fix the name")
                if branch.condition:
                    _check_flags(branch.condition.flags, flags_set, what, branch.pos, report, suggest)
        for reply in node.replies:
            if reply.condition:
                _check_flags(reply.condition.flags, flags_set, f"reply {reply.index + 1} of node '{node.id}'",
                             reply.pos, report, suggest)
            if reply.breach and reply.level.value != "low":
                report(dx.BREACH_LEVEL, f"reply {reply.index + 1} of node '{node.id}' breaks a rule but is level "
                                        f"{reply.level.value}", reply.pos,
                       "a reply that breaks a rule fails the attempt: set 'level: low' (the mood may still rise)")
        if node.is_loose_end:
            report(dx.LOOSE_END, f"node '{node.id}' is a loose end: it has no replies and no ending", node.pos,
                   "add 'replies:' or an 'ending:' with its level")
        elif len(node.replies) == 1 and not any(r.condition for r in node.replies) and node.id not in troubled:
            report(dx.SINGLE_OPTION, f"node '{node.id}' offers a single reply, so there is nothing to decide",
                   node.pos, "add at least one more reply, or merge this moment into the next node")
    start = nodes.get(scenario.start)
    if start is not None and start.is_ending:
        report(dx.START_IS_ENDING, f"the start node '{start.id}' is an ending", start.pos,
               "start at a node with replies")
    cycle = find_cycle(scenario)
    if cycle:
        first = nodes[cycle[0]]
        report(dx.CYCLE, "the conversation can go round in a loop: " + " -> ".join(cycle + [cycle[0]]), first.pos,
               "scenarios must end: send one of these routes to a new node instead of back")
    out.extend(_check_portrait(scenario))
    out.extend(giveaway_diagnostics(scenario))
    return out


def nodes_with_errors(scenario: Scenario, problems: Sequence[Diagnostic]) -> set[str]:
    """The nodes whose lines (from the node's own line to the next node's) hold an error."""
    lines = sorted(((node.pos.line, node.id) for node in scenario.nodes.values() if node.pos.line), reverse=True)
    out: set[str] = set()
    for d in problems:
        if d.is_error and d.line and (d.file or scenario.path) == scenario.path:
            out.update(next(([node_id] for line, node_id in lines if line <= d.line), []))
    return out


def _check_flags(used, flags_set, what, pos, report, suggest: Suggester) -> None:
    for flag in sorted(used - flags_set):
        report(dx.FLAG_NEVER_SET, f"{what} tests the flag '{flag}', which no reply sets", pos,
               suggest(flag, flags_set) or f"add 'sets: [{flag}]' to the reply that should set it")


def successors(scenario: Scenario, node_id: str) -> list[str]:
    node = scenario.nodes[node_id]
    out = [t for r in node.replies for t in r.route.targets]
    if node.timeout:
        out.extend(node.timeout.route.targets)
    return [t for t in out if t in scenario.nodes]


def successor_map(scenario: Scenario) -> dict[str, list[str]]:
    return {n: successors(scenario, n) for n in scenario.nodes}


def find_cycle(scenario: Scenario, succ: dict[str, list[str]] | None = None) -> list[str]:
    """One cycle of node ids, or [] when the graph is acyclic (iterative depth-first search)."""
    succ = succ if succ is not None else successor_map(scenario)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in scenario.nodes:
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(succ[root])]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            mark = state.get(nxt)
            if mark == 1:
                return path[path.index(nxt):]
            if mark is None:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(succ[nxt]))
    return []


def _check_portrait(scenario: Scenario) -> list[Diagnostic]:
    portrait = scenario.customer.portrait
    if not portrait:
        return []
    pos = (scenario.customer.portrait_pos.line, scenario.customer.portrait_pos.column)
    shown = portrait if len(portrait) <= 60 else portrait[:59] + "…"

    def problem(code: dx.Code, message: str, hint: str) -> list[Diagnostic]:
        return [Diagnostic(code, message, scenario.path, *pos, hint)]

    unusable = asset_name_problem(portrait)
    if unusable is not None:
        return problem(dx.BAD_VALUE, f"the portrait '{shown}' cannot be a file name: {unusable}",
                       "name a bundled portrait (e.g. 'maria') or an image file next to the scenario")
    if os.sep not in portrait and "/" not in portrait and not Path(portrait).suffix:
        known = bundled_portraits()
        if portrait in known:
            return []
        local = resolve_scenario_asset(scenario.folder, portrait)
        if local is None or not _exists(local):
            hint = did_you_mean(portrait, known) or f"bundled portraits: {', '.join(sorted(known)) or 'none'}"
            return problem(dx.MISSING_ASSET, f"there is no portrait named '{shown}'; a neutral face is shown", hint)
    target = resolve_scenario_asset(scenario.folder, portrait)
    if target is None:
        return problem(dx.ASSET_OUTSIDE, f"the portrait '{shown}' is outside the scenario's folder",
                       "keep images in the scenario's folder or a folder inside it")
    if not _exists(target):
        return problem(dx.MISSING_ASSET, f"the portrait file '{shown}' does not exist; a neutral face is shown",
                       "check the file name; it is relative to the scenario file")
    if is_file(target):
        if target.suffix.lower() not in PORTRAIT_SUFFIXES:
            return problem(dx.MISSING_ASSET, f"the portrait '{shown}' is not an image the app can show",
                           f"use one of: {', '.join(PORTRAIT_SUFFIXES)}")
        return []
    return [Diagnostic(dx.ASSET_OUTSIDE, f"the portrait file '{image.name}' in '{shown}' is a link to a file outside "
                                         "the scenario's folder; it is not shown", scenario.path, *pos,
                       "copy the image into the portrait's folder instead of linking to it")
            for image in portrait_images(target) if not inside_folder(scenario.folder, image)]


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
