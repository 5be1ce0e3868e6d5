"""The level reached by each finished attempt, oldest first, drawn with QPainter (no QtCharts).

Levels sit on three rows named with their symbol and colour (★ WOW, ● Standard, ▼ Low), and each
attempt's marker has its level's shape as well as its colour, so colour never carries the meaning
alone. With the keyboard, Left/Right/Home/End walk the attempts and ``current_changed`` says which
one is picked (the progress view shows it in words); hovering shows the same words as a tooltip.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.levels import Level
from ...core.progress import AttemptPoint
from ...core.scoring import score_text
from ..base import theme
from ..base.progress_text import long_date, plural, short_date
from . import plain_tip

LEVELS_TOP_DOWN = (Level.WOW, Level.STANDARD, Level.LOW)
EMPTY_TEXT = "No finished attempts yet"
EMPTY_HINT = "Finish a scenario and your level appears here."
X_CAPTION = "Finished attempts, oldest first"


def tint(color: str, amount: float) -> QColor:
    """``color`` mixed with white: ``amount`` 0 is white, 1 the colour itself."""
    c = QColor(color)
    return QColor(round(255 + (c.red() - 255) * amount), round(255 + (c.green() - 255) * amount),
                  round(255 + (c.blue() - 255) * amount))


def describe_point(point: AttemptPoint, number: int, total: int, title: str) -> str:
    """One attempt in words, for the tooltip, the caption under the chart and screen readers."""
    return (f"Attempt {number} of {total} · {title} · {long_date(point.finished_at)} · {point.mode.capitalize()}"
            f" · {theme.level_badge_text(point.level)}, score {score_text(point.score)}")


def describe_points(points: list[AttemptPoint]) -> str:
    """The whole chart in one sentence."""
    if not points:
        return EMPTY_TEXT + "."
    counts = Counter(p.level for p in points)
    tally = ", ".join(f"{counts[level]} {level.label}" for level in LEVELS_TOP_DOWN if counts[level])
    first, last = points[0], points[-1]
    return (f"{plural(len(points), 'finished attempt')} from {short_date(first.finished_at)} to "
            f"{short_date(last.finished_at)}: {tally}. The latest reached {last.level.label}.")


def _marker(level: Level, centre: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    x, y = centre.x(), centre.y()
    if level is Level.WOW:
        outer, inner = r * 1.4, r * 0.6
        star = QPolygonF([QPointF(x + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
                                  y - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5))
                          for i in range(10)])
        path.addPolygon(star)
        path.closeSubpath()
    elif level is Level.LOW:
        path.addPolygon(QPolygonF([QPointF(x - r * 1.2, y - r * 0.85), QPointF(x + r * 1.2, y - r * 0.85),
                                   QPointF(x, y + r * 1.25)]))
        path.closeSubpath()
    else:
        path.addEllipse(centre, r, r)
    return path


def paint_level_chart(painter: QPainter, rect: QRectF, points: list[AttemptPoint], font: QFont,
                      current: int = -1, now: datetime | None = None) -> list[QPointF]:
    """Draw the chart into ``rect``; returns each point's centre (for hit-testing).

    Sizes derive from ``font`` so the chart follows the app's text size.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(max(1.0, font.pointSizeF() * 0.9))
    bold = QFont(small)
    bold.setBold(True)
    fm, fm_bold = QFontMetricsF(small), QFontMetricsF(bold)
    unit = fm.height()
    painter.fillRect(rect, QColor(theme.CARD))

    axis_w = max(fm_bold.horizontalAdvance(theme.level_badge_text(level)) for level in Level) + unit
    plot = QRectF(rect.left() + axis_w, rect.top() + unit * 0.6,
                  rect.width() - axis_w - unit * 0.8, rect.height() - unit * 0.6 - unit * 2.7)
    centres: list[QPointF] = []
    if plot.width() <= 20 or plot.height() <= 20:
        painter.restore()
        return centres
    row_h = plot.height() / len(LEVELS_TOP_DOWN)

    def y_of(level: Level) -> float:
        return plot.top() + row_h * (LEVELS_TOP_DOWN.index(level) + 0.5)

    # One faint band per level, named on the left with its symbol, in its colour.
    for i, level in enumerate(LEVELS_TOP_DOWN):
        band = QRectF(plot.left(), plot.top() + row_h * i, plot.width(), row_h)
        painter.fillRect(band, tint(theme.LEVEL_COLORS[level], 0.07))
        grid = QPen(tint(theme.LEVEL_COLORS[level], 0.35))
        grid.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y_of(level)), QPointF(plot.right(), y_of(level)))
        painter.setFont(bold)
        painter.setPen(QColor(theme.LEVEL_COLORS[level]))
        painter.drawText(QRectF(rect.left(), y_of(level) - unit / 2, axis_w - unit * 0.5, unit),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         theme.level_badge_text(level))
    axis = QPen(QColor(theme.MUTED))
    axis.setWidthF(max(1.0, unit / 16))
    painter.setPen(axis)
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.setFont(small)
    painter.drawText(QRectF(plot.left(), plot.bottom() + unit * 1.4, plot.width(), unit),
                     int(Qt.AlignmentFlag.AlignCenter), X_CAPTION)

    if not points:
        painter.setFont(bold)
        painter.setPen(QColor(theme.TEXT))
        middle = QRectF(plot.left(), plot.center().y() - unit * 1.1, plot.width(), unit)
        painter.fillRect(QRectF(plot.center().x() - fm_bold.horizontalAdvance(EMPTY_HINT) / 2 - unit,
                                middle.top() - unit * 0.4, fm_bold.horizontalAdvance(EMPTY_HINT) + 2 * unit,
                                unit * 3), QColor(theme.CARD))
        painter.drawText(middle, int(Qt.AlignmentFlag.AlignCenter), EMPTY_TEXT)
        painter.setFont(small)
        painter.setPen(QColor(theme.MUTED))
        painter.drawText(middle.translated(0, unit * 1.2), int(Qt.AlignmentFlag.AlignCenter), EMPTY_HINT)
        painter.restore()
        return centres

    n = len(points)
    inset = min(unit * 1.4, plot.width() / 6)
    span = plot.width() - 2 * inset
    step = span / (n - 1) if n > 1 else span
    for i, point in enumerate(points):
        x = plot.left() + inset + (step * i if n > 1 else span / 2)
        centres.append(QPointF(x, y_of(point.level)))
    r = max(2.5, min(unit * 0.42, step * 0.36))

    # The line joining the attempts, then the markers over it.
    if n > 1:
        line = QPen(QColor(theme.MUTED))
        line.setWidthF(max(1.0, min(2.0, r / 3)))
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        path = QPainterPath(centres[0])
        for centre in centres[1:]:
            path.lineTo(centre)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    outline = QPen(QColor(theme.CARD))
    outline.setWidthF(max(1.0, r / 4))
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for point, centre in zip(points, centres):
        painter.setPen(outline)
        painter.setBrush(QColor(theme.LEVEL_COLORS[point.level]))
        painter.drawPath(_marker(point.level, centre, r))
    if 0 <= current < n:
        ring = QPen(QColor(theme.ACCENT))
        ring.setWidthF(max(2.0, unit / 8))
        painter.setPen(ring)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centres[current], r * 1.9 + 2, r * 1.9 + 2)

    # Dates under the attempts: a date where it changes, as long as the labels do not collide.
    painter.setFont(small)
    painter.setPen(QColor(theme.MUTED))
    last_right, last_text = -1e9, ""
    gap = unit * 0.6
    for point, centre in zip(points, centres):
        text = short_date(point.finished_at, now)
        width = fm.horizontalAdvance(text)
        left = min(max(centre.x() - width / 2, rect.left()), rect.right() - width)
        if text == last_text or left < last_right + gap:
            continue
        painter.drawLine(QPointF(centre.x(), plot.bottom()), QPointF(centre.x(), plot.bottom() + unit * 0.25))
        painter.drawText(QRectF(left, plot.bottom() + unit * 0.25, width, unit),
                         int(Qt.AlignmentFlag.AlignCenter), text)
        last_right, last_text = left + width, text
    painter.restore()
    return centres


