"""The scenario map's detailed items: a node's rounded box with its id, tags and first words, and
a route's curve coloured by the reply's level (timeouts dashed). Each item caches its drawing,
so panning at readable zoom repaints only what comes into view."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from ...core.graph_layout import MapEdge, MapNode
from ..base import theme
from ..widgets import plain_tip

UNREACHABLE = "#8C959F"
LOOSE_END = "#B35C00"
PATH = theme.ACCENT


class NodeItem(QGraphicsItem):
    """One node: a rounded box with the id, a tag line (start / ending level / marks) and first words."""

    def __init__(self, node: MapNode, width: float, height: float) -> None:
        super().__init__()
        self.node = node
        self.rect = QRectF(0, 0, width, height)
        self.on_path = False
        self.current = False
        self.selected = False  # the map's selected node: outlined with a focus ring
        self.setPos(node.x, node.y)
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(False)
        self.setToolTip(plain_tip(self.description()))

    def tags(self) -> list[str]:
        n = self.node
        tags = []
        if n.is_start:
            tags.append("start")
        if n.ending_level is not None:
            tags.append(theme.level_badge_text(n.ending_level) + " ending")
        if n.loose_end:
            tags.append("loose end")
        if not n.reachable:
            tags.append("unreachable")
        return tags

    def description(self) -> str:
        tags = ", ".join(self.tags())
        return f"{self.node.id}" + (f" ({tags})" if tags else "") + f"\n{self.node.label}"

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-4, -4, 4, 4)

    def set_state(self, on_path: bool, current: bool) -> None:
        if (on_path, current) != (self.on_path, self.current):
            self.on_path, self.current = on_path, current
            self.setZValue(4 if current else 3 if on_path else 2)
            self.update()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget=None) -> None:
        n = self.node
        ending = n.ending_level
        fill = QColor(theme.LEVEL_COLORS[ending]) if ending is not None else QColor(theme.CARD)
        text = QColor("white") if ending is not None else QColor(theme.TEXT)
        muted = QColor("white") if ending is not None else QColor(theme.MUTED)
        if not n.reachable:
            fill = fill.lighter(160) if ending is not None else QColor("#EEF1F4")
        if self.current and ending is None:
            fill = QColor("#EDE7FA")
        border = QColor(theme.BORDER)
        width = 1.5
        style = Qt.PenStyle.SolidLine
        if n.loose_end:
            border, width, style = QColor(LOOSE_END), 2.5, Qt.PenStyle.DashLine
        elif not n.reachable:
            border, width, style = QColor(UNREACHABLE), 2.0, Qt.PenStyle.DashLine
        elif n.is_start:
            border, width = QColor(theme.TEXT), 2.5
        if self.on_path or self.current:
            border, width, style = QColor(PATH), 4.0 if self.current else 3.0, Qt.PenStyle.SolidLine
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.selected:  # a ring outside the box, so it never hides the path or level outline
            painter.setPen(QPen(QColor(theme.TEXT), 2.0, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-3, -3, 3, 3), 13, 13)
        painter.setPen(QPen(border, width, style))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self.rect.adjusted(1, 1, -1, -1), 10, 10)
        inner = self.rect.adjusted(10, 6, -10, -6)
        bold = QFont(painter.font())
        bold.setBold(True)
        bold.setPointSizeF(9.5)
        small = QFont(painter.font())
        small.setBold(False)
        small.setPointSizeF(8.5)
        fm_bold, fm_small = QFontMetricsF(bold), QFontMetricsF(small)
        painter.setFont(bold)
        painter.setPen(text)
        title = n.id + ("  ▶ now" if self.current else "")
        painter.drawText(QPointF(inner.left(), inner.top() + fm_bold.ascent()),
                         fm_bold.elidedText(title, Qt.TextElideMode.ElideRight, inner.width()))
        y = inner.top() + fm_bold.height()
        painter.setFont(small)
        tags = self.tags()
        if tags:
            painter.setPen(QColor(LOOSE_END) if n.loose_end and ending is None else muted)
            painter.drawText(QPointF(inner.left(), y + fm_small.ascent()),
                             fm_small.elidedText(" · ".join(tags), Qt.TextElideMode.ElideRight, inner.width()))
            y += fm_small.height()
        painter.setPen(text)
        painter.drawText(QPointF(inner.left(), y + fm_small.ascent()),
                         fm_small.elidedText(n.label, Qt.TextElideMode.ElideRight, inner.width()))


_EDGE_PENS: dict[tuple, tuple[QPen, QBrush]] = {}


class EdgeItem(QGraphicsItem):
    """A route: a curve from the right side of one box to the left side of the next, with an arrow.

    The curve is made the first time it is drawn: a big map builds without making thousands
    of paths that, zoomed out, are never drawn."""

    def __init__(self, edge: MapEdge, source: NodeItem, target: NodeItem) -> None:
        super().__init__()
        self.edge = edge
        a = source.pos() + QPointF(source.rect.width(), source.rect.height() / 2)
        b = target.pos() + QPointF(0, target.rect.height() / 2)
        self.straight = QLineF(a, b)  # how the overview draws it
        dx = max(40.0, (b.x() - a.x()) / 2)
        left, right = min(a.x(), b.x() - dx), max(a.x() + dx, b.x())
        top, bottom = min(a.y(), b.y()) - 6, max(a.y(), b.y()) + 6  # the arrow head's half height, and some
        self._bounds = QRectF(left, top, right - left, bottom - top).adjusted(-3, -3, 3, 3)
        self._dx = dx
        self._line: QPainterPath | None = None
        self.on_path = False
        self._apply_pen()
        self.setZValue(0)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(plain_tip(f"{edge.source} → {edge.target}: {edge.label} ({edge.level.label})"))

    def boundingRect(self) -> QRectF:
        return self._bounds

    @property
    def line(self) -> QPainterPath:
        if self._line is None:
            a, b, dx = self.straight.p1(), self.straight.p2(), self._dx
            self._line = QPainterPath(a)
            self._line.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b - QPointF(8, 0))
            self.head = QPolygonF([b, b + QPointF(-10, -5), b + QPointF(-10, 5)])
        return self._line

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line)
        path.addPolygon(self.head)
        return path

    def pen(self) -> QPen:
        return self._pen

    def brush(self) -> QBrush:
        return self._brush

    def _apply_pen(self) -> None:
        key = (self.edge.level, self.on_path, self.edge.timeout)
        if key not in _EDGE_PENS:  # a few kinds of route: their pens are made once and shared
            color = QColor(theme.LEVEL_COLORS[self.edge.level])
            if not self.on_path:
                color.setAlpha(170)
            pen = QPen(color, 4.0 if self.on_path else 1.6)
            if self.edge.timeout:
                pen.setStyle(Qt.PenStyle.DashLine)
            _EDGE_PENS[key] = (pen, QBrush(color))
        self._pen, self._brush = _EDGE_PENS[key]

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.line)  # the curve is stroked, never filled (and makes the head)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPolygon(self.head)

    def set_on_path(self, on_path: bool) -> None:
        if on_path != self.on_path:
            self.on_path = on_path
            self.setZValue(1 if on_path else 0)
            self._apply_pen()
            self.update()
