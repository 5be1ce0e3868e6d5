"""Keeps the trainee's progress while they play: the app's side of ``core.progress.ProgressStore``.

Every decision is saved as it is taken, so closing or killing the app loses at most the
click in progress. A store that cannot be opened or written never stops play: the problem
is reported once (``problem``) and the conversation goes on unrecorded.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStandardPaths, Signal

from ...core.modes import Mode


def default_data_dir(settings_data_dir: str | None) -> str:
    """The folder the settings use (--data-dir / SIMULATOR_HOME, resolved), else the platform's app-data folder."""
    if settings_data_dir:
        return settings_data_dir
    from ...core.progress import resolve_data_dir

    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return str(resolve_data_dir(None, default=default or None).path)


class PracticeRecord(QObject):
    """The open store, who is practising, and the attempt being played."""

    problem = Signal(str)  # something could not be saved or read: say so, once per kind
    trainee_changed = Signal()

    def __init__(self, data_dir: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir  # --data-dir / SIMULATOR_HOME, or None: resolved when the store is opened
        self.store = None
        self.error = ""  # why there is no store
        self.notices: list[str] = []  # migrations and damaged files moved aside, for the trainee
        self.trainee = None
        self.attempt_id: str | None = None
        self._scenario = None
        self._mode = Mode.PRACTICE

    def open(self) -> bool:
        from ...core.progress import ProgressError, ProgressStore

        try:
            self.store = ProgressStore(default_data_dir(self.data_dir))
        except (ProgressError, OSError) as exc:
            self.store, self.error = None, str(exc)
            return False
        self.notices = [n.message for n in self.store.notices]
        self.attach_lrs()
        return True

    def attach_lrs(self) -> None:
        """Queue each attempt's xAPI statements with its steps when the organisation opted in."""
        from ...core.xapi.outbox import attach_saved

        self.lrs_recorder, problem = attach_saved(self.store, getattr(self, "lrs_recorder", None))
        if problem:
            self.notices.append(problem)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # -- who is practising -------------------------------------------------------------------

    def set_trainee(self, trainee) -> None:
        """Someone else practises from now on; the same person again keeps the attempt in progress
        (another person's attempt stays open, for them to resume)."""
        if trainee is None or self.trainee is None or trainee.id != self.trainee.id:
            self.attempt_id = None
        self.trainee = trainee
        self.trainee_changed.emit()

    @property
    def active(self) -> bool:
        return self.store is not None and self.trainee is not None

    def _guard(self, what: str, action, default=None):
        """Run a store call; a failure becomes a message, never an exception in a slot."""
        from ...core.progress import ProgressError

        try:
            return action()
        except (ProgressError, OSError, ValueError) as exc:
            self.problem.emit(f"{what}: {exc}")
        except Exception as exc:  # sqlite3 errors and the unforeseen: play goes on
            self.problem.emit(f"{what}: {type(exc).__name__}: {exc}")
        return default

    # -- the library ---------------------------------------------------------------------------

    def scenario_progress(self, scenario_ids) -> dict | None:
        if not self.active:
            return None
        return self._guard("Your progress could not be read",
                           lambda: self.store.scenario_progress(self.trainee.id, scenario_ids))

    def unfinished(self, scenario_ids) -> list:
        """Open attempts of scenarios still in the library, newest first."""
        if not self.active:
            return []
        ids = set(scenario_ids)
        found = self._guard("Your unfinished attempts could not be read",
                            lambda: self.store.unfinished_attempts(self.trainee.id), [])
        return [a for a in found if a.scenario_id in ids]

    # -- the attempt being played ---------------------------------------------------------------

    def begin(self, scenario, mode: str, timers: str = "as-written") -> None:
        """A new attempt, played with the ``timers`` setting; the previous one, if still open, is left as it is."""
        self._scenario, self._mode, self._timers = scenario, mode, timers
        self.attempt_id = None
        if self.active:
            self.attempt_id = self._guard("This attempt will not be saved",
                                          lambda: self.store.start_attempt(self.trainee.id, scenario, mode,
                                                                           timers=timers))

    def resume(self, attempt, scenario):
        """Continue a saved attempt: the rebuilt PlaySession (``ReplayReport``), or None.

        The replay finds each saved reply by its identity and stops before one the author has
        removed or changed since (``report.message`` says so). Nothing saved is lost: the steps
        after that point stay in the old attempt, which is closed, and play goes on in a new
        attempt holding the steps that replayed (``store.rebase_attempt``)."""
        def rebuild():
            report = self.store.resume_session(attempt.id, scenario)
            attempt_id = attempt.id
            if not report.complete or attempt.scenario_digest != scenario.digest:
                attempt_id = self.store.rebase_attempt(attempt.id, report.applied, scenario.digest)
            return report, attempt_id

        found = self._guard("The attempt could not be resumed", rebuild)
        if found is None:
            return None
        report, attempt_id = found
        self._scenario, self._mode, self.attempt_id = scenario, attempt.mode, attempt_id
        self._timers = attempt.timers
        return report

    def discard(self, attempt_id: str) -> None:
        self._guard("The attempt could not be closed", lambda: self.store.abandon_attempt(attempt_id))

    def step(self, step) -> None:
        if self.attempt_id and self.store is not None:
            saved = self._guard("Your last reply could not be saved, so this attempt is no longer being saved",
                                lambda: self.store.record_step(self.attempt_id, step))
            if saved is None:  # a gap would make the saved path unplayable: stop recording this attempt
                self.attempt_id = None

    def undo(self) -> None:
        if self.attempt_id and self.store is not None:
            done = self._guard("Your step back could not be saved, so this attempt is no longer being saved",
                               lambda: self.store.remove_last_step(self.attempt_id))
            if done is None:
                self.attempt_id = None

    def restart(self) -> None:
        """The conversation starts again: the old attempt is closed and a new one begins."""
        self.leave()
        if self._scenario is not None:
            self.begin(self._scenario, self._mode, getattr(self, "_timers", "as-written"))

    def leave(self) -> None:
        """The trainee left mid-conversation on purpose: close the attempt (it is not resumed)."""
        if self.attempt_id and self.store is not None:
            attempt_id, self.attempt_id = self.attempt_id, None
            self.discard(attempt_id)

    def finish(self, result):
        """Save the result; returns the new review state (``ReviewState``) or None."""
        if not (self.attempt_id and self.store is not None):
            return None
        attempt_id, self.attempt_id = self.attempt_id, None
        return self._guard("Your result could not be saved", lambda: self.store.finish_attempt(attempt_id, result))
