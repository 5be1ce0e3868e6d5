"""The condition language for routes and replies: a tiny grammar of our own, never eval.

    condition := term ('or' term)*
    term      := factor ('and' factor)*
    factor    := 'not' factor | '(' condition ')' | 'mood' OP NUMBER | FLAG
    OP        := '<' | '<=' | '>' | '>=' | '==' | '!='

Examples: ``mood < 20``, ``offered_voucher and mood >= 60``, ``not (asked_id or mood < 10)``.

Limits keep a hostile condition from exhausting the parser: parentheses and ``not`` nest at
most ``MAX_DEPTH`` levels, and a number has at most ``MAX_DIGITS`` digits (the mood is 0-100).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable

_TOKEN = re.compile(r"\s*(?:(<=|>=|==|!=|<|>|\(|\))|(-?\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\S))")
_OPS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}
KEYWORDS = {"and", "or", "not", "mood"}
FLAG_PATTERN = re.compile(r"[a-z_][a-z0-9_]*\Z")
MAX_DEPTH = 32
MAX_DIGITS = 6


def flag_name_problem(name: str) -> tuple[str, str] | None:
    """Why ``name`` cannot be a flag, as (message, hint), or None when it can.

    The one rule for flag names, applied where a reply sets a flag and where a condition tests it.
    """
    if FLAG_PATTERN.match(name) and name not in KEYWORDS:
        return None
    if name in KEYWORDS:
        return f"'{name}' is a word of the condition language, not a flag", f"use e.g. '{name}_flag'"
    fixed = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:40] or "flag"
    if fixed[0].isdigit():
        fixed = "_" + fixed
    return (f"the flag name {_quoted(name)} may use only lower-case letters, digits and '_', "
            "and may not start with a digit",
            f"write '{fixed}'")


class ConditionError(ValueError):
    """A condition that cannot be parsed; ``offset`` is where in the text it went wrong."""

    def __init__(self, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.offset = offset
        self.hint = hint


@dataclass(frozen=True)
class Condition:
    """A parsed condition; ``test`` is the compiled predicate."""

    text: str
    test: Callable[[int, frozenset], bool]
    flags: frozenset[str]
    uses_mood: bool

    def holds(self, mood: int, flags: frozenset[str] | set[str]) -> bool:
        return self.test(mood, flags)


def _quoted(word: str, limit: int = 40) -> str:
    """A word of the condition for a message, in quotes and cut short if long."""
    return f"'{word}'" if len(word) <= limit else f"'{word[:limit - 1]}…'"


def parse_condition(text: str) -> Condition:
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    test = parser.condition()
    if parser.pos < len(tokens):
        kind, value, offset = tokens[parser.pos]
        raise ConditionError(f"unexpected {_quoted(value)}", offset, "join conditions with 'and' or 'or'")
    return Condition(text, test, frozenset(parser.flags), parser.uses_mood)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # only trailing spaces are left
            break
        op, number, word, other = m.groups()
        start = m.start(m.lastindex or 0)
        if other is not None:
            raise ConditionError(f"'{other}' is not part of the condition language", start,
                                 "use mood < N, mood >= N, flag names, and, or, not and parentheses")
        if op is not None:
            tokens.append(("op", op, start))
        elif number is not None:
            tokens.append(("number", number, start))
        else:
            tokens.append(("word", word, start))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.pos = 0
        self.flags: set[str] = set()
        self.uses_mood = False
        self.depth = 0  # parentheses and 'not' open around the current factor

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expect_more(self, what: str) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise ConditionError(f"the condition ends where {what} was expected", len(self.text),
                                 "complete the condition, e.g. 'mood >= 50' or 'offered_refund'")
        return token

    def condition(self) -> Callable:
        parts = [self.term()]
        while (t := self.peek()) and t[:2] == ("word", "or"):
            self.pos += 1
            parts.append(self.term())
        if len(parts) == 1:
            return parts[0]
        return lambda m, f, ps=tuple(parts): any(p(m, f) for p in ps)

    def term(self) -> Callable:
        parts = [self.factor()]
        while (t := self.peek()) and t[:2] == ("word", "and"):
            self.pos += 1
            parts.append(self.factor())
        if len(parts) == 1:
            return parts[0]
        return lambda m, f, ps=tuple(parts): all(p(m, f) for p in ps)

    def factor(self) -> Callable:
        kind, value, offset = self.expect_more("a flag, 'mood' or 'not'")
        self.pos += 1
        if (kind, value) in (("word", "not"), ("op", "(")):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError(f"the condition nests 'not' and parentheses more than {MAX_DEPTH} levels deep",
                                     offset, "write it more simply: 'not not x' is 'x', and '((x))' is '(x)'")
            try:
                return self._nested(kind, value)
            finally:
                self.depth -= 1
        if (kind, value) == ("word", "mood"):
            self.uses_mood = True
            kind2, op, offset2 = self.expect_more("a comparison such as '< 20'")
            if kind2 != "op" or op not in _OPS:
                raise ConditionError(f"'mood' must be compared with a number, found {_quoted(op)}", offset2,
                                     "write e.g. 'mood < 20' or 'mood >= 60'")
            self.pos += 1
            kind3, number, offset3 = self.expect_more("a number")
            if kind3 != "number":
                raise ConditionError(f"expected a number after '{op}', found {_quoted(number)}", offset3,
                                     "mood is a number from 0 to 100, e.g. 'mood < 20'")
            self.pos += 1
            digits = number.lstrip("-").lstrip("0") or "0"
            if len(digits) > MAX_DIGITS:
                raise ConditionError(f"the number after '{op}' has more than {MAX_DIGITS} digits", offset3,
                                     "mood is a number from 0 to 100, e.g. 'mood < 20'")
            compare, limit = _OPS[op], int(digits) * (-1 if number.startswith("-") else 1)
            return lambda m, f: compare(m, limit)
        if kind == "word" and value not in KEYWORDS:
            problem = flag_name_problem(value)
            if problem is not None:
                raise ConditionError(problem[0], offset, problem[1])
            self.flags.add(value)
            return lambda m, f: value in f
        raise ConditionError(f"expected a flag, 'mood' or 'not', found {_quoted(value)}", offset,
                             "e.g. 'mood < 20', 'asked_for_id', 'not asked_for_id'")

    def _nested(self, kind: str, value: str) -> Callable:
        """The factor after 'not', or the condition inside '(' ... ')'."""
        if value == "not":
            inner = self.factor()
            return lambda m, f: not inner(m, f)
        inner = self.condition()
        kind2, value2, offset2 = self.expect_more("')'")
        if value2 != ")":
            raise ConditionError(f"expected ')' but found {_quoted(value2)}", offset2, "close every '(' with ')'")
        self.pos += 1
        return inner
