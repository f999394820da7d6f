"""What the plugin knows during one pytest process: which options are on, what was collected."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclint.errors import SpeclintError
from speclint.pytest_plugin.nodes import SpecFile
from speclint.pytest_plugin.options import ContractTarget


class PluginState:
    """Created at configure time only when ``--speclint`` or contract tests are asked for."""

    def __init__(self, config: pytest.Config, lint: bool, contract: ContractTarget | None, ruleset: str | None):
        self.config = config
        self.contract = contract
        self.lint_session = None
        if lint:
            from speclint.pytest_plugin.linting import LintSession

            ini_dir = config.inipath.parent if config.inipath else None
            self.lint_session = LintSession(roots=_roots(config), ruleset=ruleset, ini_dir=ini_dir)
            try:
                self.lint_session.run_config  # noqa: B018 - a bad ruleset or config is a usage error
            except SpeclintError as error:
                raise pytest.UsageError(f"speclint: {error}") from None

    def collect(self, file_path: Path, parent: pytest.Collector) -> SpecFile | None:
        """The collector for ``file_path`` when it is a spec file the run asked for."""
        real = file_path.resolve()
        spec_format = None
        if self.lint_session is not None:
            from speclint.pytest_plugin.linting import spec_format_of

            spec_format = spec_format_of(file_path)
        is_contract = self.contract is not None and real == self.contract.spec
        if spec_format is None and not is_contract:
            return None
        node: SpecFile = SpecFile.from_parent(parent, path=file_path)
        if spec_format is not None and self.lint_session is not None:
            node.lint_format = spec_format
            node.lint_session = self.lint_session
            self.lint_session.collected(file_path, spec_format)
        if is_contract:
            node.contract = self.contract
        return node


def _roots(config: pytest.Config) -> tuple[Path, ...]:
    """The folders ``check`` would be given: the collection arguments (a file's folder for a
    file), as ``speclint check ARGS`` would treat them."""
    here = config.invocation_params.dir
    roots: dict[Path, None] = {}
    for arg in config.args or [str(config.rootpath)]:
        path = (here / arg.split("::", 1)[0]).resolve()
        roots[path if path.is_dir() else path.parent] = None
    return tuple(roots)
