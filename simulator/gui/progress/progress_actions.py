"""Export and import of progress, as the menus run them: ask for a file, call the core, say what
happened in plain words (never a traceback).

Each function takes an optional path (or paths) that skips the file dialog, and ``notify`` to
leave out the message box (the returned ``Outcome.message`` carries the same words), so the
main window can show the outcome in its status bar and tests can run without dialogs. ``None``
is returned when the trainee cancelled the dialog.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from ...core.progress import ImportReport, ProgressError, ProgressStore, export_csv, import_trainee_json, \
    write_trainee_json
from ..base.folders import documents_folder
from ..base.progress_text import plural
from ..base.worker import CallJob, start_call
from ..widgets import message

CSV_FILTER = "CSV spreadsheets (*.csv)"
JSON_FILTER = "Progress histories (*.json)"


@dataclass(frozen=True)
class Outcome:
    """What an action did: ``ok`` False when anything failed; ``message`` says it for people."""

    ok: bool
    message: str
    paths: tuple[Path, ...] = ()


def export_attempts_csv(parent: QWidget | None, store: ProgressStore, trainee_id: str | None = None,
                        path: str | os.PathLike | None = None, notify: bool = True) -> Outcome | None:
    """One row per attempt, for a spreadsheet: everyone's, or one trainee's when ``trainee_id`` is given."""
    title = "Export attempts as CSV"
    try:
        who = store.trainee(trainee_id).name if trainee_id else ""
    except ProgressError as exc:
        return _report(parent, title, Outcome(False, f"The attempts could not be exported: {exc}"), notify)
    if path is None:
        stem = f"{_file_stem(who)}-attempts" if who else "attempts"
        path = _ask_save(parent, title, f"{stem}-{date.today().isoformat()}.csv", CSV_FILTER, ".csv")
        if path is None:
            return None
    try:
        rows = export_csv(store, path, trainee_id)
    except (ProgressError, OSError) as exc:
        return _report(parent, title, Outcome(False, f"The attempts could not be exported. {_why(exc)}"), notify)
    whose = f"{who}'s " if who else ""
    message = f"Exported {whose}{plural(rows, 'attempt')} to {path}"
    return _report(parent, title, Outcome(True, message, (Path(path),)), notify)


def export_history_json(parent: QWidget | None, store: ProgressStore, trainee_id: str,
                        path: str | os.PathLike | None = None, notify: bool = True) -> Outcome | None:
    """A trainee's full history as a file to give to a trainer, who imports it."""
    title = "Export history"
    try:
        trainee = store.trainee(trainee_id)
    except ProgressError as exc:
        return _report(parent, title, Outcome(False, f"The history could not be exported: {exc}"), notify)
    if path is None:
        name = f"{_file_stem(trainee.name)}-history-{date.today().isoformat()}.json"
        path = _ask_save(parent, title, name, JSON_FILTER, ".json")
        if path is None:
            return None
    try:
        written = write_trainee_json(store, trainee_id, path)
        count = len(store.attempts(trainee_id))
    except (ProgressError, OSError) as exc:
        return _report(parent, title, Outcome(False, f"{trainee.name}'s history could not be exported. {_why(exc)}"),
                       notify)
    message = f"Saved {trainee.name}'s history ({plural(count, 'attempt')}) to {written}"
    return _report(parent, title, Outcome(True, message, (Path(written),)), notify)


def save_sent_copy(parent: QWidget | None, view, trainee_name: str, path: str | os.PathLike | None = None,
                   notify: bool = True) -> Outcome | None:
    """A copy, for the trainee, of every statement about them (``core.xapi.sent_about.SentAbout``)."""
    title = "Save what is sent about me"
    if path is None:
        name = f"{_file_stem(trainee_name)}-statements-{date.today().isoformat()}.json"
        path = _ask_save(parent, title, name, "xAPI statements (*.json)", ".json")
        if path is None:
            return None
    try:
        view.save(path)
    except OSError as exc:
        return _report(parent, title, Outcome(False, f"The copy could not be saved. {_why(exc)}"), notify)
    return _report(parent, title, Outcome(True, f"Saved {plural(len(view.items), 'statement')} to {path}",
                                          (Path(path),)), notify)


def import_histories(parent: QWidget | None, store: ProgressStore,
                     paths: Iterable[str | os.PathLike] | None = None, notify: bool = True) -> Outcome | None:
    """Bring trainees' exported histories into this store. Each file is imported on its own, so one
    bad file does not stop the others; importing a file again adds nothing."""
    title = "Import histories"
    if paths is None:
        chosen, _filter = QFileDialog.getOpenFileNames(parent, "Import trainees' histories", _documents(),
                                                       f"{JSON_FILTER};;All files (*)")
        if not chosen:
            return None
        paths = chosen
    paths = [Path(p) for p in paths]
    reports, errors = _import_in_background(parent, store, paths)
    return _report(parent, title, Outcome(not errors, import_message(reports, errors), tuple(paths)), notify)


