"""The trees ``given`` paths walk: an OpenAPI document as written, or with ``$ref`` resolved.

A cursor's source is the loader's :class:`~speclint.loaders.openapi.refs.Node`, so a finding
points at the file, line and column where the value is written, inside a ``$ref`` target when
that is where it lives.
"""

from __future__ import annotations

from typing import Any

from speclint.custom.jsonpath import Cursor, PathKey
from speclint.model import Location
from speclint.sources.tree_positions import escape_token


class DocumentTree:
    """The entry document of a workspace; ``resolved`` follows ``$ref`` like Spectral does."""

    def __init__(self, workspace: Any, resolved: bool) -> None:
        self.workspace = workspace
        self.resolved = resolved
        root = workspace.root
        if resolved:
            root = workspace.deref(root)
        self._root = Cursor(root.value, (), root, None, None, (), (id(root.document), root.pointer))
        self.descendant_cache: dict[Any, tuple[list[Cursor], list[Any]]] = {}

    def root(self) -> Cursor:
        return self._root

    def identity(self, cursor: Cursor) -> Any:
        ident = cursor.ident
        if ident is None:
            node = cursor.source
            ident = cursor.ident = (id(node.document), node.pointer)
        return ident

    def _wrap(self, cursor: Cursor, key: PathKey, node: Any) -> Cursor:
        jumps = cursor.jumps
        value = node.value
        if self.resolved and type(value) is dict and "$ref" in value:
            target = self.workspace.deref(node)
            if target is not node and not _cycles(target, (*jumps, node)):
                jumps = (*jumps, node)
                node = target
        return Cursor(node.value, (*cursor.path, key), node, cursor, None, jumps, (id(node.document), node.pointer))

    def children(self, cursor: Cursor) -> list[Cursor]:
        kids = cursor.kids
        if kids is not None:
            return kids
        node = cursor.source
        value = node.value
        kind = type(value)
        if kind is not dict and kind is not list:
            kids = cursor.kids = []
            return kids
        document = node.document
        doc_id = id(document)
        prefix = node.pointer + "/"
        path = cursor.path
        jumps = cursor.jumps
        resolved = self.resolved
        make = type(node)  # the loader's node class
        kids = []
        append = kids.append
        pairs: list[tuple[PathKey, Any, str]]
        if kind is dict:
            pairs = [(k, v, escape_token(k) if ("~" in k or "/" in k) else k) for k, v in value.items()]
        else:
            pairs = [(i, v, str(i)) for i, v in enumerate(value)]
        for key, item, token in pairs:
            child = make(item, document, prefix + token)
            if resolved and type(item) is dict and "$ref" in item:
                append(self._wrap(cursor, key, child))
            else:
                append(Cursor(item, (*path, key), child, cursor, None, jumps, (doc_id, child.pointer)))
        cursor.kids = kids
        return kids

    def child(self, cursor: Cursor, key: PathKey) -> Cursor | None:
        value = cursor.value
        if isinstance(key, int) and type(value) is dict:
            key = str(key)
        elif isinstance(key, str) and key.isdigit() and type(value) is list:
            key = int(key)
        if cursor.kids is not None:
            # the children are listed already: reuse the one at ``key`` (same cursor, fewer objects)
            if type(value) is dict:
                if type(key) is not str or key not in value:
                    return None
                index = cursor.index
                if index is None:
                    index = cursor.index = dict(zip(value, cursor.kids))
                return index[key]
            if type(value) is list:
                if type(key) is int and 0 <= key < len(value):
                    return cursor.kids[key]
                return None
        node = cursor.source.child(key)
        return None if node is None else self._wrap(cursor, key, node)

    def location(self, cursor: Cursor) -> Location:
        location: Location = cursor.source.location
        return location

    def resolve(self, cursor: Cursor, keys: tuple[PathKey, ...]) -> tuple[Cursor, bool]:
        """The cursor at ``keys`` below ``cursor``; the closest existing one and False if absent."""
        current = cursor
        for key in keys:
            step = self.child(current, key)
            if step is None:
                return current, False
            current = step
        return current, True


def _cycles(target: Any, jumps: tuple[Any, ...]) -> bool:
    """Whether ``target`` contains one of the ``$ref`` nodes that led here (a circular $ref)."""
    prefix = target.pointer + "/"
    for jump in jumps:
        if jump.document is target.document and (
            target.pointer == "" or jump.pointer == target.pointer or jump.pointer.startswith(prefix)
        ):
            return True
    return False
