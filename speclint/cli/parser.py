"""The ``speclint`` argument parser, built from the command modules (see ``main.COMMANDS``)."""

from __future__ import annotations

import argparse
import importlib

from speclint import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(commands_by_name: dict[str, str]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="speclint",
        description="Lint, diff and fuzz OpenAPI, GraphQL SDL and Protocol Buffers specs.",
    )
    parser.add_argument("--version", action="version", version=f"speclint {__version__}")
    parser.add_argument("--debug", action="store_true", help="tracebacks of internal errors (anywhere on the line)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in commands_by_name.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        module.register(commands)
    return parser
