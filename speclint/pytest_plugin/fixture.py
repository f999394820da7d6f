"""The ``speclint_fuzz`` fixture's callable: contract tests from inside a test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import pytest

from speclint.fuzz.results import ContractFailure
from speclint.pytest_plugin.options import ini_text
from speclint.pytest_plugin.options import max_examples as ini_max_examples


class Fuzzer:
    """``fuzzer(spec, url, app=..., headers=..., ...)`` returns the contract failures found."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def __call__(
        self,
        spec: str | Path | None = None,
        url: str | None = None,
        *,
        app: Any = None,
        headers: Iterable[str | tuple[str, str]] = (),
        operations: Sequence[str] = (),
        max_examples: int | None = None,
        seed: int = 0,
        timeout: float | None = None,
    ) -> list[ContractFailure]:
        from speclint.pytest_plugin.contract import fuzz

        spec_path = self._spec(spec)
        pairs = tuple(_header(h) for h in headers)
        budget = max_examples if max_examples is not None else ini_max_examples(self.config)

        def run(target: str) -> list[ContractFailure]:
            report = fuzz(
                spec_path, target, headers=pairs, operations=operations, max_examples=budget, seed=seed, timeout=timeout
            )
            return report.failures

        if app is not None:
            if url is not None:
                raise TypeError("speclint_fuzz: give url or app, not both")
            from speclint.pytest_plugin.serve import serving

            with serving(app) as app_url:
                return [_placeholder(f, app_url) for f in run(app_url)]
        url = url or ini_text(self.config, "speclint_url")
        if url is None:
            raise TypeError("speclint_fuzz: no url (or app) given, and no speclint_url ini option")
        return run(url)

    def _spec(self, spec: str | Path | None) -> Path:
        if spec is not None:
            return Path(spec)
        text = ini_text(self.config, "speclint_spec")
        if text is None:
            raise TypeError("speclint_fuzz: no spec given, and no speclint_spec ini option")
        base = (self.config.inipath or self.config.rootpath / "x").parent
        return base / text


APP_URL = "$SPECLINT_APP_URL"


def _placeholder(failure: ContractFailure, app_url: str) -> ContractFailure:
    """The app was served on a port that is gone once the test ends: the reproduction names
    ``$SPECLINT_APP_URL`` instead, to set to wherever the app is served when replaying."""
    reproduction = failure.reproduction.replace(f"'{app_url}", f'"{APP_URL}"\'')
    return replace(failure, reproduction=reproduction.replace(app_url, APP_URL))


def _header(value: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(value, tuple):
        return value
    from speclint.fuzz.options import parse_header

    return parse_header(value)
