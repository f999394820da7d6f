"""The collected nodes: a spec file, its ``speclint`` lint item, its contract-test items.

Node ids are plain strings made from the file's path and the operation's name
(``openapi.yaml::speclint``, ``openapi.yaml::GET /v1/items``), the same in every process, so
pytest-xdist workers agree on them and ``-k`` selects by operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import pytest
from _pytest._code.code import TerminalRepr

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo
    from _pytest._io import TerminalWriter

    from speclint.fuzz.results import ContractFailure
    from speclint.model import SpecFormat
    from speclint.pytest_plugin.linting import LintSession
    from speclint.pytest_plugin.options import ContractTarget

LINT_ITEM = "speclint"


class SpeclintFailure(Exception):
    """An item failed: ``report`` is the whole text the user sees, ``headline`` its one-line
    summary (pytest's short test summary, JUnit's failure message)."""

    def __init__(self, report: str, headline: str | None = None) -> None:
        super().__init__(report)
        self.report = report
        self.headline = headline or (report.strip().splitlines() or ["failed"])[0]


@dataclass(frozen=True)
class _Crash:
    """What pytest reads from ``longrepr.reprcrash``: where, and the one-line message."""

    path: str
    lineno: int
    message: str


class FailureRepr(TerminalRepr):
    """The failure text as is (no traceback), with a one-line headline for summaries."""

    def __init__(self, text: str, crash: _Crash) -> None:
        self.text = text
        self.reprcrash = crash

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.rstrip("\n").splitlines():
            tw.line(line)


class SpecFile(pytest.File):
    """A spec file under the test paths, or the spec named by ``--speclint-spec``."""

    lint_format: SpecFormat | None = None
    lint_session: LintSession | None = None
    contract: ContractTarget | None = None

    def collect(self) -> Iterable[pytest.Item]:
        if self.lint_format is not None and self.lint_session is not None:
            yield LintItem.from_parent(self, name=LINT_ITEM)
        if self.contract is not None:
            from speclint.pytest_plugin.contract import operation_names

            try:
                names = operation_names(self.path)
            except ValueError as error:
                raise self.CollectError(f"speclint: {error}") from None
            for name in names:
                yield ContractItem.from_parent(self, name=name)


class _SpeclintItem(pytest.Item):
    def repr_failure(
        self, excinfo: ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, SpeclintFailure):
            return FailureRepr(excinfo.value.report, _Crash(str(self.path), 0, excinfo.value.headline))
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.nodeid


class LintItem(_SpeclintItem):
    """Fails with ``speclint check``'s text report when a finding reaches ``speclint_fail_on``."""

    def runtest(self) -> None:
        from speclint.errors import SpeclintError
        from speclint.pytest_plugin.options import fail_on

        parent = self.parent
        assert isinstance(parent, SpecFile) and parent.lint_session and parent.lint_format
        try:
            outcome = parent.lint_session.outcome(self.path, parent.lint_format)
            level = fail_on(self.config, parent.lint_session.run_config.fail_on)
        except SpeclintError as error:
            raise SpeclintFailure(f"speclint: error: {error}") from None
        text = outcome.text()
        if outcome.failing(level):
            raise SpeclintFailure(text, outcome.headline())
        if outcome.findings:  # shown with -rA, or when another report section is printed
            self.add_report_section("call", "speclint", text)


class ContractItem(_SpeclintItem):
    """Runs ``fuzz``'s checks for one operation; fails with each failure's reproduction."""

    def runtest(self) -> None:
        from speclint.errors import SpeclintError
        from speclint.pytest_plugin.contract import describe, fuzz

        parent = self.parent
        assert isinstance(parent, SpecFile) and parent.contract is not None
        target = parent.contract
        try:
            report = fuzz(
                target.spec,
                target.url,
                headers=target.headers,
                operations=[self.name],
                max_examples=target.max_examples,
            )
        except SpeclintError as error:
            raise SpeclintFailure(f"speclint: error: {error}") from None
        if report.failures:
            raise SpeclintFailure(describe(self.name, report.failures), _headline(report.failures))


def _headline(failures: list[ContractFailure]) -> str:
    if len(failures) == 1:
        return f"{failures[0].check}: {failures[0].message}"
    return f"{len(failures)} contract failures: {', '.join(dict.fromkeys(f.check for f in failures))}"
