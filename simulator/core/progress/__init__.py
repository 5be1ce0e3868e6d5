"""Trainee progress: profiles, attempts saved step by step, review schedule, export/import.

Qt-free (SQLite through the standard library). The pieces:

- ``store``: ``ProgressStore`` and its records and errors (see that module's docstring for the
  API walk-through and the data-safety guarantees),
- ``schedule``: the spaced-review rule as pure functions (``next_review``, ``fold``, ``streaks``),
- ``exchange``: CSV export, JSON export of one trainee, import of several trainees' exports
  (``import_check`` reads an export strictly before anything is written),
- ``names``: the one rule for trainees' names (``clean_name``),
- ``paths``: which data folder to use (``--data-dir``, ``SIMULATOR_HOME``, the GUI's default, a
  fallback).

The rule and the guarantees are documented for people in docs/progress.md.
"""

from .exchange import (CSV_COLUMNS, EXPORT_FORMAT, EXPORT_VERSION, ExchangeError, ImportReport, csv_text, export_csv,
                       export_trainee_json, import_files, import_trainee_json, write_trainee_json)
from .paths import APP_FOLDER, DB_FILENAME, ENV_VAR, DataDir, chosen_data_dir, fallback_data_dir, resolve_data_dir
from .schedule import LADDER_DAYS, RETRY_AFTER, RULE_SENTENCE, ReviewState, fold, next_review, streaks
from .names import MAX_NAME, clean_name, name_key
from .records import (AttemptError, AttemptPoint, AttemptRecord, DataFolderError, DomainCompletion, DueReview,
                      ProgressError, ProgressSummary, ScenarioProgress, SkillShortfall, StepRecord, StoreBusyError,
                      StoreDamagedError, StoreEvent, StoreNotice, StoreTooNewError, Trainee, TraineeOverview)
from .schema import MODES, SCHEMA_VERSION
from .store import ProgressStore

__all__ = [
    "APP_FOLDER", "CSV_COLUMNS", "DB_FILENAME", "ENV_VAR", "EXPORT_FORMAT", "EXPORT_VERSION", "LADDER_DAYS", "MAX_NAME",
    "MODES", "RETRY_AFTER", "RULE_SENTENCE", "SCHEMA_VERSION",
    "AttemptError", "AttemptPoint", "AttemptRecord", "DataDir", "DataFolderError", "DomainCompletion", "DueReview",
    "ExchangeError", "ImportReport", "ProgressError", "ProgressStore", "ProgressSummary", "ReviewState",
    "ScenarioProgress", "SkillShortfall", "StepRecord", "StoreBusyError", "StoreDamagedError", "StoreEvent", "StoreNotice",
    "StoreTooNewError", "Trainee", "TraineeOverview",
    "chosen_data_dir", "clean_name", "csv_text", "export_csv", "export_trainee_json", "fallback_data_dir", "fold",
    "import_files", "import_trainee_json", "name_key", "next_review", "resolve_data_dir", "streaks",
    "write_trainee_json",
]
