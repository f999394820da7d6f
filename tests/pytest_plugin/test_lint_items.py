"""``pytest --speclint``: spec files as test items, failing with ``check``'s findings."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.pytest_plugin.conftest import BASE_ARGS
from tests.pytest_plugin.specs import write_tree

ITEMS = [
    "api/openapi.yaml::speclint",
    "graph/query.graphql::speclint",
    "graph/types.graphql::speclint",
    "pets.yaml::speclint",
]


def collected(pytester: pytest.Pytester, *args: str) -> list[str]:
    result = pytester.runpytest(*BASE_ARGS, "--collect-only", *args)
    return [line for line in result.outlines if "::" in line]


def test_every_spec_file_is_an_item_and_ref_targets_are_not(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    assert collected(pytester, "--speclint") == [*ITEMS, "test_plain.py::test_plain"]


def test_inert_without_the_option(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    assert collected(pytester) == ["test_plain.py::test_plain"]


def test_plugin_import_is_cheap(pytester: pytest.Pytester) -> None:
    """Loaded in every pytest run: no lint, loader, rule or fuzz module comes with it."""
    pytester.makepyfile(
        test_modules="""
        import sys

        def test_modules():
            assert "speclint.pytest_plugin" in sys.modules
            loaded = sorted(m for m in sys.modules if m.startswith("speclint."))
            assert loaded == ["speclint.pytest_plugin", "speclint.pytest_plugin.options"], loaded
        """
    )
    result = pytester.runpytest_subprocess(*BASE_ARGS)
    result.assert_outcomes(passed=1)


def test_item_fails_with_the_findings_as_check_prints_them(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    result = pytester.runpytest(*BASE_ARGS, "--speclint")
    result.assert_outcomes(passed=3, failed=1)
    # the error is in the $ref target, reported through the document that uses it
    check = run_cli("check", "--no-color", "api/openapi.yaml")
    assert check.code == 1
    assert "api/schemas/item.yaml:8:7  error    unresolved-ref  $ref './missing.yaml#/Owner': file not found" in (
        check.stdout
    )
    output = result.stdout.str()
    assert check.stdout.strip() in output  # the same lines, the same layout, no colour
    assert "\x1b[" not in output
    result.stdout.fnmatch_lines(["FAILED api/openapi.yaml::speclint - 2 problems (1 error, 1 warning*"])


def test_fail_on_from_ini(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    pytester.makeini("[pytest]\nspeclint_fail_on = warning\n")
    result = pytester.runpytest(*BASE_ARGS, "--speclint", "pets.yaml")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["pets.yaml:1:1  warning  openapi-operation-security  no operation declares security*"])

    pytester.makeini("[pytest]\nspeclint_fail_on = never\n")
    pytester.runpytest(*BASE_ARGS, "--speclint").assert_outcomes(passed=4)


def test_ruleset_from_ini(pytester: pytest.Pytester) -> None:
    """``minimal`` has no warning rules: with fail-on warning, only the error still fails."""
    write_tree(pytester)
    pytester.makeini("[pytest]\nspeclint_fail_on = warning\nspeclint_ruleset = minimal\n")
    result = pytester.runpytest(*BASE_ARGS, "--speclint")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["FAILED api/openapi.yaml::speclint - 1 problem (1 error*"])


def test_ruleset_file_relative_to_the_ini_file(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    (pytester.path / "rules.yaml").write_text("extends: [recommended]\nrules:\n  unresolved-ref: off\n")
    pytester.makeini("[pytest]\nspeclint_ruleset = rules.yaml\n")
    pytester.runpytest(*BASE_ARGS, "--speclint").assert_outcomes(passed=4)


def test_bad_options_are_usage_errors(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    pytester.makeini("[pytest]\nspeclint_fail_on = loud\n")
    result = pytester.runpytest(*BASE_ARGS, "--speclint")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*speclint_fail_on: expected one of error, warning, info, hint, never*"])

    pytester.makeini("[pytest]\nspeclint_ruleset = nope\n")
    result = pytester.runpytest(*BASE_ARGS, "--speclint")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*speclint: ruleset 'nope' is neither a built-in ruleset*"])


def test_keyword_selection(pytester: pytest.Pytester) -> None:
    write_tree(pytester)
    assert collected(pytester, "--speclint", "-k", "graphql") == ITEMS[1:3]
