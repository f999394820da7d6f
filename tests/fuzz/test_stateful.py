"""The stateful phase: sequences along OpenAPI links against the REST fixture server.

``fixtures/servers/rest/stateful.yaml`` declares links (by operationId, by operationRef, through
``components/links``) and leaves one to inference; each of three resources hides a bug only a
sequence of requests reaches, and notes are a correct linked resource.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS, load_server

SPEC = SERVERS / "rest" / "stateful.yaml"
PLANTED = {
    ("GET /v1/boxes/{boxId}", "server-error"),  # 500 only for an id that POST /v1/boxes returned
    ("POST /v1/drafts", "ensure-resource-availability"),  # the created draft is never stored
    ("DELETE /v1/tags/{tagId}", "use-after-free"),  # 204, and the tag is still served
}


def fuzz(url: str, *extra: str | Path, spec: Path = SPEC) -> CliResult:
    return run_cli("fuzz", spec, "--url", url, "--header", AUTH, "--timeout", "2", *extra)


@pytest.fixture(scope="module")
def json_run(rest_url: str) -> CliResult:
    return fuzz(rest_url, "--max-examples", "4", "--seed", "5", "--format", "json")


def _found(result: CliResult) -> set[tuple[str, str]]:
    return {(f["operation"], f["check"]) for f in result.json()["failures"]}


def test_every_sequence_bug_is_found_through_the_links_and_notes_stay_clean(json_run: CliResult) -> None:
    assert json_run.code == 1, json_run.stderr
    assert _found(json_run) == PLANTED  # nothing on /v1/notes, the correct linked resource
    assert json_run.json()["summary"]["operations"] == 10


def test_failures_keep_the_contract_shape_and_name_the_link(json_run: CliResult, rest_url: str) -> None:
    failures = {(f["operation"], f["check"]): f for f in json_run.json()["failures"]}
    for failure in failures.values():
        assert set(failure) == {"operation", "check", "message", "status", "reproduction"}
    crash = failures[("GET /v1/boxes/{boxId}", "server-error")]
    assert crash["status"] == 500
    assert "link GetBox POST /v1/boxes -> GET /v1/boxes/{boxId} (boxId = $response.body#/id)" in crash["message"]
    missing = failures[("POST /v1/drafts", "ensure-resource-availability")]
    assert missing["status"] == 404
    assert "inferred link POST /v1/drafts -> GET /v1/drafts/{draftId}" in missing["message"]
    freed = failures[("DELETE /v1/tags/{tagId}", "use-after-free")]
    assert freed["status"] == 200 and "still served" in freed["message"]


def _requests(reproduction: str) -> list[str]:
    return [line.split(" -X ")[1].split("'")[0] for line in reproduction.split("\n") if " -X " in line]


def test_a_reproduction_replays_every_request_with_the_values_the_replay_gets(json_run: CliResult,
                                                                              rest_url: str) -> None:
    failures = {(f["operation"], f["check"]): f for f in json_run.json()["failures"]}
    lines = failures[("DELETE /v1/tags/{tagId}", "use-after-free")]["reproduction"].split("\n")
    assert _requests("\n".join(lines)) == ["POST ", "DELETE ", "GET "]
    assert lines[0].startswith("d=$(mktemp -d); speclint_value() { python3 -c ")
    assert lines[1] == (f"curl -s -o \"$d/1.body\" -D \"$d/1.headers\" -X POST '{rest_url}/v1/tags' "
                        "-H 'Authorization: [redacted]' -H 'Content-Type: application/json' "
                        "--data-raw '{\"text\": \"a\"}'")
    assert lines[2] == "v1=$(speclint_value \"$d/1.body\" \"$d/1.headers\" body '/id' path)"  # the new tag's id
    assert lines[3] == f"curl -s -o /dev/null -X DELETE '{rest_url}/v1/tags/'\"$v1\"'' -H 'Authorization: [redacted]'"
    assert lines[4] == f"curl -X GET '{rest_url}/v1/tags/'\"$v1\"'' -H 'Authorization: [redacted]'"
    assert SECRET not in json_run.stdout


def test_every_sequence_replays_to_the_reported_status(json_run: CliResult) -> None:
    for failure in json_run.json()["failures"]:
        *before, last = failure["reproduction"].replace("Authorization: [redacted]", AUTH).split("\n")
        script = "".join(f"{line}\n" for line in before)  # silent: only the last request shows its answer
        status = subprocess.run(
            ["sh", "-c", script + last + " -s -o /dev/null --max-time 5 -w '%{http_code}'"],
            capture_output=True, text=True, check=False,
        ).stdout
        assert status == str(failure["status"]), (failure, status)


def test_text_and_junit_show_each_request_on_its_own_line(rest_url: str, tmp_path: Path) -> None:
    text = fuzz(rest_url, "--max-examples", "0", "--operation", "/v1/tags")
    assert text.code == 1
    block = text.stdout.split("use-after-free", 1)[1].split("\n1 failure")[0].splitlines()[1:]
    assert all(line.startswith("    ") for line in block)
    assert _requests("\n".join(block)) == ["POST ", "DELETE ", "GET "]
    target = tmp_path / "report.xml"
    fuzz(rest_url, "--max-examples", "0", "--operation", "/v1/tags", "--format", "junit", "--output", target)
    failure = ET.parse(target).getroot().find(".//failure[@type='use-after-free']")
    assert failure is not None and failure.text is not None
    assert _requests(failure.text) == ["POST ", "DELETE ", "GET "]


def test_inference_alone_finds_the_same_bugs(rest_url: str, tmp_path: Path) -> None:
    document = yaml.safe_load(SPEC.read_text())
    document["components"].pop("links")
    for item in document["paths"].values():
        for operation in item.values():
            for response in (operation.get("responses") or {}).values() if isinstance(operation, dict) else ():
                response.pop("links", None)
    spec = tmp_path / "no-links.yaml"
    spec.write_text(json.dumps(document))
    assert _found(fuzz(rest_url, "--max-examples", "0", "--format", "json", spec=spec)) == PLANTED


def test_no_link_inference_follows_only_declared_links(rest_url: str) -> None:
    result = fuzz(rest_url, "--max-examples", "0", "--format", "json", "--no-link-inference")
    assert _found(result) == PLANTED - {("POST /v1/drafts", "ensure-resource-availability")}


def test_a_sequence_runs_in_the_shard_of_its_last_operation(rest_url: str) -> None:
    found: set[tuple[str, str]] = set()
    for shard in ("1/2", "2/2"):
        found |= _found(fuzz(rest_url, "--max-examples", "0", "--format", "json", "--shard", shard))
    assert found == PLANTED


def test_operation_patterns_keep_sequences_to_the_operations_they_name(rest_url: str) -> None:
    # GET /v1/boxes/{boxId} alone: its only link starts at POST /v1/boxes, which is not selected
    assert fuzz(rest_url, "--max-examples", "0", "--operation", "GET /v1/boxes/").code == 0
    assert _found(fuzz(rest_url, "--max-examples", "0", "--format", "json", "--operation", "/v1/boxes")) == {
        ("GET /v1/boxes/{boxId}", "server-error")
    }


def test_phases_run_alone(rest_url: str) -> None:
    alone = fuzz(rest_url, "--max-examples", "2", "--format", "json", "--phases", "stateful")
    assert _found(alone) == PLANTED
    every = fuzz(rest_url, "--max-examples", "2", "--format", "json")
    assert alone.json()["summary"]["requests"] < every.json()["summary"]["requests"]
    # without the stateful phase, no sequence: the three bugs stay hidden
    assert _found(fuzz(rest_url, "--max-examples", "2", "--format", "json", "--phases", "boundary,random")) == set()


@pytest.mark.parametrize(("phases", "expected"), [
    ("stateful,nope", "unknown: nope"),
    (",", "--phases takes a comma-separated list of boundary, random, stateful"),
])
def test_bad_phases_are_exit_2(rest_url: str, phases: str, expected: str) -> None:
    result = fuzz(rest_url, "--phases", phases)
    assert result.code == 2 and expected in result.stderr and len(result.stderr.splitlines()) == 1


def test_stateful_alone_needs_an_openapi_spec(graphql_url: str) -> None:
    result = run_cli("fuzz", SERVERS / "graphql" / "schema.graphql", "--url", graphql_url, "--phases", "stateful")
    assert result.code == 2 and "OpenAPI" in result.stderr


def test_what_a_sequence_creates_is_deleted_after_it() -> None:
    module = load_server("rest")
    server, url = module.start(0)
    try:
        result = fuzz(url, "--max-examples", "3", "--phases", "stateful", "--operation", "/v1/notes",
                      "--format", "json")
    finally:
        server.shutdown()
    assert result.code == 0, result.stdout
    assert result.json()["summary"]["requests"] > 10
    assert module.STORED["notes"] == {}  # every note a sequence created was deleted (by it, or after it)
