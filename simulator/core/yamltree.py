"""Read YAML into a small tree that remembers where every value was written.

We build the tree from the parser's event stream ourselves instead of calling
``yaml.load``: it keeps line and column for every value, sees duplicate keys (which
``yaml.load`` silently drops), never constructs objects from tags, and enforces limits
on nesting depth and alias expansion (long texts weigh more) without recursion (PyYAML's own composer
recurses in C and crashes on very deep input).
"""

from __future__ import annotations

import yaml

from .diagnostics import (
    EMPTY_FILE,
    NOT_TEXT,
    YAML_SYNTAX,
    YAML_TAG,
    YAML_TOO_COMPLEX,
    Diagnostic,
)

try:  # libyaml's parser when present; the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 2_000_000
TEXT_PER_VALUE = 100  # a long text counts as one value per 100 characters towards MAX_EXPANDED_NODES

_STD = "tag:yaml.org,2002:"
_TEXT_TAGS = {"!", _STD + "str"}
_OTHER_TAGS = {_STD + t for t in ("int", "float", "bool", "null", "seq", "map")}


class YNode:
    __slots__ = ("line", "column", "size")

    def __init__(self, line: int, column: int) -> None:
        self.line = line  # 1-based
        self.column = column  # 1-based
        self.size = 1  # values below this one, aliases expanded


class YScalar(YNode):
    __slots__ = ("value", "plain")

    def __init__(self, value: str, plain: bool, line: int, column: int) -> None:
        super().__init__(line, column)
        self.value = value
        self.plain = plain  # written without quotes, so "null"/"~"/"" mean nothing
        self.size = 1 + len(value) // TEXT_PER_VALUE  # an alias repeats the text: its work grows with its length


class YSeq(YNode):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[YNode] = []


class YMap(YNode):
    __slots__ = ("pairs", "_key")

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.pairs: list[tuple[YNode, YNode]] = []
        self._key: YNode | None = None


def kind_name(node: YNode | None) -> str:
    """How a value reads to an author: 'text', 'a list', 'a set of keys', 'nothing'."""
    if node is None or (isinstance(node, YScalar) and node.plain and node.value in _NULLS):
        return "nothing"
    if isinstance(node, YSeq):
        return "a list"
    if isinstance(node, YMap):
        return "a set of keys"
    return f"'{_short(node.value)}'"  # type: ignore[attr-defined]


_NULLS = {"", "~", "null", "Null", "NULL"}


def is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.plain and node.value in _NULLS


