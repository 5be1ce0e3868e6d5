"""The condition language for routes and replies: a tiny grammar of our own, never eval.

    condition := term ('or' term)*
    term      := factor ('and' factor)*
    factor    := 'not' factor | '(' condition ')' | 'mood' OP NUMBER | FLAG
    OP        := '<' | '<=' | '>' | '>=' | '==' | '!='

Examples: ``mood < 20``, ``offered_voucher and mood >= 60``, ``not (asked_id or mood < 10)``.
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


def parse_condition(text: str) -> Condition:
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    test = parser.condition()
    if parser.pos < len(tokens):
        kind, value, offset = tokens[parser.pos]
        raise ConditionError(f"unexpected '{value}'", offset, "join conditions with 'and' or 'or'")
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
        if (kind, value) == ("word", "not"):
            inner = self.factor()
            return lambda m, f: not inner(m, f)
        if (kind, value) == ("op", "("):
            inner = self.condition()
            kind2, value2, offset2 = self.expect_more("')'")
            if value2 != ")":
                raise ConditionError(f"expected ')' but found '{value2}'", offset2, "close every '(' with ')'")
            self.pos += 1
            return inner
        if (kind, value) == ("word", "mood"):
            self.uses_mood = True
            kind2, op, offset2 = self.expect_more("a comparison such as '< 20'")
            if kind2 != "op" or op not in _OPS:
                raise ConditionError(f"'mood' must be compared with a number, found '{op}'", offset2,
                                     "write e.g. 'mood < 20' or 'mood >= 60'")
            self.pos += 1
            kind3, number, offset3 = self.expect_more("a number")
            if kind3 != "number":
                raise ConditionError(f"expected a number after '{op}', found '{number}'", offset3,
                                     "mood is a number from 0 to 100, e.g. 'mood < 20'")
            self.pos += 1
            compare, limit = _OPS[op], int(number)
            return lambda m, f: compare(m, limit)
        if kind == "word" and value not in KEYWORDS:
            if not FLAG_PATTERN.match(value):
                raise ConditionError(f"flag names are lower case: '{value}'", offset,
                                     f"write '{value.lower()}'")
            self.flags.add(value)
            return lambda m, f: value in f
        raise ConditionError(f"expected a flag, 'mood' or 'not', found '{value}'", offset,
                             "e.g. 'mood < 20', 'asked_for_id', 'not asked_for_id'")
