"""The progress view: one trainee's completion per domain, level per attempt over time, the skills
that most often fall short, streaks and reviews due.

Every figure comes from ``ProgressStore.progress_summary``; this module only lays it out. Text
sizes follow the app's scale (font roles; the page is rebuilt when the view's font changes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...core.levels import Level
from ...core.progress import ProgressStore, ProgressSummary, Trainee
from ..base import fonts, theme
from ..base.progress_text import domain_name, plural, when
from ..practice.report import skill_name
from ..widgets import Panel, centred_column, chip, page_keys, plain_label, plain_tip, screen_shortcut
from ..widgets.level_chart import LevelChart
from ..widgets.screen_bar import ScreenBar, page_above_bar

SKILLS_NOTE = ("Missed: a reply on offer showed the skill and the one chosen did not. "
               "Counted over every finished attempt.")


def completion_text(played: int, total: int, wow: int) -> str:
    """'3 of 5 played, 1 at WOW'."""
    return f"{played} of {total} played, {wow} at WOW"


def shortfall_text(missed: int, shown: int) -> str:
    """'missed 4 of 6': of the decisions where the skill was on offer."""
    return f"missed {missed} of {missed + shown}"


class ProgressView(fonts.FollowsTextSize, QWidget):
    """``show_progress`` fills it; Back to library (or Esc) emits ``library_requested``."""

    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAccessibleName("Progress")
        self._args: tuple | None = None
        self._built_font = QFont()
        self._built_mode: tuple[int, bool] = (4, True)
        self._rebuilding = False
        self.summary: ProgressSummary | None = None
        self.trainee: Trainee | None = None

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page reflows instead
        self.scroll.setAccessibleName("Progress details")
        self.scroll.setAccessibleDescription("Scroll with the arrow and Page Up/Page Down keys.")

        self.back_button = QPushButton("Back to &library")
        self.back_button.setAccessibleName("Back to library")
        self.back_button.setToolTip("Return to the scenario library (Esc)")
        self.back_button.setObjectName("primary")
        self.export_button = QPushButton("E&xport my history…")
        self.export_button.setAccessibleName("Export my history")
        self.export_button.setToolTip("Save this trainee's full history as a file to give to a trainer (Alt+X)")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Export status")
        self.back_button.clicked.connect(self.library_requested)
        self.export_button.clicked.connect(self._export)

        self.bar = bar = ScreenBar()
        bar.box.addWidget(self.back_button)
        bar.box.addStretch(1)
        bar.box.addWidget(self.status)
        bar.box.addWidget(self.export_button)

        page_above_bar(self, self.scroll, bar)
        screen_shortcut(Qt.Key.Key_Escape, self, self.library_requested.emit)
        page_keys(self, self.scroll)

        # The widgets of the current page, kept for tests and for screen-reader checks.
        self.title_label: QLabel | None = None
        self.subtitle_label: QLabel | None = None
        self.stat_labels: dict[str, QLabel] = {}
        self.domain_labels: dict[str, QLabel] = {}
        self.domain_bars: dict[str, QProgressBar] = {}
        self.skill_labels: list[QLabel] = []
        self.chart: LevelChart | None = None
        self.chart_caption: QLabel | None = None
        self._chrome_timer = QTimer(self, singleShot=True, interval=0, timeout=self._apply_chrome)
        self._apply_chrome()

    # -- public interface --------------------------------------------------------------------

    def show_progress(self, store: ProgressStore, trainee: Trainee, scenarios: Sequence, now: datetime | None = None
                      ) -> ProgressSummary:
        """Read the trainee's summary from ``store`` and show it; ``scenarios`` is the library
        (objects with ``id``, ``domain`` and ``title``). Returns the summary shown.
        Store errors (``ProgressError``) reach the caller, who says them in words."""
        self._args = (store, trainee, list(scenarios), now)
        self.summary = store.progress_summary(trainee.id, scenarios, now)
        self.trainee = trainee
        self.status.setText("")
        self._build()
        self.scroll.verticalScrollBar().setValue(0)
        return self.summary

    def refresh(self) -> None:
        """Read the store again (after an attempt was played or imported)."""
        if self._args is not None:
            store, trainee, scenarios, now = self._args
            self.summary = store.progress_summary(trainee.id, scenarios, now)
            self._rebuild_keeping_place()

    def _rebuild_keeping_place(self) -> None:
        """Built again with the same attempts: the scroll position, the attempt picked on the
        chart and the keyboard focus on it stay as they were."""
        keep = self.scroll.verticalScrollBar().value()
        chart = self.chart
        picked = (chart.current, len(chart.points), chart.hasFocus()) if chart is not None else None
        self._build()
        self.scroll.verticalScrollBar().setValue(keep)
        if picked is not None and self.chart is not None and len(self.chart.points) == picked[1]:
            self.chart.set_current(picked[0])
            if picked[2]:
                self.chart.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building --------------------------------------------------------------------------------

    def _unit(self) -> int:
        return max(8, self.fontMetrics().height())

    def _apply_chrome(self) -> None:
        self.bar.restyle(self.font())

    def _layout_mode(self) -> tuple[int, bool]:
        """(stat tiles per row, domains and skills side by side): fewer across when the text is large."""
        width = max(self.width(), 1) / self._unit()
        return (4 if width >= 40 else 2), width >= 56

    def _build(self) -> None:
        _store, trainee, scenarios, now = self._args
        summary = self.summary
        self._rebuilding = True
        try:
            self._built_font = QFont(self.font())
            self._built_mode = mode = self._layout_mode()
            titles = {s.id: getattr(s, "title", "") or s.id for s in scenarios}
            unit = self._unit()
            self._apply_chrome()
            page = QWidget()
            box = centred_column(page, unit, 78)
            box.addLayout(self._header(trainee, summary, now))
            box.addLayout(self._stats(summary, unit, mode[0]))
            box.addWidget(self._chart_panel(summary, titles, now, unit))
            row = QHBoxLayout() if mode[1] else QVBoxLayout()
            row.setSpacing(unit * 3 // 2)
            row.addWidget(self._domains_panel(summary, unit), 1)
            row.addWidget(self._skills_panel(summary, unit), 1)
            box.addLayout(row)
            box.addStretch(1)
            old = self.scroll.takeWidget()
            if old is not None:
                old.deleteLater()
            self.scroll.setWidget(page)
            QWidget.setTabOrder(self.scroll, self.chart)
            QWidget.setTabOrder(self.chart, self.back_button)
            QWidget.setTabOrder(self.back_button, self.export_button)
        finally:
            self._rebuilding = False

    def _header(self, trainee: Trainee, summary: ProgressSummary, now: datetime | None) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(plain_label("PROGRESS", "small", bold=True, color=theme.MUTED))
        line = QHBoxLayout()
        self.title_label = plain_label(f"{trainee.name}'s progress", "display", bold=True)
        self.title_label.setAccessibleName(f"Progress of {trainee.name}")
        line.addWidget(self.title_label, 1)
        if trainee.origin == "imported":
            line.addWidget(chip("Imported", theme.ACCENT), 0, Qt.AlignmentFlag.AlignVCenter)
        box.addLayout(line)
        if summary.timeline:
            text = (f"{plural(summary.finished_attempts, 'finished attempt')} · last finished "
                    f"{when(summary.timeline[-1].finished_at, now)}")
        else:
            text = "No finished attempts yet: pick a scenario in the library to begin."
        self.subtitle_label = plain_label(text, "normal", color=theme.MUTED)
        box.addWidget(self.subtitle_label)
        return box

    def _stats(self, summary: ProgressSummary, unit: int, per_row: int) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(unit * 3 // 2)
        self.stat_labels = {}
        tiles = [
            ("current_streak", "Current streak", str(summary.current_streak),
             "day in a row" if summary.current_streak == 1 else "days in a row"),
            ("longest_streak", "Longest streak", str(summary.longest_streak),
             "day" if summary.longest_streak == 1 else "days"),
            ("practice_days", "Practice days", str(summary.practice_days), "in all"),
            ("due_now", "Due for review now", str(summary.due_now),
             "scenario" if summary.due_now == 1 else "scenarios"),
        ]
        for i, (key, caption, figure, unit_text) in enumerate(tiles):
            panel = Panel(unit, f"{caption}: {figure} {unit_text}")
            panel.box.setContentsMargins(unit * 5 // 4, unit * 3 // 4, unit * 5 // 4, unit * 3 // 4)
            panel.box.setSpacing(0)
            panel.box.addWidget(plain_label(caption, "small", color=theme.MUTED))
            line = QHBoxLayout()
            line.setSpacing(unit // 3)
            value = plain_label(figure, "title", bold=True, wrap=False,
                                color=theme.ACCENT if key == "due_now" and summary.due_now else "")
            value.setAccessibleName(f"{caption}: {figure} {unit_text}")
            line.addWidget(value, 0, Qt.AlignmentFlag.AlignBaseline)
            line.addWidget(plain_label(unit_text, "normal", color=theme.MUTED), 1, Qt.AlignmentFlag.AlignBaseline)
            panel.box.addLayout(line)
            self.stat_labels[key] = value
            grid.addWidget(panel, i // per_row, i % per_row)
        for column in range(per_row):
            grid.setColumnStretch(column, 1)
        return grid

    def _heading(self, text: str) -> QLabel:
        label = plain_label(text, "heading", bold=True)
        label.setAccessibleName(text)
        return label

    def _chart_panel(self, summary: ProgressSummary, titles: dict[str, str], now: datetime | None,
                     unit: int) -> QFrame:
        panel = Panel(unit, "Level reached, attempt by attempt")
        panel.box.addWidget(self._heading("Level reached, attempt by attempt"))
        self.chart = LevelChart()
        fonts.set_role(self.chart, "normal")
        self.chart_caption = plain_label("", "small", color=theme.MUTED)
        self.chart_caption.setAccessibleName("Picked attempt")
        self.chart.current_changed.connect(self._show_current)
        self.chart.set_points(summary.timeline, titles, now)
        panel.box.addWidget(self.chart)
        panel.box.addWidget(self.chart_caption)
        return panel

    def _show_current(self, text: str) -> None:
        if self.chart_caption is not None:
            self.chart_caption.setText(text)

    def _domains_panel(self, summary: ProgressSummary, unit: int) -> QFrame:
        panel = Panel(unit, "Completion by domain")
        panel.box.addWidget(self._heading("Completion by domain"))
        self.domain_labels, self.domain_bars = {}, {}
        if not summary.domains:
            panel.box.addWidget(plain_label("The library has no scenarios yet.", color=theme.MUTED))
        grid = QGridLayout()
        grid.setHorizontalSpacing(unit)
        grid.setVerticalSpacing(unit // 2)
        for row, domain in enumerate(summary.domains):
            name = domain_name(domain.domain)
            text = completion_text(domain.played, domain.total, domain.wow)
            grid.addWidget(plain_label(name, "normal", bold=True), row * 2, 0)
            label = plain_label(text, "normal", color=theme.MUTED)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label.setAccessibleName(f"{name}: {text}")
            grid.addWidget(label, row * 2, 1)
            bar = QProgressBar()
            bar.setRange(0, max(1, domain.total))
            bar.setValue(domain.played)
            bar.setTextVisible(False)
            bar.setAccessibleName(f"{name}: {text}")
            bar.setFixedHeight(max(6, unit // 2))
            grid.addWidget(bar, row * 2 + 1, 0, 1, 2)
            self.domain_labels[domain.domain] = label
            self.domain_bars[domain.domain] = bar
        grid.setColumnStretch(1, 1)  # names take what they need; the counts get the rest, right-aligned
        panel.box.addLayout(grid)
        panel.box.addStretch(1)
        return panel

    def _skills_panel(self, summary: ProgressSummary, unit: int) -> QFrame:
        panel = Panel(unit, "Skills that most often fall short")
        panel.box.addWidget(self._heading("Skills that most often fall short"))
        self.skill_labels = []
        if not summary.weak_skills:
            text = ("No skill has fallen short yet." if summary.finished_attempts
                    else "Finish a scenario to see which skills to work on.")
            panel.box.addWidget(plain_label(text, color=theme.MUTED))
        grid = QGridLayout()
        grid.setHorizontalSpacing(unit)
        grid.setVerticalSpacing(unit // 2)
        for row, shortfall in enumerate(summary.weak_skills):
            name = skill_name(shortfall.skill)
            text = shortfall_text(shortfall.missed, shortfall.shown)
            rank = plain_label(f"{row + 1}.", "normal", color=theme.MUTED, wrap=False)
            grid.addWidget(rank, row, 0)
            label = plain_label(name, "normal", bold=row == 0)
            label.setAccessibleName(f"{name}: {text}")
            grid.addWidget(label, row, 1)
            count = plain_label(text, "normal", wrap=False, color=theme.LEVEL_COLORS[Level.LOW])
            count.setAccessibleName(f"{name}: {text}")
            grid.addWidget(count, row, 2, Qt.AlignmentFlag.AlignRight)
            self.skill_labels.append(label)
        grid.setColumnStretch(1, 1)
        panel.box.addLayout(grid)
        if summary.weak_skills:
            note = plain_label(SKILLS_NOTE, "small", color=theme.MUTED)
            note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            panel.box.addWidget(note)
        panel.box.addStretch(1)
        return panel

    # -- actions -------------------------------------------------------------------------------

    def _export(self) -> None:
        if self._args is None:
            return
        from .progress_actions import export_history_json

        store, trainee = self._args[0], self._args[1]
        outcome = export_history_json(self, store, trainee.id)
        if outcome is not None:
            self.status.setText(outcome.message if outcome.ok else "Not exported")
            self.status.setToolTip(plain_tip(outcome.message))

    def text_size_changed(self) -> None:
        if self._rebuilding:
            return
        if self.summary is not None and self.font() != self._built_font:
            self._rebuild_keeping_place()  # from the summary in hand: no store read for a font
        # Again once every widget has its new font; restyled sooner, the bar's buttons keep
        # their old size and clip their text.
        self._chrome_timer.start()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.summary is not None and not self._rebuilding and self._layout_mode() != self._built_mode:
            self._rebuild_keeping_place()
