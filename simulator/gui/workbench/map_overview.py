"""The scenario map zoomed out: where no text could be read, one item draws the whole map in a
few batched calls (plain boxes, straight routes) instead of thousands of detailed items."""

from __future__ import annotations

from typing import Iterable, Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from ...core.graph_layout import MapNode
from ...core.levels import Level
from ..base import theme
from .map_items import LOOSE_END, PATH, UNREACHABLE, EdgeItem, NodeItem

OVERVIEW_BELOW = 0.45  # zoomed out further than this, text is unreadable: the map is drawn as an overview


class DetailLayer(QGraphicsItem):
    """Holds the node and edge items, so that one call takes them all off the map: made fully
    transparent, the scene neither draws nor finds them (hiding it would visit each of them, which
    at thousands of items made the first frame after Fit late)."""

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
    thousands of items are each a few pixels wide).

    The map at rest is sorted into groups once, when it is built; the path played and the
    selected node are drawn over it (``mark``), so neither a reply nor Fit regroups thousands
    of boxes, and a paint makes no objects."""

    def __init__(self, nodes: Sequence[NodeItem], edges: Sequence[EdgeItem], rect: QRectF) -> None:
        super().__init__()
        self.rect = rect
        self.setZValue(10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # panning blits the visible part
        self._rest = (_box_groups((item, _node_style(item.node)) for item in nodes),
                      _line_groups((edge, False) for edge in edges))
        self._marked: tuple[list, list] = ([], [])
        self._selected: QRectF | None = None

    def boundingRect(self) -> QRectF:
        return self.rect

    def mark(self, path: Sequence[NodeItem], routes: Sequence[EdgeItem], selected: NodeItem | None) -> None:
        """Draw ``path`` (the nodes played, the current one among them) and ``routes`` (the routes
        taken) over the map at rest, and ring ``selected``; call after either changes."""
        self._marked = (_line_groups((edge, True) for edge in routes),
                        _box_groups((item, _node_style(item.node, True, item.current)) for item in path))
        self._selected = _box(selected) if selected is not None else None
        self.update()

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        boxes, lines = self._rest
        routes, path = self._marked
        for groups in (lines, boxes, routes, path):  # the routes played over the boxes, so they show
            for pen, brush, shapes in groups:
                painter.setPen(pen)
                painter.setBrush(brush)
                if brush.style() == Qt.BrushStyle.NoBrush:
                    painter.drawLines(shapes)
                else:
                    painter.drawRects(shapes)
        if self._selected is not None:  # the selected node: a ring around its box
            pixel = 1 / max(1e-6, painter.worldTransform().m11())  # one screen pixel, in map units
            painter.setPen(_cosmetic(theme.TEXT, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._selected.adjusted(-4 * pixel, -4 * pixel, 4 * pixel, 4 * pixel))


def _node_style(node: MapNode, on_path: bool = False, current: bool = False) -> tuple[str, str, int]:
    """(fill, border, border width in pixels) of a node's box in the overview."""
    fill = theme.LEVEL_COLORS[node.ending_level] if node.ending_level is not None else theme.CARD
    if not node.reachable and node.ending_level is None:
        fill = "#EEF1F4"
    border, width = theme.BORDER, 1
    if node.loose_end:
        border, width = LOOSE_END, 2
    elif not node.reachable:
        border, width = UNREACHABLE, 1
    elif node.is_start:
        border, width = theme.TEXT, 2
    if on_path or current:
        border, width = PATH, 3 if current else 2
        if current and node.ending_level is None:
            fill = PATH
    return fill, border, width


def _box(item: NodeItem) -> QRectF:
    return QRectF(item.pos(), item.rect.size())


def _cosmetic(color: str | QColor, width: int, dashed: bool = False) -> QPen:
    pen = QPen(QColor(color), width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    pen.setCosmetic(True)  # as wide on the screen at every zoom
    return pen


def _box_groups(styled: Iterable[tuple[NodeItem, tuple[str, str, int]]]) -> list[tuple[QPen, QBrush, list[QRectF]]]:
    groups: dict[tuple[str, str, int], list[QRectF]] = {}
    for item, style in styled:
        groups.setdefault(style, []).append(_box(item))
    return [(_cosmetic(border, width), QBrush(QColor(fill)), boxes) for (fill, border, width), boxes in groups.items()]


def _line_groups(edges: Iterable[tuple[EdgeItem, bool]]) -> list[tuple[QPen, QBrush, list[QLineF]]]:
    groups: dict[tuple[Level, bool, bool], list[QLineF]] = {}
    for edge, on_path in edges:
        groups.setdefault((edge.edge.level, on_path, edge.edge.timeout), []).append(edge.straight)
    background = QColor(theme.BACKGROUND)
    out = []
    for (level, on_path, timeout), lines in groups.items():
        color = QColor(theme.LEVEL_COLORS[level])
        out.append((_cosmetic(color if on_path else _blend(color, background, 0.6), 3 if on_path else 1, timeout),
                    QBrush(Qt.BrushStyle.NoBrush), lines))  # opaque colours: the fast path
    return out


def _blend(color: QColor, background: QColor, amount: float) -> QColor:
    """``color`` at ``amount`` opacity over ``background``, as one opaque colour."""
    mix = lambda a, b: round(a * amount + b * (1 - amount))  # noqa: E731
    return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
                  mix(color.blue(), background.blue()))
