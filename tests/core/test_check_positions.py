"""Findings land on the exact line and column of the offending node, in YAML and JSON."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliResult, run_cli

CONTRACT_KEYS = {
    "rule",
    "category",
    "severity",
    "message",
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "pointer",
    "spec_format",
}


PLANTED = ("--select", "openapi-operation-id-casing,security-scheme-defined")
LOADER = ("--select", "syntax-error,invalid-structure,unresolved-ref,refused-ref,unknown-format")


def _by_rule(result: CliResult) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for diagnostic in result.json()["diagnostics"]:
        found.setdefault(str(diagnostic["rule"]), []).append(diagnostic)
    return found


def test_yaml_positions(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", *PLANTED, fixtures / "openapi/planted/openapi.yaml")
    assert result.code == 1
    found = _by_rule(result)
    casing = found["openapi-operation-id-casing"][0]
    assert (casing["line"], casing["column"]) == (32, 7)
    assert (casing["end_line"], casing["end_column"]) == (32, 30)
    assert casing["pointer"] == "/paths/~1pets/post/operationId"
    assert casing["message"] == (
        "operationId 'Create_Pet' is not camelCase; most operationIds in this document are camelCase"
    )
    scheme = found["security-scheme-defined"][0]
    assert (scheme["line"], scheme["column"]) == (35, 11)


def test_json_positions(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", *PLANTED, fixtures / "openapi/planted/openapi.json")
    found = _by_rule(result)
    assert (found["openapi-operation-id-casing"][0]["line"], found["openapi-operation-id-casing"][0]["column"]) == (
        52,
        9,
    )
    assert found["security-scheme-defined"][0]["line"] == 56


def test_json_report_matches_contract(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", *PLANTED, fixtures / "openapi/planted/openapi.yaml")
    document = result.json()
    assert document["tool"] == {"name": "speclint", "version": "0.1.0"}
    assert set(document) == {"tool", "diagnostics", "summary"}
    for diagnostic in document["diagnostics"]:
        assert set(diagnostic) == CONTRACT_KEYS
        assert diagnostic["file"] == "fixtures/openapi/planted/openapi.yaml" or diagnostic["file"].endswith(
            "fixtures/openapi/planted/openapi.yaml"
        )
        assert diagnostic["spec_format"] == "openapi"
    severities = [d["severity"] for d in document["diagnostics"]]
    assert len(severities) == 2
    assert document["summary"] == {"files": 1, **{s: severities.count(s) for s in ("error", "warning", "info", "hint")}}


def test_finding_in_referenced_file_points_into_that_file(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", *LOADER, fixtures / "openapi/multi")
    (finding,) = result.json()["diagnostics"]
    assert finding["rule"] == "unresolved-ref"
    assert finding["file"].endswith("multi/schemas/order.yaml")
    assert (finding["line"], finding["column"]) == (20, 3)
    assert finding["pointer"] == "/Line/$ref"
    # the referenced files count as files of the run, and are not linted on their own
    assert result.json()["summary"]["files"] == 3


def test_structure_error_at_failing_node(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info:\n"
        "  title: T\n"
        "  version: 1.0.0\n"
        "paths:\n"
        "  /items:\n"
        "    get:\n"
        "      operationId: 5\n"
        "      responses:\n"
        "        '200':\n"
        "          descriptio: OK\n"
    )
    result = run_cli("check", "--format", "json", "--select", "invalid-structure", spec)
    lines = {(d["line"], d["message"]) for d in result.json()["diagnostics"]}
    assert (8, '5 is not of type "string"') in lines
    assert (11, "property 'descriptio' is not allowed here") in lines
    assert all(d["line"] > 1 for d in result.json()["diagnostics"])


def test_swagger_2(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", *PLANTED, fixtures / "openapi/swagger2.yaml")
    assert [(d["rule"], d["line"]) for d in result.json()["diagnostics"]] == [("openapi-operation-id-casing", 18)]
