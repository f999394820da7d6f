"""Offsets to 1-based lines and (character) columns."""

from __future__ import annotations

from bisect import bisect_left

_BLOCK_BITS = 12  # newlines are counted per 4 KiB block: a 13 MB file costs ~3,000 counts


_LONG_LINE = 1 << 16  # beyond this many bytes from the line start, columns come from counts
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes


def _char_counts(data: bytes) -> list[int]:
    """``counts[i]``: the characters before byte ``i << _BLOCK_BITS`` of ``data``; [] when
    ``data`` is not valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    size, total, counts = 1 << _BLOCK_BITS, 0, [0]
    for start in range(0, len(data), size):
        total += len(data[start : start + size].translate(None, _CONTINUATION))
        counts.append(total)
    return counts


def _chars_before(data: bytes, counts: list[int], offset: int) -> int:
    block = offset >> _BLOCK_BITS
    return counts[block] + len(data[block << _BLOCK_BITS : offset].translate(None, _CONTINUATION))


class LineIndex:
    """Maps byte offsets of a file to 1-based line and character columns.

    The index is the number of newlines before each 4 KiB block of the file (made at C speed
    by ``bytes.count``, where a list of every line start would cost a Python object per line);
    a position then counts newlines inside one block only.
    """

    __slots__ = ("_ascii", "_blocks", "_chars", "_data")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._blocks: list[int] | None = None
        self._ascii: dict[int, bool] = {}  # line start -> whether the line is ASCII
        self._chars: list[int] | None = None  # see _characters

    def _is_ascii_line(self, start: int) -> bool:
        """Whether the line starting at ``start`` is ASCII, checked once per line: a minified
        JSON spec is one line of tens of MB, and its findings must not rescan it each time."""
        known = self._ascii.get(start)
        if known is None:
            end = self._data.find(b"\n", start)
            known = self._ascii[start] = self._data[start : end if end >= 0 else len(self._data)].isascii()
        return known

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
        if self._is_ascii_line(start):
            return newlines + 1, offset - start + 1
        if offset - start > _LONG_LINE:
            return newlines + 1, self._characters(start, offset) + 1
        return newlines + 1, len(data[start:offset].decode("utf-8", "replace")) + 1

    def _characters(self, start: int, end: int) -> int:
        """``len(data[start:end].decode("utf-8", "replace"))`` on a long non-ASCII line,
        without copying and decoding megabytes for each position.

        In valid UTF-8, with ``start`` at a line start, that is the number of bytes that are
        not continuation bytes (an incomplete character at ``end`` decodes to one replacement
        character); those are counted per block, once.
        """
        chars = self._chars
        if chars is None:
            chars = self._chars = _char_counts(self._data)
        if not chars:  # not valid UTF-8: decode, as for short lines
            return len(self._data[start:end].decode("utf-8", "replace"))
        return _chars_before(self._data, chars, end) - _chars_before(self._data, chars, start)

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a 1-based line and character column."""
        start, end = self._bounds(line)
        text = self._data[start:end].decode("utf-8", "replace")
        return start + len(text[: max(0, column - 1)].encode("utf-8"))

    def line_end_column(self, line: int) -> int:
        start, end = self._bounds(line)
        while end > start and self._data[end - 1 : end] in (b"\n", b"\r"):
            end -= 1
        if self._is_ascii_line(start):
            return end - start + 1
        if end - start > _LONG_LINE:
            return self._characters(start, end) + 1
        return len(self._data[start:end].decode("utf-8", "replace")) + 1
