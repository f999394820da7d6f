"""Changed files -> the units that read them: what a pull request or a commit really touches.

A change to a ``$ref`` target matters through every OpenAPI document whose refs reach it; a
change to one file of a GraphQL schema matters through the whole schema; a change to a proto
matters through every proto that imports it. :func:`affected_units` walks the spec files under
a folder, builds that reference graph (the ``$ref`` strings of the YAML/JSON files, the GraphQL
files that form one schema, the proto imports) and keeps the units that read a changed file.
Deleted files count: a document whose ref now dangles, or a proto whose import is gone, is
affected by the deletion.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import unquote, urlsplit

from speclint.lint.discover import SpecFile, discover
from speclint.loaders.detect import DATA_SUFFIXES, GRAPHQL_SUFFIXES, PROTO_SUFFIXES, SPEC_SUFFIXES
from speclint.model import SpecFormat

# A ``$ref`` to neither ``#...`` nor a URL: only a file with one can reach another file, so the
# others (most single-file documents) are never parsed.
_FILE_REF = re.compile(rb"""\$ref["']?\s*:\s*["']?(?!#|https?://)[^"'\s#]""")


@dataclass(frozen=True)
class AffectedUnit:
    """A unit to lint whole: the files to name (``entries``) and the changed files it reads."""

    format: SpecFormat
    entries: tuple[Path, ...]
    changed: tuple[Path, ...]


def affected_units(
    changed: Sequence[Path], root: Path = Path("."), proto_paths: Sequence[Path] = ()
) -> list[AffectedUnit]:
    """The units under ``root`` that read one of ``changed`` (files that may no longer exist)."""
    # Units read only spec-suffixed files (YAML/JSON $ref targets, GraphQL, protos): a change to
    # anything else (README.md, code) touches none, and the tree is not even walked.
    touched = {_key(path): path for path in changed if path.suffix.lower() in SPEC_SUFFIXES}
    if not touched:
        return []
    specs = discover([root])
    units: list[AffectedUnit] = []
    units += _openapi_units([s for s in specs if s.format is SpecFormat.OPENAPI], touched)
    units += _graphql_units([s for s in specs if s.format is SpecFormat.GRAPHQL], touched, root)
    units += _proto_units([s for s in specs if s.format is SpecFormat.PROTOBUF], touched, root, proto_paths)
    return units


def _key(path: Path) -> str:
    """One spelling per file, for files that may be gone (so no ``resolve()``)."""
    return os.path.normcase(os.path.abspath(path))


def _hits(reads: Sequence[str], touched: dict[str, Path]) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(touched[key] for key in reads if key in touched))


# OpenAPI: a document and every file its $refs reach.


def _openapi_units(specs: list[SpecFile], touched: dict[str, Path]) -> Iterator[AffectedUnit]:
    graph = RefGraph()
    for spec in specs:
        hits = _hits(graph.reach(_key(spec.path)), touched)
        if hits:
            yield AffectedUnit(SpecFormat.OPENAPI, (spec.path,), hits)


class RefGraph:
    """Which files the ``$ref``s of a YAML/JSON file name, each file parsed at most once."""

    def __init__(self) -> None:
        self._edges: dict[str, tuple[str, ...]] = {}

    def reach(self, start: str) -> list[str]:
        """``start`` and every file its refs reach, directly or not (missing files included)."""
        seen = {start: None}
        pending = [start]
        while pending:
            for target in self.refs_of(pending.pop()):
                if target not in seen:
                    seen[target] = None
                    pending.append(target)
        return list(seen)

    def refs_of(self, file: str) -> tuple[str, ...]:
        known = self._edges.get(file)
        if known is None:
            known = self._edges[file] = tuple(dict.fromkeys(_file_refs(file)))
        return known


def _file_refs(file: str) -> Iterator[str]:
    if os.path.splitext(file)[1].lower() not in DATA_SUFFIXES:
        return
    from speclint.loaders.openapi.document import parse

    try:
        with open(file, "rb") as stream:
            data = stream.read()
    except OSError:
        return  # gone, or unreadable: the loader reports it; it reads nothing further
    if not _FILE_REF.search(data):
        return
    root, _ = parse(data, os.path.splitext(file)[1].lower())
    folder = os.path.dirname(file)
    for ref in _ref_strings(root):
        target = _ref_file(ref)
        if target:
            yield os.path.normcase(os.path.normpath(os.path.join(folder, target)))


def _ref_strings(root: Any) -> Iterator[str]:
    pending = [root]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield ref
            pending.extend(v for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            pending.extend(v for v in value if isinstance(v, (dict, list)))


def _ref_file(ref: str) -> str | None:
    """The local file part of a ``$ref`` (None for a same-document or a remote ref)."""
    part = ref.split("#", 1)[0]
    if not part:
        return None
    scheme = urlsplit(part).scheme
    if scheme == "file":
        return unquote(urlsplit(part).path)
    if len(scheme) > 1:
        return None  # http(s) and other URLs; one letter is a Windows drive
    return unquote(part)


# GraphQL: every GraphQL file under the folder is one schema.


def _graphql_units(specs: list[SpecFile], touched: dict[str, Path], root: Path) -> Iterator[AffectedUnit]:
    base = _key(root) + os.sep
    changed = [
        key for key, path in touched.items() if path.suffix.lower() in GRAPHQL_SUFFIXES and key.startswith(base)
    ]
    changed += [_key(s.path) for s in specs if _key(s.path) in touched]
    hits = _hits(changed, touched)
    if hits and specs:
        yield AffectedUnit(SpecFormat.GRAPHQL, tuple(s.path for s in specs), hits)


# Protobuf: a proto and every proto that imports it, directly or not.


def _proto_units(
    specs: list[SpecFile], touched: dict[str, Path], root: Path, proto_paths: Sequence[Path]
) -> Iterator[AffectedUnit]:
    if not specs or not any(path.suffix.lower() in PROTO_SUFFIXES for path in touched.values()):
        return
    from speclint.loaders.protobuf.imports import read_imports

    top = _key(root)
    bases = [_key(p) for p in proto_paths] + [top]
    reads: dict[str, list[str]] = {}
    for spec in specs:
        key = _key(spec.path)
        try:
            statements = read_imports(spec.path.read_bytes())
        except OSError:
            statements = []
        folders = bases + _folders_up_to(os.path.dirname(key), top)
        targets = [os.path.normcase(os.path.normpath(os.path.join(f, s.name))) for s in statements for f in folders]
        reads[key] = [key] + [t for t in targets if t in touched or os.path.isfile(t)]
    for spec in specs:
        hits = _hits(_closure(_key(spec.path), reads), touched)
        if hits:
            yield AffectedUnit(SpecFormat.PROTOBUF, (spec.path,), hits)


def _folders_up_to(folder: str, top: str) -> list[str]:
    """``folder`` and its parents down to ``top`` (import roots a proto may be compiled from)."""
    folders = [folder]
    while folder != top and os.path.dirname(folder) != folder and folder.startswith(top):
        folder = os.path.dirname(folder)
        folders.append(folder)
    return folders


def _closure(start: str, edges: dict[str, list[str]]) -> list[str]:
    seen = {start: None}
    pending = [start]
    while pending:
        for target in edges.get(pending.pop(), ()):
            if target not in seen:
                seen[target] = None
                pending.append(target)
    return list(seen)
