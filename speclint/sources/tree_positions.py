"""Positions of YAML and JSON nodes, found on demand.

The data of a spec is parsed by a fast parser that keeps no positions. When a finding needs
the place of a node, the file is parsed once more by rapidyaml, whose tree keeps views into
the source buffer: a node's offset in that buffer is its position. rapidyaml parses the 13 MB
GitHub description in about 0.05 s, so positions cost almost nothing until they are needed.
"""

from __future__ import annotations

import ctypes
import re
from functools import partial
from typing import Any

from speclint.model.location import Span
from speclint.sources.lines import LineIndex
from speclint.sources.pointers import escape_token, unescape_pointer

__all__ = ["TreePositions", "escape_token", "unescape_pointer"]


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: Any) -> int:
    buffer = _PyBuffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    try:
        return int(buffer.buf or 0)
    finally:
        _release_buffer(ctypes.byref(buffer))


# rapidyaml node type bits, read from the module when it is first used (``_read_type_bits``);
# one ``type()`` call answers what ``is_map``, ``has_key``, ``is_key_quoted``... would answer in
# a call each.
_MAP = _SEQ = _KEY = _VAL = _REF = _KEYQUO = _VALQUO = 0


def _read_type_bits(ryml: Any) -> None:
    global _MAP, _SEQ, _KEY, _VAL, _REF, _KEYQUO, _VALQUO
    _MAP, _SEQ, _KEY, _VAL = ryml.MAP, ryml.SEQ, ryml.KEY, ryml.VAL
    _REF = ryml.KEYREF | ryml.VALREF  # what ``is_ref`` and ``is_val_ref`` test
    _KEYQUO, _VALQUO = ryml.KEYQUO, ryml.VALQUO


_INDEXED_FROM = 64  # maps with this many children get an index of their keys

_CALLS = (
    "type", "key", "val", "find_child", "num_children", "child", "has_children",
    "first_child", "last_child", "parent", "is_root", "root_id", "is_stream", "next_sibling",
)  # fmt: skip


class _BoundTree:
    """The methods of a rapidyaml tree that positions use, bound to the tree.

    Each method of ``ryml.Tree`` is a Python function that calls its SWIG wrapper; thousands
    of lookups save that frame by calling the wrapper directly.
    """

    def __init__(self, tree: Any, wrappers: Any) -> None:
        self.tree = tree  # keeps the tree alive
        for name in _CALLS:
            setattr(self, name, partial(getattr(wrappers, f"Tree_{name}"), tree))


def _bind(tree: Any) -> Any:
    try:
        from ryml import _ryml

        return _BoundTree(tree, _ryml)
    except (ImportError, AttributeError):
        return tree


