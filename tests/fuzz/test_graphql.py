"""``speclint fuzz`` against the GraphQL fixture server."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS

SPEC = SERVERS / "graphql" / "schema.graphql"


@pytest.fixture(scope="module")
def json_run(graphql_url: str) -> CliResult:
    return run_cli("fuzz", SPEC, "--url", graphql_url, "--header", AUTH, "--max-examples", "10",
                   "--seed", "2", "--format", "json")


def test_every_planted_bug_is_found_and_nothing_else(json_run: CliResult) -> None:
    assert json_run.code == 1, json_run.stderr
    report = json_run.json()
    assert report["summary"]["operations"] == 3
    found = [(f["operation"], f["check"]) for f in report["failures"]]
    assert found == [("Query.product", "server-error"), ("Mutation.createProduct", "auth-not-enforced")]
    crash, auth = report["failures"]
    assert "index out of range" in crash["message"]
    assert "product(id: -1)" in crash["reproduction"]
    assert "without credentials" in auth["message"] and "Authorization" not in auth["reproduction"]
    assert SECRET not in json_run.stdout + json_run.stderr


def test_every_reproduction_replays_to_the_reported_status(json_run: CliResult) -> None:
    for failure in json_run.json()["failures"]:
        command = failure["reproduction"].replace("Authorization: [redacted]", AUTH)
        status = subprocess.run(
            ["sh", "-c", command + " -s -o /dev/null --max-time 5 -w '%{http_code}'"],
            capture_output=True, text=True, check=False,
        ).stdout
        assert status == str(failure["status"]), (failure, status)


def test_clean_fields_pass(graphql_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", graphql_url, "--header", AUTH, "--max-examples", "10", "--seed", "1",
                     "--operation", "Query.products")
    assert result.code == 0, result.stdout
    assert "no failures in 1 operations" in result.stdout


def test_grpc_style_url_is_refused_for_graphql(graphql_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", graphql_url.split("//")[1].split("/")[0])
    assert result.code == 2 and "--url" in result.stderr
