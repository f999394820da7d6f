"""``speclint diff`` as users run it: --base against a real git repository, exit statuses, formats."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli

OPENAPI = FIXTURES / "diff" / "openapi"
SPLIT = FIXTURES / "diff" / "openapi-split"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit holds the split spec of fixtures/diff/openapi-split/old."""
    shutil.copytree(SPLIT / "old", tmp_path / "api")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "old")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_base_reads_the_old_side_and_its_refs_from_git(repo: Path) -> None:
    shutil.copy(SPLIT / "new" / "schemas" / "node.yaml", repo / "api" / "schemas" / "node.yaml")
    result = run_cli("diff", "--base", "HEAD", "api/openapi.yaml", "--format", "json")
    assert result.code == 1, result.stderr
    changes = result.json()["changes"]
    assert [(c["rule"], c["old"], c["new"]) for c in changes] == [
        (
            "request-type-changed",
            {"file": "api/schemas/node.yaml", "line": 7, "pointer": "/properties/weight/type"},
            {"file": "api/schemas/node.yaml", "line": 7, "pointer": "/properties/weight/type"},
        ),
        (
            "response-type-narrowed",
            {"file": "api/schemas/node.yaml", "line": 7, "pointer": "/properties/weight/type"},
            {"file": "api/schemas/node.yaml", "line": 7, "pointer": "/properties/weight/type"},
        ),
    ]


def test_base_without_changes_exits_0(repo: Path) -> None:
    result = run_cli("diff", "--base", "HEAD", "api/openapi.yaml")
    assert result.code == 0, result.stderr
    assert "no changes" in result.stdout


def test_base_with_a_new_spec_is_not_an_error(repo: Path) -> None:
    shutil.copy(OPENAPI / "base.yaml", repo / "api" / "items.yaml")
    result = run_cli("diff", "--base", "HEAD", "api/items.yaml", "--format", "json")
    assert result.code == 0, result.stderr
    assert [n["rule"] for n in result.json()["notes"]] == ["spec-added"]


def test_base_with_an_unknown_revision_exits_2(repo: Path) -> None:
    result = run_cli("diff", "--base", "no-such-rev", "api/openapi.yaml")
    assert result.code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown revision 'no-such-rev'" in result.stderr


def test_base_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(OPENAPI / "base.yaml", tmp_path / "spec.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "--base", "HEAD", "spec.yaml")
    assert result.code == 2
    assert result.stderr.startswith("speclint: error:") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("fail_on", "variant", "code"),
    [
        ("breaking", "operation-removed", 1),
        ("breaking", "response-enum", 0),
        ("potentially-breaking", "response-enum", 1),
        ("potentially-breaking", "max-length", 1),
        ("non-breaking", "base", 0),
        ("never", "operation-removed", 0),
    ],
)
def test_fail_on(fail_on: str, variant: str, code: int) -> None:
    result = run_cli("diff", OPENAPI / "base.yaml", OPENAPI / f"{variant}.yaml", "--fail-on", fail_on)
    assert result.code == code, result.stderr


def test_reverse_of_a_breaking_change_passes() -> None:
    assert run_cli("diff", OPENAPI / "operation-removed.yaml", OPENAPI / "base.yaml").code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "missing.yaml", OPENAPI / "base.yaml"),
        ("diff", OPENAPI / "base.yaml"),
        ("diff", OPENAPI / "base.yaml", FIXTURES / "diff" / "graphql" / "base.graphql"),
        ("diff", OPENAPI / "base.yaml", ROOT / "pyproject.toml"),
        ("diff", OPENAPI / "base.yaml", OPENAPI / "base.yaml", "--format", "nope"),
    ],
)
def test_cannot_run_exits_2_with_one_line(args: tuple[str | Path, ...]) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unparseable_spec_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\ninfo: [\n")
    result = run_cli("diff", OPENAPI / "base.yaml", broken)
    assert result.code == 2
    assert "broken.yaml" in result.stderr and result.stderr.count("\n") == 1


def test_text_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("diff", OPENAPI / "base.yaml", OPENAPI / "param-required.yaml")
    assert result.code == 1
    assert result.stdout.splitlines() == [
        "fixtures/diff/openapi/param-required.yaml:20: breaking [request-parameter-added-required] "
        "required query parameter 'expand' of GET /items was added",
        "note [major-version-unchanged] breaking changes while the major version stays the same (1.2.0 -> 1.2.0)",
        "1 change: 1 breaking, 0 potentially-breaking, 0 non-breaking",
    ]


def test_markdown_report_to_a_file(tmp_path: Path) -> None:
    output = tmp_path / "summary.md"
    result = run_cli(
        "diff", OPENAPI / "base.yaml", OPENAPI / "response-enum.yaml", "--format", "markdown", "--output", output
    )
    assert result.code == 0 and result.stdout == ""
    text = output.read_text()
    assert "**0** breaking, **1** potentially breaking, **0** non-breaking" in text
    assert "### Potentially breaking changes (1)" in text
    assert "| `response-enum-value-added` | enum value 'deleted' was added to Item.state (responses) |" in text


def test_github_annotations_escape_their_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    shutil.copy(OPENAPI / "base.yaml", folder / "old.yaml")
    text = (OPENAPI / "param-required.yaml").read_text().replace("name: expand", "name: 'ex%pand'")
    (folder / "new.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", folder / "old.yaml", folder / "new.yaml", "--format", "github")
    assert result.code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=a%2Cb%3Ac/new.yaml,line=20,title=breaking%3A request-parameter-added-required"
        "::required query parameter 'ex%25pand' of GET /items was added"
    )
    assert result.stdout.splitlines()[1].startswith("::warning title=major-version-unchanged::")


def test_github_annotation_of_a_removal_points_into_the_new_file() -> None:
    result = run_cli("diff", OPENAPI / "base.yaml", OPENAPI / "operation-removed.yaml", "--format", "github")
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=") and "operation-removed.yaml,line=9," in first
