"""The user's configuration: ``--config FILE``, or ``speclint.yaml`` / ``.speclint.yaml`` /
``[tool.speclint]`` in ``pyproject.toml``, found from the current folder upward (the search stops
at the root of a git work tree)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speclint.config.ruleset import Override, RuleConfig, parse_overrides, parse_rules
from speclint.errors import ConfigError
from speclint.sources.data_files import expect_mapping, expect_names, read_config_text, read_yaml

CONFIG_NAMES = ("speclint.yaml", ".speclint.yaml")
FAIL_LEVELS = ("error", "warning", "info", "hint", "never")
_KEYS = frozenset({"ruleset", "rules", "settings", "overrides", "ignore", "fail_on", "fail-on", "docs_url"})


@dataclass(frozen=True)
class PathIgnore:
    """Findings in files matching ``patterns`` are dropped (only of ``rules``, when given)."""

    patterns: tuple[str, ...]
    rules: tuple[str, ...]
    base: Path


@dataclass
class Config:
    path: Path | None = None
    ruleset: str | None = None
    rules: dict[str, RuleConfig] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    ignore: list[PathIgnore] = field(default_factory=list)
    fail_on: str | None = None
    docs_url: str = ""  # rule documentation pages: a base URL, or one with "{rule}" in it

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()


def discover_config(start: Path | None = None) -> Config | None:
    """The first configuration found from ``start`` upward, or None."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return load_config(path)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _tool_table(pyproject)
            if table is not None:
                return _parse(table, pyproject)
        if (candidate / ".git").exists():
            break
    return None


def load_config(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path.name == "pyproject.toml":
        table = _tool_table(path)
        return _parse(table or {}, path)
    return _parse(read_yaml(path), path)


def _tool_table(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(read_config_text(path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    table = data.get("tool", {}).get("speclint")
    return table if isinstance(table, dict) else None


def _parse(data: Any, path: Path) -> Config:
    where = str(path)
    data = expect_mapping(data, where)
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    ruleset = data.get("ruleset")
    if ruleset is not None and not isinstance(ruleset, str):
        raise ConfigError(f"{where}: ruleset: expected a name or a file")
    fail_on = data.get("fail_on", data.get("fail-on"))
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"{where}: fail_on: expected one of {', '.join(FAIL_LEVELS)}")
    docs_url = data.get("docs_url") or ""
    if docs_url and (not isinstance(docs_url, str) or not docs_url.startswith(("https://", "http://"))):
        raise ConfigError(f"{where}: docs_url: expected an http(s) URL")
    folder = path.parent.resolve()
    return Config(
        path=path.resolve(),
        ruleset=ruleset,
        rules=parse_rules(data.get("rules") or {}, where),
        settings=dict(expect_mapping(data.get("settings") or {}, f"{where}: settings")),
        overrides=parse_overrides(data.get("overrides") or [], where, folder),
        ignore=_ignores(data.get("ignore") or [], where, folder),
        fail_on=fail_on,
        docs_url=docs_url,
    )


def _ignores(value: Any, where: str, base: Path) -> list[PathIgnore]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: ignore: expected a list of {{path, rules}}")
    from speclint.lint.selection import validate_names
    from speclint.rules.registry import builtin_registry

    result = []
    for index, entry in enumerate(value):
        here = f"{where}: ignore[{index}]"
        if isinstance(entry, str):
            entry = {"path": entry}
        entry = expect_mapping(entry, here)
        if "path" not in entry or set(entry) - {"path", "paths", "rules"}:
            raise ConfigError(f"{here}: expected the keys path and rules")
        rules = expect_names(entry.get("rules") or [], f"{here}: rules")
        try:
            validate_names(rules)
        except Exception as error:
            raise ConfigError(f"{here}: {error}") from None
        patterns = expect_names(entry["path"], f"{here}: path")
        result.append(PathIgnore(tuple(patterns), tuple(builtin_registry().resolve(r) for r in rules), base))
    return result
