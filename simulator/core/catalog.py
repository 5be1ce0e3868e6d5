"""The library's catalogue: what a card shows about each scenario file, kept between starts.

Listing the library must not parse and analyse every file at every start. A ``CatalogEntry``
holds what the library shows (title, domain, problems…); ``CatalogCache`` keeps the entries in
one JSON file. An entry is reused only for the same file (path, size, modification time) read
by the same loader code (a fingerprint of the core's source files), so a changed scenario or an
updated app is always read afresh. The cache is disposable: an unreadable one is ignored and
rewritten, never an error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from . import diagnostics as dx
from .channels import DEFAULT_CHANNEL, channel_label
from .files import write_atomically

CACHE_VERSION = 1
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CatalogEntry:
    """One scenario file as the library lists it; ``playable`` when it has no errors."""

    path: str
    playable: bool
    title: str
    id: str = ""
    domain: str = ""
    difficulty: str = ""
    minutes: int = 0
    summary: str = ""
    tags: tuple[str, ...] = ()
    customer: str = ""
    organization: str = ""
    digest: str = ""
    diagnostics: tuple[dx.Diagnostic, ...] = field(default=())
    id_line: int = 0  # where 'id:' is written, for a problem with the id
    id_column: int = 0
    channel: str = DEFAULT_CHANNEL

    @property
    def errors(self) -> list[dx.Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @classmethod
    def from_result(cls, result) -> "CatalogEntry":
        """From a ``loader.LoadResult`` (after any extra analysis diagnostics were merged in)."""
        s = result.scenario
        diagnostics = tuple(result.diagnostics)
        if s is None:
            return cls(result.path, False, result.title or os.path.basename(result.path), diagnostics=diagnostics)
        return cls(result.path, True, s.title, s.id, s.domain, s.difficulty, s.minutes, s.summary, tuple(s.tags),
                   s.customer.name, s.customer.organization, s.digest, diagnostics, *result.id_pos, s.channel)

    def search_text(self) -> str:
        return " ".join([self.title, self.summary, self.domain, self.difficulty, " ".join(self.tags),
                         self.customer, self.organization, self.id, channel_label(self.channel),
                         "" if self.playable else self.path]).lower()

    def to_json(self) -> dict:
        data = {k: getattr(self, k) for k in ("path", "playable", "title", "id", "domain", "difficulty", "minutes",
                                              "summary", "customer", "organization", "digest", "id_line",
                                              "id_column", "channel")}
        data["tags"] = list(self.tags)
        data["diagnostics"] = [d.to_json() for d in self.diagnostics]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "CatalogEntry":
        diagnostics = tuple(dx.Diagnostic(dx.code_by_id(d["code"]), d["message"], d["file"], d["line"], d["column"],
                                          d["hint"]) for d in data["diagnostics"])
        return cls(data["path"], bool(data["playable"]), data["title"], data["id"], data["domain"],
                   data["difficulty"], int(data["minutes"]), data["summary"], tuple(data["tags"]), data["customer"],
                   data["organization"], data["digest"], diagnostics, int(data.get("id_line", 0)),
                   int(data.get("id_column", 0)), str(data.get("channel", DEFAULT_CHANNEL)))


def file_key(path: str) -> str:
    """Size and modification time: a file whose key changed is read again."""
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}"


def code_fingerprint() -> str:
    """Changes whenever the core's code changes, so entries made by another version are not reused
    (each source file's name, size and modification time, compared as they are: no hashing)."""
    folder = Path(__file__).parent
    return ";".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in
                    ((name, os.stat(folder / name)) for name in sorted(os.listdir(folder)) if name.endswith(".py")))


class CatalogCache:
    """Catalogue entries from the last start, in one JSON file (``path``)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.fingerprint = code_fingerprint()
        self._entries: dict[str, tuple[str, CatalogEntry]] = {}
        self._dirty = False
        self._read()

    def _read(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION or data.get("code") != self.fingerprint:
                return
            self._entries = {p: (e["key"], CatalogEntry.from_json(e["entry"])) for p, e in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}

    def get(self, path: str) -> CatalogEntry | None:
        """The entry for ``path`` if the file has not changed since it was made."""
        cached = self._entries.get(path)
        if cached is None:
            return None
        try:
            return cached[1] if cached[0] == file_key(path) else None
        except OSError:
            return None

    def put(self, entry: CatalogEntry) -> None:
        try:
            key = file_key(entry.path)
        except OSError:
            return
        self._entries[entry.path] = (key, entry)
        self._dirty = True

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget files that are no longer in the library."""
        keep = set(paths)
        for path in [p for p in self._entries if p not in keep]:
            del self._entries[path]
            self._dirty = True

    def save(self) -> None:
        """Write the cache atomically; a failure only means a slower next start."""
        if not self._dirty:
            return
        data = {"version": CACHE_VERSION, "code": self.fingerprint,
                "files": {p: {"key": k, "entry": e.to_json()} for p, (k, e) in self._entries.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, lambda f: json.dump(data, f))
            self._dirty = False
        except OSError:
            pass


def scenario_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Files as given, and the .yaml/.yml files inside folders (recursively, sorted)."""
    found: list[str] = []
    for p in paths:
        p = Path(p)
        try:
            folder = p.is_dir()
        except OSError:  # a name too long: loading it says why
            folder = False
        if folder:
            found.extend(str(f) for f in sorted(p.rglob("*")) if f.suffix.lower() in SCENARIO_SUFFIXES and f.is_file())
        else:
            found.append(str(p))
    return found


def duplicate_ids(items: Sequence[tuple[str, str]]) -> dict[int, str]:
    """Which (path, id) items reuse the id of an earlier one: index -> the earlier file's path.

    Two files with one id would share one progress record (progress is kept by id), so the
    first file keeps the id and each later one is a problem. An empty id takes part in nothing
    (a file that cannot be played), and one file listed twice is not a duplicate of itself.
    """
    first: dict[str, str] = {}  # id -> the path of the first file with it
    found: dict[int, str] = {}
    for i, (path, scenario_id) in enumerate(items):
        if not scenario_id:
            continue
        holder = first.setdefault(scenario_id, path)
        if holder != path and os.path.realpath(holder) != os.path.realpath(path):  # links resolved only then
            found[i] = holder
    return found


def duplicate_id_diagnostic(path: str, scenario_id: str, other: str, line: int = 0, column: int = 0) -> dx.Diagnostic:
    return dx.Diagnostic(dx.DUPLICATE_ID, f"the scenario id '{scenario_id}' is already the id of {other}", path,
                         line, column, "give this scenario an id of its own: the library keeps a trainee's "
                                       "progress by id, so the two files would share one record")


def with_duplicate_id(entry: CatalogEntry, other: str) -> CatalogEntry:
    """The entry as a file with a problem: its id is already taken by ``other``."""
    problem = duplicate_id_diagnostic(entry.path, entry.id, other, entry.id_line, entry.id_column)
    return replace(entry, playable=False, diagnostics=tuple(sorted(entry.diagnostics + (problem,), key=dx.sort_key)))
