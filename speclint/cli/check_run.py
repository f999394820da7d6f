"""The body of ``speclint check``, kept apart so that building the parser stays cheap."""

from __future__ import annotations

import argparse
from pathlib import Path

from speclint import __version__
from speclint.cli.options import report_targets, use_color, write_to
from speclint.findings import Severity
from speclint.lint import lint
from speclint.lint.selection import effective_settings, split_names
from speclint.loaders.base import LoadOptions
from speclint.report.base import Report, ReportStyle, reporter_for


def run_check(args: argparse.Namespace) -> int:
    paths = list(args.paths) or [Path(".")]
    settings = effective_settings(split_names(args.select), split_names(args.ignore))
    options = LoadOptions(
        allow_remote_refs=args.allow_remote_refs,
        allow_outside_refs=args.allow_outside_refs,
        proto_paths=tuple(args.proto_path),
    )
    result = lint(paths, settings, options, debug=args.debug)
    report = Report(result.findings, result.files, __version__)
    for format_name, output in report_targets(args.report_events):
        stream = write_to(output)
        try:
            style = ReportStyle(color=output is None and use_color(stream, args.no_color), quiet=args.quiet)
            reporter_for(format_name).write(report, stream, style)
        finally:
            if output is not None:
                stream.close()
    if result.internal_errors:
        return 2
    return exit_status(report, args.fail_on or "error")


def exit_status(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0
