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


def test_parallel_chunks_hold_every_unit_once_largest_first_and_end_small(tmp_path: Path) -> None:
    # The pool's workers take chunks first come, first served: every unit must be in exactly one
    # chunk (a lost unit is lost findings), the large ones first, and the last chunks small, so
    # that a worker that ends early never waits long for the other.
    from speclint.lint.runner import _CHUNK_MAX_FILES, _scheduled_chunks
    from speclint.lint.units import Unit
    from speclint.model import SpecFormat

    units = []
    for index in range(120):  # proto trees of 1 to 5 files, one of them ten times the others
        paths = []
        for number in range(1 + index % 5):
            path = tmp_path / f"tree{index}" / f"f{number}.proto"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"x" * (1_000_000 if index == 7 else 2_000 + 100 * index))
            paths.append(path)
        units.append(Unit(SpecFormat.PROTOBUF, tuple(paths)))
    units.append(Unit(SpecFormat.OPENAPI, (tmp_path / "tree0" / "f0.proto",)))  # alone, whatever its size

    chunks = _scheduled_chunks(units, jobs=2)

    assert sorted(position for chunk in chunks for position in chunk) == list(range(len(units)))
    assert [len(chunk) for chunk in chunks if units[chunk[0]].format is SpecFormat.OPENAPI] == [1]
    cost = [sum(units[position].size for position in chunk) for chunk in chunks]
    assert chunks[0] == [7] and cost[0] >= max(cost[1:])
    assert all(sum(len(units[position].paths) for position in chunk) <= _CHUNK_MAX_FILES for chunk in chunks)
    proto_chunks = [c for c, chunk in zip(cost, chunks) if units[chunk[0]].format is SpecFormat.PROTOBUF]
    assert len(proto_chunks) >= 4 and proto_chunks[-1] <= sum(proto_chunks) / 8


def test_many_tiny_trees_share_few_chunks(tmp_path: Path) -> None:
    # Each chunk costs a protoc run over the common imports: tiny trees go at least
    # _CHUNK_FILES files to a chunk, however the bytes are shared out.
    from speclint.lint.runner import _CHUNK_FILES, _scheduled_chunks
    from speclint.lint.units import Unit
    from speclint.model import SpecFormat

    units = []
    for index in range(100):
        path = tmp_path / f"tiny{index}.proto"
        path.write_bytes(b"x" * 2_000)
        units.append(Unit(SpecFormat.PROTOBUF, (path,)))

    chunks = _scheduled_chunks(units, jobs=2)

    assert sorted(position for chunk in chunks for position in chunk) == list(range(100))
    assert len(chunks) == -(-100 // _CHUNK_FILES)
    assert all(len(chunk) >= _CHUNK_FILES for chunk in chunks[:-1])


def test_a_few_small_trees_are_linted_without_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Five one-file proto trees make one chunk: forking workers for it would only cost time.
    import speclint.lint.runner as runner

    for index in range(5):
        (tmp_path / f"tree{index}.proto").write_text(f'syntax = "proto3";\npackage tree{index}.v1;\nmessage M {{}}\n')

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool of workers was started")

    monkeypatch.setattr(runner, "ProcessPoolExecutor", no_pool)
    result = run_cli("check", "--no-cache", "--jobs", "2", "--format", "json", tmp_path)
    assert result.code in (0, 1), result.stderr
    assert result.json()["summary"]["files"] == 5
