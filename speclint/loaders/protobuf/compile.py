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
from typing import TYPE_CHECKING

from speclint.loaders.protobuf.imports import ImportGraph
from speclint.loaders.protobuf.protoc import ProtocMessage, ProtocRun, run_protoc
from speclint.loaders.protobuf.roots import Batch, ProtoFile

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import FileDescriptorSet

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

    sets: list[tuple[Batch, FileDescriptorSet, tuple[ProtoFile, ...]]] = field(default_factory=list)
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
                    compiled.sets.append((job.batch, FileDescriptorSet.FromString(run.descriptor_set), job.files))
                    continue
                messages = [_with_file(m, job) for m in run.messages]
                compiled.messages.extend((job.batch, m) for m in messages)
                if compiled.runs + len(pending) < MAX_RUNS:
                    pending.extend(_retry(job, messages))
    return compiled


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
