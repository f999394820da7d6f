"""Bytes a parser might drop silently: NUL and other characters YAML forbids, keys written twice,
old Mac line ends. Each gives a finding at its place, or is read whole; never a silent cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

HEAD = 'openapi: 3.0.3\ninfo:\n  title: T\n  version: "1"\n'
BAD_OPERATION = (
    "paths:\n  /a:\n    get:\n      operationId: Bad_Id\n      responses:\n        '200':\n          description: ok\n"
)


def _check(path: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str]], str]:
    result = run_cli("check", "--no-cache", "--format", "json", *args, path)
    assert result.code in (0, 1), result.stderr
    found = [(d["rule"], d["line"], d["column"], d["message"]) for d in result.json()["diagnostics"]]
    return result.code, found, result.stderr


@pytest.mark.parametrize(("character", "name"), [("\x00", "U+0000"), ("\x01", "U+0001"), ("\x7f", "U+007F")])
def test_a_character_yaml_forbids_is_a_syntax_error_at_its_place(tmp_path: Path, character: str, name: str) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_bytes((HEAD + "x-note: ab" + character + "c\n" + BAD_OPERATION).encode())
    code, found, _ = _check(spec)
    assert code == 1
    assert found == [("syntax-error", 5, 11, f"invalid YAML: character {name} is not allowed in YAML")]


def test_a_nul_byte_does_not_hide_the_rest_of_the_file(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_bytes((HEAD + "\x00" + BAD_OPERATION).encode())
    code, found, _ = _check(spec, "--select", "openapi-operation-id-casing,syntax-error")
    assert code == 1 and [f[:3] for f in found] == [("syntax-error", 5, 1)]


def test_escaped_control_characters_in_quoted_yaml_are_fine(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(HEAD + 'x-note: "a\\x00b\\tc"\npaths: {}\n')
    assert not [f for f in _check(spec)[1] if f[0] == "syntax-error"]


def test_a_json_key_written_twice_is_reported_at_its_second_occurrence(tmp_path: Path) -> None:
    spec = tmp_path / "api.json"
    spec.write_text(
        '{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},\n'
        ' "paths": {\n'
        '  "/a": {"get": {"operationId": "Bad_Id", "responses": {"200": {"description": "x"}}}},\n'
        '  "/b": {},\n'
        '  "/a": {}}}\n'
    )
    code, found, _ = _check(spec)
    assert code == 1
    assert found == [("syntax-error", 5, 3, "invalid JSON: duplicate key '/a'")]


def test_a_yaml_key_written_twice_is_reported_at_its_second_occurrence(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(HEAD + BAD_OPERATION + "    get:\n      responses: {}\n")
    code, found, _ = _check(spec)
    assert code == 1
    assert found == [("syntax-error", 12, 5, "invalid YAML: duplicate key 'get'")]


def test_json_strings_that_look_like_keys_are_not_duplicates(tmp_path: Path) -> None:
    spec = tmp_path / "api.json"
    spec.write_text(
        '{"openapi": "3.0.3", "info": {"title": "T", "version": "1",\n'
        '  "description": "say \\"a\\": 1, \\"a\\" : 2 at 12:00 and {\\"b\\":3}"}, "paths": {}}\n'
    )
    assert not [f for f in _check(spec)[1] if f[0] == "syntax-error"]


def test_old_mac_line_ends_count_lines_as_yaml_does(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "api.yaml"
    good = "  /b:\n    get:\n      operationId: listB\n      responses:\n        '200':\n          description: ok\n"
    spec.write_bytes((HEAD + BAD_OPERATION + good).replace("\n", "\r").encode())
    code, found, stderr = _check(spec, "--select", "openapi-operation-id-casing")
    assert code == 0
    assert [f[:3] for f in found] == [("openapi-operation-id-casing", 8, 7)]
    assert stderr == "" and capfd.readouterr().err == ""  # nor a parser's message on file descriptor 2
