"""Naming conventions are the document's own by default; strict demands the fixed casings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, run_cli

RULES = FIXTURES / "rules"


def _found(path: Path, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", path, "--format", "json", "--fail-on", "never", *args)
    assert result.code == 0, result.stderr
    return [(d["rule"], d["line"], d["message"]) for d in result.json()["diagnostics"]]


def test_the_minority_is_reported_with_the_majority_style_named() -> None:
    found = _found(RULES / "openapi-operation-id-casing/bad.yaml", "--select", "naming")
    assert found == [
        (
            "openapi-operation-id-casing",
            46,
            "operationId 'List_Items' is not camelCase; most operationIds in this document are camelCase",
        ),
        (
            "openapi-operation-id-casing",
            52,
            "operationId 'delete_item' is not camelCase; most operationIds in this document are camelCase",
        ),
    ]


def test_a_document_with_no_prevailing_style_gets_one_finding() -> None:
    found = _found(RULES / "openapi-operation-id-casing/bad-mixed.yaml", "--select", "openapi-operation-id-casing")
    assert [(line, message) for _, line, message in found] == [
        (
            10,
            "operationIds in this document follow no one style "
            "(25 % PascalCase, 25 % camelCase, 25 % kebab-case, 25 % snake_case)",
        )
    ]


def test_strict_demands_the_fixed_casing_of_a_consistent_snake_case_document() -> None:
    spec = RULES / "openapi-operation-id-casing/good.yaml"
    assert _found(spec, "--select", "naming") == []
    strict = _found(spec, "--ruleset", "strict", "--select", "openapi-operation-id-casing")
    assert [message for _, _, message in strict] == [
        "operationId 'list_items' is not camelCase",
        "operationId 'get_item' is not camelCase",
        "operationId 'create_item' is not camelCase",
    ]


def test_strict_demands_fixed_casings_of_schemas_parameters_and_properties() -> None:
    for rule in ("type-name-casing", "parameter-name-casing", "field-name-casing"):
        spec = next((RULES / rule).glob("good-*.yaml"))
        assert _found(spec, "--select", rule) == []
        assert _found(spec, "--ruleset", "strict", "--select", rule), rule


def test_header_casing_is_off_by_default_and_a_consistency_check_in_strict() -> None:
    spec = RULES / "openapi-header-name-casing/bad.yaml"
    assert not [f for f in _found(spec) if f[0] == "openapi-header-name-casing"]
    strict = [f for f in _found(spec, "--ruleset", "strict") if f[0] == "openapi-header-name-casing"]
    assert [line for _, line, _ in strict] == [20, 33]
    lowercase = RULES / "openapi-header-name-casing/good-lowercase.yaml"
    assert not [f for f in _found(lowercase, "--ruleset", "strict") if f[0] == "openapi-header-name-casing"]


def test_one_status_code_finding_per_operation_lists_every_missing_code() -> None:
    found = _found(RULES / "openapi-auth-error-responses/bad.yaml", "--select", "status-codes")
    assert [(rule, message) for rule, _, message in found] == [
        ("openapi-auth-error-responses", "secured operation GET /items documents no 401"),
        ("openapi-auth-error-responses", "secured operation GET /things documents no 403"),
        ("openapi-auth-error-responses", "secured operation GET /things/{thingId} documents no 401, 403 or 404"),
    ]
    found = _found(RULES / "openapi-client-error-response/bad.yaml", "--select", "status-codes")
    assert [message for _, _, message in found] == [
        "POST /items documents no 4xx response (no 401)",
        "GET /items/{itemId} documents no 4xx response (no 401 or 404)",
    ]


def test_a_tie_between_two_styles_is_no_one_style_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Half camelCase, half PascalCase: which half is "wrong" must not depend on set order."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n'
        '  /busRoutes: {get: {responses: {"200": {description: ok}}}}\n'
        '  /BusStops: {get: {responses: {"200": {description: ok}}}}\n',
        encoding="utf-8",
    )
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "speclint",
                "check",
                str(spec),
                "--no-cache",
                "--format",
                "json",
                "--select",
                "openapi-path-segment-casing",
                "--fail-on",
                "never",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    found = [(d["line"], d["column"], d["message"]) for d in json.loads(outputs.pop())["diagnostics"]]
    assert found == [(4, 3, "path segments in this document follow no one style (50 % PascalCase, 50 % camelCase)")]
