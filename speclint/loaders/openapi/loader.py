"""Read OpenAPI files into the model, with syntax, structure and reference findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.display import display_path
from speclint.loaders.openapi.build import ModelBuilder, format_version
from speclint.loaders.openapi.document import Document
from speclint.loaders.openapi.refs import Node, Workspace
from speclint.loaders.openapi.validate import validate
from speclint.loaders.problems import (
    INVALID_STRUCTURE,
    REFUSED_REF,
    SYNTAX_ERROR,
    UNKNOWN_FORMAT,
    UNRESOLVED_REF,
)
from speclint.model import SpecFormat

FORMAT = SpecFormat.OPENAPI.value


class OpenApiLoader:
    format = SpecFormat.OPENAPI

    def load(self, paths: Sequence[Path], options: LoadOptions) -> list[LoadResult]:
        return [self.load_file(path, options) for path in paths]

    def load_file(self, path: Path, options: LoadOptions) -> LoadResult:
        display = display_path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            document = Document(path, display, b"")
            message = f"cannot read the file: {error.strerror}"
            return LoadResult((display,), None, [SYNTAX_ERROR.at(document.location(""), message, FORMAT)])
        document = Document(path.resolve(), display, data)
        if document.problem is not None:
            finding = SYNTAX_ERROR.at(document.problem_location(), document.problem.message, FORMAT)
            return LoadResult((display,), None, [finding])
        version = format_version(document.root)
        if not version:
            message = "not an OpenAPI document: no top-level 'openapi' or 'swagger' key"
            return LoadResult((display,), None, [UNKNOWN_FORMAT.at(document.location(""), message, FORMAT)])
        findings = [
            INVALID_STRUCTURE.at(document.location(e.pointer), e.message, FORMAT)
            for e in validate(document.root, version)
        ]
        workspace = Workspace(document, options)
        _visit_refs(workspace)
        api = ModelBuilder(workspace).build()
        for problem in workspace.problems.values():
            kind = REFUSED_REF if problem.refused else UNRESOLVED_REF
            at = problem.at.child("$ref") or problem.at
            findings.append(kind.at(at.location, problem.message, FORMAT))
        return LoadResult(api.files, api, findings)


def _visit_refs(workspace: Workspace) -> None:
    """Follow every ``$ref`` of every file the API reaches, so each bad one is found."""
    visited: set[str] = set()
    pending = [workspace.entry]
    while pending:
        document = pending.pop()
        if str(document.path) in visited:
            continue
        visited.add(str(document.path))
        stack: list[Node] = [Node(document.root, document, "")]
        while stack:
            node = stack.pop()
            value: Any = node.value
            if isinstance(value, dict):
                ref = value.get("$ref")
                if isinstance(ref, str):
                    target = workspace.follow(node, ref)
                    if target is not None and str(target.document.path) not in visited:
                        pending.append(target.document)
                for _, child in node.items():
                    if isinstance(child.value, (dict, list)):
                        stack.append(child)
            elif isinstance(value, list):
                stack.extend(c for c in node.elements() if isinstance(c.value, (dict, list)))
