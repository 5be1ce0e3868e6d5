"""The command line's LRS side: ``play`` (headless), ``sync``, ``lrs check`` and ``lrs set``.

Every failure is a plain sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parsers(sub: argparse._SubParsersAction) -> None:
    def data_dir(parser: argparse.ArgumentParser) -> None:
        # SUPPRESS: a --data-dir given before the command is not overwritten by the command's default
        parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                            help="the data folder holding progress.db (default: as for the app)")

    def credentials(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--lrs", metavar="URL", help="the LRS's xAPI address (default: the saved setting)")
        parser.add_argument("--key", metavar="K", help="the LRS key (user name)")
        parser.add_argument("--secret", metavar="S", help="the LRS secret (password)")

    play = sub.add_parser("play", help="play a scenario without the app, recording the attempt like the app does")
    play.add_argument("file", metavar="FILE")
    play.add_argument("--pick", required=True, metavar="wow|standard|low|longest|shortest|first|N,N,...",
                      help="the reply to take at each decision: the first of a level (else the nearest lower "
                           "level, else the first reply), the longest or shortest, the first offered, or reply "
                           "numbers in order (1-based)")
    play.add_argument("--trainee", metavar="NAME",
                      help="who plays (added when new): the attempt is saved in the data folder as the app saves "
                           "it; without it nothing is saved")
    play.add_argument("--mode", choices=("practice", "assessment"), default="practice")
    play.add_argument("--format", choices=("text", "json"), default="text")
    data_dir(play)

    sync = sub.add_parser("sync", help="send the statements waiting in the outbox to the LRS")
    data_dir(sync)
    credentials(sync)

    lrs = sub.add_parser("lrs", help="the Learning Record Store: test the connection, save the settings")
    lrs_sub = lrs.add_subparsers(dest="lrs_command", metavar="ACTION", required=True)
    check = lrs_sub.add_parser("check", help="test the connection (GET /xAPI/about) and the key and secret")
    data_dir(check)
    credentials(check)
    setting = lrs_sub.add_parser("set", help="save the LRS settings (sending is off until --enable)")
    data_dir(setting)
    credentials(setting)
    setting.add_argument("--home-page", metavar="URL", help="the organisation's home page for trainee accounts")
    setting.add_argument("--activity-base", metavar="IRI", help="scenario activity ids start with this")
    setting.add_argument("--send-names", choices=("yes", "no"), help="send trainees' display names too")
    onoff = setting.add_mutually_exclusive_group()
    onoff.add_argument("--enable", action="store_true", help="opt in: queue and send every attempt")
    onoff.add_argument("--disable", action="store_true", help="stop queuing statements")


def run(args: argparse.Namespace) -> int:
    from .core.xapi.config import SettingsError

    try:
        if args.command == "play":
            return play(args)
        if args.command == "sync":
            return sync(args)
        if args.lrs_command == "check":
            return check(args)
        return set_settings(args)
    except SettingsError as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1


def _data_dir(args: argparse.Namespace):
    from .core.progress import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None)).path


def _settings(args: argparse.Namespace):
    from .core.xapi import config

    return config.load(_data_dir(args)).with_overrides(args.lrs, args.key, args.secret)


def _client(settings):
    from .core.xapi.client import LrsClient

    if not settings.endpoint:
        raise _NoEndpoint()
    try:
        return LrsClient(settings.endpoint, settings.key, settings.secret)
    except ValueError as exc:
        raise _NoEndpoint(str(exc)) from exc


class _NoEndpoint(Exception):
    def __str__(self) -> str:
        detail = self.args[0] + ". " if self.args else ""
        return (f"{detail}No LRS address is set: give --lrs URL, or save one with "
                f"'simulator lrs set --lrs URL --key K --secret S'.")


def play(args: argparse.Namespace) -> int:
    from .core.headless import PlayError, parse_pick, play as run_play
    from .core.loader import ScenarioLoader
    from .core.progress import ProgressError

    result = ScenarioLoader().load(args.file)
    if result.scenario is None:
        print(f"{args.file}: cannot be played until its errors are fixed:", file=sys.stderr)
        for d in result.errors:
            print("  " + d.format().replace("\n", "\n  "), file=sys.stderr)
        return 1
    if args.trainee is not None and not args.trainee.strip():
        print("simulator: --trainee needs a name (who plays); leave it out to play without saving.",
              file=sys.stderr)
        return 1
    try:
        folder = _data_dir(args) if args.trainee else None
        played = run_play(result.scenario, parse_pick(args.pick), args.trainee, folder, args.mode)
    except (PlayError, ProgressError) as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(played.to_json(), indent=2, ensure_ascii=False))
        return 0
    name = result.scenario.customer.name or "Customer"
    for line in played.transcript:
        who = {"customer": name, "employee": "You"}.get(line.speaker)
        print(f"{who}: {line.text}" if who else f"({line.text.strip('()')})")
        print()
    money = f"{played.currency} " if played.currency else ""
    print(f"{result.scenario.title}: {played.level} (score {played.score}/100 · {played.band}; compliance "
          f"{played.compliance}) in {len(played.steps)} decisions; value kept {money}{played.value_kept:,.0f}, "
          f"lost {money}{played.value_lost:,.0f}")
    for breach in played.breaches:
        print(f"  rule broken: {breach}")
    if played.attempt_id:
        print(f"Saved as attempt {played.attempt_id}" + (f"; {played.queued} statements queued for the LRS"
                                                          if played.queued else "") + ".")
    return 0


def sync(args: argparse.Namespace) -> int:
    from .core.progress import DB_FILENAME
    from .core.xapi.outbox import Outbox, sync as run_sync

    folder = _data_dir(args)
    if not (folder / DB_FILENAME).exists():
        print(f"simulator: there is no progress file in {folder}: nothing to send.", file=sys.stderr)
        return 1
    from .core.progress import ProgressError, ProgressStore

    try:
        ProgressStore(folder).close()  # opens (and migrates) the file like the app does
    except ProgressError as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    settings = _settings(args)
    if not settings.ready:  # the opt-in holds here as in the app: what waits stays, unsent
        with Outbox(folder / DB_FILENAME) as outbox:
            waiting = outbox.waiting()
        print(f"simulator: sending is off for {folder}: nothing was sent, {waiting} waiting. The organisation "
              f"opts in with 'simulator lrs set --home-page URL --enable'.", file=sys.stderr)
        return 1
    try:
        client = _client(settings)
    except _NoEndpoint as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    with Outbox(folder / DB_FILENAME) as outbox:
        report = run_sync(outbox, client)
    print(report.line())
    for refused in report.refused:
        print(f"  refused by the LRS (HTTP {refused.status}): {refused.verb} statement {refused.id}: {refused.reason}",
              file=sys.stderr)
    if report.error:
        print(f"simulator: {report.error}. Nothing was lost: the {report.pending} waiting statement"
              f"{'s' * (report.pending != 1)} will be sent by the next sync.", file=sys.stderr)
        return 2
    return 1 if report.refused else 0


def check(args: argparse.Namespace) -> int:
    from .core.xapi.client import LrsUnreachable

    try:
        client = _client(_settings(args))
    except _NoEndpoint as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    try:
        about = client.about()
        probe = client.get_statements({"limit": 1})
    except LrsUnreachable as exc:
        print(f"The LRS cannot be reached: {exc}. Check the address and your network.", file=sys.stderr)
        return 2
    if about.ok:
        versions = (about.json() or {}).get("version", []) if isinstance(about.json(), dict) else []
        print(f"The LRS at {client.base} answers; it speaks xAPI {', '.join(versions) or '(versions not given)'}.")
        if versions and "1.0.3" not in versions:
            print("Warning: it does not list xAPI 1.0.3, the version this app sends.")
    else:
        print(f"The LRS at {client.base} answers, but does not publish /about (HTTP {about.status}).")
    if probe.status in (401, 403):
        print(f"The key and secret were refused (HTTP {probe.status}): check them with the LRS's administrator.",
              file=sys.stderr)
        return 1
    if not probe.ok:
        print(f"Reading statements failed (HTTP {probe.status}: {probe.reason()}).", file=sys.stderr)
        return 1
    print("The key and secret are accepted.")
    return 0


def set_settings(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .core.xapi import config

    folder = _data_dir(args)
    settings = _settings(args)
    changes: dict = {}
    if args.home_page is not None:
        changes["home_page"] = args.home_page
    if args.activity_base is not None:
        changes["activity_base"] = args.activity_base
    if args.send_names is not None:
        changes["send_names"] = args.send_names == "yes"
    if args.enable:
        changes["enabled"] = True
    if args.disable:
        changes["enabled"] = False
    settings = replace(settings, **changes)
    try:
        where = config.save(folder, settings)
    except config.SettingsError as exc:
        print(f"simulator: nothing was saved. {exc}", file=sys.stderr)
        return 1
    print(f"Saved the LRS settings in {folder / config.SETTINGS_FILE}; the secret is kept in {where}. Sending is "
          f"{'on' if settings.enabled else 'off'}.")
    return 0
