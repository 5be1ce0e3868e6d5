"""The scenario map zoomed out: where no text could be read, one item draws the whole map in a
few batched calls (plain boxes, straight routes) instead of thousands of detailed items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from ..base import theme
from .map_items import LOOSE_END, PATH, UNREACHABLE

if TYPE_CHECKING:  # pragma: no cover
    from .map_view import ScenarioMapView

OVERVIEW_BELOW = 0.45  # zoomed out further than this, text is unreadable: the map is drawn as an overview


class DetailLayer(QGraphicsItem):
    """Holds the node and edge items, so that hiding it hides them all in one call."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, *_args) -> None:  # ItemHasNoContents: never called
        pass


class OverviewItem(QGraphicsItem):
    """The whole map zoomed out, in one item: plain boxes without text and straight routes,
    drawn in a few batched calls with one-pixel pens (per-item painting costs far more when
    thousands of items are each a few pixels wide)."""

    def __init__(self, view: "ScenarioMapView", rect: QRectF) -> None:
        super().__init__()
        self.view = view
        self.rect = rect
        self.setZValue(10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # panning blits the visible part
        self._groups: list = []

    def boundingRect(self) -> QRectF:
        return self.rect

    def regroup(self) -> None:
        """Sort boxes and lines by how they are drawn; call after the path or selection changes."""
        boxes: dict[tuple, list[QRectF]] = {}
        for item in self.view.node_items.values():
            n = item.node
            fill = theme.LEVEL_COLORS[n.ending_level] if n.ending_level is not None else theme.CARD
            if not n.reachable and n.ending_level is None:
                fill = "#EEF1F4"
            border, width = theme.BORDER, 1
            if n.loose_end:
                border, width = LOOSE_END, 2
            elif not n.reachable:
                border, width = UNREACHABLE, 1
            elif n.is_start:
                border, width = theme.TEXT, 2
            if item.on_path or item.current:
                border, width = PATH, 3 if item.current else 2
                if item.current and n.ending_level is None:
                    fill = PATH
            boxes.setdefault((fill, border, width), []).append(QRectF(item.pos(), item.rect.size()))
        lines: dict[tuple, list[QLineF]] = {}
        for edge in self.view.edge_items:
            e = edge.edge
            lines.setdefault((theme.LEVEL_COLORS[e.level], edge.on_path, e.timeout), []).append(edge.straight)
        selected = self.view.node_items.get(self.view.selected)
        self._groups = [boxes, lines, QRectF(selected.pos(), selected.rect.size()) if selected else None]
        self.update()

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget=None) -> None:
        if not self._groups:
            self.regroup()
        boxes, lines, selected = self._groups
        pixel = 1 / max(1e-6, painter.worldTransform().m11())  # one screen pixel, in map units
        background = QColor(theme.BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (color, on_path, timeout), group in lines.items():
            c = QColor(color) if on_path else _blend(QColor(color), background, 0.6)  # opaque: the fast path
            pen = QPen(c, 3 if on_path else 1, Qt.PenStyle.DashLine if timeout else Qt.PenStyle.SolidLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(group)
        painter.setPen(Qt.PenStyle.NoPen)
        for (fill, border, width), group in boxes.items():  # a border is a box behind the box: no pen to stroke
            pad = width * pixel
            painter.setBrush(QColor(border))
            painter.drawRects([r.adjusted(-pad, -pad, pad, pad) for r in group] if width > 1 else group)
            painter.setBrush(QColor(fill))
            painter.drawRects(group if width > 1 else [r.adjusted(pixel, pixel, -pixel, -pixel) for r in group])
        if selected is not None:  # the selected node: a ring around its box
            pen = QPen(QColor(theme.TEXT), 2)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(selected.adjusted(-4 * pixel, -4 * pixel, 4 * pixel, 4 * pixel))


def _blend(color: QColor, background: QColor, amount: float) -> QColor:
    """``color`` at ``amount`` opacity over ``background``, as one opaque colour."""
    mix = lambda a, b: round(a * amount + b * (1 - amount))  # noqa: E731
    return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
                  mix(color.blue(), background.blue()))
