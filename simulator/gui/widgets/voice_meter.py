"""The caller's voice as an audio-level meter: on the phone the customer has no face, so the
play screen and the projector show how loud they sound, in bars, beside the words for it
(``core.channels``: 'Raised voice', 'Calm voice' ...). The bars alone never carry the meaning."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...core import channels
from ...core.levels import Level
from ..base import theme

# The play screen's bars, in pixels: at most this wide, this far apart, with these corners.
BAR_WIDTH, BAR_GAP, BAR_RADIUS = 24.0, 4.0, 3.0


class VoiceMeter(QWidget):
    """An audio-level meter of ``channels.VOICE_BARS`` bars, ``level`` of them lit.

    unit: the meter's scale in pixels (it is ``VOICE_BARS`` units wide and two high, its bars at
    most 1.2 units wide); 0 sizes it from its font as on the play screen. The projector passes
    its body text size, so the meter reads from the back of a room. ``lit`` and ``unlit`` are
    the bars' colours; ``outline``, when given, draws every bar's edge (an unlit bar in a pale
    colour would vanish on a washed-out projector).
    """

    def __init__(self, unit: int = 0, *, lit: str = theme.ACCENT, unlit: str = theme.BORDER,
                 outline: str | None = None) -> None:
        super().__init__()
        self.level = 0
        self.unit = unit
        self.lit, self.unlit, self.outline = lit, unlit, outline
        self.setAccessibleName("Voice level")

    def set_level(self, level: int) -> None:
        self.level = level
        self.setAccessibleDescription(f"{level} of {channels.VOICE_BARS} bars")
        self.update()

    def set_unit(self, unit: int) -> None:
        """Rescale the meter (0: from its font)."""
        if unit != self.unit:
            self.unit = unit
            self.updateGeometry()
            self.update()

    def _unit(self) -> int:
        return self.unit or QFontMetrics(self.font()).height()

    def _bar_metrics(self) -> tuple[float, float, float]:
        """(widest bar, gap, corner radius): the play screen's pixels, or in proportion to ``unit``."""
        if not self.unit:
            return BAR_WIDTH, BAR_GAP, BAR_RADIUS
        return self.unit * 1.2, self.unit * 0.2, self.unit * 0.15

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        unit = self._unit()
        return QSize(channels.VOICE_BARS * unit, unit * 2)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bars = channels.VOICE_BARS
        widest, gap, radius = self._bar_metrics()
        pen_width = max(2.0, self.unit / 12) if self.outline else 0.0
        width = min(widest, (self.width() - gap * (bars - 1) - pen_width) / bars)
        left = (self.width() - bars * width - gap * (bars - 1)) / 2
        loud = theme.LEVEL_COLORS[Level.LOW] if self.level >= 5 else self.lit
        if self.outline:
            painter.setPen(QPen(QColor(self.outline), pen_width))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        inner = self.height() - pen_width
        for i in range(bars):
            height = inner * (0.3 + 0.7 * (i + 1) / bars)
            rect = QRectF(left + i * (width + gap), self.height() - pen_width / 2 - height, width, height)
            painter.setBrush(QColor(loud if i < self.level else self.unlit))
            painter.drawRoundedRect(rect, radius, radius)
