"""Where a node of a spec lives: file, 1-based line and column, end, and a pointer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from speclint.sources.pointers import join_pointer


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based region of a file; ``end_column`` is the column just after the node."""

    line: int
    column: int
    end_line: int
    end_column: int


UNKNOWN_SPAN = Span(1, 1, 1, 1)


class SpanResolver(Protocol):
    """Turns a pointer into a span; implemented by each format's source map."""

    def span_of(self, pointer: str) -> Span: ...


class Location:
    """The place of a model element.

    ``file`` and ``pointer`` are known when the element is built; the line and column are
    computed on first use through the file's source map, so that a large spec pays for
    positions only where a finding needs one.
    """

    __slots__ = ("_resolver", "_span", "file", "pointer")

    def __init__(
        self,
        file: str,
        pointer: str,
        span: Span | None = None,
        resolver: SpanResolver | None = None,
    ) -> None:
        self.file = file
        self.pointer = pointer
        self._span = span
        self._resolver = resolver

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._resolver.span_of(self.pointer) if self._resolver else UNKNOWN_SPAN
        return self._span

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    def child(self, *tokens: str | int) -> Location:
        """The location of a node below this one, for formats addressed by JSON pointers
        (OpenAPI): same file, same source map, the pointer extended by ``tokens``."""
        return Location(self.file, self.pointer + join_pointer(tokens), resolver=self._resolver)

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.pointer!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return (self.file, self.pointer) == (other.file, other.pointer)

    def __hash__(self) -> int:
        return hash((self.file, self.pointer))
