"""A long-running ``speclint server`` keeps a bounded number of protoc child processes: every
re-lint of a proto tree that protoc rejects (compiled again in halves, side by side) reuses the
children that are already there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.server.editor import Editor

BROKEN = """\
syntax = "proto3";

package acme.v1;

// Version {version}.
message Broken {{
  string name = 1
}}
"""

OTHER = """\
syntax = "proto3";

package acme.v1;

// {name}.
message {name} {{
  // Its name.
  string name = 1;
}}
"""


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        if int(fields[1]) == pid and fields[0] != "Z":  # living children (a reaped one is gone)
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_relints_keep_a_bounded_number_of_protoc_children(tmp_path: Path, editor: Editor) -> None:
    folder = tmp_path / "acme" / "v1"
    folder.mkdir(parents=True)
    (folder / "broken.proto").write_text(BROKEN.format(version=0))
    for name in ("Alpha", "Beta", "Gamma"):
        (folder / f"{name.lower()}.proto").write_text(OTHER.format(name=name))
    (tmp_path / "buf.yaml").write_text("version: v2\n")
    editor.initialize(tmp_path)
    uri = editor.open(folder / "broken.proto", language="proto")
    counts = []
    for version in range(1, 9):
        current = editor.replace_text(uri, BROKEN.format(version=version))
        diagnostics = editor.diagnostics(uri, version=current)
        assert any(d["code"] == "syntax-error" for d in diagnostics), diagnostics
        counts.append(len(children_of(editor.process.pid)))
    assert max(counts) <= 2, counts  # one protoc child per run that can be under way at once
    assert editor.shutdown() == 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_protoc_runs_from_ever_new_threads_reuse_their_children(tmp_path: Path) -> None:
    # The server lints in threads that come and go (and thread ids are reused only by chance):
    # a child per thread would pile up for as long as the editor stays open.
    import os
    import threading

    from speclint.loaders.protobuf.protoc import IDLE_SERVERS, ProtocRun, run_protoc

    (tmp_path / "one.proto").write_text(OTHER.format(name="One"))
    before = len(children_of(os.getpid()))
    sleepers = []
    runs: list[ProtocRun] = []
    for _ in range(6):
        done = threading.Event()
        sleeper = threading.Thread(target=done.wait)  # holds a thread id while the next run starts
        sleeper.start()
        sleepers.append(done)
        worker = threading.Thread(target=lambda: runs.append(run_protoc(["one.proto"], [tmp_path])))
        worker.start()
        worker.join()
    assert len(runs) == 6 and all(run.ok for run in runs)
    for done in sleepers:
        done.set()
    assert len(children_of(os.getpid())) - before <= IDLE_SERVERS
