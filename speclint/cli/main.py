"""``speclint`` entry point: parse arguments, run one command, map failures to exit 2."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from speclint import __version__
from speclint.errors import SpeclintError

# Each command module has ``register(subparsers)`` and ``run(args) -> int``.
COMMANDS = {
    "check": "speclint.cli.check",
    "diff": "speclint.cli.diff",
    "fuzz": "speclint.cli.fuzz",
    "rules": "speclint.cli.rules",
    "explain": "speclint.cli.explain",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="speclint",
        description="Lint, diff and fuzz OpenAPI, GraphQL SDL and Protocol Buffers specs.",
    )
    parser.add_argument("--version", action="version", version=f"speclint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    end = args_list.index("--") if "--" in args_list else len(args_list)
    debug = "--debug" in args_list[:end]
    if debug:  # accepted anywhere on the command line, not only before the command
        args_list = ["--debug", *(a for a in args_list[:end] if a != "--debug"), *args_list[end:]]
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if not args.command:
            parser.print_help(sys.stderr)
            return 2
        code: int = args.run(args)
        return code
    except SpeclintError as error:
        if debug:
            raise
        sys.stderr.write(f"speclint: error: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("speclint: interrupted\n")
        return 130
    except BrokenPipeError:  # the reader went away (``speclint check | head``): end quietly, as a
        # command killed by SIGPIPE does, and let nothing more be written to the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(f"speclint: internal error: {error!r} (run with --debug for a traceback)\n")
        return 2
