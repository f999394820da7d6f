"""The pre-commit hook: its manifest as pre-commit reads it, pre-commit's own file selection, and
the hook run by pre-commit from a local ``rev`` on staged files."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from speclint.action.precommit import split_arguments
from tests.action.play import GIT_ENV, git
from tests.conftest import ROOT
from tests.report.helpers import RULESET, write_spec

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _hook_definition() -> dict[str, Any]:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is in the test extras")
    hooks = clientlib.load_manifest(str(MANIFEST))
    assert [hook["id"] for hook in hooks] == ["speclint"]
    hook: dict[str, Any] = hooks[0]
    return hook


def test_manifest_is_valid_for_pre_commit() -> None:
    hook = _hook_definition()
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"] == "python -m speclint.action.precommit"


def test_pre_commit_selects_every_spec_extension_and_nothing_else(tmp_path: Path) -> None:
    from pre_commit.commands.run import Classifier
    from pre_commit.hook import Hook

    names = ["a.yaml", "b.yml", "c.json", "d.graphql", "e.gql", "f.graphqls", "g.proto", "README.md", "x.txt",
             "h.py", "blob.json.gz"]
    for name in names:
        (tmp_path / name).write_text("x: 1\n")
    hook = Hook.create(str(ROOT), None, {**_hook_definition(), "additional_dependencies": []})
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        selected = list(Classifier(names).filenames_for_hook(hook))
    finally:
        os.chdir(cwd)
    assert selected == ["a.yaml", "b.yml", "c.json", "d.graphql", "e.gql", "f.graphqls", "g.proto"]


@pytest.mark.parametrize(
    ("argv", "existing", "expected"),
    [
        (["--ruleset", "strict", "a.yaml"], ["a.yaml"], (["--ruleset", "strict"], ["a.yaml"])),
        (["--ruleset", "strict", "strict", "a.yaml"], ["strict", "a.yaml"],
         (["--ruleset", "strict"], ["strict", "a.yaml"])),
        (["--ruleset", "strict", "a.yaml"], ["strict", "a.yaml"], (["--ruleset", "strict"], ["a.yaml"])),
        (["--no-color", "--output=api.yaml", "-q"], ["--output=api.yaml", "-q"],
         (["--no-color"], ["--output=api.yaml", "-q"])),
        (["--select", "naming", "--", "-x.yaml"], [], (["--select", "naming"], ["-x.yaml"])),
        (["--fail-on", "warning"], [], (["--fail-on", "warning"], [])),
    ],
)
def test_arguments_split_into_options_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], existing: list[str],
    expected: tuple[list[str], list[str]],
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in existing:
        (tmp_path / name).write_text("")
    assert split_arguments(argv) == expected


def _hook(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # As pre-commit runs it: the entry, the configured args, then the staged file names.
    command = [sys.executable, "-m", "speclint.action.precommit", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def test_hook_lints_the_staged_specs_only(tmp_path: Path) -> None:
    write_spec(tmp_path)
    (tmp_path / "docker-compose.yaml").write_text("services: {}\n")
    (tmp_path / "package.json").write_text("{}\n")
    result = _hook(tmp_path, "--ruleset", RULESET, "--no-color", "openapi.yaml", "docker-compose.yaml", "package.json")
    assert result.returncode == 1, result.stderr
    assert "openapi.yaml:13:7" in result.stdout
    assert "docker-compose" not in result.stdout + result.stderr
    assert "package.json" not in result.stdout + result.stderr


def test_hook_without_specs_passes(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("a: 1\n")
    result = _hook(tmp_path, "--ruleset", RULESET, "-q", "config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def _hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """A git repository holding this project's hook manifest, with the hook run by the test
    interpreter (``language: unsupported``) so pre-commit needs no install; pre-commit's file
    selection, arguments and staged-file handling are its own."""
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for hook in hooks:
        hook["language"] = "unsupported"
        hook["entry"] = hook["entry"].replace("python", shlex.quote(sys.executable), 1)
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks), encoding="utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "hooks")
    return repo, git(repo, "rev-parse", "HEAD").strip()


def test_pre_commit_runs_the_hook_on_the_units_staged_files_touch(tmp_path: Path) -> None:
    hook_repo, rev = _hook_repository(tmp_path)
    project = tmp_path / "project"
    (project / "api").mkdir(parents=True)
    (project / "schemas").mkdir()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks: [{{id: speclint, args: [--ruleset, {RULESET}]}}]\n"
    )
    (project / "api" / "schema.graphql").write_text('"""Root."""\ntype Query {\n  """a"""\n  a: Int\n}\n')
    (project / "api" / "ext.gql").write_text('extend type Query {\n  """b"""\n  b: Int\n}\n')
    write_spec(project, "api.yaml")
    (project / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /n:\n    get:\n      operationId: getN\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: 'schemas/node.yaml'}\n"
    )
    (project / "schemas" / "node.yaml").write_text("type: object\n")
    git(project, "init", "--quiet")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "start")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)

    def pre_commit(*staged: str) -> subprocess.CompletedProcess[str]:
        git(project, "add", "--", *staged)
        command = [sys.executable, "-m", "pre_commit", "run", "--color=never"]
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False)

    # One file of a two-file schema: linted with the rest of its schema, so `extend type` works.
    (project / "api" / "ext.gql").write_text('extend type Query {\n  """c"""\n  c: Int\n}\n')
    result = pre_commit("api/ext.gql")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    # A staged $ref target is linted through the document that reads it.
    (project / "schemas" / "node.yaml").write_text("type: object\nproperties:\n  a: {$ref: './gone.yaml'}\n")
    result = pre_commit("schemas/node.yaml")
    assert result.returncode == 1
    assert "schemas/node.yaml:3:" in result.stdout and "unresolved-ref" in result.stdout
    git(project, "reset", "--quiet", "--hard")
    # A staged file named like an option is a file: api.yaml is not overwritten with a report.
    write_spec(project, "--output=api.yaml")
    before = (project / "api.yaml").read_text()
    result = pre_commit("--output=api.yaml")
    assert result.returncode == 1
    assert "--output=api.yaml:13:7" in result.stdout
    assert (project / "api.yaml").read_text() == before
