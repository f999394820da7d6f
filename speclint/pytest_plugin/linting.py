"""What a ``--speclint`` item runs: ``speclint check`` on one spec file, as text.

Imported only when ``--speclint`` is given. The settings are built the way ``check`` builds
them (``resolve_run_config``: the configuration file found from the current folder upward,
with ``speclint_ruleset`` in the role of ``--ruleset``), once per pytest process.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from speclint import __version__
from speclint.config import BUILTIN_RULESETS, RunConfig, resolve_run_config
from speclint.findings import Finding, Severity
from speclint.lint import lint
from speclint.loaders.base import LoadOptions
from speclint.loaders.detect import SPEC_SUFFIXES, detect_format
from speclint.loaders.display import display_path
from speclint.loaders.problems import UNKNOWN_FORMAT
from speclint.loaders.registry import loader_for
from speclint.model import SpecFormat
from speclint.report.base import Report, ReportStyle, reporter_for

_SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "__pycache__"})


def spec_format_of(path: Path) -> SpecFormat | None:
    """The format of ``path`` when ``speclint check`` on its folder would lint it, else None.

    Data files without a top-level ``openapi``/``swagger`` key (``$ref`` targets) are not spec
    files; neither are files of a format this installation has no loader for.
    """
    if path.suffix.lower() not in SPEC_SUFFIXES or _SKIPPED_FOLDERS.intersection(path.parts):
        return None
    spec_format = detect_format(path)
    if spec_format is None or loader_for(spec_format) is None:
        return None
    return spec_format


@dataclass
class Outcome:
    """One item's share of the lint run: its findings, the files they cover, the verdict."""

    findings: list[Finding]
    files: list[str]
    internal_errors: int = 0

    def failing(self, fail_on: str) -> bool:
        if self.internal_errors:
            return True
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)

    def headline(self) -> str:
        """``check``'s summary line: ``3 problems (1 error, ...) in 2 files.``"""
        from speclint.report.text import TextReporter

        return TextReporter.summary(Report(self.findings, self.files, __version__)).strip()

    def text(self) -> str:
        """The findings as ``speclint check`` prints them (text format, no colour)."""
        stream = io.StringIO()
        report = Report(self.findings, self.files, __version__)
        reporter_for("text").write(report, stream, ReportStyle(color=False, quiet=False))
        return stream.getvalue()


@dataclass
class LintSession:
    """The lint side of one pytest process: settings, and the spec files collected so far."""

    roots: tuple[Path, ...]
    ruleset: str | None = None  # speclint_ruleset: a built-in name, or a file relative to ini_dir
    ini_dir: Path | None = None
    _run_config: RunConfig | None = None
    _graphql: dict[Path, None] = field(default_factory=dict)
    _graphql_outcomes: dict[Path, Outcome] = field(default_factory=dict)

    @property
    def run_config(self) -> RunConfig:
        if self._run_config is None:
            ruleset = self.ruleset
            if ruleset and ruleset not in BUILTIN_RULESETS and self.ini_dir and (self.ini_dir / ruleset).is_file():
                ruleset = str(self.ini_dir / ruleset)
            self._run_config = resolve_run_config(None, ruleset, [], [])
        return self._run_config

    def collected(self, path: Path, spec_format: SpecFormat) -> None:
        if spec_format is SpecFormat.GRAPHQL:
            self._graphql[path] = None

    def outcome(self, path: Path, spec_format: SpecFormat) -> Outcome:
        if spec_format is SpecFormat.GRAPHQL:
            return self._graphql_outcome(path)
        return self._lint([path])

    def _lint(self, paths: list[Path]) -> Outcome:
        options = LoadOptions(roots=self._roots_for(paths), settings=dict(self.run_config.loader_settings))
        result = lint(paths, self.run_config.settings, options, registry=self.run_config.registry)
        return Outcome(self.run_config.apply(result.findings), result.files, result.internal_errors)

    def _roots_for(self, paths: list[Path]) -> tuple[Path, ...]:
        extra = tuple(p.resolve().parent for p in paths if not any(_within(p, r) for r in self.roots))
        return self.roots + extra

    def _graphql_outcome(self, path: Path) -> Outcome:
        """A GraphQL schema may span several files: the files under one root are linted as one
        schema (as ``check`` does with a folder), and each item shows the findings in its file."""
        if path not in self._graphql_outcomes:
            from speclint.loaders.graphql.loader import group_paths

            paths = sorted(self._graphql, key=_walk_order)
            for group in group_paths(paths, self._roots_for(paths)):
                whole = self._lint(group)
                for member in group:
                    shown = display_path(member)
                    findings = [f for f in whole.findings if f.file == shown and f.rule != UNKNOWN_FORMAT.id]
                    self._graphql_outcomes[member] = Outcome(findings, [shown], whole.internal_errors)
        return self._graphql_outcomes.get(path) or self._lint([path])


def _walk_order(path: Path) -> tuple[tuple[int, str], ...]:
    """The order ``check``'s discovery meets files in: a folder's files before its subfolders."""
    real = path.resolve()
    return (*((1, part) for part in real.parent.parts), (0, real.name))


def _within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True
