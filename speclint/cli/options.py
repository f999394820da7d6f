"""Options shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator, Sequence, TextIO


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


def report_targets(
    events: list[tuple[str, str]] | None, formats: Sequence[str], default: str = "text"
) -> list[tuple[str, str | None]]:
    """Pairs of (format, output file or None for standard output), from ``--format`` and
    ``--output`` in command-line order.

    ``--output FORMAT=FILE`` names its format (adding that report when no ``--format`` asked for
    it). With at most one format, a plain ``--output`` applies to it wherever it stands; with
    several, each plain ``--output`` belongs to the ``--format`` just before it. Anything else,
    and two reports on standard output or in one file, is a :class:`UsageError` (exit 2).
    """
    from speclint.errors import UsageError

    events = list(events or [])
    requested = [value for kind, value in events if kind == "format"]
    explicit: list[tuple[str, str]] = []
    plain: list[tuple[int, str]] = []  # (position among the events, file)
    for position, (kind, value) in enumerate(events):
        if kind != "output":
            continue
        name, equals, file = value.partition("=")
        if equals and name in formats:
            if not file:
                raise UsageError(f"--output {value}: no file after '{name}='")
            explicit.append((name, file))
        else:
            plain.append((position, value))
    targets: list[list[Any]] = [[name, None] for name in requested]
    for name, file in explicit:
        slot = next((t for t in targets if t[0] == name and t[1] is None), None)
        if slot is None:
            targets.append([name, file])
        else:
            slot[1] = file
    if len(requested) <= 1:
        if not requested and (plain or not targets):
            targets.insert(0, [default, None])
        if plain:
            if len(plain) > 1 or targets[0][1] is not None:
                raise UsageError("several --output files for one report; use --output FORMAT=FILE for each format")
            targets[0][1] = plain[0][1]
    else:
        _pair_in_order(events, plain, targets)
    on_stdout = [t[0] for t in targets if t[1] is None]
    if len(on_stdout) > 1:
        raise UsageError(
            f"{len(on_stdout)} reports on standard output ({', '.join(on_stdout)}); "
            "give all but one an --output FILE (or --output FORMAT=FILE)"
        )
    files = [str(t[1]) for t in targets if t[1] is not None]
    twice = sorted({f for f in files if files.count(f) > 1})
    if twice:
        raise UsageError(f"two reports would be written to {twice[0]}; give each its own --output")
    return [(t[0], t[1]) for t in targets]


def _pair_in_order(events: list[tuple[str, str]], plain: list[tuple[int, str]], targets: list[list[Any]]) -> None:
    """With several formats: each plain ``--output`` goes to the ``--format`` right before it."""
    from speclint.errors import UsageError

    format_slots: dict[int, list[Any]] = {}
    index = 0
    for position, (kind, _) in enumerate(events):
        if kind == "format":
            format_slots[position] = targets[index]
            index += 1
    for position, file in plain:
        before = [p for p in format_slots if p < position]
        slot = format_slots[max(before)] if before else None
        if slot is None or slot[1] is not None:
            raise UsageError(
                f"--output {file}: with several --format options, put each --output right after its "
                "--format, or write --output FORMAT=FILE"
            )
        slot[1] = file


def use_color(stream: TextIO, no_color: bool) -> bool:
    """--no-color and NO_COLOR win; then FORCE_COLOR / CLICOLOR_FORCE; then a terminal outside CI."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    if os.environ.get("CI"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def report_output(path: str | os.PathLike[str] | None) -> Iterator[TextIO]:
    """The stream one report is written to: standard output, or FILE, which is replaced only once
    the whole report is written (:mod:`speclint.sources.atomic_write`). A write that fails (a full
    disk, a file-size limit, a missing folder) is an :class:`OutputError`: one line, exit 2."""
    from speclint.errors import OutputError

    if path is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            from speclint.cli.main import silence_stdout

            silence_stdout()  # what is still buffered would fail again at exit, with a traceback
            raise OutputError(f"cannot write standard output: {error.strerror or error}") from error
        return
    from speclint.sources.atomic_write import atomic_text_writer

    try:
        with atomic_text_writer(path) as stream:
            yield stream
    except OSError as error:
        raise OutputError(f"cannot write {os.fspath(path)}: {error.strerror or error}") from error

