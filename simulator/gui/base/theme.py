"""Colours and fonts shared by every screen. Level colours always travel with the level's name."""

from __future__ import annotations

from ...core.levels import Level

# Colour-blind-safe hues (Okabe-Ito), dark enough for white text and readable on a projector.
LEVEL_COLORS = {
    Level.LOW: "#B8411E",       # vermilion
    Level.STANDARD: "#2E6DA4",  # blue
    Level.WOW: "#1B7F5C",       # bluish green
}
LEVEL_SYMBOLS = {Level.LOW: "▼", Level.STANDARD: "●", Level.WOW: "★"}  # shape as a second carrier of meaning

TEXT = "#1F2328"
MUTED = "#57606A"
BACKGROUND = "#F6F8FA"
CARD = "#FFFFFF"
ACCENT = "#6B4FBB"
BORDER = "#D0D7DE"


def level_badge_text(level: Level) -> str:
    """'★ WOW', '● Standard', '▼ Low': the name is always there, colour or not."""
    return f"{LEVEL_SYMBOLS[level]} {level.label}"


def level_badge_style(level: Level, point_size: int = 0) -> str:
    size = f"font-size: {point_size}pt;" if point_size else ""
    return (f"background: {LEVEL_COLORS[level]}; color: white; border-radius: 6px; padding: 2px 10px;"
            f" font-weight: 600; {size}")