class LevelChart(QWidget):
    """The chart as a focusable widget. ``points`` are the finished attempts, oldest first."""

    current_changed = Signal(str)  # the picked attempt in words ('' when there is none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[AttemptPoint] = []
        self._titles: dict[str, str] = {}
        self._centres: list[QPointF] = []
        self._current = -1
        self._now: datetime | None = None
        self.setAccessibleName("Level reached per attempt")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._describe()

    @property
    def points(self) -> list[AttemptPoint]:
        return list(self._points)

    @property
    def current(self) -> int:
        return self._current

    def set_points(self, points: list[AttemptPoint], titles: dict[str, str] | None = None,
                   now: datetime | None = None) -> None:
        """Show these attempts; ``titles`` maps scenario ids to titles (ids are shown otherwise)."""
        self._points = list(points)
        self._titles = dict(titles or {})
        self._now = now
        self._current = len(self._points) - 1
        self._describe()
        self.update()
        self.current_changed.emit(self.current_text())

    def current_text(self) -> str:
        if not 0 <= self._current < len(self._points):
            return ""
        return self.point_text(self._current)

    def point_text(self, index: int) -> str:
        point = self._points[index]
        return describe_point(point, index + 1, len(self._points), self._titles.get(point.scenario_id,
                                                                                    point.scenario_id))

    def set_current(self, index: int) -> None:
        if not self._points:
            return
        index = max(0, min(len(self._points) - 1, index))
        if index != self._current:
            self._current = index
            self.update()
            self.current_changed.emit(self.current_text())

    def _describe(self) -> None:
        text = describe_points(self._points)
        self.setAccessibleDescription(text + (" Left and Right arrows pick an attempt." if self._points else ""))
        self.setToolTip("" if self._points else plain_tip(text))

    # -- Qt ------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        unit = self.fontMetrics().height()
        return QSize(unit * 40, unit * 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        unit = self.fontMetrics().height()
        return QSize(unit * 12, unit * 12)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        moves = {Qt.Key.Key_Left: self._current - 1, Qt.Key.Key_Right: self._current + 1,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self._points) - 1}
        if event.key() in moves and self._points:
            self.set_current(moves[event.key()])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        hit = self._hit(event.position())
        if hit >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.point_text(hit), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        hit = self._hit(event.position())
        if hit >= 0:
            self.set_current(hit)
        super().mousePressEvent(event)

    def _hit(self, pos: QPointF) -> int:
        reach = max(8.0, self.fontMetrics().height() * 0.7)
        best, best_d = -1, reach
        for i, centre in enumerate(self._centres):
            d = math.hypot(centre.x() - pos.x(), centre.y() - pos.y())
            if d <= best_d:
                best, best_d = i, d
        return best

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            current = self._current if self.hasFocus() else -1
            self._centres = paint_level_chart(painter, QRectF(self.rect()), self._points, self.font(), current,
                                              self._now)
        finally:
            painter.end()
