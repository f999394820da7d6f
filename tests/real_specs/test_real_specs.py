"""Every loader on a real, large spec: exact lines, no failure inside speclint."""

from __future__ import annotations

from tests.conftest import run_cli
from tests.real_specs.conftest import line_of, npm_members


def _diagnostics(*args: object) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--no-cache", "--format", "json", "--fail-on", "never", *map(str, args))
    assert result.code == 0, result.stderr
    diagnostics = result.json()["diagnostics"]
    assert not [d for d in diagnostics if d["rule"] in ("internal-error", "syntax-error")]
    return result.code, diagnostics


def test_github_rest_description() -> None:
    spec = npm_members("@octokit/openapi", "23.0.2", "generated/api.github.com.json") / "generated/api.github.com.json"
    rules = "openapi-operation-id-casing,invalid-structure,unresolved-ref"
    _, diagnostics = _diagnostics("--ruleset", "strict", "--select", rules, spec)
    casing = {d["pointer"]: d for d in diagnostics if d["rule"] == "openapi-operation-id-casing"}
    assert len(casing) == 1223  # GitHub's operationIds are kebab-case paths: meta/root, repos/get, ...
    root = casing["/paths/~1/get/operationId"]
    assert root["message"] == "operationId 'meta/root' is not camelCase"
    assert (root["line"], root["column"]) == (line_of(spec, '"operationId": "meta/root"'), 9)
    assert not [d for d in diagnostics if d["rule"] != "openapi-operation-id-casing"]


def test_github_graphql_schema_with_a_duplicate_field() -> None:
    schema = npm_members("@octokit/graphql-schema", "15.26.0", "schema.graphql") / "schema.graphql"
    _, diagnostics = _diagnostics(schema)
    duplicates = [(d["line"], d["column"]) for d in diagnostics if d["rule"] == "invalid-structure"]
    assert duplicates == [(15153, 3), (15158, 3)]
    assert any(d["rule"] == "versioned-name" for d in diagnostics)  # every other rule still ran
    versioned = next(d for d in diagnostics if d["rule"] == "versioned-name" and d["pointer"] == "ProjectV2")
    assert versioned["line"] == line_of(schema, "type ProjectV2 implements")


def test_googleapis_protos() -> None:
    package = npm_members("google-proto-files", "6.0.1", "google/")
    _, diagnostics = _diagnostics("--proto-path", package, package / "google/cloud/speech")
    assert diagnostics
    files = {str(d["file"]) for d in diagnostics}
    assert any(f.endswith("google/cloud/speech/v1/cloud_speech.proto") for f in files)
    service = next(d for d in diagnostics if d["pointer"] == "google.cloud.speech.v1.Speech")
    assert service["rule"] == "protobuf-service-suffix"
    speech = package / "google/cloud/speech/v1/cloud_speech.proto"
    assert str(service["file"]).endswith("google/cloud/speech/v1/cloud_speech.proto")
    assert service["line"] == line_of(speech, "service Speech {")
    zero = next(
        d for d in diagnostics if d["rule"] == "protobuf-enum-zero-value" and "AudioEncoding" in str(d["pointer"])
    )
    assert zero["line"] == line_of(speech, "ENCODING_UNSPECIFIED = 0;")
