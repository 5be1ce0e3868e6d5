"""The scenario map: the layered layout from the core, drawn once per load on a QGraphicsScene.

Nodes are rounded boxes with their id and first words; endings are filled with their level's
colour and carry the level's name; routes are coloured by the reply's level (timeouts dashed).
Unreachable nodes and loose ends are marked in words as well as by their outline. Items are
cached, the scene uses its BSP index and the view repaints only what changed, so a map of
hundreds of nodes pans and zooms smoothly. Zoomed out, where no text could be read, one
overview item draws the whole map in a few batched calls instead (bench/map.py measures it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QHBoxLayout,
                               QLabel, QStyleOptionGraphicsItem, QToolTip, QWidget)

from ...core.analysis import Analysis
from ...core.graph_layout import LAYER_GAP, MapEdge, MapNode, ScenarioMap, layout_scenario
from ...core.levels import Level
from ...core.model import Scenario
from ..base import theme
from ..widgets import plain_tip

UNREACHABLE = "#8C959F"
LOOSE_END = "#B35C00"
PATH = theme.ACCENT
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


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


OVERVIEW_BELOW = 0.45  # zoomed out further than this, text is unreadable: the map is drawn as an overview
MAX_DRAWN_NODES = 5000  # above this many nodes the map is not drawn: `simulator graph FILE -o map.svg` is


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


class ScenarioMapView(QGraphicsView):
    """Zoom with Ctrl+wheel or +/-, pan by dragging or with Shift+arrow keys, 0 or F fits the map.
    The arrow keys move the selection to the nearest node that way, Home to the start node.

    ``node_clicked(id)`` when a node is selected (a click or a key), ``node_activated(id)`` on a
    double-click or Enter.
    """

    node_clicked = Signal(str)
    node_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor(theme.BACKGROUND)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Scenario map")
        self.setAccessibleDescription("The scenario's nodes from start to endings. Arrow keys move between nodes, "
                                      "Home goes to the start, Enter plays from the selected node; Ctrl+wheel or "
                                      "+/- zooms, drag or Shift+arrow keys pan, 0 fits the map")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.map: ScenarioMap | None = None
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: list[EdgeItem] = []
        self.selected: str = ""
        self.build_error = ""
        self.detail: DetailLayer | None = None
        self.overview: OverviewItem | None = None
        self.overview_shown = False

    # -- building ----------------------------------------------------------------------------

    def build(self, scenario: Scenario, analysis: Analysis | None = None) -> None:
        """Lay out and draw the whole scenario: call once per load."""
        scene = self.scene()
        scene.clear()
        self.node_items, self.edge_items, self.build_error = {}, [], ""
        self.detail, self.overview, self.overview_shown = None, None, False
        if len(scenario.nodes) > MAX_DRAWN_NODES:  # drawn here, it would freeze the window
            self.map = None
            self.build_error = (f"it has {len(scenario.nodes):,} nodes, more than the {MAX_DRAWN_NODES:,} the "
                                f"preview draws; draw it to a file instead: simulator graph FILE -o map.svg")
            return
        try:
            self.map = layout_scenario(scenario, analysis)
        except ValueError as exc:
            self.map = None
            self.build_error = str(exc)
            return
        m = self.map
        self.detail = DetailLayer()
        for node in m.nodes.values():
            item = NodeItem(node, m.node_width, m.node_height)
            item.setParentItem(self.detail)
            self.node_items[node.id] = item
        for edge in m.edges:
            item = EdgeItem(edge, self.node_items[edge.source], self.node_items[edge.target])
            item.setParentItem(self.detail)
            self.edge_items.append(item)
        scene.addItem(self.detail)
        self.overview = OverviewItem(self, QRectF(-10, -10, m.width + 20, m.height + 20))
        self.overview.setVisible(False)
        scene.addItem(self.overview)
        scene.setSceneRect(QRectF(-40, -40, m.width + 80, m.height + 80))
        if self.selected in self.node_items:  # reloaded: the same node stays selected
            self.node_items[self.selected].set_selected(True)
        else:
            self.selected = ""

    def highlight(self, hops: list[tuple[str, str, str | None]], current: str) -> None:
        """Mark the path played: ``hops`` are (from node, to node, the reply's key or None for a timeout)."""
        visited = {h[0] for h in hops} | {h[1] for h in hops} | ({current} if current else set())
        for node_id, item in self.node_items.items():
            item.set_state(node_id in visited, node_id == current)
        taken = set(hops)
        for edge in self.edge_items:
            edge.set_on_path(edge.edge.hop in taken)
        if self.overview is not None:
            self.overview.regroup()

    # -- level of detail -----------------------------------------------------------------------

    def _choose_detail(self) -> None:
        """Zoomed out past OVERVIEW_BELOW, the overview replaces the thousands of detailed items."""
        if self.detail is None or self.overview is None:
            return
        overview = self.zoom() < OVERVIEW_BELOW
        if overview != self.overview_shown:
            self.overview_shown = overview
            if overview:
                self.overview.regroup()
            self.overview.setVisible(overview)
            self.detail.setVisible(not overview)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self._choose_detail()  # before the items are collected for this frame, whatever changed the zoom
        super().drawBackground(painter, rect)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.overview_shown:
            node_id = self.node_at(event.pos())
            if node_id:
                QToolTip.showText(event.globalPos(), self.node_items[node_id].toolTip(), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- zoom and pan ------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = target / self.zoom()
        if abs(factor - 1) > 1e-6:
            self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        if self.scene().items():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:
                self.resetTransform()
                self.centerOn(self.scene().sceneRect().center())

    def center_on_node(self, node_id: str) -> None:
        item = self.node_items.get(node_id)
        if item is not None:
            self.centerOn(item)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_by(ZOOM_STEP ** (delta / 120))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_F):
            self.fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected:
            self.node_activated.emit(self.selected)
        elif key in ARROWS and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.node_items:
            self._step(*ARROWS[key])
        elif key == Qt.Key.Key_Home and self.node_items:
            self._show_selected(self._start_id())
        else:
            if key in ARROWS:  # Shift+arrow: the view scrolls as for a plain arrow
                event = QKeyEvent(event.type(), key, Qt.KeyboardModifier.NoModifier, event.text())
            super().keyPressEvent(event)

    def _step(self, dx: int, dy: int) -> None:
        """Select the nearest node in direction (dx, dy), preferring ones straight that way and
        ignoring ones mostly to the side; with nothing selected yet, the start node."""
        here = self.node_items.get(self.selected)
        if here is None:
            self._show_selected(self._start_id())
            return
        origin = here.sceneBoundingRect().center()
        best, best_score = "", float("inf")
        for node_id, item in self.node_items.items():
            offset = item.sceneBoundingRect().center() - origin
            ahead = offset.x() * dx + offset.y() * dy
            if ahead <= 1:
                continue
            aside = abs(offset.x() * dy) + abs(offset.y() * dx)
            if aside > 2 * ahead:
                continue
            score = ahead + 2 * aside
            if score < best_score:
                best, best_score = node_id, score
        if best:
            self._show_selected(best)

    def _start_id(self) -> str:
        return next((i for i, item in self.node_items.items() if item.node.is_start), next(iter(self.node_items)))

    def _show_selected(self, node_id: str) -> None:
        if node_id in self.node_items:
            self.select_node(node_id)
            self.ensureVisible(self.node_items[node_id], 40, 40)

    # -- clicks ------------------------------------------------------------------------------

    def node_at(self, view_pos) -> str:
        if self.overview_shown and self.map is not None:  # the node items are hidden: look in the column
            point = self.mapToScene(view_pos)
            pitch = self.map.node_width + LAYER_GAP
            column = int(point.x() // pitch)
            for node_id in self.map.layers[column] if 0 <= column < len(self.map.layers) else ():
                if self.node_items[node_id].sceneBoundingRect().contains(point):
                    return node_id
            return ""
        for item in self.items(view_pos):
            if isinstance(item, NodeItem):
                return item.node.id
        return ""

    def select_node(self, node_id: str) -> None:
        if node_id in self.node_items:
            previous = self.node_items.get(self.selected)
            if previous is not None:
                previous.set_selected(False)
            self.selected = node_id
            self.node_items[node_id].set_selected(True)
            if self.overview is not None:
                self.overview.regroup()
            self.node_clicked.emit(node_id)

    def mousePressEvent(self, event) -> None:
        node_id = self.node_at(event.position().toPoint())
        if node_id and event.button() == Qt.MouseButton.LeftButton:
            self.select_node(node_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        node_id = self.node_at(event.position().toPoint())
        if node_id and event.button() == Qt.MouseButton.LeftButton:
            self.select_node(node_id)
            self.node_activated.emit(node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


def _swatch(color: str, dashed: bool = False, box: bool = False) -> QLabel:
    label = QLabel()
    label.setFixedSize(22, 14)
    if box:
        label.setStyleSheet(f"background: {color}; border-radius: 4px;")
    else:
        style = "dashed" if dashed else "solid"
        label.setStyleSheet(f"border: none; border-bottom: 3px {style} {color}; margin-bottom: 5px;")
    return label


class MapLegend(QWidget):
    """What the colours and lines mean, in words: colour never carries the meaning alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(6)

        def text(t: str) -> QLabel:
            label = QLabel(t)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(f"color: {theme.MUTED};")
            return label

        row.addWidget(text("Routes and endings:"))
        for level in (Level.LOW, Level.STANDARD, Level.WOW):
            row.addWidget(_swatch(theme.LEVEL_COLORS[level], box=True))
            row.addWidget(text(theme.level_badge_text(level)))
        row.addSpacing(8)
        row.addWidget(_swatch(theme.LEVEL_COLORS[Level.LOW], dashed=True))
        row.addWidget(text("timeout"))
        row.addWidget(_swatch(PATH))
        row.addWidget(text("path played"))
        row.addWidget(_swatch(UNREACHABLE, dashed=True))
        row.addWidget(text("unreachable"))
        row.addWidget(_swatch(LOOSE_END, dashed=True))
        row.addWidget(text("loose end"))
        row.addStretch(1)
        self.setAccessibleName("Map legend: Low, Standard and WOW colours; dashed route: timeout; purple: the path "
                               "played; dashed grey box: unreachable; dashed orange box: loose end")
