"""The JavaScript subset of JSONPath-Plus filter expressions, parsed once and evaluated safely.

Nothing is ever executed: the expression is parsed into a small tree of Python nodes and
interpreted with JavaScript's rules for equality and truthiness. Anything outside the subset
raises :class:`ExprError`, and the rule that uses it is skipped with a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

UNDEFINED: Any = type("Undefined", (), {"__repr__": lambda self: "undefined", "__bool__": lambda self: False})()


class ExprError(ValueError):
    """A filter expression outside the supported subset."""


_TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")
  | (?P<at>@[A-Za-z]*)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||[!<>().\[\],?:+\-])
  | (?P<regex>/(?:\\.|[^/\\\n])+/[gimsuy]*)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    i = 0
    text = text.rstrip()
    while i < len(text):
        match = _TOKEN.match(text, i)
        if match is None or match.end() == i:
            raise ExprError(f"cannot read {text[i:]!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        # a '/' after a value is division (unsupported); elsewhere it starts a regex literal
        tokens.append((kind, value))
        i = match.end()
    return tokens


@dataclass(frozen=True)
class Expr:
    """A parsed expression; ``evaluate`` returns a JavaScript-like value."""

    run: Callable[[Any], Any]
    source: str

    def evaluate(self, scope: Any) -> Any:
        return self.run(scope)

    def truthy(self, scope: Any) -> bool:
        try:
            return js_truthy(self.run(scope))
        except (TypeError, AttributeError, ExprError):
            return False


def js_truthy(value: Any) -> bool:
    if value is UNDEFINED or value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0 and value == value
    if isinstance(value, str):
        return value != ""
    return True


def _strict_eq(a: Any, b: Any) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return a is b
    if a is UNDEFINED or b is UNDEFINED:
        return a is b
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return False
    return bool(a == b)


def _loose_eq(a: Any, b: Any) -> bool:
    nullish = (None, UNDEFINED)
    if a in nullish or b in nullish:
        return (a in nullish) and (b in nullish)
    if (isinstance(a, (int, float)) and isinstance(b, str)) or (isinstance(a, str) and isinstance(b, (int, float))):
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return _strict_eq(a, b)


def _constructor(obj: Any) -> dict[str, str]:
    kinds = ((bool, "Boolean"), (str, "String"), (int, "Number"), (float, "Number"), (list, "Array"))
    return {"name": next((n for t, n in kinds if isinstance(obj, t)), "Object")}


def _member(obj: Any, name: Any) -> Any:
    if name == "constructor" and obj is not None and obj is not UNDEFINED:
        return _constructor(obj)
    if isinstance(obj, dict):
        return obj.get(name, UNDEFINED) if isinstance(name, str) else obj.get(str(name), UNDEFINED)
    if isinstance(obj, (list, str)):
        if name == "length":
            return len(obj)
        if isinstance(name, (int, float)) and not isinstance(name, bool) and 0 <= int(name) < len(obj):
            return obj[int(name)]
        if isinstance(name, str) and name.isdigit() and int(name) < len(obj):
            return obj[int(name)]
        return UNDEFINED
    if obj is None or obj is UNDEFINED:
        raise TypeError("member of undefined")
    return UNDEFINED


class JsRegex:
    """A regex literal of an expression (``/^x-/i``), searched under the time limit of
    :mod:`speclint.custom.patterns`; a search that runs out of time matches nothing."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        from speclint.custom.patterns import js_regex

        try:
            js_regex(source)
        except ValueError as error:  # regex.error
            raise ExprError(f"bad regular expression {source}: {error}") from None
        self.source = source

    def search(self, value: str) -> bool:
        from speclint.custom.patterns import pattern_search

        return pattern_search(self.source, value) is True


def _call(obj: Any, method: str, args: list[Any]) -> Any:
    if isinstance(obj, str):
        if method == "match":
            pattern = args[0] if isinstance(args[0], JsRegex) else JsRegex(str(args[0]))
            return pattern.search(obj) or None
        if method == "test":
            raise TypeError("test on a string")
        if method == "startsWith":
            return obj.startswith(str(args[0]))
        if method == "endsWith":
            return obj.endswith(str(args[0]))
        if method == "includes":
            return str(args[0]) in obj
        if method == "indexOf":
            return obj.find(str(args[0]))
        if method == "toLowerCase":
            return obj.lower()
        if method == "toUpperCase":
            return obj.upper()
    if isinstance(obj, JsRegex) and method == "test":
        return obj.search(str(args[0]))
    if isinstance(obj, list):
        if method == "includes":
            return any(_strict_eq(item, args[0]) for item in obj)
        if method == "indexOf":
            return next((i for i, item in enumerate(obj) if _strict_eq(item, args[0])), -1)
    if isinstance(obj, dict) and method == "hasOwnProperty":
        return str(args[0]) in obj
    raise TypeError(f"{method} is not supported here")


