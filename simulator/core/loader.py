"""ScenarioLoader: a scenario file in, a Scenario and every problem with it out."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from . import diagnostics as dx
from .batch import collector_paused
from .catalog import duplicate_id_diagnostic, duplicate_ids, scenario_files
from .channels import DEFAULT_CHANNEL
from .conditions import Condition, ConditionError, flag_name_problem, parse_condition
from .diagnostics import Diagnostic, Suggester
from .levels import BUILTIN_SKILLS, Emotion, Level
from .model import FORMAT_VERSION, Branch, Customer, Ending, Node, Pos, Reply, Route, Scenario, Timeout
from .schema import ID_PATTERN, SECTIONS, Key
from .yamltree import YMap, YNode, YScalar, YSeq, decode_text, is_null, kind_name, parse_tree, MAX_BYTES

if TYPE_CHECKING:
    from .analysis import Analysis

_ID = re.compile(ID_PATTERN)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
MAX_NUMBER_DIGITS = 15  # before the decimal point: far beyond any real value, and exact as a float


@dataclass
class LoadResult:
    """What loading one file gave: the scenario when it has no errors, and all diagnostics."""

    path: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str = ""  # best-known title, even for a broken file
    id_pos: tuple[int, int] = (0, 0)  # line and column of 'id:' (0, 0 when unknown)
    analysis: "Analysis | None" = None  # the graph analysis, when the loader ran it and it found no errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return self.scenario is not None


class ScenarioLoader:
    """Loads scenario files. ``analyze`` adds the checks that need the whole graph explored."""

    def __init__(self, analyze: bool = True) -> None:
        self.analyze = analyze

    def load(self, path: str | os.PathLike) -> LoadResult:
        path = str(path)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would wait for a writer for ever
                return LoadResult(path, None, [Diagnostic(dx.FILE_UNREADABLE, "this is not a file (a folder, a device "
                                                          "or a pipe)", path, hint="give the path of a .yaml file")])
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            reason = getattr(exc, "strerror", None) or exc
            return LoadResult(path, None, [Diagnostic(dx.FILE_UNREADABLE, f"cannot read the file: {reason}",
                                                      path, hint="check the path and that you may read the file")])
        return self.load_bytes(data, path)

    def load_bytes(self, data: bytes, path: str) -> LoadResult:
        if len(data) > MAX_BYTES:
            return LoadResult(path, None, [Diagnostic(
                dx.FILE_TOO_LARGE, f"the file is larger than the {MAX_BYTES // (1024 * 1024)} MiB limit", path,
                hint="split it into several scenarios; one this large cannot be played in a session")])
        text, problems = decode_text(data, path)
        if text is None:
            return LoadResult(path, None, problems)
        return self.load_text(text, path, hashlib.sha256(data).hexdigest())

    def load_text(self, text: str, path: str, digest: str = "") -> LoadResult:
        with collector_paused():
            return self._load_text(text, path, digest)

    def _load_text(self, text: str, path: str, digest: str) -> LoadResult:
        if not digest:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        root, problems = parse_tree(text, path)
        if root is None:
            return LoadResult(path, None, problems)
        builder = _Builder(path)
        builder.problems.extend(problems)
        analysis = None
        scenario = builder.scenario(root)
        title = scenario.title if scenario else builder.title
        if scenario is not None:
            scenario.digest = digest
            from .checks import check_structure  # the graph checks need a built scenario

            builder.problems.extend(check_structure(scenario, builder.problems))
            if self.analyze and not any(d.is_error for d in builder.problems):
                from .analysis import analyze

                analysis = analyze(scenario)
                builder.problems.extend(analysis.diagnostics)
        diags = sorted(builder.problems, key=dx.sort_key)
        ok = scenario is not None and not any(d.is_error for d in diags)
        return LoadResult(path, scenario if ok else None, diags, title or Path(path).stem, builder.id_pos,
                          analysis if ok else None)

    def load_many(self, paths: Iterable[str | os.PathLike]) -> list[LoadResult]:
        """Every file, and across them: a scenario id that an earlier file already has is an error."""
        results = [self.load(p) for p in scenario_files(paths)]
        taken = duplicate_ids([(r.path, r.scenario.id if r.scenario else "") for r in results])
        for i, other in taken.items():
            r = results[i]
            problem = duplicate_id_diagnostic(r.path, r.scenario.id, other, *r.id_pos)
            results[i] = replace(r, scenario=None, analysis=None,
                                 diagnostics=sorted(r.diagnostics + [problem], key=dx.sort_key))
        return results


def load_scenario(path: str | os.PathLike) -> LoadResult:
    return ScenarioLoader().load(path)


class _Builder:
    """Walks the YAML tree against the declarations in ``schema``; records every problem."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.title = ""
        self.id_pos = (0, 0)
        self.suggest = Suggester()
        self._conditions: dict[str, Condition] = {}
        self.skills: set[str] = set(BUILTIN_SKILLS)

    # -- reporting ---------------------------------------------------------------------

    def report(self, code: dx.Code, message: str, at: YNode | Pos | None, hint: str = "") -> None:
        line, col = (at.line, at.column) if at is not None else (0, 0)
        self.problems.append(Diagnostic(code, message, self.path, line, col, hint))

    # -- generic readers -----------------------------------------------------------------

    def mapping(self, node: YNode, section: str, what: str) -> dict[str, YNode] | None:
        """The keys of a block, after checking for unknown, duplicate and missing keys."""
        spec = SECTIONS[section]
        if not isinstance(node, YMap):
            self.report(dx.WRONG_TYPE, f"{what} should be a set of keys, found {kind_name(node)}", node,
                        f"write it as indented 'key: value' lines ({', '.join(list(spec)[:3])}, ...)")
            return None
        values: dict[str, YNode] = {}
        first_seen: dict[str, YNode] = {}
        for key_node, value in node.pairs:
            if not isinstance(key_node, YScalar):
                self.report(dx.WRONG_TYPE, f"a key in {what} is {kind_name(key_node)}, not a name", key_node,
                            "keys are plain words followed by a colon")
                continue
            key = key_node.value
            if key in first_seen:
                self.report(dx.DUPLICATE_KEY, f"'{key}' appears twice in {what}", key_node,
                            f"the first '{key}' is on line {first_seen[key].line}; keep one of them")
                continue
            first_seen[key] = key_node
            if key not in spec:
                hint = self.suggest(key, spec) or f"the keys of {what} are: {', '.join(spec)}"
                if key == "<<":
                    hint = "merge keys (<<) are not supported; write the keys out"
                self.report(dx.UNKNOWN_KEY, f"unknown key '{key}' in {what}", key_node, hint)
                continue
            values[key] = value
        for key in spec.values():
            if key.required and (key.name not in values or is_null(values[key.name])):
                if key.name in values:
                    continue  # reported as a wrong type by the reader of that key
                self.report(dx.MISSING_KEY, f"{what} has no '{key.name}'", node, f"add '{key.name}:' ({key.doc})")
        return values

    def text(self, values: dict[str, YNode], name: str, what: str, default: str = "") -> str:
        node = values.get(name)
        if node is None:
            return default
        if isinstance(node, YScalar) and not is_null(node):
            return node.value
        self.report(dx.WRONG_TYPE, f"'{name}' in {what} should be text, found {kind_name(node)}", node,
                    "write the text after the colon; put it in quotes if it contains ': ' or starts with a symbol")
        return default

    def integer(self, values: dict[str, YNode], section: str, name: str, what: str) -> int | None:
        return self._number(values, section, name, what, _INT, int)

    def number(self, values: dict[str, YNode], section: str, name: str, what: str) -> float | None:
        return self._number(values, section, name, what, _NUMBER, float)

    def _number(self, values, section, name, what, pattern, convert):
        key: Key = SECTIONS[section][name]
        node = values.get(name)
        if node is None:
            return key.default
        if not (isinstance(node, YScalar) and node.plain and pattern.match(node.value.replace("_", ""))):
            self.report(dx.WRONG_TYPE, f"'{name}' in {what} should be a {'whole ' if convert is int else ''}number, "
                                       f"found {kind_name(node)}", node, f"e.g. '{name}: {_example_number(key)}'")
            return key.default
        written = node.value.replace("_", "")
        sign = "-" if written.startswith("-") else ""
        whole, dot, fraction = written.lstrip("+-").partition(".")
        digits = whole.lstrip("0")
        if len(digits) > MAX_NUMBER_DIGITS:
            self.report(dx.BAD_VALUE, f"'{name}' in {what} has more than {MAX_NUMBER_DIGITS} digits", node,
                        f"use a number {_range(key)}" if key.minimum is not None and key.maximum is not None
                        else f"e.g. '{name}: {_example_number(key)}'")
            return key.default
        value = convert(sign + (digits or "0") + dot + fraction)  # leading zeros dropped: they count as digits
        if value == int(value) and convert is float:
            value = int(value)
        if (key.minimum is not None and value < key.minimum) or (key.maximum is not None and value > key.maximum):
            self.report(dx.BAD_VALUE, f"'{name}' in {what} is {value}, outside {_range(key)}", node,
                        f"use a number {_range(key)}")
            return key.default
        return value

    def choice(self, values: dict[str, YNode], section: str, name: str, what: str, code: dx.Code = dx.BAD_VALUE):
        key: Key = SECTIONS[section][name]
        node = values.get(name)
        if node is None:
            return None
        text = self.text(values, name, what)
        if not text:
            return None
        if text.strip().lower() in key.choices:
            return text.strip().lower()
        self.report(code, f"'{text}' is not a valid {name} in {what}", node,
                    self.suggest(text.lower(), key.choices) or f"use one of: {', '.join(key.choices)}")
        return None

    def identifier(self, node: YNode | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, YScalar) or is_null(node):
            self.report(dx.WRONG_TYPE, f"{what} should be a name, found {kind_name(node)}", node,
                        "names use letters, digits, '_' and '-'")
            return None
        if not _ID.match(node.value):
            self.report(dx.BAD_VALUE, f"{what} '{node.value}' may use only letters, digits, '_' and '-'", node,
                        f"e.g. '{re.sub(r'[^A-Za-z0-9_-]+', '_', node.value).strip('_') or 'name'}'")
            return None
        return node.value

    def items(self, values: dict[str, YNode], name: str, what: str) -> list[YNode]:
        node = values.get(name)
        if node is None or is_null(node):
            return []
        if isinstance(node, YSeq):
            return node.items
        if isinstance(node, YScalar):  # a single word where a list was meant: accept it
            return [node]
        self.report(dx.WRONG_TYPE, f"'{name}' in {what} should be a list, found {kind_name(node)}", node,
                    f"write '{name}: [first, second]' or one '- item' per line")
        return []

    def text_list(self, values: dict[str, YNode], name: str, what: str) -> tuple[str, ...]:
        out = []
        for item in self.items(values, name, what):
            if isinstance(item, YScalar) and not is_null(item):
                out.append(item.value)
            else:
                self.report(dx.WRONG_TYPE, f"an item of '{name}' in {what} should be text, found {kind_name(item)}",
                            item, "list plain words")
        return tuple(out)

    def id_list(self, values: dict[str, YNode], name: str, what: str) -> tuple[str, ...]:
        ids = (self.identifier(item, f"an item of '{name}' in {what}") for item in self.items(values, name, what))
        return tuple(i for i in ids if i)

    def flag_list(self, values: dict[str, YNode], what: str) -> tuple[str, ...]:
        """The flags a reply sets: names a condition can test (one rule, in ``conditions``)."""
        flags = []
        for item in self.items(values, "sets", what):
            if not isinstance(item, YScalar) or is_null(item):
                self.report(dx.WRONG_TYPE, f"an item of 'sets' in {what} should be a flag name, found "
                                           f"{kind_name(item)}", item, "list flag names, e.g. 'sets: [asked_for_id]'")
            elif (problem := flag_name_problem(item.value)) is not None:
                self.report(dx.BAD_VALUE, f"an item of 'sets' in {what}: {problem[0]}", item, problem[1])
            else:
                flags.append(item.value)
        return tuple(flags)

    def condition(self, node: YNode, what: str):
        if not isinstance(node, YScalar) or is_null(node):
            self.report(dx.WRONG_TYPE, f"the condition of {what} should be text, found {kind_name(node)}", node,
                        "e.g. 'mood < 20' or 'asked_for_id and mood >= 50'")
            return None
        try:
            parsed = self._conditions.get(node.value)  # an alias can repeat one long condition many times
            if parsed is None:
                parsed = self._conditions[node.value] = parse_condition(node.value)
            return parsed
        except ConditionError as exc:
            offset = exc.offset if node.line and node.plain else 0
            self.report(dx.BAD_CONDITION, f"cannot read the condition {kind_name(node)}: {exc}",
                        Pos(node.line, node.column + offset), exc.hint)
            return None

    def route(self, node: YNode | None, what: str) -> Route | None:
        if node is None:
            return None
        if isinstance(node, YScalar):
            target = self.identifier(node, f"the goto of {what}")
            return Route((Branch(target, None, Pos(node.line, node.column)),)) if target else None
        if not isinstance(node, YSeq) or not node.items:
            self.report(dx.WRONG_TYPE, f"the goto of {what} should be a node id or a list of branches, "
                                       f"found {kind_name(node)}", node,
                        "write 'goto: node_id', or a list of '- if: ... then: node_id' ending with '- else: node_id'")
            return None
        branches: list[Branch] = []
        ok = True
        for i, item in enumerate(node.items):
            values = self.mapping(item, "branch", f"a branch of {what}")
            if values is None:
                ok = False
                continue
            last = i == len(node.items) - 1
            if "else" in values:
                if "if" in values or "then" in values:
                    self.report(dx.BAD_VALUE, f"a branch of {what} mixes 'else' with 'if'/'then'", item,
                                "write '- if: CONDITION' with 'then: node', or '- else: node' on its own")
                    ok = False
                    continue
                if not last:
                    self.report(dx.ROUTE_FALLBACK, f"'else' in {what} is not the last branch", values["else"],
                                "move the 'else' branch to the end; branches after it can never be taken")
                    ok = False
                target = self.identifier(values["else"], f"the else of {what}")
                if target:
                    branches.append(Branch(target, None, Pos(values["else"].line, values["else"].column)))
                continue
            if "if" not in values or "then" not in values:
                self.report(dx.MISSING_KEY, f"a branch of {what} needs both 'if' and 'then'", item,
                            "write '- if: mood < 20' and, under it, 'then: node_id'")
                ok = False
                continue
            cond = self.condition(values["if"], f"a branch of {what}")
            target = self.identifier(values["then"], f"the then of {what}")
            if cond is None or target is None:
                ok = False
                continue
            branches.append(Branch(target, cond, Pos(values["then"].line, values["then"].column)))
        if ok and (not branches or branches[-1].condition is not None):
            self.report(dx.ROUTE_FALLBACK, f"the branches of {what} have no 'else' at the end", node,
                        "add '- else: node_id' as the last branch, for when no condition holds")
            return None
        return Route(tuple(branches)) if ok else None

    # -- the blocks of the format --------------------------------------------------------

    def scenario(self, root: YNode) -> Scenario | None:
        if not isinstance(root, YMap):
            self.report(dx.NOT_A_MAPPING, f"the file should be a set of keys, found {kind_name(root)}", root,
                        "a scenario starts with 'format: 1', 'id:', 'title:' ... each on its own line")
            return None
        raw = {k.value: v for k, v in root.pairs if isinstance(k, YScalar)}
        fmt = raw.get("format")
        if fmt is None:
            self.report(dx.FORMAT_VERSION, "the file does not say which format version it uses", root,
                        f"add 'format: {FORMAT_VERSION}' as the first line")
            return None
        if not (isinstance(fmt, YScalar) and fmt.value.strip() == str(FORMAT_VERSION)):
            self.report(dx.FORMAT_VERSION, f"format version {kind_name(fmt)} is not supported", fmt,
                        f"this version of the simulator reads 'format: {FORMAT_VERSION}'")
            return None
        values = self.mapping(root, "scenario", "the scenario")
        assert values is not None
        self.title = self.text(values, "title", "the scenario")
        for name in self.id_list(values, "skills", "the scenario"):
            self.skills.add(name)
        customer = self._customer(values.get("customer"))
        nodes = self._nodes(values.get("nodes"))
        start = self.identifier(values.get("start"), "'start'")
        scenario_id = self.identifier(values.get("id"), "the scenario id")
        if "id" in values:
            self.id_pos = (values["id"].line, values["id"].column)
        if start and nodes is not None and start not in nodes:
            self.report(dx.UNKNOWN_NODE, f"'start' names a node '{start}' that does not exist", values["start"],
                        self.suggest(start, nodes) or "name one of the nodes under 'nodes:'")
        if customer is None or nodes is None or not start or not scenario_id or not self.title:
            return None
        return Scenario(
            id=scenario_id,
            title=self.title,
            start=start,
            nodes=nodes,
            customer=customer,
            domain=self.text(values, "domain", "the scenario"),
            difficulty=self.choice(values, "scenario", "difficulty", "the scenario") or "medium",
            channel=self.choice(values, "scenario", "channel", "the scenario") or DEFAULT_CHANNEL,
            minutes=self.integer(values, "scenario", "minutes", "the scenario") or 0,
            summary=self.text(values, "summary", "the scenario").strip(),
            tags=self.text_list(values, "tags", "the scenario"),
            skills=tuple(sorted(self.skills - set(BUILTIN_SKILLS))),
            path=self.path,
        )

    def _customer(self, node: YNode | None) -> Customer | None:
        if node is None:
            return None
        values = self.mapping(node, "customer", "the customer")
        if values is None:
            return None
        what = "the customer"
        return Customer(
            name=self.text(values, "name", what),
            about=self.text(values, "about", what),
            portrait=self.text(values, "portrait", what),
            organization=self.text(values, "organization", what),
            wants=self.text(values, "wants", what),
            expects=self.text(values, "expects", what),
            mood=self.integer(values, "customer", "mood", what),
            yearly_value=self.number(values, "customer", "yearly_value", what),
            yearly_growth=self.number(values, "customer", "yearly_growth", what),
            years=self.integer(values, "customer", "years", what),
            margin=self.number(values, "customer", "margin", what),
            currency=self.text(values, "currency", what),
            portrait_pos=Pos(values["portrait"].line, values["portrait"].column) if "portrait" in values else Pos(),
        )

    def _nodes(self, node: YNode | None) -> dict[str, Node] | None:
        if node is None:
            return None
        if not isinstance(node, YMap) or not node.pairs:
            self.report(dx.WRONG_TYPE, f"'nodes' should be a set of named nodes, found {kind_name(node)}", node,
                        "write each node as 'node_id:' followed by its indented keys")
            return None
        nodes: dict[str, Node] = {}
        first_seen: dict[str, YNode] = {}
        for key_node, value in node.pairs:
            node_id = self.identifier(key_node, "a node id")
            if node_id is None:
                continue
            if node_id in first_seen:
                self.report(dx.DUPLICATE_KEY, f"the node '{node_id}' is defined twice", key_node,
                            f"the first is on line {first_seen[node_id].line}; rename one of them")
                continue
            first_seen[node_id] = key_node
            built = self._node(node_id, value, Pos(key_node.line, key_node.column))
            if built is not None:
                nodes[node_id] = built
        return nodes

    def _node(self, node_id: str, node: YNode, pos: Pos) -> Node | None:
        what = f"node '{node_id}'"
        values = self.mapping(node, "node", what) if not is_null(node) else {}
        if values is None:
            return None
        emotion = self.choice(values, "node", "emotion", what)
        result = Node(
            id=node_id,
            customer=self.text(values, "customer", what),
            narration=self.text(values, "narration", what),
            emotion=Emotion(emotion) if emotion else None,
            discuss=self.text(values, "discuss", what),
            weight=self.integer(values, "node", "weight", what) or 1,
            pos=pos,
        )
        if "replies" in values and "ending" in values:
            self.report(dx.NODE_SHAPE, f"{what} has both replies and an ending", values["ending"],
                        "an ending closes the conversation: remove 'replies', or move the ending to a node of its own")
        reply_nodes = self.items(values, "replies", what)
        result.replies = [r for r in (self._reply(item, i, what) for i, item in enumerate(reply_nodes)) if r]
        self._check_reply_ids(result.replies, what)
        if "ending" in values:
            result.ending = self._ending(values["ending"], what)
        if "timeout" in values:
            result.timeout = self._timeout(values["timeout"], what)
        return result

    def _reply(self, node: YNode, index: int, parent: str) -> Reply | None:
        what = f"reply {index + 1} of {parent}"
        values = self.mapping(node, "reply", what)
        if values is None:
            return None
        level_text = self.choice(values, "reply", "level", what, dx.UNKNOWN_LEVEL)
        route = self.route(values.get("goto"), what)
        say = self.text(values, "say", what)
        reply_id = self.reply_id(values.get("id"), what) if "id" in values else None
        condition = self.condition(values["if"], what) if "if" in values else None
        skills = self.id_list(values, "skills", what)
        for skill, item in zip(skills, self.items(values, "skills", what)):
            if skill not in self.skills:
                self.report(dx.UNKNOWN_SKILL, f"unknown skill '{skill}' in {what}", item,
                            self.suggest(skill, self.skills)
                            or "use a built-in skill (see docs/scenario-format.md) or declare it under 'skills:'")
        feedback = self.text(values, "feedback", what)
        pos = Pos(node.line, node.column)
        if not feedback.strip() and "feedback" not in values:
            self.report(dx.NO_FEEDBACK, f"{what} has no feedback", node,
                        "add 'feedback:' saying what the reply did in the story, e.g. \"She goes quiet.\"")
        if level_text is None or route is None or not say:
            return None
        return Reply(
            index=index,
            key=reply_id or f"#{index + 1}",
            id=reply_id or "",
            say=say,
            level=Level(level_text),
            route=route,
            mood=self.integer(values, "reply", "mood", what),
            skills=skills,
            feedback=feedback,
            breach=self.text(values, "breach", what),
            breach_cost=self.number(values, "reply", "breach_cost", what) or 0,
            sets=self.flag_list(values, what),
            condition=condition,
            pos=pos,
            id_pos=Pos(values["id"].line, values["id"].column) if reply_id else pos,
        )

    def reply_id(self, node: YNode, what: str) -> str | None:
        """A reply's id: a name, and not only digits (older saved attempts named replies by position)."""
        reply_id = self.identifier(node, f"the id of {what}")
        if reply_id is not None and reply_id.isdigit():
            self.report(dx.BAD_VALUE, f"the id of {what} is '{reply_id}', only digits", node,
                        f"start it with a letter, e.g. 'r{reply_id}': a number would be read as the reply's position")
            return None
        return reply_id

    def _check_reply_ids(self, replies: list[Reply], what: str) -> None:
        """Ids name one reply each in a node; replies without one are known by their words, so those
        words must be the node's alone."""
        first: dict[str, Reply] = {}
        for reply in replies:
            if reply.id and reply.id in first:
                self.report(dx.DUPLICATE_KEY, f"two replies of {what} have the id '{reply.id}'", reply.id_pos,
                            f"the first is on line {first[reply.id].id_pos.line}; give each reply of a node its own id")
            first.setdefault(reply.id, reply)
        said: dict[str, Reply] = {}
        for reply in replies:
            if reply.say in said and not (reply.id and said[reply.say].id):
                self.report(dx.SAME_WORDS, f"two replies of {what} say the same words", reply.pos,
                            f"the first is on line {said[reply.say].pos.line}; reword one, or give both an id "
                            f"('simulator ids FILE' adds them) so a saved attempt can tell them apart")
            said.setdefault(reply.say, reply)

    def _ending(self, node: YNode, parent: str) -> Ending | None:
        what = f"the ending of {parent}"
        values = self.mapping(node, "ending", what)
        if values is None:
            return None
        level_text = self.choice(values, "ending", "level", what, dx.UNKNOWN_LEVEL)
        if level_text is None:
            return None
        return Ending(
            level=Level(level_text),
            title=self.text(values, "title", what),
            feels=self.text(values, "feels", what),
            thinks=self.text(values, "thinks", what),
            returns=self.integer(values, "ending", "returns", what),
            pos=Pos(node.line, node.column),
        )

    def _timeout(self, node: YNode, parent: str) -> Timeout | None:
        what = f"the timeout of {parent}"
        values = self.mapping(node, "timeout", what)
        if values is None:
            return None
        seconds = self.integer(values, "timeout", "seconds", what)
        route = self.route(values.get("goto"), what)
        if seconds is None or route is None:
            return None
        return Timeout(seconds, route, self.integer(values, "timeout", "mood", what),
                       self.text(values, "feedback", what), Pos(node.line, node.column))


def _range(key: Key) -> str:
    if key.minimum is not None and key.maximum is not None:
        return f"from {key.minimum:g} to {key.maximum:g}"
    if key.minimum is not None:
        return f"of at least {key.minimum:g}"
    return f"of at most {key.maximum:g}"


def _example_number(key: Key) -> str:
    if key.default is not None:
        return f"{key.default}"
    return f"{key.minimum:g}" if key.minimum is not None else "10"
