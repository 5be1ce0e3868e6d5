"""``simulator ids``: give every reply of a scenario file a stable ``id:``, in place.

The file is edited as text, never re-written from parsed YAML, so comments, key order,
quoting and line breaks stay exactly as the author wrote them: one ``id:`` line is inserted
into each reply that has none, at the indentation of the reply's keys (for a reply written
``{say: ..., level: ...}`` on one line, ``id: ..., `` goes after the brace). The positions
come from the loader's tree (line and column of every key).

Nothing is written unless the file loads without errors before, and after the change it
loads without errors with the very same replies plus their ids; a file we refuse is left
byte for byte as it was. Ids are short slugs of the reply's words, unique in their node.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomically
from .loader import LoadResult, ScenarioLoader
from .yamltree import MAX_BYTES, YMap, YNode, YScalar, YSeq, parse_tree

_BOM = "\ufeff"
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks the YAML parsers count
_STOP_WORDS = frozenset(
    "a an the i im i'm you your youre we our us to of and or is it its this that be for in on at me my so "
    "s m re ll ve d t can will would could do does just please here there let lets ill ive youve youll "
    "well oh ok okay yes no".split())
MAX_SLUG = 32


@dataclass
class IdsResult:
    """What ``simulator ids`` did to one file."""

    path: str
    added: list[tuple[str, str, int]] = field(default_factory=list)  # (node, new id, line it was written on)
    refused: str = ""  # why the file was left as it was ('' when it was written or needed nothing)
    load: LoadResult | None = None  # the load that refused the file, for its diagnostics

    @property
    def changed(self) -> bool:
        return bool(self.added) and not self.refused


def slug(words: str, taken: set[str]) -> str:
    """A short id from a reply's words ('Let me look it up' -> 'look-up'), not in ``taken``."""
    folded = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    found = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", folded)
    words = [w.replace("'", "") for w in found]
    kept = [w for w in words if w not in _STOP_WORDS and len(w) > 2] or words
    base = ""
    for word in kept[:3]:
        if len(base) + len(word) + 1 > MAX_SLUG:
            break
        base = f"{base}-{word}" if base else word
    base = base or (kept[0][:MAX_SLUG] if kept else "reply")
    if base[0].isdigit():
        base = f"r-{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_ids(path: str | os.PathLike, *, write: bool = True) -> tuple[IdsResult, bytes | None]:
    """Give the replies of one file ids; returns what was done and the new bytes (None: unchanged)."""
    path = str(path)
    result = IdsResult(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        result.refused = f"cannot read the file: {exc.strerror or exc}"
        return result, None
    loader = ScenarioLoader(analyze=False)
    before = loader.load_bytes(data, path)
    if not before.ok:
        result.refused, result.load = "it has errors; fix them first", before
        return result, None
    bom = _BOM if data.startswith(_BOM.encode("utf-8")) else ""
    text = data.decode("utf-8")[len(bom):]
    try:
        new_text = _insert_ids(text, path, result)
    except _Cannot as exc:
        result.added, result.refused = [], str(exc)
        return result, None
    if not result.added:
        return result, None
    after = loader.load_text(new_text, path)
    problem = _compare(before, after, result)
    if problem:
        result.added, result.refused, result.load = [], problem, after
        return result, None
    new_data = (bom + new_text).encode("utf-8")
    if write:
        try:
            # the bytes as they are, through a one-to-one codec and without newline translation
            write_atomically(path, lambda f: f.write(new_data.decode("latin-1")), encoding="latin-1", newline="")
        except OSError as exc:
            result.added, result.refused = [], f"cannot write the file: {exc.strerror or exc}"
            return result, None
    return result, new_data


class _Cannot(Exception):
    """The file is valid but written in a way this command does not rewrite; the message says how."""


def _insert_ids(text: str, path: str, result: IdsResult) -> str:
    root, _ = parse_tree(text, path)
    starts = [0] + [m.end() for m in _BREAKS.finditer(text)]
    nodes = _value(root, "nodes")
    inserts: list[tuple[int, str]] = []
    seen: set[int] = set()
    for key, node in nodes.pairs if isinstance(nodes, YMap) else ():
        replies = _value(node, "replies")
        if not isinstance(replies, YSeq):
            continue
        taken = {_text(_value(r, "id")) for r in replies.items if isinstance(r, YMap)} - {""}
        for number, reply in enumerate(replies.items, 1):
            where = f"reply {number} of node '{_text(key)}' (line {reply.line})"
            if id(reply) in seen:
                raise _Cannot(f"{where} repeats another reply through an alias (*name); write it out so each "
                              f"reply can have its own id")
            seen.add(id(reply))
            if not isinstance(reply, YMap) or _value(reply, "id") is not None:
                continue
            new_id = slug(_text(_value(reply, "say")), taken)
            taken.add(new_id)
            offset, line_text = _place(text, starts, reply, new_id, where)
            inserts.append((offset, line_text))
            result.added.append((_text(key), new_id, reply.line))
    for offset, insert in sorted(inserts, reverse=True):
        text = text[:offset] + insert + text[offset:]
    _number_lines(result, inserts, starts)
    return text


def _place(text: str, starts: list[int], reply: YMap, new_id: str, where: str) -> tuple[int, str]:
    """Where the id goes in ``text`` and the text to insert there."""
    first_key, second_key = reply.pairs[0][0], reply.pairs[1][0]
    first = _offset(text, starts, first_key, where)
    before = text[:first].rstrip()
    if before.endswith("{"):  # a flow mapping: {say: ..., level: ...}
        return first, f"id: {new_id}, "
    if second_key.line == first_key.line:
        raise _Cannot(f"{where} has two keys on one line in a way this command does not rewrite; add its id by "
                      f"hand, e.g. 'id: {new_id}'")
    second = _offset(text, starts, second_key, where)
    line_start = starts[second_key.line - 1]
    indent = text[line_start:second]
    if indent.strip(" "):
        raise _Cannot(f"{where}: the key on line {second_key.line} does not start its line; add the id by hand")
    return line_start, f"{indent}id: {new_id}{_newline_before(text, line_start)}"


def _offset(text: str, starts: list[int], key: YNode, where: str) -> int:
    """The offset of a key in the text, checked against the key itself (so a miscount never edits the
    wrong place)."""
    if not (isinstance(key, YScalar) and 0 < key.line <= len(starts)):
        raise _Cannot(f"{where} has a key that is not a plain word")
    offset = starts[key.line - 1] + key.column - 1
    written = text[offset:offset + len(key.value)]
    if written != key.value and text[offset:offset + 1] not in ("'", '"'):
        raise _Cannot(f"{where}: the key '{key.value}' is not where the parser reported it")
    return offset


def _newline_before(text: str, line_start: int) -> str:
    """The line break that ends the line before ``line_start`` (the file's own style)."""
    if text[max(0, line_start - 2):line_start] == "\r\n":
        return "\r\n"
    return text[line_start - 1] if line_start > 0 else "\n"


def _number_lines(result: IdsResult, inserts: list[tuple[int, str]], starts: list[int]) -> None:
    """Turn each added id's line into the line it now has in the new text."""
    order = sorted(range(len(inserts)), key=lambda i: inserts[i][0])
    shift = 0
    lines: dict[int, int] = {}
    for i in order:
        offset, insert = inserts[i]
        lines[i] = bisect.bisect_right(starts, offset) + shift
        shift += len(_BREAKS.findall(insert))
    result.added = [(node, new_id, lines[i]) for i, (node, new_id, _) in enumerate(result.added)]


def _compare(before: LoadResult, after: LoadResult, result: IdsResult) -> str:
    """'' when ``after`` is ``before`` with the new ids and nothing else; else what went wrong."""
    if not after.ok:
        return "adding the ids would make the file invalid: " + "; ".join(d.format() for d in after.errors[:3])
    old, new = before.scenario, after.scenario
    if set(old.nodes) != set(new.nodes):
        return "adding the ids would change the nodes"
    wanted = {(node, new_id) for node, new_id, _ in result.added}
    for node_id, node in old.nodes.items():
        if [_essence(r) for r in node.replies] != [_essence(r) for r in new.nodes[node_id].replies]:
            return f"adding the ids would change the replies of node '{node_id}'"
        for was, now in zip(node.replies, new.nodes[node_id].replies):
            if (was.id or (node_id, now.id) not in wanted) and was.id != now.id:
                return f"adding the ids would change the id of a reply of node '{node_id}'"
    return ""


def _essence(reply) -> tuple:
    """A reply without its id and positions: what the trainee sees and what it does."""
    return (reply.say, reply.level, reply.mood, reply.skills, reply.feedback, reply.breach, reply.sets,
            reply.condition.text if reply.condition else None,
            [(b.target, b.condition.text if b.condition else None) for b in reply.route.branches])


def _value(node: YNode | None, key: str) -> YNode | None:
    if not isinstance(node, YMap):
        return None
    return next((v for k, v in node.pairs if isinstance(k, YScalar) and k.value == key), None)


def _text(node: YNode | None) -> str:
    return node.value if isinstance(node, YScalar) else ""


def describe(result: IdsResult) -> list[str]:
    """The lines ``simulator ids`` prints for one file."""
    name = Path(result.path).name
    if result.refused:
        lines = [f"{result.path}: left as it was: {result.refused}"]
        if result.load is not None:
            lines += ["  " + d.format().replace("\n", "\n  ") for d in result.load.errors]
        return lines
    if not result.added:
        return [f"{result.path}: every reply has an id already"]
    return [f"{result.path}: added {len(result.added)} id{'s' if len(result.added) != 1 else ''}"] + [
        f"  {name}:{line}: {new_id} (node '{node}')" for node, new_id, line in result.added]
