"""``speclint`` entry point: parse arguments, run one command, map failures to exit 2."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Sequence

from speclint import __version__
from speclint.errors import SpeclintError

if TYPE_CHECKING:  # argparse is imported only once a command needs it: `--version` does without
    import argparse

# Each command module has ``register(subparsers)`` and ``run(args) -> int``.
COMMANDS = {
    "check": "speclint.cli.check",
    "diff": "speclint.cli.diff",
    "fuzz": "speclint.cli.fuzz",
    "rules": "speclint.cli.rules",
    "explain": "speclint.cli.explain",
    "completion": "speclint.cli.completion",
    "server": "speclint.cli.server",
    "affected": "speclint.cli.affected",
}
INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
CLOSED_PIPE = 141  # 128 + SIGPIPE, as shells report a reader that went away


def build_parser() -> argparse.ArgumentParser:
    from speclint.cli.parser import build_parser as build

    return build(COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # answered before any command module (or the model) is imported
        sys.stdout.write(f"speclint {__version__}\n")
        return 0
    args_list, debug = _take_debug(args_list)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        args.debug = debug
        if not args.command:
            parser.print_help(sys.stderr)
            return 2
        code: int = args.run(args)
        if not sys.stdout.closed:  # `server` closes it when the editor says exit
            sys.stdout.flush()  # a reader that went away shows here, not at interpreter exit
        return code
    except SpeclintError as error:
        if debug:
            raise
        sys.stderr.write(f"speclint: error: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("speclint: interrupted\n")
        return INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return CLOSED_PIPE
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(f"speclint: internal error: {error!r} (run with --debug for a traceback)\n")
        return 2


def _take_debug(args: list[str]) -> tuple[list[str], bool]:
    """``--debug`` wherever it stands before ``--`` (after the command too, as ruff and buf take it)."""
    end = args.index("--") if "--" in args else len(args)
    kept = [a for a in args[:end] if a != "--debug"] + args[end:]
    return kept, len(kept) != len(args)


def silence_stdout() -> None:
    """The reader of standard output went away: send what is still buffered nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
