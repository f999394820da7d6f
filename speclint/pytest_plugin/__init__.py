"""The pytest plugin (entry point ``pytest11``): inert until asked for with its options.

- ``pytest --speclint``: each spec file under the test paths is a test item
  (``openapi.yaml::speclint``) failing with ``speclint check``'s findings.
- ``pytest --speclint-spec SPEC --speclint-url URL``: one contract-test item per operation
  (``SPEC::GET /v1/items``) running ``fuzz``'s checks.
- the ``speclint_fuzz`` fixture: contract tests from a test, against a URL or an app.

This module is imported in every pytest run once speclint is installed, so it imports only
pytest, the standard library and :mod:`speclint.pytest_plugin.options`; the lint and fuzz
machinery is imported when an option asks for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pytest

from speclint.pytest_plugin.options import add_options, check_fail_on, contract_target, ini_text

if TYPE_CHECKING:
    from speclint.fuzz.results import ContractFailure
    from speclint.pytest_plugin.state import PluginState

__all__ = ["pytest_addoption", "pytest_collect_file", "pytest_configure", "speclint_fuzz"]

_STATE: pytest.StashKey[PluginState] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    lint = bool(config.getoption("speclint", False))
    target = contract_target(config)
    if not lint and target is None:
        return
    check_fail_on(config)
    from speclint.pytest_plugin.state import PluginState

    state = PluginState(config, lint, target, ini_text(config, "speclint_ruleset"))
    config.stash[_STATE] = state
    if target is not None:
        _collect_spec_too(config, target.spec)


def _collect_spec_too(config: pytest.Config, spec: Path) -> None:
    """Add the contract spec to the collection arguments (pytest drops it again when another
    argument already covers it)."""
    here = config.invocation_params.dir
    for arg in config.args:
        if (here / arg.split("::", 1)[0]).resolve() == spec:
            return
    config.args.append(str(spec))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    return state.collect(file_path, parent)


@pytest.fixture
def speclint_fuzz(request: pytest.FixtureRequest) -> Callable[..., list[ContractFailure]]:
    """Run a spec's contract tests from a test and get the failures back.

    ``speclint_fuzz(spec=None, url=None, *, app=None, headers=(), operations=(),
    max_examples=None, seed=0, timeout=None)``: ``spec`` and ``url`` default to the
    ``speclint_spec`` and ``speclint_url`` ini options; ``app`` (a WSGI or ASGI application)
    is served on 127.0.0.1 for the run instead of a URL; ``headers`` are ``"Name: value"``
    strings or pairs; ``operations`` are exact operation names (``"GET /v1/items"``).
    """
    from speclint.pytest_plugin.fixture import Fuzzer

    fuzzer: Callable[..., Any] = Fuzzer(request.config)
    return fuzzer
