"""Compile the batches with as few protoc runs as possible, and keep going past broken files.

Each batch is compiled by one protoc run. protoc stops at the first file it cannot build, so
when a run fails, the files it named (and every file importing them) are set aside, and the
rest is compiled again in two halves, side by side. A healthy tree costs one run (two side by
side for a large one); each broken file costs a few runs over ever smaller halves.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from speclint.loaders.protobuf.imports import ImportGraph
from speclint.loaders.protobuf.protoc import ProtocMessage, ProtocRun, run_protoc
from speclint.loaders.protobuf.roots import Batch, ProtoFile

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import FileDescriptorProto

MAX_RUNS = 64
WORKERS = max(1, min(2, os.cpu_count() or 1))
SPLIT_FROM = 400  # a batch this large is compiled by WORKERS runs side by side


@dataclass(frozen=True)
class Job:
    batch: Batch
    graph: ImportGraph
    files: tuple[ProtoFile, ...]


@dataclass
class Compiled:
    """Descriptor sets of the runs that succeeded, and the errors of those that failed."""

    sets: list[tuple[Batch, Sequence[FileDescriptorProto], tuple[ProtoFile, ...]]] = field(default_factory=list)
    messages: list[tuple[Batch, ProtocMessage]] = field(default_factory=list)
    runs: int = 0


def compile_batches(jobs: list[Job]) -> Compiled:
    """Run protoc over every job, splitting failed jobs until every healthy file is compiled."""
    from google.protobuf.descriptor_pb2 import FileDescriptorSet

    compiled = Compiled()
    pending = [part for job in jobs if job.files for part in _parts(job)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        while pending:
            running: list[tuple[Job, Future[ProtocRun] | ProtocRun]] = []
            for job in pending:
                inputs = [f.virtual for f in job.files]
                if len(pending) == 1:  # a small tree, the common case: no thread
                    running.append((job, run_protoc(inputs, job.batch.roots)))
                else:
                    running.append((job, pool.submit(run_protoc, inputs, job.batch.roots)))
            pending = []
            for job, started in running:
                run = started if isinstance(started, ProtocRun) else started.result()
                compiled.runs += 1
                if run.ok:
                    compiled.sets.append((job.batch, FileDescriptorSet.FromString(run.descriptor_set).file, job.files))
                    continue
                messages = [_with_file(m, job) for m in run.messages]
                compiled.messages.extend((job.batch, m) for m in messages)
                if compiled.runs + len(pending) < MAX_RUNS:
                    pending.extend(_retry(job, messages))
    return compiled


PACK_MAX_FILES = 200  # a tree this large is compiled on its own (its imports are a small share)


def compile_packed(trees: list[list[Job]]) -> list[Compiled | None]:
    """Compile several independent trees (each given by its jobs) with one protoc run per group of
    trees that share their import roots; each tree gets only its own files and their imports.

    Packing never changes a tree's result: protoc resolves a file's names only against its own
    imports, so a tree compiles the same beside others. When a packed run fails (a broken file,
    or two trees that use one extension number of ``google.protobuf.*Options``), the trees its
    errors name are left out and the rest is tried again; a tree left out gets None, and the
    caller compiles it alone, as :func:`compile_batches` would."""
    from google.protobuf.descriptor_pb2 import FileDescriptorSet

    results: list[Compiled | None] = [None] * len(trees)
    groups: dict[tuple[Path, ...], list[int]] = {}
    for index, jobs in enumerate(trees):
        if len(jobs) == 1 and 0 < len(jobs[0].files) <= PACK_MAX_FILES:
            groups.setdefault(jobs[0].batch.roots, []).append(index)
    for roots, members in groups.items():
        for _ in range(PACK_ATTEMPTS):
            names = [f.virtual for index in members for f in trees[index][0].files]
            if len(members) < 2 or len(set(names)) != len(names):
                break
            run = run_protoc(names, roots)
            if not run.ok:
                blamed = _blamed(run.messages, [trees[index][0] for index in members])
                members = [index for position, index in enumerate(members) if position not in blamed]
                if not blamed:
                    break  # a failure of no tree's own file: every tree alone
                continue
            by_name = {proto.name: proto for proto in FileDescriptorSet.FromString(run.descriptor_set).file}
            for index in members:
                job = trees[index][0]
                own = _with_imports([f.virtual for f in job.files], by_name)
                results[index] = Compiled(sets=[(job.batch, own, job.files)], runs=1)
            break
    return results


PACK_ATTEMPTS = 3  # a failed packed run is tried again without the trees its errors name


def _blamed(messages: list[ProtocMessage], jobs: list[Job]) -> set[int]:
    """The positions in ``jobs`` of the trees whose files protoc's errors name."""
    owner: dict[Path, int] = {f.path: position for position, job in enumerate(jobs) for f in job.files}
    blamed: set[int] = set()
    for message in messages:
        path = jobs[0].batch.locate(message.file) if message.file else None
        if path is not None and path in owner:
            blamed.add(owner[path])
    return blamed


def _with_imports(names: list[str], by_name: dict[str, FileDescriptorProto]) -> list[FileDescriptorProto]:
    """The descriptors of ``names`` and of every file they import, directly or not."""
    seen: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        pending.extend(by_name[name].dependency)
    return [proto for name, proto in by_name.items() if name in seen]


def _with_file(message: ProtocMessage, job: Job) -> ProtocMessage:
    """A message that names no file is reported on the first file of the run."""
    return message if message.file else replace(message, file=job.files[0].virtual)


def _parts(job: Job) -> list[Job]:
    """A large job in WORKERS contiguous parts (files of a folder stay together)."""
    if WORKERS < 2 or len(job.files) < SPLIT_FROM:
        return [job]
    size = -(-len(job.files) // WORKERS)
    return [Job(job.batch, job.graph, job.files[i : i + size]) for i in range(0, len(job.files), size)]


def _retry(job: Job, messages: list[ProtocMessage]) -> list[Job]:
    """What is left to compile after a failed run: the files protoc did not blame, in halves."""
    blamed: set[Path] = set()
    for message in messages:
        path = job.batch.locate(message.file) if message.file else None
        if path is not None:
            blamed.add(path)
    if not blamed:
        return []  # protoc itself failed (see its message): retrying would fail the same way
    out = job.graph.importers_of(blamed)
    rest = tuple(f for f in job.files if f.path not in out)
    if not rest:
        return []
    if len(rest) == 1:
        return [Job(job.batch, job.graph, rest)]
    middle = len(rest) // 2
    return [Job(job.batch, job.graph, rest[:middle]), Job(job.batch, job.graph, rest[middle:])]
