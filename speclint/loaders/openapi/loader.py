"""Read OpenAPI files into the model, with syntax, structure and reference findings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Sequence

from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.collector import cycle_collector_paused
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
from speclint.sources.overlay import read_bytes
from speclint.sources.tree_positions import escape_token

FORMAT = SpecFormat.OPENAPI.value


class OpenApiLoader:
    format = SpecFormat.OPENAPI

    def load(self, paths: Sequence[Path], options: LoadOptions) -> Iterator[LoadResult]:
        """One result per file, made as it is consumed: a folder of thousands of specs is
        never held in memory at once."""
        for path in paths:
            yield self.load_file(path, options)

    def load_file(self, path: Path, options: LoadOptions) -> LoadResult:
        with cycle_collector_paused():
            return self._load_file(path, options)

    def _load_file(self, path: Path, options: LoadOptions) -> LoadResult:
        display = display_path(path)
        try:
            data = read_bytes(path)
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
        return LoadResult(api.files, api, findings, tuple(sorted(workspace.missing)))


def _visit_refs(workspace: Workspace) -> None:
    """Follow every ``$ref`` of every file the API reaches, so each bad one is found."""
    visited: set[str] = set()
    pending = [workspace.entry]
    while pending:
        document = pending.pop()
        if str(document.path) in visited:
            continue
        visited.add(str(document.path))
        if _visit_json_refs(workspace, document):
            continue
        # (value, trail): a trail is (parent trail, key), or None at the root; the pointer is
        # spelled out only for a reference seen for the first time
        stack: list[tuple[Any, Any]] = [(document.root, None)]
        pop, push = stack.pop, stack.append
        while stack:
            value, trail = pop()
            if type(value) is dict:
                ref = value.get("$ref")
                if isinstance(ref, str):
                    target = workspace.known_target(document, ref)
                    if target is None:
                        target = workspace.follow(Node(value, document, _pointer(trail)), ref)
                    if target is not None and str(target.document.path) not in visited:
                        pending.append(target.document)
                for key, child in value.items():
                    if type(child) is dict or type(child) is list:
                        push((child, (trail, key)))
            elif type(value) is list:
                for index, child in enumerate(value):
                    if type(child) is dict or type(child) is list:
                        push((child, (trail, str(index))))


def _pointer(trail: Any) -> str:
    tokens: list[str] = []
    while trail is not None:
        trail, key = trail
        tokens.append(escape_token(str(key)))
    return "".join("/" + token for token in reversed(tokens))


# A "$ref" key and its string value, in JSON text. Inside a JSON string a quote is escaped, so
# outside of the few keys spelled with \u escapes, every "$ref" member matches, once.
_JSON_REF = re.compile(rb'"\$ref"\s*:\s*"((?:[^"\\]|\\.)*)"')
_ESCAPED_REF_LETTER = re.compile(rb"\\u00(?:24|72|65|66)", re.IGNORECASE)  # $, r, e, f


def _visit_json_refs(workspace: Workspace, document: Document) -> bool:
    """Follow the references of a JSON document found in its text, without walking its data.

    Only when every one is local and resolves inside the document, which is the common case
    (one bundled file): then nothing depends on where each reference sits. Otherwise (a
    reference to another file, a broken one, a key spelled with escapes) the state is put
    back and False returned, for the walk to find each reference at its place.
    """
    if not document.is_json or _ESCAPED_REF_LETTER.search(document.data):
        return False
    import orjson

    state = workspace.snapshot()
    at = Node(document.root, document, "")
    for raw in dict.fromkeys(m.group(1) for m in _JSON_REF.finditer(document.data)):
        try:
            ref = orjson.loads(b'"' + raw + b'"')
        except orjson.JSONDecodeError:
            ref = None
        target = None
        if isinstance(ref, str) and ref.startswith("#"):
            target = workspace.known_target(document, ref) or workspace.follow(at, ref)
        if target is None or target.document is not document:
            workspace.restore(state)
            return False
    if len(workspace.problems) != len(state[1]) or len(workspace.documents) != len(state[0]):
        workspace.restore(state)
        return False
    return True
