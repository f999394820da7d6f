"""Each workspace folder with its own configuration, discovered as ``check`` discovers it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from speclint.config.resolve import RunConfig, resolve_run_config
from speclint.errors import SpeclintError
from speclint.loaders.base import LoadOptions
from speclint.server.session import LintSession, real

# Files whose change reloads the configuration of the folders they may apply to.
CONFIG_NAMES = frozenset(
    {"speclint.yaml", ".speclint.yaml", "pyproject.toml", ".spectral.yaml", ".spectral.yml", ".spectral.json"}
    | {"buf.yaml"}
)


@dataclass(frozen=True)
class ServerOptions:
    """What the editor may set (``initializationOptions``), the same for every folder."""

    config: str | None = None  # like --config
    ruleset: str | None = None  # like --ruleset
    proto_paths: tuple[Path, ...] = ()
    docs_url: str | None = None  # ``https://…/{rule}``: a link on each diagnostic's code
    debounce_s: float = 0.15


@dataclass
class Folder:
    """A workspace folder (or one file opened outside every folder) and its lint session."""

    paths: tuple[Path, ...]
    options: ServerOptions
    session: LintSession = field(init=False)
    problem: str | None = field(init=False, default=None)  # a configuration error, to show the user

    def __post_init__(self) -> None:
        run_config = self._run_config()
        options = LoadOptions(settings=dict(run_config.loader_settings), proto_paths=self.options.proto_paths)
        self.session = LintSession.create(self.paths, run_config, options)

    @property
    def base(self) -> Path:
        """Where configuration is looked for: the folder, or the loose file's folder."""
        first = self.paths[0]
        return first if first.is_dir() else first.parent

    def reload(self) -> None:
        """Read the configuration again; every unit is linted afresh on next need."""
        self.session.run_config = self._run_config()
        self.session.options = replace(self.session.options, settings=dict(self.session.run_config.loader_settings))
        self.session.states.clear()

    def affected_by(self, config_file: str) -> bool:
        """Whether a configuration file at real path ``config_file`` may apply to this folder:
        it lies in the folder, or in a folder above it."""
        folder = os.path.dirname(config_file)
        base = real(self.base)
        return base == folder or base.startswith(folder.rstrip(os.sep) + os.sep) or folder.startswith(base + os.sep)

    def _run_config(self) -> RunConfig:
        self.problem = None
        try:
            config = resolve_run_config(self.options.config, self.options.ruleset, [], [], cwd=self.base)
        except SpeclintError as error:
            self.problem = f"speclint: {error}; using the recommended ruleset"
            anchor = Path(self.base.anchor)  # no configuration file to discover there
            config = resolve_run_config(None, "recommended", [], [], cwd=anchor)
        return replace(config, cwd=Path.cwd())  # findings name files relative to this process's folder


def folder_of(path: str, roots: Sequence[str]) -> str | None:
    """The innermost of ``roots`` (real paths) holding ``path``."""
    holding = [r for r in roots if path == r or path.startswith(r.rstrip(os.sep) + os.sep)]
    return max(holding, key=len) if holding else None


__all__ = ["CONFIG_NAMES", "Folder", "ServerOptions", "folder_of"]
