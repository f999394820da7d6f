"""Run the lint job over a set of paths."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from speclint.findings import Finding
from speclint.lint.discover import SpecFile, discover
from speclint.lint.selection import RuleSetting
from speclint.lint.suppression import Suppression, apply_suppressions, suppressions_of
from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.display import display_path
from speclint.loaders.problems import INTERNAL_ERROR, UNKNOWN_FORMAT
from speclint.loaders.registry import loader_for
from speclint.model import Location, Span, SpecFormat
from speclint.rules import RuleContext, get_rule


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    internal_errors: int = 0


def lint(
    paths: Sequence[Path],
    settings: dict[str, RuleSetting],
    options: LoadOptions | None = None,
    debug: bool = False,
) -> LintReport:
    """Lint ``paths`` (files or folders) with the rules in ``settings``."""
    specs = discover(paths)
    base = options or LoadOptions()
    roots = tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
    options = replace(base, roots=base.roots or roots, explicit=frozenset(s.path for s in specs if s.explicit))
    report = LintReport()
    files: dict[str, None] = {}
    suppressions: list[Suppression] = []
    scanned: set[str] = set()
    for result in _load_all(specs, options, report):
        files.update(dict.fromkeys(result.files))
        report.findings.extend(_configured(result.findings, settings))
        if result.api is not None:
            report.findings.extend(_run_rules(result, settings, report, debug))
        suppressions.extend(suppressions_of(result, scanned))
    report.files = list(files)
    if suppressions:
        enabled = {rule_id: setting.severity for rule_id, setting in settings.items()}
        known = lambda rule_id: get_rule(rule_id) is not None  # noqa: E731
        report.findings = apply_suppressions(report.findings, suppressions, enabled, known)
    report.findings = _unique_sorted(report.findings)
    return report


def _load_all(specs: list[SpecFile], options: LoadOptions, report: LintReport) -> Iterable[LoadResult]:
    by_format: dict[SpecFormat, list[Path]] = {}
    for spec in specs:
        if spec.format is None:
            location = Location(display_path(spec.path), "", span=Span(1, 1, 1, 1))
            message = "not a spec file speclint can read (OpenAPI, GraphQL SDL or protobuf)"
            yield LoadResult((location.file,), None, [UNKNOWN_FORMAT.at(location, message, "unknown")])
            continue
        by_format.setdefault(spec.format, []).append(spec.path)
    for spec_format, format_paths in by_format.items():
        loader = loader_for(spec_format)
        if loader is None:
            for path in format_paths:
                if path in options.explicit:
                    location = Location(display_path(path), "", span=Span(1, 1, 1, 1))
                    message = f"{spec_format.value} files are not supported by this version of speclint"
                    yield LoadResult((location.file,), None, [UNKNOWN_FORMAT.at(location, message, spec_format.value)])
            continue
        try:
            yield from loader.load(format_paths, options)
        except Exception as error:
            report.internal_errors += 1
            location = Location(display_path(format_paths[0]), "", span=Span(1, 1, 1, 1))
            message = f"the {spec_format.value} loader failed: {error!r}"
            yield LoadResult((location.file,), None, [INTERNAL_ERROR.at(location, message, spec_format.value)])


def _configured(findings: Iterable[Finding], settings: dict[str, RuleSetting]) -> Iterable[Finding]:
    for finding in findings:
        setting = settings.get(finding.rule)
        if setting is None and finding.rule != INTERNAL_ERROR.id:
            continue
        if setting is not None and setting.severity is not finding.severity:
            finding = replace(finding, severity=setting.severity)
        yield finding


def _run_rules(
    result: LoadResult, settings: dict[str, RuleSetting], report: LintReport, debug: bool
) -> list[Finding]:
    api = result.api
    assert api is not None
    findings: list[Finding] = []
    for rule_id, setting in settings.items():
        rule = get_rule(rule_id)
        if rule is None or rule.check is None or not rule.applies_to(api.format):
            continue
        context = RuleContext(api, {**rule.options, **setting.options})
        try:
            for problem in rule.check(api, context):
                findings.append(
                    Finding.at(
                        problem.location,
                        rule=rule.id,
                        category=rule.category,
                        severity=setting.severity,
                        message=problem.message,
                        spec_format=api.format.value,
                    )
                )
        except Exception as error:
            report.internal_errors += 1
            detail = traceback.format_exc() if debug else repr(error)
            message = f"rule {rule.id} failed: {detail}"
            findings.append(INTERNAL_ERROR.at(api.location, message, api.format.value))
    return findings


def _unique_sorted(findings: list[Finding]) -> list[Finding]:
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: f.sort_key)
