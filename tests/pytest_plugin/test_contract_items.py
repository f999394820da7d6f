"""``pytest --speclint-spec SPEC --speclint-url URL``: one contract-test item per operation,
run against the REST fixture server (fixtures/servers/rest, planted bugs) on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pytest_plugin.conftest import BASE_ARGS, SECRET

OPERATIONS = [
    "openapi.yaml::GET /v1/items",
    "openapi.yaml::POST /v1/items",
    "openapi.yaml::GET /v1/items/{itemId}",
    "openapi.yaml::POST /v1/orders",
    "openapi.yaml::GET /v1/orders/{orderId}",
    "openapi.yaml::GET /v1/health",
    "openapi.yaml::GET /v1/report",
    "openapi.yaml::GET /v1/quota",
    "openapi.yaml::GET /v1/account",
    "openapi.yaml::GET /v1/admin/stats",
    "openapi.yaml::GET /v1/slow",
    "openapi.yaml::POST /v1/upload",
]
FEW = ("-o", "speclint_max_examples=3")


def collected(result: pytest.RunResult) -> list[str]:
    return [line for line in result.outlines if "::" in line]


def test_one_item_per_operation(pytester: pytest.Pytester, rest_spec: Path, closed_url: str) -> None:
    """Collection reads the spec only: the server is not contacted."""
    pytester.mkdir("tests")
    result = pytester.runpytest(
        *BASE_ARGS, "--collect-only", "tests", "--speclint-spec", "openapi.yaml", "--speclint-url", closed_url
    )
    assert collected(result) == OPERATIONS


def test_keyword_selects_operations(pytester: pytest.Pytester, rest_spec: Path, closed_url: str) -> None:
    args = ("--collect-only", "--speclint-spec", "openapi.yaml", "--speclint-url", closed_url)
    result = pytester.runpytest(*BASE_ARGS, *args, "-k", "GET and items")
    assert collected(result) == OPERATIONS[0:1] + OPERATIONS[2:3]
    result = pytester.runpytest(*BASE_ARGS, *args, "-k", "/v1/orders")
    assert collected(result) == OPERATIONS[3:5]


def test_items_fail_with_the_reproduction(pytester: pytest.Pytester, rest_spec: Path, rest_url: str) -> None:
    result = pytester.runpytest(
        *BASE_ARGS,
        *FEW,
        "--speclint-spec",
        "openapi.yaml",
        "--speclint-url",
        rest_url,
        "--speclint-header",
        f"Authorization: Bearer {SECRET}",
        "-k",
        "GET and items or health",
    )
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ openapi.yaml::GET /v1/items/{itemId} _*",
            "GET /v1/items/{itemId}: 1 contract failure",
            "[[]server-error] 500 Internal Server Error (status 500)",
            f"  reproduce: curl -X GET '{rest_url}/v1/items/-1' -H 'Authorization: [[]redacted]'",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "FAILED openapi.yaml::GET /v1/items/{itemId} - server-error: 500 *",
            "FAILED openapi.yaml::GET /v1/health - undocumented-status: *",
        ]
    )
    assert SECRET not in result.stdout.str()


def test_ini_options(pytester: pytest.Pytester, rest_spec: Path, rest_url: str) -> None:
    pytester.makeini(f"[pytest]\nspeclint_spec = openapi.yaml\nspeclint_url = {rest_url}\nspeclint_max_examples = 2\n")
    result = pytester.runpytest(*BASE_ARGS, "-k", "orders/")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*response-schema*", "  reproduce: curl -X GET '*/v1/orders/*'"])


def test_spec_named_in_ini_waits_for_a_url(pytester: pytest.Pytester, rest_spec: Path) -> None:
    pytester.makeini("[pytest]\nspeclint_spec = openapi.yaml\n")
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    pytester.runpytest(*BASE_ARGS).assert_outcomes(passed=1)


def test_unreachable_server_fails_the_item(pytester: pytest.Pytester, rest_spec: Path, closed_url: str) -> None:
    result = pytester.runpytest(
        *BASE_ARGS, "--speclint-spec", "openapi.yaml", "--speclint-url", closed_url, "-k", "health"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"speclint: error: cannot reach {closed_url}: *"])


def test_usage_errors(pytester: pytest.Pytester, rest_spec: Path, closed_url: str) -> None:
    result = pytester.runpytest(*BASE_ARGS, "--speclint-spec", "openapi.yaml")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*speclint: contract tests need --speclint-url*"])
    result = pytester.runpytest(*BASE_ARGS, "--speclint-spec", "nope.yaml", "--speclint-url", closed_url)
    result.stderr.fnmatch_lines(["*speclint: no such spec file: nope.yaml*"])
    result = pytester.runpytest(
        *BASE_ARGS, "--speclint-spec", "openapi.yaml", "--speclint-url", closed_url, "--speclint-header", "nocolon"
    )
    result.stderr.fnmatch_lines(["*speclint: --speclint-header expects 'Name: value'*"])


def test_items_distribute_over_xdist_workers(pytester: pytest.Pytester, rest_spec: Path, closed_url: str) -> None:
    """Every worker collects the same ids (operation names with spaces, slashes and braces).

    The URL is closed, so the contract items fail at once without loading the fuzzing stack;
    the plugins the workers do not need are left out to keep their start-up short.
    """
    result = pytester.runpytest_subprocess(
        *BASE_ARGS,
        *("-p", "xdist", "-n", "2", "-p", "no:hypothesispytest", "-p", "no:schemathesis", "-p", "no:anyio"),
        *("--speclint", "--speclint-spec", "openapi.yaml", "--speclint-url", closed_url),
        *("-k", "speclint or items", "-rA"),
    )
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "PASSED openapi.yaml::speclint",
            "FAILED openapi.yaml::GET /v1/items - speclint: error: cannot reach*",
            "FAILED openapi.yaml::POST /v1/items - *",
            "FAILED openapi.yaml::GET /v1/items/{itemId} - *",
        ]
    )
    assert "[gw0]" in result.stdout.str() or "[gw1]" in result.stdout.str()