class TreePositions:
    """Resolves JSON pointers of a YAML or JSON file to spans.

    Findings come in crowds under the same paths (every response of an operation, every
    property of a schema): the node of each pointer prefix walked once is kept, so the next
    pointer under it starts from there, and spans are kept by node.
    """

    def __init__(self, data: bytes, lines: LineIndex) -> None:
        self._data = data
        self._lines = lines
        self._tree: Any = None
        self._buffer: bytearray | None = None
        self._base = 0
        self._failed = False
        self._cache: dict[str, Span] = {}
        # pointer -> (node, complete); complete is False once the walk stopped above the pointer
        self._nodes: dict[str, tuple[int, bool]] = {}
        self._spans: dict[int, Span] = {}
        self._keys: dict[int, dict[bytes, int]] = {}  # large maps: their children by key

    def _parse(self) -> Any:
        if self._tree is None and not self._failed:
            try:
                import ryml

                if not _MAP:
                    _read_type_bits(ryml)
                self._buffer = bytearray(self._data)
                self._tree = _bind(ryml.parse_in_place(self._buffer))
                self._base = _address(self._buffer)
            except Exception:
                self._failed = True
                self._tree = None
        return self._tree

    def span_of(self, pointer: str) -> Span:
        cached = self._cache.get(pointer)
        if cached is None:
            cached = self._cache[pointer] = self._compute(pointer)
        return cached

    def _compute(self, pointer: str) -> Span:
        tree = self._parse()
        if tree is None:
            return self._fallback(unescape_pointer(pointer))
        node = self._node(tree, pointer)
        span = self._spans.get(node)
        if span is None:
            span = self._spans[node] = self._node_span(tree, node)
        return span

    def _node(self, tree: Any, pointer: str) -> int:
        """The deepest node on the way of ``pointer``: the walk stops at an alias or a
        missing child. Starts from the longest prefix of ``pointer`` walked before."""
        nodes = self._nodes
        entry = nodes.get(pointer)
        if entry is not None:
            return entry[0]
        pending: list[tuple[int, int]] = []  # (slash, end) of each token still to walk
        end = len(pointer)
        while entry is None:
            slash = pointer.rfind("/", 0, end)
            if slash < 0:
                root = tree.root_id()
                if tree.is_stream(root):
                    root = tree.first_child(root)
                entry = nodes[pointer[:end]] = (int(root), True)
                break
            pending.append((slash, end))
            end = slash
            entry = nodes.get(pointer[:end])
        for slash, end in reversed(pending):
            node, complete = entry
            if complete:
                child = None
                if not (tree.type(node) & _REF):
                    token = pointer[slash + 1 : end]
                    if "~" in token:
                        token = token.replace("~1", "/").replace("~0", "~")
                    child = self._child(tree, node, token)
                entry = (node, False) if child is None else (child, True)
            nodes[pointer[:end]] = entry
        return entry[0]

    def _child(self, tree: Any, node: int, token: str) -> int | None:
        kind = tree.type(node)
        if kind & _MAP:
            keys = self._keys.get(node)
            if keys is None and tree.num_children(node) >= _INDEXED_FROM:
                keys = self._keys[node] = self._key_index(tree, node)
            if keys is not None:
                return keys.get(token.encode("utf-8"))
            child = tree.find_child(node, token.encode("utf-8"))
            return None if child < 0 or child >= 2**62 else int(child)
        if kind & _SEQ and token.isdigit():
            index = int(token)
            if index < tree.num_children(node):
                return int(tree.child(node, index))
        return None

    @staticmethod
    def _key_index(tree: Any, node: int) -> dict[bytes, int]:
        """The children of a large map by key (``find_child`` compares keys one by one, and
        ``/paths`` of a large API has a thousand), the first of repeated keys winning as there."""
        keys: dict[bytes, int] = {}
        child = tree.first_child(node)
        while 0 <= child < 2**62:
            keys.setdefault(bytes(tree.key(child)), int(child))
            child = tree.next_sibling(child)
        return keys

    def _offset(self, view: Any) -> int | None:
        if view is None or len(view) == 0:
            return None
        offset = _address(view) - self._base
        if 0 <= offset <= len(self._data):
            return offset
        return None

    def _start(self, tree: Any, node: int) -> int | None:
        kind = tree.type(node)
        if kind & _KEY:
            offset = self._offset(tree.key(node))
            if offset is not None:
                return offset - 1 if kind & _KEYQUO and offset > 0 else offset
        if kind & _VAL:
            offset = self._offset(tree.val(node))
            if offset is not None:
                return offset - 1 if kind & _VALQUO and offset > 0 else offset
        if tree.has_children(node):
            return self._start(tree, tree.first_child(node))
        return None

    def _end(self, tree: Any, node: int) -> int | None:
        last = node
        while tree.has_children(last):
            last = tree.last_child(last)
        kind = tree.type(last)
        if kind & _VAL:
            view = tree.val(last)
            offset = self._offset(view)
            if offset is not None:
                end = offset + len(view)
                return end + 1 if kind & _VALQUO else end
        if kind & _KEY:
            view = tree.key(last)
            offset = self._offset(view)
            if offset is not None:
                return offset + len(view)
        return None

    def _node_span(self, tree: Any, node: int) -> Span:
        start = None
        probe = node
        while start is None and probe is not None and probe >= 0:
            start = self._start(tree, probe)
            if start is None:
                if tree.is_root(probe):
                    break
                probe = tree.parent(probe)
        if start is None:
            return Span(1, 1, 1, 1)
        line, column = self._lines.position(start)
        end = self._end(tree, node)
        if end is None or end < start:
            return Span(line, column, line, self._lines.line_end_column(line))
        end_line, end_column = self._lines.position(end)
        return Span(line, column, end_line, end_column)

    def repeated_key(self) -> tuple[str, Span] | None:
        """The first key (in file order) written twice in one mapping, and the span of its
        second occurrence: the fast parsers keep one of the two, or say only that one repeats."""
        tree = self._parse()
        if tree is None:
            return None
        found: list[tuple[int, str, int]] = []  # (offset, key, node)
        pending = [int(tree.root_id())]
        while pending:
            node = pending.pop()
            is_map = tree.type(node) & _MAP
            seen: set[bytes] = set()
            child = tree.first_child(node) if tree.has_children(node) else -1
            while 0 <= child < 2**62:
                child = int(child)
                if is_map:
                    raw = bytes(tree.key(child))
                    if raw in seen:
                        found.append((self._start(tree, child) or 0, raw.decode("utf-8", "replace"), child))
                    seen.add(raw)
                if tree.has_children(child):
                    pending.append(child)
                child = tree.next_sibling(child)
        if not found:
            return None
        offset, key, node = min(found)
        line, column = self._lines.position(offset)
        return key, Span(line, column, line, column + len(key) + (2 if tree.type(node) & _KEYQUO else 0))

    def _fallback(self, tokens: list[str]) -> Span:
        """Without a tree, find the last key of the pointer in the text, or the file start."""
        for token in reversed(tokens):
            if token.isdigit():
                continue
            match = re.search(
                rb"(^|[\s{,])[\"']?" + re.escape(token.encode("utf-8")) + rb"[\"']?\s*:",
                self._data,
                re.MULTILINE,
            )
            if match:
                start = match.start() + len(match.group(1))
                line, column = self._lines.position(start)
                return Span(line, column, line, self._lines.line_end_column(line))
        return Span(1, 1, 1, self._lines.line_end_column(1))
