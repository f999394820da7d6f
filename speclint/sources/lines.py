"""Offsets to 1-based lines and (character) columns."""

from __future__ import annotations

import re
from bisect import bisect_left

_NEWLINE = re.compile(rb"\n")
_BLOCK_BITS = 12  # newlines are counted per 4 KiB block: a 13 MB file costs ~3,000 counts


class LineIndex:
    """Maps byte offsets of a file to 1-based line and character columns.

    The index is the number of newlines before each 4 KiB block of the file (made at C speed
    by ``bytes.count``, where a list of every line start would cost a Python object per line);
    a position then counts newlines inside one block only.
    """

    __slots__ = ("_blocks", "_data", "_starts")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts: list[int] | None = None
        self._blocks: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The offset of each line's first byte."""
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self._data)]
        return self._starts

    def _counts(self) -> list[int]:
        """``counts[i]``: the number of newlines before byte ``i << _BLOCK_BITS``."""
        blocks = self._blocks
        if blocks is None:
            count, size = self._data.count, 1 << _BLOCK_BITS
            total, blocks = 0, [0]
            for start in range(0, len(self._data), size):
                total += count(b"\n", start, start + size)
                blocks.append(total)
            self._blocks = blocks
        return blocks

    def _after_newline(self, number: int) -> int:
        """The offset just after the ``number``-th newline (1-based); 0 for ``number`` 0."""
        if number <= 0:
            return 0
        blocks = self._counts()
        block = bisect_left(blocks, number) - 1  # the block that holds that newline
        find, found = self._data.find, (block << _BLOCK_BITS) - 1
        for _ in range(number - blocks[block]):
            found = find(b"\n", found + 1)
        return found + 1

    def _bounds(self, line: int) -> tuple[int, int]:
        """The start and end offsets of a 1-based line (clamped to the file), newline included."""
        lines = self._counts()[-1] + 1
        line = max(1, min(line, lines))
        start = self._after_newline(line - 1)
        end = self._after_newline(line) if line < lines else len(self._data)
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        data = self._data
        offset = max(0, min(offset, len(data)))
        block = offset >> _BLOCK_BITS
        blocks = self._counts()
        newlines = blocks[block] + data.count(b"\n", block << _BLOCK_BITS, offset)
        found = data.rfind(b"\n", block << _BLOCK_BITS, offset)
        start = found + 1 if found >= 0 else self._after_newline(newlines)
        text = data[start:offset]
        column = (len(text) if text.isascii() else len(text.decode("utf-8", "replace"))) + 1
        return newlines + 1, column

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a 1-based line and character column."""
        start, end = self._bounds(line)
        text = self._data[start:end].decode("utf-8", "replace")
        return start + len(text[: max(0, column - 1)].encode("utf-8"))

    def line_end_column(self, line: int) -> int:
        start, end = self._bounds(line)
        return len(self._data[start:end].rstrip(b"\r\n").decode("utf-8", "replace")) + 1
