"""Schemas in referenced files are linted whole: schema rules and structural validation, each
finding in the file that holds the schema."""

from __future__ import annotations

from tests.conftest import FIXTURES, run_cli


def test_a_schema_in_a_referenced_file_is_validated_where_it_is() -> None:
    result = run_cli("check", FIXTURES / "openapi/split", "--select", "invalid-structure", "--format", "json")
    assert result.code == 1
    (finding,) = result.json()["diagnostics"]
    assert finding["file"].endswith("split/schemas.yaml")
    assert (finding["line"], finding["column"], finding["pointer"]) == (13, 7, "/Event/properties/startsAt/type")
    assert "objekt" in finding["message"]


def test_a_whole_file_reference_names_the_schema_after_the_file() -> None:
    spec = FIXTURES / "rules/openapi-example-valid/bad"
    result = run_cli("check", spec, "--select", "type-name-casing,type-description", "--format", "json")
    assert result.code == 0 and result.json()["diagnostics"] == []  # 'event' is described, and alone