def _short(text: str, limit: int = 40) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\n", " ")


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return None, [Diagnostic(NOT_TEXT, "this is a binary file, not a text file", path, line, col,
                                 "a scenario is a text file written in YAML; save it as plain text (UTF-8)")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        return None, [Diagnostic(NOT_TEXT, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line, col,
                                 "save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8)")]


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def parse_tree(text: str, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Build the tree of the first YAML document; problems come back as diagnostics."""
    problems: list[Diagnostic] = []
    stack: list[YNode] = []
    anchors: dict[str, YNode] = {}
    root: YNode | None = None
    expanded = 0
    documents = 0
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    DocumentStartEvent = yaml.DocumentStartEvent

    def too_complex(message: str, mark, hint: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(YAML_TOO_COMPLEX, message, path, mark.line + 1, mark.column + 1, hint)]

    try:
        for event in yaml.parse(text, Loader=_Loader):
            cls = event.__class__
            node: YNode | None = None
            if cls is ScalarEvent:
                mark = event.start_mark
                tag = event.tag
                plain = event.implicit[0]
                if tag is not None:
                    if tag in _TEXT_TAGS:
                        plain = False
                    elif tag not in _OTHER_TAGS:
                        problems.append(_tag_problem(tag, path, mark))
                node = YScalar(event.value, plain, mark.line + 1, mark.column + 1)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if event.tag is not None and event.tag not in _OTHER_TAGS and event.tag != "!":
                    problems.append(_tag_problem(event.tag, path, mark))
                coll: YNode = (YMap if cls is MappingStartEvent else YSeq)(mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    anchors[event.anchor] = coll
                if len(stack) >= MAX_DEPTH:
                    return too_complex(f"the values are nested more than {MAX_DEPTH} levels deep", mark,
                                       "a scenario needs only a few levels; look for unbalanced brackets")
                stack.append(coll)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node = stack.pop()
                expanded += node.size
            elif cls is AliasEvent:
                target = anchors.get(event.anchor)
                mark = event.start_mark
                if target is None:  # pragma: no cover - the parser reports unknown anchors itself
                    continue
                expanded += target.size
                if expanded > MAX_EXPANDED_NODES:
                    return too_complex(f"aliases (*{event.anchor}) expand to more than {MAX_EXPANDED_NODES:,} values "
                                       f"(a text counts once per {TEXT_PER_VALUE} characters)", mark,
                                       "write the repeated parts out, or repeat only small values with aliases")
                node = target
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.append(Diagnostic(YAML_SYNTAX, "the file holds more than one YAML document", path,
                                               mark.line + 1, mark.column + 1,
                                               "keep one scenario per file and remove the second '---'"))
                    break
                continue
            else:
                continue
            if cls is ScalarEvent and event.anchor is not None:
                anchors[event.anchor] = node
            if not stack:
                root = node
                continue
            top = stack[-1]
            top.size += node.size
            if top.__class__ is YSeq:
                top.items.append(node)  # type: ignore[attr-defined]
            elif top._key is None:  # type: ignore[attr-defined]
                top._key = node  # type: ignore[attr-defined]
            else:
                top.pairs.append((top._key, node))  # type: ignore[attr-defined]
                top._key = None  # type: ignore[attr-defined]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        deep = _flow_too_deep(text, mark.index if mark else len(text))
        if deep is not None:  # some parsers stop deep flow nesting themselves, each with its own words
            line, column = deep
            return None, [Diagnostic(YAML_TOO_COMPLEX, f"the values are nested more than {MAX_DEPTH} levels deep",
                                     path, line, column,
                                     "a scenario needs only a few levels; look for unbalanced brackets")]
        message = exc.problem or "the YAML cannot be parsed"
        if exc.context:
            message = f"{message} ({exc.context})"
        return None, problems + [Diagnostic(YAML_SYNTAX, message, path, (mark.line + 1) if mark else 0,
                                            (mark.column + 1) if mark else 0, _syntax_hint(message))]
    except yaml.YAMLError as exc:
        return None, problems + [Diagnostic(YAML_SYNTAX, str(exc), path, hint="check the file's YAML syntax")]
    if root is None or is_null(root):
        return None, problems + [Diagnostic(EMPTY_FILE, "the file is empty", path, 1, 1,
                                            "start from 'simulator new FILE' or the example in docs/scenario-format.md")]
    return root, problems


def _flow_too_deep(text: str, end: int) -> tuple[int, int] | None:
    """Line and column where ``[``/``{`` first nest deeper than MAX_DEPTH before ``end``, or None.

    A rough scan (quotes and comments skipped), used only once the parser has given up, so
    the diagnostic is E005 whatever the parser's own limit and message.
    """
    depth, line, line_start, i = 0, 1, 0, 0
    quote = ""
    end = min(end + 1, len(text))
    while i < end:
        ch = text[i]
        if ch == "\n":
            line, line_start = line + 1, i + 1
        elif quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            nl = text.find("\n", i)
            i = end if nl < 0 else nl
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, i - line_start + 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _tag_problem(tag: str, path: str, mark) -> Diagnostic:
    shown = tag.replace(_STD, "!!")
    return Diagnostic(YAML_TAG, f"the tag '{shown}' is not allowed in a scenario", path, mark.line + 1,
                      mark.column + 1, "remove the tag; scenarios hold only text, numbers, lists and keys")


def _syntax_hint(message: str) -> str:
    if "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "put text that contains ': ' in quotes, or check the indentation of the line above"
    if "expected <block end>" in message or "indentation" in message:
        return "check the indentation: keys of the same block must line up"
    if "found character" in message and "'@'" in message or "'`'" in message:
        return "put text that starts with @ or ` in quotes"
    if "did not find expected" in message:
        return "check for an unclosed bracket or quote"
    if "could not find expected ':'" in message:
        return "a key needs a colon after it ('key: value'); a long text may need quotes"
    return "check the YAML syntax near this position"
