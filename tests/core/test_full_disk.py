"""A disk that fills up (``/dev/full``, or a file-size limit set on the real process) never leaves
a 0-byte or half-written report, a stale temporary file, an ``internal error`` or a traceback:
report files are written whole or not at all, a failed write is one line and exit 2, and a
cache entry that cannot be written is skipped."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from speclint.sources.atomic_write import atomic_text_writer
from tests.conftest import run_cli

SPEC = """openapi: 3.0.3
info:
  title: t
  version: "1"
paths:
  /Pets_list:
    get:
      responses:
        "200":
          description: ok
"""
FULL = "/dev/full"
needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full on this system")


def _spec(folder: Path) -> Path:
    (folder / "api.yaml").write_text(SPEC)
    return folder / "api.yaml"


def _size_limit(limit: int) -> Callable[[], None]:
    """For ``preexec_fn``: writes past ``limit`` bytes fail with EFBIG (as a full disk fails with
    ENOSPC) instead of killing the process with SIGXFSZ."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _speclint(
    folder: Path, *args: str, limit: int | None = None, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "speclint", *args],
        cwd=folder,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=None if limit is None else _size_limit(limit),
    )


def _temporary_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


@needs_dev_full
@pytest.mark.parametrize(
    "command",
    [
        ["check", "--no-cache", "api.yaml", "--output", FULL],
        [
            "check",
            "--no-cache",
            "api.yaml",
            "--format",
            "json",
            "--output",
            "r.json",
            "--format",
            "sarif",
            "--output",
            FULL,
        ],
        ["check", "--no-cache", "api.yaml", "--write-baseline", FULL],
        ["diff", "api.yaml", "api.yaml", "--format", "json", "--output", FULL],
    ],
    ids=["check", "check-format-pairs", "write-baseline", "diff"],
)
def test_a_full_disk_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    _spec(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = run_cli(*command)
    assert done.code == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("speclint: error: cannot write ")
    assert line.endswith(f"{FULL}: No space left on device")
    assert _temporary_files(tmp_path) == []


@needs_dev_full
def test_standard_output_on_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _spec(tmp_path)
    with open(FULL, "w") as full:
        done = _speclint(tmp_path, "check", "api.yaml", "--no-cache", stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["speclint: error: cannot write standard output: No space left on device"]


def test_a_report_that_does_not_fit_leaves_the_previous_one_whole(tmp_path: Path) -> None:
    _spec(tmp_path)
    previous = '{"an": "earlier report"}\n'
    (tmp_path / "report.json").write_text(previous)
    done = _speclint(
        tmp_path, "check", "api.yaml", "--no-cache", "--format", "json", "--output", "report.json", limit=300
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["speclint: error: cannot write report.json: File too large"]
    assert (tmp_path / "report.json").read_text() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.yaml", "report.json"]


def test_a_report_that_does_not_fit_leaves_no_file_at_all(tmp_path: Path) -> None:
    _spec(tmp_path)
    done = _speclint(tmp_path, "check", "api.yaml", "--no-cache", "--output", "report.txt", limit=100)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["speclint: error: cannot write report.txt: File too large"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.yaml"]


def test_a_cache_that_cannot_be_written_is_skipped_without_leftovers(tmp_path: Path) -> None:
    _spec(tmp_path)
    done = _speclint(tmp_path, "check", "api.yaml", "--format", "json", limit=100)  # entries are larger
    assert done.returncode == 0
    assert done.stderr == ""
    assert '"rule": "openapi-operation-security"' in done.stdout
    cache = tmp_path / ".speclint_cache"
    assert [p.name for p in cache.rglob("*") if p.is_file()] == [".gitignore"]
    again = _speclint(tmp_path, "check", "api.yaml", "--format", "json")  # no limit: written now, and equal
    assert again.stdout == done.stdout
    assert len([p for p in cache.rglob("*.json")]) == 1
    assert _temporary_files(tmp_path) == []


def test_a_report_file_is_replaced_only_once_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_text_writer(target) as stream:
        stream.write("half of a new report")
        raise RuntimeError("a reporter that fails midway")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    with atomic_text_writer(target) as stream:
        stream.write("new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    fresh = tmp_path / "fresh.txt"
    with atomic_text_writer(fresh) as stream:
        stream.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask  # as open() would have made it, not mkstemp's 0600
