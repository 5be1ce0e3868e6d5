"""The ``simulator`` command: the desktop app with no sub-command, the author's tools with one."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .core.diagnostics import Diagnostic
from .core.loader import LoadResult, ScenarioLoader, scenario_files


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simulator",
        description="Role-play simulator for customer-service training. With no command, starts the app.",
    )
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the app, show the main window, exit 0 once idle (for packaging checks)")
    parser.add_argument("--data-dir", metavar="DIR", help="where progress is kept (default: the user's data folder; "
                                                          "or set SIMULATOR_HOME)")
    parser.add_argument("--present", action="store_true", help="start in presenter mode, full screen")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check scenario files and report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--strict", action="store_true", help="warnings count as errors too")
    validate.add_argument("--format", choices=("text", "json"), default="text")

    analyze = sub.add_parser("analyze", help="paths, score range, reachable levels, canonical playthroughs")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    analyze.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.paths, args.strict, args.format)
        if args.command == "analyze":
            return analyze(args.paths, args.format)
    except BrokenPipeError:  # output piped into 'head' and closed early
        sys.stderr.close()
        return 0
    return start_app(args)


def start_app(args: argparse.Namespace) -> int:
    try:
        from .gui.app import run
    except ImportError as exc:  # the app's package or Qt itself is missing
        print(f"simulator: the desktop app cannot start: {exc}", file=sys.stderr)
        return 1
    return run(args)


def _load(paths: Sequence[str]) -> list[LoadResult] | None:
    files = scenario_files(paths)
    if not files:
        print("simulator: no scenario files (.yaml, .yml) found in " + ", ".join(paths), file=sys.stderr)
        return None
    return ScenarioLoader().load_many(files)


def validate(paths: Sequence[str], strict: bool = False, fmt: str = "text") -> int:
    results = _load(paths)
    if results is None:
        return 1
    diags: list[Diagnostic] = [d for r in results for d in r.diagnostics]
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        print(json.dumps({
            "files": len(results), "errors": errors, "warnings": warnings, "ok": not failed,
            "diagnostics": [d.to_json() for d in diags],
        }, indent=2))
    else:
        for d in diags:
            print(d.format())
        print(f"{len(results)} file{'s' * (len(results) != 1)} checked: "
              f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
              + (" (warnings count: --strict)" if strict and warnings else ""))
    return 1 if failed else 0


def analyze(paths: Sequence[str], fmt: str = "text") -> int:
    from .core.analysis import analyze as run_analysis
    from .core.engine import PlaySession

    results = _load(paths)
    if results is None:
        return 1
    failed = False
    report = {}
    for result in results:
        if result.scenario is None:
            failed = True
            if fmt == "json":
                report[result.path] = {"errors": [d.to_json() for d in result.errors]}
            else:
                print(f"{result.path}: cannot be analysed until its errors are fixed:")
                for d in result.errors:
                    print("  " + d.format().replace("\n", "\n  "))
            continue
        scenario = result.scenario
        analysis = run_analysis(scenario)
        if fmt == "json":
            report[result.path] = {"id": scenario.id, "title": scenario.title, **analysis.to_json()}
            continue
        print(f"{result.path}: {scenario.title}")
        print(f"  paths: {analysis.path_count:,}   decisions: {analysis.min_decisions}-{analysis.max_decisions}   "
              f"score range: {analysis.worst_score}-{analysis.best_score}")
        print("  reachable levels: " + ", ".join(lv.label for lv in analysis.reachable_levels))
        endings = [f"{e} ({scenario.nodes[e].ending.level.label})" for e in analysis.reachable_endings]
        print("  endings reached: " + ", ".join(endings))
        for level, path in analysis.canonical.items():
            session = PlaySession(scenario)
            session.replay(path.choices)
            print(f"\n  {level.label} playthrough (score {path.score}, ending '{path.ending}'):")
            for line in session.transcript():
                who = {"customer": scenario.customer.name or "Customer", "narration": "*",
                       "employee": f"You [{line.level.label if line.level else ''}]"}[line.speaker]
                print(f"    {who}: {' '.join(line.text.split())}")
        print()
    if fmt == "json":
        print(json.dumps(report, indent=2))
    return 1 if failed else 0
