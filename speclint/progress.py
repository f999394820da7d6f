"""A one-line progress display for long work (large trees, fuzzing): on a terminal only, never
in CI logs or machine-readable output."""

from __future__ import annotations

import os
import sys
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self._width = 0

    @classmethod
    def for_terminal(cls, machine_output: bool) -> Progress:
        stream = sys.stderr
        interactive = hasattr(stream, "isatty") and stream.isatty()
        return cls(interactive and not os.environ.get("CI") and not machine_output, stream)

    def step(self, done: int, total: int, operation: str) -> None:
        if not self.enabled:
            return
        line = f"[{done}/{total}] {operation}"[:100]
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
