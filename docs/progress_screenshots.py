"""Render the progress view, the class view and the trainee picker to docs/images/, offscreen.

    python3 docs/progress_screenshots.py [--out docs/images] [--size 1280x800]

The data is made by really playing the bundled scenarios through the engine and the progress
store (three weeks of one trainee's practice; a class whose histories are exported and
imported), so the pictures show what the store computes. Look at them before committing.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shots import options, output, save  # noqa: E402  (also puts the repository on the path, Qt offscreen)

from simulator.core.analysis import analyze  # noqa: E402
from simulator.core.assets import bundled_dir  # noqa: E402
from simulator.core.engine import PlaySession  # noqa: E402
from simulator.core.levels import Level  # noqa: E402
from simulator.core.loader import ScenarioLoader  # noqa: E402
from simulator.core.progress import ProgressStore, import_files, write_trainee_json  # noqa: E402


def load_library() -> list:
    loader = ScenarioLoader()
    scenarios = [loader.load(p).scenario for p in sorted(bundled_dir("scenarios").glob("*.yaml"))]
    return sorted((s for s in scenarios if s is not None), key=lambda s: s.title)


class Player:
    """Plays whole attempts into a store: the canonical path of a level, or a random one."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self._paths: dict[str, dict] = {}

    def canonical(self, scenario, level: Level):
        if scenario.id not in self._paths:
            self._paths[scenario.id] = analyze(scenario).canonical
        path = self._paths[scenario.id].get(level)
        return [c.reply for c in path.choices] if path else None

    def play(self, store: ProgressStore, trainee_id: str, scenario, when: datetime, level: Level | None = None,
             mode: str = "practice") -> None:
        attempt = store.start_attempt(trainee_id, scenario, mode, now=when)
        session = PlaySession(scenario)
        keys = self.canonical(scenario, level) if level is not None else None
        clock = when
        while not session.ended:
            offered = session.available_replies()
            if not offered:
                step = session.time_out()
            else:
                key = keys[len(session.steps)] if keys and len(session.steps) < len(keys) else None
                pick = key if key in [r.key for r in offered] else self.random.randrange(len(offered))
                step = session.choose(pick, round(self.random.uniform(3, 14), 1))
            clock += timedelta(seconds=step.seconds)
            store.record_step(attempt, step, now=clock)
        store.finish_attempt(attempt, session.result(), now=clock)


def fill_trainee(store: ProgressStore, trainee_id: str, library: list, player: Player, now: datetime,
                 days: int, per_day: tuple[int, int], improve: float, skip_days: float = 0.25) -> None:
    """``days`` of practice ending today; levels drift from random towards WOW as ``improve`` grows."""
    rng = player.random
    for back in range(days, -1, -1):
        if back and rng.random() < skip_days:
            continue
        day = now - timedelta(days=back, hours=rng.uniform(1, 5))
        for i in range(rng.randint(*per_day)):
            scenario = rng.choice(library)
            progress = 1 - back / max(1, days)
            roll = rng.random()
            level = (Level.WOW if roll < improve * progress else Level.STANDARD if roll < 0.55 + improve * progress / 3
                     else None)
            player.play(store, trainee_id, scenario, day + timedelta(minutes=15 * i), level,
                        "assessment" if rng.random() < 0.2 else "practice")


def build_trainee_store(folder: Path, library: list, now: datetime):
    store = ProgressStore(folder)
    ana = store.add_trainee("Ana Lima", now=now - timedelta(days=30))
    store.add_trainee("Sam Okafor", now=now - timedelta(days=2))
    store.add_trainee("Marta", now=now - timedelta(days=40))
    player = Player(7)
    pool = [s for i, s in enumerate(library) if i % 3 != 2]  # two thirds of the library so far
    fill_trainee(store, ana.id, pool, player, now, days=20, per_day=(1, 2), improve=0.8)
    marta = store.trainee_by_name("Marta")
    player.play(store, marta.id, library[3], now - timedelta(days=9), Level.STANDARD)
    return store, ana


def build_class_store(folder: Path, library: list, now: datetime) -> ProgressStore:
    trainer = ProgressStore(folder / "trainer")
    exports = []
    class_list = [("Ben Carter", 11, 0.7), ("Chloé Dubois", 16, 0.9), ("Dmitri Volkov", 6, 0.2),
                  ("Efua Mensah", 12, 0.6), ("Grace Ho", 3, 0.5)]
    for n, (name, days, improve) in enumerate(class_list):
        store = ProgressStore(folder / f"t{n}")
        trainee = store.add_trainee(name, now=now - timedelta(days=days + 3))
        player = Player(100 + n)
        pool = library[n:] + library[:n]
        pool = pool[:4 + 2 * days // 3]
        fill_trainee(store, trainee.id, pool, player, now - timedelta(days=n), days, (1, 2), improve, 0.4)
        if name.startswith("Dmitri"):  # stuck: Low twice or more, never better
            for k in range(3):
                player.play(store, trainee.id, library[1], now - timedelta(days=4 - k), Level.LOW)
                player.play(store, trainee.id, library[5], now - timedelta(days=3 - k), Level.LOW)
        exports.append(write_trainee_json(store, trainee.id, folder / f"{n}.json"))
        store.close()
    import_files(trainer, exports)
    local = trainer.add_trainee("Trainer demo", now=now - timedelta(days=1))
    Player(1).play(trainer, local.id, library[0], now - timedelta(hours=3), Level.WOW)
    return trainer


def main() -> int:
    out, width, height = output(options(__doc__.splitlines()[0], "1280x800").parse_args())

    from PySide6.QtGui import QFont

    from simulator.gui.base import fonts
    from simulator.gui.app import application
    from simulator.gui.progress.class_view import ClassView
    from simulator.gui.progress.progress_view import ProgressView
    from simulator.gui.progress.trainee_picker import TraineePicker

    app = application()
    font = QFont(app.font())
    font.setPointSizeF(fonts.base_point_size(font.pointSizeF() if font.pointSizeF() > 0 else 10.0, 1.0))
    app.setFont(font)

    now = datetime.now(timezone.utc).replace(microsecond=0)
    library = load_library()
    with tempfile.TemporaryDirectory(prefix="simulator-progress-shots-") as home:
        home = Path(home)
        store, ana = build_trainee_store(home / "laptop", library, now)
        view = ProgressView()
        view.resize(width, height)
        view.show()
        view.show_progress(store, ana, library, now)
        save(view, out, "progress")

        picker = TraineePicker(store, None, ana.id)
        picker.show()
        save(picker, out, "trainee-picker")
        picker.close()
        store.close()

        trainer = build_class_store(home, library, now)
        classes = ClassView()
        classes.resize(width, height)
        classes.show()
        classes.show_class(trainer, library, now)
        save(classes, out, "class")
        trainer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
