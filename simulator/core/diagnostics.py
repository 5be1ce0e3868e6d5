"""Diagnostics are data: a stable code, a severity, a position, a message and a hint.

The same objects feed the command line, the app's problems panel and the tests.
Every code is defined here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Collection, Iterable


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


_CODES: dict[str, Code] = {}


def _code(code: str, name: str, severity: Severity, summary: str) -> Code:
    c = Code(code, name, severity, summary)
    _CODES[code] = c
    return c


E, W = Severity.ERROR, Severity.WARNING

# Reading the file
FILE_UNREADABLE = _code("E001", "file-unreadable", E, "the file cannot be read")
FILE_TOO_LARGE = _code("E002", "file-too-large", E, "the file is larger than the size limit")
NOT_TEXT = _code("E003", "not-text", E, "the file is not UTF-8 text")
YAML_SYNTAX = _code("E004", "yaml-syntax", E, "the YAML cannot be parsed")
YAML_TOO_COMPLEX = _code("E005", "yaml-too-complex", E, "nesting or alias expansion is beyond the limits")
YAML_TAG = _code("E006", "yaml-tag", E, "a YAML tag asks for a type the format does not have")
EMPTY_FILE = _code("E007", "empty-file", E, "the file holds no scenario")
NOT_A_MAPPING = _code("E008", "not-a-mapping", E, "the top level is not a set of keys")
FORMAT_VERSION = _code("E009", "format-version", E, "the format version is missing or not supported")
# Shape of the document
MISSING_KEY = _code("E010", "missing-key", E, "a required key is missing")
UNKNOWN_KEY = _code("E011", "unknown-key", E, "a key the format does not know")
DUPLICATE_KEY = _code("E012", "duplicate-key", E, "the same key appears twice in one block")
WRONG_TYPE = _code("E013", "wrong-type", E, "a value has the wrong type")
BAD_VALUE = _code("E014", "bad-value", E, "a value is out of range or malformed")
UNKNOWN_LEVEL = _code("E015", "unknown-level", E, "a service level other than low, standard or wow")
UNKNOWN_SKILL = _code("E016", "unknown-skill", E, "a skill that is neither built in nor declared")
# The conversation graph
UNKNOWN_NODE = _code("E020", "unknown-node", E, "a route leads to a node that does not exist")
BAD_CONDITION = _code("E021", "bad-condition", E, "a condition cannot be understood")
CYCLE = _code("E022", "cycle", E, "the conversation can loop forever")
ASSET_OUTSIDE = _code("E023", "asset-outside-folder", E, "an asset path leaves the scenario's folder")
NODE_SHAPE = _code("E024", "node-shape", E, "a node has both replies and an ending")
ROUTE_FALLBACK = _code("E025", "route-fallback", E, "a conditional route has no 'else'")
STUCK = _code("E026", "stuck", E, "the customer can be left with no reply available")
BREACH_LEVEL = _code("E027", "breach-level", E, "a reply that breaks a rule is not level low")
START_IS_ENDING = _code("E028", "start-is-ending", E, "the scenario ends before the first decision")
ANALYSIS_LIMIT = _code("E029", "analysis-limit", E, "moods and flags combine into too many states to check")
DUPLICATE_ID = _code("E030", "duplicate-id", E, "another scenario file has the same id")
# Warnings: structure that plays, but probably not as the author meant
UNREACHABLE_NODE = _code("W101", "unreachable-node", W, "no path reaches this node")
LOOSE_END = _code("W102", "loose-end", W, "a node with neither replies nor an ending")
UNREACHABLE_ENDING = _code("W103", "unreachable-ending", W, "no path reaches this ending")
LEVEL_UNREACHABLE = _code("W104", "level-unreachable", W, "no path reaches this service level")
NO_FEEDBACK = _code("W105", "no-feedback", W, "a reply without feedback")
SINGLE_OPTION = _code("W106", "single-option", W, "a decision with a single reply")
MISSING_ASSET = _code("W107", "missing-asset", W, "an image file does not exist")
FLAG_NEVER_SET = _code("W108", "flag-never-set", W, "a condition tests a flag no reply sets")
SAME_WORDS = _code("W109", "same-words", W, "two replies of a node say the same words")
GIVEAWAY_CUE = _code("W110", "giveaway-cue", W, "a surface cue such as length finds the WOW reply at most decisions")
BREACH_PAYS = _code("W111", "breach-pays", W, "a path with a breach keeps more of the customer's value than any path by the book")

del E, W


def all_codes() -> list[Code]:
    return list(_CODES.values())


def code_by_id(code: str) -> Code:
    """The code for its identifier ('E001'); KeyError for an unknown one."""
    return _CODES[code]


@dataclass(frozen=True)
class Diagnostic:
    code: Code
    message: str
    file: str = ""
    line: int = 0  # 1-based; 0 when the problem has no position (an unreadable file)
    column: int = 0  # 1-based
    hint: str = ""

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def is_error(self) -> bool:
        return self.code.severity is Severity.ERROR

    @property
    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def format(self) -> str:
        """``file:line:col: error CODE: message``, then the hint on its own line."""
        text = f"{self.location}: {self.severity.value} {self.code.code}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code.code,
            "name": self.code.name,
            "message": self.message,
            "hint": self.hint,
        }


MAX_SUGGESTED_LENGTH = 100  # longer words are not compared (comparing two is quadratic in their length)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or '' when nothing is close."""
    import difflib  # only a file with a typo needs it: listing the library from its cache does not

    if len(word) > MAX_SUGGESTED_LENGTH:
        return ""
    match = difflib.get_close_matches(word, [c for c in choices if len(c) <= MAX_SUGGESTED_LENGTH], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


class Suggester:
    """'did you mean' for one file, in bounded time however many names it has and misspells.

    Each suggestion compares a word with every candidate, so a large file full of misspelt node
    names would take hours: only the first ``budget`` problems get a suggestion, and a word is
    compared with at most ``MAX_COMPARED`` names of about its length that start like it.
    """

    MAX_COMPARED = 500

    def __init__(self, budget: int = 100) -> None:
        self.left = budget
        self._index: dict[int, tuple[int, dict[str, list[str]]]] = {}  # id(choices) -> (size, by first letter)

    def __call__(self, word: str, choices: Collection[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        if len(choices) <= self.MAX_COMPARED:
            return did_you_mean(word, choices)
        cached = self._index.get(id(choices))
        if cached is None or cached[0] != len(choices):
            by_start: dict[str, list[str]] = {}
            for name in choices:
                by_start.setdefault(name[:1], []).append(name)
            cached = self._index[id(choices)] = (len(choices), by_start)
        slack = 2 + len(word) // 3
        near = [c for c in cached[1].get(word[:1], ()) if abs(len(c) - len(word)) <= slack]
        return did_you_mean(word, near[:self.MAX_COMPARED])


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.column, d.code.code)
