"""Offsets to 1-based lines and (character) columns."""

from __future__ import annotations

import re
from bisect import bisect_right

_NEWLINE = re.compile(rb"\n")


class LineIndex:
    """Maps byte offsets of a file to 1-based line and character columns."""

    __slots__ = ("_data", "_starts")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self._data)]
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self._data)))
        line = bisect_right(self.starts, offset)
        start = self.starts[line - 1]
        column = len(self._data[start:offset].decode("utf-8", "replace")) + 1
        return line, column

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a 1-based line and character column."""
        starts = self.starts
        line = max(1, min(line, len(starts)))
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self._data)
        text = self._data[start:end].decode("utf-8", "replace")
        return start + len(text[: max(0, column - 1)].encode("utf-8"))

    def line_end_column(self, line: int) -> int:
        starts = self.starts
        line = max(1, min(line, len(starts)))
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self._data)
        return len(self._data[start:end].rstrip(b"\r\n").decode("utf-8", "replace")) + 1
