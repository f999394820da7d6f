"""Parallel, sharded and cached runs give the same findings as a plain run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

SELECT = ("--select", "openapi-operation-id-casing,security-scheme-defined,unresolved-ref,syntax-error")


def _corpus(tmp_path: Path, fixtures: Path) -> Path:
    corpus = tmp_path / "specs"
    shutil.copytree(fixtures / "openapi", corpus)
    for index in range(6):
        text = (fixtures / "openapi/planted/openapi.yaml").read_text().replace("Create_Pet", f"Create_Pet{index}")
        (corpus / f"copy{index}.yaml").write_text(text)
    return corpus


def _diagnostics(*args: object) -> list[tuple[str, str, int]]:
    result = run_cli("check", "--format", "json", "--no-cache", *SELECT, *map(str, args))
    return [(d["file"], d["rule"], d["line"]) for d in result.json()["diagnostics"]]


def test_jobs_give_identical_output(tmp_path: Path, fixtures: Path) -> None:
    corpus = _corpus(tmp_path, fixtures)
    serial = run_cli("check", "--no-cache", "--jobs", "1", *SELECT, corpus)
    parallel = run_cli("check", "--no-cache", "--jobs", "2", *SELECT, corpus)
    assert serial.stdout == parallel.stdout
    assert serial.code == parallel.code == 1
    assert serial.stdout.count("Create_Pet") == 8


def test_shards_split_the_work_without_overlap(tmp_path: Path, fixtures: Path) -> None:
    corpus = _corpus(tmp_path, fixtures)
    whole = _diagnostics(corpus)
    parts = [_diagnostics("--shard", f"{k}/3", corpus) for k in (1, 2, 3)]
    assert sorted(x for part in parts for x in part) == sorted(whole)
    files = [{file for file, _, _ in part} for part in parts]
    assert all(files) and not (files[0] & files[1]) and not (files[1] & files[2])
    assert _diagnostics("--shard", "2/3", corpus) == parts[1]


@pytest.mark.parametrize("bad", ["0/2", "3/2", "x", "1/0"])
def test_bad_shard_exits_2(fixtures: Path, bad: str) -> None:
    assert run_cli("check", "--shard", bad, fixtures / "openapi/petstore").code == 2


def test_cache_is_reused_and_invalidated_by_referenced_files(
    tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(fixtures / "openapi/multi", project)
    monkeypatch.chdir(project)
    first = run_cli("check", "--format", "json", *SELECT, ".").json()["diagnostics"]
    entries = list(Path(".speclint_cache").rglob("*.json"))
    assert len(entries) == 1
    second = run_cli("check", "--format", "json", *SELECT, ".").json()["diagnostics"]
    assert first == second
    assert list(Path(".speclint_cache").rglob("*.json")) == entries
    # fixing the referenced file, not the entry document, must be seen
    order = Path("schemas/order.yaml")
    order.write_text(order.read_text().replace("./missing.yaml#/Line", "#/Customer"))
    third = run_cli("check", "--format", "json", *SELECT, ".").json()["diagnostics"]
    assert [d["rule"] for d in first] == ["unresolved-ref"]
    assert third == []
    assert (Path(".speclint_cache") / ".gitignore").read_text().strip().endswith("*")
