"""The scenario map: the layered layout from the core, drawn once per load on a QGraphicsScene.

Nodes are rounded boxes with their id and first words; endings are filled with their level's
colour and carry the level's name; routes are coloured by the reply's level (timeouts dashed).
Unreachable nodes and loose ends are marked in words as well as by their outline. Items are
cached and the view repaints only what changed, so a map of hundreds of nodes pans and zooms
smoothly. Zoomed out, where no text could be read, one overview item draws the whole map in a
few batched calls instead (bench/map.py measures it). The scene keeps no index of its items: a
frame of the overview then visits two items, not thousands, and at readable zoom an index found
the items in view no faster than drawing them costs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from ...core.analysis import Analysis
from ...core.graph_layout import LAYER_GAP, ScenarioMap, layout_scenario
from ...core.model import Scenario
from ..base import theme
from .map_items import EdgeItem, NodeItem
from .map_overview import OVERVIEW_BELOW, DetailLayer, OverviewItem

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
MAX_DRAWN_NODES = 5000  # above this many the map is not drawn: `simulator graph FILE -o map.svg` draws it


def map_layout(scenario: Scenario, analysis: Analysis | None = None) -> ScenarioMap | str:
    """The map's layers, or in words why the preview does not draw them. Plain Python (no Qt),
    so the preview lays the map out with the load, off the UI thread."""
    if len(scenario.nodes) > MAX_DRAWN_NODES:  # drawn, it would freeze the window
        return (f"it has {len(scenario.nodes):,} nodes, more than the {MAX_DRAWN_NODES:,} the preview draws; "
                f"draw it to a file instead: simulator graph FILE -o map.svg")
    try:
        return layout_scenario(scenario, analysis)
    except ValueError as exc:
        return str(exc)


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
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
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

    def build(self, scenario: Scenario, analysis: Analysis | None = None,
              layout: ScenarioMap | str | None = None) -> None:
        """Draw the whole scenario: call once per load. ``layout``: ``map_layout``'s answer when it
        was worked out already (else it is, here)."""
        scene = self.scene()
        scene.clear()
        self.node_items, self.edge_items, self.build_error = {}, [], ""
        self.detail, self.overview, self.overview_shown = None, None, False
        layout = map_layout(scenario, analysis) if layout is None else layout
        if isinstance(layout, str):
            self.map, self.build_error = None, layout
            return
        self.map = m = layout
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
        self.overview = OverviewItem(list(self.node_items.values()), self.edge_items,
                                     QRectF(-10, -10, m.width + 20, m.height + 20))
        self.overview.setVisible(False)
        scene.addItem(self.overview)
        scene.setSceneRect(QRectF(-40, -40, m.width + 80, m.height + 80))
        if self.selected in self.node_items:  # reloaded: the same node stays selected
            self.node_items[self.selected].set_selected(True)
        else:
            self.selected = ""
        self._mark_overview()

    def highlight(self, hops: list[tuple[str, str, str | None]], current: str) -> None:
        """Mark the path played: ``hops`` are (from node, to node, the reply's key or None for a timeout)."""
        visited = {h[0] for h in hops} | {h[1] for h in hops} | ({current} if current else set())
        for node_id, item in self.node_items.items():
            item.set_state(node_id in visited, node_id == current)
        taken = set(hops)
        for edge in self.edge_items:
            edge.set_on_path(edge.edge.hop in taken)
        self._mark_overview()

    def _mark_overview(self) -> None:
        """The overview draws the path, the current node and the selection over the map at rest."""
        if self.overview is not None:
            self.overview.mark([i for i in self.node_items.values() if i.on_path or i.current],
                               [e for e in self.edge_items if e.on_path], self.node_items.get(self.selected))

    # -- level of detail -----------------------------------------------------------------------

    def _choose_detail(self) -> None:
        """Zoomed out past OVERVIEW_BELOW, the overview replaces the thousands of detailed items."""
        if self.detail is None or self.overview is None:
            return
        overview = self.zoom() < OVERVIEW_BELOW
        if overview != self.overview_shown:
            self.overview_shown = overview
            self.overview.setVisible(overview)
            self.detail.setOpacity(0.0 if overview else 1.0)  # see DetailLayer

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
        if self.node_items:  # (not scene().items(): that lists every item of a big map, each a Python object)
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
            self._mark_overview()
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
