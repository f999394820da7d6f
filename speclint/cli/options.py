"""Options shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Sequence, TextIO


class OrderedFormatAction(argparse.Action):
    """Collects ``--format`` and ``--output`` in order, so each output binds to its format."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        events = list(getattr(namespace, "report_events", None) or [])
        events.append((self.dest, values))
        namespace.report_events = events


def report_targets(events: list[tuple[str, str]] | None, default: str = "text") -> list[tuple[str, str | None]]:
    """Pairs of (format, output file or None for standard output)."""
    targets: list[list[Any]] = []
    for kind, value in events or []:
        if kind == "format":
            targets.append([value, None])
        elif targets and targets[-1][1] is None:
            targets[-1][1] = value
        else:
            targets.append([default, value])
    if not targets:
        targets.append([default, None])
    return [(t[0], t[1]) for t in targets]


def use_color(stream: TextIO, no_color: bool) -> bool:
    """--no-color and NO_COLOR win; then FORCE_COLOR / CLICOLOR_FORCE; then a terminal outside CI."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    if os.environ.get("CI"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def write_to(path: str | None) -> TextIO:
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as error:
        from speclint.errors import UsageError

        raise UsageError(f"cannot write {path}: {error.strerror}") from error
