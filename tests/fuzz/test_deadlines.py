"""A trickled answer is a timeout, not a hang; a 2xx to an undocumented method is a failure;
GraphQL input objects get their optional fields' edges; a slow operation goes on with its other
cases; a free-form query map gets awkward values.

The fixture servers' ``/v1/drip/*`` (REST) and ``/edges/graphql`` ``Query.slow`` (GraphQL) routes send one byte
every 0.25 s for 30 s: each read arrives well within ``--timeout``, so only a total deadline per
request stops them. Each drip logs whether it ran to its end; a cut drip shows speclint gave up.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import SERVERS, load_server

EDGES = SERVERS / "rest" / "edges.yaml"
EDGES_SDL = SERVERS / "graphql" / "edges.graphql"


@pytest.fixture(scope="module")
def rest_server() -> Iterator[tuple[Any, str]]:
    server, url = load_server("rest").start(0)
    yield server, url
    server.shutdown()


@pytest.fixture(scope="module")
def edges_run(rest_server: tuple[Any, str]) -> CliResult:
    _, url = rest_server
    return run_cli("fuzz", EDGES, "--url", url, "--timeout", "1.2", "--max-examples", "5", "--seed", "1",
                   "--format", "json")


def test_trickled_answers_are_timeouts_and_the_run_goes_on(edges_run: CliResult,
                                                           rest_server: tuple[Any, str]) -> None:
    assert edges_run.code == 1, edges_run.stderr
    failures = {(f["operation"], f["check"]): f for f in edges_run.json()["failures"]}
    assert set(failures) == {
        ("GET /v1/drip/body", "timeout"),
        ("DELETE /v1/memos/{memoId}", "unsupported-method"),
        ("GET /v1/drip/headers", "timeout"),
        ("GET /v1/drip/sized", "timeout"),
        ("GET /v1/drip/sized", "server-error"),
        ("GET /v1/echo-headers", "server-error"),
        ("GET /v1/header-lines", "server-error"),
        ("GET /v1/moved", "content-type"),
    }
    for operation in ("GET /v1/drip/body", "GET /v1/drip/headers"):
        failure = failures[(operation, "timeout")]
        assert failure["message"] == "no complete response within 1.2 s" and failure["status"] is None
    server, _ = rest_server
    # a drip the client hung up on is logged at the server's next byte; one left running would be
    # logged finished, 30 s (body) or 45 s (headers) after it began
    drips = sorted(server.drip_log.get(timeout=90) for _ in range(2))
    assert [(part, finished) for part, _, finished in drips] == [("body", False), ("headers", False)]
    assert all(sent < 120 for _, sent, _ in drips)  # cut long before the trickle would end


def test_a_slow_operation_goes_on_with_its_other_cases(edges_run: CliResult) -> None:
    # /v1/drip/sized trickles, except numbytes=0, which crashes: reached only after a timeout
    failures = {f["check"]: f for f in edges_run.json()["failures"] if f["operation"] == "GET /v1/drip/sized"}
    assert failures["timeout"]["message"] == "no complete response within 1.2 s"
    assert failures["server-error"]["status"] == 500
    assert failures["server-error"]["reproduction"].endswith("/v1/drip/sized?numbytes=0'")


def test_free_form_query_map_gets_awkward_values(edges_run: CliResult) -> None:
    # /v1/echo-headers copies its query pairs into response headers: a non-Latin-1 value crashes
    failure = next(f for f in edges_run.json()["failures"] if f["operation"] == "GET /v1/echo-headers")
    assert (failure["check"], failure["status"]) == ("server-error", 500)
    assert failure["reproduction"].endswith("/v1/echo-headers?speclint=%E2%98%83'")
    # /v1/header-lines takes any text but a line break, which header writers refuse (httpbin's 500)
    failure = next(f for f in edges_run.json()["failures"] if f["operation"] == "GET /v1/header-lines")
    assert (failure["check"], failure["status"]) == ("server-error", 500)
    assert failure["reproduction"].endswith("/v1/header-lines?speclint=line%0Abreak'")


def test_a_swagger2_query_map_written_the_openapi3_way_gets_awkward_values(rest_server: tuple[Any, str]) -> None:
    # flasgger (httpbin) puts `schema` on a 2.0 query parameter: its map still gets the edge values
    _, url = rest_server
    result = run_cli("fuzz", SERVERS / "rest" / "swagger2-query-map.yaml", "--url", url, "--max-examples", "2",
                     "--seed", "1", "--phases", "boundary", "--format", "json")
    assert result.code == 1, result.stderr
    failure = next(f for f in result.json()["failures"] if f["check"] == "server-error")
    assert (failure["operation"], failure["status"]) == ("GET /v1/header-lines", 500)
    assert failure["reproduction"].endswith("/v1/header-lines?speclint=line%0Abreak'")


def test_a_response_judged_after_redirects_replays_following_them(edges_run: CliResult) -> None:
    failure = next(f for f in edges_run.json()["failures"] if f["operation"] == "GET /v1/moved")
    assert failure["status"] == 200 and failure["reproduction"].endswith(" -L")
    status = subprocess.run(
        ["sh", "-c", failure["reproduction"] + " -s -o /dev/null --max-time 5 -w '%{http_code}'"],
        capture_output=True, text=True, check=False,
    ).stdout
    assert status == "200"


def test_a_server_that_accepts_but_never_answers_stops_the_run() -> None:
    # connections queue in the backlog and no request is ever read: a hung server, not a slow operation
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        result = run_cli("fuzz", EDGES, "--url", url, "--timeout", "0.5", "--max-examples", "2", "--seed", "1")
    assert result.code == 2, (result.stdout, result.stderr)
    assert "the server stopped responding: 3 requests in a row got no answer" in result.stderr
    assert "Traceback" not in result.stderr


def test_undocumented_method_answered_2xx_is_reported_and_replays(edges_run: CliResult) -> None:
    failure = next(f for f in edges_run.json()["failures"] if f["check"] == "unsupported-method")
    assert failure["status"] == 204
    assert failure["message"] == ("answered 204 No Content to DELETE, which the path does not document "
                                  "(expected 405 Method Not Allowed)")
    assert failure["reproduction"].startswith("curl -X DELETE ")
    status = subprocess.run(
        ["sh", "-c", failure["reproduction"] + " -s -o /dev/null --max-time 5 -w '%{http_code}'"],
        capture_output=True, text=True, check=False,
    ).stdout
    assert status == "204"


def test_text_report_shows_both(rest_server: tuple[Any, str]) -> None:
    _, url = rest_server
    result = run_cli("fuzz", EDGES, "--url", url, "--timeout", "1.2", "--max-examples", "2", "--seed", "2",
                     "--operation", "memos")
    assert result.code == 1
    assert "DELETE /v1/memos/{memoId}" in result.stdout and "unsupported-method" in result.stdout
    assert "GET /v1/memos/{memoId}" not in result.stdout  # the documented method is correct


@pytest.fixture(scope="module")
def graphql_edges() -> Iterator[tuple[Any, CliResult]]:
    server, url = load_server("graphql").start(0)
    result = run_cli("fuzz", EDGES_SDL, "--url", url.replace("/graphql", "/edges/graphql"), "--timeout", "1.2",
                     "--max-examples", "5", "--seed", "1", "--format", "json")
    yield server, result
    server.shutdown()


def test_graphql_trickled_answer_is_a_timeout(graphql_edges: tuple[Any, CliResult]) -> None:
    server, result = graphql_edges
    assert result.code == 1, result.stderr
    report = result.json()
    failures = {f["operation"]: f for f in report["failures"]}
    assert (failures["Query.slow"]["check"], failures["Query.slow"]["message"]) == (
        "timeout", "no complete response within 1.2 s")
    assert report["summary"]["operations"] == 3 and "Query.quick" not in failures  # tested, and clean
    sent, finished = server.drip_log.get(timeout=90)
    assert not finished and sent < 50


def test_graphql_optional_fields_of_input_objects_take_their_edges(graphql_edges: tuple[Any, CliResult]) -> None:
    # Query.runs crashes only when the optional createdAfter of its optional filter is huge
    _, result = graphql_edges
    failure = next(f for f in result.json()["failures"] if f["operation"] == "Query.runs")
    assert failure["check"] == "server-error" and failure["message"].startswith("GraphQL error: ")
    assert "runs(filter: {createdAfter: 1e308})" in failure["reproduction"]
