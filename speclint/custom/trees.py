"""The trees ``given`` paths walk: an OpenAPI document as written, or with ``$ref`` resolved.

A cursor's source is the loader's :class:`~speclint.loaders.openapi.refs.Node`, so a finding
points at the file, line and column where the value is written, inside a ``$ref`` target when
that is where it lives.
"""

from __future__ import annotations

from typing import Any

from speclint.custom.jsonpath import Cursor, PathKey
from speclint.model import Location


class DocumentTree:
    """The entry document of a workspace; ``resolved`` follows ``$ref`` like Spectral does."""

    def __init__(self, workspace: Any, resolved: bool) -> None:
        self.workspace = workspace
        self.resolved = resolved
        root = workspace.root
        if resolved:
            root = workspace.deref(root)
        self._root = Cursor(root.value, (), root, None)
        self.descendant_cache: dict[Any, list[Cursor]] = {}

    def root(self) -> Cursor:
        return self._root

    def identity(self, cursor: Cursor) -> Any:
        node = cursor.source
        return (id(node.document), node.pointer)

    def _wrap(self, cursor: Cursor, key: PathKey, node: Any) -> Cursor:
        jumps = cursor.jumps
        if self.resolved and type(node.value) is dict and "$ref" in node.value:
            target = self.workspace.deref(node)
            if target is not node and not _cycles(target, (*jumps, node)):
                jumps = (*jumps, node)
                node = target
        return Cursor(node.value, (*cursor.path, key), node, cursor, None, jumps)

    def children(self, cursor: Cursor) -> list[Cursor]:
        kids = cursor.kids
        if kids is None:
            node = cursor.source
            if type(node.value) is dict:
                kids = [self._wrap(cursor, key, child) for key, child in node.items()]
            elif type(node.value) is list:
                kids = [self._wrap(cursor, index, child) for index, child in enumerate(node.elements())]
            else:
                kids = []
            cursor.kids = kids
        return kids

    def child(self, cursor: Cursor, key: PathKey) -> Cursor | None:
        if isinstance(key, int) and type(cursor.value) is dict:
            key = str(key)
        node = cursor.source.child(key)
        if node is None and isinstance(key, str) and key.isdigit() and type(cursor.value) is list:
            key = int(key)
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
