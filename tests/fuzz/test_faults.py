"""What ``speclint fuzz`` does when it cannot do its job: exit 2 with one line, no secret."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS, load_server

SPEC = SERVERS / "rest" / "openapi.yaml"


def one_line_error(result: CliResult) -> str:
    assert result.code == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_server_that_dies_mid_run_is_exit_2_with_one_line() -> None:
    _, url = load_server("rest").start(0, die_after=40)
    result = run_cli("fuzz", SPEC, "--url", url, "--header", AUTH, "--max-examples", "5", "--seed", "1",
                     "--timeout", "1")
    line = one_line_error(result)
    assert "the server stopped responding" in line and SECRET not in line


def test_operation_that_matches_nothing_names_the_closest(rest_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", rest_url, "--operation", "GET /v1/itemz")
    line = one_line_error(result)
    assert "'GET /v1/itemz' matches no operation" in line and "'GET /v1/items'" in line


def test_malformed_header_is_exit_2_without_the_secret(rest_url: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", rest_url, "--header", f"Authorization Bearer {SECRET}")
    line = one_line_error(result)
    assert "--header" in line and SECRET not in line


def test_shards_split_the_operations_without_overlap(rest_url: str, tmp_path: Path) -> None:
    parts = []
    for k in (1, 2, 3):
        target = tmp_path / f"shard{k}.xml"
        result = run_cli("fuzz", SPEC, "--url", rest_url, "--header", AUTH, "--max-examples", "0",
                         "--timeout", "0.5", "--shard", f"{k}/3", "--format", "junit", "--output", target,
                         "--operation", "GET /")
        assert result.code in (0, 1), result.stderr
        parts.append({c.get("name") for c in ET.parse(target).iter("testcase") if c.get("name", "").startswith("GET")})
    every = set().union(*parts)
    assert sum(len(p) for p in parts) == len(every) == 9
    assert all(len(p) == 3 for p in parts)


def test_bad_shard_is_exit_2(rest_url: str) -> None:
    line = one_line_error(run_cli("fuzz", SPEC, "--url", rest_url, "--shard", "4/3"))
    assert "--shard" in line


def test_schema_typo_is_one_line_with_its_location(rest_url: str, tmp_path: Path) -> None:
    spec = tmp_path / "typo.yaml"
    spec.write_text(SPEC.read_text().replace("schema: {type: integer, minimum: 1}\n",
                                             "schema: {type: integr, minimum: 1}\n"))
    line = one_line_error(run_cli("fuzz", spec, "--url", rest_url, "--max-examples", "2",
                                  "--operation", "GET /v1/orders/"))
    assert "cannot fuzz GET /v1/orders/{orderId}" in line and "typo.yaml:" in line and "integr" in line
    # among other operations, it is skipped with a warning and the others are tested
    result = run_cli("fuzz", spec, "--url", rest_url, "--header", AUTH, "--max-examples", "2",
                     "--operation", "/v1/orders", "--format", "json")
    assert result.code == 1 and "GET /v1/orders/{orderId}" in result.stderr and "(skipped)" in result.stderr
    assert result.stderr.startswith("speclint: warning: cannot fuzz") and len(result.stderr.splitlines()) == 1


def test_broken_ref_is_a_warning_and_the_run_goes_on(rest_url: str, tmp_path: Path) -> None:
    spec = tmp_path / "ref.yaml"
    broken = SPEC.read_text().replace('$ref: "#/components/schemas/Order"}', '$ref: "#/components/schemas/Ordr"}')
    spec.write_text(broken)
    result = run_cli("fuzz", spec, "--url", rest_url, "--header", AUTH, "--max-examples", "2",
                     "--operation", "POST /v1/orders")
    assert result.code in (0, 1), result.stderr
    assert result.stderr.startswith("speclint: warning: ") and "Ordr" in result.stderr and "ref.yaml:" in result.stderr


def test_graphql_syntax_error_is_one_line_with_its_location(graphql_url: str, tmp_path: Path) -> None:
    spec = tmp_path / "broken.graphql"
    spec.write_text("type Query {\n  product(id: Int!: Product\n}\n")
    line = one_line_error(run_cli("fuzz", spec, "--url", graphql_url))
    assert "broken.graphql:2:" in line
