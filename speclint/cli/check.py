"""``speclint check``: lint spec files and folders."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from speclint.cli.options import OrderedFormatAction

FAIL_LEVELS = ("error", "warning", "info", "hint", "never")
CHECK_FORMATS = ("text", "json")


def register(commands: Any) -> None:
    parser = commands.add_parser("check", help="lint spec files or directories")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: .); '-' reads standard input"
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="with '-': the name the spec is reported (and its format detected) as"
    )
    parser.add_argument(
        "--format",
        dest="format",
        action=OrderedFormatAction,
        choices=available_formats(),
        help="report format (default: text); repeatable, each followed by its own --output",
    )
    parser.add_argument(
        "--output",
        dest="output",
        action=OrderedFormatAction,
        metavar="[FORMAT=]FILE",
        help="write the report to FILE (with several --format: the one just before, or FORMAT's)",
    )
    parser.add_argument(
        "--show-pointers",
        action="store_true",
        help="text report: the JSON pointer (or schema coordinate, or full name) beside every line:col",
    )
    parser.add_argument("--ruleset", metavar="NAME|FILE", help="a built-in ruleset or a ruleset file")
    parser.add_argument("--config", metavar="FILE", help="configuration file")
    parser.add_argument("--select", action="append", metavar="X", help="only these rule ids or categories")
    parser.add_argument("--ignore", action="append", metavar="X", help="skip these rule ids or categories")
    parser.add_argument(
        "--fail-on", choices=FAIL_LEVELS, default=None, help="lowest severity that fails the run (default: error)"
    )
    parser.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    parser.add_argument(
        "--proto-path", action="append", type=Path, default=[], metavar="DIR", help="an import root for .proto files"
    )
    parser.add_argument("--allow-remote-refs", action="store_true", help="fetch $refs to URLs")
    parser.add_argument("--allow-outside-refs", action="store_true", help="follow $refs outside the linted folders")
    parser.add_argument("--no-color", action="store_true", help="plain output")
    parser.add_argument("-q", "--quiet", action="store_true", help="findings only")
    parser.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N", help="parallel workers (default: the CPU count)"
    )
    parser.add_argument("--shard", metavar="K/N", help="lint only the K-th of N deterministic parts (CI matrix jobs)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write .speclint_cache")
    parser.add_argument(
        "--changed",
        action="store_true",
        help="the PATHs are changed (or deleted) files: lint every unit under the current folder that reads one",
    )
    parser.add_argument(
        "--watch", action="store_true", help="lint again (the changed units only) whenever a file changes; Ctrl-C stops"
    )
    parser.set_defaults(run=run, report_events=[])


def available_formats() -> list[str]:
    from speclint.report.base import REPORTERS

    return list(REPORTERS)


def run(args: argparse.Namespace) -> int:
    from speclint.cli.check_run import run_check

    return run_check(args)
