"""Lines of the linted files, for reports that quote them (HTML excerpts) or count bytes on
them (rdjson columns). Each file is read once, on first need; a file that cannot be read (gone,
or standard input) simply has no lines."""

from __future__ import annotations

from pathlib import Path

_CHUNK = 4096  # characters per step of a long line's byte-count index


class SourceLines:
    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}
        self._byte_steps: dict[tuple[str, int], list[int]] = {}

    def lines(self, file: str) -> list[str] | None:
        if file not in self._files:
            try:
                text = Path(file).read_bytes().decode("utf-8", errors="replace")
            except OSError:
                self._files[file] = None
            else:
                self._files[file] = text.splitlines()
        return self._files[file]

    def line(self, file: str, number: int) -> str | None:
        """Line ``number`` (1-based) of ``file``, without its line break."""
        lines = self.lines(file)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def byte_column(self, file: str, line: int, column: int) -> int:
        """The 1-based UTF-8 byte column of character ``column`` on ``line`` (the same number
        when the line cannot be read or is ASCII)."""
        text = self.line(file, line)
        if text is None or text.isascii():
            return column
        before = min(max(column - 1, 0), len(text))
        if len(text) <= _CHUNK:
            return len(text[:before].encode("utf-8")) + 1
        # A minified spec is one line of megabytes: count its bytes once per chunk, not per finding.
        steps = self._byte_steps.get((file, line))
        if steps is None:
            steps = [0]
            for start in range(0, len(text), _CHUNK):
                steps.append(steps[-1] + len(text[start : start + _CHUNK].encode("utf-8")))
            self._byte_steps[(file, line)] = steps
        chunk = before // _CHUNK
        return steps[chunk] + len(text[chunk * _CHUNK : before].encode("utf-8")) + 1


__all__ = ["SourceLines"]
