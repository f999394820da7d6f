"""protobuf-import-used across files: nested types, public re-exports, custom options, packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

HEADER = 'syntax = "proto3";\n\npackage {package};\n\n'

FILES = {
    # Defines a message with a nested message and enum, and a method option.
    "acme/v1/defs.proto": 'import "google/protobuf/descriptor.proto";\n\n'
    "message Outer {\n  message Inner {}\n  enum Kind { KIND_UNSPECIFIED = 0; }\n}\n\n"
    "extend google.protobuf.MethodOptions { string tag = 50001; }\n",
    # Re-exports defs.proto.
    "acme/v1/reexport.proto": 'import public "acme/v1/defs.proto";\n',
    "acme/v1/nested.proto": 'import "acme/v1/defs.proto";\n\nmessage A {\n  Outer.Inner inner = 1;\n}\n',
    "acme/v1/through_public.proto": 'import "acme/v1/reexport.proto";\n\nmessage B {\n  Outer.Kind kind = 1;\n}\n',
    "acme/v1/option.proto": 'import "acme/v1/defs.proto";\n\nmessage C {}\n\n'
    'service CService {\n  rpc Get(C) returns (C) { option (acme.v1.tag) = "x"; }\n}\n',
    "acme/v1/unused.proto": 'import "acme/v1/defs.proto";\n\nmessage D {}\n',
    # A file of the enclosing package `acme`: naming `acme.v1.*` does not use it.
    "acme/top.proto": "message Thing {}\n",
    "acme/v1/parent_package.proto": 'import "acme/top.proto";\nimport "acme/v1/defs.proto";\n\n'
    "message E {\n  Outer outer = 1;\n}\n",
}


@pytest.fixture
def protos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, body in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        package = str(path.parent.relative_to(tmp_path)).replace("/", ".")
        path.write_text(HEADER.format(package=package) + body)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_import_is_used_through_nested_types_public_imports_and_options(protos: Path) -> None:
    result = run_cli("check", "acme", "--proto-path", ".", "--select", "protobuf-import-used", "--format", "json")
    assert result.code == 0, result.stderr
    found = sorted((d["file"], d["line"], d["column"], d["message"]) for d in result.json()["diagnostics"])
    assert found == [
        ("acme/v1/parent_package.proto", 5, 1, "import 'acme/top.proto' is not used"),
        ("acme/v1/unused.proto", 5, 1, "import 'acme/v1/defs.proto' is not used"),
    ]
