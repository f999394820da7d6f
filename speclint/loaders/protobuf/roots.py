"""Import roots and the names protoc knows each file by.

protoc resolves an ``import "a/b.proto"`` against an ordered list of folders (``-I``). speclint
uses, in order: the ``--proto-path`` folders, the folders that a ``buf.yaml`` makes module
roots, the file's own folder (only for files under none of those), and last the well-known
types that ship with grpcio-tools. Each file gets a *virtual name*, its path below the first
of those roots that holds it.

Files reached only through their own folder are all named by their base name; two such files
with the same base name cannot be compiled together, so they are put in separate *batches*
(usually there is exactly one).
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from speclint.loaders.base import LoadOptions
from speclint.loaders.display import display_path, is_within

_BUF_MODULE_PATH = re.compile(r"(?m)^\s*-\s*path\s*:\s*['\"]?([^'\"#\s]+)")
_BUF_V1_ROOTS = re.compile(r"(?ms)^\s*roots\s*:\s*\n((?:\s*-\s*.+\n?)+)")
_BUF_ROOT_ITEM = re.compile(r"-\s*['\"]?([^'\"#\s]+)")


@dataclass(frozen=True)
class ProtoFile:
    """One ``.proto`` file being linted."""

    path: Path  # resolved
    display: str
    virtual: str


@dataclass
class Batch:
    """Files that can be compiled by one protoc run, and the roots that run uses."""

    roots: tuple[Path, ...]
    files: list[ProtoFile] = field(default_factory=list)

    def resolve(self, name: str) -> Path | None:
        """The file that protoc would read for the virtual name ``name`` (None: not found)."""
        return _resolve(self.roots, name)

    def holds(self, path: Path) -> Path | None:
        """The first root below which ``path`` (resolved) lies."""
        return next((root for root in self.roots if lies_below(path, root)), None)

    def locate(self, name: str) -> Path | None:
        """The file protoc meant by ``name`` in a message: a virtual name or a disk path."""
        if os.path.isabs(name):
            return real_path(name) if _is_file(name) else None
        return self.resolve(name)

    def virtual_of(self, path: Path) -> str | None:
        """The virtual name protoc gives the file at ``path``."""
        root = self.holds(path)
        return _relative_name(path, root) if root is not None else None


@dataclass
class Shadowed:
    """A file that cannot be compiled because an earlier root holds a file of the same name."""

    file: ProtoFile
    by: Path


@dataclass
class Layout:
    batches: list[Batch]
    shadowed: list[Shadowed]


def forget_file_lookups() -> None:
    """Forget which files exist: they come and go between the runs of one process (tests, a
    language server). Called once per run, before its trees are planned."""
    for memo in (_resolve, _is_file, _buf_yaml_roots, _real_folder, _real_file):
        memo.cache_clear()


def real_path(path: Path | str) -> Path:
    """``os.path.realpath(path)`` of a file or folder, with the folders' real paths remembered:
    the files of a tree share a few hundred folders, and resolving each file from the root up
    costs a system call per level. A path that is itself a link is resolved in full. Each path
    is resolved once per run (planning the trees and each tree's own plan ask again)."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    return _real_file(text)


@lru_cache(maxsize=65536)
def _real_file(text: str) -> Path:
    if os.path.islink(text):
        return Path(os.path.realpath(text))
    folder, name = os.path.split(text)
    if not name or name in (".", ".."):
        return Path(os.path.realpath(text))
    return Path(os.path.join(_real_folder(folder), name))


@lru_cache(maxsize=65536)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


@lru_cache(maxsize=1)
def well_known_root() -> Path | None:
    """``grpc_tools/_proto``: google/protobuf/*.proto, found without importing grpc_tools."""
    spec = importlib.util.find_spec("grpc_tools")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations))) / "_proto"
    return root if root.is_dir() else None


