"""The class debrief: the team scoreboard, then each decision's votes next to the replies' levels.

Shown on the projector after the last team (levels are no secret any more). Everything comes
from ``core.classroom.SessionSummary``; export writes the same summary to PDF and CSV.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QFrame, QGridLayout, QHBoxLayout, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ...core.classroom import DecisionRecord, SessionSummary, write_summary_csv
from ...core.levels import Level
from ..base.folders import documents_folder
from ..base.layouts import clear, show_items
from ..base.progress_text import long_date, plural
from ..practice import report
from . import presenter_theme as pt
from .projector_view import ProjectorView
from .summary_report import team_heading, write_summary_pdf
from .vote_bar import VoteBar

BODY_PER_HEIGHT = 1 / 42


class DecisionVotes(QFrame):
    """One decision: the customer's words, then each reply with its level and its share of the votes."""

    def __init__(self, decision: DecisionRecord) -> None:
        super().__init__()
        self.setObjectName("decisionVotes")
        self.setStyleSheet(f"QFrame#decisionVotes {{ background: {pt.BACKGROUND}; border: 2px solid "
                           f"{pt.SOFT_OUTLINE}; border-radius: 12px; }}")
        self.decision = decision
        box = QVBoxLayout(self)
        self.box = box
        total = decision.total_votes
        head = pt.text_label(f"Decision {decision.number} · {decision.heading}", "small", bold=True,
                             color=pt.MUTED)
        box.addWidget(head)
        box.addWidget(pt.text_label(decision.customer, "body", bold=True))
        grid = QGridLayout()
        self.grid = grid
        self.rows: list[dict[str, QWidget]] = []
        for row, option in enumerate(decision.options):
            mark = pt.text_label(("▶ " if option.played else "") + option.letter, "body", bold=True, wrap=False)
            say = pt.text_label(option.say, "small", bold=option.played)
            badge = pt.level_badge(option.level, "tiny")
            count = pt.text_label(f"{option.votes}" + (f" · {option.share * 100:.0f}%" if total else ""), "small",
                                  bold=option.played, wrap=False)
            count.setAlignment(Qt.AlignmentFlag.AlignRight)
            bar = VoteBar()
            bar.set_share(option.share)
            bar.setVisible(bool(total))
            played_text = f", played ({decision.how_words})" if option.played else ""
            say.setAccessibleName(f"Reply {option.letter}: {option.say}. Level {option.level.label}. "
                                  f"{plural(option.votes, 'vote')}{played_text}")
            for col, widget in enumerate((mark, say, badge, count, bar)):
                grid.addWidget(widget, row, col, Qt.AlignmentFlag.AlignVCenter)
            self.rows.append({"mark": mark, "say": say, "badge": badge, "count": count, "bar": bar})
        if decision.played_key is None:
            r = len(decision.options)
            grid.addWidget(pt.text_label("▶", "body", bold=True), r, 0)
            grid.addWidget(pt.text_label("(No answer: the time ran out.)", "small", bold=True), r, 1)
            grid.addWidget(pt.level_badge(Level.LOW, "tiny"), r, 2)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)

    def apply_size(self, body: int) -> None:
        pad = max(6, body // 2)
        self.box.setContentsMargins(pad * 2, pad, pad * 2, pad)
        self.box.setSpacing(pad // 2)
        self.grid.setHorizontalSpacing(pad)
        self.grid.setVerticalSpacing(max(2, pad // 3))
        for row in self.rows:
            row["bar"].setFixedSize(body * 5, max(8, body // 2))


class ClassDebriefView(ProjectorView):
    """Scoreboard and votes. ``show_summary`` fills it; the buttons export or go back.

    Signals besides ProjectorView's (Ctrl+W, text size): ``back_requested`` (Esc or ←),
    ``exported(path)``.
    """

    back_requested = Signal()
    exported = Signal(str)  # the path written

    def __init__(self, font_scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(font_scale, parent)
        self.setObjectName("classDebrief")
        self.setAccessibleName("Class debrief")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.summary: SessionSummary | None = None
        self.decision_blocks: list[DecisionVotes] = []
        self.score_rows: list[list[QWidget]] = []
        self.status_text = ""
        # Tests replace this: (caption, file name, filter) -> chosen path or "".
        self.ask_path = self._ask_path

        outer = QVBoxLayout(self)
        self.outer = outer
        self.heading = pt.text_label("Class debrief", "title", bold=True)
        outer.addWidget(self.heading)
        self.subtitle = pt.text_label("", "small", color=pt.MUTED)
        outer.addWidget(self.subtitle)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName("Scoreboard and votes")
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.holder = QWidget()
        self.content = QVBoxLayout(self.holder)
        self.scroll.setWidget(self.holder)
        outer.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        self.back_button = self._button("← Back to the presenter", "Back to the presenter (Esc)", self.back_requested.emit)
        self.pdf_button = self._button("Export PDF…", "Save the session summary as a PDF (Ctrl+P)", self.choose_pdf)
        self.csv_button = self._button("Export CSV…", "Save the session summary as a CSV table (Ctrl+E)",
                                       self.choose_csv)
        self.leave_button = self._button("Leave presenter mode", "Back to the library (Ctrl+W)",
                                         self.library_requested.emit)
        for b in (self.back_button, self.pdf_button, self.csv_button):
            buttons.addWidget(b)
        self.status = pt.text_label("", "tiny", color=pt.MUTED)
        self.status.setAccessibleName("Export status")
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.leave_button)
        outer.addLayout(buttons)
        self.relayout()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…").lstrip("← "))
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.setAutoDefault(True)
        button.setProperty("presenterRole", "tiny")
        button.setStyleSheet(f"QPushButton {{ background: {pt.BACKGROUND}; color: {pt.TEXT}; border: 2px solid "
                             f"{pt.OUTLINE}; border-radius: 8px; padding: 0.3em 0.9em; }}"
                             f" QPushButton:focus {{ border: 4px solid {pt.ACCENT}; }}")
        button.clicked.connect(slot)
        return button

    # -- content ----------------------------------------------------------------------------------

    def show_summary(self, summary: SessionSummary) -> None:
        """Show ``summary`` (the session as it is now); a message about an earlier export no longer applies."""
        self.summary = summary
        self._status("")
        self.subtitle.setText(f"{summary.title}  ·  {long_date(summary.when)}")
        clear(self.content)
        self.decision_blocks = []
        self.score_rows = []
        self.content.addWidget(pt.text_label("Scoreboard", "body", bold=True))
        self.content.addLayout(self._scoreboard(summary))
        for team in summary.teams:
            self.content.addWidget(pt.text_label(team_heading(team), "body", bold=True))
            for decision in team.decisions:
                block = DecisionVotes(decision)
                self.content.addWidget(block)
                self.decision_blocks.append(block)
            if not team.decisions:
                self.content.addWidget(pt.text_label("No decision was played.", "small", italic=True, color=pt.MUTED))
        self.content.addStretch(1)
        show_items(self.content)
        self.relayout()
        self.scroll.verticalScrollBar().setValue(0)

    def _scoreboard(self, summary: SessionSummary) -> QGridLayout:
        grid = QGridLayout()
        self.score_grid = grid
        heads = ("", "Team", "Level", "Score", "Compliance", "Comes back", "Ending")
        for col, text in enumerate(heads):  # headings and verdicts may wrap: at the largest text one line each
            grid.addWidget(pt.text_label(text, "small", bold=True, color=pt.MUTED), 0, col)  # was wider than 1920
        for r, row in enumerate(summary.scoreboard, 1):
            if row.complete:
                cells = [pt.text_label(f"{row.rank}.", "body", bold=True, wrap=False),
                         pt.text_label(row.team, "body", bold=True),
                         pt.level_badge(row.level, "small"),
                         pt.text_label(f"{row.score}/100", "body", bold=True, wrap=False),
                         pt.text_label(pt.verdict_text(row), "small", bold=True,
                                       color=pt.PASS_COLOR if row.compliance_passed else pt.FAIL_COLOR),
                         pt.text_label(f"{row.returns}%", "small", wrap=False),
                         pt.text_label(row.ending, "small")]
            else:
                cells = [pt.text_label("–", "body", wrap=False), pt.text_label(row.team, "body", bold=True),
                         pt.text_label("not finished", "small", italic=True, color=pt.MUTED, wrap=False)]
            for col, cell in enumerate(cells):
                grid.addWidget(cell, r, col, Qt.AlignmentFlag.AlignVCenter)
            cells[1].setAccessibleName(f"{row.team}: " + (f"rank {row.rank}, {row.level.label}, score {row.score}, "
                                                          f"{report.compliance_text(row)}" if row.complete
                                                          else "not finished"))
            self.score_rows.append(cells)
        grid.setColumnStretch(len(heads) - 1, 1)  # the ending takes the room that is left
        return grid

    def scoreboard_texts(self) -> list[list[str]]:
        """The scoreboard as the room reads it, row by row (for tests and the facilitator)."""
        return [[c.text() for c in row] for row in self.score_rows]

    # -- export ------------------------------------------------------------------------------------

    def export_pdf(self, path: str) -> bool:
        return self._export(path, lambda: write_summary_pdf(path, self.summary))

    def export_csv(self, path: str) -> bool:
        return self._export(path, lambda: write_summary_csv(path, self.summary))

    def _export(self, path: str, write) -> bool:
        if self.summary is None or not path:
            return False
        try:
            write()
        except OSError as error:
            self._status(f"Could not save {os.path.basename(path)}: {error.strerror or error}")
            return False
        self._status(f"Saved {path}")
        self.exported.emit(path)
        return True

    def choose_pdf(self) -> None:
        self.export_pdf(self.ask_path("Export the session summary", self._file_name("pdf"), "PDF (*.pdf)"))

    def choose_csv(self) -> None:
        self.export_csv(self.ask_path("Export the session summary", self._file_name("csv"), "CSV table (*.csv)"))

    def _file_name(self, suffix: str) -> str:
        folder = documents_folder()
        stem = f"class-{self.summary.scenario_id}-{self.summary.when:%Y-%m-%d}" if self.summary else "class-session"
        return os.path.join(folder, f"{stem}.{suffix}")

    def _ask_path(self, caption: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, caption, name, filters)
        return path

    def _status(self, text: str) -> None:
        self.status_text = text
        self.status.setText(text)

    # -- keys and size -----------------------------------------------------------------------------

    def control_key(self, key: int) -> bool:
        """Ctrl+P and Ctrl+E export; the text size keys and Ctrl+W are ProjectorView's."""
        if key == Qt.Key.Key_P:
            self.choose_pdf()
        elif key == Qt.Key.Key_E:
            self.choose_csv()
        else:
            return super().control_key(key)
        return True

    def plain_key(self, key: int) -> bool:
        bar = self.scroll.verticalScrollBar()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_Left):
            self.back_requested.emit()
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Right):
            bar.setValue(bar.value() + bar.pageStep())
        elif key == Qt.Key.Key_PageUp:
            bar.setValue(bar.value() - bar.pageStep())
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            bar.setValue(bar.value() + bar.singleStep() * (3 if key == Qt.Key.Key_Down else -3))
        else:
            return False
        return True

    def fit_to_screen(self) -> None:
        body = self.fit_text(BODY_PER_HEIGHT, self.outer)
        self.content.setSpacing(max(6, body // 2))
        self.content.setContentsMargins(0, 0, body // 2, 0)
        if hasattr(self, "score_grid"):
            self.score_grid.setHorizontalSpacing(body)
            self.score_grid.setVerticalSpacing(max(4, body // 3))
        for block in self.decision_blocks:
            block.apply_size(body)
        self.scroll.verticalScrollBar().setSingleStep(max(8, body))
