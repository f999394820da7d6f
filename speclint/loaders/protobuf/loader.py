"""Read ``.proto`` files into the model: plan roots, check imports, run protoc, build APIs.

The results: one per package (its ``Api`` and the findings in its files), one per file that
has no model (it failed, or imports a file that did), and one without files or ``Api`` whose
dependencies are the files that imports reached outside the linted ones and the places where
a missing import was looked for (caches depend on them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from speclint.findings import Finding
from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.collector import cycle_collector_paused
from speclint.loaders.protobuf.build import DEFAULT_AUTH_OPTIONS, PackageBuilder
from speclint.loaders.protobuf.compile import Compiled, Job, compile_batches, compile_packed
from speclint.loaders.protobuf.diagnostics import import_findings, protoc_findings, shadowed_findings
from speclint.loaders.protobuf.imports import ImportStatement, build_graph
from speclint.loaders.protobuf.options import Decodings, OptionDecoder
from speclint.loaders.protobuf.roots import (
    Layout,
    ProtoFile,
    display_resolved,
    lies_below,
    plan_layout,
    real_path,
    well_known_root,
)
from speclint.loaders.protobuf.trees import independent_trees
from speclint.model import SpecFormat

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import FileDescriptorProto

AUTH_SETTING = "proto_auth_options"


class ProtobufLoader:
    """Compiles ``.proto`` files with protoc and builds one Api per package; ``split`` gives the
    independent trees, which the lint job loads one by one."""

    format = SpecFormat.PROTOBUF

    def split(self, paths: Sequence[Path], options: LoadOptions) -> list[list[Path]]:
        """The independent trees of ``paths``, each compiled and linted on its own."""
        return independent_trees(paths, options)

    def load(self, paths: Sequence[Path], options: LoadOptions) -> list[LoadResult]:
        plan = _plan(paths, options, {})
        return _results(plan, compile_batches(plan.jobs), options)

    def load_many(self, trees: Sequence[Sequence[Path]], options: LoadOptions) -> list[list[LoadResult]]:
        """``load`` of each of several independent trees (from ``split``), with fewer protoc runs:
        trees that compile cleanly together share one run (their common imports, such as
        ``google/api/annotations.proto``, are parsed once), and each tree still gets only its own
        files and imports. The results are those of ``load(tree)`` for each tree."""
        cache: dict[Path, list[ImportStatement]] = {}
        plans = [_plan(tree, options, cache) for tree in trees]
        packed = compile_packed([plan.jobs for plan in plans])
        shared: Decodings = {}  # trees loaded together decode the same option declarations once
        return [
            _results(plan, compiled if compiled is not None else compile_batches(plan.jobs), options, shared)
            for plan, compiled in zip(plans, packed)
        ]


@dataclass
class _Plan:
    """What is known of a tree before protoc runs: its layout, its import problems, the runs."""

    layout: Layout
    findings: list[Finding]
    jobs: list[Job]
    reached: set[Path] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)  # where each import not found could appear


def _plan(paths: Sequence[Path], options: LoadOptions, cache: dict[Path, list[ImportStatement]]) -> _Plan:
    layout = plan_layout(paths, options)
    plan = _Plan(layout, shadowed_findings(layout.shadowed), [])
    for batch in layout.batches:
        graph = build_graph(batch, cache)
        plan.reached.update(graph.edges)
        plan.missing.update(
            os.path.join(root, p.statement.name) for p in graph.problems if not p.cycle for root in batch.roots
        )
        plan.findings.extend(import_findings(graph.problems))
        blocked = graph.importers_of(graph.broken)
        plan.jobs.append(Job(batch, graph, tuple(f for f in batch.files if f.path not in blocked)))
    return plan


def _results(
    plan: _Plan, compiled: Compiled, options: LoadOptions, shared: Decodings | None = None
) -> list[LoadResult]:
    findings = plan.findings + protoc_findings(compiled.messages)
    known: dict[str, FileDescriptorProto] = {}
    packages: dict[str, list[tuple[ProtoFile, FileDescriptorProto]]] = {}
    for _, descriptors, inputs in compiled.sets:
        by_name = {proto.name: proto for proto in descriptors}
        for name, proto in by_name.items():
            known.setdefault(name, proto)
        for file in inputs:
            proto = by_name.get(file.virtual)
            if proto is not None:
                packages.setdefault(proto.package, []).append((file, proto))
    decoder = OptionDecoder(known, tuple(root for batch in plan.layout.batches for root in batch.roots), shared)
    auth_names = _auth_names(options.settings.get(AUTH_SETTING))
    results: list[LoadResult] = []
    linted_names = frozenset(proto.name for members in packages.values() for _, proto in members)
    with cycle_collector_paused():
        for package in sorted(packages):
            api = PackageBuilder(package, packages[package], decoder, auth_names, linted_names).build()
            results.append(LoadResult(api.files, api, []))
    layout = plan.layout
    linted = [f for b in layout.batches for f in b.files] + [s.file for s in layout.shadowed]
    results = _attach(results, findings, [f.display for f in linted])
    imported = _imported_files(plan.reached - {f.path for f in linted})
    if imported or plan.missing:
        results.append(LoadResult((), None, [], dependencies=imported + tuple(sorted(plan.missing))))
    return results


def _attach(results: list[LoadResult], findings: list[Finding], files: list[str]) -> list[LoadResult]:
    """Each finding goes with the API of its file; the other files get a result of their own."""
    owner = {file: result for result in results for file in result.files}
    orphans: dict[str, list[Finding]] = {}
    for finding in findings:
        result = owner.get(finding.file)
        if result is not None:
            result.findings.append(finding)
        else:
            orphans.setdefault(finding.file, []).append(finding)
    for file in files:
        if file not in owner:
            orphans.setdefault(file, [])
    results.extend(LoadResult((file,), None, found) for file, found in orphans.items())
    return results


def _imported_files(paths: Iterable[Path]) -> tuple[str, ...]:
    """Files that imports reached outside the linted ones (not the well-known types): they are
    read too, so a cache entry depends on them (but they are not linted, nor counted). ``paths``
    are resolved."""
    bundled = well_known_root()
    bundled = real_path(bundled) if bundled is not None else None
    cwd = Path.cwd().resolve()
    outside = [p for p in paths if bundled is None or not lies_below(p, bundled)]
    return tuple(sorted(display_resolved(p, cwd) for p in outside))


def _auth_names(setting: object) -> Iterable[str]:
    if isinstance(setting, str):
        return [part.strip() for part in setting.split(",") if part.strip()]
    if isinstance(setting, (list, tuple)):
        return [str(part) for part in setting]
    return DEFAULT_AUTH_OPTIONS
