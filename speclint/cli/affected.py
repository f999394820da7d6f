"""``speclint affected``: which units read the given changed files (for CI and commit hooks)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "affected",
        help="the units under the current folder that read the given changed files",
        description=(
            "speclint affected [--] FILE ...: the spec units (an OpenAPI document with its $ref targets, a GraphQL "
            "schema, a proto and its importers) under the current folder that read one of FILE, deleted files included"
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE", help="changed or deleted files")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--proto-path", action="append", type=Path, default=[], metavar="DIR", help="an import root for .proto files"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.lint.affected import affected_units
    from speclint.loaders.display import display_path

    units = affected_units(args.paths, Path("."), args.proto_path)
    if args.format == "json":
        rows = [
            {
                "format": unit.format.value,
                "entries": [display_path(p) for p in unit.entries],
                "changed": [display_path(p) for p in unit.changed],
            }
            for unit in units
        ]
        json.dump({"units": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for unit in units:
        entries = " ".join(display_path(p) for p in unit.entries)
        changed = ", ".join(display_path(p) for p in unit.changed)
        sys.stdout.write(f"{unit.format.value}: {entries} (reads {changed})\n")
    return 0
