"""The debrief screen: what the path achieved, decision by decision, and how the WOW path goes.

Everything shown comes from the core's PathResult and Analysis; this module only lays it out.
Scenario text is always shown as plain text. Font sizes derive from the widget's font, so the
screen follows the app's font scale (the whole page is rebuilt when the font changes).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.analysis import Analysis
from ...core.engine import Line
from ...core.levels import Level
from ...core.model import Scenario
from ...core.scoring import PathResult, StepReview, band_words, score_text
from ..base import fonts, theme
from ..base.folders import documents_folder
from ..widgets import Panel, centred_column, message, page_keys, plain_tip, screen_shortcut
from ..widgets.mood_chart import MoodChart
from ..widgets.screen_bar import ScreenBar, page_above_bar
from . import report

# Sizes relative to the widget's font.
TITLE, HEADING, BADGE, FIGURE, QUOTE, SMALL = 1.75, 1.3, 2.1, 2.6, 1.2, 0.9


def _label(text: str, *, factor: float = 1.0, bold: bool = False, italic: bool = False, color: str = "",
           wrap: bool = True, base: QFont | None = None) -> QLabel:
    """A plain-text label (scenario text is never interpreted as markup)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if base is not None:  # explicit, so the size follows the view even under a style sheet
        font = QFont(base)
        if factor != 1.0:
            font.setPointSizeF(base.pointSizeF() * factor)
        font.setBold(bold)
        font.setItalic(italic)
        label.setFont(font)
    if color:
        label.setStyleSheet(f"color: {color};")
    return label


def _badge(level: Level, base: QFont, factor: float = 1.0) -> QLabel:
    label = _label(theme.level_badge_text(level), factor=factor, bold=True, wrap=False, base=base)
    label.setStyleSheet(theme.level_badge_style(level) + (" padding: 0.25em 0.7em;" if factor > 1 else ""))
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
    label.setAccessibleName(f"Level: {level.label}")
    label.setAccessibleDescription(level.meaning)
    return label


