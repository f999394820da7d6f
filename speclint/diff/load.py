"""Read one version of a spec into the model, from the working tree or from a git revision."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from speclint.errors import InputError, UsageError
from speclint.lint.discover import discover
from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.display import display_path
from speclint.loaders.registry import loader_for
from speclint.model import Api, SpecFormat


@dataclass
class Loaded:
    api: Api
    file_map: Callable[[str], str]


def load_api(path: Path, options: LoadOptions, label: str | None = None) -> Api:
    """The API described by ``path`` (a file, or a folder holding one GraphQL/proto schema).

    Raises :class:`InputError` when it cannot be read as one spec.
    """
    shown = label or str(path)
    specs = [s for s in discover([path]) if s.format is not None]
    if not specs:
        raise InputError(f"{shown}: not a spec file speclint can read (OpenAPI, GraphQL SDL or protobuf)")
    formats = {s.format for s in specs}
    if len(formats) > 1:
        raise InputError(f"{shown}: holds specs of several formats; name one file")
    spec_format = specs[0].format
    assert spec_format is not None
    if spec_format is SpecFormat.OPENAPI and len(specs) > 1:
        raise InputError(f"{shown}: holds {len(specs)} OpenAPI documents; name one file")
    loader = loader_for(spec_format)
    if loader is None:
        raise InputError(f"{shown}: {spec_format.value} files are not supported by this version of speclint")
    root = path.resolve() if path.is_dir() else path.resolve().parent
    options = replace(
        options,
        roots=options.roots or (root,),
        explicit=frozenset(s.path for s in specs),
        proto_paths=_proto_paths_for(path, options.proto_paths),
    )
    results = list(loader.load([s.path for s in specs], options))
    apis = [r.api for r in results if r.api is not None]
    if spec_format is SpecFormat.PROTOBUF and len(apis) > 1 and not _errors(results):
        return _merged(apis)  # a tree of packages (googleapis): types and RPCs keep full names
    if len(apis) != 1:
        errors = [f for r in results for f in r.findings if f.severity.value == "error"]
        if errors:
            first = errors[0]
            raise InputError(f"{shown}:{first.line}:{first.column}: cannot be read: {first.message}")
        raise InputError(f"{shown}: does not describe exactly one API")
    return apis[0]


def _proto_paths_for(path: Path, proto_paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """The import roots of one side: those that hold it, when some do (``diff old/x new/x
    --proto-path old --proto-path new`` gives each side its own root), else all of them."""
    target = path.resolve()
    holding = tuple(p for p in proto_paths if target == p.resolve() or p.resolve() in target.parents)
    return holding or proto_paths


def _errors(results: list[LoadResult]) -> bool:
    return any(f.severity.value == "error" for r in results for f in r.findings)


def _merged(apis: list[Api]) -> Api:
    """One model for the packages of a proto tree, as ``buf breaking`` compares a module."""
    files = tuple(dict.fromkeys(f for api in apis for f in api.files))
    return replace(
        apis[0],
        files=files,
        title=None,
        version=None,
        version_location=None,
        version_marks=tuple(m for api in apis for m in api.version_marks),
        operations=tuple(o for api in apis for o in api.operations),
        types=tuple(t for api in apis for t in api.types),
        security_schemes=tuple({s.name: s for api in apis for s in api.security_schemes}.values()),
    )


def load_at_revision(revision: str, path: Path, options: LoadOptions, workdir: Path) -> Loaded | None:
    """``path`` as it stands at git ``revision``, or None when it did not exist there.

    The folder holding it (and every ``--proto-path`` inside the repository) is extracted with
    ``git archive`` into ``workdir``, so ``$ref`` targets and imports resolve as they did then.
    File names in the model are mapped back to the working-tree names.
    """
    top = _git(["rev-parse", "--show-toplevel"], path.resolve().parent if not path.is_dir() else path.resolve())
    repo = Path(top.decode().strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo, f"unknown revision '{revision}'")
    target = path.resolve()
    try:
        relative = target.relative_to(repo)
    except ValueError as error:
        raise UsageError(f"{path} is not inside the git repository {repo}") from error
    folder = relative if path.is_dir() else relative.parent
    folders = [folder] + [_inside(repo, p) for p in options.proto_paths if _inside(repo, p) is not None]
    if options.allow_outside_refs:
        folders = [Path(".")]  # refs may reach anywhere in the repository
    names = [f.as_posix() or "." for f in folders if f is not None]
    if not _exists(repo, revision, relative.as_posix()):
        return None
    archive = _git(["archive", "--format=tar", revision, "--", *names], repo)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(workdir, filter="data")
        except TypeError:  # Python without extraction filters: git archives hold plain files
            tar.extractall(workdir)
    old_path = workdir / relative
    proto_paths = tuple(
        workdir / inside if inside is not None else p
        for p, inside in ((p, _inside(repo, p)) for p in options.proto_paths)
    )
    old_options = replace(options, roots=(workdir / folder,), proto_paths=proto_paths)
    api = load_api(old_path, old_options, label=f"{revision}:{relative.as_posix()}")
    prefix = str(workdir.resolve())

    def file_map(file: str) -> str:
        resolved = file if os.path.isabs(file) else str((Path.cwd() / file).resolve())
        if resolved.startswith(prefix + os.sep):
            return display_path(repo / os.path.relpath(resolved, prefix))
        return file

    return Loaded(api, file_map)


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="speclint-diff-")


def _inside(repo: Path, path: Path) -> Path | None:
    try:
        return path.resolve().relative_to(repo)
    except ValueError:
        return None


def _exists(repo: Path, revision: str, relative: str) -> bool:
    probe = subprocess.run(
        ["git", "cat-file", "-e", f"{revision}:{relative}"], cwd=repo, capture_output=True, check=False
    )
    return probe.returncode == 0


def _git(args: list[str], cwd: Path, failure: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise UsageError("--base needs git, which is not installed") from error
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(failure or f"git {args[0]} failed: {detail[0] if detail else done.returncode}")
    return done.stdout
