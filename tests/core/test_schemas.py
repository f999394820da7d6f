"""The OpenAPI JSON Schemas speclint ships stay the official ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclint.loaders.openapi.validate import SCHEMAS
from tests.loaders.graphql.helpers import check_json


@pytest.mark.parametrize("folder", ["v2.0", "v3.0", "v3.1", "v3.2"])
def test_shipped_schema_is_openapi_spec_validators(folder: str) -> None:
    resources = pytest.importorskip("openapi_spec_validator").__file__
    theirs = Path(resources).parent / "resources" / "schemas" / folder / "schema.json"
    assert json.loads((SCHEMAS / folder / "schema.json").read_text()) == json.loads(theirs.read_text())


def test_unknown_openapi_version_is_reported_not_skipped(tmp_path: Path) -> None:
    spec = tmp_path / "future.yaml"
    spec.write_text("openapi: 3.9.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    code, diagnostics = check_json(spec)
    assert code == 1
    found = [(d["rule"], d["line"], d["column"]) for d in diagnostics if d["rule"] == "invalid-structure"]
    assert found == [("invalid-structure", 1, 1)]  # at the "openapi" key
    assert "not validated" in diagnostics[0]["message"]


def test_openapi_3_2_is_validated(tmp_path: Path) -> None:
    spec = tmp_path / "v32.yaml"
    spec.write_text("openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responsez: {}\n")
    code, diagnostics = check_json(spec)
    assert code == 1
    assert any(d["rule"] == "invalid-structure" and d["line"] == 6 for d in diagnostics)
