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

from pathlib import Path
from typing import Sequence

from speclint.loaders.base import LoadOptions
from speclint.loaders.protobuf.imports import ImportStatement, build_graph, head_of
from speclint.loaders.protobuf.roots import forget_file_lookups, plan_layout, real_path


def independent_trees(paths: Sequence[Path], options: LoadOptions) -> list[list[Path]]:
    """``paths`` in groups that share nothing, each in the order of ``paths``; groups ordered by
    their first file."""
    forget_file_lookups()
    layout = plan_layout(paths, options)
    resolved = {path: str(real_path(path)) for path in paths}  # strings: compared in C, not by pathlib
    parent: dict[str, str] = {text: text for text in resolved.values()}

    def find(text: str) -> str:
        while parent[text] != text:
            parent[text] = parent[parent[text]]
            text = parent[text]
        return text

    def union(one: str, other: str) -> None:
        if one in parent and other in parent:
            parent[find(one)] = find(other)

    cache: dict[Path, list[ImportStatement]] = {}
    for batch in layout.batches:
        graph = build_graph(batch, cache)
        for source, targets in graph.edges.items():
            for _, target in targets:
                union(str(source), str(target))
    for shadowed in layout.shadowed:
        union(str(shadowed.file.path), str(shadowed.by))
    packages: dict[bytes, str] = {}
    for text in parent:
        head = head_of(Path(text))
        if head is not None:
            union(text, packages.setdefault(head.package, text))
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(find(resolved[path]), []).append(path)
    return list(groups.values())


