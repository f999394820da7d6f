"""Read GraphQL SDL files into the model, with syntax and structure findings.

Grouping: the files of one ``load`` call that lie under the same root (a folder named on the
command line, or the folder of a file named there; the most specific root wins) form ONE
schema, so a schema split over a folder is linted as a whole, with each finding in its own
file. Without roots, all the files of the call form one schema. Files that hold only
operations and fragments (client queries, not SDL) are left out of the schema.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.collector import cycle_collector_paused
from speclint.loaders.display import display_path
from speclint.loaders.graphql.build import SchemaBuilder
from speclint.loaders.graphql.source import SourceFile
from speclint.loaders.problems import INVALID_STRUCTURE, SYNTAX_ERROR, UNKNOWN_FORMAT
from speclint.model import SpecFormat
from speclint.sources.overlay import read_bytes

FORMAT = SpecFormat.GRAPHQL.value
_EXECUTABLE = frozenset({"operation_definition", "fragment_definition"})


class GraphQLLoader:
    format = SpecFormat.GRAPHQL

    def load(self, paths: Sequence[Path], options: LoadOptions) -> list[LoadResult]:
        """Load the schemas among ``paths``.

        A large SDL file becomes hundreds of thousands of AST nodes, which the cyclic garbage
        collector would traverse again and again, young generation after young generation, for
        nothing: the AST is acyclic (see ``source.py``), reference counting frees it. So
        collection is off while loading (see ``cycle_collector_paused``). On GitHub's schema this
        saves about 0.1 s of the whole run.
        """
        with cycle_collector_paused():
            return [self.load_schema(group, options) for group in group_paths(paths, options.roots)]

    def load_schema(self, paths: Sequence[Path], options: LoadOptions) -> LoadResult:
        """Load the files of one schema."""
        files = [SourceFile(p, display_path(p), p in options.explicit).read() for p in paths]
        findings = [SYNTAX_ERROR.at(f.problem_location(), f.problem.message, FORMAT) for f in files if f.problem]
        schema_files = []
        for file in files:
            if file.document is not None and not _is_schema(file.document):
                if file.explicit:
                    message = "a GraphQL document of operations, not a schema (SDL)"
                    findings.append(UNKNOWN_FORMAT.at(file.start_location(), message, FORMAT))
                continue
            schema_files.append(file)
        if not any(f.document is not None for f in schema_files):
            return LoadResult(tuple(f.display for f in files), None, findings)
        builder = SchemaBuilder(schema_files, options.settings)
        api = builder.build(check_references=all(f.problem is None for f in schema_files))
        findings.extend(INVALID_STRUCTURE.at(p.location, p.message, FORMAT) for p in builder.problems)
        return LoadResult(api.files, api, findings)


def group_paths(paths: Sequence[Path], roots: tuple[Path, ...]) -> list[list[Path]]:
    """The files of each schema.

    First by the most specific root that holds them (a folder named on the command line, or
    the folder of a file named there). Within a root, a folder that holds a file defining a
    root operation type (``type Query``, ``schema { ... }``) starts a schema of its own: each file
    belongs to the nearest such folder above it, so ``services/a`` and ``services/b`` with a
    ``Query`` each are two schemas, while ``schema/query.graphql`` and ``schema/types/*.graphql``
    are one. Files under no such folder join the root's only schema, if it has exactly one.
    """
    if not paths:
        return []
    real_roots = sorted({os.path.realpath(r) for r in roots}, key=len, reverse=True)
    by_root: dict[str, list[Path]] = {}
    for path in paths:
        real = os.path.realpath(path)
        key = next((r for r in real_roots if real == r or real.startswith(r.rstrip(os.sep) + os.sep)), "")
        by_root.setdefault(key, []).append(path)
    groups: list[list[Path]] = []
    for root, members in by_root.items():
        groups.extend(_split_by_schema_folder(root, members))
    return groups


_ROOT_TYPE = re.compile(rb"(?m)^[ \t]*(?:type[ \t]+(?:Query|Mutation|Subscription)\b|schema[ \t]*(?:@[^{]*)?\{)")


def _split_by_schema_folder(root: str, members: list[Path]) -> list[list[Path]]:
    folders: set[str] = set()
    for path in members:
        try:
            head = read_bytes(path)
        except OSError:
            continue
        if _ROOT_TYPE.search(head):
            folders.add(os.path.dirname(os.path.realpath(path)))
    if len(folders) <= 1:
        return [members]
    ordered = sorted(folders, key=len, reverse=True)
    groups: dict[str, list[Path]] = {}
    for path in members:
        directory = os.path.dirname(os.path.realpath(path))
        owner = next(
            (f for f in ordered if directory == f or directory.startswith(f.rstrip(os.sep) + os.sep)),
            root,
        )
        groups.setdefault(owner, []).append(path)
    return list(groups.values())


def _is_schema(document: object) -> bool:
    """True unless the document holds only operations and fragments."""
    definitions = getattr(document, "definitions", ())
    return not definitions or any(d.kind not in _EXECUTABLE for d in definitions)
