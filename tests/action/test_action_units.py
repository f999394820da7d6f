"""The Action by units, played through action.yml's own steps with a fake pull-request event:
a changed $ref target, one file of a GraphQL schema, odd file names, deleted files, only new
findings, the pull request comment and the breaking-change label, GitHub's annotation limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from tests.action.fake_github import FakeGitHub, serve
from tests.action.play import ActionRun, git, play
from tests.action.specs import NODES
from tests.helpers import create_pet, shop_spec
from tests.report.helpers import RULESET

NODE = 'type: object\nproperties:\n  id:\n    type: [integer, "null"]\n'
SCHEMA = '"""The root."""\ntype Query {\n  """a"""\n  a: Int\n}\n'
EXTENSION = 'extend type Query {\n  """b"""\n  b: Int\n}\n'


def _repo(tmp: Path, base: dict[str, str], head: dict[str, str | None]) -> tuple[Path, dict[str, object]]:
    """A repository with ``base`` committed on main and ``head`` (None deletes) on a branch; the
    pull request event of that branch."""
    repo = tmp / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    for name, text in base.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "base")
    sha = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "--quiet", "-b", "feature")
    for name, text in head.items():
        if text is None:
            (repo / name).unlink()
        else:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "head")
    return repo, {"pull_request": {"number": 7, "base": {"sha": sha}, "labels": []}}


def _play(
    repo: Path, tmp: Path, event: dict[str, object], api_url: str = "http://127.0.0.1:9", **inputs: str
) -> ActionRun:
    given = {"ruleset": RULESET, **{name.replace("_", "-"): value for name, value in inputs.items()}}
    return play(repo, tmp, "pull_request", event, given, env={"GITHUB_API_URL": api_url})


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    yield from serve()


def test_a_changed_ref_target_is_compared_through_its_document(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"openapi.yaml": NODES, "schemas/node.yaml": NODE},
                        {"schemas/node.yaml": NODE.replace('[integer, "null"]', "integer")})
    run = _play(repo, tmp_path, event)
    assert run.code == 1, run.stdout + run.stderr
    assert run.outputs["breaking"] == "1"
    assert "the 1 spec unit this pull request touches" in run.summary
    assert "request-type-changed" in run.summary
    assert any(a.startswith("::error file=schemas/node.yaml,line=4") and "no longer accepts null" in a
               for a in run.annotations), run.annotations


def test_one_file_of_a_graphql_schema_is_linted_with_its_schema(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"api/schema.graphql": SCHEMA, "api/ext.graphql": EXTENSION},
                        {"api/ext.graphql": EXTENSION.replace("b: Int", "b: Int\n  \"\"\"c\"\"\"\n  c: Int")})
    run = _play(repo, tmp_path, event)
    assert run.code == 0, run.stdout + run.stderr
    assert "cannot extend" not in run.stdout + run.summary
    assert "in 2 spec files" in run.summary
    assert run.outputs["breaking"] == "0"
    assert "could not compare" not in run.summary


def test_gql_and_graphqls_files_are_specs_too(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"api/schema.graphqls": SCHEMA, "api/ext.gql": EXTENSION},
                        {"api/ext.gql": EXTENSION.replace("b: Int", "b: String")})
    run = _play(repo, tmp_path, event)
    assert run.outputs["breaking"] == "1", run.summary
    assert run.code == 1


def test_odd_file_names_stay_file_names(tmp_path: Path) -> None:
    odd = ["--output=api.yaml", "-rf spec.yaml", "two words\nü.yaml"]
    spec = shop_spec("List_Pets")
    repo, event = _repo(tmp_path, {"api.yaml": shop_spec("listPets")}, dict.fromkeys(odd, spec))
    run = _play(repo, tmp_path, event, breaking="false")
    assert (repo / "api.yaml").read_text() == shop_spec("listPets")
    assert run.code == 1, run.stdout + run.stderr
    files = {d["artifactLocation"]["uri"] for d in _sarif_locations(run)}
    assert files == {"--output%3Dapi.yaml", "-rf%20spec.yaml", "two%20words%0A%C3%BC.yaml"}
    assert run.outputs["findings"] == "3"


def _sarif_locations(run: ActionRun) -> list[dict[str, dict[str, str]]]:
    assert run.sarif is not None
    return [r["locations"][0]["physicalLocation"] for r in run.sarif["runs"][0]["results"]]


def test_a_deleted_ref_target_fails_the_document_that_reads_it(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"openapi.yaml": NODES, "schemas/node.yaml": NODE}, {"schemas/node.yaml": None})
    run = _play(repo, tmp_path, event, breaking="false")
    assert run.code == 1, run.stdout + run.stderr
    assert "unresolved-ref" in run.summary and "<code>openapi.yaml:10:" in run.summary


def test_new_findings_only_takes_the_base_as_baseline(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"specs/shop.yaml": shop_spec("List_Pets")},
                        {"specs/shop.yaml": shop_spec("List_Pets", create_pet(secured=False))})
    everything = _play(repo, tmp_path, event, breaking="false")
    assert everything.outputs["findings"] == "2"
    new = _play(repo, tmp_path, event, breaking="false", new_findings_only="true")
    assert new.outputs["findings"] == "1", new.summary
    assert "Create_Pet" in new.summary and "List_Pets" not in new.summary
    assert new.code == 1
    # A change that adds no finding passes, old findings and all.
    git(repo, "checkout", "--quiet", "-b", "docs")
    (repo / "specs" / "shop.yaml").write_text(shop_spec("List_Pets") + "# a comment\n")
    git(repo, "commit", "--quiet", "-am", "comment only")
    assert _play(repo, tmp_path, event, breaking="false", new_findings_only="true").code == 0


def test_pr_comment_is_updated_in_place(tmp_path: Path, github: FakeGitHub) -> None:
    repo, event = _repo(tmp_path, {"specs/shop.yaml": shop_spec("listPets")},
                        {"specs/shop.yaml": shop_spec("List_Pets")})
    first = _play(repo, tmp_path, event, pr_comment="true", api_url=github.url)
    assert first.code == 1
    assert len(github.comments) == 1 and "## speclint" in github.bodies()[0]
    assert "List_Pets" in github.bodies()[0]
    second = _play(repo, tmp_path, event, pr_comment="true", api_url=github.url)
    assert second.code == 1 and len(github.comments) == 1
    assert [r[0] for r in github.requests] == ["GET", "POST", "GET", "PATCH"]
    assert {r[2] for r in github.requests} == {"Bearer fake-job-token"}
    # Without pr-comment the token is not even handed to speclint, and nothing is called.
    _play(repo, tmp_path, event, api_url=github.url)
    assert len(github.requests) == 4


def test_a_refused_comment_is_a_warning(tmp_path: Path, github: FakeGitHub) -> None:
    repo, event = _repo(tmp_path, {"specs/shop.yaml": shop_spec("listPets")},
                        {"specs/shop.yaml": shop_spec("listPets") + "# more\n"})
    github.refuse = 403
    run = _play(repo, tmp_path, event, pr_comment="true", api_url=github.url)
    assert run.code == 0, run.stdout + run.stderr
    assert any(a.startswith("::warning::pr-comment: GitHub answered 403") for a in run.annotations), run.annotations


def test_the_breaking_label_turns_breaking_changes_into_notices(tmp_path: Path) -> None:
    repo, event = _repo(tmp_path, {"openapi.yaml": NODES, "schemas/node.yaml": NODE},
                        {"schemas/node.yaml": NODE.replace('[integer, "null"]', "integer")})
    pull_request = event["pull_request"]
    assert isinstance(pull_request, dict)
    pull_request["labels"] = [{"name": "speclint: breaking ok"}]
    unlabelled = _play(repo, tmp_path, event, allow_breaking_label="other label")
    assert unlabelled.code == 1
    run = _play(repo, tmp_path, event, allow_breaking_label="speclint: breaking ok")
    assert run.code == 0, run.stdout + run.stderr
    assert run.outputs["breaking"] == "1"
    assert any(a.startswith("::notice file=schemas/node.yaml") for a in run.annotations), run.annotations
    assert not any(a.startswith("::error") for a in run.annotations)
    assert "The label 'speclint: breaking ok' allows the 1 breaking change." in run.summary


def test_the_summary_says_when_github_hides_annotations(tmp_path: Path) -> None:
    operations = "".join(
        f"  /p{i}:\n    get:\n      operationId: Get_{i}\n      responses:\n        '200': {{description: OK}}\n"
        for i in range(12)
    )
    repo, event = _repo(tmp_path, {"specs/shop.yaml": shop_spec("listPets")},
                        {"specs/shop.yaml": shop_spec("listPets", operations)})
    run = _play(repo, tmp_path, event, breaking="false")
    assert len([a for a in run.annotations if a.startswith("::error")]) == 12
    assert "2 of the 12 annotations are not shown" in run.summary


def test_working_directory_config_and_args(tmp_path: Path) -> None:
    config = "rules:\n  openapi-operation-id-casing: warning\n"
    repo, event = _repo(tmp_path, {"api/specs/shop.yaml": shop_spec("listPets"), "other/shop.yaml": shop_spec("x")},
                        {"api/specs/shop.yaml": shop_spec("List_Pets"), "other/shop.yaml": shop_spec("Y_y"),
                         "api/lint.yaml": config})
    run = _play(repo, tmp_path, event, working_directory="api", config="lint.yaml",
                args="--select 'naming' --fail-on warning", breaking="false")
    assert run.code == 1, run.stdout + run.stderr
    assert run.annotations == [
        "::warning file=api/specs/shop.yaml,line=8,col=7,endLine=8,"
        "title=speclint%3A openapi-operation-id-casing (naming)::operationId 'List_Pets' is not camelCase"
    ]
    assert "other" not in run.summary
    bad = _play(repo, tmp_path, event, working_directory="api", args="--select 'naming")
    assert bad.code == 2 and bad.annotations[0].startswith("::error::the args input cannot be split")


def test_push_without_a_base(tmp_path: Path) -> None:
    repo, _ = _repo(tmp_path, {"specs/shop.yaml": shop_spec("listPets")}, {"specs/shop.yaml": shop_spec("X_y")})
    run = play(repo, tmp_path, "push", {}, {"ruleset": RULESET, "new-findings-only": "true"})
    assert run.code == 1
    assert "new-findings-only needs a pull request's base" in run.summary
    assert json.loads(json.dumps(run.outputs)) == {"findings": "1", "breaking": "0",
                                                   "sarif-file": str(tmp_path / "runner" / "speclint.sarif")}
