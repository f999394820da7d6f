"""JSONPath-Plus, the dialect Spectral's ``given`` uses, over a tree of cursors.

Supported: ``$``, ``.name``, ``['name']``, ``[0]``, ``[*]``/``.*``, unions ``['a','b']``,
``..`` descent, and filters ``[?(expr)]`` whose expression is the JavaScript subset Spectral
rulesets use (see :mod:`speclint.custom.expr`): ``@``, ``@.x``, ``@property``, ``@key``,
``@parent``, ``@parentProperty``, ``@path``, ``@root``, comparisons, ``&&``/``||``/``!``,
``.length``, ``.match(/re/)``, ``.startsWith()``, ``.endsWith()``, ``.includes()``.

The tree is abstract (:class:`Tree`): the raw document, or the document with ``$ref`` resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Protocol

from speclint.custom.expr import Expr, ExprError, parse_expression

PathKey = str | int


class PathError(ValueError):
    """A ``given`` expression this evaluator cannot read."""


class Cursor:
    """A value in the tree, with its path from the root and its source (for positions).

    A plain slotted class: a large description makes hundreds of thousands of cursors.
    ``ident`` caches the tree's identity of the cursor once a tree has computed it.
    """

    __slots__ = ("ident", "index", "jumps", "kids", "parent", "path", "source", "value")

    def __init__(
        self,
        value: Any,
        path: tuple[PathKey, ...],
        source: Any,  # a handle the tree understands (refs.Node for OpenAPI)
        parent: Cursor | None = None,
        kids: list[Cursor] | None = None,  # children, once a tree has listed them
        jumps: tuple[Any, ...] = (),  # the $ref nodes followed on the way here (a resolved tree)
        ident: Any = None,
    ) -> None:
        self.value = value
        self.path = path
        self.source = source
        self.parent = parent
        self.kids = kids
        self.jumps = jumps
        self.ident = ident
        self.index: dict[Any, Cursor] | None = None  # kids by key, built on demand

    def __repr__(self) -> str:
        return f"Cursor(value={self.value!r}, path={self.path!r})"

    @property
    def key(self) -> PathKey | None:
        return self.path[-1] if self.path else None


class Tree(Protocol):
    def root(self) -> Cursor: ...

    def children(self, cursor: Cursor) -> list[Cursor]: ...

    def child(self, cursor: Cursor, key: PathKey) -> Cursor | None: ...

    def identity(self, cursor: Cursor) -> Any: ...


# -- parsing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """``kind`` is ``name`` (keys), ``wild``, ``filter``; ``descend`` for ``..``."""

    kind: str
    descend: bool = False
    keys: tuple[PathKey, ...] = ()
    filter: Expr | None = None


_NAME = re.compile(r"[A-Za-z0-9_$\-@]+|\*")


@lru_cache(maxsize=1024)
def parse_path(text: str) -> tuple[Segment, ...]:
    """Parse a JSONPath-Plus expression into segments; raises PathError."""
    text = text.strip()
    if not text.startswith("$"):
        raise PathError(f"a JSONPath must start with '$': {text!r}")
    i = 1
    segments: list[Segment] = []
    n = len(text)
    while i < n:
        descend = False
        if text.startswith("..", i):
            descend = True
            i += 2
            if i < n and text[i] == "[":
                segment, i = _bracket(text, i, descend)
                segments.append(segment)
                continue
        elif text[i] == ".":
            i += 1
        elif text[i] == "[":
            segment, i = _bracket(text, i, False)
            segments.append(segment)
            continue
        elif text[i] == "^":
            segments.append(Segment("parent"))
            i += 1
            continue
        elif text[i] == "~":
            segments.append(Segment("keyname"))
            i += 1
            continue
        else:
            raise PathError(f"unexpected {text[i]!r} at {i} in {text!r}")
        match = _NAME.match(text, i)
        if match is None:
            raise PathError(f"expected a name at {i} in {text!r}")
        name = match.group(0)
        i = match.end()
        if name == "*":
            segments.append(Segment("wild", descend))
        else:
            segments.append(Segment("name", descend, (int(name) if name.isdigit() else name,)))
    return tuple(segments)


def _bracket(text: str, i: int, descend: bool) -> tuple[Segment, int]:
    try:
        return _read_bracket(text, i, descend)
    except (PathError, ExprError):
        raise
    except (IndexError, ValueError):  # the text ends inside the brackets (str.index finds no ']')
        raise PathError(f"unterminated '[' at {i} in {text!r}") from None


def _read_bracket(text: str, i: int, descend: bool) -> tuple[Segment, int]:
    assert text[i] == "["
    i += 1
    while i < len(text) and text[i] == " ":
        i += 1
    if text.startswith("?(", i) or text.startswith("?", i):
        start = i + (2 if text.startswith("?(", i) else 1)
        end = _matching(text, start - 1) if text.startswith("?(", i) else text.index("]", start)
        source = text[start:end]
        close = text.index("]", end)
        return Segment("filter", descend, filter=parse_expression(source)), close + 1
    if text.startswith("*", i):
        close = text.index("]", i)
        return Segment("wild", descend), close + 1
    keys: list[PathKey] = []
    while True:
        while text[i] == " ":
            i += 1
        if text[i] in "'\"":
            quote = text[i]
            j = i + 1
            chars = []
            while text[j] != quote:
                if text[j] == "\\":
                    j += 1
                chars.append(text[j])
                j += 1
            keys.append("".join(chars))
            i = j + 1
        else:
            match = re.compile(r"-?\d+|[A-Za-z_$][\w$\-]*").match(text, i)
            if match is None:
                raise PathError(f"unexpected {text[i]!r} in {text!r}")
            token = match.group(0)
            keys.append(int(token) if token.lstrip("-").isdigit() else token)
            i = match.end()
        while text[i] == " ":
            i += 1
        if text[i] == ",":
            i += 1
            continue
        if text[i] == "]":
            return Segment("name", descend, tuple(keys)), i + 1
        raise PathError(f"unexpected {text[i]!r} in {text!r}")


def _matching(text: str, open_at: int) -> int:
    depth = 0
    quote = ""
    i = open_at
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise PathError(f"unbalanced parentheses in {text!r}")


# -- evaluation ---------------------------------------------------------------------------------


def evaluate(tree: Tree, text: str, start: Cursor | None = None) -> Iterator[Cursor]:
    """Every cursor ``text`` selects (from ``start``, the root by default), in document order."""
    segments = parse_path(text)
    cursors: list[Cursor] = [start or tree.root()]
    for segment in segments:
        cursors = list(_apply(tree, segment, cursors))
        if not cursors:
            break
    yield from cursors


def _apply(tree: Tree, segment: Segment, cursors: list[Cursor]) -> Iterator[Cursor]:
    if segment.descend:
        inners = _descendants(tree, cursors)
        if segment.kind == "name" and all(isinstance(k, str) and not k.isdigit() for k in segment.keys):
            # ``..name``: only dicts that hold one of the names can select anything
            keys = segment.keys
            child = tree.child
            for inner in inners:
                value = inner.value
                if type(value) is dict:
                    for key in keys:
                        if key in value:
                            found = child(inner, key)
                            if found is not None:
                                yield found
        else:
            for inner in inners:
                yield from _select(tree, segment, inner)
    else:
        for cursor in cursors:
            yield from _select(tree, segment, cursor)


def _descendants(tree: Tree, cursors: list[Cursor]) -> list[Cursor]:
    """Each of ``cursors`` and its descendants in document order, each identity once overall.

    Every cursor's subtree is walked on its own (a node seen under an earlier cursor is still
    walked, not listed: below it, other ``$ref`` may be followed). A node already listed whose
    subtree cannot depend on the ``$ref`` followed to reach it (``tree.closed``) is not walked
    again: all it holds was listed with it.
    """
    identity = tree.identity
    cache: dict[Any, list[Cursor]] | None = getattr(tree, "descendant_cache", None)
    key: Any = None
    if cache is not None:
        key = tuple([(c.ident if c.ident is not None else identity(c), c.path) for c in cursors])
        listed = cache.get(key)
        if listed is not None:
            return listed
    closed = getattr(tree, "closed", None)
    children = tree.children
    listed = []
    append = listed.append
    seen: set[Any] = set()
    for cursor in cursors:
        inner: set[Any] = set()
        stack = [cursor]
        pop, push = stack.pop, stack.extend
        while stack:
            current = pop()
            ident = current.ident
            if ident is None:
                ident = identity(current)
            if ident in inner:
                continue
            inner.add(ident)
            if ident in seen:
                if closed is not None:
                    parent = current.parent
                    if (current is cursor or parent is None or current.jumps is not parent.jumps) and closed(current):
                        continue
            else:
                seen.add(ident)
                append(current)
            value = current.value
            kind = type(value)
            if kind is dict or kind is list or isinstance(value, (dict, list)):
                kids = children(current)
                if kids:
                    push(reversed(kids))
    if cache is not None:
        cache[key] = listed
    return listed


def _select(tree: Tree, segment: Segment, cursor: Cursor) -> Iterator[Cursor]:
    kind = segment.kind
    if kind == "wild":
        yield from tree.children(cursor)
    elif kind == "keyname":
        if cursor.path:
            yield Cursor(cursor.key, cursor.path, cursor.source, cursor.parent)
    elif kind == "parent":
        if cursor.parent is not None:
            yield cursor.parent
    elif kind == "name":
        for key in segment.keys:
            if isinstance(key, int) and isinstance(cursor.value, list) and key < 0:
                key = len(cursor.value) + key
            child = tree.child(cursor, key)
            if child is not None:
                yield child
    else:
        assert segment.filter is not None
        truthy = segment.filter.truthy
        for child in tree.children(cursor):
            if truthy(_Scope(tree, child, cursor)):
                yield child


class _Scope:
    """The names a filter expression can read, computed only when it reads them."""

    __slots__ = ("child", "parent", "tree")

    def __init__(self, tree: Tree, child: Cursor, parent: Cursor) -> None:
        self.tree, self.child, self.parent = tree, child, parent

    def get(self, name: str, default: Any = None) -> Any:
        if name == "@":
            return self.child.value
        if name in ("@property", "@key"):
            return self.child.key
        if name == "@parent":
            return self.parent.value
        if name == "@parentProperty":
            return self.parent.key
        if name == "@path":
            return "$" + "".join(f"[{k!r}]" if isinstance(k, str) else f"[{k}]" for k in self.child.path)
        if name == "@root":
            return self.tree.root().value
        return default


def _scope(tree: Tree, child: Cursor, parent: Cursor) -> Any:
    return _Scope(tree, child, parent)


def key_text(key: PathKey) -> str:
    return str(key)
