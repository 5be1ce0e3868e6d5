"""A child process for the crash and concurrency tests: plays and writes through a real ProgressStore.

    python player.py crash DATA_DIR SCENARIO   plays one attempt to the end, then one step of a second
                                               attempt, printing a line after each commit; then writes
                                               in a tight loop until it is killed (SIGKILL).
    python player.py writer DATA_DIR SCENARIO NAME COUNT
                                               waits for a line on stdin, then plays COUNT whole attempts
                                               as trainee NAME and prints 'done'.

Lines on stdout are the only synchronisation: the parent never sleeps.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.core.progress import ProgressStore  # noqa: E402


def say(*words):
    print(*words, flush=True)


def crash(data_dir, scenario_path):
    scenario = ScenarioLoader().load(scenario_path).scenario
    store = ProgressStore(data_dir)
    trainee = store.add_trainee("Crash Test")
    say("trainee", trainee.id)
    first = store.start_attempt(trainee.id, scenario, "practice")
    session = PlaySession(scenario)
    for pick in (2, 0):  # the WOW path
        step = session.choose(pick, 1.5)
        number = store.record_step(first, step)
        say("step", first, number, step.node, step.choice.reply or "-", session.node.id)
    store.finish_attempt(first, session.result())
    say("finished", first)
    second = store.start_attempt(trainee.id, scenario, "assessment")
    session = PlaySession(scenario)
    step = session.choose(1, 3.25)
    number = store.record_step(second, step)
    say("step", second, number, step.node, step.choice.reply or "-", session.node.id)
    # Keep writing (a scratch practice attempt: a step, then take it back) so the kill lands mid-write.
    scratch = store.start_attempt(trainee.id, scenario, "practice")
    scratch_step = PlaySession(scenario).choose(0)
    say("busy", scratch)
    while True:
        store.record_step(scratch, scratch_step)
        store.remove_last_step(scratch)


def writer(data_dir, scenario_path, name, count):
    scenario = ScenarioLoader().load(scenario_path).scenario
    store = ProgressStore(data_dir)
    trainee = store.trainee_by_name(name) or store.add_trainee(name)
    say("ready")
    sys.stdin.readline()
    for i in range(count):
        attempt = store.start_attempt(trainee.id, scenario, "practice")
        session = PlaySession(scenario)
        for pick in ((2, 0), (1, 0), (0, 1))[i % 3]:
            store.record_step(attempt, session.choose(pick, 1.0))
        store.finish_attempt(attempt, session.result())
    say("done")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "crash":
        crash(*args)
    elif command == "writer":
        writer(args[0], args[1], args[2], int(args[3]))
    else:
        sys.exit(f"unknown command {command}")