class DebriefView(fonts.FollowsTextSize, QWidget):
    """The debrief of one attempt. ``show_result`` fills it; the buttons forward the trainee's choice."""

    retry_requested = Signal()
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Debrief")
        self._scenario: Scenario | None = None
        self._result: PathResult | None = None
        self._analysis: Analysis | None = None
        self._rebuilding = False
        self._built_font = QFont()

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.setAccessibleName("Debrief details")
        self.scroll.setAccessibleDescription("Scroll with the arrow and Page Up/Page Down keys.")

        self.retry_button = QPushButton("&Retry")
        self.retry_button.setAccessibleName("Retry")
        self.retry_button.setToolTip("Play this scenario again (Alt+R)")
        self.retry_button.setObjectName("primary")
        self.library_button = QPushButton("Back to &library")
        self.library_button.setAccessibleName("Back to library")
        self.library_button.setToolTip("Choose another scenario (Alt+L)")
        self.wow_button = QPushButton("Replay the &WOW path")
        self.wow_button.setCheckable(True)
        self.wow_button.setAccessibleName("Replay the WOW path")
        self.export_button = QPushButton("E&xport to PDF…")
        self.export_button.setAccessibleName("Export to PDF")
        self.export_button.setToolTip("Save this debrief as a PDF to hand to a coach (Alt+X)")
        self.status = _label("", color=theme.MUTED, wrap=False)
        self.status.setAccessibleName("Export status")
        self.record_label = _label("", color=theme.MUTED, wrap=False)
        self.record_label.setAccessibleName("Progress saved")

        self.retry_button.clicked.connect(self.retry_requested)
        self.library_button.clicked.connect(self.library_requested)
        self.wow_button.toggled.connect(self._toggle_wow)
        self.export_button.clicked.connect(self._export_clicked)

        self._bar = bar = ScreenBar()
        bar_box = bar.box
        bar_box.addWidget(self.retry_button)
        bar_box.addWidget(self.library_button)
        bar_box.addWidget(self.record_label)
        bar_box.addStretch(1)
        bar_box.addWidget(self.status)
        bar_box.addWidget(self.wow_button)
        bar_box.addWidget(self.export_button)

        page_above_bar(self, self.scroll, bar)
        screen_shortcut(Qt.Key.Key_Escape, self, self.library_requested.emit)
        page_keys(self, self.scroll)

        QWidget.setTabOrder(self.scroll, self.retry_button)
        QWidget.setTabOrder(self.retry_button, self.library_button)
        QWidget.setTabOrder(self.library_button, self.wow_button)
        QWidget.setTabOrder(self.wow_button, self.export_button)

        # Widgets of the current page, kept for tests and for the WOW toggle.
        self.level_badge: QLabel | None = None
        self.score_label: QLabel | None = None
        self.timers_note = ""  # the attempt's time-limit setting in words, when adjusted (set_timers_note)
        self.player_note = ""  # who played and in which mode (set_player_note)
        self.player_label: QLabel | None = None
        self.explanation_label: QLabel | None = None
        self.compliance_label: QLabel | None = None
        self.breach_labels: list[QLabel] = []
        self.step_cards: list[QFrame] = []
        self.mood_chart: MoodChart | None = None
        self.wow_panel: QFrame | None = None
        self.wow_lines: list[Line] = []
        self._set_style()
        self._apply_chrome()
        self._set_wow_available("Nothing to replay yet.")

    # -- public interface --------------------------------------------------------------------

    def show_result(self, scenario: Scenario, result: PathResult, analysis: Analysis | None) -> None:
        self._scenario, self._result, self._analysis = scenario, result, analysis
        self.status.setText("")
        self.wow_button.blockSignals(True)
        self.wow_button.setChecked(False)
        self.wow_button.blockSignals(False)
        self._build()
        self.scroll.verticalScrollBar().setValue(0)

    def set_timers_note(self, text: str) -> None:
        """What the attempt's time-limit setting says ('' when played as written): shown and in the PDF."""
        self.timers_note = text

    def set_player_note(self, text: str) -> None:
        """Who played the attempt and in which mode ('Played by Ana · Practice'): in the header and the PDF.
        Set it before ``show_result``, which builds the header."""
        self.player_note = text

    def set_record_note(self, text: str) -> None:
        """Where this attempt was saved and when the scenario is due again ('' when not saved)."""
        self.record_label.setText(text)
        self.record_label.setVisible(bool(text))

    def export_pdf(self, path: str) -> None:
        """Write the debrief to ``path`` as an A4 PDF (raises OSError when it cannot be written)."""
        if self._scenario is None or self._result is None:
            raise RuntimeError("there is no debrief to export yet")
        report.write_pdf(path, self._scenario, self._result, self._analysis, timers=self.timers_note,
                         player=self.player_note)

    # -- building the page -------------------------------------------------------------------

    def _unit(self) -> int:
        return max(8, self.fontMetrics().height())

    def _apply_chrome(self) -> None:
        """The button bar follows the view's font (called again when it changes)."""
        self._bar.restyle(self.font())

    def _set_style(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"DebriefView {{ background: {theme.BACKGROUND}; }}")

    def _build(self) -> None:
        scenario, result, analysis = self._scenario, self._result, self._analysis
        assert scenario is not None and result is not None
        self._rebuilding = True
        try:
            self._built_font = QFont(self.font())
            base = self.font()
            unit = self._unit()
            self._apply_chrome()
            page = QWidget()
            page.setObjectName("debriefPage")
            page.setStyleSheet(f"""
                QWidget#debriefPage {{ background: {theme.BACKGROUND}; }}
                QFrame#panel {{ background: {theme.CARD}; border: 1px solid {theme.BORDER}; border-radius: 0.6em; }}
                QFrame#panel QLabel {{ border: none; }}
                QFrame#step {{ background: {theme.CARD}; border: 1px solid {theme.BORDER}; border-radius: 0.4em; }}
                QFrame#step QLabel {{ border: none; }}
            """)
            box = centred_column(page, unit, 80)

            box.addLayout(self._header(scenario, base, unit))
            box.addWidget(self._verdict_card(result, base, unit))
            row = QHBoxLayout()
            row.setSpacing(unit * 3 // 2)
            row.addWidget(self._customer_card(scenario, result, base, unit), 3)
            row.addWidget(self._skills_card(result, base, unit), 2)
            box.addLayout(row)
            box.addWidget(self._mood_card(result, base, unit))
            box.addWidget(self._timeline_card(result, base, unit))
            self.wow_panel = self._wow_card(scenario, analysis, base, unit)
            self.wow_panel.setVisible(self.wow_button.isChecked())
            box.addWidget(self.wow_panel)
            box.addStretch(1)

            old = self.scroll.takeWidget()
            if old is not None:
                old.deleteLater()
            self.scroll.setWidget(page)
            self._set_wow_available(report.wow_unavailable_reason(analysis))
        finally:
            self._rebuilding = False

    def _heading(self, text: str, base: QFont) -> QLabel:
        label = _label(text, factor=HEADING, bold=True, base=base)
        label.setAccessibleName(text)
        return label

    def _header(self, scenario: Scenario, base: QFont, unit: int) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(unit // 4)
        box.addWidget(_label("DEBRIEF", factor=SMALL, bold=True, color=theme.MUTED, base=base))
        self.title_label = _label(scenario.title, factor=TITLE, bold=True, base=base)
        box.addWidget(self.title_label)
        who = f"Customer: {report.customer_name(scenario)}"
        if scenario.customer.organization:
            who += f" · {scenario.customer.organization}"
        box.addWidget(_label(who, color=theme.MUTED, base=base))
        self.player_label = None
        if self.player_note:
            self.player_label = _label(self.player_note, color=theme.MUTED, base=base)
            self.player_label.setAccessibleName(self.player_note)
            box.addWidget(self.player_label)
        return box

    def _verdict_card(self, result: PathResult, base: QFont, unit: int) -> QFrame:
        card = Panel(unit, "Result")
        row = QHBoxLayout()
        row.setSpacing(unit * 2)

        level_box = QVBoxLayout()
        level_box.setSpacing(unit // 4)
        level_box.addWidget(_label("Service level", factor=SMALL, color=theme.MUTED, base=base))
        self.level_badge = _badge(result.level, base, BADGE)
        self.level_badge.setAccessibleName(f"Service level: {result.level.label}")
        level_box.addWidget(self.level_badge)
        level_box.addWidget(_label(result.level.meaning.capitalize(), color=theme.MUTED, wrap=False, base=base))
        level_box.addStretch(1)
        row.addLayout(level_box)

        score_box = QVBoxLayout()
        score_box.setSpacing(unit // 4)
        score_box.addWidget(_label("Score", factor=SMALL, color=theme.MUTED, base=base))
        score_line = QHBoxLayout()
        score_line.setSpacing(unit // 4)
        self.score_label = _label(str(result.score), factor=FIGURE, bold=True, wrap=False, base=base)
        self.score_label.setAccessibleName(f"Score: {score_text(result.score)}")
        score_line.addWidget(self.score_label, 0, Qt.AlignmentFlag.AlignBottom)
        score_line.addWidget(_label("/ 100", color=theme.MUTED, wrap=False, base=base), 0,
                             Qt.AlignmentFlag.AlignBottom)
        score_line.addStretch(1)
        score_box.addLayout(score_line)
        self.band_label = _label(band_words(result.score), color=theme.MUTED, base=base)  # wraps at large text
        score_box.addWidget(self.band_label)
        score_box.addStretch(1)
        row.addLayout(score_box)

        verdict_box = QVBoxLayout()
        verdict_box.setSpacing(unit // 4)
        verdict_box.addWidget(_label("Compliance", factor=SMALL, color=theme.MUTED, base=base))
        color = theme.LEVEL_COLORS[Level.WOW] if result.compliance_passed else theme.LEVEL_COLORS[Level.LOW]
        text = f"{report.compliance_symbol(result)} {report.compliance_text(result)}"
        self.compliance_label = _label(text, factor=QUOTE, bold=True, color=color, base=base)
        self.compliance_label.setAccessibleName(report.compliance_text(result))
        verdict_box.addWidget(self.compliance_label)
        self.breach_labels = []
        if result.breaches:
            verdict_box.addWidget(_label("Rules broken:", bold=True, base=base))
            for breach in result.breaches:
                label = _label(f"•  {breach}", base=base)
                label.setAccessibleName(f"Rule broken: {breach}")
                self.breach_labels.append(label)
                verdict_box.addWidget(label)
        else:
            verdict_box.addWidget(_label("No rule was broken.", color=theme.MUTED, base=base))
        verdict_box.addStretch(1)
        row.addLayout(verdict_box, 1)
        card.box.addLayout(row)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet(f"color: {theme.BORDER};")
        card.box.addWidget(line)
        self.explanation_label = _label(result.explanation, base=base)
        self.explanation_label.setAccessibleName("Why this level and score")
        self.explanation_label.setAccessibleDescription(result.explanation)
        card.box.addWidget(self.explanation_label)
        return card

    def _customer_card(self, scenario: Scenario, result: PathResult, base: QFont, unit: int) -> QFrame:
        name = report.customer_name(scenario)
        card = Panel(unit, f"How {name} left")
        card.box.addWidget(self._heading(f"How {name} left", base))
        if result.closing_words:
            quote = _label(f"“{result.closing_words.strip()}”", factor=QUOTE, italic=True, base=base)
            quote.setStyleSheet(f"border-left: 0.25em solid {theme.LEVEL_COLORS[result.level]}; padding-left: 0.6em;")
            quote.setAccessibleName(f"{name}'s closing words")
            self.closing_label = quote
            card.box.addWidget(quote)
        grid = QGridLayout()
        grid.setHorizontalSpacing(unit)
        grid.setVerticalSpacing(unit // 3)
        rows: list[tuple[str, str]] = []
        ending = result.ending
        if ending is not None:
            if ending.feels:
                rows.append(("Feels", ending.feels.strip()))
            if ending.thinks:
                rows.append(("Thinks", ending.thinks.strip()))
        rows.append(("Likely to return", f"{result.value.returns}%"))
        for i, (key, value) in enumerate(rows):
            grid.addWidget(_label(key, color=theme.MUTED, wrap=False, base=base), i, 0,
                           Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_label(value, bold=key == "Likely to return", base=base), i, 1)
        grid.setColumnStretch(1, 1)
        card.box.addLayout(grid)
        self.value_label = _label(report.value_sentence(result.value), base=base)
        self.value_label.setAccessibleName("Lifetime value")
        self.value_label.setStyleSheet(f"background: {theme.BACKGROUND}; border-radius: 0.4em; padding: 0.6em;")
        card.box.addSpacing(unit // 3)
        card.box.addWidget(_label("Lifetime value", bold=True, base=base))
        card.box.addWidget(self.value_label)
        card.box.addStretch(1)
        return card

    def _skills_card(self, result: PathResult, base: QFont, unit: int) -> QFrame:
        card = Panel(unit, "Skills")
        card.box.addWidget(self._heading("Skills", base))
        if not result.skills:
            card.box.addWidget(_label("No reply on this path named a skill.", color=theme.MUTED, base=base))
        else:
            grid = QGridLayout()
            grid.setHorizontalSpacing(unit)
            grid.setVerticalSpacing(unit // 3)
            for col, head in enumerate(("Skill", "Shown", "Missed")):
                grid.addWidget(_label(head, factor=SMALL, bold=True, color=theme.MUTED, wrap=False, base=base),
                               0, col, Qt.AlignmentFlag.AlignLeft if col == 0 else Qt.AlignmentFlag.AlignRight)
            for row, tally in enumerate(result.skills, 1):
                name = _label(report.skill_name(tally.skill), base=base)
                name.setAccessibleName(f"{report.skill_name(tally.skill)}: shown {tally.shown}, missed {tally.missed}")
                grid.addWidget(name, row, 0)
                grid.addWidget(_label(str(tally.shown), bold=tally.shown > 0, wrap=False, base=base), row, 1,
                               Qt.AlignmentFlag.AlignRight)
                missed = _label(str(tally.missed), wrap=False, base=base,
                                color=theme.LEVEL_COLORS[Level.LOW] if tally.missed else theme.MUTED)
                grid.addWidget(missed, row, 2, Qt.AlignmentFlag.AlignRight)
            grid.setColumnStretch(0, 1)
            card.box.addLayout(grid)
            card.box.addWidget(_label("Shown: your reply showed the skill. Missed: another reply on offer "
                                      "showed it.", factor=SMALL, color=theme.MUTED, base=base))
        card.box.addStretch(1)
        return card

    def _mood_card(self, result: PathResult, base: QFont, unit: int) -> QFrame:
        card = Panel(unit, "Mood over the conversation")
        card.box.addWidget(self._heading("Mood over the conversation", base))
        self.mood_chart = MoodChart()
        self.mood_chart.setFont(base)
        self.mood_chart.set_curve(result.mood_curve)
        card.box.addWidget(self.mood_chart)
        return card

    def _timeline_card(self, result: PathResult, base: QFont, unit: int) -> QFrame:
        card = Panel(unit, "Decision by decision")
        card.box.setSpacing(unit * 2 // 3)
        card.box.addWidget(self._heading("Decision by decision", base))
        self.step_cards = []
        if not result.steps:
            card.box.addWidget(_label("No decision was taken.", color=theme.MUTED, base=base))
        for step in result.steps:
            step_card = self._step_card(step, base, unit)
            self.step_cards.append(step_card)
            card.box.addWidget(step_card)
        return card

    def _step_card(self, step: StepReview, base: QFont, unit: int) -> QFrame:
        frame = QFrame()
        frame.setObjectName("step")
        frame.setAccessibleName(f"Decision {step.number}: {step.level.label}")
        row = QHBoxLayout(frame)
        row.setContentsMargins(0, 0, unit, unit * 2 // 3)
        row.setSpacing(unit)
        stripe = QFrame()
        stripe.setFixedWidth(max(4, unit // 3))
        stripe.setStyleSheet(f"background: {theme.LEVEL_COLORS[step.level]}; border: none;"
                             " border-top-left-radius: 0.4em; border-bottom-left-radius: 0.4em;")
        row.addWidget(stripe)
        body = QVBoxLayout()
        body.setContentsMargins(0, unit * 2 // 3, 0, 0)
        body.setSpacing(unit // 3)
        head = QHBoxLayout()
        head.setSpacing(unit * 2 // 3)
        head.addWidget(_label(f"Decision {step.number}", bold=True, wrap=False, base=base))
        head.addWidget(_badge(step.level, base))
        change = step.mood_after - step.mood_before
        sign = "+" if change > 0 else ""
        head.addWidget(_label(f"mood {step.mood_before} → {step.mood_after} ({sign}{change})" if change
                              else f"mood {step.mood_before} (no change)", color=theme.MUTED, wrap=False, base=base))
        head.addStretch(1)
        body.addLayout(head)

        grid = QGridLayout()
        grid.setHorizontalSpacing(unit)
        grid.setVerticalSpacing(unit // 3)
        grid.setColumnStretch(1, 1)
        r = 0

        def add(key: str, value: QLabel) -> None:
            nonlocal r
            grid.addWidget(_label(key, color=theme.MUTED, wrap=False, base=base), r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, r, 1)
            r += 1

        if step.customer:
            add("Customer", _label(step.customer.strip(), base=base))
        said = _label(report.said_text(step), bold=not step.timed_out, italic=step.timed_out, base=base)
        said.setObjectName("said")
        add("You", said)
        if step.feedback:
            add("Then", _label(step.feedback.strip(), italic=True, base=base))
        if step.breach:
            add("Rule broken", _label(f"✖ {step.breach}", bold=True, color=theme.LEVEL_COLORS[Level.LOW], base=base))
        if step.shows_best:
            best = QWidget()
            best_box = QHBoxLayout(best)
            best_box.setContentsMargins(0, 0, 0, 0)
            best_box.setSpacing(unit // 2)
            best_box.addWidget(_badge(step.best_level, base), 0, Qt.AlignmentFlag.AlignTop)
            best_text = _label(step.best_say.strip(), base=base)
            best_text.setObjectName("best")
            best_box.addWidget(best_text, 1)
            grid.addWidget(_label("Best reply", color=theme.MUTED, wrap=False, base=base), r, 0,
                           Qt.AlignmentFlag.AlignTop)
            grid.addWidget(best, r, 1)
            r += 1
        body.addLayout(grid)
        row.addLayout(body, 1)
        return frame

    def _wow_card(self, scenario: Scenario, analysis: Analysis | None, base: QFont, unit: int) -> QFrame:
        card = Panel(unit, "The WOW path")
        card.box.addWidget(self._heading("The WOW path", base))
        self.wow_lines = report.wow_transcript(scenario, analysis)
        reason = report.wow_unavailable_reason(analysis)
        if reason:
            card.box.addWidget(_label(reason, color=theme.MUTED, base=base))
            return card
        card.box.addWidget(_label(f"How the conversation goes with the best replies (score "
                                  f"{analysis.canonical[Level.WOW].score}).", color=theme.MUTED, base=base))
        grid = QGridLayout()
        grid.setHorizontalSpacing(unit)
        grid.setVerticalSpacing(unit // 2)
        grid.setColumnStretch(1, 1)
        name = report.customer_name(scenario)
        for r, line in enumerate(self.wow_lines):
            if line.speaker == "narration":
                text = _label(line.text, italic=True, color=theme.MUTED, base=base)
                text.setAccessibleName(f"Narration: {line.text}")
                grid.addWidget(text, r, 0, 1, 2)
            elif line.speaker == "customer":
                grid.addWidget(_label(name, bold=True, wrap=False, base=base), r, 0, Qt.AlignmentFlag.AlignTop)
                text = _label(line.text, base=base)
                text.setAccessibleName(f"{name}: {line.text}")
                grid.addWidget(text, r, 1)
            else:
                who = _label("You", bold=True, color=theme.ACCENT, wrap=False, base=base)
                grid.addWidget(who, r, 0, Qt.AlignmentFlag.AlignTop)
                cell = QWidget()
                cell_box = QHBoxLayout(cell)
                cell_box.setContentsMargins(0, 0, 0, 0)
                cell_box.setSpacing(unit // 2)
                if line.level is not None:
                    cell_box.addWidget(_badge(line.level, base), 0, Qt.AlignmentFlag.AlignTop)
                text = _label(line.text, color=theme.ACCENT, base=base)
                text.setObjectName("wowReply")
                text.setAccessibleName(f"You: {line.text}")
                cell_box.addWidget(text, 1)
                grid.addWidget(cell, r, 1)
        card.box.addLayout(grid)
        return card

    # -- actions -----------------------------------------------------------------------------

    def _set_wow_available(self, reason: str) -> None:
        self.wow_button.setEnabled(not reason)
        tip = reason or "Show how the conversation goes with the best replies (Alt+W)"
        self.wow_button.setToolTip(plain_tip(tip))
        self.wow_button.setAccessibleDescription(tip)

    def _toggle_wow(self, checked: bool) -> None:
        self.wow_button.setText("Hide the &WOW path" if checked else "Replay the &WOW path")
        if self.wow_panel is None:
            return
        self.wow_panel.setVisible(checked)
        if checked:
            panel = self.wow_panel
            QTimer.singleShot(0, lambda: panel.isVisible() and self.scroll.ensureWidgetVisible(panel, 0, 0))

    def _ask_pdf_path(self) -> str:
        folder = documents_folder()
        name = f"{self._scenario.id if self._scenario else 'debrief'}-debrief.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Export the debrief to PDF", os.path.join(folder, name),
                                                    "PDF documents (*.pdf)")
        return path

    def _export_clicked(self) -> None:
        if self._result is None:
            return
        path = self._ask_pdf_path()
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            self.export_pdf(path)
        except OSError as exc:
            message(self, "Export to PDF", f"The PDF could not be saved:\n{path}\n\n{exc.strerror or exc}",
                    warning=True)
            return
        self.status.setText(f"Saved {os.path.basename(path)}")
        self.status.setToolTip(plain_tip(path))

    def text_size_changed(self) -> None:
        if self._rebuilding:
            return
        if self._result is not None and self.font() != self._built_font:
            keep = self.scroll.verticalScrollBar().value()
            self._build()
            self.scroll.verticalScrollBar().setValue(keep)
        else:
            self._apply_chrome()
