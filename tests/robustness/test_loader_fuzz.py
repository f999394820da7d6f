"""No input makes speclint raise: random bytes, random documents, mutated real specs."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speclint.findings import Finding
from speclint.lint import lint
from speclint.lint.selection import effective_settings

ROOT = Path(__file__).resolve().parent.parent.parent
PETSTORE = (ROOT / "fixtures/openapi/petstore/openapi.yaml").read_text()
SETTINGS = effective_settings([], [])
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
_json = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=40,
)
_openapi_keys = st.sampled_from(
    ["openapi", "swagger", "info", "paths", "components", "servers", "security", "/items", "get", "post",
     "responses", "200", "parameters", "schema", "$ref", "schemas", "properties", "type", "securitySchemes"]
)
_openapi_like = st.recursive(
    _scalars | st.sampled_from(["#/components/schemas/X", "./other.yaml", "3.0.3", "2.0", "3.1.0"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_openapi_keys, children, max_size=5),
    max_leaves=50,
)


def _lint_text(tmp_path: Path, name: str, data: bytes) -> list[Finding]:
    path = tmp_path / name
    path.write_bytes(data)
    report = lint([path], SETTINGS)
    assert report.internal_errors == 0, [f.message for f in report.findings if f.rule == "internal-error"]
    for finding in report.findings:
        assert finding.line >= 1 and finding.column >= 1
    return report.findings


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _lint_text(tmp_path, "random.yaml", data)


@FUZZ
@given(document=_openapi_like, version=st.sampled_from(["3.0.3", "3.1.0", "2.0"]))
def test_random_openapi_like_documents(tmp_path: Path, document: object, version: str) -> None:
    root = {"openapi" if version != "2.0" else "swagger": version, "x": document}
    if isinstance(document, dict):
        root.update(document)
        root["openapi" if version != "2.0" else "swagger"] = version
    _lint_text(tmp_path, "api.json", json.dumps(root).encode())


@FUZZ
@given(position=st.integers(min_value=0, max_value=len(PETSTORE)), junk=st.text(max_size=8))
def test_mutated_real_spec(tmp_path: Path, position: int, junk: str) -> None:
    mutated = PETSTORE[:position] + junk + PETSTORE[position:]
    _lint_text(tmp_path, "petstore.yaml", mutated.encode("utf-8", "surrogatepass"))


@FUZZ
@given(document=_json)
def test_random_json_values(tmp_path: Path, document: object) -> None:
    _lint_text(tmp_path, "value.json", json.dumps(document).encode())
