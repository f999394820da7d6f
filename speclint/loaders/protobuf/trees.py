"""Independent proto trees: the files that can be compiled and linted apart from the others.

Two linted files belong to one tree when one imports the other (directly or through other
linted files), or when they declare the same package (the model has one ``Api`` per package).
Each tree is compiled by protoc runs of its own and decoded with a descriptor pool of its own,
so unrelated trees cannot change each other's results: two packages that both extend
``google.protobuf.MethodOptions`` with number 50001 (the range every company uses) decode
their own options. Trees are the lint units of protobuf: they run in parallel and are cached
one by one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from speclint.loaders.base import LoadOptions
from speclint.loaders.protobuf.imports import ImportStatement, build_graph
from speclint.loaders.protobuf.roots import forget_file_lookups, plan_layout, real_path
from speclint.sources.overlay import read_bytes

_PACKAGE = re.compile(rb"(?m)^[ \t]*package[ \t]+([\w.]+)[ \t]*;")


def independent_trees(paths: Sequence[Path], options: LoadOptions) -> list[list[Path]]:
    """``paths`` in groups that share nothing, each in the order of ``paths``; groups ordered by
    their first file."""
    forget_file_lookups()
    layout = plan_layout(paths, options)
    resolved = {path: real_path(path) for path in paths}
    by_resolved: dict[Path, Path] = {}
    for path in paths:
        by_resolved.setdefault(resolved[path], path)
    parent: dict[Path, Path] = {path: path for path in by_resolved}

    def find(path: Path) -> Path:
        while parent[path] != path:
            parent[path] = parent[parent[path]]
            path = parent[path]
        return path

    def union(one: Path, other: Path) -> None:
        if one in parent and other in parent:
            parent[find(one)] = find(other)

    cache: dict[Path, list[ImportStatement]] = {}
    for batch in layout.batches:
        graph = build_graph(batch, cache)
        for source, targets in graph.edges.items():
            for _, target in targets:
                union(source, target)
    for shadowed in layout.shadowed:
        union(shadowed.file.path, shadowed.by)
    packages: dict[bytes, Path] = {}
    for path in by_resolved:
        package = _package(path)
        if package is not None:
            union(path, packages.setdefault(package, path))
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        groups.setdefault(find(resolved[path]), []).append(path)
    return list(groups.values())


def _package(path: Path) -> bytes | None:
    try:
        data = read_bytes(path)
    except OSError:
        return None
    match = _PACKAGE.search(data)
    return match.group(1) if match else b""
