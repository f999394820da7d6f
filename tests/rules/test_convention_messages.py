"""Convention rules say why a name is reported: in ``consistent`` mode, the document's own style."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

SPEC = """\
openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    User:
      type: object
      description: A user.
      properties:
        first_name: {type: string, description: F.}
        last_name: {type: string, description: L.}
        createdAt: {type: string, description: C.}
"""


def test_consistent_casing_names_the_documents_style(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "api.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "speclint.yaml").write_text(
        "rules:\n  field-name-casing: {severity: warning, options: {mode: {openapi: consistent}}}\n"
    )
    result = run_cli("check", "api.yaml", "--select", "field-name-casing", "--format", "json")
    assert [(d["line"], d["message"]) for d in result.json()["diagnostics"]] == [
        (12, "field name 'createdAt' is not snake_case, the style most field names in this document use")
    ]


def test_fixed_casing_message_is_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "api.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "speclint.yaml").write_text("rules:\n  field-name-casing: {options: {mode: {openapi: fixed}}}\n")
    result = run_cli("check", "api.yaml", "--select", "field-name-casing", "--format", "json")
    assert [d["message"] for d in result.json()["diagnostics"]] == [
        "field name 'first_name' is not camelCase",
        "field name 'last_name' is not camelCase",
    ]
