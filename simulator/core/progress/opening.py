"""Opening the progress file: the folder checked, the file inspected before anything could
change it, migrated with a backup, or moved aside byte for byte when it is damaged or is
another program's database (the guarantees are listed in ``store.py``)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .records import DataFolderError, ProgressError, StoreBusyError, StoreNotice, StoreTooNewError, NotOurs
from .schema import MIGRATIONS, OUR_TABLES, SCHEMA_VERSION


class StoreFile:
    """One progress file being opened; ``notices`` says what the trainee should hear about it."""

    def __init__(self, data_dir: Path, path: Path, timeout: float) -> None:
        self.data_dir = data_dir
        self.path = path
        self.timeout = timeout
        self.notices: list[StoreNotice] = []
        self._ensure_folder()

    def _ensure_folder(self) -> None:
        folder = self.data_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(
                f"Your progress cannot be saved: the folder {folder} could not be created "
                f"({exc.strerror or exc}). Choose another folder with --data-dir or the SIMULATOR_HOME "
                f"setting.", folder) from exc
        if not folder.is_dir():
            raise DataFolderError(
                f"Your progress cannot be saved: {folder} is not a folder. Choose another folder with "
                f"--data-dir or the SIMULATOR_HOME setting.", folder)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DataFolderError(
                f"Your progress cannot be saved: the folder {folder} is read-only. Make it writable, or "
                f"choose another folder with --data-dir or the SIMULATOR_HOME setting.", folder)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None, check_same_thread=False)
        return db

    def open(self) -> sqlite3.Connection:
        """The file's connection, checked, migrated or replaced. It looks at the file before anything could change it: the connection is query-only until the
        checks pass, so a file from a newer app, or another program's database, is refused or moved
        aside byte for byte (even the switch to WAL journal mode would rewrite its header)."""
        try:
            version = self._inspect_read_only()
        except NotOurs as exc:
            return self._recover(None, exc, foreign=True)
        except sqlite3.Error as exc:
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        try:
            db = self._connect()
        except sqlite3.Error as exc:
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        try:
            if version is None:
                db.execute("PRAGMA query_only = ON")
                version = self._inspect(db)
                db.execute("PRAGMA query_only = OFF")
            self._configure(db)
        except NotOurs as exc:
            db.close()
            return self._recover(None, exc, foreign=True)
        except sqlite3.Error as exc:
            db.close()
            self._raise_unless_damaged(exc)
            return self._recover(None, exc)
        except BaseException:
            db.close()
            raise
        if version < SCHEMA_VERSION:
            try:
                self._migrate(db)
            except sqlite3.Error as exc:
                db.close()
                self._raise_unless_damaged(exc)
                raise ProgressError(f"Your progress file {self.path} could not be updated to the new format "
                                    f"({exc}). It has not been changed.", self.path) from exc
        return db

    def _inspect_read_only(self) -> int | None:
        """``_inspect`` through a read-only connection when the file has a write-ahead log its last
        writer did not fold back in: a writable connection, even a query-only one, folds it into the
        file when it closes, which would change a newer app's file. None when there is no log (the
        query-only look on the writable connection is enough, and leaves no side files behind) or
        SQLite cannot open the file read-only."""
        if not Path(str(self.path) + "-wal").exists():
            return None
        try:
            db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, timeout=self.timeout,
                                 isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            return self._inspect(db)
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "readonly" in text or "read-only" in text or "unable to open" in text:
                return None
            raise
        finally:
            db.close()

    def _inspect(self, db: sqlite3.Connection) -> int:
        """The file's format version, by reading only. Raises ``NotOurs`` for another program's
        database (whatever its ``user_version``), ``StoreTooNewError`` for a newer app's file, and
        ``sqlite3.DatabaseError`` for a damaged one."""
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (tables or version != 0) and not (version > 0 and OUR_TABLES <= tables):
            raise NotOurs("it is not a progress file of this app: it holds other tables")
        if version > SCHEMA_VERSION:
            raise StoreTooNewError(
                f"Your progress file {self.path} was saved by a newer version of the app (format {version}; this "
                f"version reads up to {SCHEMA_VERSION}). It has not been changed. Please update the app.", self.path)
        check = db.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(str(r[0]) for r in check[:3]))
        return version

    def _configure(self, db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - only on filesystems without shared memory
            db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    def _raise_unless_damaged(self, exc: sqlite3.Error) -> None:
        """Errors that say nothing about the file's contents must not move it aside."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StoreBusyError(f"Your progress file {self.path} is in use by another program and stayed locked. "
                                 f"Close other copies of the app and try again.", self.path) from exc
        if "readonly" in text or "read-only" in text:
            raise DataFolderError(f"Your progress cannot be saved: {self.path} is read-only. Make it writable, or "
                                  f"choose another folder with --data-dir or the SIMULATOR_HOME setting.",
                                  self.path) from exc

    def _recover(self, db: sqlite3.Connection | None, exc: BaseException, *, foreign: bool = False
                 ) -> sqlite3.Connection:
        """Move the unreadable (or another program's) file and its WAL side files aside, byte for byte,
        then start a fresh store."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kind = "not-progress" if foreign else "damaged"
        target = _free_name(self.path.with_name(f"{self.path.name}.{kind}-{stamp}"))
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(str(self.path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(target) + suffix))
        except OSError as move_error:
            raise ProgressError(
                f"Your progress file {self.path} cannot be read ({exc}), and it could not be moved aside "
                f"({move_error.strerror or move_error}). Nothing was deleted. Move or rename it yourself, or choose "
                f"another folder with --data-dir.", self.path) from move_error
        if foreign:
            message = (f"The file {self.path} is not a progress file of this app (it is another program's "
                       f"database). It was not changed: it was renamed to {target}, and a new empty progress file "
                       f"was started.")
        else:
            message = (f"Your progress file could not be read ({exc}). It was kept, renamed to {target}, and a new "
                       f"empty progress file was started. Keep the old file if you want someone to try to rescue it.")
        self.notices.append(StoreNotice("moved_aside", message, target))
        fresh = self._connect()
        self._configure(fresh)
        self._migrate(fresh)
        return fresh

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")  # one window migrates; another waits and then finds it done
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            backup = self._backup(db, version) if 0 < version < SCHEMA_VERSION else None
            notes: list[str] = []  # what a step changed that the trainee should hear about
            for target in range(version + 1, SCHEMA_VERSION + 1):
                notes.extend(MIGRATIONS[target](db) or ())
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if backup is not None:
            self.notices.append(StoreNotice(
                "migrated", " ".join([f"Your progress file was updated to a new format. A copy of the old one was "
                                      f"kept at {backup}.", *notes]), backup))

    def _backup(self, db: sqlite3.Connection, version: int) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = _free_name(self.path.with_name(f"{self.path.name}.v{version}-backup-{stamp}"))
        # A second connection reads a consistent snapshot (WAL lets it read while ``db`` holds the
        # write lock, so no other window can change the file between the copy and the migration).
        source = sqlite3.connect(str(self.path), timeout=self.timeout)
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
