"""What the screenshot scripts share: the repository on the import path, Qt offscreen, the
output folder and window size options, waiting for a screen to settle (layouts and repaints run
in the event loop) and saving it as a PNG."""

from __future__ import annotations

import argparse
import os
import sys
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
    """The output folder (made if needed) and the window's width and height."""
    width, height = (int(x) for x in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return out, width, height


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