def _typeof(value: Any) -> str:
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ExprError(f"expected {value or 'more'} in {self.text!r}")
        self.i += 1
        return token

    def parse(self) -> Callable[[dict[str, Any]], Any]:
        node = self.ternary()
        if self.peek() is not None:
            raise ExprError(f"unexpected {self.peek()[1]!r} in {self.text!r}")  # type: ignore[index]
        return node

    def ternary(self) -> Callable[[dict[str, Any]], Any]:
        cond = self.binary(0)
        token = self.peek()
        if token and token[1] == "?":
            self.take("?")
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            return lambda s: yes(s) if js_truthy(cond(s)) else no(s)
        return cond

    _LEVELS = (("||",), ("&&",), ("===", "!==", "==", "!="), ("<", "<=", ">", ">="))

    def binary(self, level: int) -> Callable[[dict[str, Any]], Any]:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while True:
            token = self.peek()
            if token is None or token[0] != "op" or token[1] not in self._LEVELS[level]:
                return left
            op = self.take()[1]
            right = self.binary(level + 1)
            left = _binary(op, left, right)

    def unary(self) -> Callable[[dict[str, Any]], Any]:
        token = self.peek()
        if token and token[1] == "!":
            self.take()
            inner = self.unary()
            return lambda s: not js_truthy(inner(s))
        if token and token[1] == "-":
            self.take()
            inner = self.unary()
            return lambda s: -inner(s)
        if token and token == ("name", "void"):
            self.take()
            self.unary()
            return lambda s: UNDEFINED
        if token and token == ("name", "typeof"):
            self.take()
            inner = self.unary()
            return lambda s: _typeof(_safe(inner, s))
        return self.postfix(self.primary())

    def primary(self) -> Callable[[dict[str, Any]], Any]:
        kind, value = self.take()
        if kind == "num":
            number = float(value) if "." in value else int(value)
            return lambda s: number
        if kind == "str":
            text = _unquote(value)
            return lambda s: text
        if kind == "regex":
            pattern = JsRegex(value)
            return lambda s: pattern
        if kind == "at":
            name = value
            if name not in ("@", "@property", "@key", "@parent", "@parentProperty", "@path", "@root"):
                raise ExprError(f"{name} is not supported")
            return lambda s: s.get(name, UNDEFINED)
        if kind == "name":
            constants = {"true": True, "false": False, "null": None, "undefined": UNDEFINED}
            if value in constants:
                constant = constants[value]
                return lambda s: constant
            if value == "Array" and self.peek() == ("op", "."):
                self.take(".")
                if self.take()[1] != "isArray":
                    raise ExprError("only Array.isArray is supported")
                self.take("(")
                inner = self.ternary()
                self.take(")")
                return lambda s: isinstance(inner(s), list)
            raise ExprError(f"unknown name {value!r}")
        if value == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        raise ExprError(f"unexpected {value!r} in {self.text!r}")

    def postfix(self, node: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
        while True:
            token = self.peek()
            if token is None or token[1] not in (".", "["):
                return node
            self.take()
            if token[1] == ".":
                name = self.take()[1]
                key: Callable[[Any], Any] = _constant(name)
            else:
                key = self.ternary()
                self.take("]")
            following = self.peek()
            if token[1] == "." and following and following[1] == "(":
                self.take("(")
                args: list[Callable[[dict[str, Any]], Any]] = []
                while self.peek() and self.peek()[1] != ")":  # type: ignore[index]
                    args.append(self.ternary())
                    if self.peek() and self.peek()[1] == ",":  # type: ignore[index]
                        self.take(",")
                self.take(")")
                method = key({})
                node = _method(node, method, args)
            else:
                node = _getter(node, key)


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda s: value


def _method(
    obj: Callable[[dict[str, Any]], Any], method: str, args: list[Callable[[dict[str, Any]], Any]]
) -> Callable[[dict[str, Any]], Any]:
    return lambda s: _call(obj(s), method, [a(s) for a in args])


def _getter(
    obj: Callable[[dict[str, Any]], Any], key: Callable[[dict[str, Any]], Any]
) -> Callable[[dict[str, Any]], Any]:
    return lambda s: _member(obj(s), key(s))


def _safe(node: Callable[[dict[str, Any]], Any], scope: dict[str, Any]) -> Any:
    try:
        return node(scope)
    except TypeError:
        return UNDEFINED


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _compare(op: str, a: Any, b: Any) -> bool:
    try:
        if op == "<":
            return bool(a < b)
        if op == "<=":
            return bool(a <= b)
        if op == ">":
            return bool(a > b)
        return bool(a >= b)
    except TypeError:
        return False


def _binary(
    op: str, left: Callable[[dict[str, Any]], Any], right: Callable[[dict[str, Any]], Any]
) -> Callable[[dict[str, Any]], Any]:
    if op == "&&":
        return lambda s: (lambda a: right(s) if js_truthy(a) else a)(left(s))
    if op == "||":
        return lambda s: (lambda a: a if js_truthy(a) else right(s))(left(s))
    if op == "===":
        return lambda s: _strict_eq(left(s), right(s))
    if op == "!==":
        return lambda s: not _strict_eq(left(s), right(s))
    if op == "==":
        return lambda s: _loose_eq(left(s), right(s))
    if op == "!=":
        return lambda s: not _loose_eq(left(s), right(s))
    return lambda s: _compare(op, left(s), right(s))


def parse_expression(text: str) -> Expr:
    """Parse a filter expression (without the surrounding ``?()``); raises ExprError."""
    try:
        return Expr(_Parser(text).parse(), text)
    except (IndexError, re.error) as error:
        raise ExprError(f"cannot read {text!r}: {error}") from None
