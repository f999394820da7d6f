"""The pre-commit hook: ``speclint check`` on the staged files that are specs.

pre-commit passes every staged YAML, JSON, GraphQL and proto file; ``check`` reports a file it
was named explicitly but cannot read as a spec, so the hook keeps only spec files (and the
values of options such as ``--ruleset FILE``), and does nothing when none is left.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

# ``check`` options that take a value, so that value is never mistaken for a file name.
VALUE_OPTIONS = frozenset(
    {"--format", "--output", "--ruleset", "--config", "--select", "--ignore", "--fail-on", "--baseline",
     "--write-baseline", "--proto-path"}
)


def split_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(options with their values, spec files) out of the hook's arguments."""
    from speclint.loaders.detect import detect_format

    options: list[str] = []
    files: list[str] = []
    expecting_value = False
    for arg in argv:
        if expecting_value:
            options.append(arg)
            expecting_value = False
        elif arg.startswith("-"):
            options.append(arg)
            expecting_value = arg in VALUE_OPTIONS
        elif detect_format(Path(arg)) is not None:
            files.append(arg)
    return options, files


def main(argv: Sequence[str] | None = None) -> int:
    options, files = split_arguments(list(sys.argv[1:] if argv is None else argv))
    if not files:
        return 0
    from speclint.cli.main import main as speclint

    return speclint(["check", *options, *files])


if __name__ == "__main__":
    sys.exit(main())
