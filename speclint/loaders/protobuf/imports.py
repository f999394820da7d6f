"""The import graph, read before protoc runs: missing imports and import cycles.

protoc stops at the first file it cannot build, so speclint finds the two commonest import
problems itself (a regular expression over each file, no parsing) and keeps the files they
break out of the protoc run; the rest compiles in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from speclint.loaders.protobuf.roots import Batch
from speclint.sources.overlay import buffers, read_bytes

_IMPORT = re.compile(rb'[ \t]*import[ \t]+(?:(?:public|weak)[ \t]+)?"([^"\r\n]*)"')  # at a line start
_BLOCK_COMMENT = re.compile(rb"/\*.*?(?:\*/|\Z)", re.S)


@dataclass(frozen=True)
class ImportStatement:
    name: str
    line: int  # 1-based
    column: int  # 1-based, the opening quote
    end_column: int


@dataclass(frozen=True)
class ImportProblem:
    """A missing import or an import that closes a cycle, at its import statement."""

    file: Path
    statement: ImportStatement
    message: str
    cycle: bool = False


@dataclass
class ImportGraph:
    """Which file imports which, for the files of one batch and everything they reach."""

    edges: dict[Path, list[tuple[ImportStatement, Path]]] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)

    def importers_of(self, broken: set[Path]) -> set[Path]:
        """``broken`` and every file that imports one of them, directly or not."""
        reverse: dict[Path, list[Path]] = {}
        for source, targets in self.edges.items():
            for _, target in targets:
                reverse.setdefault(target, []).append(source)
        result = set(broken)
        pending = list(broken)
        while pending:
            for importer in reverse.get(pending.pop(), ()):
                if importer not in result:
                    result.add(importer)
                    pending.append(importer)
        return result

    @property
    def broken(self) -> set[Path]:
        return {p.file for p in self.problems}


def read_imports(data: bytes) -> list[ImportStatement]:
    """The import statements of a file (those inside block comments are skipped)."""
    matches = list(_import_statements(data))
    if not matches:
        return []
    # block comments up to the last import (a comment still open there hides what follows it);
    # "projects/*/..." in a long file's later text would make a scan of the whole file slow
    end = matches[-1].end()
    comments = [m.span() for m in _BLOCK_COMMENT.finditer(data, 0, end)] if b"/*" in data[:end] else []
    statements: list[ImportStatement] = []
    line, scanned = 1, 0
    for match in matches:
        start = match.start(1) - 1
        if any(a <= start < b for a, b in comments):
            continue
        line += data.count(b"\n", scanned, start)
        scanned = start
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        name = match.group(1).decode("utf-8", "replace")
        statements.append(ImportStatement(name, line, column, column + len(name) + 2))
    return statements


def _import_statements(data: bytes) -> Iterator[re.Match[bytes]]:
    """Matches of ``_IMPORT`` at line starts: found by looking for the word (fast in a long file
    with few imports) rather than by trying the pattern at every line."""
    found = data.find(b"import")
    while found != -1:
        line_start = data.rfind(b"\n", 0, found) + 1
        match = _IMPORT.match(data, line_start)
        if match is not None and match.start(1) > found:
            yield match
            found = data.find(b"import", match.end())
        else:
            found = data.find(b"import", found + 6)


_PACKAGE = re.compile(rb"(?m)^[ \t]*package[ \t]+([\w.]+)[ \t]*;")


@dataclass(frozen=True)
class FileHead:
    """What planning needs of a file, read without parsing it: its imports and its package
    (``b""``: none declared)."""

    imports: list[ImportStatement]
    package: bytes


def read_head(data: bytes) -> FileHead:
    match = _PACKAGE.search(data)
    return FileHead(read_imports(data), match.group(1) if match else b"")


_READ: dict[Path, tuple[tuple[int, int], FileHead]] = {}  # path -> (mtime, size), what it holds


def head_of(path: Path) -> FileHead | None:
    """The imports and package of ``path`` (None: it cannot be read), read once per process while
    the file stays the same: the trees of a run share their imports (``google/api/annotations.proto``),
    and a forked worker inherits what planning the trees read."""
    if buffers():  # an editor's unsaved buffers: read through them, and remember nothing
        try:
            return read_head(read_bytes(path))
        except OSError:
            return None
    try:
        info = path.stat()
    except OSError:
        return None
    stamp = (info.st_mtime_ns, info.st_size)
    known = _READ.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        head = read_head(path.read_bytes())
    except OSError:
        return None
    _READ[path] = (stamp, head)
    return head


def _imports_of(path: Path) -> list[ImportStatement]:
    head = head_of(path)
    return head.imports if head is not None else []


def build_graph(batch: Batch, cache: dict[Path, list[ImportStatement]]) -> ImportGraph:
    """Follow the imports of the batch's files through its roots; find missing ones and cycles."""
    graph = ImportGraph()
    pending = [f.path for f in batch.files]
    while pending:
        path = pending.pop()
        if path in graph.edges:
            continue
        statements = cache.get(path)
        if statements is None:
            statements = cache[path] = _imports_of(path)
        targets: list[tuple[ImportStatement, Path]] = []
        for statement in statements:
            target = batch.resolve(statement.name)
            if target is None:
                message = f'import "{statement.name}" was not found in the import path'
                graph.problems.append(ImportProblem(path, statement, message))
                continue
            targets.append((statement, target))
            if target not in graph.edges:
                pending.append(target)
        graph.edges[path] = targets
    graph.problems.extend(_cycles(graph, batch))
    return graph


def _cycles(graph: ImportGraph, batch: Batch) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    for component in _strong_components(graph.edges):
        members = set(component)
        for source in component:
            for statement, target in graph.edges.get(source, ()):
                if target not in members:
                    continue
                loop = [source, *_path_between(graph, target, source, members)]
                names = " -> ".join(batch.virtual_of(p) or p.name for p in loop)
                problems.append(ImportProblem(source, statement, f"import cycle: {names}", cycle=True))
    return problems


def _path_between(graph: ImportGraph, start: Path, goal: Path, members: set[Path]) -> list[Path]:
    """The shortest import chain from ``start`` back to ``goal`` inside one component."""
    previous: dict[Path, Path | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for _, target in graph.edges.get(node, ()):
            if target in members and target not in previous:
                previous[target] = node
                queue.append(target)
    chain: list[Path] = []
    step: Path | None = goal
    while step is not None:
        chain.append(step)
        step = previous.get(step)
    return list(reversed(chain)) if chain[-1] == start else [start, goal]


def _strong_components(edges: dict[Path, list[tuple[ImportStatement, Path]]]) -> list[list[Path]]:
    """Tarjan's algorithm, iterative; only components that contain a cycle."""
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    on_stack: set[Path] = set()
    stack: list[Path] = []
    result: list[list[Path]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[Path, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position][1]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[Path] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                cyclic = len(component) > 1 or any(t == node for _, t in edges.get(node, ()))
                if cyclic:
                    result.append(list(reversed(component)))
    return result
