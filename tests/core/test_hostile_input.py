"""Bad input ends as a finding at a line and column, or a one-line error: never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


def _only_finding(path: Path) -> dict[str, object]:
    result = run_cli("check", "--format", "json", "--select", "syntax,structure", path)
    assert result.code == 1, result.stderr
    (finding,) = result.json()["diagnostics"]
    return dict(finding)


@pytest.mark.parametrize(
    ("name", "content", "line", "column"),
    [
        ("broken.yaml", b"openapi: 3.0.0\ninfo:\n  title: [x\n  version: 1\n", 4, None),
        ("broken.json", b'{\n  "openapi": "3.0.0",\n  "info": {\n    "title": "x",,\n  }\n}\n', 4, None),
        ("bytes.yaml", b"openapi: 3.0.0\ninfo:\n  title: \xff\xfe\n", 3, 10),
        ("empty.yaml", b"", 1, 1),
    ],
)
def test_parse_errors_are_syntax_findings(
    tmp_path: Path, name: str, content: bytes, line: int, column: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    finding = _only_finding(path)
    assert (finding["rule"], finding["category"], finding["severity"]) == ("syntax-error", "syntax", "error")
    assert finding["line"] == line
    if column is not None:
        assert finding["column"] == column


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["openapi: 3.0.0", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 12):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    finding = _only_finding(path)
    assert finding["rule"] == "syntax-error"
    assert "alias" in str(finding["message"])


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_nesting(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"openapi": "3.0.0", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    finding = _only_finding(path)
    assert finding["rule"] == "syntax-error"


def test_python_tags_are_not_constructed(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text("openapi: 3.0.0\ninfo: !!python/object/apply:os.system ['touch pwned']\n")
    run_cli("check", path)
    assert not Path("pwned").exists()


@pytest.mark.parametrize("content", ["- a\n- b\n", "just a scalar\n", "42\n"])
def test_top_level_non_mapping(tmp_path: Path, content: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(content)
    finding = _only_finding(path)
    assert finding["rule"] == "unknown-format"


def test_pipes_and_escaping_links_are_not_read(tmp_path: Path) -> None:
    import os

    outside = tmp_path / "outside.yaml"
    outside.write_text("openapi: 3.0.0\ninfo: {title: secret, version: 1}\npaths: {}\n")
    project = tmp_path / "project"
    project.mkdir()
    os.mkfifo(project / "pipe.yaml")
    (project / "link.yaml").symlink_to(outside)
    (project / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    result = run_cli("check", "--no-cache", "--format", "json", project)
    assert result.code == 2 and result.stderr == f"speclint: error: no spec files found under {project}\n"
    (project / "api.yaml").write_text("openapi: 3.0.0\ninfo: {title: mine, version: 1}\npaths: {}\n")
    result = run_cli("check", "--no-cache", "--format", "json", "--select", "syntax-error", project)
    assert result.code == 0, result.stderr
    assert result.json()["summary"]["files"] == 1  # the pipe and the links are not read
    named = run_cli("check", project / "pipe.yaml")
    assert named.code == 2 and "not a regular file" in named.stderr
