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
        self.descendant_cache: dict[Any, list[Cursor]] = {}
        self._closed: dict[Any, bool] = {}  # node identity -> whether its expansion is context-free

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
        kids = cursor.kids
        if kids is None and cursor.parent is None and type(value) in (dict, list):
            # at the root, list the children now so that every path through the root shares them
            kids = self.children(cursor)
        if kids is not None:
            # the children are listed already: reuse the one at ``key`` (same cursor, fewer objects)
            if type(value) is dict:
                if type(key) is not str or key not in value:
                    return None
                index = cursor.index
                if index is None:
                    index = cursor.index = dict(zip(value, kids))
                return index[key]
            if type(value) is list:
                if type(key) is int and 0 <= key < len(value):
                    return kids[key]
                return None
        node = cursor.source.child(key)
        return None if node is None else self._wrap(cursor, key, node)

    def closed(self, cursor: Cursor) -> bool:
        """Whether no ``$ref`` chain from ``cursor``'s node can come back into a cycle.

        Then which ``$ref`` are followed below it cannot depend on the ones followed to reach it
        (a circular ``$ref`` is a cycle in the graph of nodes and ``$ref`` targets), so its subtree
        is the same wherever it is reached. Conservative: an unknown target counts as a cycle.
        """
        if not self.resolved:
            return True  # a plain tree: nothing is shared
        ident = self.identity(cursor)
        known = self._closed.get(ident)
        if known is None:
            known = _closed_from(self.workspace, cursor.source, ident, self._closed)
        return known

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


def _targets_below(workspace: Any, node: Any) -> list[Any] | None:
    """The nodes the ``$ref`` in ``node``'s raw subtree point to (one hop); None if one is unknown."""
    document = node.document
    found: list[Any] = []
    stack: list[tuple[Any, str]] = [(node.value, node.pointer)]
    while stack:
        value, pointer = stack.pop()
        if type(value) is dict:
            ref = value.get("$ref")
            if ref is not None:
                if type(ref) is not str:
                    return None
                target = workspace.known_target(document, ref)
                if target is None:
                    return None
                found.append(target)
            for key, item in value.items():
                if type(item) is dict or type(item) is list:
                    token = escape_token(key) if ("~" in key or "/" in key) else key
                    stack.append((item, pointer + "/" + token))
        elif type(value) is list:
            for index, item in enumerate(value):
                if type(item) is dict or type(item) is list:
                    stack.append((item, pointer + "/" + str(index)))
    return found


def _closed_from(workspace: Any, start: Any, start_ident: Any, memo: dict[Any, bool]) -> bool:
    """Tarjan's strongly connected components over nodes -> ``$ref`` targets, from ``start``.

    An edge goes from a node to every target of a ``$ref`` written inside it (containment plus
    one hop of ``$ref``), so any circular ``$ref`` shows as a cycle. A node is closed when it is
    on no cycle and every node it reaches is closed; results are stored in ``memo``.
    """
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    on_stack: set[Any] = set()
    scc_stack: list[Any] = []
    ok: dict[Any, bool] = {}  # for nodes on the stack: every successor outside their SCC is closed
    counter = 0

    def successors(node: Any) -> tuple[list[tuple[Any, Any]], bool]:
        targets = _targets_below(workspace, node)
        if targets is None:
            return [], False
        return [((id(t.document), t.pointer), t) for t in targets], True

    succ, fine = successors(start)
    index[start_ident] = low[start_ident] = 0
    counter = 1
    scc_stack.append(start_ident)
    on_stack.add(start_ident)
    ok[start_ident] = fine
    self_loop: set[Any] = set()
    work: list[tuple[Any, Any, list[tuple[Any, Any]], int]] = [(start_ident, start, succ, 0)]
    while work:
        ident, node, succ, at = work[-1]
        if at < len(succ):
            work[-1] = (ident, node, succ, at + 1)
            child_ident, child = succ[at]
            if child_ident == ident:
                self_loop.add(ident)
                continue
            done = memo.get(child_ident)
            if done is not None:
                if not done:
                    ok[ident] = False
                continue
            if child_ident not in index:
                child_succ, child_fine = successors(child)
                index[child_ident] = low[child_ident] = counter
                counter += 1
                scc_stack.append(child_ident)
                on_stack.add(child_ident)
                ok[child_ident] = child_fine
                work.append((child_ident, child, child_succ, 0))
            elif child_ident in on_stack:
                low[ident] = min(low[ident], index[child_ident])
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[ident])
        if low[ident] == index[ident]:
            members = []
            while True:
                member = scc_stack.pop()
                on_stack.discard(member)
                members.append(member)
                if member == ident:
                    break
            closed = len(members) == 1 and ident not in self_loop and all(ok[m] for m in members)
            for member in members:
                memo[member] = closed
            if work and not closed:
                ok[work[-1][0]] = False
    return memo[start_ident]
