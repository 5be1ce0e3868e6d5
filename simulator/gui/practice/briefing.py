"""The briefing screen: the customer's brief, as in the classic exercise, and the mode choice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QRadioButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from ...core import channels
from ...core.levels import Emotion, emotion_for_mood
from ...core.model import Scenario
from ...core.modes import Mode
from ...core.scoring import LifetimeValue
from ...core.timing import READING_WPM, TimeLimits
from ..base import fonts, theme
from ..base.layouts import clear
from ..base.progress_text import domain_name
from ..widgets import chip, page_keys, plain_label, screen_shortcut
from ..widgets.portraits import portrait_pixmap


def money(amount: float, currency: str = "") -> str:
    text = f"{amount:,.0f}"
    return f"{text} {currency}".strip()


def value_at_stake(scenario: Scenario) -> str:
    c = scenario.customer
    if not c.yearly_value:
        return ""
    full = LifetimeValue.of(c, 100)
    return (f"{money(c.yearly_value, c.currency)} a year"
            + (f", {money(c.yearly_growth, c.currency)} more each year" if c.yearly_growth else "")
            + f": {money(full.revenue, c.currency)} over {c.years} years, "
              f"{money(full.profit, c.currency)} of profit at {c.margin:g}% margin. "
              "All of it is lost if this customer never comes back.")


class BriefingView(QWidget):
    start_requested = Signal(str)  # the mode
    time_limits_chosen = Signal(object)  # a TimeLimits, for this and later conversations
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.scenario: Scenario | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        self.page_layout = QVBoxLayout(page)
        self.page_layout.setContentsMargins(48, 28, 48, 28)
        self.page_layout.setSpacing(18)

        self.title = plain_label("", "display", bold=True)
        self.summary = plain_label("", "body", color=theme.MUTED)
        self.chips = QHBoxLayout()
        self.page_layout.addWidget(self.title)
        self.page_layout.addLayout(self.chips)
        self.page_layout.addWidget(self.summary)

        # the customer's brief
        brief = QFrame(objectName="panel")
        row = QHBoxLayout(brief)
        row.setContentsMargins(28, 24, 28, 24)
        row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.portrait = QLabel()
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.portrait.setAccessibleName("Customer portrait")
        left.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name = plain_label("", "title", bold=True)
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.about = plain_label("", "body", color=theme.MUTED)
        self.about.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.about.setMaximumWidth(280)
        left.addWidget(self.name)
        left.addWidget(self.about)
        left.addStretch(1)
        row.addLayout(left)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(24)
        self.facts.setVerticalSpacing(16)
        self.facts.setColumnStretch(1, 1)
        self.fact_labels = {}
        for i, (key, caption) in enumerate((("organization", "Visiting"), ("wants", "Wants"),
                                            ("expects", "Expects"), ("mood", "Arrives"),
                                            ("value", "At stake"))):
            head = plain_label(caption.upper(), "small", bold=True, color=theme.ACCENT, wrap=False)
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            body = plain_label("", "heading")
            self.facts.addWidget(head, i, 0)
            self.facts.addWidget(body, i, 1)
            self.fact_labels[key] = (head, body)
        facts_box = QVBoxLayout()
        facts_box.addWidget(plain_label("The customer's brief", "heading", bold=True))
        facts_box.addSpacing(6)
        facts_box.addLayout(self.facts)
        facts_box.addStretch(1)
        row.addLayout(facts_box, 1)
        self.page_layout.addWidget(brief)

        self.page_layout.addStretch(1)

        # the mode and the way on, always in view
        self.bar = bar = QFrame(objectName="bottombar")
        self.bar_layout = QGridLayout(bar)
        self.bar_layout.setContentsMargins(48, 14, 48, 14)
        self.bar_layout.setHorizontalSpacing(32)
        self.bar_layout.setVerticalSpacing(12)
        self.back_button = QPushButton("← Back to library")
        self.back_button.setAccessibleName("Back to library")
        self.back_button.clicked.connect(self.back_requested)
        fonts.set_role(self.back_button, "normal")
        self.mode_panel = QWidget()
        keep_place = self.mode_panel.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.mode_panel.setSizePolicy(keep_place)
        modes = QVBoxLayout(self.mode_panel)
        modes.setContentsMargins(0, 0, 0, 0)
        modes.setSpacing(2)
        radios = QHBoxLayout()
        radios.setSpacing(24)
        radios.addWidget(plain_label("Mode:", "heading", bold=True, wrap=False))
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode in Mode:
            name, text = mode.label, mode.description
            radio = QRadioButton(name)
            fonts.set_role(radio, "heading", bold=True)
            radio.setAccessibleName(f"{name} mode")
            radio.setAccessibleDescription(text)
            radio.setToolTip(text)
            radio.toggled.connect(self._mode_changed)
            radio.installEventFilter(self)  # the arrow keys move between the modes
            self.mode_group.addButton(radio)
            self.mode_buttons[mode] = radio
            radios.addWidget(radio)
        radios.addStretch(1)
        modes.addLayout(radios)
        self.mode_text = plain_label("", "small", color=theme.MUTED)
        modes.addWidget(self.mode_text)
        self.timers_row = QWidget()  # shown for scenarios with timed decisions
        timers = QHBoxLayout(self.timers_row)
        timers.setContentsMargins(0, 4, 0, 0)
        timers.setSpacing(8)
        self.timers_text = plain_label(f"Timed decisions: time to read first ({READING_WPM} words a minute), "
                                       "then time to answer. Time limits:", "small", color=theme.MUTED)
        timers.addWidget(self.timers_text, 1)
        self.timers_combo = QComboBox()
        self.timers_combo.setAccessibleName("Time limits")
        self.timers_combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # the words get the rest
        for limits in TimeLimits:
            self.timers_combo.addItem(limits.label, limits)
        self.timers_combo.currentIndexChanged.connect(
            lambda i: self.time_limits_chosen.emit(TimeLimits.or_default(self.timers_combo.itemData(i))))
        timers.addWidget(self.timers_combo, 0, Qt.AlignmentFlag.AlignVCenter)
        modes.addWidget(self.timers_row)
        self.start_button = QPushButton("Start the conversation  ▶")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start the conversation")
        fonts.set_role(self.start_button, "heading", bold=True)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(self.mode()))
        self.modes_on_own_row = False
        self._arrange_bar(False)
        outer.addWidget(bar)
        screen_shortcut(Qt.Key.Key_Escape, self, self.back_requested.emit)
        page_keys(self, scroll)  # at large text the bar covers much of the brief
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            screen_shortcut(key, self, self._enter)

    def set_presenting(self, on: bool) -> None:
        """Presenter mode: Start opens the scenario for a room; the solo modes do not apply."""
        text = "Present to the room  ▶" if on else "Start the conversation  ▶"
        self.start_button.setText(text)
        self.start_button.setAccessibleName(text.rstrip(" ▶"))
        self.mode_panel.setVisible(not on)

    def _enter(self) -> None:
        focused = self.focusWidget()
        if isinstance(focused, QRadioButton) and focused in self.mode_buttons.values():
            focused.setChecked(True)  # Enter starts what looks selected
        (focused if isinstance(focused, QPushButton) else self.start_button).click()

    def _mode_changed(self) -> None:
        self.mode_text.setText(self.mode().description)
        # Only the checked mode is in the Tab order, as in any radio group: Tab lands on the
        # mode that Enter would start, and the arrows move to the other.
        for radio in self.mode_buttons.values():
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus if radio.isChecked() else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.KeyPress and watched in self.mode_buttons.values():
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}.get(event.key())
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                radios = list(self.mode_buttons.values())
                target = radios[max(0, min(len(radios) - 1, radios.index(watched) + step))]
                target.setChecked(True)
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    # -- the bottom bar: the modes beside the buttons, or on a row of their own when too narrow --

    def _arrange_bar(self, own_row: bool) -> None:
        grid = self.bar_layout
        for widget in (self.back_button, self.mode_panel, self.start_button):
            grid.removeWidget(widget)
        for column in range(3):
            grid.setColumnStretch(column, 0)
        if own_row:
            grid.addWidget(self.mode_panel, 0, 0, 1, 3)
            grid.addWidget(self.back_button, 1, 0)
            grid.addWidget(self.start_button, 1, 2)
        else:
            grid.addWidget(self.back_button, 0, 0)
            grid.addWidget(self.mode_panel, 0, 1)
            grid.addWidget(self.start_button, 0, 2)
        grid.setColumnStretch(1, 1)
        self.modes_on_own_row = own_row

    def _modes_fit_beside(self) -> bool:
        """Whether the mode names fit between the two buttons at the bar's width."""
        margins = self.bar_layout.contentsMargins()
        room = (self.width() - margins.left() - margins.right() - 2 * self.bar_layout.horizontalSpacing()
                - self.back_button.sizeHint().width() - self.start_button.sizeHint().width())
        return self.mode_panel.layout().itemAt(0).layout().sizeHint().width() <= room

    def _rearrange(self) -> None:
        own_row = not self._modes_fit_beside()
        if own_row != self.modes_on_own_row:
            self._arrange_bar(own_row)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rearrange()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._rearrange)  # once the children have their new size

    def mode(self) -> Mode:
        return next((mode for mode in Mode if self.mode_buttons[mode].isChecked()), Mode.PRACTICE)

    def show_scenario(self, scenario: Scenario, mode: str) -> None:
        self.scenario = scenario
        c = scenario.customer
        self.title.setText(scenario.title)
        self.summary.setText(" ".join(scenario.summary.split()))
        self.summary.setVisible(bool(scenario.summary))
        clear(self.chips)
        for text in (domain_name(scenario.domain) if scenario.domain else "", channels.channel_label(scenario.channel),
                     scenario.difficulty,
                     f"{scenario.minutes} min" if scenario.minutes else ""):
            if text:
                self.chips.addWidget(chip(text))
        self.chips.addStretch(1)
        emotion = emotion_for_mood(c.mood)
        size = 200
        self.portrait.setPixmap(portrait_pixmap(scenario, emotion, size, self.devicePixelRatioF()))
        self.portrait.setFixedSize(size, size)
        self.name.setText(c.name or "The customer")
        self.about.setText(c.about)
        self.about.setVisible(bool(c.about))
        mood_words = {Emotion.ANGRY: "angry", Emotion.UPSET: "upset", Emotion.NEUTRAL: "calm",
                      Emotion.PLEASED: "in a good mood", Emotion.DELIGHTED: "in a great mood"}
        values = {"organization": c.organization, "wants": c.wants, "expects": c.expects,
                  "mood": mood_words[emotion].capitalize(), "value": value_at_stake(scenario)}
        self.fact_labels["organization"][0].setText(channels.reaches_words(scenario.channel).upper())
        for key, (head, body) in self.fact_labels.items():
            body.setText(values[key])
            head.setVisible(bool(values[key]))
            body.setVisible(bool(values[key]))
        self.portrait.setAccessibleName(f"Portrait of {c.name or 'the customer'}, looking {emotion.value}")
        self.mode_buttons[Mode.or_default(mode)].setChecked(True)
        self.timers_row.setVisible(any(node.timeout is not None for node in scenario.nodes.values()))
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_time_limits(self, limits: TimeLimits) -> None:
        """Show the trainee's setting (View > Time limits chooses the same)."""
        self.timers_combo.blockSignals(True)  # showing the setting is not choosing it
        self.timers_combo.setCurrentIndex(list(TimeLimits).index(TimeLimits.or_default(limits)))
        self.timers_combo.blockSignals(False)
