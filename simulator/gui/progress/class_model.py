"""The class overview's table: one row per trainee, their figures, then the best level per
scenario, each cell with words for screen readers and a value that sorts naturally
(``SORT_ROLE``). The figures come from ``TraineeOverview``; this module only words them."""

from __future__ import annotations

import textwrap
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...core.levels import Level
from ...core.progress import TraineeOverview
from ...core.scoring import score_text
from ..base import theme
from ..base.progress_text import NOT_PLAYED, level_text, long_date, plural, when
from ..widgets import plain_tip
from ..widgets.level_chart import tint

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TRAINEE_ROLE = Qt.ItemDataRole.UserRole + 2
NAME, ORIGIN, FINISHED, PLAYED, WOW, LAST, STUCK = range(7)
FIXED_HEADINGS = ("Trainee", "From", "Finished\nattempts", "Played", "At WOW", "Last played", "Stuck on")
ORIGIN_TEXT = {"local": "Local", "imported": "Imported", "lrs": "LRS"}
ORIGIN_LONG = {"local": "plays on this computer", "imported": "imported from an exported history",
               "lrs": "known only from the LRS"}
STUCK_RULE = TraineeOverview.STUCK_RULE
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def heading_lines(title: str, width: int = 13, lines: int = 3, widest: int = 24) -> str:
    """A scenario title, whole, on short lines for a narrow column heading: lines of ``width``
    characters, made longer (up to ``widest``) while that keeps the heading within ``lines`` rows."""
    wrapped = textwrap.wrap(title, width)
    while len(wrapped) > lines and width < widest:
        width += 1
        wrapped = textwrap.wrap(title, width)
    return "\n".join(wrapped) or title


class ClassModel(QAbstractTableModel):
    """The overview as a table model; ``SORT_ROLE`` gives each cell a value that sorts naturally."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[TraineeOverview] = []
        self.scenarios: list[tuple[str, str]] = []  # (id, title)
        self.now: datetime | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_overview(self, rows: list[TraineeOverview], scenarios: list[tuple[str, str]],
                     now: datetime | None = None) -> None:
        self.beginResetModel()
        self.rows, self.scenarios, self.now = list(rows), list(scenarios), now
        self.endResetModel()

    def title(self, scenario_id: str) -> str:
        return next((t for sid, t in self.scenarios if sid == scenario_id), scenario_id)

    # -- Qt model --------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(FIXED_HEADINGS) + len(self.scenarios)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or section < 0:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # the spoken text, shown literally
            return plain_tip(self.headerData(section, orientation, Qt.ItemDataRole.AccessibleTextRole) or "")
        fixed = section < len(FIXED_HEADINGS)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED_HEADINGS[section] if fixed else heading_lines(self.scenarios[section - STUCK - 1][1])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if fixed:
                return FIXED_HEADINGS[section].replace("\n", " ") + (f" ({STUCK_RULE})" if section == STUCK else "")
            return f"Best level in: {self.scenarios[section - STUCK - 1][1]}"
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == TRAINEE_ROLE:
            return row.trainee
        if role == Qt.ItemDataRole.ToolTipRole:  # the spoken text, shown literally
            return plain_tip(self.data(index, Qt.ItemDataRole.AccessibleTextRole) or "")
        if column >= len(FIXED_HEADINGS):
            return self._level_cell(row, self.scenarios[column - len(FIXED_HEADINGS)], role)
        return self._fixed_cell(row, column, role)

    def _fixed_cell(self, row: TraineeOverview, column: int, role):
        stuck_titles = [self.title(s) for s in row.stuck]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                NAME: row.trainee.name,
                ORIGIN: ORIGIN_TEXT.get(row.trainee.origin, row.trainee.origin),
                FINISHED: str(row.finished_attempts),
                PLAYED: f"{row.scenarios_played} of {row.scenarios_total}"
                        + (f" (+{row.other_scenarios} other)" if row.other_scenarios else ""),
                WOW: str(row.scenarios_wow),
                LAST: when(row.last_played, self.now) if row.last_played else NOT_PLAYED,
                STUCK: ("⚠ " + (f"{len(stuck_titles)}: " if len(stuck_titles) > 1 else "") + "; ".join(stuck_titles)
                        if stuck_titles else ""),
            }[column]
        if role == SORT_ROLE:
            return {
                NAME: row.trainee.name.casefold(),
                ORIGIN: row.trainee.origin,
                FINISHED: row.finished_attempts,
                PLAYED: row.scenarios_played,
                WOW: row.scenarios_wow,
                LAST: row.last_played.timestamp() if row.last_played else -1.0,
                STUCK: len(row.stuck),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in (FINISHED, WOW) else CENTRED if column == PLAYED else LEFT
        if role == Qt.ItemDataRole.FontRole and column == NAME:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STUCK and row.stuck:
                return QColor(theme.LEVEL_COLORS[Level.LOW])
            if column in (ORIGIN, LAST):
                return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            name = row.trainee.name
            return {
                NAME: f"{name} ({ORIGIN_LONG.get(row.trainee.origin, row.trainee.origin)}). "
                      f"Enter: show {name}'s progress.",
                ORIGIN: f"{name}: {ORIGIN_LONG.get(row.trainee.origin, row.trainee.origin)}",
                FINISHED: f"{name}: {plural(row.finished_attempts, 'finished attempt')}" + (
                    f", {row.other_attempts} of them on {plural(row.other_scenarios, 'scenario')} not in this library"
                    if row.other_attempts else ""),
                PLAYED: f"{name}: played {row.scenarios_played} of {row.scenarios_total} scenarios" + (
                    f" and {plural(row.other_scenarios, 'scenario')} not in this library" if row.other_scenarios
                    else ""),
                WOW: f"{name}: {row.scenarios_wow} at WOW",
                LAST: f"{name}: last played {long_date(row.last_played)}" if row.last_played
                else f"{name}: never played",
                STUCK: f"{name} is stuck on: {'; '.join(stuck_titles)} ({STUCK_RULE})" if stuck_titles
                else f"{name} is not stuck anywhere",
            }[column]
        return None

    def _level_cell(self, row: TraineeOverview, scenario: tuple[str, str], role):
        scenario_id, title = scenario
        level = row.best_levels.get(scenario_id)
        stuck = scenario_id in row.stuck
        score = row.best_scores.get(scenario_id)
        if role == Qt.ItemDataRole.DisplayRole:
            shown = level_text(level) + (f" · {score}" if level is not None and score is not None else "")
            return shown + (" ⚠" if stuck else "")
        if role == Qt.ItemDataRole.ToolTipRole and level is not None and score is not None:
            return f"Best level {level.label} ({level.meaning}); best score {score_text(score)}"
        if role == SORT_ROLE:
            return level.rank if level is not None else -1
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRED
        if role == Qt.ItemDataRole.BackgroundRole and level is not None:
            return tint(theme.LEVEL_COLORS[level], 0.14)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(theme.LEVEL_COLORS[level]) if level is not None else QColor(theme.MUTED)
        if role == Qt.ItemDataRole.FontRole and level is not None:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if level is None:
                return f"{row.trainee.name}, {title}: not finished yet"
            text = f"{row.trainee.name}, {title}: best level {level.label} ({level.meaning})"
            if score is not None:
                text += f", best score {score_text(score)}"
            return text + (f"; stuck ({STUCK_RULE})" if stuck else "")
        return None


