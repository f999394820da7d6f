"""``speclint fuzz`` against the GraphQL fixture server."""

from __future__ import annotations

from tests.conftest import run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS

SPEC = SERVERS / "graphql" / "schema.graphql"


def test_resolver_error_is_a_server_error_on_its_field_only(graphql_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", graphql_url, "--header", AUTH, "--max-examples", "10",
                     "--seed", "2", "--format", "json")
    assert result.code == 1, result.stderr
    report = result.json()
    assert report["summary"]["operations"] == 3
    assert [(f["operation"], f["check"]) for f in report["failures"]] == [("Query.product", "server-error")]
    failure = report["failures"][0]
    assert "index out of range" in failure["message"]
    assert "product(id: -1)" in failure["reproduction"]
    assert SECRET not in result.stdout + result.stderr


def test_clean_fields_pass(graphql_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", graphql_url, "--max-examples", "10", "--seed", "1",
                     "--operation", "Query.products", "--operation", "Mutation.")
    assert result.code == 0, result.stdout
    assert "no failures in 2 operations" in result.stdout


def test_grpc_style_url_is_refused_for_graphql(graphql_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", graphql_url.split("//")[1].split("/")[0])
    assert result.code == 2 and "--url" in result.stderr