def plan_layout(paths: Sequence[Path], options: LoadOptions) -> Layout:
    """Give each file its virtual name and put the files into as few batches as possible."""
    proto_paths = _unique(real_path(p) for p in options.proto_paths if os.path.isdir(p))
    cwd = real_path(os.getcwd())
    bounds = tuple(map(real_path, options.roots)) + proto_paths + (cwd,)
    files = [real_path(p) for p in paths]
    folders = tuple(map(Path, dict.fromkeys(os.path.dirname(f) for f in files)))
    buf_roots = _unique(root for folder in folders for root in _buf_roots(folder, bounds))
    base = proto_paths + tuple(r for r in buf_roots if r not in proto_paths)
    wkt = well_known_root()
    tail = (wkt,) if wkt is not None else ()

    first = Batch(base + tail)
    batches = [first]
    shadowed: list[Shadowed] = []
    own: dict[Path, list[Path]] = {}
    names: list[dict[str, Path]] = [{}]
    for path in files:
        root = next((r for r in base if lies_below(path, r)), None)
        if root is None:
            own.setdefault(path.parent, []).append(path)
            continue
        _add(first, names[0], ProtoFile(path, display_resolved(path, cwd), _relative_name(path, root)), shadowed)
    for folder, folder_files in own.items():
        wanted = {f.name for f in folder_files}
        index = next((i for i, n in enumerate(names) if not wanted & n.keys()), None)
        if index is None:
            batches.append(Batch(base + tail))
            names.append({})
            index = len(batches) - 1
        batch = batches[index]
        batch.roots = (*batch.roots[: len(batch.roots) - len(tail)], folder, *tail)
        for path in folder_files:
            _add(batch, names[index], ProtoFile(path, display_resolved(path, cwd), path.name), shadowed)
    _check_shadowing(batches, shadowed)
    return Layout([b for b in batches if b.files], shadowed)


def _add(batch: Batch, names: dict[str, Path], file: ProtoFile, shadowed: list[Shadowed]) -> None:
    earlier = names.get(file.virtual)
    if earlier is not None:
        shadowed.append(Shadowed(file, earlier))
        return
    names[file.virtual] = file.path
    batch.files.append(file)


def _check_shadowing(batches: list[Batch], shadowed: list[Shadowed]) -> None:
    """A file whose virtual name protoc would find first in another root cannot be compiled."""
    for batch in batches:
        kept: list[ProtoFile] = []
        for file in batch.files:
            earlier = _roots_before(batch.roots, file)
            found = _resolve(earlier, file.virtual) if earlier else None
            if found is not None and found != file.path:
                shadowed.append(Shadowed(file, found))
            else:
                kept.append(file)
        batch.files = kept


def _roots_before(roots: tuple[Path, ...], file: ProtoFile) -> tuple[Path, ...]:
    """The roots protoc looks in before the one where it finds ``file`` by its virtual name (the
    only ones that can hold another file of that name); all of them when that root is unclear."""
    target = str(file.path)
    for index, root in enumerate(roots):
        if os.path.join(root, *file.virtual.split("/")) == target:
            return roots[:index]
    return roots


def lies_below(path: Path, root: Path) -> bool:
    """``path`` lies in ``root``; both already resolved."""
    text, base = str(path), str(root)
    return text == base or text.startswith(base.rstrip(os.sep) + os.sep)


def display_resolved(path: Path, cwd: Path) -> str:
    """:func:`display_path` for a resolved path, without resolving it again."""
    return _relative_name(path, cwd) if lies_below(path, cwd) else display_path(path)


def _relative_name(path: Path, root: Path) -> str:
    """``path.relative_to(root).as_posix()`` for a ``path`` that lies below ``root`` (both
    resolved), by slicing their text: pathlib makes a new path of each part."""
    text, base = str(path), str(root).rstrip(os.sep)
    relative = text[len(base) + 1 :] if len(text) > len(base) else "."
    return relative.replace(os.sep, "/") if os.sep != "/" else relative


@lru_cache(maxsize=65536)
def _resolve(roots: tuple[Path, ...], name: str) -> Path | None:
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in name.split("/")):
        return None
    for root in roots:
        candidate = os.path.join(root, name)
        if _is_file(candidate):
            return real_path(candidate)
    return None


@lru_cache(maxsize=65536)
def _is_file(path: str) -> bool:
    return os.path.isfile(path)


def _buf_roots(folder: Path, bounds: tuple[Path, ...]) -> tuple[Path, ...]:
    """Module roots named by the nearest ``buf.yaml`` at or above ``folder``, inside ``bounds``."""
    current = folder
    while any(lies_below(current, bound) for bound in bounds):
        roots = _buf_yaml_roots(current)
        if roots:
            return roots
        if current.parent == current:
            break
        current = current.parent
    return ()


@lru_cache(maxsize=4096)
def _buf_yaml_roots(folder: Path) -> tuple[Path, ...]:
    for name in ("buf.yaml", "buf.yml"):
        config = folder / name
        if not config.is_file():
            continue
        try:
            text = config.read_text("utf-8", "replace")
        except OSError:
            return (folder,)
        listed = _BUF_MODULE_PATH.findall(text)
        block = _BUF_V1_ROOTS.search(text)
        if block:
            listed += _BUF_ROOT_ITEM.findall(block.group(1))
        roots = [(folder / item).resolve() for item in listed]
        inside = [r for r in roots if r.is_dir() and is_within(r, (folder,))]
        return tuple(inside) or (folder,)
    return ()


def _unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(paths))
