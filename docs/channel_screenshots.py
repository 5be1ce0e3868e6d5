"""Render the play screen in each channel (face to face, chat, e-mail, social, phone), offscreen.

    python3 docs/channel_screenshots.py [--out docs/images] [--size 1366x768] [--scale 1.5]

The bundled library has no e-mail scenario, so the e-mail picture plays the chat scenario as an
e-mail. Look at the pictures after changing how a channel looks.
"""

from __future__ import annotations

import sys
import tempfile

from shots import ROOT, options, output, save, settle  # noqa: E402  (also puts the repository on the path)

SHOTS = (("face-to-face", "regular-at-the-counter", None), ("chat", "the-last-person-promised", None),
         ("email", "the-last-person-promised", "email"), ("social", "one-star-in-public", None),
         ("phone", "bereaved-traveller", None))


def main() -> int:
    parser = options(__doc__.splitlines()[0], "1366x768")
    parser.add_argument("--scale", type=float, default=1.0, help="text size, 1.5 for 150%%")
    parser.add_argument("--replies", type=int, default=2, help="replies to play before the picture")
    args = parser.parse_args()
    out, width, height = output(args)

    from PySide6.QtCore import QEventLoop

    from simulator.core.loader import ScenarioLoader
    from simulator.gui.app import application
    from simulator.gui.main_window import MainWindow
    from simulator.gui.settings import Settings

    application()
    settings = Settings(tempfile.mkdtemp(prefix="simulator-shots-"))
    settings.font_scale = args.scale
    window = MainWindow(settings, persist=False)
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    window.library_ready.connect(loop.quit)
    window.load_library()
    loop.exec()
    suffix = "" if args.scale == 1.0 else f"-{round(args.scale * 100)}"
    for channel, scenario_id, as_channel in SHOTS:
        path = ROOT / "scenarios" / f"{scenario_id}.yaml"
        text = path.read_text(encoding="utf-8")
        if as_channel:
            text = "\n".join(f"channel: {as_channel}" if line.startswith("channel:") else line
                             for line in text.splitlines())
        scenario = ScenarioLoader().load_bytes(text.encode("utf-8"), str(path)).scenario
        window.open_briefing(scenario)
        window.start_play("practice")
        for _ in range(args.replies):
            if window.play.session.ended:
                break
            window.play.choose(0)
        settle(1500)  # a chat message is typed for up to 1.2 s
        save(window, out, f"play-{channel}{suffix}")
        window.play.stop()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
