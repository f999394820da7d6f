"""Positions and comments of one ``.proto`` file, from the SourceCodeInfo protoc recorded.

A descriptor *path* (``(4, 0, 2, 1)``: message 0, field 1) names each node of a file; protoc
records the span of each path, 0-based, with the end column exclusive. Comments are read
eagerly (descriptions need them); spans are indexed on the first request for a position in
the file, so that a large tree pays only for the files that have findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from speclint.model import Location, Span
from speclint.model.location import UNKNOWN_SPAN
from speclint.sources.overlay import read_bytes

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import SourceCodeInfo

DescriptorPath = tuple[int, ...]
_TAB = 8


class FileSourceMap:
    """Pointer (fully qualified name) to descriptor path, and descriptor path to span."""

    def __init__(self, path: Path, display: str, info: SourceCodeInfo) -> None:
        self.path = path
        self.display = display
        self._info = info
        self._paths: dict[str, DescriptorPath] = {}
        self._lines: list[bytes] | None = None
        self.descriptions: dict[DescriptorPath, str] = {}  # the leading comment, else the trailing one
        self.leading_comments: dict[DescriptorPath, str] = {}  # stripped, those not blank only
        self._index: _FirstLocations | None = None  # the first location of each path, when asked
        descriptions, leading_comments = self.descriptions, self.leading_comments
        for location in info.location:  # a large file has ~10^5: only those with comments cost
            leading = location.leading_comments
            text = leading or location.trailing_comments
            if text:
                key = tuple(location.path)
                stripped = text.strip()
                if stripped:
                    descriptions[key] = _description(stripped)
                    if leading:
                        leading_comments[key] = stripped
                else:
                    descriptions.pop(key, None)  # a later location of the path has the last word
        self._resolvers: dict[tuple[DescriptorPath, ...], _Resolver] = {}
        self.whole = self.resolver()
        self.name = self.resolver((1,))
        self.field_type = self.resolver((6,), (5,))  # FieldDescriptorProto.type_name, type
        self.input_type = self.resolver((2,))  # MethodDescriptorProto.input_type
        self.output_type = self.resolver((3,))

    def register(self, pointer: str, path: DescriptorPath) -> None:
        self._paths.setdefault(pointer, path)

    def location(self, pointer: str, path: DescriptorPath, resolver: _Resolver | None = None) -> Location:
        """The location of the node at ``path``, registered under ``pointer``."""
        self._paths.setdefault(pointer, path)
        return Location(self.display, pointer, resolver=resolver or self.whole)

    def resolver(self, *suffixes: DescriptorPath) -> _Resolver:
        """Spans of a part of a node: the first of ``suffixes`` that protoc recorded, else the node."""
        resolver = self._resolvers.get(suffixes)
        if resolver is None:
            resolver = self._resolvers[suffixes] = _Resolver(self, (*suffixes, ()))
        return resolver

    def span_at(self, path: DescriptorPath | None) -> Span | None:
        if path is None:
            return None
        if self._index is None:
            self._index = _FirstLocations(self._info.SerializeToString())
        found = self._index.find(_packed(path))
        if found is None:
            return None
        return self._characters(_span(self._info.location[found].span))

    def pointer_path(self, pointer: str) -> DescriptorPath | None:
        return self._paths.get(pointer)

    def _characters(self, span: Span) -> Span:
        """protoc counts bytes and expands tabs to 8 columns; findings count characters."""
        if self._lines is None:
            try:
                text = read_bytes(self.path)
            except OSError:
                text = b""
            # Without a tab or a character beyond ASCII, every column is already a character's.
            self._lines = text.split(b"\n") if b"\t" in text or not text.isascii() else []
        start = _column(self._lines, span.line, span.column)
        end = _column(self._lines, span.end_line, span.end_column)
        return Span(span.line, start, span.end_line, end)


class _Resolver:
    __slots__ = ("_map", "_suffixes")

    def __init__(self, source_map: FileSourceMap, suffixes: tuple[DescriptorPath, ...]) -> None:
        self._map = source_map
        self._suffixes = suffixes

    def span_of(self, pointer: str) -> Span:
        path = self._map.pointer_path(pointer)
        if path is None:
            return UNKNOWN_SPAN
        for suffix in self._suffixes:
            span = self._map.span_at(path + suffix)
            if span is not None:
                return span
        return UNKNOWN_SPAN


class _FirstLocations:
    """The number of the first location of each path, read from the wire form of the
    SourceCodeInfo (three times faster than through the message objects); each path is keyed by
    its packed varints (see :func:`_packed`).

    The locations are read only as far as the paths asked for need: protoc writes them in the
    order of the file, so the findings of a file seldom need them all (google/cloud: 59 %)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._first: dict[bytes, int] = {}
        self._position = 0  # where the first location not read yet starts
        self._number = 0  # and its number

    def find(self, path: bytes) -> int | None:
        found = self._first.get(path)
        if found is None and self._position < len(self._data):
            found = self._read_until(path)
        return found

    def _read_until(self, wanted: bytes) -> int | None:
        """Read on up to the first location of ``wanted`` (to the end if there is none)."""
        data, setdefault = self._data, self._first.setdefault
        position, number, size = self._position, self._number, len(data)
        found = None
        while position < size and found is None:  # each: tag 0x0A (location), length, then its fields
            length = data[position + 1]  # one byte, but for a location with a long comment
            if length < 0x80:
                position += 2
            else:
                length, position = _varint(data, position + 1)
            end = position + length
            if position < end and data[position] == 0x0A:  # Location.path, packed, always first
                path_length = data[position + 1]  # fewer than 128 steps: always, in practice
                start = position + 2
                if path_length >= 0x80:
                    path_length, start = _varint(data, position + 1)
                path = data[start : start + path_length]
            else:
                path = b""  # the file itself: an empty path is not written
            setdefault(path, number)
            if path == wanted:  # not read before: its first location
                found = number
            number += 1
            position = end
        self._position, self._number = position, number
        return found


