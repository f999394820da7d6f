"""The body of ``speclint check``, kept apart so that building the parser stays cheap."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speclint import __version__
from speclint.cli.check import available_formats
from speclint.cli.check_ci import apply_baseline, file_formats, load_baseline, rule_metadata
from speclint.cli.options import report_output, report_targets, use_color
from speclint.cli.stdin_spec import StdinSpec
from speclint.errors import InputError, UsageError
from speclint.findings import Finding, Severity
from speclint.lint import lint
from speclint.lint.cache import CACHE_DIR, LintCache
from speclint.lint.selection import split_names
from speclint.lint.units import parse_shard
from speclint.loaders.base import LoadOptions
from speclint.progress import Progress
from speclint.report.base import Report, ReportStyle, reporter_for

if TYPE_CHECKING:
    from speclint.config.resolve import RunConfig
    from speclint.lint.baseline import Baseline


def run_check(args: argparse.Namespace) -> int:
    paths = list(args.paths) or [Path(".")]
    if Path("-") not in paths:
        if args.stdin_filename is not None:
            raise UsageError("--stdin-filename names the spec read from standard input: give '-' as the PATH")
        return _run_check(args, paths, None)
    if len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    stdin = StdinSpec(args.stdin_filename)
    try:
        with stdin.reading():
            return _run_check(args, [stdin.path], stdin)
    finally:
        stdin.close()


def _run_check(args: argparse.Namespace, paths: list[Path], stdin: StdinSpec | None) -> int:
    targets = report_targets(args.report_events, available_formats())
    roots: tuple[Path, ...] = ()
    if args.changed:
        from speclint.lint.affected import affected_units

        units = affected_units(args.paths, Path("."), args.proto_path)
        paths = list(dict.fromkeys(entry for unit in units for entry in unit.entries))
        roots = (Path(".").resolve(),)  # as ``check .`` reads them: refs may reach the whole folder
    from speclint.config import resolve_run_config

    run_config = resolve_run_config(args.config, args.ruleset, split_names(args.select), split_names(args.ignore))
    settings = run_config.settings
    options = LoadOptions(
        settings=dict(run_config.loader_settings),
        allow_remote_refs=args.allow_remote_refs,
        allow_outside_refs=args.allow_outside_refs,
        proto_paths=tuple(args.proto_path),
        roots=roots,
    )
    baseline = load_baseline(args, run_config.registry)
    if args.watch:
        if stdin is not None:
            raise UsageError("--watch watches files: it cannot read standard input")
        from speclint.server.session import LintSession
        from speclint.server.watch import watch

        session = LintSession.create(paths, run_config, options)

        def show() -> int:
            return _write_reports(args, targets, run_config, baseline, session.findings(), session.files())

        return watch(session, show)
    progress = Progress.for_terminal(machine_output=False)
    try:
        result = lint(
            paths,
            settings,
            options,
            debug=args.debug,
            jobs=_jobs(args.jobs),
            shard=parse_shard(args.shard),
            cache=None if args.no_cache or stdin else _cache(settings, options, paths, run_config.inputs),
            on_progress=progress.step if progress.enabled else None,
            registry=run_config.registry,
        )
    finally:
        progress.close()
    if not result.discovered and not args.changed:  # a mistyped path in CI must not pass (with
        # --changed, no spec among the changed files is an ordinary, passing run)
        raise InputError(f"no spec files found under {', '.join(str(p) for p in paths)}")
    if stdin is not None:
        result.findings = stdin.rename_findings(result.findings)
        result.files = stdin.rename_files(result.files)
    status = _write_reports(args, targets, run_config, baseline, run_config.apply(result.findings), result.files)
    if result.internal_errors:
        hint = "" if args.debug else "; run with --debug for tracebacks"
        count = result.internal_errors
        sys.stderr.write(
            f"speclint: error: {count} internal error{'s' if count > 1 else ''}: speclint could not check "
            f"everything (see the internal-error findings{hint})\n"
        )
        return 2
    return status


def _write_reports(
    args: argparse.Namespace,
    targets: list[tuple[str, str | None]],
    run_config: RunConfig,
    baseline: Baseline | None,
    found: list[Finding],
    files: list[str],
) -> int:
    """Write the reports of ``found`` (configured findings, before the baseline); the exit status."""
    settings = run_config.settings
    findings = apply_baseline(args, found, baseline)
    report = Report(
        findings,
        files,
        __version__,
        rules=rule_metadata(settings, findings, run_config.registry),
        file_formats=file_formats(files, findings, [target[0] for target in targets]),
        hidden_by_baseline=len(found) - len(findings) if baseline is not None else 0,
        docs_url=run_config.docs_url,
    )
    for format_name, output in targets:
        with report_output(output) as stream:
            style = ReportStyle(
                color=output is None and use_color(stream, args.no_color),
                quiet=args.quiet,
                pointers=args.show_pointers,
            )
            reporter_for(format_name).write(report, stream, style)
    return exit_status(report, args.fail_on or run_config.fail_on or "error")


def _cache(settings: object, options: LoadOptions, paths: list[Path], rule_files: dict[str, str]) -> LintCache:
    return LintCache(Path(CACHE_DIR), [settings, options, sorted(map(str, paths))], rule_files)


def _jobs(requested: int | None) -> int:
    if requested is not None:
        if requested < 1:
            raise UsageError("--jobs must be at least 1")
        return requested
    return os.cpu_count() or 1


def exit_status(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0
