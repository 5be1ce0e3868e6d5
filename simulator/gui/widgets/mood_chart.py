"""The customer's mood over a conversation, drawn with QPainter (QtCharts is not in PySide6-Essentials).

One painting routine serves the debrief widget and the PDF report (as a QImage). The mood bands
come from the core's ``emotion_for_mood``, so the chart and the portraits always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.levels import MOOD_MAX, MOOD_MIN, Emotion, emotion_for_mood
from ..base import theme
from . import plain_tip

# Faint tints behind the curve: warm for bad moods, cool for good ones. Not level colours.
BAND_TINTS = {
    Emotion.ANGRY: "#F8E1DA",
    Emotion.UPSET: "#FBEEDC",
    Emotion.NEUTRAL: "#F2F4F6",
    Emotion.PLEASED: "#E3F1EC",
    Emotion.DELIGHTED: "#D3EBE1",
}
LINE_COLOR = theme.ACCENT


def mood_bands() -> list[tuple[int, int, Emotion]]:
    """(low, high, emotion) for each mood band, low inclusive, high exclusive (the top one ends at MOOD_MAX)."""
    bands: list[tuple[int, int, Emotion]] = []
    for mood in range(MOOD_MIN, MOOD_MAX + 1):
        emotion = emotion_for_mood(mood)
        if bands and bands[-1][2] is emotion:
            bands[-1] = (bands[-1][0], mood + 1, emotion)
        else:
            bands.append((mood, mood + 1, emotion))
    return [(lo, min(hi, MOOD_MAX), e) for lo, hi, e in bands]


def describe_curve(curve: list[int]) -> str:
    """A sentence a screen reader (or the PDF) can say instead of showing the chart."""
    if not curve:
        return "No mood recorded."
    name = lambda m: emotion_for_mood(m).value  # noqa: E731
    start, end = curve[0], curve[-1]
    if len(curve) == 1:
        return f"The customer's mood stayed at {start} ({name(start)})."
    trend = "rose" if end > start else "fell" if end < start else "ended where it started"
    head = (f"The customer's mood {trend} from {start} ({name(start)}) at the start to {end} ({name(end)}) "
            f"after decision {len(curve) - 1}" if trend != "ended where it started"
            else f"The customer's mood ended where it started, at {start} ({name(start)}), "
                 f"after {len(curve) - 1} decisions")
    low, high = min(curve), max(curve)
    steps = ", ".join(["start " + str(start)] + [f"decision {i}: {m}" for i, m in enumerate(curve[1:], 1)])
    return f"{head}; lowest {low}, highest {high}. Step by step: {steps}."


def paint_mood_chart(painter: QPainter, rect: QRectF, curve: list[int], font: QFont) -> None:
    """Draw the chart into ``rect``. Sizes derive from ``font`` so the chart scales with the text."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    small = QFont(font)
    small.setPointSizeF(max(1.0, font.pointSizeF() * 0.85) if font.pointSizeF() > 0 else font.pointSizeF())
    if font.pointSizeF() <= 0 and font.pixelSize() > 0:
        small.setPixelSize(max(1, round(font.pixelSize() * 0.85)))
    painter.setFont(small)
    fm = QFontMetricsF(painter.fontMetrics())
    unit = fm.height()

    painter.fillRect(rect, QColor(theme.CARD))
    axis_w = fm.horizontalAdvance("100") + unit * 0.6
    band_w = max(fm.horizontalAdvance(e.value.capitalize()) for e in Emotion) + unit * 0.8
    plot = QRectF(rect.left() + axis_w, rect.top() + unit * 0.8,
                  rect.width() - axis_w - band_w, rect.height() - unit * 0.8 - unit * 2.6)
    if plot.width() <= 10 or plot.height() <= 10:
        painter.restore()
        return

    def y_of(mood: float) -> float:
        return plot.bottom() - (mood - MOOD_MIN) / (MOOD_MAX - MOOD_MIN) * plot.height()

    n = max(1, len(curve) - 1)
    inset = min(unit * 1.2, plot.width() / 8)

    def x_of(i: int) -> float:
        return plot.left() + inset + (plot.width() - 2 * inset) * (i / n if len(curve) > 1 else 0.5)

    painter.setFont(small)
    # Mood bands, shaded and named on the right.
    for lo, hi, emotion in mood_bands():
        band = QRectF(plot.left(), y_of(hi), plot.width(), y_of(lo) - y_of(hi))
        painter.fillRect(band, QColor(BAND_TINTS[emotion]))
        painter.setPen(QColor(theme.MUTED))
        label = QRectF(plot.right() + unit * 0.4, band.top(), band_w - unit * 0.4, band.height())
        painter.drawText(label, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         emotion.value.capitalize())
    # Horizontal grid and the mood axis.
    grid = QPen(QColor(theme.BORDER))
    grid.setWidthF(max(1.0, unit / 20))
    for lo, _hi, _e in mood_bands() + [(MOOD_MAX, MOOD_MAX, None)]:
        y = y_of(lo)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(theme.MUTED))
        painter.drawText(QRectF(rect.left(), y - unit / 2, axis_w - unit * 0.3, unit),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(lo))
    axis = QPen(QColor(theme.TEXT))
    axis.setWidthF(max(1.0, unit / 14))
    painter.setPen(axis)
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    # Decision numbers along the bottom; thinned out when they would overlap.
    label_w = fm.horizontalAdvance("Start") + unit * 0.4
    every = 1
    while len(curve) > 1 and (plot.width() - 2 * inset) / n * every < fm.horizontalAdvance("000") + unit * 0.4:
        every += 1
    painter.setPen(QColor(theme.MUTED))
    for i in range(len(curve)):
        if i % every and i != len(curve) - 1:
            continue
        text = "Start" if i == 0 else str(i)
        painter.drawText(QRectF(x_of(i) - label_w / 2, plot.bottom() + unit * 0.2, label_w, unit),
                         int(Qt.AlignmentFlag.AlignCenter), text)
    painter.drawText(QRectF(plot.left(), plot.bottom() + unit * 1.3, plot.width(), unit),
                     int(Qt.AlignmentFlag.AlignCenter), "Decision")
    if not curve:
        painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No mood recorded")
        painter.restore()
        return
    # The curve, its points and their values.
    path = QPainterPath(QPointF(x_of(0), y_of(curve[0])))
    for i, mood in enumerate(curve[1:], 1):
        path.lineTo(QPointF(x_of(i), y_of(mood)))
    line = QPen(QColor(LINE_COLOR))
    line.setWidthF(max(2.0, unit / 6))
    line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    line.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(line)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    radius = max(3.0, unit / 3.2)
    bold = QFont(small)
    bold.setBold(True)
    for i, mood in enumerate(curve):
        centre = QPointF(x_of(i), y_of(mood))
        painter.setPen(line)
        painter.setBrush(QColor(theme.CARD))
        painter.drawEllipse(centre, radius, radius)
        if every == 1:
            painter.setFont(bold)
            painter.setPen(QColor(theme.TEXT))
            above = centre.y() - radius - unit * 1.05
            top = above if above > plot.top() - unit * 0.5 else centre.y() + radius + unit * 0.05
            painter.drawText(QRectF(centre.x() - label_w / 2, top, label_w, unit),
                             int(Qt.AlignmentFlag.AlignCenter), str(mood))
            painter.setFont(small)
    painter.restore()


