"""A tree of proto packages is compared as one module, each side with its own import root."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

A = (
    'syntax = "proto3";\npackage acme.a.v1;\nmessage Msg {}\n'
    "service PingService {\n  rpc Ping(Msg) returns (Msg);\n{extra}}\n"
)
B = 'syntax = "proto3";\npackage acme.b.v1;\nimport "acme/a/v1/a.proto";\nmessage Box {\n  acme.a.v1.Msg ping = 1;\n}\n'


def _tree(root: Path, extra: str) -> Path:
    (root / "acme/a/v1").mkdir(parents=True)
    (root / "acme/b/v1").mkdir(parents=True)
    (root / "acme/a/v1/a.proto").write_text(A.replace("{extra}", extra))
    (root / "acme/b/v1/b.proto").write_text(B)
    return root


def test_removed_rpc_in_one_package_of_a_tree(tmp_path: Path) -> None:
    old = _tree(tmp_path / "old", "  rpc Pong(Msg) returns (Msg);\n")
    new = _tree(tmp_path / "new", "")
    result = run_cli(
        "diff", old / "acme", new / "acme", "--proto-path", old, "--proto-path", new, "--format", "json"
    )
    assert result.code == 1, result.stderr
    changes = result.json()["changes"]
    assert [(c["rule"], c["level"], c["old"]["line"]) for c in changes] == [("operation-removed", "breaking", 6)]
    assert changes[0]["old"]["file"].endswith("old/acme/a/v1/a.proto")
