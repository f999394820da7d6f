"""``speclint fuzz`` against the REST fixture server: every planted bug found, nothing else."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS, load_server

SPEC = SERVERS / "rest" / "openapi.yaml"
PLANTED = {
    ("GET /v1/items/{itemId}", "server-error"),
    ("POST /v1/items", "negative-data-accepted"),
    ("POST /v1/items", "positive-data-rejected"),
    ("GET /v1/orders/{orderId}", "response-schema"),
    ("GET /v1/orders/{orderId}", "server-error"),
    ("PATCH /v1/orders/{orderId}", "response-headers"),
    ("POST /v1/upload", "server-error"),
    ("GET /v1/health", "undocumented-status"),
    ("GET /v1/report", "content-type"),
    ("GET /v1/quota", "response-headers"),
    ("GET /v1/admin/stats", "auth-not-enforced"),
    ("GET /v1/slow", "timeout"),
    ("POST /v1/items", "ensure-resource-availability"),  # stateful, over an inferred link
}
CLEAN = {"GET /v1/items", "POST /v1/orders", "GET /v1/account"}


def fuzz(url: str, *extra: str | Path) -> CliResult:
    return run_cli("fuzz", SPEC, "--url", url, "--header", AUTH, "--timeout", "1.2", *extra)


@pytest.fixture(scope="module")
def json_run(rest_url: str) -> CliResult:
    return fuzz(rest_url, "--max-examples", "10", "--seed", "3", "--format", "json")


def test_every_planted_bug_is_found_and_nothing_else(json_run: CliResult) -> None:
    assert json_run.code == 1, json_run.stderr
    found = {(f["operation"], f["check"]) for f in json_run.json()["failures"]}
    assert found == PLANTED
    assert not {op for op, _ in found} & CLEAN


def test_json_report_has_the_contract_shape(json_run: CliResult, rest_url: str) -> None:
    report = json_run.json()
    assert set(report) == {"tool", "spec", "target", "seed", "failures", "summary"}
    assert report["tool"]["name"] == "speclint"
    assert report["target"] == rest_url and report["seed"] == 3
    assert report["spec"].endswith("openapi.yaml")
    assert set(report["summary"]) == {"operations", "requests", "failures", "duration_s"}
    assert report["summary"]["operations"] == 12
    assert report["summary"]["failures"] == len(report["failures"]) == len(PLANTED)
    assert report["summary"]["requests"] > 50  # boundary cases plus random ones
    for failure in report["failures"]:
        assert set(failure) == {"operation", "check", "message", "status", "reproduction"}
        assert failure["reproduction"].startswith(("curl -X ", "printf '", "d=$(mktemp -d); "))  # or a sequence


def test_reproductions_are_the_smallest_boundary_cases(json_run: CliResult, rest_url: str) -> None:
    failures = {(f["operation"], f["check"]): f for f in json_run.json()["failures"]}
    crash = failures[("GET /v1/items/{itemId}", "server-error")]
    assert crash["status"] == 500 and crash["message"] == "500 Internal Server Error"
    assert crash["reproduction"] == f"curl -X GET '{rest_url}/v1/items/-1' -H 'Authorization: [redacted]'"
    accepted = failures[("POST /v1/items", "negative-data-accepted")]
    assert accepted["status"] == 201 and '"price": -1' in accepted["reproduction"]
    auth = failures[("GET /v1/admin/stats", "auth-not-enforced")]
    assert auth["status"] == 200 and "Authorization" not in auth["reproduction"]
    assert failures[("GET /v1/slow", "timeout")]["status"] is None


def test_no_secret_in_any_report(rest_url: str, tmp_path: Path) -> None:
    outputs = []
    for fmt in ("text", "json", "junit"):
        target = tmp_path / f"report.{fmt}"
        result = fuzz(rest_url, "--max-examples", "4", "--seed", "1", "--format", fmt, "--output", target,
                      "--operation", "/v1/items", "--operation", "/v1/admin", "--operation", "/v1/account")
        assert result.code == 1, result.stderr
        outputs += [result.stdout, result.stderr, target.read_text()]
        assert "[redacted]" in target.read_text()
    assert all(SECRET not in text for text in outputs)
    suite = ET.fromstring(outputs[-1])
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["GET /v1/items/{itemId}"].find("failure").get("type") == "server-error"
    assert cases["GET /v1/account"].find("failure") is None


def test_text_report_names_operation_check_and_curl(rest_url: str) -> None:
    result = fuzz(rest_url, "--max-examples", "2", "--seed", "1", "--operation", "/v1/health")
    assert result.code == 1
    assert "GET /v1/health: undocumented-status [202]" in result.stdout
    assert "curl -X GET" in result.stdout and SECRET not in result.stdout
    assert result.stderr == ""  # no progress outside a terminal


def test_correct_operations_pass(rest_url: str) -> None:
    result = fuzz(rest_url, "--max-examples", "20", "--seed", "7", "--format", "json",
                  "--operation", "POST /v1/orders", "--operation", "GET /v1/account")
    assert result.code == 0, result.stdout
    assert result.json()["failures"] == [] and result.json()["summary"]["operations"] == 2


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_negative_id_crash_is_found_on_every_seed_with_default_settings(rest_url: str, seed: int) -> None:
    result = run_cli("fuzz", SPEC, "--url", rest_url, "--seed", str(seed), "--format", "json",
                     "--operation", "GET /v1/items/{itemId}")
    assert result.code == 1
    assert ("GET /v1/items/{itemId}", "server-error") in {
        (f["operation"], f["check"]) for f in result.json()["failures"]
    }


def test_unreachable_server_is_exit_2_with_one_line(closed_port: int) -> None:
    result = run_cli("fuzz", SPEC, "--url", f"http://127.0.0.1:{closed_port}", "--header", AUTH)
    assert result.code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr
    assert SECRET not in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--header", "no colon here"], "--header"),
        (["--max-examples", "-1"], "--max-examples"),
        (["--timeout", "0"], "--timeout"),
    ],
)
def test_bad_options_are_exit_2(rest_url: str, args: list[str], expected: str) -> None:
    result = run_cli("fuzz", SPEC, "--url", rest_url, *args)
    assert result.code == 2 and expected in result.stderr and "Traceback" not in result.stderr


def test_missing_spec_is_exit_2(rest_url: str, tmp_path: Path) -> None:
    result = run_cli("fuzz", tmp_path / "nope.yaml", "--url", rest_url)
    assert result.code == 2 and "no such spec file" in result.stderr


def test_same_seed_same_report(rest_url: str) -> None:
    runs = [
        fuzz(rest_url, "--max-examples", "6", "--seed", "11", "--format", "json", "--operation", "/v1/items")
        for _ in range(2)
    ]
    strip = [{**json.loads(r.stdout), "summary": None} for r in runs]
    assert strip[0] == strip[1]


def test_every_reproduction_replays_to_the_reported_status(json_run: CliResult) -> None:
    replayed = 0
    for failure in json_run.json()["failures"]:
        if failure["status"] is None:
            continue
        *before, command = failure["reproduction"].replace("Authorization: [redacted]", AUTH).split("\n")
        assert command.isprintable() and all(line.isprintable() for line in before)  # nothing raw to paste
        script = "".join(f"{line}\n" for line in before)  # a sequence's first steps (silent)
        status = subprocess.run(
            ["sh", "-c", script + command + " -s -o /dev/null --max-time 5 -w '%{http_code}'"],
            capture_output=True, text=True, check=False,
        ).stdout
        assert status == str(failure["status"]), (failure, status)
        replayed += 1
    assert replayed >= 10


def test_no_server_set_cookie_nor_echoed_secret_in_any_output(json_run: CliResult, rest_url: str,
                                                              tmp_path: Path) -> None:
    session = load_server("rest").SESSION
    outputs = [json_run.stdout, json_run.stderr]
    for fmt in ("text", "junit"):
        target = tmp_path / f"report.{fmt}"
        result = fuzz(rest_url, "--max-examples", "3", "--seed", "2", "--format", fmt, "--output", target,
                      "--operation", "/v1/account", "--operation", "/v1/orders/")
        outputs += [result.stdout, result.stderr, target.read_text()]
    for text in outputs:
        assert session not in text and SECRET not in text.lower()
    echo = next(f for f in json_run.json()["failures"] if f["check"] == "response-schema")
    assert "for [redacted]" in echo["message"]  # the server upper-cased the token it echoed


def test_login_cookie_is_not_carried_into_the_auth_probes(json_run: CliResult) -> None:
    # GET /v1/account sets a login cookie that works on its own: a shared cookie jar would
    # make its "without credentials" probe succeed
    assert not [f for f in json_run.json()["failures"] if f["operation"] == "GET /v1/account"]
