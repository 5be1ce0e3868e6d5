"""Progress > Class from LRS: the class view filled from the organisation's LRS.

The class fetched last time (the cache) is shown at once, marked as being fetched; the LRS is
read in the thread pool (``CallJob``: the window stays usable) and its class replaces it, or,
when the LRS cannot be read, the cached one stays with the reason. The rows are rebuilt by
``core.xapi.class_from_lrs``; names of accounts this computer knows come from its store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.xapi import class_from_lrs as cl
from ..base import fonts
from ..base.worker import CallJob, start_call

if TYPE_CHECKING:  # pragma: no cover
    from .controller import ProgressController


class LrsClassFetch:
    """One per window; ``show`` may be called again while a fetch runs (it waits for that one)."""

    def __init__(self, controller: "ProgressController") -> None:
        self.controller = controller
        self.job: CallJob | None = None
        self.last: cl.ClassResult | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def show(self) -> None:
        host = self.controller.host
        store = host.record.store
        view = self.controller.ensure_class_view()
        try:
            cached = cl.load_cache(store.data_dir)
        except cl.ClassCacheError:
            cached = None  # said again after the fetch, if the LRS cannot be read
        fetching = "Fetching the class from the LRS…"
        if cached is not None:
            fetching = f"{fetching} Until it answers: what was fetched at {cl.when_text(cached.fetched_at)}."
        self._present(cached, fetching)
        host.stack.setCurrentWidget(view)
        fonts.refresh(view)
        if self.job is None:
            data_dir = str(store.data_dir)
            self.job = start_call(CallJob(lambda _progress: cl.fetch_class(data_dir)), self._fetched,
                                  on_failed=self._failed)

    def _present(self, facts: cl.ClassFacts | None, line: str) -> None:
        controller = self.controller
        library = controller.library_entries()
        rows = [] if facts is None else cl.overview(facts, [s.id for s in library],
                                                    controller.host.record.store.trainees())
        controller.class_view.show_lrs_class(rows, library, line)

    def _fetched(self, result: cl.ClassResult) -> None:
        self.job, self.last = None, result
        try:
            if self.controller.class_view is not None and self.controller.class_view.lrs_rows is not None:
                self._present(result.facts, result.line)  # unless the trainer went back to the local overview
            if result.offline_reason:
                self.controller.host.statusBar().showMessage(result.line, 15000)
        except (ReferenceError, RuntimeError):  # the window was closed while the LRS was being read
            pass

    def _failed(self, trace: str) -> None:
        self.job = None
        last = trace.strip().splitlines()[-1] if trace.strip() else "an unexpected error"
        self.controller.report_problem(f"The class could not be fetched from the LRS: {last}")
