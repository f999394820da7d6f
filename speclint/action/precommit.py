"""The pre-commit hook: ``speclint check --changed`` on the staged files.

pre-commit runs ``entry``, then the hook's ``args``, then the staged file names (which may
start with a dash). The file names are the longest run of existing files at the end of the
command line (or everything after a ``--`` in ``args``); the rest are options, whose values are
never mistaken for files. speclint then lints every unit those files touch, whole: a staged
``$ref`` target through the documents that read it, one file of a GraphQL schema with the rest
of the schema, a proto with the protos that import it. Staged YAML/JSON files that no spec
reads are left alone.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

# ``check`` options that take a value, so that value is never mistaken for a file name.
VALUE_OPTIONS = frozenset(
    {"--format", "--output", "--ruleset", "--config", "--select", "--ignore", "--fail-on", "--baseline",
     "--write-baseline", "--proto-path", "--jobs", "-j", "--shard"}
)


def split_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(options with their values, file names) out of the hook's arguments."""
    argv = list(argv)
    if "--" in argv:
        cut = argv.index("--")
        return argv[:cut], argv[cut + 1 :]
    start = len(argv)
    while start > 0 and os.path.isfile(argv[start - 1]):
        start -= 1
    options: list[str] = []
    expecting_value = False
    for arg in argv[:start]:
        options.append(arg)
        expecting_value = not expecting_value and arg in VALUE_OPTIONS
    if expecting_value and start < len(argv):  # ``--ruleset strict`` with a file named ``strict``
        options.append(argv[start])
        start += 1
    return options, argv[start:]


def main(argv: Sequence[str] | None = None) -> int:
    options, files = split_arguments(list(sys.argv[1:] if argv is None else argv))
    if not files:
        return 0
    from speclint.cli.main import main as speclint

    return speclint(["check", "--changed", *options, "--", *files])


if __name__ == "__main__":
    sys.exit(main())
