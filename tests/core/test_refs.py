"""$ref handling: cycles end, escaping and remote refs are refused unless allowed."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

HEAD = "openapi: 3.0.3\ninfo:\n  title: T\n  version: 1.0.0\npaths: {}\ncomponents:\n  schemas:\n"


def _diagnostics(*args: Any) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--select", "unresolved-ref,refused-ref", *args)
    return list(result.json()["diagnostics"])


def test_circular_refs_end(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        HEAD
        + "    Node:\n      type: object\n      properties:\n        next:\n"
        + "          $ref: '#/components/schemas/Node'\n"
        + "    A:\n      $ref: '#/components/schemas/B'\n"
        + "    B:\n      $ref: '#/components/schemas/A'\n"
    )
    found = [(d["rule"], d["line"]) for d in _diagnostics(spec)]
    assert ("unresolved-ref", 14) in found or ("unresolved-ref", 12) in found
    assert all(rule == "unresolved-ref" for rule, _ in found)


def test_ref_escaping_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("Secret:\n  type: string\n")
    project = tmp_path / "project"
    project.mkdir()
    spec = project / "api.yaml"
    spec.write_text(HEAD + "    Leak:\n      $ref: '../secret.yaml#/Secret'\n    Abs:\n      $ref: '/etc/passwd'\n")
    found = _diagnostics(spec)
    assert [(d["rule"], d["line"], d["column"]) for d in found] == [
        ("refused-ref", 9, 7),
        ("refused-ref", 11, 7),
    ]
    assert "--allow-outside-refs" in found[0]["message"]
    allowed = _diagnostics("--allow-outside-refs", spec)
    assert [d["line"] for d in allowed if d["rule"] == "refused-ref"] == []


def test_remote_ref_is_refused_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("speclint opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    spec = tmp_path / "api.yaml"
    spec.write_text(HEAD + "    Remote:\n      $ref: 'https://example.com/schemas.yaml#/Item'\n")
    (finding,) = _diagnostics(spec)
    assert (finding["rule"], finding["line"], finding["category"]) == ("refused-ref", 9, "security")
    assert "--allow-remote-refs" in finding["message"]


def test_unresolved_pointer_in_same_file(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(HEAD + "    Item:\n      $ref: '#/components/schemas/Missing'\n")
    (finding,) = _diagnostics(spec)
    assert (finding["rule"], finding["line"], finding["column"]) == ("unresolved-ref", 9, 7)


def test_ref_with_a_nul_character_is_unresolved_not_a_crash(tmp_path: Path) -> None:
    spec = tmp_path / "nul.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n'
        '        "200":\n          $ref: "./x\\0y.yaml#/R"\n'
    )
    result = run_cli("check", "--no-cache", "--format", "json", spec)
    assert result.code == 1, result.stderr
    found = [(d["rule"], d["line"], d["column"]) for d in result.json()["diagnostics"] if d["severity"] == "error"]
    assert found == [("unresolved-ref", 8, 11)]
