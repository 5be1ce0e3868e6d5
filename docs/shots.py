"""What the screenshot scripts share: the repository on the import path, Qt offscreen, the
output folder and window size options, waiting for a screen to settle (layouts and repaints run
in the event loop) and saving it as a PNG."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def options(description: str, size: str) -> argparse.ArgumentParser:
    """The options every script takes: ``--out`` (folder) and ``--size`` (WIDTHxHEIGHT)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--size", default=size, help="window size, WIDTHxHEIGHT")
    return parser


def output(args: argparse.Namespace) -> tuple[Path, int, int]:
    """The output folder (made if needed) and the window's width and height; call it before the
    app starts, so the off-screen screen is that size too (windows fit themselves to the screen)."""
    width, height = (int(x) for x in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screen_of(width, height)
    return out, width, height


def screen_of(width: int, height: int) -> None:
    """Qt's off-screen platform with one screen of this size (its default is 800x600)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / f"simulator-screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "Screen", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
                      encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}")