def mood_chart_image(curve: list[int], width: int, height: int, font: QFont | None = None,
                     scale: float = 2.0) -> QImage:
    """The chart as an image of ``width`` x ``height`` logical pixels, rendered at ``scale`` for print."""
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(theme.CARD))
    painter = QPainter(image)
    try:
        paint_mood_chart(painter, QRectF(0, 0, width, height), curve, font if font is not None else QFont())
    finally:
        painter.end()
    return image


class MoodChart(QWidget):
    """The mood curve as a widget, with an accessible description of the curve."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curve: list[int] = []
        self.setAccessibleName("Mood curve")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._update_description()

    @property
    def curve(self) -> list[int]:
        return list(self._curve)

    def set_curve(self, curve: list[int]) -> None:
        self._curve = list(curve)
        self._update_description()
        self.updateGeometry()
        self.update()

    def _update_description(self) -> None:
        text = describe_curve(self._curve)
        self.setAccessibleDescription(text)
        self.setToolTip(plain_tip(text))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        unit = self.fontMetrics().height()
        return QSize(unit * 30, unit * 13)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        unit = self.fontMetrics().height()
        return QSize(unit * 16, unit * 13)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            paint_mood_chart(painter, QRectF(self.rect()), self._curve, self.font())
        finally:
            painter.end()
