"""Slow work off the UI thread: load scenario files in a thread pool, report each as it is ready;
run any other slow function there (``CallJob``: an import of thousands of attempts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...core.batch import pause_collector, resume_collector

if TYPE_CHECKING:
    from ...core.catalog import CatalogEntry


class _Signals(QObject):
    loaded = Signal(int, object)     # generation, LibraryItem
    finished = Signal(int, int)      # generation, number of files
    failed = Signal(int, str)        # generation, traceback
    revised = Signal(int, object)    # generation, LibraryItem: the graph analysis found errors
    done = Signal(int)               # generation: everything, including the analysis, is finished


class LibraryItem(NamedTuple):
    origin: str  # 'bundled', 'user' or 'file'
    entry: "CatalogEntry"
    scenario: object | None  # the Scenario when this job parsed the file (None when the entry came from the cache)


class LoadJob(QRunnable):
    """Lists the given scenario sources (files and folders) and emits one ``LibraryItem`` per file.

    With a ``cache_path``, files unchanged since the last start are listed from the catalogue cache
    without being parsed. Other files are read and checked first (``loaded`` for each, then
    ``finished``); the exact graph analysis, which only adds rarer problems, follows, and
    ``revised`` reports a file it turns out to be broken. ``done`` closes the job either way.
    A cancelled job stops; one cancelled because the app closes (``keep_work``) still saves the
    files it analysed, so the next start reads fewer."""

    def __init__(self, generation: int, sources: Sequence[tuple[str, str]], cache_path: str | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.sources = list(sources)  # (origin, path)
        self.cache_path = cache_path
        self.cancelled = False
        self.keep_work = False
        self.signals = _Signals()

    def cancel(self, keep_work: bool = False) -> None:
        """Stop soon. ``keep_work``: still save what was analysed (when nothing replaces this job)."""
        self.keep_work = keep_work
        self.cancelled = True

    def run(self) -> None:  # in a worker thread
        try:
            self._run()
        except Exception:
            self.signals.failed.emit(self.generation, current_trace())
            self.signals.finished.emit(self.generation, 0)
        self.signals.done.emit(self.generation)

    def _run(self) -> None:
        from ...core.catalog import CatalogCache, CatalogEntry, scenario_files  # imported here: off the UI thread

        cache = CatalogCache(self.cache_path) if self.cache_path else None
        loader = None
        files: list[str] = []
        parsed = []
        for origin, path in self.sources:
            for file in scenario_files([path]):
                if self.cancelled:
                    return
                files.append(file)
                entry = cache.get(file) if cache else None
                if entry is not None:
                    self.signals.loaded.emit(self.generation, LibraryItem(origin, entry, None))
                    continue
                if loader is None:
                    from ...core.loader import ScenarioLoader

                    loader = ScenarioLoader(analyze=False)
                try:
                    result = loader.load(file)
                except Exception:  # a loader bug must not take the library down: show it as a problem
                    result = crashed_result(file, current_trace())
                self.signals.loaded.emit(self.generation, LibraryItem(origin, CatalogEntry.from_result(result),
                                                                      result.scenario))
                parsed.append((origin, result))
        self.signals.finished.emit(self.generation, len(files))
        for origin, result in parsed:
            if self.cancelled:
                if not self.keep_work:
                    return  # a newer listing replaces this one and saves the cache itself
                break
            if result.scenario is not None:
                result = _analysed(result)
                if result.scenario is None:
                    self.signals.revised.emit(self.generation,
                                              LibraryItem(origin, CatalogEntry.from_result(result), None))
            if cache:
                cache.put(CatalogEntry.from_result(result))
        if cache:
            cache.keep_only(files)
            cache.save()


def _analysed(result):
    """The result with the graph analysis's errors merged in (and no scenario if there are any)."""
    from ...core import diagnostics as dx
    from ...core.analysis import analyze
    from ...core.loader import LoadResult

    try:
        extra = analyze(result.scenario).diagnostics
    except Exception:
        extra = crashed_result(result.path, current_trace()).diagnostics
    if not any(d.is_error for d in extra):
        return result
    return LoadResult(result.path, None, sorted(result.diagnostics + extra, key=dx.sort_key), result.scenario.title)


def current_trace() -> str:
    """The exception being handled, as text (traceback is imported only when something failed)."""
    import traceback

    return traceback.format_exc()


def crashed_result(path: str, trace: str):
    """A LoadResult that shows a loader failure as the file's problem (never a traceback)."""
    from ...core import diagnostics as dx
    from ...core.loader import LoadResult

    last = trace.strip().splitlines()[-1] if trace.strip() else "unknown error"
    return LoadResult(path, None, [dx.Diagnostic(dx.FILE_UNREADABLE, f"the file could not be loaded ({last})", path,
                                                 hint="please report this file to the developers")])


def _resume_collector(*_args) -> None:
    resume_collector()


def start(job: LoadJob, on_loaded: Callable, on_finished: Callable, on_failed: Callable | None = None,
          on_revised: Callable | None = None, on_done: Callable | None = None) -> LoadJob:
    """Run ``job`` in the thread pool; its signals arrive in the UI thread. Call from the UI thread."""
    pause_collector()  # the cycle collector must not free Qt widgets from the worker thread
    job.signals.done.connect(_resume_collector)
    if on_done is not None:
        job.signals.done.connect(on_done)
    job.signals.loaded.connect(on_loaded)
    job.signals.finished.connect(on_finished)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    job.signals.revised.connect(on_revised or on_loaded)
    job.setAutoDelete(False)  # the caller keeps it (and its signals object) alive
    QThreadPool.globalInstance().start(job)
    return job


class _CallSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)    # what the function returned
    failed = Signal(str)         # traceback
    done = Signal()


class CallJob(QRunnable):
    """``work(progress)`` in the thread pool, ``progress(done, total)`` callable from it. The function
    must not touch widgets; it gets its results back to the UI thread through the signals."""

    def __init__(self, work: Callable[[Callable[[int, int], None]], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = _CallSignals()

    def run(self) -> None:  # in a worker thread
        try:
            value = self.work(self.signals.progress.emit)
        except Exception:
            self.signals.failed.emit(current_trace())
        else:
            self.signals.finished.emit(value)
        self.signals.done.emit()


def start_call(job: CallJob, on_finished: Callable, on_progress: Callable | None = None,
               on_failed: Callable | None = None) -> CallJob:
    """Run ``job`` in the thread pool; its signals arrive in the UI thread. Call from the UI thread."""
    pause_collector()
    job.signals.done.connect(_resume_collector)
    job.signals.finished.connect(on_finished)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    job.setAutoDelete(False)  # the caller keeps it (and its signals object) alive
    QThreadPool.globalInstance().start(job)
    return job
