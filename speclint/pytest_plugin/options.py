"""The plugin's command-line and ini options, and reading them back into plain settings.

Only the standard library and pytest are imported here: this module is loaded in every pytest
run of every user, whether or not the plugin is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FAIL_LEVELS = ("error", "warning", "info", "hint", "never")
DEFAULT_FAIL_ON = "error"

_INI = {
    "speclint_ruleset": "speclint: built-in ruleset name or ruleset file for --speclint (default: the configuration's)",
    "speclint_fail_on": "speclint: lowest severity that fails a spec item: error, warning, info, hint or never",
    "speclint_spec": "speclint: the spec whose operations become contract-test items",
    "speclint_url": "speclint: the server the contract tests run against",
    "speclint_max_examples": "speclint: generated cases per operation in contract tests",
}


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("speclint", "speclint: lint specs and run contract tests")
    group.addoption("--speclint", action="store_true", default=False, help="lint every spec file as a test item")
    group.addoption(
        "--speclint-spec", metavar="SPEC", default=None, help="one contract-test item per operation of SPEC"
    )
    group.addoption("--speclint-url", metavar="URL", default=None, help="the server the contract tests run against")
    group.addoption(
        "--speclint-header",
        action="append",
        default=[],
        metavar="'Name: value'",
        help="a header sent with every contract-test request (repeatable), as fuzz --header",
    )
    for name, help_text in _INI.items():
        parser.addini(name, help_text, default=None)


@dataclass(frozen=True)
class ContractTarget:
    """What ``--speclint-spec`` and ``--speclint-url`` ask for, parsed and checked."""

    spec: Path  # absolute
    url: str
    headers: tuple[tuple[str, str], ...]
    max_examples: int | None


def ini_text(config: pytest.Config, name: str) -> str | None:
    value = config.getini(name)
    if isinstance(value, list):  # a linelist ini value written on several lines
        value = " ".join(value)
    text = str(value).strip() if value is not None else ""
    return text or None


def fail_on(config: pytest.Config, configured: str | None = None) -> str:
    """``speclint_fail_on``, else the speclint configuration's ``fail_on``, else ``error``."""
    return ini_text(config, "speclint_fail_on") or configured or DEFAULT_FAIL_ON


def check_fail_on(config: pytest.Config) -> None:
    value = ini_text(config, "speclint_fail_on")
    if value is not None and value not in FAIL_LEVELS:
        raise pytest.UsageError(f"speclint_fail_on: expected one of {', '.join(FAIL_LEVELS)}, got {value!r}")


def max_examples(config: pytest.Config) -> int | None:
    text = ini_text(config, "speclint_max_examples")
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise pytest.UsageError(f"speclint_max_examples: expected a whole number, got {text!r}") from None
    if value < 1:
        raise pytest.UsageError(f"speclint_max_examples: expected at least 1, got {value}")
    return value


def contract_target(config: pytest.Config) -> ContractTarget | None:
    """The contract tests asked for, or None.

    From the command line, ``--speclint-spec`` and ``--speclint-url`` go together. From the ini
    file alone, nothing runs until both are set (so a project can name its spec there and give
    the URL only when a server is up).
    """
    spec_option = config.getoption("speclint_spec")
    url_option = config.getoption("speclint_url")
    spec = spec_option or ini_text(config, "speclint_spec")
    url = url_option or ini_text(config, "speclint_url")
    headers_given = bool(config.getoption("speclint_header"))
    if not spec or not url:
        if spec_option or url_option or headers_given:
            missing = "--speclint-url" if spec else "--speclint-spec"
            raise pytest.UsageError(f"speclint: contract tests need {missing} (or its ini option)")
        return None
    base = config.invocation_params.dir if spec_option else (config.inipath or config.rootpath / "x").parent
    path = Path(spec) if Path(spec).is_absolute() else base / spec
    if not path.is_file():
        raise pytest.UsageError(f"speclint: no such spec file: {spec}")
    return ContractTarget(path.resolve(), url, _headers(config), max_examples(config))


def _headers(config: pytest.Config) -> tuple[tuple[str, str], ...]:
    from speclint.fuzz.options import parse_header

    result = []
    for text in config.getoption("speclint_header"):
        try:
            result.append(parse_header(text))
        except ValueError as error:
            raise pytest.UsageError(f"speclint: {str(error).replace('--header', '--speclint-header')}") from None
    return tuple(result)
