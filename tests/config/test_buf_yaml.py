"""A team moving from buf keeps its buf.yaml: its lint section selects speclint's protobuf rules.

The expectations are the lines and columns that ``buf lint`` (1.75.0) reports for the same
files and buf.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

SHOP = """syntax = "proto3";

package acme.shop.v1;

import "google/protobuf/timestamp.proto";

message PhoneTypeEnum {
  enum PhoneType {
    UNSPECIFIED = 0;
    MOBILE = 1;
  }
}

service BookApi {
  rpc GetBook(GetBookRequest) returns (Book);
}

message GetBookRequest {}
message Book {}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "acme" / "shop" / "v1"
    folder.mkdir(parents=True)
    (folder / "shop.proto").write_text(SHOP)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def protobuf_findings(*args: str) -> set[tuple[str, int, int]]:
    result = run_cli("check", ".", "--format", "json", "--fail-on", "never", *args)
    assert result.code == 0, result.stderr
    return {
        (d["rule"], d["line"], d["column"])
        for d in result.json()["diagnostics"]
        if d["rule"].startswith("protobuf-") and d["rule"] != "protobuf-rpc-auth"
    }


def test_without_buf_yaml_speclint_keeps_its_aip_defaults(project: Path) -> None:
    assert protobuf_findings() == {("protobuf-import-used", 5, 1), ("protobuf-service-suffix", 14, 9)}


def test_buf_v2_standard_gives_buf_naming_findings_on_buf_lines(project: Path) -> None:
    (project / "buf.yaml").write_text("version: v2\nlint:\n  use: [STANDARD]\n")
    assert protobuf_findings() == {
        ("protobuf-import-used", 5, 1),  # Import "google/protobuf/timestamp.proto" is unused.
        ("protobuf-enum-value-prefix", 9, 5),  # should be prefixed with "PHONE_TYPE_"
        ("protobuf-enum-zero-value", 9, 5),  # should be suffixed with "_UNSPECIFIED"
        ("protobuf-enum-value-prefix", 10, 5),
        ("protobuf-service-suffix", 14, 9),  # Service name "BookApi" should be suffixed with "Service".
        ("protobuf-rpc-request-response", 15, 40),  # should be named "GetBookResponse" ...
    }


def test_buf_v1_except_ignore_only_and_options(project: Path) -> None:
    (project / "buf.yaml").write_text(
        "version: v1\n"
        "lint:\n"
        "  use: [DEFAULT]\n"
        "  except: [ENUM_VALUE_PREFIX, RPC_RESPONSE_STANDARD_NAME]\n"
        "  service_suffix: Api\n"
        "  ignore_only:\n"
        "    IMPORT_USED: [acme/shop]\n"
    )
    assert protobuf_findings() == {("protobuf-enum-zero-value", 9, 5)}


def test_buf_comments_category_turns_on_comment_rules(project: Path) -> None:
    (project / "buf.yaml").write_text("version: v2\nlint:\n  use: [COMMENT_SERVICE, COMMENT_RPC]\n")
    assert protobuf_findings() == {("protobuf-comment-service", 14, 9), ("protobuf-comment-rpc", 15, 7)}


def test_a_bad_buf_yaml_is_a_one_line_configuration_error(project: Path) -> None:
    (project / "buf.yaml").write_text("version: v2\nlint:\n  use: STANDARD\n")
    result = run_cli("check", ".")
    assert result.code == 2
    assert "buf.yaml: lint: use: expected a list" in result.stderr


def _protobuf_places(diagnostics: list[dict[str, Any]]) -> set[tuple[str, str, int]]:
    return {(d["file"], d["rule"], d["line"]) for d in diagnostics if d["rule"].startswith("protobuf-")}


