"""The CI side of ``speclint check``: baselines, and the rule metadata reporters print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Mapping

from speclint.findings import Finding
from speclint.lint.baseline import Baseline, read_baseline, write_baseline
from speclint.lint.selection import RuleSetting
from speclint.report.base import RuleMeta
from speclint.rules.registry import Registry


def load_baseline(args: argparse.Namespace, registry: Registry) -> Baseline | None:
    """The ``--baseline`` file, read before linting so that a missing one fails fast (exit 2)."""
    return read_baseline(Path(args.baseline), registry.resolve) if getattr(args, "baseline", None) else None


def apply_baseline(args: argparse.Namespace, findings: list[Finding], baseline: Baseline | None) -> list[Finding]:
    """``--write-baseline`` records ``findings`` (which the run then no longer reports);
    ``--baseline`` hides the findings it records."""
    target = getattr(args, "write_baseline", None)
    if target:
        written = write_baseline(Path(target), findings)
        if not getattr(args, "quiet", False):
            count = sum(written.counts.values())
            sys.stderr.write(f"speclint: recorded {count} finding{'s' * (count != 1)} in {target}\n")
        return []
    return baseline.filter(findings) if baseline is not None else findings


def rule_metadata(
    settings: Mapping[str, RuleSetting], findings: list[Finding], registry: Registry
) -> dict[str, RuleMeta]:
    """Metadata of every rule that ran and of every rule with a finding."""
    metas: dict[str, RuleMeta] = {}
    severities = {rule_id: setting.severity.value for rule_id, setting in settings.items()}
    for finding in findings:
        severities.setdefault(finding.rule, finding.severity.value)
    for rule_id, severity in severities.items():
        rule = registry.get(rule_id)
        if rule is None:
            continue
        metas[rule_id] = RuleMeta(
            id=rule.id,
            category=rule.group,
            severity=severity,
            summary=rule.summary,
            doc=rule.doc,
            formats=tuple(sorted(f.value for f in rule.formats)),
        )
    return metas


def file_formats(files: list[str], findings: list[Finding], formats: list[str]) -> dict[str, str]:
    """The spec format of each file, for reports that list what passed (JUnit)."""
    if "junit" not in formats:
        return {}
    from speclint.loaders.detect import detect_format

    known = {f.file: f.spec_format for f in findings if f.spec_format != "unknown"}
    for file in files:
        if file not in known:
            detected = detect_format(Path(file))
            if detected is not None:
                known[file] = detected.value
    return known
