"""``speclint diff``: the breaking-change report between two versions of a spec."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

FAIL_LEVELS = ("breaking", "potentially-breaking", "non-breaking", "never")
DIFF_FORMATS = ("text", "json", "markdown", "github")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="breaking-change report between two versions of a spec",
        description="speclint diff OLD NEW, or speclint diff --base REV PATH",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="OLD NEW, or PATH with --base")
    parser.add_argument("--base", metavar="REV", help="the old version is PATH at this git revision")
    parser.add_argument("--format", choices=DIFF_FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on", choices=FAIL_LEVELS, default="breaking", help="lowest level that fails the run (default: breaking)"
    )
    parser.add_argument(
        "--proto-path", action="append", type=Path, default=[], metavar="DIR", help="an import root for .proto files"
    )
    parser.add_argument("--allow-remote-refs", action="store_true", help="fetch $refs to URLs")
    parser.add_argument("--allow-outside-refs", action="store_true", help="follow $refs outside the spec's folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.cli.options import report_output
    from speclint.diff.change import Level
    from speclint.diff.report import diff_reporter_for
    from speclint.errors import UsageError
    from speclint.loaders.collector import cycle_collector_paused

    with cycle_collector_paused():  # two large, mostly acyclic models: collection only costs time (~30%)
        result = _compare(args)
    with report_output(args.output) as stream:
        diff_reporter_for(args.format).write(result, stream)
    if args.fail_on == "never":
        return 0
    if args.fail_on not in FAIL_LEVELS:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}")
    threshold = Level(args.fail_on).rank
    return 1 if any(c.level.rank >= threshold for c in result.changes) else 0


def _compare(args: argparse.Namespace) -> Any:
    from speclint.diff import diff_apis
    from speclint.diff.engine import DiffResult, Note
    from speclint.diff.load import load_api, load_at_revision, temporary_folder
    from speclint.errors import InputError, UsageError
    from speclint.loaders.base import LoadOptions

    options = LoadOptions(
        allow_remote_refs=args.allow_remote_refs,
        allow_outside_refs=args.allow_outside_refs,
        proto_paths=tuple(args.proto_path),
    )
    paths: list[Path] = args.paths
    if args.base is None:
        if len(paths) != 2:
            raise UsageError("diff needs OLD and NEW (or --base REV PATH)")
        for path in paths:
            if not path.exists():
                raise InputError(f"{path}: no such file or directory")
        return diff_apis(load_api(paths[0], options), load_api(paths[1], options))
    if len(paths) != 1:
        raise UsageError("diff --base REV takes exactly one PATH")
    path = paths[0]
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    new = load_api(path, options)
    with temporary_folder() as folder:
        loaded = load_at_revision(args.base, path, options, Path(folder))
        if loaded is None:
            result = DiffResult(new.format.value, (), new.files)
            result.notes.append(Note("spec-added", f"{path} did not exist at {args.base}: nothing to compare"))
            return result
        return diff_apis(loaded.api, new, old_file=loaded.file_map)
