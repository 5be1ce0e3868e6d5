"""The ``simulator`` command: the desktop app with no sub-command, the author's tools with one."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # the app starts without loading the author's tools
    from .core.loader import LoadResult


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simulator",
        description="Role-play simulator for customer-service training. With no command, starts the app.",
    )
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the app, show the main window, exit 0 once idle (for packaging checks)")
    parser.add_argument("--data-dir", metavar="DIR", help="where progress is kept (default: the user's data folder; "
                                                          "or set SIMULATOR_HOME)")
    parser.add_argument("--present", action="store_true",
                        help="start in presenter mode: a scenario opens full screen on the projector, with the "
                             "facilitator's window on the laptop")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check scenario files and report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--strict", action="store_true", help="warnings count as errors too")
    validate.add_argument("--format", choices=("text", "json"), default="text")

    analyze = sub.add_parser("analyze", help="paths, score range, reachable levels, canonical playthroughs")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    analyze.add_argument("--format", choices=("text", "json"), default="text")

    preview = sub.add_parser("preview", help="open a scenario as an author: live reload on save, problems, map")
    preview.add_argument("file", metavar="FILE")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format (for editors)")

    new = sub.add_parser("new", help="write a commented starter scenario that shows every feature once")
    new.add_argument("file", metavar="FILE")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    ids = sub.add_parser("ids", help="give every reply a stable id, written into the file in place",
                         description="Adds an 'id:' line to every reply that has none (a short slug of its words, "
                                     "unique in its node), so saved attempts and class votes keep naming the same "
                                     "reply after the file is edited. Nothing else in the file changes; a file with "
                                     "errors is left as it was.")
    ids.add_argument("paths", nargs="+", metavar="FILE", help="scenario files or folders")
    ids.add_argument("--check", action="store_true", help="change nothing; exit 1 if a reply has no id")

    graph = sub.add_parser("graph", help="export the scenario map as SVG or Graphviz DOT")
    graph.add_argument("file", metavar="FILE")
    graph.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.svg or OUT.dot")
    graph.add_argument("--format", choices=("svg", "dot"), help="default: from the output file's extension")

    from .cli_xapi import add_parsers  # play, sync, lrs: the attempt's way to the LRS

    add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.paths, args.strict, args.format)
        if args.command == "analyze":
            return analyze(args.paths, args.format)
        if args.command == "schema":
            from .core.json_schema import schema_text

            sys.stdout.write(schema_text())
            return 0
        if args.command == "new":
            return new_scenario(args.file, args.force)
        if args.command == "graph":
            return export_graph(args.file, args.output, args.format)
        if args.command == "ids":
            return add_reply_ids(args.paths, args.check)
        if args.command == "preview":
            return start_preview(args)
        if args.command in ("play", "sync", "lrs"):
            from .cli_xapi import run

            return run(args)
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


def start_preview(args: argparse.Namespace) -> int:
    try:
        from .gui.app import run_preview
    except ImportError as exc:
        print(f"simulator: the preview cannot start: {exc}", file=sys.stderr)
        return 1
    return run_preview(args.file, args)


def _load(paths: Sequence[str]) -> "list[LoadResult] | None":
    from .core.loader import ScenarioLoader, scenario_files

    files = scenario_files(paths)
    if not files:
        print("simulator: no scenario files (.yaml, .yml) found in " + ", ".join(paths), file=sys.stderr)
        return None
    return ScenarioLoader().load_many(files)


def validate(paths: Sequence[str], strict: bool = False, fmt: str = "text") -> int:
    results = _load(paths)
    if results is None:
        return 1
    diags = [d for r in results for d in r.diagnostics]
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
    from .core.cues import cue_rates
    from .core.playthrough import playthrough

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
        analysis = result.analysis or run_analysis(scenario)
        cues = cue_rates(scenario)
        if fmt == "json":
            report[result.path] = {"id": scenario.id, "title": scenario.title, **analysis.to_json(),
                                   "cues": [c.to_json() for c in cues]}
            continue
        print(f"{result.path}: {scenario.title}")
        print(f"  paths: {analysis.paths_text()}   decisions: {analysis.min_decisions}-{analysis.max_decisions}   "
              f"score range: {analysis.worst_score}-{analysis.best_score}")
        print("  reachable levels: " + ", ".join(lv.label for lv in analysis.reachable_levels))
        if cues[0].decisions:
            print(f"  surface cues, share of the {cues[0].decisions} decisions where the WOW reply is "
                  + ", ".join(f"{c.cue.description}: {c.rate:.0%}" + (" (gives it away)" if c.gives_away else "")
                              for c in cues))
        endings = [f"{e} ({scenario.nodes[e].ending.level.label})" for e in analysis.reachable_endings]
        print("  endings reached: " + ", ".join(endings))
        for level, path in analysis.canonical.items():
            print(f"\n  {level.label} playthrough (score {path.score}, ending '{path.ending}'):")
            try:
                lines = playthrough(scenario, path).lines
            except ValueError as exc:  # pragma: no cover - the analysis was made from this very file
                lines = ()
                print(f"    ({exc})")
            for line in lines:
                who = {"customer": scenario.customer.name or "Customer", "narration": "*",
                       "employee": f"You [{line.level.label if line.level else ''}]"}[line.speaker]
                print(f"    {who}: {' '.join(line.text.split())}")
        print()
    if fmt == "json":
        print(json.dumps(report, indent=2))
    return 1 if failed else 0


def new_scenario(file: str, force: bool = False) -> int:
    from pathlib import Path

    from .core.json_schema import SCHEMA_FILE
    from .core.starter import starter_text

    path = Path(file)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = path.with_suffix(".yaml")
    if path.exists() and not force:
        print(f"simulator: {path} exists already; choose another name or add --force", file=sys.stderr)
        return 1
    try:
        path.write_text(starter_text(SCHEMA_FILE.resolve().as_uri()), encoding="utf-8")
    except OSError as exc:
        print(f"simulator: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}: edit it, then run 'simulator validate {path}'")
    return 0


def add_reply_ids(paths: Sequence[str], check: bool = False) -> int:
    from .core.catalog import scenario_files
    from .core.reply_ids import add_ids, describe

    files = scenario_files(paths)
    if not files:
        print("simulator: no scenario files (.yaml, .yml) found in " + ", ".join(paths), file=sys.stderr)
        return 1
    failed = False
    for path in files:
        result, _ = add_ids(path, write=not check)
        failed |= bool(result.refused) or (check and bool(result.added))
        if check and result.added and not result.refused:
            print(f"{result.path}: {len(result.added)} repl{'y' if len(result.added) == 1 else 'ies'} without an id "
                  f"(run 'simulator ids {result.path}')")
        else:
            print("\n".join(describe(result)))
    return 1 if failed else 0


def export_graph(file: str, output: str, fmt: str | None = None) -> int:
    from pathlib import Path

    from .core.analysis import analyze as run_analysis
    from .core.graph_export import to_dot, to_svg
    from .core.graph_layout import layout_scenario
    from .core.loader import ScenarioLoader

    fmt = fmt or ("dot" if Path(output).suffix.lower() in (".dot", ".gv") else "svg")
    result = ScenarioLoader().load(file)
    if result.scenario is None:
        print(f"{file}: cannot draw the map until its errors are fixed:")
        for d in result.errors:
            print("  " + d.format().replace("\n", "\n  "))
        return 1
    scenario = result.scenario
    smap = layout_scenario(scenario, run_analysis(scenario))
    text = to_dot(scenario, smap) if fmt == "dot" else to_svg(scenario, smap)
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"simulator: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {output} ({len(smap.nodes)} nodes, {len(smap.edges)} routes)")
    return 0
