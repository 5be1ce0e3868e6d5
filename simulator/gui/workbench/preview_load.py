"""Loading and checking the previewed file off the UI thread.

A 30,000-node file takes seconds to load, check and lay out: done in the window it froze it.
``FileChecker`` runs ``check_file`` through the app's one background-job helper
(``base.worker.CallJob``), one check at a time. A save while a check runs makes that check's
result stale: it is dropped, never shown, and the file is checked again, so the window only
ever shows the newest save. Until then the window keeps the last good version on show.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from ...core.analysis import Analysis, analyze
from ...core.graph_layout import ScenarioMap
from ...core.loader import LoadResult, ScenarioLoader
from ..base.worker import CallJob, crashed_result, start_call
from .map_view import map_layout


class Checked(NamedTuple):
    """What one check of the file found: the load, its analysis and the map's layout (or why
    the map is not drawn) when the file has no errors."""

    result: LoadResult
    analysis: Analysis | None = None
    layout: ScenarioMap | str | None = None


def check_file(path: str) -> Checked:
    """Load, check and lay out ``path``. Plain Python: it runs in a worker thread."""
    result = ScenarioLoader().load(path)
    if result.scenario is None:
        return Checked(result)
    analysis = result.analysis or analyze(result.scenario)  # the loader's own, when it ran one
    return Checked(result, analysis, map_layout(result.scenario, analysis))


class FileChecker(QObject):
    """``check()`` after each save; ``checked(Checked)`` brings the newest save's result."""

    checked = Signal(object)  # Checked

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.saves = 0  # checks asked for; the result of an older one is stale
        self.dropped = 0  # results dropped because a newer save overtook them
        self._job: CallJob | None = None
        self._running = 0  # the ``saves`` count the running check started at

    @property
    def busy(self) -> bool:
        return self._job is not None

    def check(self, path: str | None = None) -> None:
        """Check the file (now ``path``, when given) again; a check running now is overtaken."""
        if path is not None:
            self.path = os.path.abspath(path)
        self.saves += 1
        if self._job is None:
            self._start()

    def _start(self) -> None:
        path, self._running = self.path, self.saves
        self._job = start_call(CallJob(lambda _progress: check_file(path)), self._finished, on_failed=self._failed)

    def _finished(self, found: Checked) -> None:
        self._job = None
        if self._running != self.saves:  # saved again meanwhile: this result is already out of date
            self.dropped += 1
            self._start()
            return
        self.checked.emit(found)

    def _failed(self, trace: str) -> None:  # a loader bug: shown as the file's problem, never a traceback
        self._finished(Checked(crashed_result(self.path, trace)))