def _description(stripped: str) -> str:
    """A stripped comment as a description: without the space after each line's ``//``."""
    return stripped.replace("\n ", "\n") if "\n" in stripped else stripped


def _varint(data: bytes, position: int) -> tuple[int, int]:
    """The varint at ``position`` and the position after it (the caller reads one-byte ones)."""
    result, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, position
        shift += 7


def _packed(path: DescriptorPath) -> bytes:
    """``path`` as protoc writes it: packed varints."""
    if all(0 <= number < 0x80 for number in path):
        return bytes(path)
    out = bytearray()
    for number in path:
        number &= 0xFFFFFFFFFFFFFFFF  # a negative int32 is ten bytes of two's complement
        while number >= 0x80:
            out.append((number & 0x7F) | 0x80)
            number >>= 7
        out.append(number)
    return bytes(out)


def _span(raw: object) -> Span:
    values = list(raw)  # type: ignore[call-overload]
    if len(values) == 3:
        line, column, end_column = values
        return Span(line + 1, column + 1, line + 1, end_column + 1)
    if len(values) == 4:
        line, column, end_line, end_column = values
        return Span(line + 1, column + 1, end_line + 1, end_column + 1)
    return UNKNOWN_SPAN


def _column(lines: list[bytes], line: int, column: int) -> int:
    """The 1-based character column of protoc's 1-based (byte, tab-expanded) ``column``."""
    if not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    if b"\t" not in text and text.isascii():
        return column
    wanted = column - 1
    visual = 0
    characters = 0
    for char in text.decode("utf-8", "replace"):
        if visual >= wanted:
            break
        if char == "\t":
            visual += _TAB - visual % _TAB
        else:
            visual += len(char.encode("utf-8"))
        characters += 1
    return characters + 1
