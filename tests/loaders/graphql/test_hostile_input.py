"""Inputs that must end in a finding or a fast success: never a crash, a hang or a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.loaders.graphql.helpers import at, check_json


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_empty_file(tmp_path: Path) -> None:
    code, diagnostics = check_json(_write(tmp_path, "empty.graphql", ""))
    assert code == 1
    assert at(diagnostics) == [("syntax-error", "empty.graphql", 1, 1)]


def test_invalid_utf8(tmp_path: Path) -> None:
    code, diagnostics = check_json(_write(tmp_path, "bad.graphql", b"type Query {\n  na\xffme: Int\n}\n"))
    assert code == 1
    assert at(diagnostics) == [("syntax-error", "bad.graphql", 2, 5)]


def test_deeply_nested_list_type(tmp_path: Path) -> None:
    text = "type Query {\n  f: " + "[" * 5000 + "Int" + "]" * 5000 + "\n}\n"
    code, diagnostics = check_json(_write(tmp_path, "deep.graphql", text))
    assert code == 1
    assert at(diagnostics) == [("syntax-error", "deep.graphql", 2, 6)]
    assert "too deep" in diagnostics[0]["message"]


def test_deeply_nested_values(tmp_path: Path) -> None:
    text = "type Query {\n  f(a: [Int] = " + "[" * 4000 + "1" + "]" * 4000 + "): Int @x(o: " + "{a: " * 3000
    code, diagnostics = check_json(_write(tmp_path, "values.graphql", text + "1" + "}" * 3000 + ")\n}\n"))
    assert code == 1
    assert [(rule, line) for rule, _, line, _ in at(diagnostics)] == [("syntax-error", 2)]


def test_unterminated_description(tmp_path: Path) -> None:
    code, diagnostics = check_json(_write(tmp_path, "open.graphql", 'type Query {\n  """doc\n  a: Int\n'))
    assert code == 1
    assert at(diagnostics) == [("syntax-error", "open.graphql", 4, 1)]  # the end of the file


def test_wide_type_is_fast(tmp_path: Path) -> None:
    fields = "".join(f"  field{i}: Int\n" for i in range(50_000))
    text = "type Query {\n  wide: Wide\n}\n\ntype Wide {\n" + fields + "  field7: String\n}\n"
    path = _write(tmp_path, "wide.graphql", text)
    start = time.perf_counter()
    code, diagnostics = check_json(path)
    assert time.perf_counter() - start < 30
    assert code == 1
    assert at(diagnostics) == [("invalid-structure", "wide.graphql", 50_006, 3)]  # the second field7


def test_one_broken_file_does_not_hide_the_others(tmp_path: Path) -> None:
    _write(tmp_path, "a.graphql", "type Query {\n  a: Int\n  a: Int\n}\n")
    _write(tmp_path, "b.graphql", "type B {\n  x: [Int\n}\n")
    code, diagnostics = check_json(tmp_path)
    assert code == 1
    assert at(diagnostics) == [
        ("invalid-structure", "a.graphql", 3, 3),
        ("syntax-error", "b.graphql", 3, 1),  # the unexpected "}"
    ]


@pytest.mark.parametrize(
    "text",
    [
        'a { { | type # type , , @ : @ } schema String ] = ( { ] ] @ extend ] a @ Int b ( # b ) \n \n } type ( " ) '
        '""" schema ! @ } @   extend ! String """ union type : type " [ Query   ] #',  # hung before
        '"""' + " word" * 20_000,
        "# note\n" * 5_000 + '"""' + " q" * 5_000,
    ],
)
def test_unterminated_block_string_does_not_backtrack(text: str) -> None:
    # The token pattern once backtracked exponentially on an unterminated block string: a hang.
    code = f"from speclint.loaders.graphql.fast_parser import parse_type_system; parse_type_system({text!r})"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