def test_each_v2_module_has_its_own_lint_section_and_excludes(project: Path) -> None:
    for module, package in (("shop", "shop"), ("legacy", "legacy"), ("legacy", "old")):
        folder = project / module / "acme" / package / "v1"
        folder.mkdir(parents=True)
        (folder / f"{package}.proto").write_text(SHOP.replace("acme.shop.v1", f"acme.{package}.v1"))
    (project / "acme").rename(project / "unused")  # the project fixture's file, outside every module
    (project / "buf.yaml").write_text(
        "version: v2\n"
        "modules:\n"
        "  - path: shop\n"
        "    lint: {use: [STANDARD], service_suffix: Api}\n"
        "  - path: legacy\n"
        "    excludes: [legacy/acme/old]\n"
        "    lint: {use: [BASIC, SERVICE_SUFFIX]}\n"
    )
    result = run_cli("check", "shop", "legacy", "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    found = _protobuf_places(result.json()["diagnostics"])
    shop, legacy = "shop/acme/shop/v1/shop.proto", "legacy/acme/legacy/v1/legacy.proto"
    assert found == {
        (shop, "protobuf-import-used", 5),
        (shop, "protobuf-enum-value-prefix", 9),
        (shop, "protobuf-enum-zero-value", 9),
        (shop, "protobuf-enum-value-prefix", 10),
        (shop, "protobuf-rpc-request-response", 15),  # its service suffix is Api: BookApi passes
        (legacy, "protobuf-import-used", 5),
        (legacy, "protobuf-service-suffix", 14),  # BASIC and SERVICE_SUFFIX only, with buf's default suffix
    }


def test_buf_options_imports_zero_aliases_and_folders_on_buf_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Custom options count as uses of their import, every zero value needs the suffix, and
    folders are held to the package from the module's root (buf 1.75.0's findings)."""
    (tmp_path / ".git").mkdir()
    options = tmp_path / "acme" / "options" / "v1"
    options.mkdir(parents=True)
    extension = 'syntax = "proto3";\n\npackage acme.options.v1;\n\nimport "google/protobuf/descriptor.proto";\n\n'
    for name, extended, option in (
        ("annotations", "FieldOptions", "bool sensitive = 50100;"),
        ("resources", "MessageOptions", "string kind = 50200;"),
    ):
        (options / f"{name}.proto").write_text(f"{extension}extend google.protobuf.{extended} {{ {option} }}\n")
    shop = tmp_path / "acme" / "shop" / "v1"
    (shop / "extra").mkdir(parents=True)
    (shop / "shop.proto").write_text(
        'syntax = "proto3";\n\npackage acme.shop.v1;\n\n'
        'import "acme/options/v1/annotations.proto";\n'
        'import "acme/options/v1/resources.proto";\n\n'
        "message Customer {\n  string email = 1 [(acme.options.v1.sensitive) = true];\n  Speed speed = 2;\n}\n\n"
        "enum Speed {\n  option allow_alias = true;\n  SPEED_UNSPECIFIED = 0;\n"
        "  SPEED_NONE = 0;\n  SPEED_FAST = 1;\n}\n"
    )
    (shop / "extra" / "extra.proto").write_text('syntax = "proto3";\n\npackage acme.shop.v1;\n\nmessage Extra {}\n')
    (tmp_path / "buf.yaml").write_text("version: v2\nlint:\n  use: [STANDARD]\n  except: [PACKAGE_VERSION_SUFFIX]\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    found = _protobuf_places(result.json()["diagnostics"])
    shop_file, extra_file = "acme/shop/v1/shop.proto", "acme/shop/v1/extra/extra.proto"
    assert found == {
        (extra_file, "protobuf-package-folder", 3),  # PACKAGE_DIRECTORY_MATCH, PACKAGE_SAME_DIRECTORY
        (shop_file, "protobuf-package-folder", 3),  # PACKAGE_SAME_DIRECTORY
        (shop_file, "protobuf-import-used", 6),  # resources.proto: its option is never set
        (shop_file, "protobuf-enum-no-alias", 14),
        (shop_file, "protobuf-enum-zero-value", 16),  # SPEED_NONE = 0 does not end with _UNSPECIFIED
    }
