"""Render the library, briefing, play and debrief screens to docs/images/*.png, offscreen.

    python3 docs/screenshots.py [--out docs/images] [--scenario ID] [--size 1366x768] [--scale 1.5]
        [--screens library,play,debrief]

With ``--scale`` the text is that much larger (as with Ctrl+=) and each file is named for it:
``--scale 1.5`` writes library-150.png.

Run it after changing a screen and look at the pictures before committing.
"""

from __future__ import annotations

import sys
import tempfile

from shots import options, output, save, settle  # noqa: E402  (also puts the repository on the path, Qt offscreen)


def sign_in_with_history(window) -> None:
    """A trainee who has played three scenarios, so that the library shows progress and reviews due."""
    from datetime import datetime, timedelta, timezone

    from simulator.core.engine import PlaySession

    window.record.open()
    store = window.record.store
    trainee = store.add_trainee("Ana Lima")
    now = datetime.now(timezone.utc)
    for scenario_id, reply, days_ago in (("first-bank-card", 0, 1), ("bereaved-traveller", 1, 5),
                                         ("no-receipt-return", 2, 10)):
        entry = next(c.entry for c in window.library.cards if c.entry.id == scenario_id)
        session = PlaySession(window.scenario_for(entry))
        when = now - timedelta(days=days_ago)
        attempt = store.start_attempt(trainee.id, session.scenario, "practice", now=when)
        while not session.ended:
            session.choose(min(reply, len(session.available_replies()) - 1))
            store.record_step(attempt, session.steps[-1], now=when)
        store.finish_attempt(attempt, session.result(), now=when)
    window.sign_in(trainee)


def main() -> int:
    parser = options(__doc__.splitlines()[0], "1366x768")
    parser.add_argument("--scenario", default="", help="the id of the scenario to play (default: the first one)")
    parser.add_argument("--replies", type=int, default=2, help="replies to play before the play screenshot")
    parser.add_argument("--scale", type=float, default=1.0, help="text size, as a factor (1.5 is 150%%)")
    parser.add_argument("--screens", default="library,briefing,play,debrief", help="which screens to save")
    args = parser.parse_args()
    out, width, height = output(args)
    suffix = "" if args.scale == 1.0 else f"-{round(args.scale * 100)}"
    wanted = {name.strip() for name in args.screens.split(",")}

    def shot(widget, name: str) -> None:
        if name in wanted:
            save(widget, out, name + suffix)

    from PySide6.QtCore import QEventLoop

    from simulator.core.levels import Level
    from simulator.gui.app import application
    from simulator.gui.main_window import MainWindow
    from simulator.gui.settings import Settings

    application()
    home = tempfile.mkdtemp(prefix="simulator-shots-")
    window = MainWindow(Settings(home), persist=False)
    window.resize(width, height)
    window.show()
    if args.scale != 1.0:
        window.apply_font_scale(args.scale)

    loop = QEventLoop()
    window.library_ready.connect(loop.quit)
    window.load_library()
    loop.exec()
    sign_in_with_history(window)
    settle()

    shot(window, "library")
    cards = [c for c in window.library.cards if c.playable]
    if not cards:
        print("no playable scenario in the library", file=sys.stderr)
        return 1
    card = next((c for c in cards if c.entry.id == args.scenario), cards[0])
    scenario = window.scenario_for(card.entry)
    window.open_briefing(scenario)
    shot(window, "briefing")
    window.start_play("practice")
    wow = window.analysis_for(scenario).canonical.get(Level.WOW)
    choices = list(wow.choices) if wow else []
    session = window.play.session
    for choice in choices[:args.replies]:
        if session.ended:
            break
        keys = [r.key for r in session.available_replies()]
        window.play.choose(keys.index(choice.reply) if choice.reply in keys else 0)
    shot(window, "play")
    for choice in choices[args.replies:]:
        if session.ended:
            break
        keys = [r.key for r in session.available_replies()]
        window.play.choose(keys.index(choice.reply) if choice.reply in keys else 0)
    while not session.ended:
        window.play.choose(0)
    window.show_debrief()
    shot(window, "debrief")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
