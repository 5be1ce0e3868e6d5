"""The watch panel: where the preview is, the customer's mood and flags, and a way to change them.

It shows the live state after every move; the author may pick a node, set the mood and tick
flags, then 'Play from here' asks the window to start a new session with that state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from ...core.engine import PlaySession
from ...core.levels import MOOD_MAX as MAX_MOOD, MOOD_MIN as MIN_MOOD
from ...core.model import Scenario
from ..base import theme


def scenario_flags(scenario: Scenario) -> list[str]:
    """Every flag a reply sets or a condition tests, sorted."""
    flags: set[str] = set()
    for node in scenario.nodes.values():
        routes = []
        for reply in node.replies:
            flags.update(reply.sets)
            if reply.condition is not None:
                flags.update(reply.condition.flags)
            routes.append(reply.route)
        if node.timeout is not None:
            routes.append(node.timeout.route)
        for route in routes:
            for branch in route.branches:
                if branch.condition is not None:
                    flags.update(branch.condition.flags)
    return sorted(flags)


def node_caption(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes[node_id]
    kind = ""
    if node_id == scenario.start:
        kind = " (start)"
    elif node.ending is not None:
        kind = f" ({node.ending.level.label} ending)"
    elif node.is_loose_end:
        kind = " (loose end)"
    return node_id + kind


FILTER_FROM = 12  # with more flags than this, a filter box above the list


class FlagItem(QListWidgetItem):
    """One flag in the watch panel's list: a checkable row, not a widget of its own, so that a
    scenario with thousands of flags loads as fast as one with a few."""

    def __init__(self, flag: str, checked: bool) -> None:
        super().__init__(flag)
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        self.setChecked(checked)

    def isChecked(self) -> bool:
        return self.checkState() == Qt.CheckState.Checked

    def setChecked(self, checked: bool) -> None:
        self.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class WatchPanel(QGroupBox):
    play_from_requested = Signal(str, int, list)  # node id, mood, flags

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Watch: the customer's state", parent)
        self.setAccessibleName("Watch panel")
        self.scenario: Scenario | None = None
        self.flag_boxes: dict[str, FlagItem] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 10)
        box.setSpacing(6)
        self.state_label = QLabel("")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Current state")
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.state_label)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # each field under its label, as wide as the panel
        self.node_combo = QComboBox()
        self.node_combo.setAccessibleName("Node to play from")
        self.node_combo.setToolTip("Pick a node, set the mood and flags, then Play from here (Alt+N)")
        # as wide as the panel, not as the longest node id (and not measured item by item: a big file has thousands)
        self.node_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.node_combo.setMinimumContentsLength(12)
        self.node_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.mood_spin = QSpinBox()
        self.mood_spin.setRange(MIN_MOOD, MAX_MOOD)
        self.mood_spin.setAccessibleName("Customer mood")
        self.mood_spin.setToolTip(f"{MIN_MOOD} furious … {MAX_MOOD} delighted (Alt+M)")
        for caption, field, keys in (("Node:", self.node_combo, "Alt+N"), ("Mood:", self.mood_spin, "Alt+M")):
            label = QLabel(caption)  # the keys are shortcuts of their own, as a label's "&" would be
            label.setBuddy(field)
            form.addRow(label, field)
            QShortcut(QKeySequence(keys), self, lambda f=field: f.setFocus(Qt.FocusReason.ShortcutFocusReason),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        box.addLayout(form)
        self.flags_caption = QLabel("Flags:")
        box.addWidget(self.flags_caption)
        self.flag_filter = QLineEdit()
        self.flag_filter.setPlaceholderText("Filter flags")
        self.flag_filter.setAccessibleName("Filter flags")
        self.flag_filter.setClearButtonEnabled(True)
        self.flag_filter.textChanged.connect(self._filter_flags)
        box.addWidget(self.flag_filter)
        self.flags_list = QListWidget()
        self.flags_list.setAccessibleName("Flags")
        self.flags_list.setUniformItemSizes(True)
        box.addWidget(self.flags_list)
        self.no_flags = QLabel("(this scenario uses no flags)")
        self.no_flags.setStyleSheet(f"color: {theme.MUTED};")
        box.addWidget(self.no_flags)
        buttons = QVBoxLayout()  # one above the other: side by side they set a panel too wide for large text
        self.current_button = QPushButton("Use &current state")
        self.current_button.setAccessibleName("Use current state")
        self.current_button.setToolTip("Fill in the node, mood and flags where the preview is now")
        self.play_button = QPushButton("&Play from here")
        self.play_button.setObjectName("primary")
        self.play_button.setAccessibleName("Play from here")
        self.play_button.setToolTip("Start a new play-through at this node with this mood and these flags")
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.current_button)
        box.addLayout(buttons)
        self.play_button.clicked.connect(self.apply)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._session: PlaySession | None = None
        self.current_button.clicked.connect(lambda: self.show_session(self._session, edit=True))


    def set_scenario(self, scenario: Scenario) -> None:
        selected = self.node_combo.currentData()
        self.scenario = scenario
        self.node_combo.blockSignals(True)
        self.node_combo.clear()
        for node_id in scenario.nodes:
            self.node_combo.addItem(node_caption(scenario, node_id), node_id)
        index = self.node_combo.findData(selected)
        self.node_combo.setCurrentIndex(max(0, index))
        self.node_combo.blockSignals(False)
        ticked = self.ticked_flags()
        self.flags_list.clear()
        self.flag_boxes = {}
        for flag in scenario_flags(scenario):
            item = FlagItem(flag, flag in ticked)
            self.flags_list.addItem(item)
            self.flag_boxes[flag] = item
        rows = len(self.flag_boxes)
        self.flags_list.setFixedHeight(min(120, 8 + rows * (self.fontMetrics().height() + 6)))
        self.flags_list.setVisible(bool(rows))
        self.flag_filter.setVisible(rows > FILTER_FROM)
        self._filter_flags(self.flag_filter.text())
        self.no_flags.setVisible(not rows)

    def _filter_flags(self, text: str) -> None:
        needle = text.strip().lower()
        for flag, item in self.flag_boxes.items():
            item.setHidden(bool(needle) and needle not in flag)

    def ticked_flags(self) -> set[str]:
        """The flags ticked in the list."""
        return {f for f, b in self.flag_boxes.items() if b.isChecked()}

    def show_session(self, session: PlaySession | None, edit: bool = True) -> None:
        """Show the live state; with ``edit`` also load it into the editors."""
        self._session = session
        if session is None:
            self.state_label.setText("")
            return
        flags = ", ".join(sorted(session.flags)) or "none"
        state = "ended" if session.ended else "playing"
        self.state_label.setText(f"Now at node '{session.node.id}' ({state})\nMood {session.mood}/100 · "
                                 f"flags: {flags}\n{len(session.steps)} repl{'y' if len(session.steps) == 1 else 'ies'} "
                                 f"since '{session.start_node}'")
        if edit:
            self.set_values(session.node.id, session.mood, session.flags)

    def set_values(self, node_id: str, mood: int, flags) -> None:
        index = self.node_combo.findData(node_id)
        if index >= 0:
            self.node_combo.setCurrentIndex(index)
        self.mood_spin.setValue(mood)
        for flag, box in self.flag_boxes.items():
            box.setChecked(flag in flags)

    def values(self) -> tuple[str, int, list[str]]:
        return (self.node_combo.currentData() or "", self.mood_spin.value(),
                sorted(self.ticked_flags()))

    def apply(self) -> None:
        node_id, mood, flags = self.values()
        if node_id:
            self.play_from_requested.emit(node_id, mood, flags)
