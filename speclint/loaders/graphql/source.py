"""One GraphQL file: its text, its parsed document (or why it has none), and node positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from speclint.loaders.problems import SyntaxProblem
from speclint.model import Location, Span
from speclint.sources.lines import LineIndex
from speclint.sources.overlay import read_bytes

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TOKENS = 5_000_000
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")  # as GraphQL counts lines
_DEEP_LISTS = re.compile(r"(?:\[\s*){64,}")
_DEEP_OBJECTS = re.compile(r"(?:[{(]\s*\w+\s*:\s*){64,}")


class TextLines:
    """Character offsets of a text to 1-based lines and character columns, computed lazily."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self._text)]
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(line, column, end_line, end_column)


class NodeSpan:
    """The span of one node, resolved when a finding asks for it (see ``Location``)."""

    __slots__ = ("_end", "_lines", "_start")

    def __init__(self, lines: TextLines, start: int, end: int) -> None:
        self._lines = lines
        self._start = start
        self._end = end

    def span_of(self, pointer: str) -> Span:
        return self._lines.span(self._start, self._end)


class SourceFile:
    """A GraphQL file. ``document`` is None when it could not be parsed (see ``problem``)."""

    def __init__(self, path: Path, display: str, explicit: bool = False) -> None:
        self.path = path
        self.display = display
        self.explicit = explicit
        self.text = ""
        self.lines = TextLines("")
        self.document: Any = None
        self.problem: SyntaxProblem | None = None

    def read(self) -> SourceFile:
        """Read and parse the file, recording a :class:`SyntaxProblem` instead of raising."""
        try:
            data = read_bytes(self.path)
        except OSError as error:
            self.problem = SyntaxProblem(f"cannot read the file: {error.strerror}", 1, 1)
            return self
        if len(data) > MAX_FILE_BYTES:
            self.problem = SyntaxProblem(f"file is larger than {MAX_FILE_BYTES >> 20} MiB", 1, 1)
            return self
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = LineIndex(data).position(error.start)
            self.problem = SyntaxProblem(f"invalid UTF-8 byte 0x{data[error.start]:02x}", line, column)
            return self
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.lines = TextLines(self.text)
        self.document, self.problem = _parse(self.text)
        return self

    # -- locations --------------------------------------------------------------------------
    def location(self, pointer: str, node: Any) -> Location:
        """The location of an AST node (its whole extent), under a schema coordinate."""
        loc = node.loc
        if loc is None:
            return Location(self.display, pointer, span=Span(1, 1, 1, 1))
        return Location(self.display, pointer, resolver=NodeSpan(self.lines, loc.start, loc.end))

    def problem_location(self) -> Location:
        assert self.problem is not None
        line, column = self.problem.line, self.problem.column
        return Location(self.display, "", span=Span(line, column, line, column + 1))

    def start_location(self) -> Location:
        return Location(self.display, "", span=Span(1, 1, 1, 1))


def _parse(text: str) -> tuple[Any, SyntaxProblem | None]:
    from speclint.loaders.graphql.fast_parser import parse_type_system

    if not text.strip():
        return None, SyntaxProblem("the file is empty: a GraphQL document needs a definition", 1, 1)
    document = parse_type_system(text, max_tokens=MAX_TOKENS)  # light nodes, no graphql-core import
    if document is not None:
        return document, None
    from graphql import GraphQLError

    from speclint.loaders.graphql.fast_lexer import parse_sdl

    try:
        document = parse_sdl(text, max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        message = getattr(error, "description", None) or error.message
        return None, SyntaxProblem(f"invalid GraphQL: {message}", *_error_position(text, error))
    except RecursionError:
        match = _DEEP_LISTS.search(text) or _DEEP_OBJECTS.search(text)
        line, column = TextLines(text).position(match.start()) if match else (1, 1)
        return None, SyntaxProblem("invalid GraphQL: nesting is too deep", line, column)
    _unlink_tokens(document)
    return document, None


def _error_position(text: str, error: Any) -> tuple[int, int]:
    """Line and column of a graphql-core syntax error, counted here from its character offset.

    graphql-core before 3.2.11 put an offset at the start of a line on the line before (its
    ``locations``), later versions do not: counting lines ourselves makes the position the same
    whichever graphql-core is installed.
    """
    if error.positions:
        return TextLines(text).position(min(error.positions[0], len(text)))
    where = error.locations[0] if error.locations else None
    return (where.line, where.column) if where else (1, 1)


def _unlink_tokens(document: Any) -> None:
    """Drop the tokens' back links: the AST becomes acyclic, so reference counting frees it."""
    token = document.loc.start_token if document.loc is not None else None
    while token is not None:
        token.prev = None
        token = token.next