def import_files_safely(folder: Path, filename: str, paths: list[Path],
                        progress: Callable[[int, int], None] | None = None) -> tuple[list[ImportReport], list[str]]:
    """Import each file on its own through a store of this thread's own (the UI's store keeps
    reading while this one writes); ``progress`` is told the work done over all the files, in
    thousandths. Returns the reports and the sentences for the files that failed."""
    reports: list[ImportReport] = []
    errors: list[str] = []
    per_file = 1000

    def tell(index: int) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(index * per_file + (per_file * done // max(total, 1)),
                                            per_file * len(paths))

    try:
        store = ProgressStore(folder, filename=filename)
    except ProgressError as exc:
        return [], [str(exc)]
    try:
        for index, path in enumerate(paths):
            try:
                reports.append(import_trainee_json(store, path, tell(index)))
            except ProgressError as exc:
                errors.append(str(exc))
            except OSError as exc:
                errors.append(f"{path} could not be read ({exc.strerror or exc}).")
            if progress is not None:
                progress((index + 1) * per_file, per_file * len(paths))
    finally:
        store.close()
    return reports, errors


def _import_in_background(parent: QWidget | None, store: ProgressStore, paths: list[Path]
                          ) -> tuple[list[ImportReport], list[str]]:
    """``import_files_safely`` in the thread pool, with a modal progress dialog: the window keeps
    drawing (an event loop runs here until the job is done) but takes no other command meanwhile."""
    active = QApplication.activeWindow()  # gets the keyboard back when the dialog closes
    dialog = QProgressDialog("Importing trainees' histories…", "", 0, 1000 * max(len(paths), 1), parent)
    dialog.setWindowTitle("Import histories")
    dialog.setAccessibleName("Import progress")
    dialog.setCancelButton(None)  # one transaction per file: stopping half-way would gain nothing
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # no second import, no other command meanwhile
    dialog.setMinimumDuration(0)  # shown at once: modality only holds while the dialog is up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finished(value: object) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(trace: str) -> None:
        last = trace.strip().splitlines()[-1] if trace.strip() else "unknown error"
        outcome["value"] = ([], [f"The import stopped unexpectedly ({last}). Nothing more was written."])
        loop.quit()

    job = CallJob(lambda progress: import_files_safely(store.data_dir, store.path.name, paths, progress))
    start_call(job, finished, dialog.setValue, failed)
    if "value" not in outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    if active is not None and shiboken6.isValid(active) and active.isVisible():  # it may have closed meanwhile
        active.activateWindow()
    return outcome["value"]  # type: ignore[return-value]


def import_message(reports: list[ImportReport], errors: list[str] = ()) -> str:
    """'Imported 2 trainees, 14 attempts (3 already present, skipped)', then any file that failed."""
    parts = []
    if reports:
        trainees = len({r.trainee_id for r in reports})
        added = sum(r.added for r in reports)
        updated = sum(r.updated for r in reports)
        unchanged = sum(r.unchanged for r in reports)
        if added or updated:
            extra = []
            if updated:
                extra.append(f"{updated} updated")
            if unchanged:
                extra.append(f"{unchanged} already present, skipped")
            parts.append(f"Imported {plural(trainees, 'trainee')}, {plural(added, 'attempt')}"
                         + (f" ({', '.join(extra)})" if extra else "") + ".")
        elif unchanged:
            parts.append(f"Nothing new: the {plural(unchanged, 'attempt')} of {plural(trainees, 'trainee')} "
                         f"{'was' if unchanged == 1 else 'were'} already present.")
        else:
            parts.append(f"Imported {plural(trainees, 'trainee')} with no attempts yet.")
    if errors:
        head = "This file could not be imported:" if len(errors) == 1 else \
            f"These {len(errors)} files could not be imported:"
        parts.append(head + "\n" + "\n".join(f"• {e}" for e in errors) + "\nNothing was written from them.")
    return "\n\n".join(parts) or "No file was chosen."


# -- helpers -----------------------------------------------------------------------------------

def _report(parent: QWidget | None, title: str, outcome: Outcome, notify: bool) -> Outcome:
    if notify:
        message(parent, title, outcome.message, warning=not outcome.ok)
    return outcome


def _ask_save(parent: QWidget | None, title: str, name: str, name_filter: str, suffix: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, os.path.join(_documents(), name), name_filter)
    if not path:
        return None
    return path if path.lower().endswith(suffix) else path + suffix


def _documents() -> str:
    return documents_folder()


def _file_stem(name: str) -> str:
    """A trainee's name as a safe file-name part: 'Ana María' -> 'ana-maría'."""
    stem = re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-")
    return stem[:40] or "trainee"


def _why(exc: BaseException) -> str:
    if isinstance(exc, ProgressError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}."
    return str(exc)
