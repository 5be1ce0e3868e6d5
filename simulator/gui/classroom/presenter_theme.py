"""The projector theme: near-black on white, thick dark outlines, text sized from the screen.

A washed-out projector in a lit room turns light greys and pale tints into white and dark
greys into mid-grey, so nothing here relies on a tint: cards are outlined, muted text is
still dark, and levels keep the shared colours (theme.LEVEL_COLORS, white text on them)
together with their symbol and name (theme.level_badge_text). Sizes are pixels derived from
the height of the presenting window, so the room sees the same proportions on any projector.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ...core.classroom import ScoreRow
from ...core.levels import Level
from ...core.scoring import PathResult
from ..base import theme
from ..practice import report

BACKGROUND = "#FFFFFF"
TEXT = "#111111"
MUTED = "#3A3F46"  # still about 10:1 on white
ACCENT = "#3F2A8C"  # deep violet: letter badges, the picked reply
OUTLINE = "#111111"
SOFT_OUTLINE = "#6B7078"
BLANK = "#000000"
OVERLAY = "#1B1B1F"  # opaque: the scene behind would muddle the key list
PASS_COLOR = theme.LEVEL_COLORS[Level.WOW]
FAIL_COLOR = theme.LEVEL_COLORS[Level.LOW]

# Text roles as multiples of the body size.
ROLES = {
    "display": 2.0,  # title screen
    "title": 1.45,   # outcome headline
    "scene": 1.2,    # the customer's words
    "body": 1.0,     # replies, transcript
    "small": 0.8,    # feedback, captions, the header strip
    "tiny": 0.68,    # the key hint in the footer
}
BODY_PER_HEIGHT = 1 / 34  # body text: 32 px on a 1080-pixel-high screen
MIN_BODY_PX = 12
MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.6, 2.0, 1.1


def body_px(height: int, scale: float, per_height: float = BODY_PER_HEIGHT) -> int:
    """The body text's pixel size on a window ``height`` pixels high (``per_height``: a screen's own ratio)."""
    return max(MIN_BODY_PX, round(height * per_height * scale))


def clamp_scale(scale: float) -> float:
    return round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)


def font(body: int, role: str = "body", bold: bool = False, italic: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(8, round(body * ROLES[role])))
    f.setBold(bold)
    f.setItalic(italic)
    return f


def text_label(text: str = "", role: str = "body", *, bold: bool = False, italic: bool = False,
               color: str = TEXT, wrap: bool = True) -> QLabel:
    """A plain-text label (scenario text is never read as HTML) that carries its text role."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setProperty("presenterRole", role)
    label.setProperty("presenterBold", bold)
    label.setProperty("presenterItalic", italic)
    label.setStyleSheet(f"color: {color}; background: transparent; border: none;")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def apply_fonts(root: QWidget, body: int) -> None:
    """Give every widget under ``root`` that carries a role its font for this body size."""
    for widget in [root, *root.findChildren(QWidget)]:
        role = widget.property("presenterRole")
        if role:
            widget.setFont(font(body, role, bool(widget.property("presenterBold")),
                                bool(widget.property("presenterItalic"))))


def font_glyph(font: QFont, candidates: str) -> str:
    """The first of ``candidates`` that ``font`` draws itself (no missing-glyph box), or ''."""
    metrics = QFontMetrics(font)
    return next((c for c in candidates if metrics.inFontUcs4(ord(c))), "")


def chip(text: str = "", role: str = "small") -> QLabel:
    """Bold text in an outlined box: the header's team, decision and timer."""
    label = text_label(text, role, bold=True, wrap=False)
    label.setStyleSheet(f"color: {TEXT}; border: 2px solid {OUTLINE}; border-radius: 8px;"
                        " padding: 0.05em 0.5em; background: transparent;")
    return label


def level_badge(level: Level, role: str = "small") -> QLabel:
    """The level's colour with its symbol and name, never colour alone."""
    label = text_label(theme.level_badge_text(level), role, bold=True, color="white", wrap=False)
    label.setStyleSheet(f"background: {theme.LEVEL_COLORS[level]}; color: white; border: 2px solid {OUTLINE};"
                        " border-radius: 6px; padding: 0.1em 0.5em;")
    label.setAccessibleName(f"Level: {level.label} ({level.meaning})")
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
    return label


def verdict_text(result: PathResult | ScoreRow) -> str:
    """'✔ Compliance passed' or '✖ Compliance failed', in the debrief's words (gui/practice/report.py)."""
    return f"{report.compliance_symbol(result)} {report.compliance_text(result)}"


def stylesheet() -> str:
    return f"""
QWidget#presenterStage, QWidget#threeLevels, QWidget#classDebrief {{ background: {BACKGROUND}; }}
QFrame#sceneCard {{ background: {BACKGROUND}; border: 3px solid {OUTLINE}; border-radius: 16px; }}
QFrame#saidCard {{ background: {BACKGROUND}; border: none; border-left: 8px solid {ACCENT}; }}
QFrame#outcome {{ background: {BACKGROUND}; border: 3px solid {OUTLINE}; border-radius: 16px; }}
QFrame#column {{ background: {BACKGROUND}; border: 3px solid {OUTLINE}; border-radius: 14px; }}
QScrollArea {{ background: transparent; border: none; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {SOFT_OUTLINE}; border-radius: 5px; min-height: 48px; margin: 1px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""
