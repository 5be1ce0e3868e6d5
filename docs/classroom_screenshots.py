"""Render presenter mode and the three levels side by side to docs/images/*.png, offscreen.

    python3 docs/classroom_screenshots.py [--out docs/images] [--scenario ID] [--size 1920x1080]

Writes presenter-decision.png (a decision with the class's votes, levels hidden),
presenter-revealed.png (the same decision after R), presenter-outcome.png (the end, after R),
class-debrief.png and three-levels.png. Run it after changing a classroom screen and look at
the pictures before committing: they are what a room sees on a projector.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shots import ROOT, save, screen_of, settle  # noqa: E402  (also puts the repository on the path, Qt offscreen)

DEFAULT_SCENARIO = "cash-withdrawal-queue"
VOTES = [(4, 11, 2), (3, 9, 12, 1)]  # the room's votes at the first two decisions, by reply


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, help="the id (file name) of a bundled scenario")
    parser.add_argument("--size", default="1920x1080", help="projector size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screen_of(width, height)

    from simulator.core.analysis import analyze
    from simulator.core.levels import Level
    from simulator.core.loader import ScenarioLoader
    from simulator.gui.app import application
    from simulator.gui.classroom import ClassroomWindow

    application()
    loaded = ScenarioLoader().load(ROOT / "scenarios" / f"{args.scenario}.yaml")
    if loaded.scenario is None:
        print(f"cannot load {args.scenario}: {loaded.diagnostics}", file=sys.stderr)
        return 1
    scenario = loaded.scenario
    analysis = analyze(scenario)

    window = ClassroomWindow(scenario, analysis, teams=["Red team", "Blue team"], facilitator=False)
    window.resize(width, height)
    window.show()
    presenter = window.presenter
    wow = list(analysis.canonical[Level.WOW].choices)
    low = list(analysis.canonical[Level.LOW].choices)

    # Red team: the room votes at the first decision, plays the majority, then votes at the second.
    presenter.next()
    for number, votes in enumerate(VOTES):
        run = presenter.run
        for index, count in enumerate(votes[:len(run.offered())]):
            presenter.record_votes("ABCD"[index], count)
        if number < len(VOTES) - 1:
            presenter.next()
    save(window, out, "presenter-decision")
    presenter.reveal(True)
    save(window, out, "presenter-revealed")
    for choice in wow[len(presenter.run.session.steps):]:
        if presenter.run.ended or choice.node != presenter.run.node.id:
            break
        presenter.play(presenter.run.letter_of(choice.reply)) if choice.reply else presenter.time_out()
    while not presenter.run.ended:  # the path left the canonical one: finish with the first reply
        presenter.play("A")
    presenter.next()  # the outcome
    save(window, out, "presenter-outcome")

    # Blue team takes the Low path, so the debrief has a scoreboard worth reading.
    presenter.next()
    presenter.next()
    for choice in low:
        presenter.play(presenter.run.letter_of(choice.reply)) if choice.reply else presenter.time_out()
    presenter.next()
    presenter.next()
    save(window, out, "class-debrief")

    window.show_three_levels()
    window.three_levels.show_all()
    settle(300)
    save(window, out, "three-levels")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
