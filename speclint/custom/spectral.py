"""Read a Spectral ruleset file (YAML or JSON) into :class:`SpectralRule` definitions.

Supported keys: ``extends`` (``spectral:oas``, local files, npm packages installed in a local
``node_modules``, with ``recommended``/``all``/``off`` modes), ``aliases``, ``formats``,
``rules`` (definitions and severity changes), ``overrides`` (file globs, with an optional
``#/json/pointer``) and ``functions`` (custom JavaScript functions, which are reported and
whose rules are skipped).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from speclint.custom.npm_rulesets import data_file, find_package, is_package_name, node_dump
from speclint.errors import ConfigError
from speclint.findings import Severity

SPECTRAL_FORMATS = frozenset({"oas2", "oas3", "oas3_0", "oas3_1", "oas3_2"})
BUILTIN_OAS = "spectral:oas"
_SEVERITY_NAMES = {
    "error": Severity.ERROR,
    "warn": Severity.WARNING,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "information": Severity.INFO,
    "hint": Severity.HINT,
}
_SEVERITY_NUMBERS = {0: Severity.ERROR, 1: Severity.WARNING, 2: Severity.INFO, 3: Severity.HINT}
OFF = "off"


@dataclass(frozen=True)
class Then:
    field: str | None
    function: str
    options: Any = None


@dataclass(frozen=True)
class SpectralRule:
    name: str
    given: tuple[str, ...]
    then: tuple[Then, ...]
    severity: Severity | None  # None: off
    description: str = ""
    message: str | None = None
    formats: frozenset[str] | None = None
    resolved: bool = True
    recommended: bool = True
    source: str = ""  # the ruleset file that defines it, or spectral:oas
    category: str | None = None  # speclint extension: the category findings carry
    where: dict[str, Any] = field(default_factory=dict)  # speclint extension: model filters

    @property
    def model_kind(self) -> str | None:
        """``operations`` for ``given: model:operations``; None for JSONPath rules."""
        first = self.given[0]
        return first[len("model:") :] if first.startswith("model:") else None


@dataclass(frozen=True)
class Override:
    """``files`` entries are globs, optionally with ``#/pointer``; ``rules`` maps names to a
    severity or None (off)."""

    patterns: tuple[str, ...]
    rules: dict[str, Severity | None]
    base: Path


@dataclass
class SpectralRuleset:
    path: Path
    rules: dict[str, SpectralRule] = field(default_factory=dict)
    aliases: dict[str, Any] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    extends_oas: bool = False


def parse_severity(value: Any, where: str) -> Severity | None:
    if value is False or value == OFF or value == -1:
        return None
    if isinstance(value, bool):
        return Severity.WARNING
    if isinstance(value, int) and value in _SEVERITY_NUMBERS:
        return _SEVERITY_NUMBERS[value]
    if isinstance(value, str) and value in _SEVERITY_NAMES:
        return _SEVERITY_NAMES[value]
    raise ConfigError(f"{where}: unknown severity {value!r} (expected error, warn, info, hint, off or 0-3)")


def read_data(path: Path) -> Any:
    from speclint.sources.data_files import read_config_text, read_yaml

    if path.suffix == ".json":
        try:
            return json.loads(read_config_text(path))
        except (OSError, ValueError) as error:
            raise ConfigError(f"{path}: cannot read: {error}") from None
    return read_yaml(path)


def load_spectral(path: Path, _chain: tuple[str, ...] = ()) -> SpectralRuleset:
    """The ruleset in ``path`` with everything it extends."""
    path = path.resolve()
    if str(path) in _chain:
        raise ConfigError(f"ruleset {path} extends itself")
    data = read_data(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a Spectral ruleset is a mapping")
    return _build(data, path, str(path), (*_chain, str(path)))


def builtin_oas() -> dict[str, Any]:
    resource = Path(__file__).with_name("spectral_oas.json")
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


def _build(data: dict[str, Any], path: Path, source: str, chain: tuple[str, ...]) -> SpectralRuleset:
    result = SpectralRuleset(path)
    where = str(path) if source != BUILTIN_OAS else BUILTIN_OAS
    for parent, mode in _extends(data.get("extends"), where):
        if parent == BUILTIN_OAS:
            inner = _build(builtin_oas(), path, BUILTIN_OAS, chain)
            result.extends_oas = True
        elif parent.startswith("spectral:"):
            result.notices.append(f"{where}: ruleset {parent} is not supported; it was skipped")
            continue
        elif is_package_name(parent) and not (path.parent / parent).is_file():
            loaded = _npm_ruleset(parent, path, chain, where, result)
            if loaded is None:
                continue
            inner = loaded
        elif parent.startswith(("http://", "https://")) or (
            not parent.startswith((".", "/")) and not (path.parent / parent).is_file()
        ):
            result.notices.append(
                f"{where}: extends {parent!r}: only spectral:oas, local files and installed npm packages can be"
                " read; it was skipped"
            )
            continue
        else:
            target = (path.parent / parent).resolve()
            if not target.is_file():
                raise ConfigError(f"{where}: extends {parent!r}: file not found")
            inner = load_spectral(target, chain)
        _merge(result, inner, mode)
    result.aliases.update(data.get("aliases") or {})
    default_formats = _formats(data.get("formats"), where)
    for name, entry in (data.get("rules") or {}).items():
        here = f"{where}: rule {name}"
        if isinstance(entry, dict) and "given" in entry:
            rule = _rule(str(name), entry, here, default_formats, source)
            result.rules[str(name)] = rule
        elif str(name) in result.rules:
            severity = _change(entry, here, result.rules[str(name)])
            result.rules[str(name)] = replace(result.rules[str(name)], severity=severity)
        else:
            result.notices.append(f"{here}: no such rule in the rulesets it extends; ignored")
    for index, entry in enumerate(data.get("overrides") or []):
        result.overrides.append(_override(entry, f"{where}: overrides[{index}]", path.parent, result))
    return result


def _npm_ruleset(
    name: str, path: Path, chain: tuple[str, ...], where: str, result: SpectralRuleset
) -> SpectralRuleset | None:
    """The ruleset of the npm package ``name`` installed in a ``node_modules`` at or above ``path``."""
    package = find_package(name, path.parent)
    if package is None:
        result.notices.append(f"{where}: extends {name!r}: not installed in a node_modules folder; it was skipped")
        return None
    data_path = data_file(package)
    if data_path is not None:
        return load_spectral(data_path, chain)
    data, why = node_dump(package)
    if data is None:
        result.notices.append(f"{where}: extends {name!r}: {why}; it was skipped")
        return None
    return _build(data, package / "package.json", str(package), (*chain, str(package)))


def _extends(value: Any, where: str) -> list[tuple[str, str]]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if isinstance(item, str):
            result.append((item, "recommended"))
        elif isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item):
            if item[1] not in ("recommended", "all", "off"):
                raise ConfigError(f"{where}: extends: unknown mode {item[1]!r}")
            result.append((item[0], item[1]))
        else:
            raise ConfigError(f"{where}: extends: expected a name, a path or [name, mode]")
    return result


def _merge(into: SpectralRuleset, other: SpectralRuleset, mode: str) -> None:
    for name, rule in other.rules.items():
        if mode == "off":
            rule = replace(rule, severity=None)
        elif mode == "recommended" and not rule.recommended:
            rule = replace(rule, severity=None)
        into.rules[name] = rule
    into.aliases.update(other.aliases)
    into.overrides.extend(other.overrides)
    into.notices.extend(other.notices)
    into.extends_oas = into.extends_oas or other.extends_oas


def _formats(value: Any, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: formats: expected a list of names")
    unknown = [v for v in value if v not in SPECTRAL_FORMATS and not v.startswith(("json-schema", "asyncapi"))]
    if unknown:
        raise ConfigError(f"{where}: formats: unknown format {unknown[0]!r}")
    return frozenset(value)


def _rule(name: str, entry: dict[str, Any], where: str, formats: frozenset[str] | None, source: str) -> SpectralRule:
    given = entry["given"]
    givens = (given,) if isinstance(given, str) else tuple(given) if isinstance(given, list) else None
    if not givens or not all(isinstance(g, str) for g in givens):
        raise ConfigError(f"{where}: given: expected a JSONPath or a list of them")
    then_value = entry.get("then")
    thens = then_value if isinstance(then_value, list) else [then_value]
    then: list[Then] = []
    for item in thens:
        if not isinstance(item, dict) or not isinstance(item.get("function"), str):
            raise ConfigError(f"{where}: then: expected {{field, function, functionOptions}}")
        then.append(Then(item.get("field"), item["function"], item.get("functionOptions")))
    severity = parse_severity(entry.get("severity", "warn"), where)
    return SpectralRule(
        name=name,
        given=givens,
        then=tuple(then),
        severity=severity,
        description=str(entry.get("description") or ""),
        message=entry.get("message"),
        formats=_formats(entry.get("formats"), where) if "formats" in entry else formats,
        resolved=entry.get("resolved", True) is not False,
        recommended=entry.get("recommended", True) is not False,
        source=source,
        category=entry.get("category"),
        where=dict(entry.get("where") or {}),
    )


def _change(entry: Any, where: str, rule: SpectralRule) -> Severity | None:
    if entry is True:
        return rule.severity or Severity.WARNING
    if isinstance(entry, dict):
        return parse_severity(entry.get("severity", "warn"), where)
    return parse_severity(entry, where)


def _override(entry: Any, where: str, base: Path, ruleset: SpectralRuleset) -> Override:
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), list):
        raise ConfigError(f"{where}: expected {{files: [...], rules: {{...}}}}")
    rules: dict[str, Severity | None] = {}
    for name, value in (entry.get("rules") or {}).items():
        here = f"{where}: rule {name}"
        if isinstance(value, dict) and "given" in value:
            ruleset.notices.append(f"{here}: defining rules inside overrides is not supported; ignored")
            continue
        known = ruleset.rules.get(str(name))
        rules[str(name)] = _change(value, here, known) if known else parse_severity(value, here)
    if entry.get("extends"):
        ruleset.notices.append(f"{where}: extends inside overrides is not supported; ignored")
    return Override(tuple(str(f) for f in entry["files"]), rules, base)
